//! Markdown: the text with its syntax removed, and the title and date from front matter or
//! headings. Works line by line with no recursion, so any input is read in linear time.

use std::collections::{HashMap, HashSet};

use super::date::normalize_date;

/// A Markdown document reduced to plain text.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Markdown {
    /// The text without Markdown syntax.
    pub text: String,
    /// Front matter `title:`, else the first level-one heading.
    pub title: Option<String>,
    /// Front matter `date:`, normalised (when it is a date).
    pub date: Option<String>,
    /// Front matter `date:` as written, when it could not be read as a date.
    pub bad_date: Option<String>,
}

/// Removes the Markdown syntax from `text` (newlines already normalised to `\n`).
pub(super) fn strip(text: &str) -> Markdown {
    let mut md = Markdown::default();
    let mut heading: Option<String> = None;
    let mut lines: Vec<&str> = text.split('\n').collect();
    let body_start = front_matter(&lines, &mut md);
    lines.drain(..body_start);

    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut fence: Option<(u8, usize)> = None;
    for line in lines {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if let Some((ch, len)) = fence {
            if indent < 4 && fence_run(trimmed).is_some_and(|(c, l)| c == ch && l >= len) {
                fence = None;
            } else {
                out.push(line.to_string());
            }
            continue;
        }
        if indent < 4 {
            if let Some(run) = fence_run(trimmed) {
                fence = Some(run);
                continue;
            }
        }
        let line = strip_block_prefixes(line);
        let trimmed = line.trim();
        if is_reference_definition(trimmed) {
            continue;
        }
        if let Some(ch) = underline(trimmed) {
            // A setext underline under a paragraph line makes that line a heading.
            let above = out.last().map(|l| l.trim()).unwrap_or("");
            if ch == b'=' && !above.is_empty() && heading.is_none() {
                heading = Some(above.to_string());
            }
            out.push(String::new());
            continue;
        }
        if let Some((level, content)) = atx_heading(trimmed) {
            let content = strip_inline(content);
            if level == 1 && heading.is_none() && !content.trim().is_empty() {
                heading = Some(content.trim().to_string());
            }
            out.push(content);
            continue;
        }
        out.push(strip_inline(line));
    }
    md.text = out.join("\n");
    if md.title.is_none() {
        md.title = heading;
    }
    md
}

/// Reads a `---` YAML block at the very top for `title:` and `date:`; returns the index of
/// the first line after it (0 when there is none).
fn front_matter(lines: &[&str], md: &mut Markdown) -> usize {
    if lines.first().map(|l| l.trim_end()) != Some("---") {
        return 0;
    }
    let Some(end) = lines
        .iter()
        .skip(1)
        .position(|l| matches!(l.trim_end(), "---" | "..."))
    else {
        return 0;
    };
    for line in &lines[1..=end] {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = unquote(value.trim());
        if value.is_empty() {
            continue;
        }
        match key.trim().to_ascii_lowercase().as_str() {
            "title" if md.title.is_none() => md.title = Some(value.to_string()),
            "date" if md.date.is_none() && md.bad_date.is_none() => match normalize_date(value) {
                Some(d) => md.date = Some(d),
                None => md.bad_date = Some(value.to_string()),
            },
            _ => {}
        }
    }
    end + 2
}

fn unquote(v: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|v| v.strip_suffix(q)) {
            return inner;
        }
    }
    v
}

/// A code fence: three or more backticks or tildes.
fn fence_run(trimmed: &str) -> Option<(u8, usize)> {
    let ch = *trimmed.as_bytes().first()?;
    if ch != b'`' && ch != b'~' {
        return None;
    }
    let len = trimmed.bytes().take_while(|&b| b == ch).count();
    (len >= 3).then_some((ch, len))
}

/// Removes blockquote markers and bullet-list markers at the start of a line.
fn strip_block_prefixes(line: &str) -> &str {
    let mut rest = line;
    loop {
        let t = rest.trim_start();
        if let Some(after) = t.strip_prefix('>') {
            rest = after.strip_prefix(' ').unwrap_or(after);
            continue;
        }
        for bullet in ["- ", "* ", "+ "] {
            if let Some(after) = t.strip_prefix(bullet) {
                // "* * *" is a thematic break, not a bullet.
                if underline(t.trim_end()).is_none() {
                    return after.trim_start();
                }
            }
        }
        return rest;
    }
}

