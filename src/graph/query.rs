//! Graph queries as library calls with typed, serialisable answers: paths with evidence per
//! hop, neighbourhoods with the links that reach each ring, and rankings. The command line
//! only turns these into text, JSON or DOT (and a web front end can serve them as JSON).

use super::compact::{date_code, CompactGraph, EdgeFilter, Walk};
use super::generate::SplitMix64;
use super::visit::weighted_path;
use crate::error::{Error, Result};
use crate::model::{EntityId, EntityRecord, EntityType, RelationLabel};
use crate::store::{RelationQuery, Store};
use serde::Serialize;
use std::collections::HashMap;

/// Relation filters as a user gives them: labels by name (comma-separated lists allowed),
/// dates as ISO text (YYYY, YYYY-MM or YYYY-MM-DD).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FilterSpec {
    /// Only these labels; empty means every label.
    pub relations: Vec<String>,
    /// Never these labels.
    pub exclude: Vec<String>,
    /// Only relations at least this confident (0 to 1).
    pub min_confidence: Option<f32>,
    /// Only relations from documents dated on or after this.
    pub since: Option<String>,
    /// Only relations from documents dated on or before this (a year or month means its end).
    pub until: Option<String>,
    /// The graph as known on this day: relations reported by then (another upper bound on
    /// the document date; the tighter of `until` and `as_of` holds).
    pub as_of: Option<String>,
}

/// Why a [`FilterSpec`] was refused.
#[derive(Debug, thiserror::Error, PartialEq)]
#[non_exhaustive]
pub enum FilterError {
    /// A label is not in the ontology.
    #[error("{0}")]
    Label(String),
    /// The confidence bound is outside 0..=1 (or NaN).
    #[error("minimum confidence must be between 0 and 1, not {0}")]
    Confidence(f32),
    /// A date bound is not an ISO date.
    #[error("{bound} {value:?} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")]
    Date {
        /// `since` or `until`.
        bound: &'static str,
        /// What was given.
        value: String,
    },
}

/// Checked filters, in the forms the graph and the store take.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    /// For the compact graph.
    pub edge: EdgeFilter,
    /// For store reads (exports, listings).
    pub query: RelationQuery,
}

impl Filters {
    /// Parses and checks a filter once, for every query that follows.
    pub fn parse(spec: &FilterSpec) -> std::result::Result<Filters, FilterError> {
        let relations = parse_labels(&spec.relations)?;
        let exclude = parse_labels(&spec.exclude)?;
        if let Some(c) = spec.min_confidence {
            if !(0.0..=1.0).contains(&c) {
                return Err(FilterError::Confidence(c));
            }
        }
        let date = |bound: &'static str, v: &Option<String>| {
            v.as_deref()
                .map(|d| {
                    date_code(d).ok_or_else(|| FilterError::Date {
                        bound,
                        value: d.to_string(),
                    })
                })
                .transpose()
        };
        let since = date("since", &spec.since)?;
        // A bare year or month as an upper bound means its last day.
        let last_day = |c: u32| match c % 10_000 {
            0 => c + 1231,
            m if m % 100 == 0 => c + 31,
            _ => c,
        };
        let bounds = [
            (date("until", &spec.until)?, &spec.until),
            (date("as-of", &spec.as_of)?, &spec.as_of),
        ];
        let (until, until_text) = bounds
            .into_iter()
            .filter_map(|(c, text)| c.map(|c| (last_day(c), text.clone())))
            .min_by_key(|(c, _)| *c)
            .map_or((None, None), |(c, t)| (Some(c), t));
        Ok(Filters {
            edge: EdgeFilter {
                relations: relations.clone(),
                exclude: exclude.clone(),
                min_confidence: spec.min_confidence,
                since,
                until,
            },
            query: RelationQuery {
                labels: relations,
                exclude,
                min_confidence: spec.min_confidence.map(f64::from),
                since: spec.since.clone(),
                until: until_text,
                ..RelationQuery::default()
            },
        })
    }
}

/// Labels by name; each value may be a comma-separated list.
pub fn parse_labels(values: &[String]) -> std::result::Result<Vec<RelationLabel>, FilterError> {
    values
        .iter()
        .flat_map(|v| v.split(','))
        .map(|v| {
            v.trim()
                .parse::<RelationLabel>()
                .map_err(FilterError::Label)
        })
        .collect()
}

/// Which paths a path query asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathMode {
    /// One path with the fewest hops (kg's bidirectional breadth-first search).
    Shortest,
    /// Every path with the fewest hops, at most this many.
    AllShortest(usize),
    /// The N shortest simple paths (Yen's algorithm).
    KShortest(usize),
    /// The cheapest path when a hop costs 1 + (1 − confidence) (petgraph's A*).
    Weighted,
}

