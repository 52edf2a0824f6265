//! Reads for the graph and query commands: the store's fingerprint, the compact graph columns,
//! entities by id, one relation's evidence, filtered triples.

use super::{entity_row, Fact, Store};
use crate::error::Result;
use crate::model::columns::{date_code, kind_code, label_code, GraphData, RelationColumns};
use crate::model::{DocumentId, EntityId, EntityRecord, RelationId, RelationLabel, RelationRecord};
use rusqlite::{params, OptionalExtension};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// Which stored relations a listing or an export reads (labels are filtered by the caller).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RelationQuery {
    /// Only relations with this subject.
    pub subject: Option<EntityId>,
    /// Only relations with this object.
    pub object: Option<EntityId>,
    /// Only these labels (empty: all).
    pub labels: Vec<RelationLabel>,
    /// Never these labels.
    pub exclude: Vec<RelationLabel>,
    /// Minimum confidence.
    pub min_confidence: Option<f64>,
    /// Document date on or after (ISO); undated relations drop out.
    pub since: Option<String>,
    /// Document date on or before (ISO); undated relations drop out.
    pub until: Option<String>,
}

impl RelationQuery {
    fn label_ok(&self, label: &str) -> bool {
        let Ok(l) = label.parse::<RelationLabel>() else {
            return false;
        };
        (self.labels.is_empty() || self.labels.contains(&l)) && !self.exclude.contains(&l)
    }
}

/// The evidence of one stored relation.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct RelationEvidence {
    /// Lemmatised predicate.
    pub predicate: String,
    /// The sentence (or imported line).
    pub evidence: String,
    /// Document name.
    pub document: String,
    /// Document date.
    pub date: Option<String>,
    /// Confidence (f32 as extracted).
    #[serde(serialize_with = "crate::model::serialize_confidence")]
    pub confidence: f32,
}

/// A stored document with its mentions, for reading it with the entities marked.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct DocumentView {
    /// Document name.
    pub name: String,
    /// Title, when the source had one.
    pub title: Option<String>,
    /// Date (ISO).
    pub date: Option<String>,
    /// Source URL.
    pub url: Option<String>,
    /// The whole text.
    pub text: String,
    /// Mentions in text order.
    pub mentions: Vec<MentionSpan>,
}

/// One mention: a byte span of [`DocumentView::text`] and its entity.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct MentionSpan {
    /// Start byte.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// The entity it resolved to.
    pub entity: EntityRecord,
}

const FILTERS: &str = "(?1 IS NULL OR r.confidence >= ?1)
   AND (?2 IS NULL OR (d.date IS NOT NULL AND d.date >= ?2))
   AND (?3 IS NULL OR (d.date IS NOT NULL AND substr(d.date, 1, length(?3)) <= ?3))";

/// The subject/object part of a WHERE clause (parameters ?4 and ?5). Plain equalities when a
/// value is given, so SQLite uses the subject or object index instead of scanning.
fn ends_clause(subject: bool, object: bool) -> &'static str {
    match (subject, object) {
        (true, true) => "r.subject_id = ?4 AND r.object_id = ?5",
        (true, false) => "r.subject_id = ?4 AND ?5 IS NULL",
        (false, true) => "?4 IS NULL AND r.object_id = ?5",
        (false, false) => "?4 IS NULL AND ?5 IS NULL",
    }
}

