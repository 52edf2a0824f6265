//! `kg export`: the graph, or a neighbourhood of it, in a format other tools read.

use super::{load_compact, open_existing, plural, subgraph_of, FilterArgs, Outcome};
use anyhow::Context;
use kg::export::dot::{write_dot, ClusterBy, DotOptions};
use kg::graph::Subgraph;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Output format.
    #[arg(value_enum)]
    format: ExportFormat,
    /// Export only the neighbourhood of this entity.
    #[arg(long)]
    around: Option<String>,
    #[command(flatten)]
    around_type: super::EntityTypeArg,
    /// Hops around --around.
    #[arg(long, default_value_t = 2)]
    depth: usize,
    /// With --around: follow relations only from subject to object.
    #[arg(long)]
    directed: bool,
    #[command(flatten)]
    filters: FilterArgs,
    /// Keep at most this many entities: the best connected ones (degree within the export,
    /// ties to the lower id); what was dropped is reported on stderr.
    #[arg(long)]
    max_nodes: Option<usize>,
    /// DOT only: group entities into boxes by type, or by the country they are linked to.
    #[arg(long, value_enum)]
    cluster_by: Option<Cluster>,
    /// DOT only: leave out the legend of node styles.
    #[arg(long)]
    no_legend: bool,
    /// `events` only: cameo (GDELT-shaped TSV) or plover (PLOVER event types), see
    /// src/export/events.rs for every column.
    #[arg(long = "format", value_enum, default_value = "cameo")]
    event_format: EventFormat,
    /// Write here instead of standard output; for csv, the directory to write nodes.csv and
    /// relationships.csv into (created when missing).
    #[arg(short, long)]
    output: Option<PathBuf>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ExportFormat {
    /// Graphviz DOT (render with `dot -Tsvg`; above 1,000 nodes it asks for `sfdp`).
    Dot,
    /// GraphML (Gephi, yEd, networkx.read_graphml).
    Graphml,
    /// Node-link JSON (networkx.node_link_graph(data, edges="links"), d3-force).
    Json,
    /// neo4j-admin import CSV: nodes.csv and relationships.csv in the -o directory.
    Csv,
    /// JSON Lines: one triple per line with names, types, support and evidence.
    Jsonl,
    /// Dated, deduplicated events as event data (--format cameo or plover), one a line.
    Events,
    /// Dynamic GEXF of the dated events: nodes and edges with start and end, one spell per
    /// event (Gephi's timeline; networkx.read_gexf).
    Gexf,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum EventFormat {
    /// GDELT/Phoenix-shaped TSV: date, actors with ISO3 and Phoenix codes, CAMEO root, quad
    /// class, Goldstein score, sources.
    Cameo,
    /// TSV with PLOVER event types and quad classes.
    Plover,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Cluster {
    /// One box per entity type.
    Type,
    /// One box per country, with the entities linked to it.
    Country,
}

pub fn run(db: &Path, args: Args, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let store = open_existing(db)?;
    let filters = args.filters.resolve()?;
    if matches!(args.format, ExportFormat::Events | ExportFormat::Gexf) {
        let mut query = super::events::query_from_filters(&args.filters)?;
        if let Some(name) = &args.around {
            query.involving.push(store.find_entity(name)?.id);
        }
        let events = store.events(&query)?;
        let kb = kg::kb::KnowledgeBase::embedded();
        let write = |mut w: &mut dyn Write| -> anyhow::Result<()> {
            match (args.format, args.event_format) {
                (ExportFormat::Gexf, _) => kg::export::gexf::write_gexf(&events, &mut w)?,
                (_, EventFormat::Cameo) => {
                    kg::export::events::write_cameo(&events, kb, &mut w)?;
                }
                (_, EventFormat::Plover) => {
                    kg::export::events::write_plover(&events, kb, &mut w)?;
                }
            };
            Ok(())
        };
        match &args.output {
            Some(path) => write_file(path, write)?,
            None => write(out)?,
        }
        return Ok(Outcome::Done);
    }
    if args.format == ExportFormat::Csv && args.output.is_none() {
        anyhow::bail!("csv writes two files (nodes.csv, relationships.csv): give -o DIRECTORY");
    }
    let mut title = None;
    let mut highlight = None;
    let mut sub = match &args.around {
        Some(name) => {
            let center = store.find_entity_of(name, args.around_type.kind)?;
            let graph = load_compact(&store, &filters.edge)?;
            let c = graph
                .index_of(center.id)
                .with_context(|| format!("{} is not in the graph", center.name))?;
            let mut searcher = graph.searcher();
            let ids: Vec<kg::model::EntityId> = searcher
                .reach(c, args.depth, args.directed, false)
                .iter()
                .map(|&v| graph.id_of(v))
                .collect();
            title = Some(format!(
                "{} and everything within {} {}",
                center.name,
                args.depth,
                plural(args.depth, "hop")
            ));
            highlight = Some(center.id);
            subgraph_of(&store, Some(&ids), &filters.query)?
        }
        None => subgraph_of(&store, None, &filters.query)?,
    };
    if let Some(max) = args.max_nodes {
        let before = sub.nodes.len();
        let dropped = sub.cap_nodes(max);
        if !dropped.is_empty() {
            let names: Vec<&str> = dropped.iter().take(10).map(|e| e.name.as_str()).collect();
            super::say(format_args!(
                "--max-nodes {max}: kept the {} best-connected of {before} entities; dropped {} ({}{})",
                sub.nodes.len(),
                dropped.len(),
                names.join(", "),
                if dropped.len() > names.len() { ", …" } else { "" }
            ));
        }
    }
    let dot_opts = DotOptions {
        title,
        highlight,
        cluster_by: args.cluster_by.map(|c| match c {
            Cluster::Type => ClusterBy::Type,
            Cluster::Country => ClusterBy::Country,
        }),
        legend: !args.no_legend,
    };
    if args.format == ExportFormat::Csv {
        let dir = args.output.as_deref().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        write_file(&dir.join("nodes.csv"), |w| {
            Ok(kg::export::csv::write_nodes(&sub, &mut &mut *w)?)
        })?;
        write_file(&dir.join("relationships.csv"), |w| {
            Ok(kg::export::csv::write_relationships(&sub, &mut &mut *w)?)
        })?;
        return Ok(Outcome::Done);
    }
    let write =
        |w: &mut dyn Write| -> anyhow::Result<()> { write_format(args.format, &sub, &dot_opts, w) };
    match &args.output {
        Some(path) => write_file(path, write)?,
        None => write(out)?,
    }
    Ok(Outcome::Done)
}

fn write_format(
    format: ExportFormat,
    sub: &Subgraph,
    dot: &DotOptions,
    mut w: &mut dyn Write,
) -> anyhow::Result<()> {
    match format {
        ExportFormat::Dot => write_dot(sub, &mut w, dot)?,
        ExportFormat::Graphml => kg::export::graphml::write_graphml(sub, &mut w)?,
        ExportFormat::Json => kg::export::json::write_json(sub, &mut w)?,
        ExportFormat::Jsonl => kg::export::jsonl::write_jsonl(sub, &mut w)?,
        ExportFormat::Csv => anyhow::bail!("csv is written to a directory"),
        ExportFormat::Events | ExportFormat::Gexf => {
            anyhow::bail!("events are written apart from the graph")
        }
    }
    Ok(())
}

fn write_file(
    path: &Path,
    f: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let file = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    let mut w = BufWriter::new(file);
    f(&mut w)?;
    w.flush()
        .with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}
