//! A petgraph view of the store: entities are nodes, relations aggregated per
//! (subject, label, object) are edges, with path and neighbourhood queries on top.

use crate::model::{EntityId, EntityRecord, RelationLabel, RelationRecord};
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};

pub mod cache;
pub mod compact;
pub mod generate;
mod neighborhood;
mod path;
#[cfg(test)]
mod test_support;

pub use neighborhood::{NeighborOptions, Neighborhood};
pub use path::{GraphPath, Hop, PathOptions};

/// The evidence chosen to stand for an aggregated edge.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvidenceRef {
    /// Lemmatised surface predicate.
    pub predicate: String,
    /// Name of the document the sentence comes from.
    pub document: String,
    /// Document date, when known.
    pub date: Option<String>,
    /// The evidence sentence.
    pub evidence: String,
    /// The extractor's confidence in this relation.
    pub confidence: f32,
}

impl EvidenceRef {
    fn from_record(r: &RelationRecord) -> Self {
        EvidenceRef {
            predicate: r.predicate.clone(),
            document: r.document.clone(),
            date: r.date.clone(),
            evidence: r.evidence.clone(),
            confidence: r.confidence,
        }
    }
}

/// Every stored relation with the same subject, label and object, folded into one edge.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AggregatedEdge {
    /// Ontology label.
    pub label: RelationLabel,
    /// Subject entity.
    pub subject: EntityId,
    /// Object entity.
    pub object: EntityId,
    /// How many stored relations this edge folds together.
    pub support: usize,
    /// Names of the documents they come from, sorted, without repeats.
    pub documents: Vec<String>,
    /// The most confident relation (ties go to the lowest relation id).
    pub best: EvidenceRef,
    /// Confidence of `best`.
    pub max_confidence: f32,
}

impl AggregatedEdge {
    fn from_record(r: &RelationRecord) -> Self {
        AggregatedEdge {
            label: r.label,
            subject: r.subject,
            object: r.object,
            support: 1,
            documents: vec![r.document.clone()],
            best: EvidenceRef::from_record(r),
            max_confidence: r.confidence,
        }
    }

    /// Folds in one more relation; callers feed relations in ascending id order, so a strict
    /// comparison leaves ties with the earlier relation.
    fn absorb(&mut self, r: &RelationRecord) {
        self.support += 1;
        self.documents.push(r.document.clone());
        if confidence_key(r.confidence) > confidence_key(self.best.confidence) {
            self.best = EvidenceRef::from_record(r);
            self.max_confidence = r.confidence;
        }
    }

    /// Sort key used everywhere edges are listed.
    fn key(&self) -> (EntityId, RelationLabel, EntityId) {
        (self.subject, self.label, self.object)
    }
}

/// NaN sorts below every real confidence, so a corrupt value never wins.
fn confidence_key(c: f32) -> f32 {
    if c.is_nan() {
        f32::NEG_INFINITY
    } else {
        c
    }
}

/// Which of two edges linking the same pair a hop should take: `Less` means `a` is better.
fn compare_for_hop(a: &AggregatedEdge, b: &AggregatedEdge) -> Ordering {
    b.support
        .cmp(&a.support)
        .then_with(|| confidence_key(b.max_confidence).total_cmp(&confidence_key(a.max_confidence)))
        .then_with(|| a.label.cmp(&b.label))
        .then_with(|| (a.subject, a.object).cmp(&(b.subject, b.object)))
}

/// True when `label` passes a filter where an empty list means "every label".
fn label_allowed(filter: &[RelationLabel], label: RelationLabel) -> bool {
    filter.is_empty() || filter.contains(&label)
}

/// A set of nodes and the edges between them, ready for export.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Subgraph {
    /// Entities, sorted by id.
    pub nodes: Vec<EntityRecord>,
    /// Edges, sorted by (subject, label, object).
    pub edges: Vec<AggregatedEdge>,
}

/// Folds stored relations into the edges of a [`Subgraph`] as they stream in from the store,
/// so an export never holds more than one record per edge.
#[derive(Debug, Default)]
pub struct SubgraphBuilder {
    edges: Vec<AggregatedEdge>,
}

impl SubgraphBuilder {
    /// Adds one relation. Relations of one (subject, label, object) must arrive together and in
    /// id order (as [`crate::store::Store::for_each_relation`] gives them).
    pub fn push(&mut self, r: &RelationRecord) {
        match self.edges.last_mut() {
            Some(e) if e.key() == (r.subject, r.label, r.object) => e.absorb(r),
            _ => self.edges.push(AggregatedEdge::from_record(r)),
        }
    }

