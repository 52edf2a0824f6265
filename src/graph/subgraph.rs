//! Subgraphs with evidence, read from the store for export: each edge folds every stored
//! relation of one (subject, label, object) and keeps its most confident one as evidence.

use super::compact::confidence_key;
use crate::model::{EntityId, EntityRecord, RelationLabel, RelationRecord};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

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
    #[serde(serialize_with = "crate::model::serialize_confidence")]
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
    #[serde(serialize_with = "crate::model::serialize_confidence")]
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

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;
    use crate::model::RelationLabel::*;

    fn build(entities: Vec<EntityRecord>, mut relations: Vec<RelationRecord>) -> Subgraph {
        relations.sort_by_key(|r| (r.subject, r.label, r.object, r.id));
        let mut b = SubgraphBuilder::default();
        for r in &relations {
            b.push(r);
        }
        b.finish(entities)
    }

    #[test]
    fn relations_with_the_same_triple_fold_into_one_edge() {
        let entities = vec![person(1, "Ali Akbar Velayati"), person(2, "Vladimir Putin")];
        let relations = vec![
            rel_in(3, 1, Communicated, 2, "c.txt", 0.9),
            rel_in(5, 1, Communicated, 2, "a.txt", 0.4),
            rel_in(7, 1, Communicated, 2, "b.txt", 0.9),
            rel_in(9, 1, Communicated, 2, "c.txt", f32::NAN),
            rel_in(4, 1, Met, 2, "a.txt", 0.5),
        ];
        let g = build(entities, relations);
        assert_eq!(g.edges.len(), 2);
        let by_label = |label| g.edges.iter().find(|e| e.label == label).expect("edge");
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
    fn relations_to_unknown_entities_are_dropped_and_ids_kept_once() {
        let entities = vec![
            person(2, "Vladimir Putin"),
            country(3, "Russia"),
            country(3, "Russian Federation"),
        ];
        let relations = vec![
            rel(1, 2, LeaderOf, 3),
            rel(2, 2, Met, 99),
            rel(3, 98, Met, 3),
        ];
        let g = build(entities, relations);
        assert_eq!(g.nodes.len(), 2);
        assert_eq!(g.nodes[1].name, "Russia");
        assert_eq!(g.edges.len(), 1);
    }

    #[test]
    fn cap_nodes_keeps_the_best_connected() {
        let mut g = build(sample_entities(), sample_relations());
        let dropped = g.cap_nodes(3);
        let kept: Vec<EntityId> = g.nodes.iter().map(|e| e.id).collect();
        assert_eq!(
            kept,
            [EntityId(1), EntityId(2), EntityId(3)],
            "Russia (4 links), Velayati and Putin (3 each)"
        );
        assert_eq!(dropped.len(), 5);
        assert!(g
            .edges
            .iter()
            .all(|e| kept.contains(&e.subject) && kept.contains(&e.object)));
    }

    #[test]
    fn results_serialise_with_readable_field_names() {
        let g = build(sample_entities(), sample_relations());
        let json = serde_json::to_value(&g).expect("serialise");
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
