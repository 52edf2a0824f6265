//! The events table kept right, and events read back with their sources: after a write the
//! events of the triples it touched are folded again from their relations (all of them after
//! a correction, which moves relations between entities in bulk).

use super::bulk::BulkInsert;
use super::Store;
use crate::error::Result;
use crate::events::{fold, Folded, Source, TripleKey, DEFAULT_WINDOW_DAYS};
use crate::model::{EntityId, EntityRecord, RelationId, RelationLabel};
use crate::time::{Date, EventTime, Precision};
use rusqlite::types::{ToSqlOutput, Value, ValueRef};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The event columns of a relation: (start, end, precision, phrase), all NULL when undated.
pub(crate) type EventColumns = (
    Option<String>,
    Option<String>,
    Option<&'static str>,
    Option<String>,
);

/// The stored form of an event time.
pub(crate) fn event_columns(t: Option<EventTime>) -> EventColumns {
    match t {
        Some(t) => (
            Some(t.start.to_string()),
            Some(t.end.to_string()),
            Some(t.precision.as_str()),
            t.phrase,
        ),
        None => (None, None, None, None),
    }
}

/// Dates every stored relation again from its evidence sentence, predicate and document date
/// (a store migrated from before event dates).
pub(crate) fn date_relations(conn: &Connection) -> Result<()> {
    let mut st = conn.prepare(
        "SELECT r.id, r.evidence, r.predicate, d.date FROM relations r JOIN documents d ON d.id = r.document_id",
    )?;
    let rows = st
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut update = conn.prepare_cached(
        "UPDATE relations SET event_start = ?2, event_end = ?3, event_precision = ?4, event_phrase = ?5 WHERE id = ?1",
    )?;
    for (id, evidence, predicate, date) in rows {
        let anchor = date.as_deref().and_then(Date::parse_iso);
        let (start, end, precision, phrase) =
            event_columns(crate::time::event_time(&evidence, &predicate, anchor));
        update.execute(params![id, start, end, precision, phrase])?;
    }
    Ok(())
}

/// The triples of the relations of the document stored under `source`.
pub(crate) fn keys_of_document(conn: &Connection, source: &str) -> Result<Vec<TripleKey>> {
    let mut st = conn.prepare_cached(
        "SELECT DISTINCT r.subject_id, r.label, r.object_id FROM relations r
           JOIN documents d ON d.id = r.document_id WHERE d.source = ?1",
    )?;
    let rows = st.query_map([source], |r| {
        Ok((
            r.get::<_, EntityId>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, EntityId>(2)?,
        ))
    })?;
    let mut keys = Vec::new();
    for row in rows {
        let (s, label, o) = row?;
        if let Ok(label) = label.parse() {
            keys.push(TripleKey::new(s, label, o));
        }
    }
    Ok(keys)
}

/// A source as the fold takes it, from `(id, document_id, confidence, start, end, precision)`.
fn source_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Source> {
    let start: Option<String> = r.get(3)?;
    let end: Option<String> = r.get(4)?;
    let precision: Option<String> = r.get(5)?;
    let time = match (start, end, precision) {
        (Some(s), Some(e), Some(p)) => Date::parse_iso(&s)
            .zip(Date::parse_iso(&e))
            .zip(Precision::parse(&p))
            .map(|((s, e), p)| (s, e, p)),
        _ => None,
    };
    Ok(Source {
        relation: r.get(0)?,
        document: r.get(1)?,
        confidence: r.get(2)?,
        time,
    })
}

/// The subject and object a triple's events are stored with: a symmetric label's ends in the
/// order of their identities (`None` for a missing entity sorts first). The key orders them by
/// row id, which depends on the order documents came in (and changes when an undo writes an
/// entity again).
fn stored_ends(
    key: TripleKey,
    subject: Option<&str>,
    object: Option<&str>,
) -> (EntityId, EntityId) {
    if key.label.is_symmetric() && subject > object {
        (key.object, key.subject)
    } else {
        (key.subject, key.object)
    }
}

