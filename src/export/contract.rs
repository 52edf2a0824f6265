//! The `kg extract --format jsonl` record of `../shared/eval/CONTRACT.md`.

use crate::model::Extraction;
use serde::Serialize;

/// One entity of a contract record.
#[derive(Debug, Serialize)]
pub struct ContractEntity<'a> {
    /// Canonical name.
    pub name: &'a str,
    /// PERSON, COUNTRY, LOCATION or ORGANIZATION.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Surface forms.
    pub aliases: &'a [String],
    /// Knowledge-base key (extra field; the scorer ignores it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kb_key: Option<&'a str>,
}

/// One relation of a contract record.
#[derive(Debug, Serialize)]
pub struct ContractRelation<'a> {
    /// Subject's canonical name.
    pub subject: &'a str,
    /// Ontology label.
    pub relation: &'static str,
    /// Object's canonical name.
    pub object: &'a str,
    /// Lemmatised predicate.
    pub predicate: &'a str,
    /// Evidence sentence.
    pub evidence: &'a str,
    /// Confidence.
    pub confidence: f32,
    /// CAMEO code of an interaction: the predicate's own code when the lexicon gives one
    /// ("042"), else the label's root (extra field).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cameo: Option<&'a str>,
    /// The rule that produced the relation (extra field).
    #[serde(skip_serializing_if = "str::is_empty")]
    pub rule: &'a str,
    /// Evidence byte offsets in the document text (extra field).
    pub evidence_span: [usize; 2],
}

/// A whole contract record: one document.
#[derive(Debug, Serialize)]
pub struct ContractRecord<'a> {
    /// Document name.
    pub doc: &'a str,
    /// Entities.
    pub entities: Vec<ContractEntity<'a>>,
    /// Relations.
    pub relations: Vec<ContractRelation<'a>>,
}

impl<'a> ContractRecord<'a> {
    /// The record for an extraction.
    pub fn new(ex: &'a Extraction) -> Self {
        let entities = ex
            .entities
            .iter()
            .map(|e| ContractEntity {
                name: &e.name,
                kind: e.kind.as_str(),
                aliases: &e.aliases,
                kb_key: e.kb_key.as_deref(),
            })
            .collect();
        let relations = ex
            .relations
            .iter()
            .filter_map(|r| {
                let s = ex.entities.get(r.subject)?;
                let o = ex.entities.get(r.object)?;
                Some(ContractRelation {
                    subject: &s.name,
                    relation: r.label.as_str(),
                    object: &o.name,
                    predicate: &r.predicate,
                    evidence: &r.evidence.text,
                    confidence: (r.confidence * 100.0).round() / 100.0,
                    cameo: r.cameo.as_deref(),
                    rule: &r.rule,
                    evidence_span: [r.evidence.span.start, r.evidence.span.end],
                })
            })
            .collect();
        ContractRecord {
            doc: &ex.document.name,
            entities,
            relations,
        }
    }
}