/// One hop of a path, with the evidence of the edge taken.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hop {
    /// Where the hop starts.
    pub from: EntityRecord,
    /// Where it ends.
    pub to: EntityRecord,
    /// Label of the edge.
    pub relation: RelationLabel,
    /// True when walked subject → object.
    pub forward: bool,
    /// How many stored relations the edge folds.
    pub support: u32,
    /// Highest confidence among them.
    #[serde(serialize_with = "crate::model::serialize_confidence")]
    pub confidence: f32,
    /// Predicate of the most confident one.
    pub predicate: String,
    /// Its evidence sentence.
    pub evidence: String,
    /// Its document.
    pub document: String,
    /// The document's date.
    pub date: Option<String>,
}

/// A path as hops.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GraphPath {
    /// Number of hops.
    pub length: usize,
    /// The hops, in order.
    pub hops: Vec<Hop>,
}

/// Paths from `s` to `t` (node indexes) as node lists, as `mode` asks; empty when there is none.
pub fn find_paths(
    graph: &CompactGraph,
    s: u32,
    t: u32,
    walk: Walk,
    mode: PathMode,
) -> Vec<Vec<u32>> {
    let mut searcher = graph.searcher();
    match mode {
        PathMode::Shortest => searcher.shortest_path(s, t, walk).into_iter().collect(),
        PathMode::AllShortest(limit) => searcher.all_shortest(s, t, walk, limit),
        PathMode::KShortest(k) => searcher.k_shortest(s, t, walk, k),
        PathMode::Weighted => weighted_path(graph.view(walk.directed), s, t)
            .map(|(_, p)| p)
            .into_iter()
            .collect(),
    }
}

/// Names, best edges and evidence for a path of node indexes.
pub fn describe_path(
    store: &Store,
    graph: &CompactGraph,
    path: &[u32],
    directed: bool,
) -> Result<GraphPath> {
    let ids: Vec<EntityId> = path.iter().map(|&v| graph.id_of(v)).collect();
    let records = store.entities_by_ids(&ids)?;
    let stale = |v: u32| Error::Store {
        path: store.path().to_path_buf(),
        message: format!(
            "entity {} is in the graph but not in the store (a stale graph cache?)",
            graph.id_of(v)
        ),
    };
    let entity = |v: u32| -> Result<EntityRecord> {
        records
            .get(&graph.id_of(v))
            .cloned()
            .ok_or_else(|| stale(v))
    };
    let mut hops = Vec::new();
    for w in path.windows(2) {
        let step = graph
            .best_step(w[0], w[1], directed)
            .ok_or_else(|| stale(w[1]))?;
        let e = graph.edge(step.edge);
        let ev = store
            .relation_evidence(e.best_relation)?
            .unwrap_or_default();
        hops.push(Hop {
            from: entity(w[0])?,
            to: entity(w[1])?,
            relation: e.label,
            forward: step.forward,
            support: e.support,
            confidence: e.max_confidence,
            predicate: ev.predicate,
            evidence: ev.evidence,
            document: ev.document,
            date: ev.date,
        });
    }
    Ok(GraphPath {
        length: hops.len(),
        hops,
    })
}

/// What a neighbourhood query asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NeighborOptions {
    /// How many hops out.
    pub depth: usize,
    /// Walk subject → object only.
    pub directed: bool,
    /// Only list these types (the walk passes through every type); empty means all.
    pub types: Vec<EntityType>,
    /// List at most this many (nearest first, then highest degree, then lowest id).
    pub limit: Option<usize>,
}

/// One edge of a neighbourhood.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct NeighborEdge {
    /// Subject entity.
    pub subject: EntityId,
    /// Label.
    pub label: RelationLabel,
    /// Object entity.
    pub object: EntityId,
    /// Stored relations folded in.
    pub support: u32,
    /// Highest confidence among them.
    #[serde(serialize_with = "crate::model::serialize_confidence")]
    pub max_confidence: f32,
}

/// A relation that links a neighbour to one in the ring nearer the centre.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RingLink {
    /// Label.
    pub label: RelationLabel,
    /// True when the neighbour is the subject.
    pub forward: bool,
    /// The nearer entity's name.
    pub other: String,
}

/// One member of a neighbourhood.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Neighbor {
    /// The entity.
    #[serde(flatten)]
    pub entity: EntityRecord,
    /// Hops from the centre.
    pub distance: u32,
    /// Distinct neighbours in the whole (filtered) graph.
    pub degree: usize,
    /// Relations to members one hop nearer the centre, by label name, direction, name.
    pub links: Vec<RingLink>,
}

