//! `kg import triples`: subject–relation–object lines from other tools, stored like extracted
//! relations under one pseudo-document per file (name = the file name, evidence = the line,
//! confidence 1.0), in one transaction with prepared statements.

use super::bulk::BulkInsert;
use super::{content_hash, identity, Store, WriteOutcome};
use crate::error::{Error, Result};
use crate::events::{Source, TripleKey};
use crate::kb::KnowledgeBase;
use crate::model::{DocumentId, EntityId, EntityType, RelationId, RelationLabel};
use crate::text::name_key;
use crate::time::Precision;
use rusqlite::types::{ToSqlOutput, Value, ValueRef};
use rusqlite::{params, OptionalExtension};
use std::collections::HashMap;
use std::path::Path;

/// What to do with a line whose relation label is not in the ontology.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UnknownLabels {
    /// Stop with an error naming the line; nothing is stored.
    #[default]
    Fail,
    /// Skip the line and count it.
    Skip,
}

/// Options for [`Store::import_triples`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Unknown relation labels.
    pub unknown_labels: UnknownLabels,
    /// Date given to the pseudo-document (ISO), so `--since/--until` can select imports.
    pub date: Option<String>,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ImportSummary {
    /// The pseudo-document's name (the file name).
    pub document: String,
    /// New, replaced (the file changed since its last import) or unchanged.
    pub outcome: WriteOutcome,
    /// Triples stored.
    pub triples: usize,
    /// Entities created.
    pub new_entities: usize,
    /// Lines skipped for an unknown label, with the first few line numbers.
    pub skipped: usize,
    /// Line numbers of the first skipped lines (at most 10).
    pub skipped_lines: Vec<usize>,
}

/// One parsed line.
struct Line<'a> {
    subject: &'a str,
    label: RelationLabel,
    object: &'a str,
    subject_type: Option<EntityType>,
    object_type: Option<EntityType>,
}

fn bad(file: &Path, line: usize, message: String) -> Error {
    Error::BadInput {
        at: format!("{}:{line}", file.display()),
        reason: message,
    }
}

/// Parses one non-comment line; `Ok(None)` for an unknown label under [`UnknownLabels::Skip`].
fn parse_line<'a>(
    file: &Path,
    n: usize,
    line: &'a str,
    unknown: UnknownLabels,
) -> Result<Option<Line<'a>>> {
    // Columns in an array, not a Vec: one allocation a line counts over millions of lines.
    let mut cols = [""; 5];
    let mut count = 0;
    for col in line.split('\t') {
        if let Some(c) = cols.get_mut(count) {
            *c = col.trim();
        }
        count += 1;
    }
    if !(3..=5).contains(&count) {
        return Err(bad(
            file,
            n,
            format!(
                "expected subject<TAB>relation<TAB>object and optionally two type columns, found {count} column(s)"
            ),
        ));
    }
    if cols[0].is_empty() || cols[2].is_empty() {
        return Err(bad(file, n, "empty subject or object".to_string()));
    }
    let label = match cols[1].parse::<RelationLabel>() {
        Ok(l) => l,
        Err(_) if unknown == UnknownLabels::Skip => return Ok(None),
        Err(e) => {
            return Err(bad(
                file,
                n,
                format!("{e} (use --skip-unknown to skip such lines)"),
            ))
        }
    };
    let kind = |i: usize| -> Result<Option<EntityType>> {
        match cols.get(i).filter(|c| !c.is_empty()) {
            None => Ok(None),
            Some(c) => c.parse().map(Some).map_err(|e: String| bad(file, n, e)),
        }
    };
    Ok(Some(Line {
        subject: cols[0],
        label,
        object: cols[2],
        subject_type: kind(3)?,
        object_type: kind(4)?,
    }))
}

