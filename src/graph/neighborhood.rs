//! Neighbourhoods: every entity within a few hops of a centre, with the edges among them.

use super::{AggregatedEdge, KnowledgeGraph, Subgraph};
use crate::model::{EntityId, EntityRecord, RelationLabel};
use petgraph::graph::NodeIndex;
use serde::ser::SerializeSeq;
use serde::{Serialize, Serializer};
use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};

/// How far and which way [`KnowledgeGraph::neighborhood`] reaches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NeighborOptions {
    /// Maximum number of hops from the centre.
    pub depth: usize,
    /// Walk subject→object only; by default edges are walked both ways.
    pub directed: bool,
    /// Only walk (and report) edges with these labels; empty means every label.
    pub relations: Vec<RelationLabel>,
}

impl Default for NeighborOptions {
    /// Direct neighbours, both directions, every label.
    fn default() -> Self {
        NeighborOptions {
            depth: 1,
            directed: false,
            relations: Vec::new(),
        }
    }
}

/// The entities around a centre and the edges among them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Neighborhood {
    /// The entity asked about.
    pub center: EntityRecord,
    /// Every entity within reach with its distance in hops (the centre at 0), sorted by distance
    /// then name. In JSON each is the entity's fields plus `distance`.
    #[serde(serialize_with = "serialize_nodes")]
    pub nodes: Vec<(EntityRecord, usize)>,
    /// Every edge with both ends among `nodes` that passes the label filter, sorted by
    /// (subject, label, object).
    pub edges: Vec<AggregatedEdge>,
}

impl Neighborhood {
    /// The same nodes and edges as a [`Subgraph`] (nodes sorted by id), for export.
    pub fn to_subgraph(&self) -> Subgraph {
        let mut nodes: Vec<EntityRecord> = self.nodes.iter().map(|(e, _)| e.clone()).collect();
        nodes.sort_by_key(|e| e.id);
        Subgraph {
            nodes,
            edges: self.edges.clone(),
        }
    }
}

#[derive(Serialize)]
struct NodeAtDistance<'a> {
    #[serde(flatten)]
    entity: &'a EntityRecord,
    distance: usize,
}

fn serialize_nodes<S: Serializer>(
    nodes: &[(EntityRecord, usize)],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut seq = serializer.serialize_seq(Some(nodes.len()))?;
    for (entity, distance) in nodes {
        seq.serialize_element(&NodeAtDistance {
            entity,
            distance: *distance,
        })?;
    }
    seq.end()
}

