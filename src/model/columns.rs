//! Columnar records: what the store hands to the compact graph (and what its cache file
//! holds): one entry per entity and per stored relation, with small integer codes for types,
//! labels and dates.

use crate::model::{EntityId, EntityType, RelationId, RelationLabel};

/// The columns the graph is built from: what the store (or its cache file) holds, one entry per
/// entity and per stored relation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GraphData {
    /// Entity ids, strictly ascending; a node's index is its position here.
    pub node_ids: Vec<EntityId>,
    /// Entity types as [`kind_code`]s, parallel to `node_ids`.
    pub node_kinds: Vec<u8>,
    /// Relations, sorted by (subject, label, object, id).
    pub relations: RelationColumns,
}

/// Stored relations as parallel columns (subject and object are node indexes).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RelationColumns {
    /// Store ids.
    pub id: Vec<RelationId>,
    /// Subject node indexes.
    pub subject: Vec<u32>,
    /// Object node indexes.
    pub object: Vec<u32>,
    /// Labels as [`label_code`]s.
    pub label: Vec<u8>,
    /// Extractor confidence.
    pub confidence: Vec<f32>,
    /// Document date as `YYYYMMDD`, 0 when unknown.
    pub date: Vec<u32>,
}

impl RelationColumns {
    /// Number of relations.
    pub fn len(&self) -> usize {
        self.id.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.id.is_empty()
    }

    /// Appends one relation.
    pub fn push(&mut self, id: RelationId, s: u32, label: u8, o: u32, confidence: f32, date: u32) {
        self.id.push(id);
        self.subject.push(s);
        self.label.push(label);
        self.object.push(o);
        self.confidence.push(confidence);
        self.date.push(date);
    }

    /// Sorts into (subject, label, object, id) order, the order
    /// [`CompactGraph::build`](crate::graph::compact::CompactGraph::build) needs.
    pub fn sort(&mut self) {
        let mut order: Vec<u32> = (0..self.len() as u32).collect();
        order.sort_unstable_by_key(|&i| {
            let i = i as usize;
            (self.subject[i], self.label[i], self.object[i], self.id[i])
        });
        fn apply<T: Copy>(v: &mut Vec<T>, order: &[u32]) {
            *v = order.iter().map(|&i| v[i as usize]).collect();
        }
        apply(&mut self.id, &order);
        apply(&mut self.subject, &order);
        apply(&mut self.object, &order);
        apply(&mut self.label, &order);
        apply(&mut self.confidence, &order);
        apply(&mut self.date, &order);
    }
}

/// The compact code of an entity type (its position in [`EntityType::ALL`]).
pub fn kind_code(kind: EntityType) -> u8 {
    EntityType::ALL.iter().position(|&k| k == kind).unwrap_or(0) as u8
}

/// The entity type of a [`kind_code`].
pub fn kind_of(code: u8) -> EntityType {
    EntityType::ALL
        .get(code as usize)
        .copied()
        .unwrap_or(EntityType::Organization)
}

/// The compact code of a relation label (its position in [`RelationLabel::ALL`]).
pub fn label_code(label: RelationLabel) -> u8 {
    RelationLabel::ALL
        .iter()
        .position(|&l| l == label)
        .unwrap_or(0) as u8
}

/// The label of a [`label_code`].
pub fn label_of(code: u8) -> RelationLabel {
    RelationLabel::ALL
        .get(code as usize)
        .copied()
        .unwrap_or(RelationLabel::Met)
}

/// An ISO date (`YYYY-MM-DD`, or a prefix `YYYY`/`YYYY-MM`) as a `YYYYMMDD` number; a missing
/// month or day counts as 00. `None` when it is not such a date.
pub fn date_code(iso: &str) -> Option<u32> {
    let mut parts = iso.trim().splitn(3, '-');
    let year: u32 = parts.next().filter(|y| y.len() == 4)?.parse().ok()?;
    let mut code = year * 10_000;
    if let Some(m) = parts.next() {
        let m: u32 = m.parse().ok().filter(|m| (1..=12).contains(m))?;
        code += m * 100;
    }
    if let Some(d) = parts.next() {
        let d: u32 = d
            .get(..2)
            .unwrap_or(d)
            .parse()
            .ok()
            .filter(|d| (1..=31).contains(d))?;
        code += d;
    }
    Some(code)
}
