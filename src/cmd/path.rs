//! `kg path`: the shortest chain of relations between two entities, or many pairs at once.

use super::{clip, load_compact, open_existing, plural, write_json, FilterArgs, Outcome};
use anyhow::Context;
use kg::graph::compact::{CompactGraph, Searcher, Walk};
use kg::graph::query::{describe_path, find_paths, GraphPath, PathMode};
use kg::model::{EntityId, EntityRecord};
use kg::store::Store;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Where the path starts (name or alias).
    #[arg(required_unless_present = "batch")]
    from: Option<String>,
    /// Where it ends (name or alias).
    #[arg(required_unless_present = "batch")]
    to: Option<String>,
    /// Answer every `A<TAB>B` line of this file (one result line per pair, the graph loaded
    /// once; `#` lines and blank lines are skipped; `-` reads standard input). Exit code 0
    /// even when some pairs have no path.
    #[arg(long, conflicts_with_all = ["from", "to", "all_shortest", "k"])]
    batch: Option<PathBuf>,
    /// Follow relations only from subject to object (default: either way).
    #[arg(long)]
    directed: bool,
    /// Give up beyond this many hops (the search stops there instead of exploring the graph).
    #[arg(long)]
    max_hops: Option<usize>,
    /// Prefer sure chains: each hop costs 1 + (1 − the confidence of its best relation), and
    /// the cheapest path wins (petgraph's A*). Without it, the fewest hops win.
    #[arg(long, conflicts_with_all = ["all_shortest", "k", "max_hops"])]
    weighted: bool,
    /// Every shortest path, not just one (at most --limit).
    #[arg(long, conflicts_with = "k")]
    all_shortest: bool,
    /// The N shortest simple paths (Yen's algorithm), shortest first.
    #[arg(long, value_name = "N")]
    k: Option<usize>,
    /// At most this many paths with --all-shortest.
    #[arg(long, default_value_t = 100)]
    limit: usize,
    #[command(flatten)]
    filters: FilterArgs,
    /// Output format (`jsonl` only with --batch: one JSON object per pair).
    #[arg(long, value_enum, default_value = "text")]
    format: PathFormat,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum PathFormat {
    /// Readable lines.
    Text,
    /// One JSON document.
    Json,
    /// One JSON object per line (with --batch).
    Jsonl,
}

pub fn run(db: &Path, args: Args, out: &mut impl Write) -> anyhow::Result<Outcome> {
    if args.format != PathFormat::Json {
        return answer(db, &args, out);
    }
    // A JSON reader gets a JSON answer even when there is no path or the query fails.
    let (from, to) = (args.from.as_deref(), args.to.as_deref());
    match answer(db, &args, out) {
        Ok(Outcome::Empty(reason)) => {
            let doc = serde_json::json!({"from": from, "to": to, "paths": [], "reason": reason});
            write_json(out, &doc)?;
            Ok(Outcome::Empty(reason))
        }
        Err(e) => {
            let doc = serde_json::json!({"from": from, "to": to, "error": format!("{e:#}")});
            write_json(out, &doc)?;
            Err(e)
        }
        done => done,
    }
}

fn answer(db: &Path, args: &Args, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let store = open_existing(db)?;
    let filters = args.filters.resolve()?;
    let walk = Walk {
        directed: args.directed,
        max_hops: args.max_hops,
    };
    if let Some(batch) = &args.batch {
        if args.format == PathFormat::Json {
            anyhow::bail!("--batch writes one line per pair: use --format text or jsonl");
        }
        let graph = load_compact(&store, &filters.edge)?;
        return run_batch(&store, &graph, batch, walk, args.format, out);
    }
    if args.format == PathFormat::Jsonl {
        anyhow::bail!("--format jsonl is for --batch; use json for one path");
    }
    let (Some(a), Some(b)) = (&args.from, &args.to) else {
        anyhow::bail!("give two entities, or --batch FILE");
    };
    let from = store.find_entity(a)?;
    let to = store.find_entity(b)?;
    let graph = load_compact(&store, &filters.edge)?;
    let (Some(s), Some(t)) = (graph.index_of(from.id), graph.index_of(to.id)) else {
        return Ok(Outcome::Empty(format!(
            "{} or {} is not in the graph",
            from.name, to.name
        )));
    };
    let mode = if args.weighted {
        PathMode::Weighted
    } else if args.all_shortest {
        PathMode::AllShortest(args.limit)
    } else if let Some(k) = args.k {
        PathMode::KShortest(k)
    } else {
        PathMode::Shortest
    };
    let paths = find_paths(&graph, s, t, walk, mode);
    if paths.is_empty() {
        let bound = args
            .max_hops
            .map(|h| format!(" within {h} {}", plural(h, "hop")))
            .unwrap_or_default();
        return Ok(Outcome::Empty(format!(
            "no path from {} to {}{bound}",
            from.name, to.name
        )));
    }
    let paths: Vec<GraphPath> = paths
        .iter()
        .map(|p| describe_path(&store, &graph, p, args.directed))
        .collect::<kg::Result<_>>()?;
    match args.format {
        PathFormat::Json | PathFormat::Jsonl => {
            let doc = if paths.len() == 1 && !args.all_shortest && args.k.is_none() {
                let p = &paths[0];
                serde_json::json!({"from": from, "to": to, "length": p.length, "hops": p.hops})
            } else {
                serde_json::json!({"from": from, "to": to, "paths": paths})
            };
            write_json(out, &doc)?;
        }
        PathFormat::Text => {
            for (i, p) in paths.iter().enumerate() {
                if paths.len() > 1 {
                    writeln!(
                        out,
                        "{}Path {} of {}",
                        if i > 0 { "\n" } else { "" },
                        i + 1,
                        paths.len()
                    )?;
                }
                write_text(out, &from, p)?;
            }
        }
    }
    Ok(Outcome::Done)
}

