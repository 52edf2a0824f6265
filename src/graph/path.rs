//! Shortest paths: breadth-first search over hops, deterministic and bounded.

use super::{AggregatedEdge, KnowledgeGraph, Step};
use crate::model::{EntityId, EntityRecord, RelationLabel};
use petgraph::graph::NodeIndex;
use serde::Serialize;
use std::collections::HashMap;

/// How [`KnowledgeGraph::shortest_path`] may walk.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PathOptions {
    /// Walk subject→object only; by default an edge can also be walked against its direction.
    pub directed: bool,
    /// Give up beyond this many hops.
    pub max_hops: Option<usize>,
    /// Only walk edges with these labels; empty means every label.
    pub relations: Vec<RelationLabel>,
}

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hop {
    /// Where the step starts.
    pub from: EntityRecord,
    /// Where it ends.
    pub to: EntityRecord,
    /// The edge walked.
    pub edge: AggregatedEdge,
    /// True when the edge's subject is `from` (walked along its direction).
    pub forward: bool,
}

/// A path between two entities; no hops when both ends are the same entity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GraphPath {
    /// The steps, in order from start to end.
    pub hops: Vec<Hop>,
}

impl GraphPath {
    /// Number of hops.
    pub fn len(&self) -> usize {
        self.hops.len()
    }

    /// True for the zero-hop path from an entity to itself.
    pub fn is_empty(&self) -> bool {
        self.hops.is_empty()
    }

    /// The entities along the path, from start to end (empty for a zero-hop path).
    pub fn entities(&self) -> Vec<&EntityRecord> {
        let mut out: Vec<&EntityRecord> = self.hops.iter().map(|h| &h.from).collect();
        out.extend(self.hops.last().map(|h| &h.to));
        out
    }
}

impl KnowledgeGraph {
    /// The shortest path (fewest hops) from `from` to `to`, or `None` when either is unknown or
    /// no path exists within the options. Among equally short paths the one found first when
    /// neighbours are explored in ascending id order is returned, so answers are repeatable.
    pub fn shortest_path(
        &self,
        from: EntityId,
        to: EntityId,
        opts: &PathOptions,
    ) -> Option<GraphPath> {
        self.search_path(from, to, opts).0
    }

    /// The search behind [`Self::shortest_path`]; also returns how many nodes were expanded,
    /// so tests can check that `max_hops` really bounds the work.
    fn search_path(
        &self,
        from: EntityId,
        to: EntityId,
        opts: &PathOptions,
    ) -> (Option<GraphPath>, usize) {
        let (Some(start), Some(goal)) = (self.node(from), self.node(to)) else {
            return (None, 0);
        };
        if start == goal {
            return (Some(GraphPath { hops: Vec::new() }), 0);
        }
        let limit = opts.max_hops.unwrap_or(usize::MAX);
        // How each reached node was reached: the node before it and the step taken.
        let mut reached: HashMap<NodeIndex, (NodeIndex, Step)> = HashMap::new();
        let mut frontier = vec![start];
        let mut depth = 0;
        let mut expanded = 0;
        while !frontier.is_empty() && depth < limit {
            depth += 1;
            let mut next = Vec::new();
            for &node in &frontier {
                expanded += 1;
                for step in self.steps(node, opts.directed, &opts.relations) {
                    if step.to == start || reached.contains_key(&step.to) {
                        continue;
                    }
                    reached.insert(step.to, (node, step));
                    if step.to == goal {
                        return (Some(self.trace_back(start, goal, &reached)), expanded);
                    }
                    next.push(step.to);
                }
            }
            frontier = next;
        }
        (None, expanded)
    }

