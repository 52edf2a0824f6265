//! Builders for graph tests: entities, relations and a small news-like graph. Ids are given
//! as plain numbers, for short tables of cases.

use crate::model::{EntityId, EntityRecord, EntityType, RelationId, RelationLabel, RelationRecord};

pub fn entity(id: i64, name: &str, kind: EntityType) -> EntityRecord {
    EntityRecord {
        id: EntityId(id),
        name: name.to_string(),
        kind,
        kb_key: None,
    }
}

pub fn person(id: i64, name: &str) -> EntityRecord {
    entity(id, name, EntityType::Person)
}

pub fn country(id: i64, name: &str) -> EntityRecord {
    entity(id, name, EntityType::Country)
}

/// A relation with a given document and confidence.
pub fn rel_in(
    id: i64,
    subject: i64,
    label: RelationLabel,
    object: i64,
    document: &str,
    confidence: f32,
) -> RelationRecord {
    RelationRecord {
        id: RelationId(id),
        subject: EntityId(subject),
        label,
        object: EntityId(object),
        predicate: label.as_str().replace('_', " "),
        document: document.to_string(),
        date: Some("2019-01-01".to_string()),
        evidence: format!("evidence of relation {id}"),
        confidence,
    }
}

/// A relation from `doc.txt` with confidence 0.5.
pub fn rel(id: i64, subject: i64, label: RelationLabel, object: i64) -> RelationRecord {
    rel_in(id, subject, label, object, "doc.txt", 0.5)
}

pub fn sample_entities() -> Vec<EntityRecord> {
    vec![
        person(1, "Ali Akbar Velayati"),
        person(2, "Vladimir Putin"),
        country(3, "Russia"),
        person(4, "Sergey Lavrov"),
        country(5, "Iran"),
        person(6, "Bashar al-Assad"),
        country(7, "Syria"),
        person(8, "Qassem Soleimani"),
    ]
}

pub fn sample_relations() -> Vec<RelationRecord> {
    use RelationLabel::*;
    vec![
        rel(1, 1, Communicated, 2),
        rel(2, 2, LeaderOf, 3),
        rel(3, 4, OfficialOf, 3),
        rel(4, 1, AdviserTo, 5),
        rel(5, 6, LeaderOf, 7),
        rel(6, 7, Cooperated, 3),
        rel(7, 2, Met, 1),
        rel(8, 5, Cooperated, 3),
    ]
}
