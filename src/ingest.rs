//! Parallel, crash-safe ingestion: documents are read on one thread, extracted on worker
//! threads, and written by the caller's thread in input order, many documents per transaction.
//!
//! ```text
//!  reader ──jobs──▶ workers (pipeline) ──results──▶ writer (reorder buffer → batches → store)
//!     ▲                                                  │
//!     └──────────────── in-flight slots ◀────────────────┘
//! ```
//! At most [`BuildOptions::in_flight`] documents are between the reader and the writer, so
//! memory stays bounded whatever the size of the input. Writing in input order makes the store
//! the same (ids included) whatever the thread timing. Each document is all-or-nothing (one
//! savepoint), each batch one transaction: a killed build leaves whole documents only, and the
//! next run skips them by content hash.

use crate::error::{Error, Result};
use crate::model::{Document, Extraction};
use crate::pipeline::Pipeline;
use crate::store::{content_hash, Batch, KnownDocuments, Store, WriteOutcome};
use crossbeam_channel::{bounded, Receiver, RecvTimeoutError, Sender};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How a build runs.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Extraction threads.
    pub jobs: usize,
    /// Documents per transaction at most.
    pub batch_documents: usize,
    /// A transaction is committed at the latest this long after its first write.
    pub batch_time: Duration,
    /// Documents whose text is longer than this many bytes are skipped.
    pub max_document_bytes: usize,
    /// Documents read but not yet written, at most.
    pub in_flight: usize,
}

impl Default for BuildOptions {
    fn default() -> Self {
        let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
        BuildOptions::with_jobs(jobs)
    }
}

impl BuildOptions {
    /// Defaults for `jobs` extraction threads.
    pub fn with_jobs(jobs: usize) -> Self {
        let jobs = jobs.max(1);
        BuildOptions {
            jobs,
            batch_documents: 64,
            batch_time: Duration::from_millis(50),
            // News articles are kilobytes; extraction needs about 30 bytes of memory per byte
            // of text, so this keeps a worker under ~250 MB.
            max_document_bytes: 8 * 1024 * 1024,
            in_flight: 64 + 8 * jobs,
        }
    }
}

/// Why an input or a document was not stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureKind {
    /// A path given does not exist (or a dangling link).
    Missing,
    /// The file cannot be opened (permissions).
    PermissionDenied,
    /// A symbolic link loop.
    SymlinkLoop,
    /// Another I/O error.
    Io,
    /// Binary data.
    Binary,
    /// Nothing but white space or markup.
    Empty,
    /// A JSON Lines record that is not a JSON object with a `text` string.
    MalformedJsonl,
    /// Text over [`BuildOptions::max_document_bytes`].
    TooLarge,
    /// A JSON Lines record whose `id` an earlier record of the same file has (the first
    /// one is kept, so that every build stores the same text).
    DuplicateId,
    /// The extractor panicked (a bug in kg; the document is skipped).
    ExtractorPanic,
    /// Writing to the store failed for this document.
    NotStored,
}

impl FailureKind {
    /// Classifies a reading error.
    pub fn of(error: &Error) -> FailureKind {
        match error {
            Error::Io { source, .. } => match source.kind() {
                std::io::ErrorKind::NotFound => FailureKind::Missing,
                std::io::ErrorKind::PermissionDenied => FailureKind::PermissionDenied,
                // ELOOP has no stable ErrorKind yet; walkdir's loop error is `Other`.
                _ if source.to_string().contains("symbolic link") => FailureKind::SymlinkLoop,
                _ => FailureKind::Io,
            },
            Error::Unreadable { path, reason } => {
                if reason.starts_with("binary file") {
                    FailureKind::Binary
                } else if reason.starts_with("empty document") {
                    FailureKind::Empty
                } else if reason.starts_with("too large") {
                    FailureKind::TooLarge
                } else if is_jsonl_record(path) {
                    FailureKind::MalformedJsonl
                } else {
                    FailureKind::Io
                }
            }
            Error::Store { .. } | Error::Sqlite(_) => FailureKind::NotStored,
            _ => FailureKind::Io,
        }
    }