/// Everything within some hops of an entity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Neighborhood {
    /// The centre.
    pub center: EntityRecord,
    /// The radius asked for.
    pub depth: usize,
    /// Members found (the centre not counted), before any limit.
    pub total: usize,
    /// Members listed, the centre first, then by distance, name and id.
    pub nodes: Vec<Neighbor>,
    /// Edges among the listed members, sorted by (subject, label, object).
    pub edges: Vec<NeighborEdge>,
}

/// The neighbourhood of `center`; `None` when it has no node in the (filtered) graph.
/// Linear in the edges of the members: each edge is looked at once.
pub fn neighborhood(
    store: &Store,
    graph: &CompactGraph,
    center: &EntityRecord,
    opts: &NeighborOptions,
) -> Result<Option<Neighborhood>> {
    let Some(c) = graph.index_of(center.id) else {
        return Ok(None);
    };
    let mut searcher = graph.searcher();
    let reached = searcher.reach(c, opts.depth, opts.directed, false);
    let mut members: Vec<(u32, u32, usize)> = reached
        .iter()
        .map(|&v| (v, searcher.distance(v, false).unwrap_or(0), graph.degree(v)))
        .filter(|&(v, d, _)| {
            d == 0 || opts.types.is_empty() || opts.types.contains(&graph.kind_of(v))
        })
        .collect();
    let total = members.len().saturating_sub(1);
    members.sort_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)).then(a.0.cmp(&b.0)));
    if let Some(l) = opts.limit {
        members.truncate(l.saturating_add(1));
    }
    let ids: Vec<EntityId> = members.iter().map(|&(v, _, _)| graph.id_of(v)).collect();
    let records = store.entities_by_ids(&ids)?;
    // Position of each member in `nodes`, so every edge finds its ends in O(1).
    let mut nodes: Vec<Neighbor> = Vec::with_capacity(members.len());
    let mut slot: HashMap<u32, usize> = HashMap::with_capacity(members.len());
    for &(v, distance, degree) in &members {
        if let Some(e) = records.get(&graph.id_of(v)) {
            slot.insert(v, nodes.len());
            nodes.push(Neighbor {
                entity: e.clone(),
                distance,
                degree,
                links: Vec::new(),
            });
        }
    }
    let mut edges: Vec<NeighborEdge> = Vec::new();
    let mut links: Vec<(usize, RingLink)> = Vec::new();
    for (&v, &i) in &slot {
        for st in graph.steps(v, true) {
            let Some(&j) = slot.get(&st.to) else { continue };
            let e = graph.edge(st.edge);
            edges.push(NeighborEdge {
                subject: graph.id_of(e.subject),
                label: e.label,
                object: graph.id_of(e.object),
                support: e.support,
                max_confidence: e.max_confidence,
            });
            // v is the subject, st.to the object: the one farther out gets the link.
            let (dv, dw) = (nodes[i].distance, nodes[j].distance);
            if dv == dw + 1 {
                links.push((i, ring_link(e.label, true, &nodes[j])));
            } else if dw == dv + 1 {
                links.push((j, ring_link(e.label, false, &nodes[i])));
            }
        }
    }
    for (i, link) in links {
        nodes[i].links.push(link);
    }
    for n in &mut nodes {
        // By label name, then outgoing before incoming, then name: the order a reader scans.
        n.links.sort_by(|a, b| {
            (a.label.as_str(), !a.forward, &a.other).cmp(&(b.label.as_str(), !b.forward, &b.other))
        });
        n.links.dedup();
    }
    edges.sort_by_key(|e| (e.subject, e.label, e.object));
    nodes.sort_by(|a, b| {
        a.distance
            .cmp(&b.distance)
            .then_with(|| a.entity.name.cmp(&b.entity.name))
            .then(a.entity.id.cmp(&b.entity.id))
    });
    Ok(Some(Neighborhood {
        center: center.clone(),
        depth: opts.depth,
        total,
        nodes,
        edges,
    }))
}

fn ring_link(label: RelationLabel, forward: bool, other: &Neighbor) -> RingLink {
    RingLink {
        label,
        forward,
        other: other.entity.name.clone(),
    }
}

/// A centrality measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    /// Number of distinct neighbours, either direction.
    Degree,
    /// PageRank (damping 0.85); symmetric labels link both ways.
    Pagerank,
    /// Betweenness (Brandes) on the undirected graph, unnormalised.
    Betweenness,
}

