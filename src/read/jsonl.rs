//! JSON Lines: one object per line with a `text` and optional `id`, `title`, `date`, `url`.
//! Read line by line; a bad line is an error item and the lines after it are still read.
//! A `title` is the article's headline: the text read starts with it (a paragraph of its own)
//! unless the text already does, since headlines name who did what ("Nigeria, Britain to
//! reschedule debt").

use std::io::BufRead;
use std::path::PathBuf;

use serde_json::{Map, Value};

use super::date::normalize_date;
use super::{decode, is_blank, Origin};
use crate::{Document, Error, Result};

/// Streams the records of one JSONL input.
pub(super) struct JsonlRecords<R> {
    reader: R,
    origin: Origin,
    line: usize,
    buf: Vec<u8>,
    seen_record: bool,
    done: bool,
    max_line_bytes: usize,
}

impl<R: BufRead> JsonlRecords<R> {
    /// Records of `reader`, named after `origin`.
    pub(super) fn new(reader: R, origin: Origin) -> Self {
        JsonlRecords {
            reader,
            origin,
            line: 0,
            buf: Vec::new(),
            seen_record: false,
            done: false,
            max_line_bytes: usize::MAX,
        }
    }

    /// Lines longer than this are skipped (as "too large") without being held in memory.
    pub(super) fn max_line_bytes(mut self, max: usize) -> Self {
        self.max_line_bytes = max;
        self
    }

    /// Reads one line into `buf` (its newline included), keeping at most `max_line_bytes`:
    /// the rest of a longer line is read and dropped. Returns the line's full length.
    fn read_line(&mut self) -> std::io::Result<usize> {
        let mut total = 0;
        loop {
            let chunk = match self.reader.fill_buf() {
                Ok(c) => c,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if chunk.is_empty() {
                return Ok(total);
            }
            let (part, done) = match chunk.iter().position(|&b| b == b'\n') {
                Some(i) => (&chunk[..=i], true),
                None => (chunk, false),
            };
            let room = self.max_line_bytes.saturating_sub(self.buf.len());
            self.buf.extend_from_slice(&part[..part.len().min(room)]);
            let n = part.len();
            total += n;
            self.reader.consume(n);
            if done {
                return Ok(total);
            }
        }
    }
}

impl<R: BufRead> Iterator for JsonlRecords<R> {
    type Item = Result<Document>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.buf.clear();
            match self.read_line() {
                Ok(0) => {
                    self.done = true;
                    if !self.seen_record {
                        return Some(Err(Error::Unreadable {
                            path: self.origin.source.clone(),
                            reason: "empty document".into(),
                        }));
                    }
                }
                Ok(n) => {
                    self.line += 1;
                    if n > self.max_line_bytes {
                        self.seen_record = true;
                        return Some(Err(super::too_large(
                            &format!("{}:{}", self.origin.source, self.line),
                            n as u64,
                        )));
                    }
                    if is_blank(&self.buf) {
                        continue;
                    }
                    self.seen_record = true;
                    return Some(self.record());
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(Error::Io {
                        path: PathBuf::from(&self.origin.source),
                        source: e,
                    }));
                }
            }
        }
        None
    }
}

impl<R> JsonlRecords<R> {
    /// Turns the line in `buf` into a document.
    fn record(&self) -> Result<Document> {
        let at = format!("{}:{}", self.origin.source, self.line);
        let unreadable = |reason: String| Error::Unreadable {
            path: at.clone(),
            reason,
        };
        let (line, mut warnings) = decode(&self.buf, &at);
        let value: Value = serde_json::from_str(line.trim())
            .map_err(|e| unreadable(format!("invalid JSON: {e}")))?;
        let Value::Object(obj) = value else {
            return Err(unreadable("not a JSON object".into()));
        };
        let text = match obj.get("text") {
            Some(Value::String(t)) => super::normalize_newlines(t),
            Some(_) => return Err(unreadable("\"text\" is not a string".into())),
            None => return Err(unreadable("no \"text\" field".into())),
        };
        if text.trim().is_empty() {
            return Err(unreadable("empty document".into()));
        }
        let name = match obj.get("id") {
            Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
            Some(Value::Number(n)) => n.to_string(),
            _ => format!("{}:{}", self.origin.name, self.line),
        };
        let date = match string_field(&obj, "date") {
            Some(d) => {
                let iso = normalize_date(d);
                if iso.is_none() {
                    warnings.push(format!(
                        "{at}: date {d:?} is not a date kg can read; ignored"
                    ));
                }
                iso
            }
            None => None,
        };
        let title = string_field(&obj, "title").map(str::to_string);
        let text = match &title {
            Some(t) if !text.trim_start().starts_with(t.as_str()) => format!("{t}\n\n{text}"),
            _ => text,
        };
        Ok(Document {
            name,
            source: at.clone(),
            title,
            date,
            url: string_field(&obj, "url").map(str::to_string),
            text,
            warnings,
        })
    }
}