    fn trace_back(
        &self,
        start: NodeIndex,
        goal: NodeIndex,
        reached: &HashMap<NodeIndex, (NodeIndex, Step)>,
    ) -> GraphPath {
        let mut hops = Vec::new();
        let mut at = goal;
        while at != start {
            let Some(&(prev, step)) = reached.get(&at) else {
                break;
            };
            hops.push(Hop {
                from: self.graph[prev].clone(),
                to: self.graph[at].clone(),
                edge: self.graph[step.edge].clone(),
                forward: step.forward,
            });
            at = prev;
        }
        hops.reverse();
        GraphPath { hops }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;
    use crate::model::RelationLabel::*;

    /// (name, from, to, options, expected entity ids along the path)
    type Case = (
        &'static str,
        EntityId,
        EntityId,
        PathOptions,
        Option<Vec<EntityId>>,
    );

    fn ids(path: &GraphPath) -> Vec<EntityId> {
        path.entities().iter().map(|e| e.id).collect()
    }

    fn opts(directed: bool, max_hops: Option<usize>, relations: &[RelationLabel]) -> PathOptions {
        PathOptions {
            directed,
            max_hops,
            relations: relations.to_vec(),
        }
    }

    #[test]
    fn shortest_paths_in_the_sample_graph() {
        let g = sample_graph();
        let any = PathOptions::default();
        #[rustfmt::skip]
        let cases: Vec<Case> = vec![
            ("one hop", 1, 2, any.clone(), Some(vec![1, 2])),
            ("against the edge", 3, 2, any.clone(), Some(vec![3, 2])),
            ("two hops, lower id first", 1, 3, any.clone(), Some(vec![1, 2, 3])),
            ("three hops", 1, 4, any.clone(), Some(vec![1, 2, 3, 4])),
            ("across countries", 6, 4, any.clone(), Some(vec![6, 7, 3, 4])),
            ("isolated target", 1, 8, any.clone(), None),
            ("isolated source", 8, 1, any.clone(), None),
            ("unknown source", 99, 1, any.clone(), None),
            ("unknown target", 1, 99, any.clone(), None),
            ("zero hops", 4, 4, any.clone(), Some(vec![])),
            ("zero hops, isolated", 8, 8, any.clone(), Some(vec![])),
            ("zero hops, unknown", 99, 99, any.clone(), None),
            ("max_hops too small", 1, 4, opts(false, Some(2), &[]), None),
            ("max_hops just enough", 1, 4, opts(false, Some(3), &[]), Some(vec![1, 2, 3, 4])),
            ("max_hops zero", 1, 2, opts(false, Some(0), &[]), None),
            ("max_hops zero, same node", 1, 1, opts(false, Some(0), &[]), Some(vec![])),
            ("directed along", 1, 3, opts(true, None, &[]), Some(vec![1, 2, 3])),
            ("directed against", 3, 1, opts(true, None, &[]), None),
            ("directed needs a wrong-way edge", 1, 4, opts(true, None, &[]), None),
            ("directed reverse edge exists", 2, 1, opts(true, None, &[]), Some(vec![2, 1])),
            ("filter keeps a route", 1, 3, opts(false, None, &[Communicated, LeaderOf]), Some(vec![1, 2, 3])),
            ("filter picks the other route", 1, 3, opts(false, None, &[AdviserTo, Cooperated]), Some(vec![1, 5, 3])),
            ("filter cuts every route", 1, 4, opts(false, None, &[Communicated, LeaderOf]), None),
            ("filter with no matching label", 1, 2, opts(false, None, &[Attacked]), None),
        ];
        for (name, from, to, o, expected) in cases {
            let got = g.shortest_path(from, to, &o);
            assert_eq!(got.as_ref().map(ids), expected, "{name}");
            if let Some(path) = got {
                // Every hop must join up and use an edge that really links its two ends.
                for pair in path.hops.windows(2) {
                    assert_eq!(pair[0].to.id, pair[1].from.id, "{name}: hops join");
                }
                for hop in &path.hops {
                    let (s, o) = (hop.edge.subject, hop.edge.object);
                    if hop.forward {
                        assert_eq!((s, o), (hop.from.id, hop.to.id), "{name}");
                    } else {
                        assert_eq!((o, s), (hop.from.id, hop.to.id), "{name}");
                    }
                }
            }
        }
    }

    #[test]
    fn hops_say_which_way_the_edge_was_walked() {
        let g = sample_graph();
        let path = g
            .shortest_path(3, 4, &PathOptions::default())
            .expect("Russia to Lavrov");
        let hop = &path.hops[0];
        assert_eq!(hop.edge.label, OfficialOf);
        assert!(
            !hop.forward,
            "Lavrov is the subject, so Russia→Lavrov walks backwards"
        );
        let path = g
            .shortest_path(4, 3, &PathOptions::default())
            .expect("Lavrov to Russia");
        assert!(path.hops[0].forward);
    }

    #[test]
    fn the_same_graph_gives_the_same_path_whatever_the_input_order() {
        // A diamond 1-{2,3}-4 plus a second route 1-{5}-4 of the same length.
        let entities = vec![
            person(1, "A"),
            person(2, "B"),
            person(3, "C"),
            person(4, "D"),
            person(5, "E"),
        ];
        let relations = vec![
            rel(1, 1, Met, 3),
            rel(2, 3, Met, 4),
            rel(3, 1, Met, 2),
            rel(4, 2, Met, 4),
            rel(5, 5, Met, 1),
            rel(6, 4, Met, 5),
        ];
        let expected = Some(vec![1, 2, 4]);
        let mut entities_rev = entities.clone();
        entities_rev.reverse();
        let mut relations_rev = relations.clone();
        relations_rev.reverse();
        for (es, rs) in [(entities, relations), (entities_rev, relations_rev)] {
            let g = KnowledgeGraph::from_records(es, rs);
            for _ in 0..3 {
                let got = g.shortest_path(1, 4, &PathOptions::default());
                assert_eq!(got.as_ref().map(ids), expected);
            }
        }
    }

    #[test]
    fn max_hops_stops_the_search_early() {
        // A long chain: finding node 1000 would expand ~999 nodes; with max_hops 2 only the
        // start and its neighbour may be expanded.
        let entities: Vec<_> = (1..=1000).map(|i| person(i, &format!("P{i}"))).collect();
        let relations: Vec<_> = (1..1000).map(|i| rel(i, i, Met, i + 1)).collect();
        let g = KnowledgeGraph::from_records(entities, relations);
        let (path, expanded) = g.search_path(1, 1000, &opts(false, Some(2), &[]));
        assert!(path.is_none());
        assert!(expanded <= 2, "expanded {expanded} nodes");
        let (path, _) = g.search_path(1, 1000, &PathOptions::default());
        assert_eq!(path.map(|p| p.len()), Some(999));
    }

    #[test]
    fn path_serialises_with_readable_field_names() {
        let g = sample_graph();
        let path = g
            .shortest_path(2, 3, &PathOptions::default())
            .expect("path");
        let json = serde_json::to_value(&path).expect("serialise");
        let hop = &json["hops"][0];
        assert_eq!(hop["from"]["name"], "Vladimir Putin");
        assert_eq!(hop["to"]["name"], "Russia");
        assert_eq!(hop["forward"], true);
        assert_eq!(hop["edge"]["label"], "leader_of");
    }
}
