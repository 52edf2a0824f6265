//! `kg neighbors`: who is around an entity.

use super::{load_graph, open_existing, parse_labels, Outcome};
use crate::Format;
use kg::graph::NeighborOptions;
use std::io::Write;
use std::path::Path;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The centre (name or alias).
    entity: String,
    /// How many hops out.
    #[arg(long, default_value_t = 1)]
    depth: usize,
    #[command(flatten)]
    walk: super::WalkArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

pub fn run(db: &Path, args: Args, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let store = open_existing(db)?;
    let center = store.find_entity(&args.entity)?;
    let graph = load_graph(&store)?;
    let opts = NeighborOptions {
        depth: args.depth,
        directed: args.walk.directed,
        relations: parse_labels(&args.walk.relations)?,
    };
    let Some(hood) = graph.neighborhood(center.id, &opts) else {
        return Ok(Outcome::Empty(format!(
            "{} is not in the graph",
            center.name
        )));
    };
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &hood)?;
            writeln!(out)?;
        }
        Format::Text => {
            writeln!(
                out,
                "{} ({}): {} entities within {} hop(s)",
                center.name,
                center.kind,
                hood.nodes.len().saturating_sub(1),
                args.depth
            )?;
            writeln!(
                out,
                "{:>4}  {:<13} {:<32} relations to the nearer ring",
                "hops", "type", "entity"
            )?;
            let dist: std::collections::HashMap<i64, usize> =
                hood.nodes.iter().map(|(n, d)| (n.id, *d)).collect();
            for (e, d) in hood.nodes.iter().filter(|(_, d)| *d > 0) {
                let mut labels: Vec<String> = hood
                    .edges
                    .iter()
                    .filter_map(|edge| {
                        let (me, other) = if edge.subject == e.id {
                            (true, edge.object)
                        } else if edge.object == e.id {
                            (false, edge.subject)
                        } else {
                            return None;
                        };
                        if dist.get(&other).copied() != Some(d - 1) {
                            return None;
                        }
                        let name = graph.entity(other).map_or("?", |o| o.name.as_str());
                        Some(if me {
                            format!("{} {}", edge.label, name)
                        } else {
                            format!("{} ← {}", edge.label, name)
                        })
                    })
                    .collect();
                labels.sort();
                labels.dedup();
                writeln!(
                    out,
                    "{:>4}  {:<13} {:<32} {}",
                    d,
                    e.kind.as_str(),
                    e.name,
                    labels.join("; ")
                )?;
            }
        }
    }
    Ok(Outcome::Done)
}
