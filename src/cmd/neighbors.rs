//! `kg neighbors`: who is around an entity.

use super::{load_compact, open_existing, plural, subgraph_of, FilterArgs, Outcome};
use kg::export::dot::{write_dot, DotOptions};
use kg::model::{EntityRecord, EntityType, RelationLabel};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
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
    /// Only list entities of these types (repeatable or comma-separated: PERSON, COUNTRY,
    /// LOCATION, ORGANIZATION); the walk still passes through every type.
    #[arg(long = "type")]
    types: Vec<String>,
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

#[derive(Serialize)]
struct NodeOut {
    #[serde(flatten)]
    entity: EntityRecord,
    distance: u32,
    degree: usize,
}

#[derive(Serialize)]
struct EdgeOut {
    subject: i64,
    label: RelationLabel,
    object: i64,
    support: u32,
    max_confidence: f32,
}

/// Parses repeated `--type` values.
pub fn parse_types(values: &[String]) -> anyhow::Result<Vec<EntityType>> {
    values
        .iter()
        .flat_map(|v| v.split(','))
        .map(|v| v.trim().parse::<EntityType>().map_err(anyhow::Error::msg))
        .collect()
}

pub fn run(db: &Path, args: Args, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let store = open_existing(db)?;
    let filters = args.filters.resolve()?;
    let types = parse_types(&args.types)?;
    let center = store.find_entity(&args.entity)?;
    let graph = load_compact(&store, &filters.edge)?;
    let Some(c) = graph.index_of(center.id) else {
        return Ok(Outcome::Empty(format!(
            "{} is not in the graph",
            center.name
        )));
    };
    let mut searcher = graph.searcher();
    let reached = searcher.reach(c, args.depth, args.directed, false);
    let mut members: Vec<(u32, u32, usize)> = reached
        .iter()
        .map(|&v| (v, searcher.distance(v, false).unwrap_or(0), graph.degree(v)))
        .filter(|&(v, d, _)| d == 0 || types.is_empty() || types.contains(&graph.kind_of(v)))
        .collect();
    let total = members.len().saturating_sub(1);
    members.sort_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)).then(a.0.cmp(&b.0)));
    if let Some(l) = args.limit {
        members.truncate(l.saturating_add(1));
    }
    let ids: Vec<i64> = members.iter().map(|&(v, _, _)| graph.id_of(v)).collect();
    if args.format == NeighborFormat::Dot {
        let sub = subgraph_of(&store, Some(&ids), &filters.query)?;
        let opts = DotOptions {
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
        write_dot(&sub, out, &opts)?;
        return Ok(Outcome::Done);
    }
    let records = store.entities_by_ids(&ids)?;
    let mut nodes: Vec<NodeOut> = members
        .iter()
        .filter_map(|&(v, distance, degree)| {
            records.get(&graph.id_of(v)).map(|e| NodeOut {
                entity: e.clone(),
                distance,
                degree,
            })
        })
        .collect();
    nodes.sort_by(|a, b| {
        a.distance
            .cmp(&b.distance)
            .then_with(|| a.entity.name.cmp(&b.entity.name))
            .then(a.entity.id.cmp(&b.entity.id))
    });
    let kept: HashSet<u32> = members.iter().map(|&(v, _, _)| v).collect();
    let mut edges: Vec<EdgeOut> = Vec::new();
    for &v in &kept {
        for st in graph.steps(v, true) {
            if kept.contains(&st.to) {
                let e = graph.edge(st.edge);
                edges.push(EdgeOut {
                    subject: graph.id_of(e.subject),
                    label: e.label,
                    object: graph.id_of(e.object),
                    support: e.support,
                    max_confidence: e.max_confidence,
                });
            }
        }
    }
    edges.sort_by_key(|e| (e.subject, e.label, e.object));
    match args.format {
        NeighborFormat::Json | NeighborFormat::Dot => {
            let doc = serde_json::json!({
                "center": center,
                "depth": args.depth,
                "total": total,
                "nodes": nodes,
                "edges": edges,
            });
            serde_json::to_writer_pretty(&mut *out, &doc)?;
            writeln!(out)?;
        }
        NeighborFormat::Text => {
            let shown = nodes.len().saturating_sub(1);
            let more = if shown < total {
                format!(" (showing {shown})")
            } else {
                String::new()
            };
            writeln!(
                out,
                "{} ({}): {} {} within {} hop(s){more}",
                center.name,
                center.kind,
                total,
                if total == 1 { "entity" } else { "entities" },
                args.depth
            )?;
            writeln!(
                out,
                "{:>4}  {:<13} {:<32} relations to the nearer ring",
                "hops", "type", "entity"
            )?;
            let dist: HashMap<i64, u32> = nodes.iter().map(|n| (n.entity.id, n.distance)).collect();
            let name: BTreeMap<i64, &str> = nodes
                .iter()
                .map(|n| (n.entity.id, n.entity.name.as_str()))
                .collect();
            for n in nodes.iter().filter(|n| n.distance > 0) {
                let mut labels: Vec<String> = edges
                    .iter()
                    .filter_map(|e| {
                        let (me, other) = if e.subject == n.entity.id {
                            (true, e.object)
                        } else if e.object == n.entity.id {
                            (false, e.subject)
                        } else {
                            return None;
                        };
                        if dist.get(&other).copied() != Some(n.distance - 1) {
                            return None;
                        }
                        let other = name.get(&other).copied().unwrap_or("?");
                        Some(if me {
                            format!("{} {other}", e.label)
                        } else {
                            format!("{} ← {other}", e.label)
                        })
                    })
                    .collect();
                labels.sort();
                labels.dedup();
                writeln!(
                    out,
                    "{:>4}  {:<13} {:<32} {}",
                    n.distance,
                    n.entity.kind.as_str(),
                    n.entity.name,
                    labels.join("; ")
                )?;
            }
        }
    }
    Ok(Outcome::Done)
}
