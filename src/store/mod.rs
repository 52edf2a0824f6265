//! The SQLite store: open (and create) with schema checks, write one document per
//! transaction, typed reads for the graph and the query commands.

pub mod migrate;

use crate::error::{Error, Result};
use crate::model::{DocumentId, EntityId, EntityRecord, EntityType, Extraction, RelationId};
use crate::text::clean_name;
use crate::text::name_key;
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

mod bulk;
mod events;
mod import;
mod query;

pub use events::{Event, EventQuery, EventSource, EventSummary};
pub use import::{ImportOptions, ImportSummary, UnknownLabels};
pub use query::{DocumentView, MentionSpan, RelationEvidence, RelationQuery};

/// The schema, the only DDL of the project.
pub const SCHEMA: &str = include_str!("../../schema.sql");
/// Bumped on every schema change; stored in `PRAGMA user_version`.
pub const SCHEMA_VERSION: i64 = 8;

/// (name, CREATE statement) of every index on `table`, as schema.sql declares them, for bulk
/// writes that drop the indexes and build them once at the end (a sort) instead of updating
/// them row by row (random writes).
pub(crate) fn indexes_on(table: &str) -> Vec<(&'static str, &'static str)> {
    let on = format!(" ON {table}(");
    SCHEMA
        .split(';')
        .map(str::trim)
        .filter(|st| st.starts_with("CREATE INDEX") && st.contains(&on))
        .filter_map(|st| {
            let name = st.split_whitespace().nth(2)?;
            Some((name, st))
        })
        .collect()
}
/// How long a writer waits for another one (e.g. a second `kg build`) to commit its batch.
pub const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

pub mod curation;
mod link;

/// An open store.
pub struct Store {
    conn: Connection,
    pub(crate) path: PathBuf,
}

/// What writing one document did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WriteOutcome {
    /// A new document.
    New,
    /// Its source was stored with other content: old mentions and relations replaced.
    Replaced,
    /// The same content is already stored under this source.
    Unchanged,
    /// The same text is stored under another source (a duplicate body): not stored again.
    Duplicate,
}

/// Counts for `kg stats`.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    /// Documents stored.
    pub documents: i64,
    /// Entities by type.
    pub entities: BTreeMap<String, i64>,
    /// Relations by label.
    pub relations: BTreeMap<String, i64>,
    /// Mentions stored.
    pub mentions: i64,
}

/// One fact about an entity, for `kg show`.
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    /// Subject name.
    pub subject: String,
    /// Label.
    pub relation: String,
    /// Object name.
    pub object: String,
    /// Predicate.
    pub predicate: String,
    /// Evidence sentence.
    pub evidence: String,
    /// Document name.
    pub document: String,
    /// Document date.
    pub date: Option<String>,
    /// Confidence (f32 as extracted, so JSON prints 0.8, not the f64 widening 0.800000011920929).
    #[serde(serialize_with = "crate::model::serialize_confidence")]
    pub confidence: f32,
    /// The extraction rule that found it ("import" for imported triples; none for relations
    /// stored before kg recorded rules).
    pub rule: Option<String>,
    /// The subject's type (the explorer filters an entity's facts by the other end's type).
    pub subject_kind: EntityType,
    /// The object's type.
    pub object_kind: EntityType,
}

/// Everything `kg show` prints about one entity.
#[derive(Debug, Clone, Serialize)]
pub struct EntityProfile {
    /// The entity.
    pub entity: EntityRecord,
    /// Surface forms.
    pub aliases: Vec<String>,
    /// Number of mentions and of documents.
    pub mentions: i64,
    /// Documents that mention it.
    pub documents: Vec<String>,
    /// Relations where it is subject or object.
    pub facts: Vec<Fact>,
}

/// SHA-256 of a document's text, hex.
pub fn content_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The identity that makes entities of different documents one node.
pub fn identity(kind: EntityType, name: &str, kb_key: Option<&str>) -> String {
    match kb_key {
        Some(k) => k.to_string(),
        None => format!("{}:{}", kind.as_str().to_lowercase(), name_key(name)),
    }
}

/// Sources and content hashes of the stored documents; see [`Store::known_documents`].
#[derive(Debug, Clone, Default)]
pub struct KnownDocuments {
    sources: HashMap<String, String>,
    /// Content hash → the least source storing it.
    hashes: HashMap<String, String>,
}

impl KnownDocuments {
    /// What [`Store::check`] would say, from memory.
    pub fn check(&self, source: &str, hash: &str) -> WriteOutcome {
        match self.sources.get(source) {
            Some(h) if h == hash => WriteOutcome::Unchanged,
            Some(_) => WriteOutcome::Replaced,
            // Under a greater source, the body is to be extracted and stored under this one.
            None if self
                .hashes
                .get(hash)
                .is_some_and(|least| least.as_str() < source) =>
            {
                WriteOutcome::Duplicate
            }
            None => WriteOutcome::New,
        }
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.sources.len()
    }

