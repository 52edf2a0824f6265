//! A user's corrections that survive rebuilds: merges, aliases and splits. Each is a row of
//! `curations` that redirects an entity identity; `Store::write` applies the rows to every
//! document it writes, so re-ingesting a document keeps the corrections.

use super::{entity_row, identity, Store};
use crate::error::{Error, Result};
use crate::model::{DocumentId, EntityId, EntityRecord};
use crate::text::name_key;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;

/// One correction, as `kg curation log` lists it.
#[derive(Debug, Clone, Serialize)]
pub struct CurationRecord {
    /// Id, for `kg curation undo`.
    pub id: i64,
    /// merge, alias or split.
    pub action: String,
    /// The identity redirected.
    pub from_identity: String,
    /// Where it goes.
    pub into_identity: String,
    /// For a split: the document it applies to.
    pub document: Option<String>,
    /// The alias, or the new entity's name.
    pub name: Option<String>,
    /// When it was made.
    pub created_at: String,
    /// When it was undone, if it was.
    pub undone_at: Option<String>,
}

/// Follows the active corrections from `ident` for an entity of `document`: a split for that
/// document first, then merges and aliases (chains followed, cycles cut).
pub(crate) fn curated_identity(conn: &Connection, ident: &str, document: &str) -> Result<String> {
    let mut current = ident.to_string();
    let split: Option<String> = conn
        .prepare_cached(
            "SELECT into_identity FROM curations WHERE action = 'split' AND undone_at IS NULL
               AND from_identity = ?1 AND document = ?2 ORDER BY id DESC LIMIT 1",
        )?
        .query_row(params![current, document], |r| r.get(0))
        .optional()?;
    if let Some(s) = split {
        return Ok(s);
    }
    let mut seen = vec![current.clone()];
    let mut st = conn.prepare_cached(
        "SELECT into_identity FROM curations WHERE action IN ('merge', 'alias') AND undone_at IS NULL
           AND from_identity = ?1 ORDER BY id DESC LIMIT 1",
    )?;
    while let Some(next) = st
        .query_row([&current], |r| r.get::<_, String>(0))
        .optional()?
    {
        if seen.contains(&next) {
            break;
        }
        seen.push(next.clone());
        current = next;
    }
    Ok(current)
}

fn entity_identity(tx: &Transaction<'_>, id: EntityId) -> Result<String> {
    Ok(
        tx.query_row("SELECT identity FROM entities WHERE id = ?1", [id], |r| {
            r.get(0)
        })?,
    )
}

/// Moves everything of entity `from` onto entity `into` and deletes `from`.
pub(super) fn fold_entity(tx: &Connection, from: EntityId, into: EntityId) -> Result<()> {
    tx.execute(
        "UPDATE mentions SET entity_id = ?2 WHERE entity_id = ?1",
        params![from, into],
    )?;
    tx.execute(
        "UPDATE relations SET subject_id = ?2 WHERE subject_id = ?1",
        params![from, into],
    )?;
    tx.execute(
        "UPDATE relations SET object_id = ?2 WHERE object_id = ?1",
        params![from, into],
    )?;
    // A relation between the two is now a loop: it says nothing.
    tx.execute("DELETE FROM relations WHERE subject_id = object_id", [])?;
    tx.execute(
        "INSERT OR IGNORE INTO aliases (entity_id, alias, folded) SELECT ?2, alias, folded FROM aliases WHERE entity_id = ?1",
        params![from, into],
    )?;
    tx.execute("DELETE FROM aliases WHERE entity_id = ?1", [from])?;
    tx.execute("DELETE FROM entities WHERE id = ?1", [from])?;
    Ok(())
}

/// See [`Store::document_for_source`].
fn document_for_source(conn: &Connection, source: &str) -> Result<Option<crate::model::Document>> {
    Ok(conn
        .query_row(
            "SELECT name, source, title, date, url, text FROM documents WHERE source = ?1",
            [source],
            |r| {
                Ok(crate::model::Document {
                    name: r.get(0)?,
                    source: r.get(1)?,
                    title: r.get(2)?,
                    date: r.get(3)?,
                    url: r.get(4)?,
                    text: r.get(5)?,
                    warnings: Vec::new(),
                })
            },
        )
        .optional()?)
}

