//! Documents in: text, Markdown, HTML and JSON Lines from files, folders and stdin, turned
//! into [`Document`]s one at a time.
//!
//! Errors are per file (or per JSONL record) and never stop the iteration: the caller decides
//! whether a skipped input matters.

pub(crate) mod date;
mod html;
mod jsonl;
mod md;
mod txt;

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

use crate::{Document, Error, Result};
use jsonl::JsonlRecords;

/// How many bytes at the start of an input are looked at to tell text from binary.
const SNIFF_BYTES: usize = 8 * 1024;

/// The formats kg reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text (`.txt`), kept as it is.
    Text,
    /// Markdown (`.md`, `.markdown`), syntax removed.
    Markdown,
    /// HTML (`.html`, `.htm`), tags removed.
    Html,
    /// JSON Lines (`.jsonl`), one document per line.
    Jsonl,
}

impl Format {
    /// The format a file name's extension (any case) says, if it is one kg reads in folders.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" => Format::Text,
            "md" | "markdown" => Format::Markdown,
            "html" | "htm" => Format::Html,
            "jsonl" => Format::Jsonl,
            _ => return None,
        })
    }
}

/// Streams documents from files, folders (recursive) and "-" (stdin), in a deterministic order.
/// Errors are per file or per JSONL record and never stop the iteration.
pub fn read_inputs(inputs: &[PathBuf]) -> Inputs {
    Inputs {
        pending: inputs.iter().cloned().collect(),
        walker: None,
        current: None,
        max_input_bytes: usize::MAX,
    }
}

/// How many bytes of input may hold a document of `max_text_bytes` of text: markup, JSON
/// escapes and CRLF line ends take room that the text does not, so an input is refused
/// unread only when it could not possibly fit.
pub fn max_input_bytes(max_text_bytes: usize) -> usize {
    max_text_bytes.saturating_mul(4).saturating_add(64 * 1024)
}

/// Reads one file (any extension; unknown ones are read as text).
pub fn read_file(path: &Path) -> Vec<Result<Document>> {
    open_file(path, usize::MAX).collect()
}

/// Reads an in-memory input as if it were a file called `name`.
pub fn read_str(name: &str, text: &str, format: Format) -> Vec<Result<Document>> {
    let origin = Origin {
        source: name.to_string(),
        name: base_name(Path::new(name)),
    };
    from_bytes(origin, text.as_bytes().to_vec(), format).collect()
}

/// A folder walk that skips hidden entries.
type Walker = walkdir::FilterEntry<walkdir::IntoIter, fn(&walkdir::DirEntry) -> bool>;

/// The documents of a list of inputs, one at a time; see [`read_inputs`].
pub struct Inputs {
    pending: VecDeque<PathBuf>,
    walker: Option<Walker>,
    current: Option<Records>,
    max_input_bytes: usize,
}

impl Inputs {
    /// Refuses, without reading it, a file (or JSONL line) too big to hold a document of
    /// `max_text_bytes` of text (see [`max_input_bytes`]): skipping a 1 GB file must not
    /// cost 1 GB of memory. The caller still checks the text it gets against its limit.
    pub fn max_document_bytes(mut self, max_text_bytes: usize) -> Self {
        self.max_input_bytes = max_input_bytes(max_text_bytes);
        self
    }
}

impl Iterator for Inputs {
    type Item = Result<Document>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(records) = &mut self.current {
                match records.next() {
                    Some(item) => return Some(item),
                    None => self.current = None,
                }
            }
            if let Some(walker) = &mut self.walker {
                match walker.next() {
                    Some(Ok(entry)) => {
                        let path = entry.path();
                        // A FIFO or socket with a known extension is reported by open_file,
                        // not passed over without a word.
                        if !entry.file_type().is_dir() && Format::from_path(path).is_some() {
                            self.current = Some(open_file(path, self.max_input_bytes));
                        }
                    }
                    Some(Err(e)) if worth_reporting(&e) => return Some(Err(walk_error(e))),
                    Some(Err(_)) => {}
                    None => self.walker = None,
                }
                continue;
            }
            let path = self.pending.pop_front()?;
            if path.as_os_str() == "-" {
                self.current = Some(read_stdin());
                continue;
            }
            match std::fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => {
                    self.walker = Some(
                        walkdir::WalkDir::new(&path)
                            .follow_links(true)
                            .sort_by_file_name()
                            .into_iter()
                            .filter_entry(not_hidden as fn(&walkdir::DirEntry) -> bool),
                    );
                }
                Ok(_) => self.current = Some(open_file(&path, self.max_input_bytes)),
                Err(source) => return Some(Err(Error::Io { path, source })),
            }
        }
    }
}