    /// How the summary names it.
    pub fn as_str(self) -> &'static str {
        match self {
            FailureKind::Missing => "missing",
            FailureKind::PermissionDenied => "permission denied",
            FailureKind::SymlinkLoop => "symlink loop",
            FailureKind::Io => "I/O error",
            FailureKind::Binary => "binary",
            FailureKind::Empty => "empty",
            FailureKind::MalformedJsonl => "malformed JSONL line",
            FailureKind::TooLarge => "too large",
            FailureKind::DuplicateId => "duplicate JSONL id",
            FailureKind::ExtractorPanic => "extractor panic",
            FailureKind::NotStored => "not stored",
        }
    }
}

impl fmt::Display for FailureKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `path:LINE`, as the JSONL reader names its records.
fn is_jsonl_record(path: &str) -> bool {
    path.rsplit_once(':')
        .is_some_and(|(_, l)| !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit()))
}

/// What names a JSONL record within one run: its input and id. The store source of a record
/// read from stdin holds its text's hash, so two texts under one id would differ there.
fn jsonl_record_key(doc: &Document, source: &str) -> Option<String> {
    if !is_jsonl_record(&doc.source) {
        return None;
    }
    Some(if source.starts_with("stdin#") {
        format!("stdin#{}", doc.name)
    } else {
        source.to_string()
    })
}

/// Something a build met, in input order, for the caller to show.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// A problem that did not stop the document (invalid UTF-8 replaced...).
    Warning(String),
    /// An input or document was skipped.
    Failed {
        /// What kind of failure.
        kind: FailureKind,
        /// The full message (names the file and, for JSONL, the line).
        message: String,
    },
    /// A document was handled (stored, or found unchanged).
    Done {
        /// Its name.
        name: String,
        /// What happened to it.
        outcome: WriteOutcome,
    },
}

/// What a build did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct BuildReport {
    /// Documents stored for the first time.
    pub new: usize,
    /// Documents whose stored version was replaced.
    pub replaced: usize,
    /// Documents already stored with the same content (by this source or another).
    pub unchanged: usize,
    /// Documents whose text is stored under another source (duplicate bodies).
    pub duplicates: usize,
    /// Inputs and documents not stored, by kind.
    pub failed: BTreeMap<FailureKind, usize>,
    /// Warnings met.
    pub warnings: usize,
    /// Entities and relations extracted from the documents stored.
    pub entities: usize,
    /// See `entities`.
    pub relations: usize,
    /// True when the build stopped early on request; everything counted is committed.
    pub interrupted: bool,
}

impl BuildReport {
    /// Failures of any kind.
    pub fn failures(&self) -> usize {
        self.failed.values().sum()
    }

    /// Documents stored or found unchanged.
    pub fn processed(&self) -> usize {
        self.new + self.replaced + self.unchanged + self.duplicates
    }
}

/// The store key of a document: its file's absolute path, `#id` appended for JSONL records,
/// `stdin#HASH` for standard input.
pub fn store_source(doc: &Document) -> String {
    store_source_with(doc, &mut HashMap::new())
}

/// [`store_source`] with a cache of canonical paths (one `realpath` per file, not per record).
fn store_source_with(doc: &Document, canonical: &mut HashMap<String, String>) -> String {
    let (path, record) = match doc.source.rsplit_once(':') {
        Some((p, line)) if !line.is_empty() && line.bytes().all(|b| b.is_ascii_digit()) => {
            (p, Some(doc.name.as_str()))
        }
        _ => (doc.source.as_str(), None),
    };
    let base = if path == "-" {
        format!("stdin#{}", &content_hash(&doc.text)[..16])
    } else {
        canonical
            .entry(path.to_string())
            .or_insert_with(|| {
                std::fs::canonicalize(path)
                    .map_or_else(|_| path.to_string(), |p| p.display().to_string())
            })
            .clone()
    };
    match record {
        Some(id) => format!("{base}#{id}"),
        None => base,
    }
}

/// A document on its way from the reader to the writer.
enum Job {
    /// To extract and write.
    Extract { source: String, document: Document },
    /// Already stored with this content.
    Unchanged {
        name: String,
        warnings: Vec<String>,
        outcome: WriteOutcome,
    },
    /// Could not be read, or is not to be extracted.
    Failed { kind: FailureKind, message: String },
}

/// A job done by a worker.
enum Done {
    Extracted {
        source: String,
        extraction: Box<Extraction>,
    },
    Unchanged {
        name: String,
        warnings: Vec<String>,
        outcome: WriteOutcome,
    },
    Failed {
        kind: FailureKind,
        message: String,
        warnings: Vec<String>,
    },
}