/// [`stored_ends`] with the identities read from the store.
fn stored_ends_of(conn: &Connection, key: TripleKey) -> Result<(EntityId, EntityId)> {
    if !key.label.is_symmetric() {
        return Ok((key.subject, key.object));
    }
    let mut identity = conn.prepare_cached("SELECT identity FROM entities WHERE id = ?1")?;
    let s: Option<String> = identity.query_row([key.subject], |r| r.get(0)).optional()?;
    let o: Option<String> = identity.query_row([key.object], |r| r.get(0)).optional()?;
    Ok(stored_ends(key, s.as_deref(), o.as_deref()))
}

/// One row of `events`, folded and not yet written.
struct EventRow {
    id: RelationId,
    subject: EntityId,
    label: RelationLabel,
    object: EntityId,
    start: Option<Date>,
    end: Option<Date>,
    precision: Option<Precision>,
    sources: i64,
    documents: i64,
    confidence: f64,
}

/// Folded events held back until every triple is folded, so that they are written in id
/// order: each insert then lands at the end of the tables' B-trees. Written triple by triple,
/// in key order, the ids (first relations) came scattered, and the inserts alone made a
/// 1M-triple import take 2.7 times as long as one without events.
#[derive(Default)]
struct FoldedEvents {
    events: Vec<EventRow>,
    /// (event id, relation id): the rows of `event_sources`, for events of two or more
    /// reports.
    members: Vec<(RelationId, RelationId)>,
}

impl FoldedEvents {
    /// Folds the sources of one triple (its old events deleted by the caller); `ends` are
    /// its subject and object as stored (see [`stored_ends`]).
    fn add(&mut self, key: TripleKey, ends: (EntityId, EntityId), sources: &[Source]) {
        let (subject, object) = ends;
        for e in fold(sources, DEFAULT_WINDOW_DAYS) {
            // An event is numbered by its first relation (each relation is in exactly one
            // event), not by the order of inserts: a build commits in batches closed by time,
            // and a triple folded again in a later batch would otherwise get new ids, other
            // ones each run.
            let Some(id) = e.members.iter().map(|&m| sources[m].relation).min() else {
                continue;
            };
            // An event of one report has no row: its relation's id is the event's. Most
            // events of a bulk import have one report, and their rows (a table and an index
            // as large as `events`) were a quarter of its time.
            if e.members.len() > 1 {
                self.members
                    .extend(e.members.iter().map(|&m| (id, sources[m].relation)));
            }
            self.events.push(EventRow {
                id,
                subject,
                label: key.label,
                object,
                start: e.start,
                end: e.end,
                precision: e.precision,
                sources: e.members.len() as i64,
                documents: e.documents as i64,
                confidence: e.confidence,
            });
        }
    }

    /// Writes every event and its sources, in id order. With `rebuild_indexes` (when they are
    /// most of the table) the indexes are dropped first and built once afterwards (a sort)
    /// rather than updated row by row.
    fn write(mut self, conn: &Connection, rebuild_indexes: bool) -> Result<()> {
        let indexes = match rebuild_indexes {
            true => [
                super::indexes_on("events"),
                super::indexes_on("event_sources"),
            ]
            .concat(),
            false => Vec::new(),
        };
        for (index, _) in &indexes {
            conn.execute_batch(&format!("DROP INDEX IF EXISTS {index};"))?;
        }
        self.events.sort_unstable_by_key(|e| e.id);
        self.members.sort_unstable();
        let int = |i: i64| ToSqlOutput::Owned(Value::Integer(i));
        let text = |t: Option<String>| ToSqlOutput::Owned(t.map_or(Value::Null, Value::Text));
        let mut events = BulkInsert::new(
            conn,
            "events (id, subject_id, label, object_id, start_date, end_date, precision, sources, documents, confidence)",
            10,
        );
        for e in &self.events {
            events.push([
                int(e.id.0),
                int(e.subject.0),
                ToSqlOutput::Borrowed(ValueRef::Text(e.label.as_str().as_bytes())),
                int(e.object.0),
                text(e.start.map(|d| d.to_string())),
                text(e.end.map(|d| d.to_string())),
                text(e.precision.map(|p| p.as_str().to_string())),
                int(e.sources),
                int(e.documents),
                ToSqlOutput::Owned(Value::Real(e.confidence)),
            ])?;
        }
        events.finish()?;
        let mut members = BulkInsert::new(conn, "event_sources (event_id, relation_id)", 2);
        for (event, relation) in &self.members {
            members.push([int(event.0), int(relation.0)])?;
        }
        members.finish()?;
        for (_, create) in &indexes {
            conn.execute_batch(create)?;
        }
        Ok(())
    }
}