/// Hidden files and folders below a folder given are skipped; the folder itself never is
/// (it may well be `.` or `..`).
fn not_hidden(entry: &walkdir::DirEntry) -> bool {
    entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
}

/// Where a document comes from, as the readers name it.
#[derive(Debug, Clone)]
struct Origin {
    /// The path as given, or `-` for stdin.
    source: String,
    /// The base name, or `stdin`.
    name: String,
}

/// The documents of one input: ready, or streamed from a JSONL reader.
enum Records {
    Ready(std::vec::IntoIter<Result<Document>>),
    Jsonl(JsonlRecords<Box<dyn BufRead + Send>>),
}

impl Iterator for Records {
    type Item = Result<Document>;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Records::Ready(items) => items.next(),
            Records::Jsonl(records) => records.next(),
        }
        .map(|item| item.map(without_controls))
    }
}

impl Records {
    fn one(item: Result<Document>) -> Self {
        Records::Ready(vec![item].into_iter())
    }
}

/// The documents of one file; a file over `max_bytes` (a JSONL line over it) is refused
/// without being read.
fn open_file(path: &Path, max_bytes: usize) -> Records {
    let origin = Origin {
        source: path.display().to_string(),
        name: base_name(path),
    };
    let io_error = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    // Opening a FIFO would block until something writes to it, maybe forever.
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => {
            return Records::one(Err(Error::Unreadable {
                path: origin.source,
                reason: "not a regular file (a FIFO, socket or device); give kg files, folders or - for stdin".into(),
            }))
        }
        Ok(_) => {}
        Err(e) => return Records::one(Err(io_error(e))),
    }
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return Records::one(Err(io_error(e))),
    };
    let format = Format::from_path(path).unwrap_or(Format::Text);
    let size = file.metadata().map_or(0, |m| m.len());
    if format != Format::Jsonl && size > max_bytes as u64 {
        return Records::one(Err(too_large(&origin.source, size)));
    }
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    if let Err(e) = (&mut file).take(SNIFF_BYTES as u64).read_to_end(&mut head) {
        return Records::one(Err(io_error(e)));
    }
    if let Some(reason) = binary_reason(&head) {
        return Records::one(Err(Error::Unreadable {
            path: origin.source,
            reason,
        }));
    }
    if format == Format::Jsonl {
        let reader: Box<dyn BufRead + Send> =
            Box::new(BufReader::new(Cursor::new(head).chain(file)));
        return Records::Jsonl(JsonlRecords::new(reader, origin).max_line_bytes(max_bytes));
    }
    let mut bytes = head;
    if let Err(e) = file.read_to_end(&mut bytes) {
        return Records::one(Err(io_error(e)));
    }
    Records::one(document(origin, &bytes, format))
}

/// The error for an input refused unread because of its size (a "too large" failure).
fn too_large(at: &str, bytes: u64) -> Error {
    Error::Unreadable {
        path: at.to_string(),
        reason: format!(
            "too large ({:.1} MB, more than any document under the limit could take; see --max-document-mb)",
            bytes as f64 / 1e6
        ),
    }
}

/// Reads all of stdin: whether it is JSONL can only be told from every line.
fn read_stdin() -> Records {
    let mut bytes = Vec::new();
    if let Err(source) = io::stdin().lock().read_to_end(&mut bytes) {
        return Records::one(Err(Error::Io {
            path: PathBuf::from("-"),
            source,
        }));
    }
    let origin = Origin {
        source: "-".into(),
        name: "stdin".into(),
    };
    let format = sniff_format(&bytes);
    from_bytes(origin, bytes, format)
}