/// Builds `documents` into `store`: see the module documentation. `cancel` stops the build
/// after the current batch; `on_event` sees every warning, failure and document, in input
/// order, on the caller's thread.
pub fn build<I>(
    store: &mut Store,
    pipeline: &Pipeline,
    documents: I,
    options: &BuildOptions,
    cancel: &AtomicBool,
    on_event: &mut dyn FnMut(&Event),
) -> Result<BuildReport>
where
    I: Iterator<Item = Result<Document>> + Send,
{
    let known = store.known_documents()?;
    let in_flight = options.in_flight.max(1);
    let (job_tx, job_rx) = bounded::<(u64, Job)>(options.jobs * 2);
    let (done_tx, done_rx) = bounded::<(u64, Done)>(in_flight);
    let (slot_tx, slot_rx) = bounded::<()>(in_flight);
    std::thread::scope(|scope| {
        let max_bytes = options.max_document_bytes;
        scope.spawn(move || read(documents, &known, max_bytes, cancel, job_tx, slot_tx));
        for _ in 0..options.jobs.max(1) {
            let (jobs, done) = (job_rx.clone(), done_tx.clone());
            scope.spawn(move || extract(pipeline, jobs, done));
        }
        drop((job_rx, done_tx));
        write(store, options, cancel, done_rx, slot_rx, on_event)
    })
    .and_then(|report| {
        // Over everything stored, this build's documents and any other's: the links that
        // depend on the whole set are then the same whatever the order of ingestion.
        store.link_surnames()?;
        Ok(report)
    })
}

/// The reader thread: numbers documents, skips the unchanged ones, hands the rest on.
fn read<I>(
    documents: I,
    known: &KnownDocuments,
    max_bytes: usize,
    cancel: &AtomicBool,
    jobs: Sender<(u64, Job)>,
    slots: Sender<()>,
) where
    I: Iterator<Item = Result<Document>>,
{
    let mut canonical = HashMap::new();
    // Store key → where it was first seen this run: two records with one JSONL id would
    // otherwise replace each other, the last one winning, and each rebuild flipping back.
    let mut first_seen: HashMap<String, String> = HashMap::new();
    for (seq, item) in (0u64..).zip(documents) {
        // Blocks while `in_flight` documents wait for the writer; fails once it has stopped.
        if cancel.load(Ordering::Relaxed) || slots.send(()).is_err() {
            return;
        }
        let job = match item {
            Err(e) => Job::Failed {
                kind: FailureKind::of(&e),
                message: e.to_string(),
            },
            Ok(doc) if doc.text.len() > max_bytes => Job::Failed {
                kind: FailureKind::TooLarge,
                message: format!(
                    "skipped {}: too large ({:.1} MB of text, the limit is {:.1} MB; see --max-document-mb)",
                    doc.source,
                    doc.text.len() as f64 / 1e6,
                    max_bytes as f64 / 1e6
                ),
            },
            Ok(doc) => {
                let source = store_source_with(&doc, &mut canonical);
                let record = jsonl_record_key(&doc, &source);
                if let Some(first) = record.as_ref().and_then(|r| first_seen.get(r)) {
                    let job = Job::Failed {
                        kind: FailureKind::DuplicateId,
                        message: format!(
                            "skipped {}: id {:?} was already used at {first}; the first record is kept",
                            doc.source, doc.name
                        ),
                    };
                    if jobs.send((seq, job)).is_err() {
                        return;
                    }
                    continue;
                }
                if let Some(record) = record {
                    first_seen.insert(record, doc.source.clone());
                }
                let outcome = known.check(&source, &content_hash(&doc.text));
                if matches!(outcome, WriteOutcome::Unchanged | WriteOutcome::Duplicate) {
                    Job::Unchanged {
                        name: doc.name,
                        warnings: doc.warnings,
                        outcome,
                    }
                } else {
                    Job::Extract {
                        source,
                        document: doc,
                    }
                }
            }
        };
        if jobs.send((seq, job)).is_err() {
            return;
        }
    }
}