impl Store {
    /// Imports a triples file (see the module docs). Re-importing an unchanged file does
    /// nothing; a changed file replaces its earlier triples.
    pub fn import_triples(&mut self, file: &Path, opts: &ImportOptions) -> Result<ImportSummary> {
        let bytes = std::fs::read(file).map_err(|source| Error::Io {
            path: file.to_path_buf(),
            source,
        })?;
        let mut text = String::from_utf8(bytes).map_err(|e| Error::BadInput {
            at: file.display().to_string(),
            reason: format!("not UTF-8 (byte {})", e.utf8_error().valid_up_to()),
        })?;
        // A byte order mark or an escape sequence must not become part of a name: control
        // characters turn into spaces (tabs and line ends, the file's structure, stay).
        if text.chars().any(crate::text::is_unwanted) {
            text = crate::text::blank_controls(&text).into_owned();
        }
        let name = file.file_name().map_or_else(
            || file.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let source = format!(
            "import:{}",
            std::fs::canonicalize(file)
                .map_or_else(|_| file.display().to_string(), |p| p.display().to_string())
        );
        let hash = content_hash(&format!("{}\n{text}", opts.date.as_deref().unwrap_or("")));
        let mut summary = ImportSummary {
            document: name.clone(),
            outcome: self.check(&source, &hash)?,
            triples: 0,
            new_entities: 0,
            skipped: 0,
            skipped_lines: Vec::new(),
        };
        if matches!(
            summary.outcome,
            WriteOutcome::Unchanged | WriteOutcome::Duplicate
        ) {
            return Ok(summary);
        }
        // Parse everything first: a bad line must leave the store untouched.
        let mut lines = Vec::new();
        let mut offset = 0usize;
        for (i, raw) in text.split_inclusive('\n').enumerate() {
            let start = offset;
            offset += raw.len();
            let line = raw.trim_end_matches(['\n', '\r']);
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            match parse_line(file, i + 1, line, opts.unknown_labels)? {
                Some(l) => lines.push((i + 1, start, line, l)),
                None => {
                    summary.skipped += 1;
                    if summary.skipped_lines.len() < 10 {
                        summary.skipped_lines.push(i + 1);
                    }
                }
            }
        }

        let kb = KnowledgeBase::embedded();
        self.conn.pragma_update(None, "cache_size", -262_144)?;
        // Every id written below comes from this transaction or a lookup, so the per-row
        // foreign-key checks would only cost time.
        self.conn.pragma_update(None, "foreign_keys", "OFF")?;
        let result = self.import_lines(&source, &name, &hash, file, opts, lines, kb, &mut summary);
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        self.conn.pragma_update(None, "cache_size", -2000)?;
        result?;
        Ok(summary)
    }

    #[allow(clippy::too_many_arguments)]
    fn import_lines<'a>(
        &mut self,
        source: &str,
        name: &str,
        hash: &str,
        file: &Path,
        opts: &ImportOptions,
        lines: Vec<(usize, usize, &'a str, Line<'a>)>,
        kb: &KnowledgeBase,
        summary: &mut ImportSummary,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        // A bulk load is much faster with the relation indexes built once at the end (a sort)
        // than updated row by row (random writes). They are recreated from schema.sql itself.
        let bulk = lines.len() >= BULK_LINES;
        if bulk {
            for (index, _) in super::indexes_on("relations") {
                tx.execute_batch(&format!("DROP INDEX IF EXISTS {index};"))?;
            }
        }
        // The triples of the file's earlier import, whose events change with it.
        let mut deleted = Vec::new();
        if summary.outcome == WriteOutcome::Replaced {
            deleted = super::events::keys_of_document(&tx, source)?;
            // Foreign keys are off here, so no cascade: delete the children by hand.
            for sql in [
                "DELETE FROM relations WHERE document_id IN (SELECT id FROM documents WHERE source = ?1)",
                "DELETE FROM mentions WHERE document_id IN (SELECT id FROM documents WHERE source = ?1)",
                "DELETE FROM documents WHERE source = ?1",
            ] {
                tx.execute(sql, [source])?;
            }
        }
        tx.execute(
            "INSERT INTO documents (name, source, content_hash, title, date, url, text) VALUES (?1, ?2, ?3, ?4, ?5, NULL, '')",
            params![name, source, hash, format!("triples imported from {name}"), opts.date],
        )?;
        let doc_id = DocumentId(tx.last_insert_rowid());
        // Every relation written, as the events fold takes it, and the id of the first.
        let mut known: Vec<(TripleKey, Source)> = Vec::with_capacity(lines.len());
        let first: i64;
        {
            let mut find = tx.prepare_cached("SELECT id FROM entities WHERE identity = ?1")?;
            let mut find_alias = tx.prepare_cached(
                "SELECT DISTINCT entity_id FROM aliases WHERE folded = ?1 LIMIT 2",
            )?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO entities (identity, name, kind, kb_key) VALUES (?1, ?2, ?3, ?4)",
            )?;
            let mut alias = tx.prepare_cached(
                "INSERT OR IGNORE INTO aliases (entity_id, alias, folded) VALUES (?1, ?2, ?3)",
            )?;
            // Imported triples have no sentence to read a time from: the document's date.
            let date = opts
                .date
                .as_deref()
                .and_then(crate::time::Date::parse_iso)
                .map(|d| d.to_string());
            let time = date.as_deref().and_then(crate::time::Date::parse_iso);
            let precision = date.as_ref().map(|_| Precision::Day.as_str());
            let predicates: Vec<String> = RelationLabel::ALL
                .iter()
                .map(|l| l.as_str().replace('_', " "))
                .collect();
            let mut rel = BulkInsert::new(
                &tx,
                "relations (document_id, subject_id, label, object_id, predicate, cameo, evidence, evidence_start, evidence_end, confidence, rule,
                            event_start, event_end, event_precision)",
                14,
            );
            // The relations' ids are the next ones (max + 1 each, no other writer within the
            // transaction): the events are folded from what is written here, without reading
            // it back (checked below).
            first = tx.query_row("SELECT coalesce(max(id), 0) + 1 FROM relations", [], |r| {
                r.get(0)
            })?;
            let mut ids: HashMap<(Option<EntityType>, &'a str), EntityId> = HashMap::new();
            let mut resolve = |n: usize,
                               name: &str,
                               kind: Option<EntityType>,
                               new: &mut usize|
             -> Result<EntityId> {
                let folded = name_key(name);
                // A typed name links to the knowledge base entry of that type, if any.
                let known = kb.lookup(name);
                let kb_hit = known
                    .iter()
                    .copied()
                    .find(|e| kind.is_none_or(|k| k == e.kind));
                // A type that contradicts the knowledge base would make a second entity of a
                // known name (a COUNTRY "Vladimir Putin"), ambiguous for good.
                if let (Some(k), None, Some(e)) = (kind, kb_hit, known.first()) {
                    return Err(bad(file, n, format!(
                        "{name:?} is a {} in the knowledge base ({}), not a {k}; correct the type column or leave it empty",
                        e.kind, e.key
                    )));
                }
                let (ident, canonical, kind, key) = match (kind, kb_hit) {
                    (_, Some(e)) => (
                        e.key.to_string(),
                        e.name.as_str(),
                        e.kind,
                        Some(e.key.as_str()),
                    ),
                    (Some(k), None) => (identity(k, name, None), name, k, None),
                    (None, None) => {
                        let hits: Vec<EntityId> = find_alias
                            .query_map([&folded], |r| r.get(0))?
                            .collect::<rusqlite::Result<_>>()?;
                        return match hits.as_slice() {
                            [one] => Ok(*one),
                            [] => Err(bad(file, n, format!(
                                "{name:?} is not in the store or the knowledge base and has no type; add type columns (PERSON, COUNTRY, LOCATION, ORGANIZATION)"
                            ))),
                            _ => Err(bad(file, n, format!(
                                "{name:?} names several entities; add type columns to choose"
                            ))),
                        };
                    }
                };
                if let Some(id) = find.query_row([&ident], |r| r.get(0)).optional()? {
                    return Ok(id);
                }
                insert.execute(params![ident, canonical, kind.as_str(), key])?;
                let id = EntityId(tx.last_insert_rowid());
                for a in [canonical, name] {
                    alias.execute(params![id, a, name_key(a)])?;
                }
                *new += 1;
                Ok(id)
            };
            let int = |i: i64| ToSqlOutput::Owned(Value::Integer(i));
            fn text(t: Option<&str>) -> ToSqlOutput<'_> {
                ToSqlOutput::Borrowed(t.map_or(ValueRef::Null, |t| ValueRef::Text(t.as_bytes())))
            }
            for (n, start, line, l) in lines.iter() {
                let mut get = |name: &'a str, kind| -> Result<EntityId> {
                    if let Some(&id) = ids.get(&(kind, name)) {
                        return Ok(id);
                    }
                    let id = resolve(*n, name, kind, &mut summary.new_entities)?;
                    ids.insert((kind, name), id);
                    Ok(id)
                };
                let s = get(l.subject, l.subject_type)?;
                let o = get(l.object, l.object_type)?;
                let predicate = RelationLabel::ALL
                    .iter()
                    .position(|&x| x == l.label)
                    .map(|i| predicates[i].as_str());
                rel.push([
                    int(doc_id.0),
                    int(s.0),
                    text(Some(l.label.as_str())),
                    int(o.0),
                    text(predicate),
                    text(l.label.cameo()),
                    text(Some(line)),
                    int(*start as i64),
                    int((start + line.len()) as i64),
                    ToSqlOutput::Owned(Value::Real(1.0)),
                    text(Some("import")),
                    text(date.as_deref()),
                    text(date.as_deref()),
                    text(precision),
                ])?;
                known.push((
                    TripleKey::new(s, l.label, o),
                    Source {
                        relation: RelationId(first + summary.triples as i64),
                        document: doc_id,
                        time: time.map(|d| (d, d, Precision::Day)),
                        confidence: 1.0,
                    },
                ));
                summary.triples += 1;
            }
            rel.finish()?;
        }
        let ids_as_assumed =
            summary.triples == 0 || tx.last_insert_rowid() == first + summary.triples as i64 - 1;
        drop(lines);
        if summary.outcome == WriteOutcome::Replaced {
            tx.execute(
                "DELETE FROM entities WHERE id NOT IN (SELECT entity_id FROM mentions)
                   AND id NOT IN (SELECT subject_id FROM relations) AND id NOT IN (SELECT object_id FROM relations)",
                [],
            )?;
        }
        if bulk {
            for (_, create) in super::indexes_on("relations") {
                tx.execute_batch(create)?;
            }
        }
        if ids_as_assumed {
            super::events::refold_imported(&tx, known, deleted)?;
        } else {
            drop(known);
            super::events::refold_all(&tx)?;
        }
        tx.commit()?;
        Ok(())
    }
}

