//! `kg rank`: the most central entities by degree, PageRank or betweenness.

use super::{load_compact, open_existing, write_json, FilterArgs, FormatArg, Outcome, TypeArgs};
use crate::Format;
use kg::graph::query::{scores, top, Measure};
use std::io::Write;
use std::path::Path;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The measure.
    #[arg(long, value_enum, default_value = "degree")]
    by: MeasureArg,
    #[command(flatten)]
    types: TypeArgs,
    /// How many to list.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// Betweenness only: estimate from K random source nodes (Brandes with pivots, scaled by
    /// nodes / K) instead of all of them — exact betweenness costs one search per node, too
    /// slow beyond ~100k nodes. Same --seed, same pivots, same answer.
    #[arg(long, value_name = "K")]
    sample: Option<usize>,
    /// Seed for --sample.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    #[command(flatten)]
    filters: FilterArgs,
    #[command(flatten)]
    output: FormatArg,
}

/// A centrality measure.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum MeasureArg {
    /// Number of distinct neighbours, either direction.
    Degree,
    /// PageRank (damping 0.85) over relations as directed links; symmetric labels (met,
    /// cooperated, negotiated) link both ways.
    Pagerank,
    /// Betweenness centrality (Brandes) on the undirected graph, unnormalised.
    Betweenness,
}

impl From<MeasureArg> for Measure {
    fn from(m: MeasureArg) -> Measure {
        match m {
            MeasureArg::Degree => Measure::Degree,
            MeasureArg::Pagerank => Measure::Pagerank,
            MeasureArg::Betweenness => Measure::Betweenness,
        }
    }
}

/// Exact betweenness beyond this many nodes gets a warning with `--sample` suggested.
const BIG_GRAPH: usize = 50_000;

/// What to tell someone about to run exact betweenness on `nodes` nodes, if anything; with
/// `per_source` (seconds per search, once measured) the message carries an estimate.
pub fn betweenness_advice(nodes: usize, per_source: Option<f64>) -> Option<String> {
    if nodes < BIG_GRAPH {
        return None;
    }
    let estimate = match per_source {
        Some(s) => format!("about {} for", duration(s * nodes as f64)),
        None => "one search per node:".to_string(),
    };
    Some(format!(
        "exact betweenness on {nodes} nodes takes {estimate} all of them; \
         --sample 1000 estimates it in about 1/{} of the time",
        (nodes / 1000).max(1)
    ))
}

/// Seconds as a short human duration.
fn duration(secs: f64) -> String {
    if secs < 120.0 {
        format!("{secs:.0} s")
    } else if secs < 7200.0 {
        format!("{:.0} min", secs / 60.0)
    } else {
        format!("{:.1} h", secs / 3600.0)
    }
}

pub fn run(db: &Path, args: Args, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let store = open_existing(db)?;
    let filters = args.filters.resolve()?;
    let types = args.types.resolve()?;
    let graph = load_compact(&store, &filters.edge)?;
    let by = Measure::from(args.by);
    let exact_betweenness =
        by == Measure::Betweenness && args.sample.is_none_or(|k| k >= graph.node_count());
    if exact_betweenness {
        if let Some(msg) = betweenness_advice(graph.node_count(), None) {
            eprintln!("kg: {msg}");
        }
    }
    // Progress on stderr (indicatif hides it when stderr is not a terminal); once the first
    // 1,024 searches are timed, big exact runs also get an estimate of the whole.
    let bar = indicatif::ProgressBar::new(0);
    let started = std::time::Instant::now();
    let mut estimated = false;
    let mut progress = |done: usize, total: usize| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
        if exact_betweenness && done > 0 && !estimated {
            estimated = true;
            let per = started.elapsed().as_secs_f64() / done as f64;
            if let Some(msg) = betweenness_advice(total, Some(per)) {
                bar.suspend(|| eprintln!("kg: {msg}"));
            }
        }
    };
    let s = scores(&graph, by, args.sample, args.seed, &mut progress);
    bar.finish_and_clear();
    let ranked = top(&store, &graph, &s, &types, args.limit)?;
    if ranked.is_empty() {
        return Ok(Outcome::Empty("no entity to rank".to_string()));
    }
    match args.output.format {
        Format::Json => {
            write_json(out, &ranked)?;
        }
        Format::Text => {
            let out = &mut kg::text::EscapingWriter::new(&mut *out);
            writeln!(
                out,
                "{:>4}  {:>12}  {:<13} entity",
                "rank",
                measure_name(by),
                "type"
            )?;
            for r in &ranked {
                let score = match by {
                    Measure::Degree => format!("{}", r.score),
                    _ => format!("{:.6}", r.score),
                };
                writeln!(
                    out,
                    "{:>4}  {:>12}  {:<13} {}",
                    r.rank,
                    score,
                    r.entity.kind.as_str(),
                    r.entity.name
                )?;
            }
        }
    }
    Ok(Outcome::Done)
}

/// The column title for a measure's scores.
fn measure_name(by: Measure) -> &'static str {
    match by {
        Measure::Degree => "degree",
        Measure::Pagerank => "pagerank",
        Measure::Betweenness => "betweenness",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rank_betweenness_on_a_big_graph_suggests_sample() {
        let cases: [(usize, Option<f64>, Option<&str>); 4] = [
            (1_000, None, None),
            (1_000, Some(1.0), None),
            (1_000_000, None, Some("one search per node")),
            (1_000_000, Some(0.01), Some("about 2.8 h")),
        ];
        for (nodes, per, expected) in cases {
            let got = betweenness_advice(nodes, per);
            match expected {
                None => assert_eq!(got, None, "{nodes}"),
                Some(part) => {
                    let msg = got.unwrap_or_default();
                    assert!(msg.contains(part) && msg.contains("--sample"), "{msg}");
                }
            }
        }
    }
}