/// A worker thread: runs the pipeline; a panic costs one document, not the build.
fn extract(pipeline: &Pipeline, jobs: Receiver<(u64, Job)>, done: Sender<(u64, Done)>) {
    for (seq, job) in jobs {
        let result = match job {
            Job::Extract { source, document } => {
                let name = document.source.clone();
                let warnings = document.warnings.clone();
                match catch_unwind(AssertUnwindSafe(|| pipeline.extract(document))) {
                    Ok(ex) => Done::Extracted {
                        source,
                        extraction: Box::new(ex),
                    },
                    Err(panic) => Done::Failed {
                        kind: FailureKind::ExtractorPanic,
                        message: format!(
                            "skipped {name}: the extractor panicked ({}); please report this",
                            panic_message(&*panic)
                        ),
                        warnings,
                    },
                }
            }
            Job::Unchanged {
                name,
                warnings,
                outcome,
            } => Done::Unchanged {
                name,
                warnings,
                outcome,
            },
            Job::Failed { kind, message } => Done::Failed {
                kind,
                message,
                warnings: Vec::new(),
            },
        };
        if done.send((seq, result)).is_err() {
            return;
        }
    }
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".into())
}

/// The writer, on the caller's thread: puts results back in input order and writes them in
/// batches.
fn write(
    store: &mut Store,
    options: &BuildOptions,
    cancel: &AtomicBool,
    done: Receiver<(u64, Done)>,
    slots: Receiver<()>,
    on_event: &mut dyn FnMut(&Event),
) -> Result<BuildReport> {
    let store: &Store = store;
    let mut report = BuildReport::default();
    let mut pending: BTreeMap<u64, Done> = BTreeMap::new();
    let mut next = 0u64;
    let mut batch: Option<OpenBatch<'_>> = None;
    // The counts of an open batch are added to the report only once it is committed.
    let mut uncommitted = BuildReport::default();
    loop {
        let deadline = batch
            .as_ref()
            .map(|(_, started, _, _)| *started + options.batch_time);
        let received = match deadline {
            Some(d) => done.recv_deadline(d),
            None => done.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        let finished = match received {
            Ok((seq, item)) => {
                pending.insert(seq, item);
                false
            }
            Err(RecvTimeoutError::Timeout) => false,
            Err(RecvTimeoutError::Disconnected) => true,
        };
        while let Some(item) = pending.remove(&next) {
            next += 1;
            // The reader may send the next document.
            let _ = slots.try_recv();
            match item {
                Done::Extracted { source, extraction } => {
                    for w in &extraction.document.warnings {
                        report.warnings += 1;
                        on_event(&Event::Warning(w.clone()));
                    }
                    if batch.is_none() {
                        batch = Some((store.batch()?, Instant::now(), 0, 0));
                    }
                    let Some((b, _, entities, relations)) = batch.as_mut() else {
                        continue;
                    };
                    let name = extraction.document.name.clone();
                    match b.write(&source, &extraction) {
                        Ok(outcome) => {
                            match outcome {
                                WriteOutcome::New => uncommitted.new += 1,
                                WriteOutcome::Replaced => uncommitted.replaced += 1,
                                WriteOutcome::Unchanged => uncommitted.unchanged += 1,
                                WriteOutcome::Duplicate => uncommitted.duplicates += 1,
                            }
                            if matches!(outcome, WriteOutcome::New | WriteOutcome::Replaced) {
                                *entities += extraction.entities.len();
                                *relations += extraction.relations.len();
                            }
                            on_event(&Event::Done { name, outcome });
                        }
                        Err(e) => {
                            *report.failed.entry(FailureKind::NotStored).or_default() += 1;
                            on_event(&Event::Failed {
                                kind: FailureKind::NotStored,
                                message: format!("{name}: not stored: {e}"),
                            });
                        }
                    }
                }
                Done::Unchanged {
                    name,
                    warnings,
                    outcome,
                } => {
                    for w in warnings {
                        report.warnings += 1;
                        on_event(&Event::Warning(w));
                    }
                    match outcome {
                        WriteOutcome::Duplicate => report.duplicates += 1,
                        _ => report.unchanged += 1,
                    }
                    on_event(&Event::Done { name, outcome });
                }
                Done::Failed {
                    kind,
                    message,
                    warnings,
                } => {
                    for w in warnings {
                        report.warnings += 1;
                        on_event(&Event::Warning(w));
                    }
                    *report.failed.entry(kind).or_default() += 1;
                    on_event(&Event::Failed { kind, message });
                }
            }
            if let Some(full) = batch.take_if(|(b, _, _, _)| b.written() >= options.batch_documents)
            {
                commit(full, &mut uncommitted, &mut report)?;
            }
            if cancel.load(Ordering::Relaxed) {
                break;
            }
        }
        let stop = cancel.load(Ordering::Relaxed);
        let due = |(_, started, _, _): &mut OpenBatch<'_>| {
            finished || stop || started.elapsed() >= options.batch_time
        };
        if let Some(open) = batch.take_if(due) {
            commit(open, &mut uncommitted, &mut report)?;
        }
        if stop {
            report.interrupted = true;
            return Ok(report);
        }
        if finished && pending.is_empty() {
            return Ok(report);
        }
    }
}