/// `[label]: url` lines, which show nothing.
fn is_reference_definition(trimmed: &str) -> bool {
    trimmed.starts_with('[')
        && !trimmed.starts_with("[^")
        && trimmed
            .find("]:")
            .is_some_and(|i| !trimmed[1..i].contains(']') && i > 1)
}

/// A line that is only `===`, `---`, `***` or `___` (thematic break or setext underline).
fn underline(trimmed: &str) -> Option<u8> {
    let ch = *trimmed.as_bytes().first()?;
    if !matches!(ch, b'=' | b'-' | b'*' | b'_') {
        return None;
    }
    let mut count = 0;
    for b in trimmed.bytes() {
        match b {
            b' ' | b'\t' if ch != b'=' => {}
            b if b == ch => count += 1,
            _ => return None,
        }
    }
    (count >= 3 || (ch == b'=' && count >= 1)).then_some(ch)
}

/// `## Heading ##` → (2, "Heading").
fn atx_heading(trimmed: &str) -> Option<(usize, &str)> {
    let level = trimmed.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = &trimmed[level..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    let rest = rest.trim();
    let closed = rest.trim_end_matches('#');
    let content = if closed.is_empty() || closed.ends_with([' ', '\t']) {
        closed.trim_end()
    } else {
        rest
    };
    Some((level, content))
}

/// Removes inline syntax from one line: code spans keep their content, images go, links keep
/// their text, emphasis markers around words go, backslash escapes are resolved.
fn strip_inline(line: &str) -> String {
    let b = line.as_bytes();
    let brackets = match_pairs(b, b'[', b']');
    let parens = match_pairs(b, b'(', b')');
    // Where a link's text ends: jump from its `]` past the destination.
    let mut jumps: HashMap<usize, usize> = HashMap::new();
    let mut failed_ticks: HashSet<usize> = HashSet::new();
    let mut out = String::with_capacity(line.len());
    // Byte ranges of `out` that are literal (code, escapes): emphasis is not looked for there.
    let mut literal: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    let mut plain = 0;
    while i < b.len() {
        let flush = |out: &mut String, plain: usize, i: usize| out.push_str(&line[plain..i]);
        match b[i] {
            b'\\' if b.get(i + 1).is_some_and(|c| c.is_ascii_punctuation()) => {
                flush(&mut out, plain, i);
                literal.push((out.len(), out.len() + 1));
                out.push(b[i + 1] as char);
                i += 2;
                plain = i;
            }
            b'`' => {
                let run = b[i..].iter().take_while(|&&c| c == b'`').count();
                let close = if failed_ticks.contains(&run) {
                    None
                } else {
                    find_tick_run(b, i + run, run)
                };
                match close {
                    Some(j) => {
                        flush(&mut out, plain, i);
                        let code = &line[i + run..j];
                        let code = match code.strip_prefix(' ').and_then(|c| c.strip_suffix(' ')) {
                            Some(inner) if !inner.trim().is_empty() => inner,
                            _ => code,
                        };
                        literal.push((out.len(), out.len() + code.len()));
                        out.push_str(code);
                        i = j + run;
                        plain = i;
                    }
                    None => {
                        failed_ticks.insert(run);
                        i += run;
                    }
                }
            }
            b'!' if b.get(i + 1) == Some(&b'[') => match link_end(b, i + 1, &brackets, &parens) {
                Some((_, end)) => {
                    flush(&mut out, plain, i);
                    i = end;
                    plain = i;
                }
                None => i += 1,
            },
            b'[' => match link_end(b, i, &brackets, &parens) {
                Some((close, end)) => {
                    flush(&mut out, plain, i);
                    jumps.insert(close, end);
                    i += 1;
                    plain = i;
                }
                None => i += 1,
            },
            b']' if jumps.contains_key(&i) => {
                flush(&mut out, plain, i);
                i = jumps[&i];
                plain = i;
            }
            b'<' => match autolink(&line[i..]) {
                Some((url, len)) => {
                    flush(&mut out, plain, i);
                    literal.push((out.len(), out.len() + url.len()));
                    out.push_str(url);
                    i += len;
                    plain = i;
                }
                None => i += 1,
            },
            _ => i += 1,
        }
    }
    out.push_str(&line[plain..]);
    strip_emphasis(&out, &literal)
}

/// Matches brackets with a stack, in one pass; escaped brackets do not count.
fn match_pairs(b: &[u8], open: u8, close: u8) -> HashMap<usize, usize> {
    let mut pairs = HashMap::new();
    let mut stack = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            c if c == open => stack.push(i),
            c if c == close => {
                if let Some(o) = stack.pop() {
                    pairs.insert(o, i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    pairs
}

/// The first run of exactly `len` backticks at or after `from`.
fn find_tick_run(b: &[u8], from: usize, len: usize) -> Option<usize> {
    let mut j = from;
    while j < b.len() {
        if b[j] == b'`' {
            let run = b[j..].iter().take_while(|&&c| c == b'`').count();
            if run == len {
                return Some(j);
            }
            j += run;
        } else {
            j += 1;
        }
    }
    None
}

/// For `[text](url)` or `[text][ref]` starting at `open`: the position of the `]` and of the
/// first byte after the whole link.
fn link_end(
    b: &[u8],
    open: usize,
    brackets: &HashMap<usize, usize>,
    parens: &HashMap<usize, usize>,
) -> Option<(usize, usize)> {
    let close = *brackets.get(&open)?;
    match b.get(close + 1) {
        Some(b'(') => parens.get(&(close + 1)).map(|&p| (close, p + 1)),
        Some(b'[') => brackets.get(&(close + 1)).map(|&p| (close, p + 1)),
        _ => None,
    }
}

/// `<https://example.org>` → the URL and the length of the whole autolink.
fn autolink(s: &str) -> Option<(&str, usize)> {
    let inner = &s[1..];
    let end = inner.find(['>', ' ', '<'])?;
    if inner.as_bytes()[end] != b'>' {
        return None;
    }
    let url = &inner[..end];
    let scheme = ["http://", "https://", "mailto:"].iter().any(|p| {
        url.len() > p.len()
            && url
                .get(..p.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(p))
    });
    scheme.then_some((url, end + 2))
}

/// Removes matched `*`/`_` runs that open and close emphasis (CommonMark flanking rules, so
/// `snake_case` and `2 * 3` stay).
fn strip_emphasis(s: &str, literal: &[(usize, usize)]) -> String {
    struct Run {
        start: usize,
        end: usize,
        ch: u8,
        removed: bool,
    }
    let b = s.as_bytes();
    let mut runs: Vec<Run> = Vec::new();
    let mut stacks: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
    let mut lit = literal.iter().peekable();
    let mut i = 0;
    while i < b.len() {
        while lit.peek().is_some_and(|&&(_, end)| end <= i) {
            lit.next();
        }
        if lit.peek().is_some_and(|&&(start, _)| start <= i) {
            i += 1;
            continue;
        }
        let ch = b[i];
        if ch != b'*' && ch != b'_' {
            i += 1;
            continue;
        }
        let mut end = i;
        while end < b.len() && b[end] == ch && lit.peek().is_none_or(|&&(s, _)| s != end) {
            end += 1;
        }
        let before = s[..i].chars().next_back();
        let after = s[end..].chars().next();
        let left = after.is_some_and(|a| !a.is_whitespace())
            && (!after.is_some_and(is_punct) || space_or_punct(before));
        let right = before.is_some_and(|c| !c.is_whitespace())
            && (!before.is_some_and(is_punct) || space_or_punct(after));
        let (can_open, can_close) = if ch == b'*' {
            (left, right)
        } else {
            (
                left && (!right || before.is_some_and(is_punct)),
                right && (!left || after.is_some_and(is_punct)),
            )
        };
        let stack = &mut stacks[usize::from(ch == b'_')];
        let k = runs.len();
        runs.push(Run {
            start: i,
            end,
            ch,
            removed: false,
        });
        if can_close {
            if let Some(o) = stack.pop() {
                runs[o].removed = true;
                runs[k].removed = true;
                i = end;
                continue;
            }
        }
        if can_open {
            stack.push(k);
        }
        i = end;
    }
    let mut out = String::with_capacity(s.len());
    let mut from = 0;
    for run in runs.iter().filter(|r| r.removed) {
        debug_assert!(run.ch == b'*' || run.ch == b'_');
        out.push_str(&s[from..run.start]);
        from = run.end;
    }
    out.push_str(&s[from..]);
    out
}

/// Start or end of line, white space or punctuation.
fn space_or_punct(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => c.is_whitespace() || is_punct(c),
    }
}

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation() || (!c.is_alphanumeric() && !c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_syntax() {
        let cases: &[(&str, &str)] = &[
            ("**Putin** met *Trump*", "Putin met Trump"),
            ("__bold__ and _italic_", "bold and italic"),
            ("***both***", "both"),
            ("snake_case_name stays", "snake_case_name stays"),
            ("2 * 3 * 4", "2 * 3 * 4"),
            ("a lone * star", "a lone * star"),
            ("an *unclosed emphasis", "an *unclosed emphasis"),
            ("see `code *here*` now", "see code *here* now"),
            ("`` a ` b ``", "a ` b"),
            ("unmatched ` tick", "unmatched ` tick"),
            ("[Reuters](https://reuters.com) reports", "Reuters reports"),
            ("[**bold** link](u)", "bold link"),
            ("[a [nested](x) link](y)", "a nested link"),
            ("![a photo](img.png)Caption", "Caption"),
            ("[ref link][1] here", "ref link here"),
            ("[just brackets] stay", "[just brackets] stay"),
            ("call (maybe) [x]", "call (maybe) [x]"),
            ("\\*not emphasis\\*", "*not emphasis*"),
            ("<https://example.org> site", "https://example.org site"),
            ("a < b > c", "a < b > c"),
            ("", ""),
            ("[[[[", "[[[["),
            ("]]((", "]](("),
        ];
        for (input, want) in cases {
            assert_eq!(strip_inline(input), *want, "input {input:?}");
        }
    }

    #[test]
    fn block_syntax_and_title() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            (
                "# Title\n\nBody **text**.",
                "Title\n\nBody text.",
                Some("Title"),
            ),
            ("## Sub ##\n\n# Main", "Sub\n\nMain", Some("Main")),
            (
                "#hashtag is not a heading",
                "#hashtag is not a heading",
                None,
            ),
            ("Title\n=====\n\nBody", "Title\n\n\nBody", Some("Title")),
            ("> quoted *line*\n> > deeper", "quoted line\ndeeper", None),
            (
                "- one\n* two\n+ three\n1. four",
                "one\ntwo\nthree\n1. four",
                None,
            ),
            ("a\n\n---\n\nb", "a\n\n\n\nb", None),
            (
                "```rust\nlet *x* = 1;\n```\nafter",
                "let *x* = 1;\nafter",
                None,
            ),
            ("~~~\nunclosed fence *kept*", "unclosed fence *kept*", None),
            ("text [1]\n\n[1]: https://x.org", "text [1]\n", None),
        ];
        for (input, want_text, want_title) in cases {
            let md = strip(input);
            assert_eq!(md.text, *want_text, "input {input:?}");
            assert_eq!(md.title.as_deref(), *want_title, "input {input:?}");
        }
    }

    #[test]
    fn front_matter_gives_title_and_date() {
        let md = strip("---\ntitle: \"Talks in Helsinki\"\ndate: 2018-07-16T10:00:00Z\ntags: [a]\n---\n# Other\n\nBody.");
        assert_eq!(md.title.as_deref(), Some("Talks in Helsinki"));
        assert_eq!(md.date.as_deref(), Some("2018-07-16"));
        assert_eq!(md.text, "Other\n\nBody.");

        let md = strip("---\ndate: someday\n---\nBody.");
        assert_eq!(md.date, None);
        assert_eq!(md.bad_date.as_deref(), Some("someday"));

        // No closing line: not front matter, just a thematic break.
        let md = strip("---\ntitle: x\nBody.");
        assert_eq!(md.title, None);
        assert_eq!(md.text, "\ntitle: x\nBody.");
    }

    #[test]
    fn long_pathological_lines_are_linear() {
        for unit in [
            "[", "`", "*a", "_", "](", "\\", "![x](", "``` `", "<http://",
        ] {
            let line = unit.repeat(200_000);
            let start = std::time::Instant::now();
            let _ = strip(&line);
            assert!(start.elapsed().as_secs() < 10, "unit {unit:?} is too slow");
        }
    }
}