impl Store {
    /// A digest that changes whenever the graph could have: documents (ids and content
    /// hashes), and the counts and highest ids of entities and relations. Cheap next to
    /// reading the relations themselves.
    pub fn fingerprint(&self) -> Result<[u8; 32]> {
        let mut h = Sha256::new();
        h.update(super::SCHEMA_VERSION.to_le_bytes());
        let mut st = self
            .conn
            .prepare("SELECT id, content_hash FROM documents ORDER BY id")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            h.update(r.get::<_, i64>(0)?.to_le_bytes());
            h.update(r.get_ref(1)?.as_bytes().unwrap_or_default());
        }
        for sql in [
            "SELECT count(*), coalesce(max(id), 0) FROM entities",
            "SELECT count(*), coalesce(max(id), 0) FROM relations",
            // Corrections move mentions and relations between entities in place.
            "SELECT count(*), count(undone_at) FROM curations",
        ] {
            let (c, m): (i64, i64) = self
                .conn
                .query_row(sql, [], |r| Ok((r.get(0)?, r.get(1)?)))?;
            h.update(c.to_le_bytes());
            h.update(m.to_le_bytes());
        }
        Ok(h.finalize().into())
    }

    /// Every entity and relation as the columns the compact graph is built from.
    pub fn graph_data(&self) -> Result<GraphData> {
        let mut node_ids = Vec::new();
        let mut node_kinds = Vec::new();
        let mut st = self
            .conn
            .prepare("SELECT id, kind FROM entities ORDER BY id")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            node_ids.push(r.get::<_, EntityId>(0)?);
            let kind = r.get_ref(1)?.as_str().unwrap_or("").parse().ok();
            node_kinds.push(kind.map_or(0, kind_code));
        }
        let mut dates: BTreeMap<DocumentId, u32> = BTreeMap::new();
        let mut st = self
            .conn
            .prepare("SELECT id, date FROM documents WHERE date IS NOT NULL")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let d: String = r.get(1)?;
            dates.insert(r.get(0)?, date_code(&d).unwrap_or(0));
        }
        let labels: Vec<(&str, u8)> = RelationLabel::ALL
            .iter()
            .map(|&l| (l.as_str(), label_code(l)))
            .collect();
        let mut rel = RelationColumns::default();
        let mut st = self.conn.prepare(
            "SELECT id, subject_id, label, object_id, confidence, document_id FROM relations",
        )?;
        let mut rows = st.query([])?;
        let index = |id: EntityId| node_ids.binary_search(&id).ok().map(|i| i as u32);
        while let Some(r) = rows.next()? {
            let label = r.get_ref(2)?.as_str().unwrap_or("");
            let Some(&(_, code)) = labels.iter().find(|(s, _)| *s == label) else {
                continue;
            };
            let (Some(s), Some(o)) = (index(r.get(1)?), index(r.get(3)?)) else {
                continue;
            };
            let date = dates.get(&r.get::<_, DocumentId>(5)?).copied().unwrap_or(0);
            rel.push(r.get(0)?, s, code, o, r.get::<_, f64>(4)? as f32, date);
        }
        rel.sort();
        Ok(GraphData {
            node_ids,
            node_kinds,
            relations: rel,
        })
    }

    /// Every entity, in id order.
    pub fn entities(&self) -> Result<Vec<EntityRecord>> {
        let mut st = self
            .conn
            .prepare("SELECT id, name, kind, kb_key FROM entities ORDER BY id")?;
        let rows = st.query_map([], entity_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The entities with these ids (unknown ids are left out).
    pub fn entities_by_ids(&self, ids: &[EntityId]) -> Result<BTreeMap<EntityId, EntityRecord>> {
        let mut out = BTreeMap::new();
        if ids.len() > 20_000 {
            let wanted: std::collections::HashSet<EntityId> = ids.iter().copied().collect();
            let mut st = self
                .conn
                .prepare("SELECT id, name, kind, kb_key FROM entities")?;
            let mut rows = st.query([])?;
            while let Some(r) = rows.next()? {
                let id: EntityId = r.get(0)?;
                if wanted.contains(&id) {
                    out.insert(id, entity_row(r)?);
                }
            }
            return Ok(out);
        }
        let mut st = self
            .conn
            .prepare_cached("SELECT id, name, kind, kb_key FROM entities WHERE id = ?1")?;
        for &id in ids {
            if let Some(e) = st.query_row([id], entity_row).optional()? {
                out.insert(id, e);
            }
        }
        Ok(out)
    }

    /// A document by name with its text and every mention in it (byte spans, with the entity
    /// each one resolved to, in text order); `None` when no document has that name.
    pub fn document_view(&self, name: &str) -> Result<Option<DocumentView>> {
        let doc = self
            .conn
            .query_row(
                "SELECT id, name, title, date, url, text FROM documents WHERE name = ?1 ORDER BY id LIMIT 1",
                [name],
                |r| {
                    Ok((
                        r.get::<_, DocumentId>(0)?,
                        DocumentView {
                            name: r.get(1)?,
                            title: r.get(2)?,
                            date: r.get(3)?,
                            url: r.get(4)?,
                            text: r.get(5)?,
                            mentions: Vec::new(),
                        },
                    ))
                },
            )
            .optional()?;
        let Some((id, mut view)) = doc else {
            return Ok(None);
        };
        let mut st = self.conn.prepare_cached(
            "SELECT e.id, e.name, e.kind, e.kb_key, m.start, m.end FROM mentions m JOIN entities e ON e.id = m.entity_id
              WHERE m.document_id = ?1 ORDER BY m.start, m.end",
        )?;
        let rows = st.query_map([id], |r| {
            Ok(MentionSpan {
                entity: entity_row(r)?,
                start: r.get::<_, i64>(4)?.max(0) as usize,
                end: r.get::<_, i64>(5)?.max(0) as usize,
            })
        })?;
        view.mentions = rows.collect::<rusqlite::Result<_>>()?;
        Ok(Some(view))
    }

    /// The evidence of one relation.
    pub fn relation_evidence(&self, relation_id: RelationId) -> Result<Option<RelationEvidence>> {
        let mut st = self.conn.prepare_cached(
            "SELECT r.predicate, r.evidence, d.name, d.date, r.confidence
               FROM relations r JOIN documents d ON d.id = r.document_id WHERE r.id = ?1",
        )?;
        Ok(st
            .query_row([relation_id], |r| {
                Ok(RelationEvidence {
                    predicate: r.get(0)?,
                    evidence: r.get(1)?,
                    document: r.get(2)?,
                    date: r.get(3)?,
                    confidence: r.get::<_, f64>(4)? as f32,
                })
            })
            .optional()?)
    }

    /// Stored triples matching `q`, with names and evidence, sorted by subject name, label,
    /// object name, confidence (high first) and id; at most `limit`.
    pub fn facts(&self, q: &RelationQuery, limit: Option<usize>) -> Result<Vec<Fact>> {
        let sql = format!(
            "SELECT s.name, r.label, o.name, r.predicate, r.evidence, d.name, d.date, r.confidence, r.rule, s.kind, o.kind
               FROM relations r JOIN entities s ON s.id = r.subject_id JOIN entities o ON o.id = r.object_id
               JOIN documents d ON d.id = r.document_id
              WHERE {FILTERS} AND {}
              ORDER BY s.name, r.label, o.name, r.confidence DESC, r.id",
            ends_clause(q.subject.is_some(), q.object.is_some())
        );
        let mut st = self.conn.prepare(&sql)?;
        let mut rows = st.query(params![
            q.min_confidence,
            q.since,
            q.until,
            q.subject,
            q.object
        ])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            if limit.is_some_and(|l| out.len() >= l) {
                break;
            }
            let label: String = r.get(1)?;
            if !q.label_ok(&label) {
                continue;
            }
            out.push(Fact {
                subject: r.get(0)?,
                relation: label,
                object: r.get(2)?,
                predicate: r.get(3)?,
                evidence: r.get(4)?,
                document: r.get(5)?,
                date: r.get(6)?,
                confidence: r.get::<_, f64>(7)? as f32,
                rule: r.get(8)?,
                subject_kind: super::kind_column(r, 9)?,
                object_kind: super::kind_column(r, 10)?,
            });
        }
        Ok(out)
    }

    /// Calls `f` with every relation passing `q` (subject/object/date/confidence/labels),
    /// grouped by (subject, label, object) and in id order within a group. With `subjects`,
    /// only relations whose subject is one of them are read (one indexed lookup each).
    pub fn for_each_relation(
        &self,
        q: &RelationQuery,
        subjects: Option<&[EntityId]>,
        mut f: impl FnMut(RelationRecord),
    ) -> Result<()> {
        let base = "SELECT r.id, r.subject_id, r.label, r.object_id, r.predicate, d.name, d.date, r.evidence, r.confidence
               FROM relations r JOIN documents d ON d.id = r.document_id";
        let mut run = |sql: &str, subject: Option<EntityId>| -> Result<()> {
            let mut st = self.conn.prepare_cached(sql)?;
            let mut rows = st.query(params![
                q.min_confidence,
                q.since,
                q.until,
                subject.or(q.subject),
                q.object
            ])?;
            while let Some(r) = rows.next()? {
                let label: String = r.get(2)?;
                if !q.label_ok(&label) {
                    continue;
                }
                let Ok(label) = label.parse() else { continue };
                f(RelationRecord {
                    id: r.get(0)?,
                    subject: r.get(1)?,
                    label,
                    object: r.get(3)?,
                    predicate: r.get(4)?,
                    document: r.get(5)?,
                    date: r.get(6)?,
                    evidence: r.get(7)?,
                    confidence: r.get::<_, f64>(8)? as f32,
                });
            }
            Ok(())
        };
        let sql = format!(
            "{base} WHERE {FILTERS} AND {}
              ORDER BY r.subject_id, r.label, r.object_id, r.id",
            ends_clause(
                subjects.is_some() || q.subject.is_some(),
                q.object.is_some()
            )
        );
        match subjects {
            Some(ids) => {
                for &id in ids {
                    run(&sql, Some(id))?;
                }
                Ok(())
            }
            None => run(&sql, None),
        }
    }
}
