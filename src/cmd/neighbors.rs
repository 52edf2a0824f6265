//! `kg neighbors`: who is around an entity.

use super::{
    load_compact, open_existing, plural, subgraph_of, write_json, FilterArgs, Outcome, TypeArgs,
};
use kg::export::dot::{write_dot, DotOptions};
use kg::graph::query::{neighborhood, NeighborOptions, Neighborhood};
use std::io::Write;
use std::path::Path;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The centre (name or alias).
    entity: String,
    /// How many hops out.
    #[arg(long, default_value_t = 1)]
    depth: usize,
    /// Follow relations only from subject to object (default: either way).
    #[arg(long)]
    directed: bool,
    #[command(flatten)]
    types: TypeArgs,
    /// List at most this many entities: the nearest first, and among equally near ones the
    /// best connected (highest degree), then lowest id.
    #[arg(long)]
    limit: Option<usize>,
    #[command(flatten)]
    filters: FilterArgs,
    /// Output format (`dot` draws the neighbourhood with evidence tooltips).
    #[arg(long, value_enum, default_value = "text")]
    format: NeighborFormat,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum NeighborFormat {
    /// A readable table.
    Text,
    /// One JSON document.
    Json,
    /// Graphviz DOT.
    Dot,
}

pub fn run(db: &Path, args: Args, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let store = open_existing(db)?;
    let filters = args.filters.resolve()?;
    let opts = NeighborOptions {
        depth: args.depth,
        directed: args.directed,
        types: args.types.resolve()?,
        limit: args.limit,
    };
    let center = store.find_entity(&args.entity)?;
    let graph = load_compact(&store, &filters.edge)?;
    let Some(hood) = neighborhood(&store, &graph, &center, &opts)? else {
        return Ok(Outcome::Empty(format!(
            "{} is not in the graph",
            center.name
        )));
    };
    match args.format {
        NeighborFormat::Dot => {
            let ids: Vec<kg::model::EntityId> = hood.nodes.iter().map(|n| n.entity.id).collect();
            let sub = subgraph_of(&store, Some(&ids), &filters.query)?;
            let dot = DotOptions {
                title: Some(format!(
                    "{} and everything within {} {}",
                    center.name,
                    args.depth,
                    plural(args.depth, "hop")
                )),
                highlight: Some(center.id),
                legend: true,
                ..DotOptions::default()
            };
            write_dot(&sub, out, &dot)?;
        }
        NeighborFormat::Json => {
            write_json(out, &hood)?;
        }
        NeighborFormat::Text => write_text(out, &hood)?,
    }
    Ok(Outcome::Done)
}

/// A header line, then one line per member with the relations that reach it.
fn write_text(out: &mut impl Write, hood: &Neighborhood) -> anyhow::Result<()> {
    // Names and sentences come from untrusted input: no control character reaches the terminal.
    let out = &mut kg::text::EscapingWriter::new(&mut *out);
    let shown = hood.nodes.len().saturating_sub(1);
    let more = if shown < hood.total {
        format!(" (showing {shown})")
    } else {
        String::new()
    };
    writeln!(
        out,
        "{} ({}): {} {} within {} hop(s){more}",
        hood.center.name,
        hood.center.kind,
        hood.total,
        if hood.total == 1 {
            "entity"
        } else {
            "entities"
        },
        hood.depth
    )?;
    writeln!(
        out,
        "{:>4}  {:<13} {:<32} relations to the nearer ring",
        "hops", "type", "entity"
    )?;
    for n in hood.nodes.iter().filter(|n| n.distance > 0) {
        let links: Vec<String> = n
            .links
            .iter()
            .map(|l| {
                if l.forward {
                    format!("{} {}", l.label, l.other)
                } else {
                    format!("{} ← {}", l.label, l.other)
                }
            })
            .collect();
        writeln!(
            out,
            "{:>4}  {:<13} {:<32} {}",
            n.distance,
            n.entity.kind.as_str(),
            n.entity.name,
            links.join("; ")
        )?;
    }
    Ok(())
}