/// Imports with at least this many lines rebuild the relation indexes instead of updating them.
const BULK_LINES: usize = 100_000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_parse_or_say_why_not() {
        let f = Path::new("t.tsv");
        let cases: Vec<(&str, UnknownLabels, std::result::Result<bool, &str>)> = vec![
            ("A\tmet\tB", UnknownLabels::Fail, Ok(true)),
            ("A\tMET\tB\tPERSON\tcountry", UnknownLabels::Fail, Ok(true)),
            ("A\tco_mentioned\tB", UnknownLabels::Skip, Ok(false)),
            ("A\tco_mentioned\tB", UnknownLabels::Fail, Err("t.tsv:7")),
            ("A\tmet", UnknownLabels::Fail, Err("found 2 column")),
            ("\tmet\tB", UnknownLabels::Fail, Err("empty subject")),
            (
                "A\tmet\tB\tALIEN",
                UnknownLabels::Fail,
                Err("unknown entity type"),
            ),
        ];
        for (line, unknown, expected) in cases {
            match (parse_line(f, 7, line, unknown), expected) {
                (Ok(got), Ok(some)) => assert_eq!(got.is_some(), some, "{line:?}"),
                (Err(e), Err(msg)) => assert!(e.to_string().contains(msg), "{line:?}: {e}"),
                (got, _) => panic!("{line:?}: unexpected {:?}", got.map(|l| l.is_some())),
            }
        }
    }

    /// Writes `text` to the file `name` in `dir`.
    fn write_file(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    /// Every row of the events tables, in id order.
    fn events_rows(store: &Store) -> Vec<String> {
        let mut rows = Vec::new();
        for sql in [
            "SELECT id || '|' || subject_id || '|' || label || '|' || object_id || '|' || ifnull(start_date, '-') || '|'
                    || ifnull(end_date, '-') || '|' || ifnull(precision, '-') || '|' || sources || '|' || documents || '|' || confidence
               FROM events ORDER BY id",
            "SELECT event_id || '<' || relation_id FROM event_sources ORDER BY event_id, relation_id",
        ] {
            let mut st = store.conn.prepare(sql).unwrap();
            let found = st.query_map([], |r| r.get::<_, String>(0)).unwrap();
            rows.extend(found.map(Result::unwrap));
        }
        rows
    }

    /// An import folds its relations from memory and the store's other relations from the
    /// store: the events must be the ones a fold of every stored relation gives, ids included.
    #[test]
    fn imported_events_are_those_of_a_full_refold() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("kg.db")).unwrap();
        let write = |name: &str, text: &str| write_file(dir.path(), name, text);
        let people = "\tPERSON\tPERSON\n";
        let first = write(
            "a.tsv",
            &[
                "Zara Quill\tmet\tOtto Brem",
                "Otto Brem\tmet\tZara Quill",
                "Zara Quill\tcriticized\tOtto Brem",
                "Ida Venn\tmet\tZara Quill",
            ]
            .map(|l| format!("{l}{people}"))
            .concat(),
        );
        let second = write(
            "b.tsv",
            &[
                "Otto Brem\tmet\tZara Quill",
                "Ida Venn\tsupported\tOtto Brem",
            ]
            .map(|l| format!("{l}{people}"))
            .concat(),
        );
        let dated = |d: &str| ImportOptions {
            date: Some(d.to_string()),
            ..ImportOptions::default()
        };
        // Other triples, so that the later imports fold again only theirs (see
        // events::refold_imported).
        let others = write(
            "others.tsv",
            &(0..20)
                .map(|i| format!("Otto Brem\tcriticized\tPerson {i}{people}"))
                .collect::<String>(),
        );
        for (file, opts) in [
            (&others, ImportOptions::default()),
            (&first, ImportOptions::default()),
            (&second, dated("1987-03-02")),
            (&first, dated("1987-03-04")),
            (&second, dated("1987-03-09")),
        ] {
            store.import_triples(file, &opts).unwrap();
            let imported = events_rows(&store);
            super::super::events::refold_all(&store.conn).unwrap();
            assert_eq!(
                imported,
                events_rows(&store),
                "{} {:?}",
                file.display(),
                opts.date
            );
        }
        // The 3rd and 4th imports are 5 days apart: "met" of Zara and Otto is two dated
        // events by then, and Ida's one more.
        let met: i64 = store
            .conn
            .query_row("SELECT count(*) FROM events WHERE label = 'met'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(met, 3);
    }

    /// An import folds again only the triples it touches (its own, and those of the file's
    /// earlier import): the other events of the store are left as they are, which a marked
    /// event shows (a full refold, as imports did before, would write it again unmarked).
    #[test]
    fn an_import_leaves_the_events_of_other_triples_alone() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("kg.db")).unwrap();
        let write = |name: &str, text: &str| write_file(dir.path(), name, text);
        // Twenty other triples, so that the imports below touch less than a tenth of the
        // store's events (more, and every event is folded again).
        let others: String = (0..20)
            .map(|i| format!("Otto Brem\tcriticized\tPerson {i}\tPERSON\tPERSON\n"))
            .collect();
        let a = write(
            "a.tsv",
            &format!("Zara Quill\tmet\tOtto Brem\tPERSON\tPERSON\n{others}"),
        );
        let b = write("b.tsv", "Ida Venn\tmet\tOtto Brem\tPERSON\tPERSON\n");
        store.import_triples(&a, &ImportOptions::default()).unwrap();
        store.import_triples(&b, &ImportOptions::default()).unwrap();
        let mark = |store: &Store| {
            store
                .conn
                .execute("UPDATE events SET confidence = 0.25", [])
                .unwrap()
        };
        let unmarked = |store: &Store| -> Vec<String> {
            let mut st = store
                .conn
                .prepare(
                    "SELECT s.name || ' ' || e.label || ' ' || o.name FROM events e
                       JOIN entities s ON s.id = e.subject_id JOIN entities o ON o.id = e.object_id
                      WHERE e.confidence = 1.0 ORDER BY e.id",
                )
                .unwrap();
            let found = st.query_map([], |r| r.get(0)).unwrap();
            found.map(Result::unwrap).collect()
        };
        assert_eq!(mark(&store), 22);
        // Imported again with another date: only its own triple is folded again.
        let dated = ImportOptions {
            date: Some("1987-03-02".to_string()),
            ..ImportOptions::default()
        };
        store.import_triples(&b, &dated).unwrap();
        assert_eq!(unmarked(&store), ["Ida Venn met Otto Brem"]);
        mark(&store);
        let c = write("c.tsv", "Ida Venn\tmet\tZara Quill\tPERSON\tPERSON\n");
        store.import_triples(&c, &ImportOptions::default()).unwrap();
        assert_eq!(unmarked(&store), ["Ida Venn met Zara Quill"]);
    }
}