impl Store {
    /// Merges entity `from` into `into` now and for every later (re)build. Returns the
    /// correction's id.
    pub fn merge(&mut self, from: &EntityRecord, into: &EntityRecord) -> Result<i64> {
        if from.id == into.id {
            return Err(Error::Store {
                path: self.path.clone(),
                message: format!("{} is already {}", from.name, into.name),
            });
        }
        let tx = self.conn.transaction()?;
        let (fi, ii) = (
            entity_identity(&tx, from.id)?,
            entity_identity(&tx, into.id)?,
        );
        tx.execute(
            "INSERT INTO curations (action, from_identity, into_identity, name) VALUES ('merge', ?1, ?2, ?3)",
            params![fi, ii, from.name],
        )?;
        let id = tx.last_insert_rowid();
        fold_entity(&tx, from.id, into.id)?;
        // Relations moved between entities: their triples' events change.
        super::events::refold_all(&tx)?;
        tx.commit()?;
        Ok(id)
    }

    /// Adds `alias` as a name of `entity`: lookups find it, and a document naming only the
    /// alias links to this entity. An entity already stored under that name is merged in.
    pub fn add_alias(&mut self, entity: &EntityRecord, alias: &str) -> Result<i64> {
        let alias = &*crate::text::clean_name(alias);
        if name_key(alias).is_empty() {
            return Err(Error::Store {
                path: self.path.clone(),
                message: format!("{alias:?} is not a usable name"),
            });
        }
        let tx = self.conn.transaction()?;
        let into = entity_identity(&tx, entity.id)?;
        let from = identity(entity.kind, alias, None);
        tx.execute(
            "INSERT INTO curations (action, from_identity, into_identity, name) VALUES ('alias', ?1, ?2, ?3)",
            params![from, into, alias],
        )?;
        let id = tx.last_insert_rowid();
        tx.execute(
            "INSERT OR IGNORE INTO aliases (entity_id, alias, folded) VALUES (?1, ?2, ?3)",
            params![entity.id, alias, name_key(alias)],
        )?;
        let existing: Option<EntityId> = tx
            .query_row(
                "SELECT id FROM entities WHERE identity = ?1",
                [&from],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(other) = existing.filter(|&o| o != entity.id) {
            fold_entity(&tx, other, entity.id)?;
        }
        // Relations moved between entities: their triples' events change.
        super::events::refold_all(&tx)?;
        tx.commit()?;
        Ok(id)
    }

    /// Splits off the mentions and relations of `entity` in the named documents into an
    /// entity called `name` (same type), now and for every later rebuild of those documents.
    pub fn split(
        &mut self,
        entity: &EntityRecord,
        documents: &[String],
        name: &str,
    ) -> Result<Vec<i64>> {
        let name = &*crate::text::clean_name(name);
        let tx = self.conn.transaction()?;
        let from = entity_identity(&tx, entity.id)?;
        let into = identity(entity.kind, name, None);
        if into == from {
            return Err(Error::Store {
                path: self.path.clone(),
                message: format!("{name:?} is the entity's own name; choose a new one"),
            });
        }
        let new_id: i64 = match tx
            .query_row(
                "SELECT id FROM entities WHERE identity = ?1",
                [&into],
                |r| r.get(0),
            )
            .optional()?
        {
            Some(id) => id,
            None => {
                tx.execute(
                    "INSERT INTO entities (identity, name, kind) VALUES (?1, ?2, ?3)",
                    params![into, name, entity.kind.as_str()],
                )?;
                tx.last_insert_rowid()
            }
        };
        tx.execute(
            "INSERT OR IGNORE INTO aliases (entity_id, alias, folded) VALUES (?1, ?2, ?3)",
            params![new_id, name, name_key(name)],
        )?;
        let mut ids = Vec::new();
        for doc in documents {
            let doc_ids: Vec<DocumentId> = tx
                .prepare("SELECT id FROM documents WHERE name = ?1")?
                .query_map([doc], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            if doc_ids.is_empty() {
                return Err(Error::Store {
                    path: self.path.clone(),
                    message: format!("no document named {doc:?} (see `kg show {}`)", entity.name),
                });
            }
            tx.execute(
                "INSERT INTO curations (action, from_identity, into_identity, document, name) VALUES ('split', ?1, ?2, ?3, ?4)",
                params![from, into, doc, name],
            )?;
            ids.push(tx.last_insert_rowid());
            for d in doc_ids {
                tx.execute(
                    "UPDATE mentions SET entity_id = ?1 WHERE entity_id = ?2 AND document_id = ?3",
                    params![new_id, entity.id, d],
                )?;
                tx.execute("UPDATE relations SET subject_id = ?1 WHERE subject_id = ?2 AND document_id = ?3", params![new_id, entity.id, d])?;
                tx.execute(
                    "UPDATE relations SET object_id = ?1 WHERE object_id = ?2 AND document_id = ?3",
                    params![new_id, entity.id, d],
                )?;
            }
        }
        // Relations moved between entities: their triples' events change.
        super::events::refold_all(&tx)?;
        tx.commit()?;
        Ok(ids)
    }

    /// Every correction, oldest first.
    pub fn curations(&self) -> Result<Vec<CurationRecord>> {
        let mut st = self.conn.prepare(
            "SELECT id, action, from_identity, into_identity, document, name, created_at, undone_at FROM curations ORDER BY id",
        )?;
        let rows = st.query_map([], |r| {
            Ok(CurationRecord {
                id: r.get(0)?,
                action: r.get(1)?,
                from_identity: r.get(2)?,
                into_identity: r.get(3)?,
                document: r.get(4)?,
                name: r.get(5)?,
                created_at: r.get(6)?,
                undone_at: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Undoes a correction: marks it undone, then re-extracts (with `extract`, which must be
    /// the pipeline `kg build` uses) every document that mentions the entity it redirected
    /// to, and rebuilds that entity's names from those documents, so that the store is the
    /// one the correction never touched. All in one transaction. Returns the number of
    /// documents re-extracted.
    pub fn undo_curation(
        &mut self,
        id: i64,
        extract: &mut dyn FnMut(crate::model::Document) -> crate::model::Extraction,
    ) -> Result<usize> {
        let mut batch = self.batch()?;
        let tx = &batch.tx;
        let row: Option<(String, Option<String>)> = tx
            .query_row(
                "SELECT into_identity, undone_at FROM curations WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((into, undone)) = row else {
            return Err(Error::Store {
                path: self.path.clone(),
                message: format!("no correction {id}; see `kg curation log`"),
            });
        };
        if undone.is_some() {
            return Err(Error::Store {
                path: self.path.clone(),
                message: format!("correction {id} was already undone"),
            });
        }
        tx.execute(
            "UPDATE curations SET undone_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
            [id],
        )?;
        let sources: Vec<String> = tx
            .prepare(
                "SELECT DISTINCT d.source FROM documents d JOIN mentions m ON m.document_id = d.id
                   JOIN entities e ON e.id = m.entity_id WHERE e.identity = ?1 ORDER BY d.source",
            )?
            .query_map([&into], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        // The entity's names came from its documents and from corrections (an alias, or the
        // names of an entity merged in): drop them all; the re-extracted documents and the
        // corrections still active give back exactly the ones that remain true.
        tx.execute(
            "DELETE FROM aliases WHERE entity_id IN (SELECT id FROM entities WHERE identity = ?1)",
            [&into],
        )?;
        for source in &sources {
            if let Some(doc) = document_for_source(&batch.tx, source)? {
                batch.rewrite(source, &extract(doc))?;
            }
        }
        let tx = &batch.tx;
        // Names no document gives: the canonical name itself (an imported entity has no
        // mentions) and the aliases of corrections still active.
        let names: Vec<(i64, String)> = tx
            .prepare(
                "SELECT id, name FROM entities WHERE identity = ?1
                 UNION SELECT e.id, c.name FROM curations c JOIN entities e ON e.identity = c.into_identity
                  WHERE c.action = 'alias' AND c.undone_at IS NULL AND c.into_identity = ?1",
            )?
            .query_map([&into], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (entity, name) in names {
            tx.execute(
                "INSERT OR IGNORE INTO aliases (entity_id, alias, folded) VALUES (?1, ?2, ?3)",
                params![entity, name, name_key(&name)],
            )?;
        }
        // Relations moved between entities: their triples' events change.
        super::events::refold_all(&batch.tx)?;
        batch.commit()?;
        self.link_surnames()?;
        Ok(sources.len())
    }

    /// The stored text of a document (to re-extract it after a correction changes).
    pub fn document_for_source(&self, source: &str) -> Result<Option<crate::model::Document>> {
        document_for_source(&self.conn, source)
    }

    /// Looks up an entity by id (for commands that hold ids).
    pub fn entity_by_id(&self, id: EntityId) -> Result<Option<EntityRecord>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, name, kind, kb_key FROM entities WHERE id = ?1",
                [id],
                entity_row,
            )
            .optional()?)
    }
}