/// One ranked entity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranked {
    /// 1 for the best.
    pub rank: usize,
    /// The measure's value.
    pub score: f64,
    /// The entity.
    #[serde(flatten)]
    pub entity: EntityRecord,
}

/// Scores per node. Betweenness with `sample` uses that many random pivots (same `seed`, same
/// pivots); `progress` hears (sources done, sources in all) as betweenness runs.
pub fn scores(
    graph: &CompactGraph,
    by: Measure,
    sample: Option<usize>,
    seed: u64,
    progress: &mut dyn FnMut(usize, usize),
) -> Vec<f64> {
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
                graph.betweenness(Some(&nodes), progress)
            }
            _ => graph.betweenness(None, progress),
        },
    }
}

/// The `limit` best entities of the allowed types (all when `types` is empty), highest score
/// first, ties by lower node index.
pub fn top(
    store: &Store,
    graph: &CompactGraph,
    scores: &[f64],
    types: &[EntityType],
    limit: usize,
) -> Result<Vec<Ranked>> {
    let mut order: Vec<u32> = (0..graph.node_count() as u32)
        .filter(|&v| types.is_empty() || types.contains(&graph.kind_of(v)))
        .collect();
    order.sort_by(|&a, &b| {
        scores[b as usize]
            .total_cmp(&scores[a as usize])
            .then(a.cmp(&b))
    });
    order.truncate(limit);
    let ids: Vec<EntityId> = order.iter().map(|&v| graph.id_of(v)).collect();
    let records = store.entities_by_ids(&ids)?;
    Ok(order
        .iter()
        .enumerate()
        .filter_map(|(i, &v)| {
            records.get(&graph.id_of(v)).map(|e| Ranked {
                rank: i + 1,
                score: scores[v as usize],
                entity: e.clone(),
            })
        })
        .collect())
}

/// Size of the graph and of its connected components.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Shape {
    /// Entities.
    pub nodes: usize,
    /// Relations folded per (subject, label, object).
    pub edges: usize,
    /// Connected components (edges walked both ways).
    pub components: usize,
    /// Members of the largest.
    pub largest_component: u32,
    /// Entities with no relation.
    pub isolated: usize,
}

/// Node, edge and component counts (components by petgraph's union-find).
pub fn shape(graph: &CompactGraph) -> Shape {
    let (_, sizes) = graph.components();
    Shape {
        nodes: graph.node_count(),
        edges: graph.edge_count(),
        components: sizes.len(),
        largest_component: sizes.iter().copied().max().unwrap_or(0),
        isolated: sizes.iter().filter(|&&s| s == 1).count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(f: impl FnOnce(&mut FilterSpec)) -> FilterSpec {
        let mut s = FilterSpec::default();
        f(&mut s);
        s
    }

    #[test]
    fn filters_parse_once_and_refuse_bad_values() {
        type Check = fn(&Filters) -> bool;
        let cases: Vec<(&str, FilterSpec, Result<Check, FilterError>)> = vec![
            (
                "labels, comma-separated",
                spec(|s| s.relations = vec!["met, leader_of".into()]),
                Ok(|f| f.edge.relations == [RelationLabel::Met, RelationLabel::LeaderOf]),
            ),
            (
                "a year as upper bound means its end",
                spec(|s| s.until = Some("2019".into())),
                Ok(|f| f.edge.until == Some(20191231) && f.query.until.as_deref() == Some("2019")),
            ),
            (
                "a month as upper bound means its end",
                spec(|s| s.until = Some("2019-02".into())),
                Ok(|f| f.edge.until == Some(20190231)),
            ),
            (
                "a day is itself",
                spec(|s| s.since = Some("2019-02-03".into())),
                Ok(|f| f.edge.since == Some(20190203)),
            ),
            (
                "confidence above 1",
                spec(|s| s.min_confidence = Some(1.5)),
                Err(FilterError::Confidence(1.5)),
            ),
            (
                "not a date",
                spec(|s| s.since = Some("soon".into())),
                Err(FilterError::Date {
                    bound: "since",
                    value: "soon".into(),
                }),
            ),
        ];
        for (name, s, expected) in cases {
            match (Filters::parse(&s), expected) {
                (Ok(f), Ok(check)) => assert!(check(&f), "{name}: {f:?}"),
                (Err(e), Err(want)) => assert_eq!(e, want, "{name}"),
                (got, _) => panic!("{name}: {got:?}"),
            }
        }
        assert!(matches!(
            Filters::parse(&spec(|s| s.exclude = vec!["hugged".into()])),
            Err(FilterError::Label(_))
        ));
    }
}
