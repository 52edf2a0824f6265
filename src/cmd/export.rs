//! `kg export`: the graph, or a neighbourhood of it, in a format other tools read.

use super::{load_graph, open_existing, parse_labels, Outcome};
use anyhow::Context;
use kg::export::dot::{write_dot, DotOptions};
use kg::graph::NeighborOptions;
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
    /// Hops around --around.
    #[arg(long, default_value_t = 2)]
    depth: usize,
    /// Only these relation labels (repeatable, or comma-separated).
    #[arg(long = "relation")]
    relations: Vec<String>,
    /// Write here instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum ExportFormat {
    /// Graphviz DOT (render with `dot -Tsvg`).
    Dot,
}

pub fn run(db: &Path, args: Args, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let store = open_existing(db)?;
    let labels = parse_labels(&args.relations)?;
    let graph = load_graph(&store)?;
    let (sub, opts) = match &args.around {
        Some(name) => {
            let center = store.find_entity(name)?;
            let opts = NeighborOptions {
                depth: args.depth,
                directed: false,
                relations: labels,
            };
            let hood = graph
                .neighborhood(center.id, &opts)
                .with_context(|| format!("{} is not in the graph", center.name))?;
            let title = format!(
                "{} and everything within {} hop(s)",
                center.name, args.depth
            );
            (
                hood.to_subgraph(),
                DotOptions {
                    title: Some(title),
                    highlight: Some(center.id),
                },
            )
        }
        None => {
            let mut sub = graph.whole();
            if !labels.is_empty() {
                sub.edges.retain(|e| labels.contains(&e.label));
            }
            (sub, DotOptions::default())
        }
    };
    match args.format {
        ExportFormat::Dot => match &args.output {
            Some(path) => {
                let file = File::create(path)
                    .with_context(|| format!("cannot create {}", path.display()))?;
                let mut w = BufWriter::new(file);
                write_dot(&sub, &mut w, &opts)?;
                w.flush()
                    .with_context(|| format!("writing {}", path.display()))?;
            }
            None => write_dot(&sub, out, &opts)?,
        },
    }
    Ok(Outcome::Done)
}