/// JSONL when every non-blank line starts with `{`; HTML when it starts like a page; else text.
fn sniff_format(bytes: &[u8]) -> Format {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut lines = bytes
        .split(|&b| b == b'\n')
        .map(|l| l.trim_ascii_start())
        .filter(|l| !l.is_empty())
        .peekable();
    if lines.peek().is_some() && lines.all(|l| l.starts_with(b"{")) {
        return Format::Jsonl;
    }
    let start = bytes.trim_ascii_start();
    let head = &start[..start.len().min(15)];
    if head.len() >= 5
        && (head.to_ascii_lowercase().starts_with(b"<!doctype html")
            || head.to_ascii_lowercase().starts_with(b"<html"))
    {
        return Format::Html;
    }
    Format::Text
}

/// The documents in an in-memory input.
fn from_bytes(origin: Origin, bytes: Vec<u8>, format: Format) -> Records {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if let Some(reason) = binary_reason(head) {
        return Records::one(Err(Error::Unreadable {
            path: origin.source,
            reason,
        }));
    }
    if format == Format::Jsonl {
        let reader: Box<dyn BufRead + Send> = Box::new(Cursor::new(bytes));
        return Records::Jsonl(JsonlRecords::new(reader, origin));
    }
    Records::one(document(origin, &bytes, format))
}

/// A text, Markdown or HTML document from its bytes.
fn document(origin: Origin, bytes: &[u8], format: Format) -> Result<Document> {
    let empty = |origin: Origin, reason: &str| Error::Unreadable {
        path: origin.source,
        reason: reason.into(),
    };
    if is_blank(bytes) {
        return Err(empty(origin, "empty document"));
    }
    let (text, mut warnings) = decode(bytes, &origin.source);
    if text.trim().is_empty() {
        return Err(empty(origin, "empty document"));
    }
    let (text, title, date) = match format {
        Format::Text | Format::Jsonl => {
            let (title, date) = (txt::title(&text), txt::date(&text));
            (text, title, date)
        }
        Format::Markdown => {
            let md = md::strip(&text);
            if let Some(bad) = &md.bad_date {
                warnings.push(format!(
                    "{}: front matter date {bad:?} is not a date kg can read; ignored",
                    origin.source
                ));
            }
            let date = md.date.or_else(|| txt::date(&md.text));
            (md.text, md.title, date)
        }
        Format::Html => {
            let page = html::parse(&text);
            (page.text, page.title, page.date)
        }
    };
    if text.trim().is_empty() {
        return Err(empty(origin, "empty document (no text outside the markup)"));
    }
    Ok(Document {
        name: origin.name,
        source: origin.source,
        title,
        date,
        url: None,
        text,
        warnings,
    })
}

/// Why `head` looks like binary data: a NUL byte, or more than 10% control characters other
/// than tab, line feed, carriage return and form feed.
fn binary_reason(head: &[u8]) -> Option<String> {
    if let Some(at) = head.iter().position(|&b| b == 0) {
        return Some(format!("binary file (NUL byte at offset {at})"));
    }
    let controls = head
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)) || b == 0x7F)
        .count();
    (!head.is_empty() && controls * 10 > head.len()).then(|| {
        format!(
            "binary file ({controls} control characters in the first {} bytes)",
            head.len()
        )
    })
}

/// Decodes UTF-8 (invalid sequences become U+FFFD, with a warning naming `label`), strips a
/// byte order mark and turns CRLF and CR line ends into LF.
fn decode(bytes: &[u8], label: &str) -> (String, Vec<String>) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut text = String::with_capacity(bytes.len());
    let mut replaced = 0;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            replaced += chunk.invalid().len();
            text.push('\u{FFFD}');
        }
    }
    let mut warnings = Vec::new();
    if replaced > 0 {
        warnings.push(format!(
            "{label}: invalid UTF-8, {replaced} bytes replaced with U+FFFD"
        ));
    }
    (normalize_newlines(&text), warnings)
}

/// Every document on its way in, whatever its format: control characters (an ESC, a BEL, a
/// NUL) blanked in the text, removed from the name, title, date and address, so that none
/// reaches the store or, through it, a terminal.
fn without_controls(mut doc: Document) -> Document {
    use crate::text::{blank_controls, clean_name};
    if let std::borrow::Cow::Owned(t) = blank_controls(&doc.text) {
        doc.text = t;
    }
    doc.name = clean_name(&doc.name).into_owned();
    for field in [&mut doc.title, &mut doc.date, &mut doc.url] {
        *field = field
            .as_deref()
            .map(|v| clean_name(v).into_owned())
            .filter(|v| !v.is_empty());
    }
    doc
}