/// Folds the events of `keys` again from their relations.
pub(crate) fn refold(conn: &Connection, keys: &HashSet<TripleKey>) -> Result<()> {
    let mut folded = FoldedEvents::default();
    refold_into(conn, keys.iter().copied().collect(), &mut folded)?;
    folded.write(conn, false)
}

/// Up to this many triples, [`refold_into`] reads their relations triple by triple (an
/// index lookup each); more, in one pass over the table. One in unit tests, so that they take
/// the pass (the CLI tests, on small stores, take the lookups).
const READ_BY_TRIPLE_UP_TO: usize = if cfg!(test) { 1 } else { 10_000 };

/// Deletes the events of `keys` and folds them again from the stored relations into `folded`.
fn refold_into(
    conn: &Connection,
    mut sorted: Vec<TripleKey>,
    folded: &mut FoldedEvents,
) -> Result<()> {
    sorted.sort();
    // Every old event goes before any new one is written: a new event's id (its first
    // relation's) may be one a stale event of another triple still holds.
    for key in &sorted {
        // A symmetric triple's events may be stored either way round (see FoldedEvents::add).
        let p = params![
            key.subject,
            key.label.as_str(),
            key.object,
            key.label.is_symmetric()
        ];
        // By hand, not by cascade: imports write with foreign keys off.
        conn.prepare_cached(
            "DELETE FROM event_sources WHERE event_id IN
               (SELECT id FROM events WHERE label = ?2 AND ((subject_id = ?1 AND object_id = ?3)
                                                            OR (?4 AND subject_id = ?3 AND object_id = ?1)))",
        )?
        .execute(p)?;
        conn.prepare_cached(
            "DELETE FROM events WHERE label = ?2 AND ((subject_id = ?1 AND object_id = ?3)
                                                     OR (?4 AND subject_id = ?3 AND object_id = ?1))",
        )?
        .execute(p)?;
    }
    // The relations of many triples in one pass over the table: read triple by triple, a
    // triple of a hub (one subject, thousands of relations of one label) reads them all.
    if sorted.len() > READ_BY_TRIPLE_UP_TO {
        let keys: HashSet<TripleKey> = sorted.into_iter().collect();
        return fold_keyed(conn, stored_relations(conn, |k| keys.contains(k))?, folded);
    }
    for key in sorted {
        let mut st = conn.prepare_cached(
            "SELECT id, document_id, confidence, event_start, event_end, event_precision FROM relations
              WHERE label = ?2 AND ((subject_id = ?1 AND object_id = ?3) OR (?4 AND subject_id = ?3 AND object_id = ?1))",
        )?;
        let sources = st
            .query_map(
                params![
                    key.subject,
                    key.label.as_str(),
                    key.object,
                    key.label.is_symmetric()
                ],
                source_row,
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        folded.add(key, stored_ends_of(conn, key)?, &sources);
    }
    Ok(())
}