fn write_text(out: &mut impl Write, from: &EntityRecord, p: &GraphPath) -> anyhow::Result<()> {
    // Names and sentences come from untrusted input: no control character reaches the terminal.
    let out = &mut kg::text::EscapingWriter::new(&mut *out);
    if p.hops.is_empty() {
        writeln!(out, "{} (0 hops)", from.name)?;
        return Ok(());
    }
    let mut names: Vec<&str> = p.hops.iter().map(|h| h.from.name.as_str()).collect();
    names.extend(p.hops.last().map(|h| h.to.name.as_str()));
    writeln!(
        out,
        "{}  ({} {})",
        names.join(" → "),
        p.length,
        plural(p.length, "hop")
    )?;
    for (i, hop) in p.hops.iter().enumerate() {
        let arrow = if hop.forward {
            format!("—{}→", hop.relation)
        } else {
            format!("←{}—", hop.relation)
        };
        writeln!(
            out,
            "\n{}. {} {} {}",
            i + 1,
            hop.from.name,
            arrow,
            hop.to.name
        )?;
        writeln!(
            out,
            "   {} · {} {} · {}{} · confidence {:.2}",
            hop.predicate,
            hop.support,
            plural(hop.support as usize, "sentence"),
            hop.document,
            hop.date
                .as_deref()
                .map(|d| format!(" ({d})"))
                .unwrap_or_default(),
            hop.confidence
        )?;
        writeln!(out, "   “{}”", clip(&hop.evidence, 240))?;
    }
    Ok(())
}

#[derive(Serialize)]
struct BatchLine<'a> {
    from: &'a str,
    to: &'a str,
    hops: Option<usize>,
    path: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

fn run_batch(
    store: &Store,
    graph: &CompactGraph,
    file: &Path,
    walk: Walk,
    format: PathFormat,
    out: &mut impl Write,
) -> anyhow::Result<Outcome> {
    let reader: Box<dyn BufRead> = if file == Path::new("-") {
        Box::new(std::io::BufReader::new(std::io::stdin()))
    } else {
        let f =
            std::fs::File::open(file).with_context(|| format!("cannot open {}", file.display()))?;
        Box::new(std::io::BufReader::new(f))
    };
    let mut searcher: Searcher<'_> = graph.searcher();
    let mut found: HashMap<String, Result<u32, String>> = HashMap::new();
    let mut names: BTreeMap<u32, String> = BTreeMap::new();
    for (n, line) in reader.lines().enumerate() {
        let line = line.with_context(|| format!("reading {}", file.display()))?;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((a, b)) = line.split_once('\t') else {
            anyhow::bail!("{}:{}: expected A<TAB>B", file.display(), n + 1);
        };
        let (a, b) = (a.trim(), b.trim());
        let mut lookup = |name: &str| -> anyhow::Result<Result<u32, String>> {
            if let Some(r) = found.get(name) {
                return Ok(r.clone());
            }
            let r = match store.find_entity(name) {
                Ok(e) => match graph.index_of(e.id) {
                    Some(v) => {
                        names.insert(v, e.name);
                        Ok(v)
                    }
                    None => Err(format!("{name} is not in the graph")),
                },
                Err(e @ (kg::Error::UnknownEntity { .. } | kg::Error::AmbiguousEntity { .. })) => {
                    Err(e.to_string())
                }
                Err(e) => return Err(e.into()),
            };
            found.insert(name.to_string(), r.clone());
            Ok(r)
        };
        let (ra, rb) = (lookup(a)?, lookup(b)?);
        let mut result = BatchLine {
            from: a,
            to: b,
            hops: None,
            path: Vec::new(),
            error: None,
        };
        match (ra, rb) {
            (Ok(s), Ok(t)) => {
                if let Some(p) = searcher.shortest_path(s, t, walk) {
                    let missing: Vec<EntityId> = p
                        .iter()
                        .filter(|v| !names.contains_key(v))
                        .map(|&v| graph.id_of(v))
                        .collect();
                    for (id, e) in store.entities_by_ids(&missing)? {
                        if let Some(v) = graph.index_of(id) {
                            names.insert(v, e.name);
                        }
                    }
                    result.hops = Some(p.len() - 1);
                    result.path = p
                        .iter()
                        .map(|v| names.get(v).cloned().unwrap_or_default())
                        .collect();
                }
            }
            (Err(e), _) | (_, Err(e)) => result.error = Some(e),
        }
        match format {
            PathFormat::Jsonl | PathFormat::Json => {
                serde_json::to_writer(&mut *out, &result)?;
                writeln!(out)?;
            }
            PathFormat::Text => {
                let answer = match (&result.hops, &result.error) {
                    (_, Some(e)) => format!("-\terror: {e}"),
                    (Some(h), _) => format!("{h}\t{}", result.path.join(" → ")),
                    (None, _) => "-\tno path".to_string(),
                };
                // The names come from the pairs file as written: no control character
                // reaches the terminal.
                let out = &mut kg::text::EscapingWriter::new(&mut *out);
                writeln!(out, "{a}\t{b}\t{answer}")?;
            }
        }
    }
    Ok(Outcome::Done)
}