    /// True when the store has no documents.
    pub fn is_empty(&self) -> bool {
        self.sources.is_empty()
    }
}

/// One write transaction over many documents; see [`Store::batch`]. Each document is written
/// in its own savepoint, so a document that fails leaves no trace and the others stay. Nothing
/// is visible to other connections, or survives a crash, before [`Batch::commit`].
pub struct Batch<'s> {
    tx: Transaction<'s>,
    written: usize,
    replaced: bool,
    /// Triples whose events the batch changed, folded again at commit.
    touched: HashSet<crate::events::TripleKey>,
}

impl Batch<'_> {
    /// Writes one document: all of its mentions and relations, or (on error) nothing.
    pub fn write(&mut self, source: &str, ex: &Extraction) -> Result<WriteOutcome> {
        self.write_inner(source, ex, false)
    }

    /// Writes a stored document again even though its text is unchanged (after a correction
    /// changed how its entities resolve).
    pub fn rewrite(&mut self, source: &str, ex: &Extraction) -> Result<WriteOutcome> {
        self.write_inner(source, ex, true)
    }

    fn write_inner(&mut self, source: &str, ex: &Extraction, force: bool) -> Result<WriteOutcome> {
        let sp = self.tx.savepoint()?;
        let mut removed = false;
        let outcome = write_document(&sp, source, ex, force, &mut self.touched, &mut removed)?;
        sp.commit()?;
        if matches!(outcome, WriteOutcome::New | WriteOutcome::Replaced) {
            self.written += 1;
        }
        self.replaced |= removed;
        Ok(outcome)
    }

    /// Documents written (new or replaced) so far.
    pub fn written(&self) -> usize {
        self.written
    }

    /// Makes every document of the batch durable and visible at once.
    pub fn commit(self) -> Result<()> {
        events::refold(&self.tx, &self.touched)?;
        if self.replaced {
            // Entities only the old versions of replaced documents knew are gone with them.
            self.tx.execute(
                "DELETE FROM entities WHERE id NOT IN (SELECT entity_id FROM mentions)
                   AND id NOT IN (SELECT subject_id FROM relations) AND id NOT IN (SELECT object_id FROM relations)",
                [],
            )?;
        }
        self.tx.commit()?;
        Ok(())
    }
}

/// See [`Store::check`].
fn check(conn: &Connection, source: &str, hash: &str) -> Result<WriteOutcome> {
    let stored: Option<String> = conn
        .prepare_cached("SELECT content_hash FROM documents WHERE source = ?1")?
        .query_row([source], |r| r.get(0))
        .optional()?;
    Ok(match stored {
        Some(h) if h == hash => WriteOutcome::Unchanged,
        Some(_) => WriteOutcome::Replaced,
        None => {
            let dup: Option<i64> = conn
                .prepare_cached("SELECT id FROM documents WHERE content_hash = ?1 LIMIT 1")?
                .query_row([hash], |r| r.get(0))
                .optional()?;
            if dup.is_some() {
                WriteOutcome::Duplicate
            } else {
                WriteOutcome::New
            }
        }
    })
}