/// Folds every event again from all relations.
pub(crate) fn refold_all(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM event_sources", [])?;
    conn.execute("DELETE FROM events", [])?;
    let mut folded = FoldedEvents::default();
    fold_keyed(conn, stored_relations(conn, |_| true)?, &mut folded)?;
    // Every event is written again.
    folded.write(conn, true)
}

/// Every stored relation whose triple `wanted` keeps, in one pass over the table.
fn stored_relations(
    conn: &Connection,
    wanted: impl Fn(&TripleKey) -> bool,
) -> Result<Vec<(TripleKey, Source)>> {
    let mut st = conn.prepare(
        "SELECT id, document_id, confidence, event_start, event_end, event_precision, subject_id, label, object_id
           FROM relations ORDER BY id",
    )?;
    // One flat list sorted by triple rather than a map of lists: a list per triple cost a
    // few hundred bytes each, most triples of an import having a single relation.
    let mut keyed = Vec::new();
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        let Ok(label) = r.get::<_, String>(7)?.parse::<RelationLabel>() else {
            continue;
        };
        let key = TripleKey::new(r.get(6)?, label, r.get(8)?);
        if wanted(&key) {
            keyed.push((key, source_row(r)?));
        }
    }
    Ok(keyed)
}

/// Folds the events of a bulk import: `known` are the relations it has just written, as it
/// has them (not read back), and `deleted` the triples of the relations it deleted (a file
/// imported again). A triple with no stored event has no other relation: it folds from
/// `known` alone. The others, and `deleted`, fold again from the store, as after a build;
/// the rest of the store's events stay as they are, unless those to fold again are more than
/// a tenth of them (then every event is folded again).
pub(crate) fn refold_imported(
    conn: &Connection,
    known: Vec<(TripleKey, Source)>,
    deleted: Vec<TripleKey>,
) -> Result<()> {
    let stored: i64 = conn.query_row("SELECT count(*) FROM events", [], |r| r.get(0))?;
    let mut again: HashSet<TripleKey> = deleted.into_iter().collect();
    let mut fresh = known;
    if stored > 0 {
        let mut has_events = conn.prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM events WHERE label = ?2 AND ((subject_id = ?1 AND object_id = ?3)
                                                                     OR (?4 AND subject_id = ?3 AND object_id = ?1)))",
        )?;
        let mut seen: HashSet<TripleKey> = HashSet::new();
        for (key, _) in &fresh {
            if again.len() as i64 * 10 > stored {
                // Every event is folded again (below): the rest need not be looked up.
                break;
            }
            if again.contains(key) || !seen.insert(*key) {
                continue;
            }
            let p = params![
                key.subject,
                key.label.as_str(),
                key.object,
                key.label.is_symmetric()
            ];
            if has_events.query_row(p, |r| r.get(0))? {
                again.insert(*key);
            }
        }
        fresh.retain(|(key, _)| !again.contains(key));
    }
    // Deleting events triple by triple costs more than writing every event again once the
    // import touches a good part of the store (a large file imported again, or overlapping).
    if again.len() as i64 * 10 > stored {
        drop(fresh);
        return refold_all(conn);
    }
    let mut folded = FoldedEvents::default();
    refold_into(conn, again.into_iter().collect(), &mut folded)?;
    fold_keyed(conn, fresh, &mut folded)?;
    let rebuild = folded.events.len() as i64 >= stored;
    folded.write(conn, rebuild)
}

