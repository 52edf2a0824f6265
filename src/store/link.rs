//! Links across documents that depend on the whole set: a document that names a person by
//! surname only ("Smith said") joins the one stored person of that surname ("John Smith").
//! Done over the whole store at the end of a build, not document by document as they are
//! written, so that the result is the same whatever the order, batch size, thread count, or
//! builds running at once: each pass recomputes every link from the stored mentions.

use super::Store;
use crate::error::Result;
use crate::model::{DocumentId, EntityId};
use crate::text::name_key;
use rusqlite::{params, OptionalExtension, TransactionBehavior};
use std::collections::{BTreeMap, HashMap, HashSet};

/// One document's mentions of one unlinked person, all of them a single word.
struct LoneGroup {
    document: DocumentId,
    entity: EntityId,
    surname: String,
    text: String,
}

impl Store {
    /// Links every lone surname of every document to the one person whose full name ends
    /// with it, or else to the entity of the surname alone (undoing a link an earlier, smaller
    /// set made: a second "Mary Smith" makes "Smith" ambiguous). People the knowledge base
    /// knows, and names a correction mentions, are left as they are. Returns how many
    /// document-level groups moved.
    pub fn link_surnames(&mut self) -> Result<usize> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Every mention of an unlinked person: (document, entity, identity, text).
        let rows: Vec<(DocumentId, EntityId, String, String)> = tx
            .prepare(
                "SELECT m.document_id, m.entity_id, e.identity, m.text FROM mentions m
                   JOIN entities e ON e.id = m.entity_id
                  WHERE e.kind = 'PERSON' AND e.kb_key IS NULL
                  ORDER BY m.document_id, m.entity_id, m.text",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let curated: HashSet<String> = tx
            .prepare(
                "SELECT from_identity FROM curations WHERE undone_at IS NULL
                 UNION SELECT into_identity FROM curations WHERE undone_at IS NULL",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        // Full names: people with a mention of two words or more, by their last word.
        let mut full: BTreeMap<String, HashSet<EntityId>> = BTreeMap::new();
        let mut groups: BTreeMap<(DocumentId, EntityId), (Vec<String>, String)> = BTreeMap::new();
        for (document, entity, ident, text) in &rows {
            let folded = name_key(text);
            if folded.split_whitespace().count() >= 2 {
                if let Some(last) = ident
                    .strip_prefix("person:")
                    .and_then(|n| n.rsplit(' ').next())
                    .filter(|_| ident.contains(' '))
                {
                    full.entry(last.to_string()).or_default().insert(*entity);
                }
            }
            let g = groups
                .entry((*document, *entity))
                .or_insert_with(|| (Vec::new(), ident.clone()));
            g.0.push(text.clone());
        }
        let lone: Vec<LoneGroup> = groups
            .into_iter()
            .filter_map(|((document, entity), (texts, ident))| {
                let folded: Vec<String> = texts.iter().map(|t| name_key(t)).collect();
                let surname = folded.first()?.clone();
                let one_word = folded
                    .iter()
                    .all(|f| f == &surname && !f.is_empty() && !f.contains(char::is_whitespace));
                let own = format!("person:{surname}");
                (one_word && !curated.contains(&ident) && !curated.contains(&own)).then(|| {
                    LoneGroup {
                        document,
                        entity,
                        surname,
                        text: texts.into_iter().min().unwrap_or_default(),
                    }
                })
            })
            .collect();
        let mut own_ids: HashMap<String, EntityId> = HashMap::new();
        let mut moved = 0;
        for g in &lone {
            let target = match full.get(&g.surname) {
                Some(ids) if ids.len() == 1 => ids.iter().copied().next().unwrap_or(g.entity),
                _ => {
                    let ident = format!("person:{}", g.surname);
                    match own_ids.get(&ident) {
                        Some(&id) => id,
                        None => {
                            let found: Option<EntityId> = tx
                                .query_row(
                                    "SELECT id FROM entities WHERE identity = ?1",
                                    [&ident],
                                    |r| r.get(0),
                                )
                                .optional()?;
                            let id = match found {
                                Some(id) => id,
                                None => {
                                    tx.execute(
                                        "INSERT INTO entities (identity, name, kind) VALUES (?1, ?2, 'PERSON')",
                                        params![ident, g.text],
                                    )?;
                                    EntityId(tx.last_insert_rowid())
                                }
                            };
                            own_ids.insert(ident, id);
                            id
                        }
                    }
                }
            };
            if target == g.entity {
                continue;
            }
            for sql in [
                "UPDATE mentions SET entity_id = ?3 WHERE entity_id = ?2 AND document_id = ?1",
                "UPDATE relations SET subject_id = ?3 WHERE subject_id = ?2 AND document_id = ?1",
                "UPDATE relations SET object_id = ?3 WHERE object_id = ?2 AND document_id = ?1",
            ] {
                tx.execute(sql, params![g.document, g.entity, target])?;
            }
            tx.execute(
                "INSERT OR IGNORE INTO aliases (entity_id, alias, folded) VALUES (?1, ?2, ?3)",
                params![target, g.text, g.surname],
            )?;
            // The surname stays a name of the entity it leaves only if one of its own
            // documents still calls it that.
            tx.execute(
                "DELETE FROM aliases WHERE entity_id = ?1 AND folded = ?2
                   AND NOT EXISTS (SELECT 1 FROM mentions m WHERE m.entity_id = ?1 AND m.text = aliases.alias)",
                params![g.entity, g.surname],
            )?;
            moved += 1;
        }
        if moved > 0 {
            // A person that lost its only documents to the links is gone.
            tx.execute(
                "DELETE FROM entities WHERE kind = 'PERSON' AND id NOT IN (SELECT entity_id FROM mentions)
                   AND id NOT IN (SELECT subject_id FROM relations) AND id NOT IN (SELECT object_id FROM relations)",
                [],
            )?;
            // Relations moved between entities: their triples' events change.
            super::events::refold_all(&tx)?;
        }
        tx.commit()?;
        Ok(moved)
    }
}
