//! HTML: the text outside tags, laid out in lines and paragraphs, plus `<title>` and the
//! publication date from `<meta>` or `<time>`. A single linear scan with no element stack,
//! so nesting depth, unclosed tags and truncated markup cost nothing special.

use std::borrow::Cow;

use super::date::normalize_date;

/// An HTML page reduced to plain text.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Html {
    /// The text: one line per block element, a blank line after paragraph-like blocks.
    pub text: String,
    /// The first `<title>`, white space collapsed.
    pub title: Option<String>,
    /// From `<meta>` (preferred) or the first `<time datetime>`.
    pub date: Option<String>,
}

/// Elements whose content is never text.
const SKIPPED: &[&str] = &["script", "style", "noscript", "template"];

/// Elements followed by a blank line.
const PARAGRAPHS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "title",
    "main",
    "aside",
    "nav",
    "figure",
    "figcaption",
    "ul",
    "ol",
    "dl",
    "table",
    "hr",
    "form",
    "address",
    "body",
];

/// Elements that start a new line.
const LINES: &[&str] = &["li", "tr", "td", "th", "dt", "dd", "caption", "option"];

/// `<meta name=...>` / `property` / `itemprop` values that carry the publication date.
const DATE_META: &[&str] = &[
    "date",
    "pubdate",
    "publishdate",
    "publish_date",
    "dc.date",
    "dc.date.issued",
    "article:published_time",
    "og:published_time",
    "datepublished",
];

/// Reads an HTML page.
pub(super) fn parse(src: &str) -> Html {
    let b = src.as_bytes();
    let mut html = Html::default();
    let mut time_date: Option<String> = None;
    let mut raw = String::with_capacity(src.len() / 2);
    let mut pre_depth = 0usize;
    let mut text_start = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let lt = i;
        let next = b.get(i + 1).copied();
        let closing = next == Some(b'/');
        let name_start = if closing { i + 2 } else { i + 1 };
        let starts_tag = b.get(name_start).is_some_and(u8::is_ascii_alphabetic);
        if !starts_tag && !matches!(next, Some(b'!' | b'?')) {
            // A `<` in text, as in "a < b".
            i += 1;
            continue;
        }
        push_text(&mut raw, &src[text_start..lt], pre_depth > 0);
        if !starts_tag {
            // Comment, doctype, CDATA or processing instruction.
            i = if b[lt..].starts_with(b"<!--") {
                find(b, lt + 4, b"-->").map_or(b.len(), |p| p + 3)
            } else {
                find(b, lt + 2, b">").map_or(b.len(), |p| p + 1)
            };
            text_start = i;
            continue;
        }
        let Some(tag) = scan_tag(src, name_start) else {
            // Truncated inside a tag: nothing after it is text.
            text_start = b.len();
            break;
        };
        i = tag.end;
        let name = tag.name.as_str();
        if !closing && SKIPPED.contains(&name) {
            i = after_close_tag(b, i, name).map_or(b.len(), |(_, after)| after);
        } else if !closing && name == "title" {
            let (content_end, after) = after_close_tag(b, i, name).unwrap_or((b.len(), b.len()));
            if html.title.is_none() {
                let title = collapse_spaces(&decode_entities(&src[i..content_end]));
                html.title = (!title.is_empty()).then_some(title);
            }
            i = after;
        } else if !closing && name == "meta" && html.date.is_none() {
            let key = ["name", "property", "itemprop"]
                .iter()
                .find_map(|k| tag.attr(k))
                .map(str::to_ascii_lowercase);
            if key.is_some_and(|k| DATE_META.contains(&k.as_str())) {
                html.date = tag.attr("content").and_then(normalize_date);
            }
        } else if !closing && name == "time" && time_date.is_none() {
            time_date = tag.attr("datetime").and_then(normalize_date);
        }
        if name == "br" {
            raw.push('\n');
        } else if PARAGRAPHS.contains(&name) {
            ensure_newlines(&mut raw, 2);
        } else if LINES.contains(&name) {
            ensure_newlines(&mut raw, 1);
        }
        if name == "pre" {
            pre_depth = if closing {
                pre_depth.saturating_sub(1)
            } else {
                pre_depth + 1
            };
        }
        text_start = i;
    }
    if text_start < b.len() {
        push_text(&mut raw, &src[text_start..], pre_depth > 0);
    }
    html.text = layout(&raw);
    html.date = html.date.or(time_date);
    html
}