/// Folds relations with their triples (any order; a triple's relations all in `keyed`) into
/// `folded`.
fn fold_keyed(
    conn: &Connection,
    mut keyed: Vec<(TripleKey, Source)>,
    folded: &mut FoldedEvents,
) -> Result<()> {
    keyed.sort_unstable_by_key(|(key, source)| (*key, source.relation));
    // The identities of symmetric triples' ends in one pass over the entities, rather than
    // two lookups a triple.
    let wanted: HashSet<EntityId> = keyed
        .iter()
        .filter(|(key, _)| key.label.is_symmetric())
        .flat_map(|(key, _)| [key.subject, key.object])
        .collect();
    let mut identities: HashMap<EntityId, String> = HashMap::with_capacity(wanted.len());
    if !wanted.is_empty() {
        let mut st = conn.prepare("SELECT id, identity FROM entities")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let id: EntityId = r.get(0)?;
            if wanted.contains(&id) {
                identities.insert(id, r.get(1)?);
            }
        }
    }
    let identity = |id| identities.get(&id).map(String::as_str);
    let mut sources = Vec::new();
    for triple in keyed.chunk_by(|a, b| a.0 == b.0) {
        let key = triple[0].0;
        sources.clear();
        sources.extend(triple.iter().map(|(_, s)| s.clone()));
        let ends = stored_ends(key, identity(key.subject), identity(key.object));
        folded.add(key, ends, &sources);
    }
    Ok(())
}

/// Which events a listing reads.
#[derive(Debug, Clone, Default)]
pub struct EventQuery {
    /// Only events with this subject (either end, for a symmetric label).
    pub subject: Option<EntityId>,
    /// Only events with this object (either end, for a symmetric label).
    pub object: Option<EntityId>,
    /// Only events that involve all of these entities, as subject or object.
    pub involving: Vec<EntityId>,
    /// Only these labels (empty: all).
    pub labels: Vec<RelationLabel>,
    /// Events starting on or after this ISO date (a prefix: `1987`, `1987-03`).
    pub since: Option<String>,
    /// Events starting on or before this ISO date (`1987-03` means to its end).
    pub until: Option<String>,
    /// Fold with this many days instead of the stored events' window.
    pub window: Option<i64>,
}

/// Counts for `kg events --count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct EventSummary {
    /// Events stored (all labels, the default window).
    pub events: i64,
    /// Events with more than one report.
    pub multi_source_events: i64,
    /// Relations stored.
    pub relations: i64,
    /// Relations dated by a time expression of their sentence.
    pub dated_by_expression: i64,
    /// Relations dated by their document.
    pub dated_by_document: i64,
    /// Relations with no date.
    pub undated: i64,
}

/// One report behind an event.
#[derive(Debug, Clone, Serialize)]
pub struct EventSource {
    /// The relation's store id.
    pub relation: RelationId,
    /// Subject as this report has it.
    pub subject: EntityId,
    /// Object as this report has it.
    pub object: EntityId,
    /// Document name.
    pub document: String,
    /// Document date.
    pub document_date: Option<String>,
    /// Evidence sentence.
    pub sentence: String,
    /// Lemmatised predicate.
    pub predicate: String,
    /// This report's event date.
    pub date: Option<Date>,
    /// The time expression it came from; `None` when it is the document date.
    pub phrase: Option<String>,
    /// This report's confidence.
    #[serde(serialize_with = "crate::model::serialize_confidence")]
    pub confidence: f64,
    /// The CAMEO code stored with the relation.
    pub cameo: Option<String>,
}

/// A dated, deduplicated event with every source.
#[derive(Debug, Clone, Serialize)]
pub struct Event {
    /// Store id (`None` when folded with another window than the stored one).
    pub id: Option<i64>,
    /// Subject, as the first source has it.
    pub subject: EntityRecord,
    /// Label.
    pub label: RelationLabel,
    /// Object.
    pub object: EntityRecord,
    /// First day.
    pub start: Option<Date>,
    /// Last day.
    pub end: Option<Date>,
    /// Finest precision of the sources.
    pub precision: Option<Precision>,
    /// Distinct documents.
    pub documents: usize,
    /// Combined confidence (noisy-or of the sources).
    #[serde(serialize_with = "crate::model::serialize_confidence")]
    pub confidence: f64,
    /// The reports, in date order.
    pub sources: Vec<EventSource>,
}