/// CRLF and lone CR become LF.
fn normalize_newlines(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_string();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

fn is_blank(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    bytes.iter().all(|b| b.is_ascii_whitespace() || *b == 0x0B)
}

fn base_name(path: &Path) -> String {
    match path.file_name() {
        Some(name) => name.to_string_lossy().into_owned(),
        None => path.display().to_string(),
    }
}

/// A walk error matters unless it is about an entry the walk would have skipped anyway: a
/// hidden one (editors leave dangling `.#name` links) or one with an extension kg does not read.
/// Loops are always reported.
fn worth_reporting(e: &walkdir::Error) -> bool {
    let Some(path) = e.path() else {
        return true;
    };
    if e.loop_ancestor().is_some() || e.depth() == 0 {
        return true;
    }
    let hidden = path
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'));
    let other_extension = path.extension().is_some() && Format::from_path(path).is_none();
    !hidden && !other_extension
}

/// Turns a folder-walk error into an I/O error on the path it concerns.
fn walk_error(e: walkdir::Error) -> Error {
    let path = e.path().map(Path::to_path_buf).unwrap_or_default();
    let source = match e.loop_ancestor() {
        Some(ancestor) => {
            io::Error::other(format!("symbolic link loop back to {}", ancestor.display()))
        }
        None => e
            .into_io_error()
            .unwrap_or_else(|| io::Error::other("cannot walk folder")),
    };
    Error::Io { path, source }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn write(dir: &Path, rel: &str, bytes: &[u8]) -> PathBuf {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(&path, bytes).unwrap();
        path
    }

    fn only(mut items: Vec<Result<Document>>) -> Result<Document> {
        assert_eq!(items.len(), 1, "{items:?}");
        items.remove(0)
    }

    fn unreadable_reason(item: &Result<Document>) -> String {
        match item {
            Err(Error::Unreadable { reason, .. }) => reason.clone(),
            other => panic!("expected Unreadable, got {other:?}"),
        }
    }

    #[test]
    fn formats_from_extensions() {
        let cases: &[(&str, Option<Format>)] = &[
            ("a.txt", Some(Format::Text)),
            ("a.TXT", Some(Format::Text)),
            ("a.md", Some(Format::Markdown)),
            ("a.Markdown", Some(Format::Markdown)),
            ("a.html", Some(Format::Html)),
            ("dir/a.HTM", Some(Format::Html)),
            ("a.jsonl", Some(Format::Jsonl)),
            ("a.json", None),
            ("a.pdf", None),
            ("README", None),
            (".txt", None),
        ];
        for (path, want) in cases {
            assert_eq!(Format::from_path(Path::new(path)), *want, "path {path}");
        }
    }

    #[test]
    fn each_format_from_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let txt = write(
            dir.path(),
            "a.txt",
            b"\xEF\xBB\xBF16.07.18\r\nPutin meets Trump\r\n\r\nThey met in Helsinki.\rEnd.",
        );
        let doc = only(read_file(&txt)).unwrap();
        assert_eq!(doc.name, "a.txt");
        assert_eq!(doc.source, txt.display().to_string());
        assert_eq!(doc.title.as_deref(), Some("Putin meets Trump"));
        assert_eq!(doc.date.as_deref(), Some("2018-07-16"));
        assert_eq!(
            doc.text,
            "16.07.18\nPutin meets Trump\n\nThey met in Helsinki.\nEnd."
        );
        assert!(doc.warnings.is_empty());

        let md = write(
            dir.path(),
            "b.md",
            b"# Summit in *Helsinki*\n\nJuly 16, 2018\n\n**Putin** met [Trump](http://x).",
        );
        let doc = only(read_file(&md)).unwrap();
        assert_eq!(doc.title.as_deref(), Some("Summit in Helsinki"));
        assert_eq!(doc.date.as_deref(), Some("2018-07-16"));
        assert_eq!(
            doc.text,
            "Summit in Helsinki\n\nJuly 16, 2018\n\nPutin met Trump."
        );

        let html = write(
            dir.path(),
            "c.htm",
            b"<html><head><title>Summit</title><meta name=date content=2018-07-16></head>\
              <body><p>Putin met Trump.</p><p>They talked.</p></body></html>",
        );
        let doc = only(read_file(&html)).unwrap();
        assert_eq!(doc.title.as_deref(), Some("Summit"));
        assert_eq!(doc.date.as_deref(), Some("2018-07-16"));
        assert_eq!(doc.text, "Putin met Trump.\n\nThey talked.");

        let jsonl = write(
            dir.path(),
            "d.jsonl",
            b"{\"id\":\"r1\",\"text\":\"One.\"}\n{\"text\":\"Two.\",\"url\":\"u\"}\n",
        );
        let docs: Vec<Document> = read_file(&jsonl).into_iter().map(|d| d.unwrap()).collect();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].name, "r1");
        assert_eq!(docs[1].name, "d.jsonl:2");
        assert_eq!(docs[1].source, format!("{}:2", jsonl.display()));
        assert_eq!(docs[1].url.as_deref(), Some("u"));
    }

    #[test]
    fn in_memory_inputs() {
        let doc = only(read_str("x.md", "**bold**", Format::Markdown)).unwrap();
        assert_eq!((doc.name.as_str(), doc.text.as_str()), ("x.md", "bold"));
        let doc = only(read_str("dir/p.html", "<b>a</b>&amp;b", Format::Html)).unwrap();
        assert_eq!(
            (doc.name.as_str(), doc.source.as_str()),
            ("p.html", "dir/p.html")
        );
        assert_eq!(doc.text, "a&b");
        let docs = read_str(
            "r.jsonl",
            "{\"text\":\"a\"}\n{\"text\":\"b\"}",
            Format::Jsonl,
        );
        assert_eq!(docs.len(), 2);
        assert!(docs.iter().all(Result::is_ok));
        let reason = unreadable_reason(&only(read_str("t", " \n\t ", Format::Text)));
        assert_eq!(reason, "empty document");
        let reason = unreadable_reason(&only(read_str("t", "<p> </p>", Format::Html)));
        assert!(reason.starts_with("empty document"), "{reason}");
    }

    #[test]
    fn invalid_utf8_is_replaced_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        // \xE2\x82 is a truncated three-byte sequence: one U+FFFD for two bytes.
        let path = write(dir.path(), "bad.txt", b"Caf\xE9 in Moscow \xE2\x82 \xFF.");
        let doc = only(read_file(&path)).unwrap();
        assert_eq!(doc.text, "Caf\u{FFFD} in Moscow \u{FFFD} \u{FFFD}.");
        assert_eq!(doc.warnings.len(), 1, "{:?}", doc.warnings);
        assert!(doc.warnings[0].contains("bad.txt"), "{:?}", doc.warnings);
        assert!(doc.warnings[0].contains("4 bytes"), "{:?}", doc.warnings);
    }

    #[test]
    fn unreadable_files() {
        let dir = tempfile::tempdir().unwrap();
        // 11 control characters in 100 bytes is over the 10% limit.
        let mut controls = vec![b'a'; 89];
        controls.extend([0x01u8; 10]);
        controls.push(0x7F);
        let cases: &[(&str, Vec<u8>, &str)] = &[
            (
                "nul.txt",
                b"text\0more".to_vec(),
                "binary file (NUL byte at offset 4)",
            ),
            (
                "ctl.txt",
                controls,
                "binary file (11 control characters in the first 100 bytes)",
            ),
            ("empty.txt", Vec::new(), "empty document"),
            ("blank.md", b" \r\n\t\n".to_vec(), "empty document"),
            ("bom.txt", b"\xEF\xBB\xBF\n".to_vec(), "empty document"),
            (
                "nbsp.txt",
                "\u{A0}\u{2003}".as_bytes().to_vec(),
                "empty document",
            ),
            ("blank.jsonl", b"\n\n".to_vec(), "empty document"),
            ("nul.jsonl", b"{\"text\":\"a\0\"}".to_vec(), "binary file"),
        ];
        for (name, bytes, want) in cases {
            let path = write(dir.path(), name, bytes);
            let reason = unreadable_reason(&only(read_file(&path)));
            assert!(reason.starts_with(want), "{name}: {reason}");
        }
        // Tabs, form feeds and line ends are not control characters that make text binary.
        let path = write(dir.path(), "ok.txt", b"a\tb\x0Cc\r\nd\n");
        assert!(only(read_file(&path)).is_ok());
        // Exactly 10% (ANSI colour codes, say) is still text.
        let mut ten = vec![b'a'; 90];
        ten.extend([0x1Bu8; 10]);
        let path = write(dir.path(), "ten.txt", &ten);
        assert!(only(read_file(&path)).is_ok());
    }

    #[test]
    fn missing_path_is_an_io_error() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope.txt");
        assert!(matches!(
            only(read_file(&missing)),
            Err(Error::Io { path, .. }) if path == missing
        ));
        let items: Vec<_> = read_inputs(std::slice::from_ref(&missing)).collect();
        assert!(matches!(&items[..], [Err(Error::Io { path, .. })] if *path == missing));
    }

    #[test]
    fn errors_do_not_stop_the_iteration() {
        let dir = tempfile::tempdir().unwrap();
        let a = write(dir.path(), "a.txt", b"First.");
        let bin = write(dir.path(), "b.txt", b"\0\0\0");
        let c = write(
            dir.path(),
            "c.jsonl",
            b"{\"text\":\"one\"}\n{\"text\": oops}\n{\"text\":\"three\"}\n",
        );
        let inputs = vec![a, dir.path().join("missing"), bin, c.clone()];
        let items: Vec<_> = read_inputs(&inputs).collect();
        assert_eq!(items.len(), 6, "{items:?}");
        assert_eq!(items[0].as_ref().unwrap().text, "First.");
        assert!(matches!(items[1], Err(Error::Io { .. })));
        assert!(unreadable_reason(&items[2]).starts_with("binary file"));
        assert_eq!(items[3].as_ref().unwrap().text, "one");
        match &items[4] {
            Err(Error::Unreadable { path, reason }) => {
                assert_eq!(*path, format!("{}:2", c.display()));
                assert!(reason.starts_with("invalid JSON"), "{reason}");
            }
            other => panic!("expected an error for line 2, got {other:?}"),
        }
        assert_eq!(items[5].as_ref().unwrap().text, "three");
        assert_eq!(
            items[5].as_ref().unwrap().source,
            format!("{}:3", c.display())
        );
    }

    #[test]
    fn folders_are_walked_in_name_order_with_known_extensions_only() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for rel in [
            "b.txt",
            "a.md",
            "Z.TXT",
            "sub/c.html",
            "sub/deeper/e.htm",
            "sub/d.markdown",
            "x.pdf",
            "notes",
            "data.json",
            ".hidden.txt",
            ".git/f.txt",
        ] {
            write(root, rel, format!("Text of {rel}.").as_bytes());
        }
        write(root, "y.jsonl", b"{\"text\":\"j\"}\n");
        let names = |items: Vec<Result<Document>>| -> Vec<String> {
            items.into_iter().map(|d| d.unwrap().name).collect()
        };
        let want = [
            "Z.TXT",
            "a.md",
            "b.txt",
            "c.html",
            "d.markdown",
            "e.htm",
            "y.jsonl:1",
        ];
        let first = names(read_inputs(&[root.to_path_buf()]).collect());
        assert_eq!(first, want);
        assert_eq!(names(read_inputs(&[root.to_path_buf()]).collect()), first);
        // Explicit files keep the order given, and any extension is read as text.
        let explicit = names(read_inputs(&[root.join("notes"), root.join("a.md")]).collect());
        assert_eq!(explicit, ["notes", "a.md"]);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_error_items() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("news");
        write(&root, "a.txt", b"Alpha.");
        write(&root, "sub/b.txt", b"Beta.");
        symlink(&root, root.join("sub/loop")).unwrap();
        symlink(root.join("self.txt"), root.join("self.txt")).unwrap();
        // A symlink to a file is followed.
        symlink(root.join("a.txt"), root.join("link.txt")).unwrap();
        // Dangling links are errors only where a readable file was expected.
        symlink(root.join("gone"), root.join(".#a.txt")).unwrap();
        symlink(root.join("gone"), root.join("gone.pdf")).unwrap();
        symlink(root.join("gone"), root.join("dangling.md")).unwrap();

        let items: Vec<_> = read_inputs(std::slice::from_ref(&root)).collect();
        let texts: Vec<&str> = items
            .iter()
            .filter_map(|d| d.as_ref().ok())
            .map(|d| d.text.as_str())
            .collect();
        assert_eq!(texts, ["Alpha.", "Alpha.", "Beta."]);
        let errors: Vec<String> = items
            .iter()
            .filter_map(|d| d.as_ref().err())
            .map(|e| e.to_string())
            .collect();
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(errors[0].contains("dangling.md"), "{errors:?}");
        assert!(errors[1].contains("self.txt"), "{errors:?}");
        assert!(errors[2].contains("loop"), "{errors:?}");

        let direct = read_file(&root.join("self.txt"));
        assert!(matches!(&direct[..], [Err(Error::Io { .. })]));
    }

    #[test]
    fn stdin_format_is_sniffed() {
        let cases: &[(&str, Format)] = &[
            ("{\"text\":\"a\"}\n\n  {\"text\":\"b\"}\n", Format::Jsonl),
            ("\u{FEFF}{\"text\":\"a\"}", Format::Jsonl),
            ("{\"text\":\"a\"}\nplain line\n", Format::Text),
            ("Plain text.", Format::Text),
            ("", Format::Text),
            ("  <!DOCTYPE html><p>x", Format::Html),
            ("<HTML><body>x", Format::Html),
            ("<p>fragment", Format::Text),
        ];
        for (input, want) in cases {
            assert_eq!(sniff_format(input.as_bytes()), *want, "input {input:?}");
        }
        let origin = Origin {
            source: "-".into(),
            name: "stdin".into(),
        };
        let docs: Vec<_> =
            from_bytes(origin, b"{\"text\":\"a\"}".to_vec(), Format::Jsonl).collect();
        let doc = only(docs).unwrap();
        assert_eq!((doc.name.as_str(), doc.source.as_str()), ("stdin:1", "-:1"));
    }

    #[test]
    fn large_one_line_files() {
        // About 50 MB on one line, in every format: must be read in linear time.
        let dir = tempfile::tempdir().unwrap();
        let sentence = "Putin met Trump in Helsinki.";
        let line = format!("{sentence} ").repeat(50 * 1024 * 1024 / 29);
        let line = line.trim_end();
        let check = |name: &str, contents: String, want_text: &str, want_docs: usize| {
            let path = write(dir.path(), name, contents.as_bytes());
            let docs = read_file(&path);
            assert_eq!(docs.len(), want_docs, "{name}");
            let text = &docs[0].as_ref().unwrap().text;
            // Not assert_eq: a failure would print 50 MB.
            assert!(
                text == want_text,
                "{name}: text of {} bytes differs",
                text.len()
            );
        };
        check("big.txt", line.to_string(), line, 1);
        check(
            "big.jsonl",
            format!("{{\"text\":\"{line}\"}}\n{{\"text\":\"after\"}}\n"),
            line,
            2,
        );
        check("big.html", format!("<p>{line}"), line, 1);
        check("big.md", format!("*{line}*"), line, 1);
    }

    #[test]
    fn random_markup_never_panics() {
        // Deterministic xorshift: syntax-heavy strings, including multi-byte characters next to
        // delimiters, through every format.
        const PIECES: &[&str] = &[
            "<",
            ">",
            "</",
            "<p>",
            "<title>",
            "</title>",
            "<script>",
            "</script",
            "<!--",
            "-->",
            "<meta name=date content=",
            "'",
            "\"",
            "=",
            "&",
            "&amp;",
            "&#",
            "&#x",
            ";",
            "#",
            "*",
            "_",
            "`",
            "```",
            "[",
            "]",
            "(",
            ")",
            "!",
            "\\",
            "---",
            "\n",
            "\r",
            " ",
            "\t",
            "é",
            "€",
            "\u{FEFF}",
            "a",
            "Putin",
            "16.07.18",
            "2018-07-16",
            "{",
            "}",
            ":",
            ",",
            "\"text\"",
            "> ",
            "- ",
            "=",
            "<http://",
            "\u{A0}",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..3000 {
            let len = (next() % 40) as usize;
            let input: String = (0..len)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            for format in [Format::Text, Format::Markdown, Format::Html, Format::Jsonl] {
                for doc in read_str("fuzz", &input, format).into_iter().flatten() {
                    assert!(!doc.text.trim().is_empty(), "{format:?} {input:?}");
                    assert!(!doc.text.contains('\r'), "{format:?} {input:?}");
                }
            }
        }
    }
}
