//! `kg path`: the shortest chain of relations between two entities.

use super::{clip, load_graph, open_existing, parse_labels, Outcome};
use crate::Format;
use kg::graph::PathOptions;
use std::io::Write;
use std::path::Path;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Where the path starts (name or alias).
    from: String,
    /// Where it ends (name or alias).
    to: String,
    #[command(flatten)]
    walk: super::WalkArgs,
    /// Give up beyond this many hops.
    #[arg(long)]
    max_hops: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

pub fn run(db: &Path, args: Args, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let store = open_existing(db)?;
    let from = store.find_entity(&args.from)?;
    let to = store.find_entity(&args.to)?;
    let graph = load_graph(&store)?;
    let opts = PathOptions {
        directed: args.walk.directed,
        max_hops: args.max_hops,
        relations: parse_labels(&args.walk.relations)?,
    };
    let Some(path) = graph.shortest_path(from.id, to.id, &opts) else {
        let bound = args
            .max_hops
            .map(|h| format!(" within {h} hops"))
            .unwrap_or_default();
        return Ok(Outcome::Empty(format!(
            "no path from {} to {}{bound}",
            from.name, to.name
        )));
    };
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &path)?;
            writeln!(out)?;
        }
        Format::Text => {
            let names: Vec<&str> = path.entities().iter().map(|e| e.name.as_str()).collect();
            if names.is_empty() {
                writeln!(out, "{} (0 hops)", from.name)?;
            } else {
                writeln!(
                    out,
                    "{}  ({} hop{})",
                    names.join(" → "),
                    path.len(),
                    if path.len() == 1 { "" } else { "s" }
                )?;
            }
            for (i, hop) in path.hops.iter().enumerate() {
                let e = &hop.edge;
                let arrow = if hop.forward {
                    format!("—{}→", e.label)
                } else {
                    format!("←{}—", e.label)
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
                    "   {} · {} sentence{} · {} · confidence {:.2}",
                    e.best.predicate,
                    e.support,
                    if e.support == 1 { "" } else { "s" },
                    e.documents.join(", "),
                    e.max_confidence
                )?;
                writeln!(out, "   “{}”", clip(&e.best.evidence, 240))?;
            }
        }
    }
    Ok(Outcome::Done)
}