/// Writes one document through `conn` (a savepoint of a batch); sets `removed` when stored
/// documents were deleted to make room for it.
fn write_document(
    conn: &Connection,
    source: &str,
    ex: &Extraction,
    force: bool,
    touched: &mut HashSet<crate::events::TripleKey>,
    removed: &mut bool,
) -> Result<WriteOutcome> {
    let doc = &ex.document;
    let hash = content_hash(&doc.text);
    let mut outcome = check(conn, source, &hash)?;
    if outcome == WriteOutcome::Duplicate {
        // One body under several sources is stored under the least of them, whichever came
        // first: the documents a store lists (and their dates) must not depend on the order.
        let others: Vec<String> = conn
            .prepare_cached("SELECT source FROM documents WHERE content_hash = ?1")?
            .query_map([&hash], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if others.iter().all(|other| source < other.as_str()) {
            for other in &others {
                touched.extend(events::keys_of_document(conn, other)?);
                conn.execute("DELETE FROM documents WHERE source = ?1", [other])?;
            }
            *removed = true;
            insert_document(conn, source, &hash, ex, touched)?;
            return Ok(WriteOutcome::Duplicate);
        }
    }
    if matches!(outcome, WriteOutcome::Unchanged | WriteOutcome::Duplicate) {
        let stored = conn
            .prepare_cached("SELECT count(*) FROM documents WHERE source = ?1")?
            .query_row([source], |r| r.get::<_, i64>(0))?
            > 0;
        if !(force && stored) {
            return Ok(outcome);
        }
        outcome = WriteOutcome::Replaced;
    }
    if outcome == WriteOutcome::Replaced {
        touched.extend(events::keys_of_document(conn, source)?);
        conn.execute("DELETE FROM documents WHERE source = ?1", [source])?;
        *removed = true;
    }
    insert_document(conn, source, &hash, ex, touched)?;
    Ok(outcome)
}

/// Inserts the document of `ex` under `source`, with its entities, mentions and relations.
fn insert_document(
    conn: &Connection,
    source: &str,
    hash: &str,
    ex: &Extraction,
    touched: &mut HashSet<crate::events::TripleKey>,
) -> Result<()> {
    let doc = &ex.document;
    conn.execute(
        "INSERT INTO documents (name, source, content_hash, title, date, url, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![doc.name, source, hash, doc.title, doc.date, doc.url, doc.text],
    )?;
    let doc_id = DocumentId(conn.last_insert_rowid());
    let mut ids = Vec::with_capacity(ex.entities.len());
    let mut find = conn.prepare_cached("SELECT id FROM entities WHERE identity = ?1")?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO entities (identity, name, kind, kb_key) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut alias = conn.prepare_cached(
        "INSERT OR IGNORE INTO aliases (entity_id, alias, folded) VALUES (?1, ?2, ?3)",
    )?;
    let mut rename =
        conn.prepare_cached("UPDATE entities SET name = ?2 WHERE id = ?1 AND name > ?2")?;
    for e in &ex.entities {
        // No control character is stored in a name, whatever the extractor was given.
        let name = clean_name(&e.name);
        // The user's corrections apply; a lone surname is linked to a full name once the
        // whole build is stored (Store::link_surnames), so that the order does not matter.
        let base = identity(e.kind, &name, e.kb_key.as_deref());
        let ident = curation::curated_identity(conn, &base, &doc.name)?;
        let id: EntityId = match find.query_row([&ident], |r| r.get(0)).optional()? {
            Some(id) => {
                // Of the names documents give one entity, the least: whichever came first
                // would make the store depend on the order of ingestion. A name a correction
                // chose (the entity is the target of a redirect) stays.
                if ident == base {
                    rename.execute(params![id, name])?;
                }
                id
            }
            None => {
                insert.execute(params![ident, name, e.kind.as_str(), e.kb_key])?;
                EntityId(conn.last_insert_rowid())
            }
        };
        for a in e.aliases.iter().chain(std::iter::once(&e.name)) {
            let a = clean_name(a);
            alias.execute(params![id, a, name_key(&a)])?;
        }
        ids.push(id);
    }
    let mut mention = conn.prepare_cached(
        "INSERT INTO mentions (document_id, entity_id, start, end, sentence_start, sentence_end, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (ei, e) in ex.entities.iter().enumerate() {
        for &m in &e.mentions {
            let Some(mm) = ex.mentions.get(m) else {
                continue;
            };
            let s = ex.sentences.get(mm.sentence).map_or(mm.span, |s| s.span);
            mention.execute(params![
                doc_id,
                ids[ei],
                mm.span.start as i64,
                mm.span.end as i64,
                s.start as i64,
                s.end as i64,
                mm.text
            ])?;
        }
    }
    let mut rel = conn.prepare_cached(
        "INSERT INTO relations (document_id, subject_id, label, object_id, predicate, cameo, evidence, evidence_start, evidence_end, confidence,
                                event_start, event_end, event_precision, event_phrase, rule)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?;
    let doc_date = doc.date.as_deref().and_then(crate::time::Date::parse_iso);
    for r in &ex.relations {
        let (Some(&s), Some(&o)) = (ids.get(r.subject), ids.get(r.object)) else {
            continue;
        };
        touched.insert(crate::events::TripleKey::new(s, r.label, o));
        let (start, end, precision, phrase) = events::event_columns(crate::time::event_time(
            &r.evidence.text,
            &r.predicate,
            doc_date,
        ));
        rel.execute(params![
            doc_id,
            s,
            r.label.as_str(),
            o,
            r.predicate,
            r.cameo.as_deref(),
            r.evidence.text,
            r.evidence.span.start as i64,
            r.evidence.span.end as i64,
            f64::from(r.confidence),
            start,
            end,
            precision,
            phrase,
            r.rule
        ])?;
    }
    Ok(())
}

impl Store {
    /// Opens the store at `path` for writing: creates it when missing, migrates one written by
    /// an older kg, refuses one written by a newer kg.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_with(path, true)
    }

    /// Opens an existing store for reading; it must have this kg's schema version.
    pub fn open_read(path: &Path) -> Result<Store> {
        Store::open_with(path, false)
    }

    fn open_with(path: &Path, write: bool) -> Result<Store> {
        let store_err = |message: String| Error::Store {
            path: path.to_path_buf(),
            message,
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            if !dir.exists() {
                return Err(store_err(format!(
                    "folder {} does not exist; create it or choose another --db",
                    dir.display()
                )));
            }
        }
        if path.is_dir() {
            return Err(store_err(
                "is a folder, not a store file; give --db a file name".to_string(),
            ));
        }
        let mut conn = if write {
            Connection::open(path)
        } else {
            open_read_only(path)
        }
        .map_err(|e| store_err(format!("cannot open: {}", explain(&e))))?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .and_then(|()| {
                // With WAL, NORMAL loses no committed transaction when the process dies (only
                // on power loss may the last ones roll back); the store is never corrupted.
                conn.pragma_update(None, "synchronous", "NORMAL")
            })
            .map_err(|e| store_err(explain(&e)))?;
        let version = |c: &Connection| -> Result<(i64, i64)> {
            let v: i64 = c
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .map_err(|e| match read_only(&e) {
                    true => store_err(explain(&e)),
                    false => store_err(format!("not a kg database (or corrupt): {}", explain(&e))),
                })?;
            let tables: i64 =
                c.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
            Ok((v, tables))
        };
        let (v, tables) = version(&conn)?;
        if write {
            // Say now, not after the documents are extracted, that nothing can be written.
            conn.execute_batch("BEGIN IMMEDIATE; ROLLBACK")
                .map_err(|e| store_err(explain(&e)))?;
        }
        if v == SCHEMA_VERSION {
            return Ok(Store {
                conn,
                path: path.to_path_buf(),
            });
        }
        if v > SCHEMA_VERSION {
            return Err(store_err(format!(
                "schema version {v} was written by a newer kg (this one reads version {SCHEMA_VERSION}); upgrade kg, or build into a new --db file"
            )));
        }
        if !write {
            return Err(store_err(if v == 0 && tables == 0 {
                "empty file, not a kg store; run `kg build PATH...` to fill it".to_string()
            } else {
                format!(
                    "schema version {v} is older than this kg's {SCHEMA_VERSION}; the next `kg build` into it upgrades it"
                )
            }));
        }
        if v == 0 && tables == 0 {
            // Outside any transaction: the journal mode cannot change inside one. SQLite does
            // not wait on a busy database for this pragma, so two kg creating the same store at
            // once retry here while the other one holds the lock.
            let start = std::time::Instant::now();
            loop {
                match conn.pragma_update(None, "journal_mode", "WAL") {
                    Err(rusqlite::Error::SqliteFailure(e, _))
                        if e.code == rusqlite::ErrorCode::DatabaseBusy
                            && start.elapsed() < BUSY_TIMEOUT =>
                    {
                        std::thread::sleep(std::time::Duration::from_millis(20));
                    }
                    other => break other?,
                }
            }
        }
        // Holding the write lock, look again: another kg may have created or migrated it.
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (v, tables) = version(&tx)?;
        if v == 0 && tables == 0 {
            tx.execute_batch(SCHEMA)?;
            tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        } else if v < SCHEMA_VERSION {
            let steps = migrate::plan(v, SCHEMA_VERSION, migrate::MIGRATIONS).map_err(|e| {
                store_err(match e {
                    migrate::PlanError::NoPath { missing } if v == 0 => format!(
                        "not a kg store (an SQLite file with other tables, schema version 0; no migration from {missing})"
                    ),
                    _ => format!(
                        "schema version {v} is too old for this kg (version {SCHEMA_VERSION}) to migrate; rebuild it with `kg build` into a new --db file"
                    ),
                })
            })?;
            migrate::apply(&tx, &steps)?;
            if v < 3 {
                // Event dates and events are derived in Rust, which migration SQL cannot run.
                events::date_relations(&tx)?;
                events::refold_all(&tx)?;
            }
            if v < 4 && migrate::rekey_names(&tx)? > 0 {
                events::refold_all(&tx)?;
            }
            if (3..7).contains(&v) {
                // Events are numbered by their first relation since version 7.
                events::refold_all(&tx)?;
            }
        } else if v > SCHEMA_VERSION {
            return Err(store_err(format!(
                "schema version {v} was written by a newer kg (this one reads version {SCHEMA_VERSION}); upgrade kg"
            )));
        }
        tx.commit()?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// A value kept with the store (the `settings` table), if it was ever set.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Keeps `value` under `key` with the store.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
               ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }

    /// Where the store is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The outcome writing a document with this source and text would have, without writing.
    pub fn check(&self, source: &str, hash: &str) -> Result<WriteOutcome> {
        check(&self.conn, source, hash)
    }

    /// Every stored document's source and content hash, loaded once so that a build can skip
    /// unchanged input without a query per document.
    pub fn known_documents(&self) -> Result<KnownDocuments> {
        let mut st = self
            .conn
            .prepare("SELECT source, content_hash FROM documents")?;
        let mut known = KnownDocuments::default();
        let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (source, hash) = row?;
            let least = known
                .hashes
                .entry(hash.clone())
                .or_insert_with(|| source.clone());
            if source < *least {
                least.clone_from(&source);
            }
            known.sources.insert(source, hash);
        }
        Ok(known)
    }

    /// Starts a write transaction holding the write lock (waiting up to the busy timeout for
    /// another writer), in which documents are written one savepoint each.
    /// Takes `&self` so that a writer can hold one batch after another without the borrow of
    /// the previous one; SQLite refuses a nested `BEGIN`, so two open batches are an error.
    pub fn batch(&self) -> Result<Batch<'_>> {
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        Ok(Batch {
            tx,
            written: 0,
            replaced: false,
            touched: HashSet::new(),
        })
    }

    /// Writes one document's extraction in one transaction (all of it or nothing).
    pub fn write(&mut self, source: &str, ex: &Extraction) -> Result<WriteOutcome> {
        let mut batch = self.batch()?;
        let outcome = batch.write(source, ex)?;
        batch.commit()?;
        Ok(outcome)
    }

    /// Writes a stored document again though its text is unchanged (after a correction).
    pub fn rewrite(&mut self, source: &str, ex: &Extraction) -> Result<WriteOutcome> {
        let mut batch = self.batch()?;
        let outcome = batch.rewrite(source, ex)?;
        batch.commit()?;
        Ok(outcome)
    }

    /// Finds the entity a user means; see [`Store::find_entity_of`].
    pub fn find_entity(&self, name: &str) -> Result<EntityRecord> {
        self.find_entity_of(name, None)
    }

    /// Finds the entity a user means, the one place every command resolves an entity
    /// argument: `#ID`; an identity or knowledge-base key (`person:PAUL_A._VOLCKER`, ignoring
    /// case, `_` for a space); else the canonical name or any alias, ignoring case and accents.
    /// `kind` keeps only entities of that type. Unknown → the closest names; several →
    /// ambiguous (with each one's `#ID` and key), unless one's canonical name matches.
    pub fn find_entity_of(&self, name: &str, kind: Option<EntityType>) -> Result<EntityRecord> {
        let wanted = |e: &EntityRecord| kind.is_none_or(|k| k == e.kind);
        let trimmed = name.trim();
        if let Some(id) = trimmed
            .strip_prefix('#')
            .and_then(|n| n.parse::<EntityId>().ok())
        {
            return match self.entity_by_id(id)?.filter(|e| wanted(e)) {
                Some(e) => Ok(e),
                None => Err(Error::UnknownEntity {
                    name: name.to_string(),
                    candidates: Vec::new(),
                }),
            };
        }
        if trimmed.contains(':') {
            let handle = trimmed.to_lowercase().replace(' ', "_");
            let mut st = self.conn.prepare_cached(
                "SELECT id, name, kind, kb_key FROM entities WHERE replace(lower(identity), ' ', '_') = ?1",
            )?;
            let hits: Vec<EntityRecord> = st
                .query_map([&handle], entity_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?
                .into_iter()
                .filter(|e| wanted(e))
                .collect();
            if let [one] = hits.as_slice() {
                return Ok(one.clone());
            }
        }
        let folded = name_key(name);
        let mut st = self.conn.prepare_cached(
            "SELECT DISTINCT e.id, e.name, e.kind, e.kb_key FROM aliases a JOIN entities e ON e.id = a.entity_id WHERE a.folded = ?1 ORDER BY e.id",
        )?;
        let hits: Vec<EntityRecord> = st
            .query_map([&folded], entity_row)?
            .collect::<rusqlite::Result<_>>()?;
        // No alias is exactly the query: a surname or last words of one ("Putin", "Lavrov").
        let hits = if hits.is_empty() && !folded.is_empty() {
            let pattern = format!(
                "% {}",
                folded
                    .replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            );
            let mut st = self.conn.prepare_cached(
                "SELECT DISTINCT e.id, e.name, e.kind, e.kb_key FROM aliases a JOIN entities e ON e.id = a.entity_id
                  WHERE a.folded LIKE ?1 ESCAPE '\\' ORDER BY e.id",
            )?;
            let rows = st.query_map([&pattern], entity_row)?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
        } else {
            hits
        };
        let hits: Vec<EntityRecord> = hits.into_iter().filter(|e| wanted(e)).collect();
        match hits.len() {
            1 => Ok(hits.into_iter().next().expect("one hit")),
            0 => Err(Error::UnknownEntity {
                name: name.to_string(),
                candidates: self.closest(&folded)?,
            }),
            _ => {
                let exact: Vec<&EntityRecord> = hits
                    .iter()
                    .filter(|e| name_key(&e.name) == folded)
                    .collect();
                if exact.len() == 1 {
                    return Ok(exact[0].clone());
                }
                Err(Error::AmbiguousEntity {
                    name: name.to_string(),
                    candidates: hits
                        .iter()
                        .map(|e| self.handle_of(e))
                        .collect::<Result<_>>()?,
                })
            }
        }
    }

    /// How an ambiguity message names an entity so that the user can pick it:
    /// `Paul Volcker (PERSON, #12, person:PAUL_A._VOLCKER)`.
    fn handle_of(&self, e: &EntityRecord) -> Result<String> {
        let identity: String = self
            .conn
            .prepare_cached("SELECT identity FROM entities WHERE id = ?1")?
            .query_row([e.id], |r| r.get(0))?;
        Ok(format!(
            "{} ({}, #{}, {})",
            e.name,
            e.kind,
            e.id,
            identity.replace(' ', "_")
        ))
    }

    /// Entities whose name or an alias contains `query` (case- and accent-insensitive), the
    /// best matches first: whole name, then name start, then word start, then anywhere; ties by
    /// shorter name, then id. At most `limit`. Suggestions as you type, for the web explorer.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let folded = name_key(query);
        if folded.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let pattern = format!(
            "%{}%",
            folded
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        let mut st = self.conn.prepare_cached(
            "SELECT e.id, e.name, e.kind, e.kb_key, a.alias, a.folded FROM aliases a JOIN entities e ON e.id = a.entity_id
              WHERE a.folded LIKE ?1 ESCAPE '\\' ORDER BY e.id",
        )?;
        let rows = st.query_map([&pattern], |r| {
            Ok((
                entity_row(r)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
            ))
        })?;
        // Best (rank, alias) per entity.
        let mut best: HashMap<EntityId, (u8, EntityRecord, String)> = HashMap::new();
        for row in rows {
            let (entity, alias, alias_folded) = row?;
            let rank = if alias_folded == folded {
                0
            } else if alias_folded.starts_with(&folded) {
                1
            } else if alias_folded.contains(&format!(" {folded}")) {
                2
            } else {
                3
            };
            match best.get(&entity.id) {
                Some((r, _, _)) if *r <= rank => {}
                _ => {
                    best.insert(entity.id, (rank, entity, alias));
                }
            }
        }
        let mut hits: Vec<(u8, EntityRecord, String)> = best.into_values().collect();
        hits.sort_by(|a, b| {
            (a.0, a.1.name.chars().count(), a.1.id).cmp(&(b.0, b.1.name.chars().count(), b.1.id))
        });
        hits.truncate(limit);
        Ok(hits
            .into_iter()
            .map(|(_, entity, alias)| SearchHit {
                matched: alias,
                entity,
            })
            .collect())
    }

    /// The first and last document dates (ISO), when any document is dated: the bounds of a
    /// date filter.
    pub fn date_range(&self) -> Result<(Option<String>, Option<String>)> {
        Ok(self.conn.query_row(
            "SELECT min(date), max(date) FROM documents WHERE date IS NOT NULL",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }

    /// Up to five names close to `query` (substring, then edit distance): what "did you mean"
    /// offers when a search finds nothing.
    pub fn suggestions(&self, query: &str) -> Result<Vec<String>> {
        self.closest(&name_key(query))
    }

    /// Up to five entities closest to a folded query (a name holding it, then edit distance),
    /// each as something that names it when pasted back: its name where the name alone
    /// resolves to it, else its key (`person:michael_reagan`).
    fn closest(&self, folded: &str) -> Result<Vec<String>> {
        let mut st = self.conn.prepare(
            "SELECT e.id, e.name, a.folded FROM aliases a JOIN entities e ON e.id = a.entity_id",
        )?;
        let rows: Vec<(i64, String, String)> = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let query_len = folded.chars().count();
        let limit = (query_len / 2).max(2);
        let mut best: HashMap<i64, (usize, String)> = HashMap::new();
        for (id, name, alias) in rows {
            // A name holding the query ("volcker" in "paul volcker") is as close as can be;
            // the query holding a name counts only for a name of half its length or more, so
            // that "reagn" does not offer every "a" and "e" in the store.
            let contains = query_len >= 3 && alias.contains(folded)
                || alias.chars().count() * 2 >= query_len.max(6) && folded.contains(alias.as_str());
            // As a look-up takes a surname for a name, the alias's last words count too.
            let words = folded.split(' ').count();
            let tail: Vec<&str> = alias.split(' ').collect();
            let tail = tail[tail.len().saturating_sub(words)..].join(" ");
            let d = if contains {
                0
            } else {
                edit_distance(folded, &alias).min(edit_distance(folded, &tail))
            };
            if d <= limit && best.get(&id).is_none_or(|(b, _)| d < *b) {
                best.insert(id, (d, name));
            }
        }
        let mut v: Vec<(usize, String, i64)> =
            best.into_iter().map(|(id, (d, n))| (d, n, id)).collect();
        v.sort();
        v.into_iter()
            .take(5)
            .map(|(_, name, id)| self.pasteable(&name, id))
            .collect()
    }

    /// `name` when looking it up finds entity `id` and no other, else `id`'s key.
    fn pasteable(&self, name: &str, id: i64) -> Result<String> {
        let folded = name_key(name);
        let hits: Vec<(i64, String)> = self
            .conn
            .prepare_cached(
                "SELECT DISTINCT e.id, e.name FROM aliases a JOIN entities e ON e.id = a.entity_id WHERE a.folded = ?1",
            )?
            .query_map([&folded], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let exact: Vec<i64> = hits
            .iter()
            .filter(|(_, n)| name_key(n) == folded)
            .map(|(i, _)| *i)
            .collect();
        let by_name = hits.len() == 1 && hits[0].0 == id || hits.len() > 1 && exact == [id];
        // A name that looks like a handle ("#12", "a:b") is read as one.
        if by_name && !name.trim().starts_with('#') && !name.contains(':') {
            return Ok(name.to_string());
        }
        let identity: String = self
            .conn
            .prepare_cached("SELECT identity FROM entities WHERE id = ?1")?
            .query_row([id], |r| r.get(0))?;
        Ok(identity.replace(' ', "_"))
    }

    /// Counts by type and label.
    pub fn stats(&self) -> Result<Stats> {
        let count = |sql: &str| -> Result<i64> { Ok(self.conn.query_row(sql, [], |r| r.get(0))?) };
        let group = |sql: &str| -> Result<BTreeMap<String, i64>> {
            let mut st = self.conn.prepare(sql)?;
            let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        Ok(Stats {
            documents: count("SELECT count(*) FROM documents")?,
            mentions: count("SELECT count(*) FROM mentions")?,
            entities: group("SELECT kind, count(*) FROM entities GROUP BY kind")?,
            relations: group("SELECT label, count(*) FROM relations GROUP BY label")?,
        })
    }

    /// Aliases, documents and facts with evidence for one entity.
    pub fn profile(&self, entity: &EntityRecord) -> Result<EntityProfile> {
        let mut st = self
            .conn
            .prepare("SELECT alias FROM aliases WHERE entity_id = ?1 ORDER BY alias")?;
        let aliases = st
            .query_map([entity.id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mentions: i64 = self.conn.query_row(
            "SELECT count(*) FROM mentions WHERE entity_id = ?1",
            [entity.id],
            |r| r.get(0),
        )?;
        let mut st = self.conn.prepare(
            "SELECT DISTINCT d.name FROM mentions m JOIN documents d ON d.id = m.document_id WHERE m.entity_id = ?1 ORDER BY d.name",
        )?;
        let documents = st
            .query_map([entity.id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut st = self.conn.prepare(
            "SELECT s.name, r.label, o.name, r.predicate, r.evidence, d.name, d.date, r.confidence, r.rule, s.kind, o.kind
               FROM relations r JOIN entities s ON s.id = r.subject_id JOIN entities o ON o.id = r.object_id
               JOIN documents d ON d.id = r.document_id
              WHERE r.subject_id = ?1 OR r.object_id = ?1
              ORDER BY r.label, s.name, o.name, r.confidence DESC, r.id",
        )?;
        let facts = st
            .query_map([entity.id], |r| {
                Ok(Fact {
                    subject: r.get(0)?,
                    relation: r.get(1)?,
                    object: r.get(2)?,
                    predicate: r.get(3)?,
                    evidence: r.get(4)?,
                    document: r.get(5)?,
                    date: r.get(6)?,
                    confidence: r.get::<_, f64>(7)? as f32,
                    rule: r.get(8)?,
                    subject_kind: kind_column(r, 9)?,
                    object_kind: kind_column(r, 10)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(EntityProfile {
            entity: entity.clone(),
            aliases,
            mentions,
            documents,
            facts,
        })
    }
}

/// Opens a store for queries without ever writing to it, so that a store in a read-only
/// place (a mounted archive, another user's folder) can be queried. A WAL store whose
/// folder is read-only has no `-shm` file to share: it is then read as immutable, which is
/// safe because nothing can write there either.
fn open_read_only(path: &Path) -> rusqlite::Result<Connection> {
    use rusqlite::OpenFlags;
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Err(e)
            if read_only(&e)
                || matches!(e.sqlite_error_code(), Some(rusqlite::ErrorCode::CannotOpen)) =>
        {
            drop(conn);
            let uri = format!(
                "file:{}?immutable=1",
                path.display()
                    .to_string()
                    .replace('%', "%25")
                    .replace('?', "%3f")
                    .replace('#', "%23")
            );
            Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI)
        }
        _ => Ok(conn),
    }
}

/// True for SQLite's "attempt to write a readonly database" family.
fn read_only(e: &rusqlite::Error) -> bool {
    matches!(e.sqlite_error_code(), Some(rusqlite::ErrorCode::ReadOnly))
}

/// A SQLite error in words, once: rusqlite's own display repeats the message
/// ("file is not a database: file is not a database"); a read-only store says what to do.
fn explain(e: &rusqlite::Error) -> String {
    if read_only(e) {
        return "the store or its folder is read-only here: queries work, but build, import and corrections need write access (copy the store somewhere writable)".to_string();
    }
    match e {
        rusqlite::Error::SqliteFailure(_, Some(m)) => m.clone(),
        rusqlite::Error::SqliteFailure(f, None) => f.to_string(),
        other => other.to_string(),
    }
}

/// One answer of [`Store::search`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchHit {
    /// The entity.
    #[serde(flatten)]
    pub entity: EntityRecord,
    /// The name or alias that matched.
    pub matched: String,
}

/// An `EntityRecord` from a row `(id, name, kind, kb_key)`.
/// An `entities.kind` column.
pub(crate) fn kind_column(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<EntityType> {
    let kind: String = r.get(i)?;
    // The CHECK constraint of schema.sql admits only the four types.
    Ok(kind.parse().unwrap_or(EntityType::Organization))
}

pub(crate) fn entity_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<EntityRecord> {
    Ok(EntityRecord {
        id: r.get(0)?,
        name: r.get(1)?,
        kind: kind_column(r, 2)?,
        kb_key: r.get(3)?,
    })
}

/// A store id type is its table's `id` integer.
macro_rules! sql_id {
    ($($name:ident),*) => {$(
        impl rusqlite::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                self.0.to_sql()
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                i64::column_result(value).map($name)
            }
        }
    )*};
}
sql_id!(EntityId, RelationId, DocumentId);

/// A knowledge-base key is stored as the string it is.
impl rusqlite::ToSql for crate::kb::Key {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        self.as_str().to_sql()
    }
}

/// A stored knowledge-base key is checked as it is read: one that is not a key is an error.
impl rusqlite::types::FromSql for crate::kb::Key {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        let text = value.as_str()?;
        crate::kb::Key::parse(text).map_err(|e| rusqlite::types::FromSqlError::Other(Box::new(e)))
    }
}

/// Levenshtein distance over chars.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_indexes_of_schema_sql_are_found() {
        let cases: [(&str, &[&str]); 3] = [
            (
                "relations",
                &[
                    "relations_subject",
                    "relations_object",
                    "relations_label",
                    "relations_document",
                ],
            ),
            ("events", &["events_triple", "events_object"]),
            ("event_sources", &["event_sources_relation"]),
        ];
        for (table, want) in cases {
            let names: Vec<&str> = indexes_on(table).iter().map(|(n, _)| *n).collect();
            assert_eq!(names, want, "{table}");
        }
    }

    #[test]
    fn edit_distances() {
        for (a, b, d) in [
            ("putin", "putin", 0),
            ("putn", "putin", 1),
            ("lavrov", "lavrof", 1),
            ("", "abc", 3),
        ] {
            assert_eq!(edit_distance(a, b), d, "{a} {b}");
        }
    }

    #[test]
    fn schema_version_mismatch_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kg.db");
        drop(Store::open(&path).unwrap());
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        drop(conn);
        for open in [Store::open, Store::open_read] {
            let err = open(&path).err().expect("must fail").to_string();
            assert!(err.contains("schema version 99"), "{err}");
            assert!(err.contains("upgrade kg"), "{err}");
        }
    }

    #[test]
    fn not_a_database_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kg.db");
        std::fs::write(&path, b"this is not sqlite, just some text that is long enough.....................................................").unwrap();
        assert!(Store::open(&path).is_err());
    }
}