/// A start or end tag: its lower-cased name, attributes and the position after its `>`.
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
    end: usize,
}

impl Tag {
    /// An attribute's value, entities decoded.
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Reads a tag whose name starts at `start`; `None` when the input ends inside it.
fn scan_tag(src: &str, start: usize) -> Option<Tag> {
    let b = src.as_bytes();
    let mut i = start;
    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
        i += 1;
    }
    let name = src[start..i].to_ascii_lowercase();
    let keep_attrs = name == "meta" || name == "time";
    let mut attrs = Vec::new();
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        match b.get(i) {
            None => return None,
            Some(b'>') => {
                return Some(Tag {
                    name,
                    attrs,
                    end: i + 1,
                })
            }
            _ => {}
        }
        let key_start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let key_end = i;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = "";
        if b.get(i) == Some(&b'=') {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            match b.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let close = b[i + 1..].iter().position(|&c| c == q)? + i + 1;
                    value = &src[i + 1..close];
                    i = close + 1;
                }
                _ => {
                    let v = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    value = &src[v..i];
                }
            }
        } else if key_end == key_start {
            // A stray byte such as `=`: step over it.
            i += 1;
        }
        if keep_attrs && key_end > key_start {
            attrs.push((
                src[key_start..key_end].to_ascii_lowercase(),
                decode_entities(value).into_owned(),
            ));
        }
    }
}

/// Finds `</name` (any case) from `from`; returns where it starts and the position after its
/// `>`. The content of raw-text elements is skipped this way, without parsing it.
fn after_close_tag(b: &[u8], from: usize, name: &str) -> Option<(usize, usize)> {
    let n = name.len();
    let mut i = from;
    while let Some(p) = find(b, i, b"</") {
        let name_end = p + 2 + n;
        let matches_name = b
            .get(p + 2..name_end)
            .is_some_and(|s| s.eq_ignore_ascii_case(name.as_bytes()));
        let ends_name = match b.get(name_end) {
            None => true,
            Some(&c) => c.is_ascii_whitespace() || c == b'>' || c == b'/',
        };
        if matches_name && ends_name {
            let after = find(b, name_end, b">").map_or(b.len(), |q| q + 1);
            return Some((p, after));
        }
        i = p + 2;
    }
    None
}