/// A batch being written: the transaction, when it began, entities and relations in it.
type OpenBatch<'s> = (Batch<'s>, Instant, usize, usize);

/// Commits `open`, then moves the counts of its documents into the report.
fn commit(
    (batch, _, entities, relations): OpenBatch<'_>,
    uncommitted: &mut BuildReport,
    report: &mut BuildReport,
) -> Result<()> {
    batch.commit()?;
    report.new += uncommitted.new;
    report.replaced += uncommitted.replaced;
    report.unchanged += uncommitted.unchanged;
    report.duplicates += uncommitted.duplicates;
    report.entities += entities;
    report.relations += relations;
    *uncommitted = BuildReport::default();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failure_kinds_of_reading_errors() {
        let io = |kind: std::io::ErrorKind, msg: &str| Error::Io {
            path: "x".into(),
            source: std::io::Error::new(kind, msg.to_string()),
        };
        let unreadable = |path: &str, reason: &str| Error::Unreadable {
            path: path.into(),
            reason: reason.into(),
        };
        let cases: Vec<(Error, FailureKind)> = vec![
            (
                io(std::io::ErrorKind::NotFound, "gone"),
                FailureKind::Missing,
            ),
            (
                io(std::io::ErrorKind::PermissionDenied, "no"),
                FailureKind::PermissionDenied,
            ),
            (
                io(std::io::ErrorKind::Other, "symbolic link loop back to /a"),
                FailureKind::SymlinkLoop,
            ),
            (
                Error::Io {
                    path: "x".into(),
                    source: std::io::Error::from_raw_os_error(40),
                },
                FailureKind::SymlinkLoop,
            ),
            (
                io(std::io::ErrorKind::Other, "disk on fire"),
                FailureKind::Io,
            ),
            (
                unreadable("a.txt", "binary file (NUL byte at offset 4)"),
                FailureKind::Binary,
            ),
            (unreadable("a.txt", "empty document"), FailureKind::Empty),
            (
                unreadable("a.jsonl:3", "invalid JSON: expected value"),
                FailureKind::MalformedJsonl,
            ),
            (
                unreadable("a.jsonl:3", "no \"text\" field"),
                FailureKind::MalformedJsonl,
            ),
            (
                unreadable("a.jsonl:3", "empty document"),
                FailureKind::Empty,
            ),
        ];
        for (error, want) in cases {
            assert_eq!(FailureKind::of(&error), want, "{error}");
        }
    }

    #[test]
    fn store_sources() {
        let mut doc = Document::from_text("r7", "Text.");
        doc.source = "/no/such/dir/a.jsonl:7".into();
        assert_eq!(store_source(&doc), "/no/such/dir/a.jsonl#r7");
        doc.source = "/no/such/dir/a.txt".into();
        assert_eq!(store_source(&doc), "/no/such/dir/a.txt");
        doc.source = "-".into();
        assert!(store_source(&doc).starts_with("stdin#"));
        doc.source = "-:2".into();
        assert!(store_source(&doc).starts_with("stdin#"));
        assert!(store_source(&doc).ends_with("#r7"));
    }

    fn corpus(n: usize) -> Vec<Result<Document>> {
        (0..n)
            .map(|i| {
                if i % 17 == 5 {
                    return Err(Error::Unreadable {
                        path: format!("c.jsonl:{i}"),
                        reason: "invalid JSON: oops".into(),
                    });
                }
                let text = format!(
                    "Russian President Vladimir Putin met French President Emmanuel Macron in Paris on day {i}. \
                     German Chancellor Angela Merkel criticized Iran."
                );
                let mut d = Document::from_text(format!("d{i}"), text);
                d.source = format!("/virtual/c.jsonl:{i}");
                Ok(d)
            })
            .collect()
    }

    fn dump(path: &std::path::Path) -> Vec<String> {
        let conn = rusqlite::Connection::open(path).unwrap();
        let mut rows = Vec::new();
        for sql in [
            "SELECT id || ' ' || name || ' ' || source || ' ' || content_hash FROM documents ORDER BY id",
            "SELECT id || ' ' || identity || ' ' || name FROM entities ORDER BY id",
            "SELECT id || ' ' || document_id || ' ' || entity_id || ' ' || start FROM mentions ORDER BY id",
            "SELECT id || ' ' || document_id || ' ' || subject_id || ' ' || label || ' ' || object_id || ' ' || evidence_start FROM relations ORDER BY id",
        ] {
            let mut st = conn.prepare(sql).unwrap();
            let r = st.query_map([], |r| r.get::<_, String>(0)).unwrap();
            rows.extend(r.map(|r| r.unwrap()));
        }
        rows
    }

    #[test]
    fn the_store_is_the_same_whatever_the_threads_and_batches() {
        let dir = tempfile::tempdir().unwrap();
        let pipeline = Pipeline::new();
        let never = AtomicBool::new(false);
        let mut dumps = Vec::new();
        let settings: &[(usize, usize, usize)] = &[(1, 1, 1), (1, 64, 256), (3, 5, 7), (4, 64, 2)];
        for (i, &(jobs, batch, in_flight)) in settings.iter().enumerate() {
            let path = dir.path().join(format!("{i}.db"));
            let mut store = Store::open(&path).unwrap();
            let options = BuildOptions {
                batch_documents: batch,
                in_flight,
                ..BuildOptions::with_jobs(jobs)
            };
            let mut events = Vec::new();
            let report = build(
                &mut store,
                &pipeline,
                corpus(120).into_iter(),
                &options,
                &never,
                &mut |e| events.push(e.clone()),
            )
            .unwrap();
            assert_eq!(report.new, 113, "{report:?}");
            assert_eq!(report.failed.get(&FailureKind::MalformedJsonl), Some(&7));
            // Events come in input order.
            let names: Vec<&str> = events
                .iter()
                .filter_map(|e| match e {
                    Event::Done { name, .. } => Some(name.as_str()),
                    _ => None,
                })
                .collect();
            let want: Vec<String> = (0..120)
                .filter(|i| i % 17 != 5)
                .map(|i| format!("d{i}"))
                .collect();
            assert_eq!(names, want);
            drop(store);
            dumps.push(dump(&path));
            // A second run finds everything unchanged.
            let mut store = Store::open(&path).unwrap();
            let again = build(
                &mut store,
                &pipeline,
                corpus(120).into_iter(),
                &options,
                &never,
                &mut |_| {},
            )
            .unwrap();
            assert_eq!((again.new, again.unchanged), (0, 113));
        }
        for d in &dumps[1..] {
            assert_eq!(d, &dumps[0]);
        }
    }

    #[test]
    fn cancel_stops_early_with_only_committed_counts() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kg.db");
        let mut store = Store::open(&path).unwrap();
        let cancel = AtomicBool::new(false);
        let mut seen = 0;
        let options = BuildOptions {
            batch_documents: 4,
            ..BuildOptions::with_jobs(2)
        };
        let report = build(
            &mut store,
            &Pipeline::new(),
            corpus(200).into_iter(),
            &options,
            &cancel,
            &mut |e| {
                if matches!(e, Event::Done { .. }) {
                    seen += 1;
                    if seen == 10 {
                        cancel.store(true, Ordering::Relaxed);
                    }
                }
            },
        )
        .unwrap();
        assert!(report.interrupted);
        let stored = store.stats().unwrap().documents as usize;
        assert_eq!(report.new, stored, "{report:?}");
        assert!((10..200).contains(&stored), "{stored}");
    }

    #[test]
    fn oversized_documents_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("kg.db")).unwrap();
        let options = BuildOptions {
            max_document_bytes: 100,
            ..BuildOptions::with_jobs(1)
        };
        let docs = vec![
            Ok(Document::from_text("small", "Putin met Macron.")),
            Ok(Document::from_text("big", "Putin met Macron. ".repeat(10))),
        ];
        let report = build(
            &mut store,
            &Pipeline::new(),
            docs.into_iter(),
            &options,
            &AtomicBool::new(false),
            &mut |_| {},
        )
        .unwrap();
        assert_eq!(report.new, 1);
        assert_eq!(report.failed.get(&FailureKind::TooLarge), Some(&1));
    }
}