impl EventQuery {
    fn ends_ok(&self, label: RelationLabel, s: EntityId, o: EntityId) -> bool {
        let either = |want: Option<EntityId>, end: EntityId| {
            want.is_none_or(|w| w == end || (label.is_symmetric() && (w == s || w == o)))
        };
        (self.labels.is_empty() || self.labels.contains(&label))
            && either(self.subject, s)
            && either(self.object, o)
            && self.involving.iter().all(|&e| e == s || e == o)
    }

    fn date_ok(&self, start: Option<Date>) -> bool {
        if self.since.is_none() && self.until.is_none() {
            return true;
        }
        let Some(start) = start.map(|d| d.to_string()) else {
            return false;
        };
        self.since.as_deref().is_none_or(|s| start.as_str() >= s)
            && self
                .until
                .as_deref()
                .is_none_or(|u| start.get(..u.len()).is_some_and(|p| p <= u))
    }
}

impl Store {
    /// The events that `query` selects, in date order (undated last), each with its sources.
    pub fn events(&self, query: &EventQuery) -> Result<Vec<Event>> {
        // One end given narrows the read to its relations; the rest is filtered here.
        let anchor = query
            .involving
            .first()
            .copied()
            .or(query.subject)
            .or(query.object);
        // A relation without an `event_sources` row is the one report of the event that
        // bears its id.
        let mut st = self.conn.prepare(
            "SELECT r.id, r.document_id, r.confidence, r.event_start, r.event_end, r.event_precision,
                    r.subject_id, r.label, r.object_id, d.name, d.date, r.evidence, r.predicate, r.event_phrase,
                    coalesce(es.event_id, e.id), r.cameo
               FROM relations r JOIN documents d ON d.id = r.document_id
               LEFT JOIN event_sources es ON es.relation_id = r.id
               LEFT JOIN events e ON e.id = r.id AND es.event_id IS NULL
              WHERE ?1 IS NULL OR r.subject_id = ?1 OR r.object_id = ?1
              ORDER BY r.id",
        )?;
        let mut rows = st.query([anchor])?;
        // (key, stored event id or 0) → (fold sources, listed sources)
        type Group = (Vec<Source>, Vec<EventSource>);
        let mut groups: BTreeMap<(TripleKey, i64), Group> = BTreeMap::new();
        let window = query.window.filter(|w| *w != DEFAULT_WINDOW_DAYS);
        while let Some(r) = rows.next()? {
            let Ok(label) = r.get::<_, String>(7)?.parse::<RelationLabel>() else {
                continue;
            };
            let (s, o): (EntityId, EntityId) = (r.get(6)?, r.get(8)?);
            if !query.ends_ok(label, s, o) {
                continue;
            }
            let source = source_row(r)?;
            let listed = EventSource {
                relation: source.relation,
                subject: s,
                object: o,
                document: r.get(9)?,
                document_date: r.get(10)?,
                sentence: r.get(11)?,
                predicate: r.get(12)?,
                date: source.time.map(|t| t.0),
                phrase: r.get(13)?,
                cameo: r.get(15)?,
                confidence: source.confidence,
            };
            let event_id = if window.is_some() {
                0
            } else {
                r.get::<_, Option<i64>>(14)?.unwrap_or(0)
            };
            let g = groups
                .entry((TripleKey::new(s, label, o), event_id))
                .or_default();
            g.0.push(source);
            g.1.push(listed);
        }
        let mut found: Vec<(Option<i64>, TripleKey, Folded, Vec<EventSource>)> = Vec::new();
        for ((key, id), (sources, listed)) in groups {
            // A stored event is one group already; the fold only sums it up.
            let w = if id != 0 {
                i64::MAX
            } else {
                window.unwrap_or(DEFAULT_WINDOW_DAYS)
            };
            for e in fold(&sources, w) {
                if !query.date_ok(e.start) {
                    continue;
                }
                let members = e.members.iter().map(|&m| listed[m].clone()).collect();
                found.push(((id != 0).then_some(id), key, e, members));
            }
        }
        let mut ids: Vec<EntityId> = found
            .iter()
            .flat_map(|(_, k, _, _)| [k.subject, k.object])
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let names = self.entities_by_ids(&ids)?;
        let mut events: Vec<Event> = found
            .into_iter()
            .filter_map(|(id, key, e, sources)| {
                let first = sources.first()?;
                Some(Event {
                    id,
                    subject: names.get(&first.subject)?.clone(),
                    label: key.label,
                    object: names.get(&first.object)?.clone(),
                    start: e.start,
                    end: e.end,
                    precision: e.precision,
                    documents: e.documents,
                    confidence: e.confidence,
                    sources,
                })
            })
            .collect();
        events.sort_by(|a, b| {
            (
                a.start.is_none(),
                a.start,
                &a.subject.name,
                a.label,
                &a.object.name,
                a.id,
            )
                .cmp(&(
                    b.start.is_none(),
                    b.start,
                    &b.subject.name,
                    b.label,
                    &b.object.name,
                    b.id,
                ))
        });
        Ok(events)
    }

