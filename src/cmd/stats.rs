//! `kg stats`: counts by type and label, connected components, the most central entities.

use super::{load_compact, open_existing, write_json, FormatArg, Outcome};
use crate::Format;
use kg::graph::compact::EdgeFilter;
use kg::graph::query::{scores, shape, top, Measure, Shape};
use serde::Serialize;
use std::io::Write;
use std::path::Path;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// How many top entities to list per measure.
    #[arg(long, default_value_t = 10)]
    top: usize,
    #[command(flatten)]
    output: FormatArg,
}

#[derive(Serialize)]
struct Top {
    name: String,
    kind: kg::EntityType,
    score: f64,
}

#[derive(Serialize)]
struct GraphStats {
    #[serde(flatten)]
    shape: Shape,
    top_degree: Vec<Top>,
    top_pagerank: Vec<Top>,
}

pub fn run(db: &Path, args: Args, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let store = open_existing(db)?;
    let stats = store.stats()?;
    let graph = load_compact(&store, &EdgeFilter::default())?;
    let mut tops = Vec::new();
    for by in [Measure::Degree, Measure::Pagerank] {
        let s = scores(&graph, by, None, 0, &mut |_, _| {});
        let best = top(&store, &graph, &s, &[], args.top)?;
        tops.push(
            best.into_iter()
                .map(|r| Top {
                    name: r.entity.name,
                    kind: r.entity.kind,
                    score: r.score,
                })
                .collect::<Vec<_>>(),
        );
    }
    let top_pagerank = tops.pop().unwrap_or_default();
    let top_degree = tops.pop().unwrap_or_default();
    let g = GraphStats {
        shape: shape(&graph),
        top_degree,
        top_pagerank,
    };
    match args.output.format {
        Format::Json => {
            let doc = serde_json::json!({
                "documents": stats.documents,
                "mentions": stats.mentions,
                "entities": stats.entities,
                "relations": stats.relations,
                "graph": g,
            });
            write_json(out, &doc)?;
        }
        Format::Text => {
            let out = &mut kg::text::EscapingWriter::new(&mut *out);
            writeln!(out, "documents  {}", stats.documents)?;
            writeln!(out, "mentions   {}", stats.mentions)?;
            writeln!(out, "entities   {}", stats.entities.values().sum::<i64>())?;
            for (k, v) in &stats.entities {
                writeln!(out, "  {k:<14} {v:>6}")?;
            }
            writeln!(out, "relations  {}", stats.relations.values().sum::<i64>())?;
            for (k, v) in &stats.relations {
                writeln!(out, "  {k:<14} {v:>6}")?;
            }
            writeln!(
                out,
                "graph      {} nodes, {} edges (relations folded per subject, label, object)",
                g.shape.nodes, g.shape.edges
            )?;
            writeln!(
                out,
                "  components {} (largest {}, isolated entities {})",
                g.shape.components, g.shape.largest_component, g.shape.isolated
            )?;
            for (title, list) in [
                ("by degree", &g.top_degree),
                ("by PageRank", &g.top_pagerank),
            ] {
                writeln!(out, "top {title}")?;
                for t in list {
                    let score = if title == "by degree" {
                        format!("{}", t.score)
                    } else {
                        format!("{:.4}", t.score)
                    };
                    writeln!(out, "  {score:>8}  {:<13} {}", t.kind.as_str(), t.name)?;
                }
            }
        }
    }
    Ok(Outcome::Done)
}