/// A non-blank string field, trimmed.
fn string_field<'a>(obj: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    obj.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(input: &str) -> Vec<Result<Document>> {
        let origin = Origin {
            source: "in/news.jsonl".into(),
            name: "news.jsonl".into(),
        };
        JsonlRecords::new(input.as_bytes(), origin).collect()
    }

    #[test]
    fn a_line_over_the_limit_is_skipped_unread() {
        let long = format!(r#"{{"id":"b","text":"{}"}}"#, "x".repeat(200));
        let input = format!(
            "{}\n{long}\n{}",
            r#"{"id":"a","text":"A"}"#, r#"{"id":"c","text":"C"}"#
        );
        let origin = Origin {
            source: "in/news.jsonl".into(),
            name: "news.jsonl".into(),
        };
        // (limit, the outcome of each line: Ok(name) or Err(start of the message))
        for (limit, expected) in [
            (usize::MAX, vec![Ok("a"), Ok("b"), Ok("c")]),
            (
                100,
                vec![Ok("a"), Err("skipped in/news.jsonl:2: too large"), Ok("c")],
            ),
        ] {
            let got: Vec<Result<String, String>> =
                JsonlRecords::new(input.as_bytes(), origin.clone())
                    .max_line_bytes(limit)
                    .map(|r| r.map(|d| d.name).map_err(|e| e.to_string()))
                    .collect();
            assert_eq!(got.len(), expected.len(), "{got:?}");
            for (g, e) in got.iter().zip(&expected) {
                match (g, e) {
                    (Ok(n), Ok(w)) => assert_eq!(n, w),
                    (Err(m), Err(w)) => assert!(m.starts_with(w), "{m}"),
                    _ => panic!("{limit}: {got:?}"),
                }
            }
        }
    }

    #[test]
    fn title_is_read_once_as_the_headline() {
        let docs = records(concat!(
            r#"{"title":"PUTIN MEETS TRUMP","text":"HELSINKI - The two met."}"#,
            "\n",
            r#"{"title":"Summit","text":"Summit\n\nThe two met."}"#,
        ));
        assert_eq!(
            docs[0].as_ref().unwrap().text,
            "PUTIN MEETS TRUMP\n\nHELSINKI - The two met."
        );
        assert_eq!(docs[1].as_ref().unwrap().text, "Summit\n\nThe two met.");
    }

    #[test]
    fn fields() {
        let docs = records(concat!(
            r#"{"id":"a1","title":" T ","date":"2018-07-16T10:00:00Z","url":"http://x","text":"Hello\r\nworld"}"#,
            "\n",
            r#"{"id":42,"text":"Numbered"}"#,
            "\n\n   \n",
            r#"{"text":"No id","date":"July 16, 2018"}"#,
        ));
        assert_eq!(docs.len(), 3);
        let a = docs[0].as_ref().unwrap();
        assert_eq!(a.name, "a1");
        assert_eq!(a.source, "in/news.jsonl:1");
        assert_eq!(a.title.as_deref(), Some("T"));
        assert_eq!(a.date.as_deref(), Some("2018-07-16"));
        assert_eq!(a.url.as_deref(), Some("http://x"));
        assert_eq!(a.text, "T\n\nHello\nworld");
        assert_eq!(docs[1].as_ref().unwrap().name, "42");
        let c = docs[2].as_ref().unwrap();
        assert_eq!(c.name, "news.jsonl:5");
        assert_eq!(c.source, "in/news.jsonl:5");
        assert_eq!(c.date.as_deref(), Some("2018-07-16"));
    }

    #[test]
    fn bad_lines_are_errors_and_reading_goes_on() {
        let input = concat!(
            "{\"text\":\"one\"}\n",
            "{not json\n",
            "[1,2]\n",
            "{\"title\":\"no text\"}\n",
            "{\"text\":5}\n",
            "{\"text\":\"  \"}\n",
            "{\"text\":\"last\",\"date\":\"soon\"}\n",
        );
        let docs = records(input);
        assert_eq!(docs.len(), 7);
        let reasons: Vec<String> = docs[1..6]
            .iter()
            .map(|d| match d {
                Err(Error::Unreadable { path, reason }) => format!("{path} {reason}"),
                other => panic!("expected an error, got {other:?}"),
            })
            .collect();
        assert!(
            reasons[0].starts_with("in/news.jsonl:2 invalid JSON"),
            "{}",
            reasons[0]
        );
        assert_eq!(reasons[1], "in/news.jsonl:3 not a JSON object");
        assert_eq!(reasons[2], "in/news.jsonl:4 no \"text\" field");
        assert_eq!(reasons[3], "in/news.jsonl:5 \"text\" is not a string");
        assert_eq!(reasons[4], "in/news.jsonl:6 empty document");
        let last = docs[6].as_ref().unwrap();
        assert_eq!(last.text, "last");
        assert_eq!(last.date, None);
        assert!(last.warnings[0].contains("\"soon\""), "{:?}", last.warnings);
    }

    #[test]
    fn invalid_utf8_and_bom() {
        let mut input = b"\xEF\xBB\xBF{\"text\":\"ok\"}\n{\"text\":\"bad ".to_vec();
        input.extend_from_slice(b"\xFF\xFE byte\"}\n");
        let origin = Origin {
            source: "x.jsonl".into(),
            name: "x.jsonl".into(),
        };
        let docs: Vec<_> = JsonlRecords::new(&input[..], origin).collect();
        assert_eq!(docs[0].as_ref().unwrap().text, "ok");
        let bad = docs[1].as_ref().unwrap();
        assert!(bad.text.contains('\u{FFFD}'));
        assert_eq!(bad.warnings.len(), 1);
        assert!(
            bad.warnings[0].starts_with("x.jsonl:2"),
            "{:?}",
            bad.warnings
        );
        assert!(bad.warnings[0].contains("2 bytes"), "{:?}", bad.warnings);
    }

    #[test]
    fn only_blank_lines_is_empty() {
        let docs = records("\n  \n");
        assert!(
            matches!(&docs[..], [Err(Error::Unreadable { reason, .. })] if reason == "empty document")
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let line = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let docs = records(&line);
        assert!(matches!(&docs[..], [Err(Error::Unreadable { .. })]));
    }
}