impl KnowledgeGraph {
    /// Every entity within `opts.depth` hops of `center`, or `None` when `center` is unknown.
    pub fn neighborhood(&self, center: EntityId, opts: &NeighborOptions) -> Option<Neighborhood> {
        let start = self.node(center)?;
        let mut distance: BTreeMap<NodeIndex, usize> = BTreeMap::from([(start, 0)]);
        let mut frontier = vec![start];
        for depth in 1..=opts.depth {
            let mut next = Vec::new();
            for &node in &frontier {
                for step in self.steps(node, opts.directed, &opts.relations) {
                    if let Entry::Vacant(slot) = distance.entry(step.to) {
                        slot.insert(depth);
                        next.push(step.to);
                    }
                }
            }
            if next.is_empty() {
                break;
            }
            frontier = next;
        }

        let members: BTreeSet<NodeIndex> = distance.keys().copied().collect();
        let mut nodes: Vec<(EntityRecord, usize)> = distance
            .into_iter()
            .map(|(ix, d)| (self.graph[ix].clone(), d))
            .collect();
        nodes.sort_by(|(a, da), (b, db)| {
            da.cmp(db)
                .then_with(|| a.name.cmp(&b.name))
                .then_with(|| a.id.cmp(&b.id))
        });
        Some(Neighborhood {
            center: self.graph[start].clone(),
            nodes,
            edges: self.edges_within(&members, &opts.relations),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;
    use crate::model::RelationLabel::*;

    type Key = (EntityId, RelationLabel, EntityId);
    /// (name, centre, options, expected (id, distance) nodes, expected edge keys)
    type Case = (
        &'static str,
        EntityId,
        NeighborOptions,
        Vec<(EntityId, usize)>,
        Vec<Key>,
    );

    fn nodes_of(n: &Neighborhood) -> Vec<(EntityId, usize)> {
        n.nodes.iter().map(|(e, d)| (e.id, *d)).collect()
    }

    fn edges_of(n: &Neighborhood) -> Vec<Key> {
        n.edges.iter().map(AggregatedEdge::key).collect()
    }

    fn opts(depth: usize, directed: bool, relations: &[RelationLabel]) -> NeighborOptions {
        NeighborOptions {
            depth,
            directed,
            relations: relations.to_vec(),
        }
    }

    #[test]
    fn neighbourhoods_of_the_sample_graph() {
        let g = sample_graph();
        // Nodes are (id, distance) sorted by distance then name:
        // 1 Ali Akbar Velayati, 2 Vladimir Putin, 3 Russia, 4 Sergey Lavrov, 5 Iran,
        // 6 Bashar al-Assad, 7 Syria, 8 Qassem Soleimani.
        #[rustfmt::skip]
        let cases: Vec<Case> = vec![
            ("depth 0", 3, opts(0, false, &[]), vec![(3, 0)], vec![]),
            (
                "depth 1 around Putin", 2, opts(1, false, &[]),
                vec![(2, 0), (1, 1), (3, 1)],
                vec![(1, Communicated, 2), (2, LeaderOf, 3), (2, Met, 1)],
            ),
            (
                "depth 1 around Russia, sorted by name", 3, opts(1, false, &[]),
                vec![(3, 0), (5, 1), (4, 1), (7, 1), (2, 1)],
                vec![(2, LeaderOf, 3), (4, OfficialOf, 3), (5, Cooperated, 3), (7, Cooperated, 3)],
            ),
            (
                "depth 2 around Lavrov", 4, opts(2, false, &[]),
                vec![(4, 0), (3, 1), (5, 2), (7, 2), (2, 2)],
                vec![(2, LeaderOf, 3), (4, OfficialOf, 3), (5, Cooperated, 3), (7, Cooperated, 3)],
            ),
            (
                "depth 2 includes the edge between two depth-2 nodes", 3, opts(2, false, &[]),
                vec![(3, 0), (5, 1), (4, 1), (7, 1), (2, 1), (1, 2), (6, 2)],
                vec![
                    (1, AdviserTo, 5), (1, Communicated, 2), (2, LeaderOf, 3), (2, Met, 1),
                    (4, OfficialOf, 3), (5, Cooperated, 3), (6, LeaderOf, 7), (7, Cooperated, 3),
                ],
            ),
            (
                "directed follows subject to object only", 1, opts(2, true, &[]),
                vec![(1, 0), (5, 1), (2, 1), (3, 2)],
                vec![(1, AdviserTo, 5), (1, Communicated, 2), (2, LeaderOf, 3), (2, Met, 1), (5, Cooperated, 3)],
            ),
            (
                "relation filter limits the walk and the edges", 2, opts(2, false, &[Met, LeaderOf]),
                vec![(2, 0), (1, 1), (3, 1)],
                vec![(2, LeaderOf, 3), (2, Met, 1)],
            ),
            ("isolated", 8, opts(3, false, &[]), vec![(8, 0)], vec![]),
        ];
        for (name, center, o, nodes, edges) in cases {
            let n = g
                .neighborhood(center, &o)
                .unwrap_or_else(|| panic!("{name}"));
            assert_eq!(n.center.id, center, "{name}");
            assert_eq!(nodes_of(&n), nodes, "{name}: nodes");
            assert_eq!(edges_of(&n), edges, "{name}: edges");
        }
    }

    #[test]
    fn unknown_centre_has_no_neighbourhood() {
        assert!(sample_graph()
            .neighborhood(42, &NeighborOptions::default())
            .is_none());
    }

    #[test]
    fn default_options_reach_direct_neighbours() {
        let g = sample_graph();
        let n = g
            .neighborhood(4, &NeighborOptions::default())
            .expect("Lavrov");
        assert_eq!(nodes_of(&n), [(4, 0), (3, 1)]);
    }

    #[test]
    fn to_subgraph_sorts_nodes_by_id_and_keeps_edges() {
        let g = sample_graph();
        let n = g.neighborhood(3, &opts(1, false, &[])).expect("Russia");
        let sub = n.to_subgraph();
        let ids: Vec<EntityId> = sub.nodes.iter().map(|e| e.id).collect();
        assert_eq!(ids, [2, 3, 4, 5, 7]);
        assert_eq!(sub.edges, n.edges);
    }

    #[test]
    fn nodes_serialise_flat_with_their_distance() {
        let g = sample_graph();
        let n = g
            .neighborhood(4, &NeighborOptions::default())
            .expect("Lavrov");
        let json = serde_json::to_value(&n).expect("serialise");
        assert_eq!(json["center"]["name"], "Sergey Lavrov");
        assert_eq!(json["nodes"][1]["name"], "Russia");
        assert_eq!(json["nodes"][1]["kind"], "COUNTRY");
        assert_eq!(json["nodes"][1]["distance"], 1);
        assert_eq!(json["edges"][0]["label"], "official_of");
    }
}