    /// The subgraph of `nodes` and the edges between them, sorted as everywhere else.
    pub fn finish(mut self, mut nodes: Vec<EntityRecord>) -> Subgraph {
        nodes.sort_by_key(|e| e.id);
        nodes.dedup_by_key(|e| e.id);
        let ids: BTreeSet<EntityId> = nodes.iter().map(|e| e.id).collect();
        self.edges
            .retain(|e| ids.contains(&e.subject) && ids.contains(&e.object));
        for e in &mut self.edges {
            e.documents.sort();
            e.documents.dedup();
        }
        self.edges.sort_by_key(AggregatedEdge::key);
        Subgraph {
            nodes,
            edges: self.edges,
        }
    }
}

impl Subgraph {
    /// Keeps at most `max` nodes, those with the highest degree in this subgraph (ties: lower
    /// id), and the edges among them. Returns the nodes dropped, sorted by id.
    pub fn cap_nodes(&mut self, max: usize) -> Vec<EntityRecord> {
        if self.nodes.len() <= max {
            return Vec::new();
        }
        let mut degree: BTreeMap<EntityId, usize> = BTreeMap::new();
        for e in &self.edges {
            if e.subject != e.object {
                *degree.entry(e.subject).or_default() += 1;
                *degree.entry(e.object).or_default() += 1;
            }
        }
        let mut order: Vec<(usize, EntityId)> = self
            .nodes
            .iter()
            .map(|n| (degree.get(&n.id).copied().unwrap_or(0), n.id))
            .collect();
        order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let keep: BTreeSet<EntityId> = order.iter().take(max).map(|&(_, id)| id).collect();
        let (kept, dropped): (Vec<_>, Vec<_>) =
            self.nodes.drain(..).partition(|n| keep.contains(&n.id));
        self.nodes = kept;
        self.edges
            .retain(|e| keep.contains(&e.subject) && keep.contains(&e.object));
        dropped
    }
}

/// One way out of a node: the neighbour, the edge used and whether it is walked subject→object.
#[derive(Debug, Clone, Copy)]
struct Step {
    to: NodeIndex,
    edge: EdgeIndex,
    forward: bool,
}

/// The knowledge graph: entities as nodes, aggregated relations as directed edges.
#[derive(Debug, Clone, Default)]
pub struct KnowledgeGraph {
    /// Nodes are added in ascending id order and edges in (subject, label, object) order, so
    /// index order is output order.
    graph: DiGraph<EntityRecord, AggregatedEdge>,
    index: BTreeMap<EntityId, NodeIndex>,
}

impl KnowledgeGraph {
    /// Builds the graph. Relations naming an entity that is not in `entities` are ignored; when
    /// two entities share an id the first one given is kept.
    pub fn from_records(
        mut entities: Vec<EntityRecord>,
        mut relations: Vec<RelationRecord>,
    ) -> Self {
        entities.sort_by_key(|e| e.id);
        entities.dedup_by_key(|e| e.id);
        let mut graph = DiGraph::with_capacity(entities.len(), 0);
        let mut index = BTreeMap::new();
        for entity in entities {
            let id = entity.id;
            index.insert(id, graph.add_node(entity));
        }

        relations.sort_by_key(|r| r.id);
        let mut edges: BTreeMap<(EntityId, RelationLabel, EntityId), AggregatedEdge> =
            BTreeMap::new();
        for r in &relations {
            if !index.contains_key(&r.subject) || !index.contains_key(&r.object) {
                continue;
            }
            match edges.entry((r.subject, r.label, r.object)) {
                Entry::Vacant(slot) => {
                    slot.insert(AggregatedEdge::from_record(r));
                }
                Entry::Occupied(mut slot) => slot.get_mut().absorb(r),
            }
        }
        for mut edge in edges.into_values() {
            edge.documents.sort();
            edge.documents.dedup();
            if let (Some(&s), Some(&o)) = (index.get(&edge.subject), index.get(&edge.object)) {
                graph.add_edge(s, o, edge);
            }
        }
        KnowledgeGraph { graph, index }
    }

