//! `kg rank`: the most central entities by degree, PageRank or betweenness.

use super::neighbors::parse_types;
use super::{load_compact, open_existing, FilterArgs, Outcome};
use crate::Format;
use kg::graph::compact::CompactGraph;
use kg::graph::generate::SplitMix64;
use kg::model::EntityType;
use serde::Serialize;
use std::io::Write;
use std::path::Path;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The measure.
    #[arg(long, value_enum, default_value = "degree")]
    by: Measure,
    /// Only rank entities of these types (repeatable or comma-separated); the measure is
    /// computed on the whole (filtered) graph.
    #[arg(long = "type")]
    types: Vec<String>,
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
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

/// A centrality measure.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    /// Number of distinct neighbours, either direction.
    Degree,
    /// PageRank (damping 0.85) over relations as directed links; symmetric labels (met,
    /// cooperated, negotiated) link both ways.
    Pagerank,
    /// Betweenness centrality (Brandes) on the undirected graph, unnormalised.
    Betweenness,
}

#[derive(Serialize)]
struct Ranked {
    rank: usize,
    score: f64,
    #[serde(flatten)]
    entity: kg::EntityRecord,
}

/// Scores per node for a measure.
pub fn scores(graph: &CompactGraph, by: Measure, sample: Option<usize>, seed: u64) -> Vec<f64> {
    match by {
        Measure::Degree => (0..graph.node_count() as u32)
            .map(|v| graph.degree(v) as f64)
            .collect(),
        Measure::Pagerank => graph.pagerank(),
        Measure::Betweenness => match sample {
            Some(k) if k < graph.node_count() => {
                let mut rng = SplitMix64::new(seed);
                let mut nodes: Vec<u32> = (0..graph.node_count() as u32).collect();
                // A partial Fisher–Yates shuffle: the first k are the pivots.
                for i in 0..k {
                    let j = i + rng.below((nodes.len() - i) as u64) as usize;
                    nodes.swap(i, j);
                }
                nodes.truncate(k);
                graph.betweenness(Some(&nodes))
            }
            _ => graph.betweenness(None),
        },
    }
}

/// The `limit` best nodes of the allowed types, highest score first, ties by lower id.
pub fn top(graph: &CompactGraph, scores: &[f64], types: &[EntityType], limit: usize) -> Vec<u32> {
    let mut order: Vec<u32> = (0..graph.node_count() as u32)
        .filter(|&v| types.is_empty() || types.contains(&graph.kind_of(v)))
        .collect();
    order.sort_by(|&a, &b| {
        scores[b as usize]
            .total_cmp(&scores[a as usize])
            .then(a.cmp(&b))
    });
    order.truncate(limit);
    order
}

pub fn run(db: &Path, args: Args, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let store = open_existing(db)?;
    let filters = args.filters.resolve()?;
    let types = parse_types(&args.types)?;
    let graph = load_compact(&store, &filters.edge)?;
    let s = scores(&graph, args.by, args.sample, args.seed);
    let best = top(&graph, &s, &types, args.limit);
    if best.is_empty() {
        return Ok(Outcome::Empty("no entity to rank".to_string()));
    }
    let ids: Vec<i64> = best.iter().map(|&v| graph.id_of(v)).collect();
    let records = store.entities_by_ids(&ids)?;
    let ranked: Vec<Ranked> = best
        .iter()
        .enumerate()
        .filter_map(|(i, &v)| {
            records.get(&graph.id_of(v)).map(|e| Ranked {
                rank: i + 1,
                score: s[v as usize],
                entity: e.clone(),
            })
        })
        .collect();
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &ranked)?;
            writeln!(out)?;
        }
        Format::Text => {
            for r in &ranked {
                let score = match args.by {
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