    /// How many events and relations the store holds, and where the relations' dates came from.
    pub fn event_summary(&self) -> Result<EventSummary> {
        Ok(self.conn.query_row(
            "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM events WHERE sources > 1),
                    count(*), count(event_phrase), count(event_start) - count(event_phrase),
                    count(*) - count(event_start)
               FROM relations",
            [],
            |r| {
                Ok(EventSummary {
                    events: r.get(0)?,
                    multi_source_events: r.get(1)?,
                    relations: r.get(2)?,
                    dated_by_expression: r.get(3)?,
                    dated_by_document: r.get(4)?,
                    undated: r.get(5)?,
                })
            },
        )?)
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Store, SCHEMA, SCHEMA_VERSION};
    use rusqlite::Connection;

    fn columns(conn: &Connection, table: &str) -> Vec<String> {
        let mut st = conn
            .prepare("SELECT name FROM pragma_table_info(?1) ORDER BY name")
            .unwrap();
        st.query_map([table], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    fn objects(conn: &Connection) -> Vec<String> {
        let mut st = conn
            .prepare("SELECT type || ' ' || name FROM sqlite_master ORDER BY 1")
            .unwrap();
        st.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    /// A store of version 2 (before event dates) opens as version 3 with the same tables and
    /// columns as a new one, its relations dated from their sentences and folded into events.
    #[test]
    fn version_2_store_migrates_to_events() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(SCHEMA).unwrap();
        conn.execute_batch(
            "ALTER TABLE relations DROP COLUMN rule; DROP TABLE settings; DROP TABLE event_sources; DROP TABLE events;
             ALTER TABLE relations DROP COLUMN event_start; ALTER TABLE relations DROP COLUMN event_end;
             ALTER TABLE relations DROP COLUMN event_precision; ALTER TABLE relations DROP COLUMN event_phrase;
             INSERT INTO documents (id, name, source, content_hash, date, text) VALUES
               (1, 'a', 'a', 'h1', '1987-03-09', 'x'), (2, 'b', 'b', 'h2', '1987-03-10', 'x'), (3, 'c', 'c', 'h3', NULL, 'x');
             INSERT INTO entities (id, identity, name, kind) VALUES (1, 'p:a', 'A', 'PERSON'), (2, 'p:b', 'B', 'PERSON');
             INSERT INTO relations (document_id, subject_id, label, object_id, predicate, evidence, evidence_start, evidence_end, confidence)
               VALUES (1, 1, 'met', 2, 'meet', 'A met B.', 0, 8, 0.5), (2, 2, 'met', 1, 'meet', 'B met A.', 0, 8, 0.5),
                      (3, 1, 'met', 2, 'meet', 'A met B.', 0, 8, 0.5), (1, 1, 'met', 2, 'meet', 'A met B on Thursday.', 0, 20, 0.5);",
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 2).unwrap();
        drop(conn);
        let store = Store::open(&path).unwrap();
        let fresh = Connection::open_in_memory().unwrap();
        fresh.execute_batch(SCHEMA).unwrap();
        assert_eq!(objects(&store.conn), objects(&fresh));
        for table in ["relations", "events", "event_sources"] {
            assert_eq!(
                columns(&store.conn, table),
                columns(&fresh, table),
                "{table}"
            );
        }
        let v: i64 = store
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, SCHEMA_VERSION);
        let events: Vec<(Option<String>, i64)> = store
            .conn
            .prepare(
                "SELECT start_date, sources FROM events ORDER BY start_date IS NULL, start_date",
            )
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        // "on Thursday" in a document of Monday 9 March 1987: its own event, on the 5th.
        assert_eq!(
            events,
            vec![
                (Some("1987-03-05".to_string()), 1),
                (Some("1987-03-09".to_string()), 2),
                (None, 1)
            ]
        );
    }

    /// A store of version 7 kept a row of `event_sources` for every relation; from version 8
    /// an event of one report has none. Opened, it loses those rows (and the index version 8
    /// dropped), keeps the others, and reads back the same events (ids, sources) as before.
    #[test]
    fn version_7_store_drops_the_rows_of_single_report_events() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(SCHEMA).unwrap();
        conn.execute_batch(
            "CREATE INDEX events_start ON events(start_date);
             INSERT INTO documents (id, name, source, content_hash, date, text) VALUES
               (1, 'a', 'a', 'h1', '1987-03-09', 'x'), (2, 'b', 'b', 'h2', '1987-03-10', 'x');
             INSERT INTO entities (id, identity, name, kind) VALUES (1, 'p:a', 'A', 'PERSON'), (2, 'p:b', 'B', 'PERSON');
             INSERT INTO relations (id, document_id, subject_id, label, object_id, predicate, evidence, evidence_start, evidence_end, confidence,
                                    event_start, event_end, event_precision)
               VALUES (1, 1, 1, 'met', 2, 'meet', 'A met B.', 0, 8, 0.5, '1987-03-09', '1987-03-09', 'day'),
                      (2, 2, 2, 'met', 1, 'meet', 'B met A.', 0, 8, 0.5, '1987-03-10', '1987-03-10', 'day'),
                      (3, 1, 1, 'criticized', 2, 'criticize', 'A criticized B.', 0, 15, 0.5, '1987-03-09', '1987-03-09', 'day');
             INSERT INTO events (id, subject_id, label, object_id, start_date, end_date, precision, sources, documents, confidence)
               VALUES (1, 1, 'met', 2, '1987-03-09', '1987-03-10', 'day', 2, 2, 0.75),
                      (3, 1, 'criticized', 2, '1987-03-09', '1987-03-09', 'day', 1, 1, 0.5);
             INSERT INTO event_sources (event_id, relation_id) VALUES (1, 1), (1, 2), (3, 3);",
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 7).unwrap();
        drop(conn);
        let store = Store::open(&path).unwrap();
        let rows: Vec<(i64, i64)> = store
            .conn
            .prepare("SELECT event_id, relation_id FROM event_sources ORDER BY 1, 2")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(rows, [(1, 1), (1, 2)]);
        let fresh = Connection::open_in_memory().unwrap();
        fresh.execute_batch(SCHEMA).unwrap();
        assert_eq!(objects(&store.conn), objects(&fresh));
        let events: Vec<(Option<i64>, Vec<i64>)> = store
            .events(&super::EventQuery::default())
            .unwrap()
            .iter()
            .map(|e| (e.id, e.sources.iter().map(|s| s.relation.0).collect()))
            .collect();
        assert_eq!(events, [(Some(1), vec![1, 2]), (Some(3), vec![3])]);
    }
}