    /// The entity with this id, if it is in the graph.
    pub fn entity(&self, id: EntityId) -> Option<&EntityRecord> {
        self.node(id).map(|ix| &self.graph[ix])
    }

    /// Number of entities.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of aggregated edges.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Every entity, in ascending id order.
    pub fn entities(&self) -> impl Iterator<Item = &EntityRecord> + '_ {
        self.graph.node_weights()
    }

    /// Every aggregated edge, sorted by (subject, label, object).
    pub fn edges(&self) -> impl Iterator<Item = &AggregatedEdge> + '_ {
        self.graph.edge_weights()
    }

    /// Number of distinct entities linked to `id` by an edge in either direction (the entity
    /// itself is not counted); 0 for an unknown id.
    pub fn degree(&self, id: EntityId) -> usize {
        match self.node(id) {
            Some(ix) => self.steps(ix, false, &[]).len(),
            None => 0,
        }
    }

    /// Everything, for export.
    pub fn whole(&self) -> Subgraph {
        Subgraph {
            nodes: self.entities().cloned().collect(),
            edges: self.edges().cloned().collect(),
        }
    }

    fn node(&self, id: EntityId) -> Option<NodeIndex> {
        self.index.get(&id).copied()
    }

    /// The neighbours of `node` reachable in one hop, in ascending entity id order, each with the
    /// best edge leading there. Self-loops lead nowhere and are skipped.
    fn steps(&self, node: NodeIndex, directed: bool, relations: &[RelationLabel]) -> Vec<Step> {
        let mut best: BTreeMap<EntityId, Step> = BTreeMap::new();
        let mut consider = |step: Step| {
            if step.to == node || !label_allowed(relations, self.graph[step.edge].label) {
                return;
            }
            match best.entry(self.graph[step.to].id) {
                Entry::Vacant(slot) => {
                    slot.insert(step);
                }
                Entry::Occupied(mut slot) => {
                    let (new, old) = (&self.graph[step.edge], &self.graph[slot.get().edge]);
                    if compare_for_hop(new, old) == Ordering::Less {
                        slot.insert(step);
                    }
                }
            }
        };
        for e in self.graph.edges_directed(node, Direction::Outgoing) {
            consider(Step {
                to: e.target(),
                edge: e.id(),
                forward: true,
            });
        }
        if !directed {
            for e in self.graph.edges_directed(node, Direction::Incoming) {
                consider(Step {
                    to: e.source(),
                    edge: e.id(),
                    forward: false,
                });
            }
        }
        best.into_values().collect()
    }

    /// Every edge with both ends in `nodes` and a label passing `relations`, sorted.
    fn edges_within(
        &self,
        nodes: &BTreeSet<NodeIndex>,
        relations: &[RelationLabel],
    ) -> Vec<AggregatedEdge> {
        let mut edges: Vec<AggregatedEdge> = nodes
            .iter()
            .flat_map(|&n| self.graph.edges_directed(n, Direction::Outgoing))
            .filter(|e| nodes.contains(&e.target()) && label_allowed(relations, e.weight().label))
            .map(|e| e.weight().clone())
            .collect();
        edges.sort_by_key(AggregatedEdge::key);
        edges
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::*;
    use super::*;
    use crate::model::RelationLabel::*;

    #[test]
    fn relations_with_the_same_triple_fold_into_one_edge() {
        let entities = vec![person(1, "Ali Akbar Velayati"), person(2, "Vladimir Putin")];
        // Given out of id order on purpose: ties must go to the lowest relation id.
        let relations = vec![
            rel_in(7, 1, Communicated, 2, "b.txt", 0.9),
            rel_in(3, 1, Communicated, 2, "c.txt", 0.9),
            rel_in(5, 1, Communicated, 2, "a.txt", 0.4),
            rel_in(9, 1, Communicated, 2, "c.txt", f32::NAN),
            rel_in(4, 1, Met, 2, "a.txt", 0.5),
        ];
        let g = KnowledgeGraph::from_records(entities, relations);
        assert_eq!(g.edge_count(), 2);
        let by_label = |label| g.edges().find(|e| e.label == label).expect("edge");
        let comm = by_label(Communicated);
        assert_eq!(comm.support, 4);
        assert_eq!(comm.documents, ["a.txt", "b.txt", "c.txt"]);
        assert_eq!(comm.best.document, "c.txt", "tie on 0.9 goes to relation 3");
        assert_eq!(comm.best.evidence, "evidence of relation 3");
        assert_eq!(comm.max_confidence, 0.9);
        let met = by_label(Met);
        assert_eq!((met.label, met.support, met.max_confidence), (Met, 1, 0.5));
    }

    #[test]
    fn relations_to_unknown_entities_are_ignored() {
        let entities = vec![
            person(2, "Vladimir Putin"),
            country(3, "Russia"),
            // A second record with id 3 must not create a second node.
            country(3, "Russian Federation"),
        ];
        let relations = vec![
            rel(1, 2, LeaderOf, 3),
            rel(2, 2, Met, 99),
            rel(3, 98, Met, 3),
            rel(4, 97, Met, 96),
        ];
        let g = KnowledgeGraph::from_records(entities, relations);
        assert_eq!(g.node_count(), 2);
        assert_eq!(g.edge_count(), 1);
        assert_eq!(g.entity(3).map(|e| e.name.as_str()), Some("Russia"));
        assert_eq!(g.entity(99), None);
        assert_eq!(g.degree(2), 1);
    }

    #[test]
    fn degree_counts_distinct_neighbours_in_both_directions() {
        let g = sample_graph();
        let cases = [
            (1, 2),  // Velayati: Putin, Iran
            (2, 2),  // Putin: Velayati, Russia (met + communicated collapse)
            (3, 4),  // Russia: Putin, Lavrov, Syria, Iran
            (8, 0),  // isolated
            (42, 0), // unknown
        ];
        for (id, expected) in cases {
            assert_eq!(g.degree(id), expected, "degree of {id}");
        }
    }

    #[test]
    fn self_loops_are_kept_but_are_not_neighbours() {
        let g = KnowledgeGraph::from_records(vec![person(1, "A")], vec![rel(1, 1, Stated, 1)]);
        assert_eq!(g.edge_count(), 1);
        assert_eq!(g.degree(1), 0);
    }

    #[test]
    fn whole_lists_nodes_by_id_and_edges_by_key() {
        let g = sample_graph();
        let whole = g.whole();
        let ids: Vec<EntityId> = whole.nodes.iter().map(|e| e.id).collect();
        assert_eq!(ids, [1, 2, 3, 4, 5, 6, 7, 8]);
        let keys: Vec<_> = whole.edges.iter().map(AggregatedEdge::key).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
        assert_eq!(keys.len(), g.edge_count());
        assert_eq!(keys.len(), 8);
    }

    #[test]
    fn hop_prefers_support_then_confidence_then_label() {
        let entities = vec![person(1, "A"), person(2, "B")];
        let cases: [(&str, Vec<RelationRecord>, RelationLabel); 3] = [
            (
                "support wins over confidence",
                vec![
                    rel_in(1, 1, Criticized, 2, "a", 0.9),
                    rel_in(2, 2, Warned, 1, "a", 0.3),
                    rel_in(3, 2, Warned, 1, "b", 0.3),
                ],
                Warned,
            ),
            (
                "confidence wins over label",
                vec![
                    rel_in(1, 1, Met, 2, "a", 0.5),
                    rel_in(2, 1, Criticized, 2, "a", 0.8),
                ],
                Criticized,
            ),
            (
                "label order breaks the last tie",
                vec![
                    rel_in(1, 1, Criticized, 2, "a", 0.5),
                    rel_in(2, 1, Met, 2, "a", 0.5),
                ],
                Met,
            ),
        ];
        for (name, relations, expected) in cases {
            let g = KnowledgeGraph::from_records(entities.clone(), relations);
            let path = g
                .shortest_path(1, 2, &PathOptions::default())
                .unwrap_or_else(|| panic!("{name}: no path"));
            assert_eq!(path.hops[0].edge.label, expected, "{name}");
        }
    }

    #[test]
    fn results_serialise_with_readable_field_names() {
        let g = sample_graph();
        let json = serde_json::to_value(g.whole()).expect("serialise");
        let edge = &json["edges"][0];
        for field in [
            "label",
            "subject",
            "object",
            "support",
            "documents",
            "max_confidence",
        ] {
            assert!(edge.get(field).is_some(), "edge field {field} in {edge}");
        }
        for field in ["predicate", "document", "date", "evidence", "confidence"] {
            assert!(edge["best"].get(field).is_some(), "best field {field}");
        }
        assert_eq!(json["nodes"][0]["name"], "Ali Akbar Velayati");
    }
}