fn find(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Appends a text run; outside `<pre>` its line breaks are just white space, as a browser
/// shows them.
fn push_text(raw: &mut String, text: &str, pre: bool) {
    if text.is_empty() {
        return;
    }
    let text = decode_entities(text);
    if pre {
        raw.push_str(&text);
    } else {
        // Collapsing here keeps white-space runs short for `ensure_newlines`.
        for c in text.chars() {
            if !c.is_whitespace() {
                raw.push(c);
            } else if !raw.ends_with(char::is_whitespace) {
                raw.push(' ');
            }
        }
    }
}

/// Ends the current line with at least `count` line breaks (white space in between allowed).
fn ensure_newlines(raw: &mut String, count: usize) {
    // Stops after `count` line breaks, so long runs of them cost nothing.
    let have = raw
        .chars()
        .rev()
        .take_while(|c| c.is_whitespace())
        .filter(|&c| c == '\n')
        .take(count)
        .count();
    for _ in have..count {
        raw.push('\n');
    }
}

/// Collapses spaces inside lines, trims lines, keeps at most one blank line in a row and
/// none at either end.
fn layout(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut blank_run = 0;
    for line in raw.split('\n') {
        let line = collapse_spaces(line);
        if line.is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        out.push_str(&line);
        blank_run = 0;
    }
    out
}

/// Every run of white space (no-break spaces included) becomes one space; ends trimmed.
fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Decodes named (common ones), decimal and hex character references; unknown ones stay.
pub(super) fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        // References are short: look for the `;` only nearby.
        let semi = after.bytes().take(32).position(|c| c == b';');
        let decoded = semi.and_then(|p| decode_reference(&after[..p]).map(|c| (c, p)));
        match decoded {
            Some((c, p)) => {
                out.push(c);
                rest = &after[p + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn decode_reference(r: &str) -> Option<char> {
    if let Some(num) = r.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) if !hex.is_empty() && hex.len() <= 8 => u32::from_str_radix(hex, 16).ok()?,
            None if !num.is_empty() && num.len() <= 10 => num.parse::<u32>().ok()?,
            _ => return None,
        };
        return Some(numeric_char(code));
    }
    named_entity(r)
}

/// A numeric reference; the 0x80-0x9F range means Windows-1252, as browsers read it.
fn numeric_char(code: u32) -> char {
    const CP1252: [u32; 32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ];
    let code = match code {
        0x80..=0x9F => CP1252[(code - 0x80) as usize],
        0 => 0xFFFD,
        c => c,
    };
    char::from_u32(code).unwrap_or('\u{FFFD}')
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{A0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "shy" => '\u{AD}',
        "mdash" => '—',
        "ndash" => '–',
        "minus" => '−',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "bull" => '•',
        "middot" => '·',
        "prime" => '′',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "sect" => '§',
        "para" => '¶',
        "times" => '×',
        "divide" => '÷',
        "plusmn" => '±',
        "frac12" => '½',
        "euro" => '€',
        "pound" => '£',
        "yen" => '¥',
        "cent" => '¢',
        "iexcl" => '¡',
        "iquest" => '¿',
        "aacute" => 'á',
        "Aacute" => 'Á',
        "agrave" => 'à',
        "Agrave" => 'À',
        "acirc" => 'â',
        "atilde" => 'ã',
        "auml" => 'ä',
        "Auml" => 'Ä',
        "aring" => 'å',
        "Aring" => 'Å',
        "aelig" => 'æ',
        "ccedil" => 'ç',
        "Ccedil" => 'Ç',
        "eacute" => 'é',
        "Eacute" => 'É',
        "egrave" => 'è',
        "Egrave" => 'È',
        "ecirc" => 'ê',
        "euml" => 'ë',
        "iacute" => 'í',
        "Iacute" => 'Í',
        "igrave" => 'ì',
        "icirc" => 'î',
        "iuml" => 'ï',
        "ntilde" => 'ñ',
        "Ntilde" => 'Ñ',
        "oacute" => 'ó',
        "Oacute" => 'Ó',
        "ograve" => 'ò',
        "ocirc" => 'ô',
        "otilde" => 'õ',
        "ouml" => 'ö',
        "Ouml" => 'Ö',
        "oslash" => 'ø',
        "Oslash" => 'Ø',
        "uacute" => 'ú',
        "Uacute" => 'Ú',
        "ugrave" => 'ù',
        "ucirc" => 'û',
        "uuml" => 'ü',
        "Uuml" => 'Ü',
        "yacute" => 'ý',
        "yuml" => 'ÿ',
        "szlig" => 'ß',
        "scaron" => 'š',
        "Scaron" => 'Š',
        "zcaron" => 'ž',
        "Zcaron" => 'Ž',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_layout() {
        let cases: &[(&str, &str)] = &[
            ("<p>One.</p><p>Two.</p>", "One.\n\nTwo."),
            ("<div>a</div>\n\n\n\n<div>b</div>", "a\n\nb"),
            (
                "<ul>\n <li>a</li>\n <li>b</li>\n</ul>after",
                "a\nb\n\nafter",
            ),
            ("line<br>break<br/><br />x", "line\nbreak\n\nx"),
            ("<h1>Head</h1>Body", "Head\n\nBody"),
            ("<p>spread\n   over    lines</p>", "spread over lines"),
            ("in<b>line</b> <i>tags</i>", "inline tags"),
            ("<table><tr><td>a</td><td>b</td></tr></table>", "a\nb"),
            ("<pre>keep\nlines</pre>", "keep\nlines"),
            ("  <P CLASS=x>Upper case</P >", "Upper case"),
        ];
        for (input, want) in cases {
            assert_eq!(parse(input).text, *want, "input {input:?}");
        }
    }

    #[test]
    fn skipped_content() {
        let cases: &[(&str, &str)] = &[
            ("a<script>if (x < 1) { y() }</script>b", "ab"),
            ("a<SCRIPT type=x>var s = '</scr' + 'ipt>';</SCRIPT >b", "ab"),
            ("a<style>p { color: red }</style>b", "ab"),
            ("a<noscript>enable js</noscript>b", "ab"),
            ("a<template><p>t</p></template>b", "ab"),
            ("a<!-- <p>hidden</p> -->b", "ab"),
            ("<!DOCTYPE html><?xml x?>text", "text"),
            ("a<script>never closed", "a"),
            ("a<!-- never closed", "a"),
        ];
        for (input, want) in cases {
            assert_eq!(parse(input).text, *want, "input {input:?}");
        }
    }

    #[test]
    fn broken_markup_survives() {
        let deep = format!("{}deep{}", "<div><span>".repeat(100_000), "</span>");
        let cases: &[(&str, &str)] = &[
            ("a < b and c > d", "a < b and c > d"),
            ("x <3 y", "x <3 y"),
            ("<p>unclosed <b>bold <i>italic", "unclosed bold italic"),
            ("text then <a href=\"trunc", "text then"),
            ("text then <p", "text then"),
            ("<a title='x>y'>link</a>", "link"),
            ("</>stray", "</>stray"),
            ("<", "<"),
            ("&", "&"),
            ("<p>a</p></p></div></span>b", "a\n\nb"),
            (&deep, "deep"),
        ];
        for (input, want) in cases {
            assert_eq!(
                parse(input).text,
                *want,
                "input {:?}",
                &input[..input.len().min(60)]
            );
        }
    }

    #[test]
    fn entities() {
        let cases: &[(&str, &str)] = &[
            ("Tom &amp; Jerry", "Tom & Jerry"),
            ("&lt;b&gt; &quot;q&quot; &apos;a&apos;", "<b> \"q\" 'a'"),
            ("a&nbsp;&nbsp; b", "a b"),
            (
                "&mdash;&ndash;&hellip;&lsquo;&rsquo;&ldquo;&rdquo;",
                "—–…‘’“”",
            ),
            ("Cr&eacute;mieux &Eacute;lys&eacute;e", "Crémieux Élysée"),
            ("&#233;&#xE9;&#XE9;&#8212;", "éé\u{e9}—"),
            ("&#150;&#146;", "–’"),
            ("&#0;&#xD800;&#x110000;", "\u{FFFD}\u{FFFD}\u{FFFD}"),
            ("&unknown; &amp &#xZZ; &#;", "&unknown; &amp &#xZZ; &#;"),
            ("AT&T", "AT&T"),
            ("&&amp;", "&&"),
        ];
        for (input, want) in cases {
            assert_eq!(parse(input).text, *want, "input {input:?}");
        }
    }

    #[test]
    fn title_is_metadata_not_body() {
        let page = "<html><head><title> Lavrov &amp;\n Tillerson </title></head>\
                    <body><p>Body.</p></body></html>";
        let html = parse(page);
        assert_eq!(html.title.as_deref(), Some("Lavrov & Tillerson"));
        assert_eq!(html.text, "Body.");
        assert_eq!(parse("<title></title>x").title, None);
        assert_eq!(
            parse("<title>one</title><title>two</title>x")
                .title
                .as_deref(),
            Some("one")
        );
    }

    #[test]
    fn dates() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                "<meta name=\"date\" content=\"2018-07-16\">",
                Some("2018-07-16"),
            ),
            (
                "<meta content='2018-07-16T09:00Z' name='PubDate'>",
                Some("2018-07-16"),
            ),
            ("<meta name=dc.date content=2018-07-16>", Some("2018-07-16")),
            (
                "<meta property=\"article:published_time\" content=\"2018-07-16T10:00:00+00:00\"/>",
                Some("2018-07-16"),
            ),
            (
                "<p>On <time datetime=\"2018-07-16 10:00\">Monday</time></p>",
                Some("2018-07-16"),
            ),
            (
                "<time datetime=\"2001-01-01\"></time><meta name=date content=2018-07-16>",
                Some("2018-07-16"),
            ),
            ("<meta name=\"description\" content=\"2018-07-16\">", None),
            ("<meta name=\"date\" content=\"2018-13-16\">", None),
            ("<meta name=\"date\" content=\"2018-07-16", None),
        ];
        for (input, want) in cases {
            assert_eq!(parse(input).date.as_deref(), *want, "input {input:?}");
        }
    }

    #[test]
    fn large_pathological_input_is_linear() {
        for unit in [
            "<", "<a", "&", "&#", "<!", "</", "<a b='", "<script>", "<p>x",
        ] {
            let page = unit.repeat(300_000);
            let start = std::time::Instant::now();
            let _ = parse(&page);
            assert!(start.elapsed().as_secs() < 10, "unit {unit:?} is too slow");
        }
    }
}
