//! Text normalisation shared by every stage: control characters removed from text and names
//! on the way in and escaped in what kg prints (so that no byte of an input can drive the
//! user's terminal), and the one folding of names and words ([`fold`], [`name_key`]) that the
//! knowledge base, resolution, the tagger and the store compare with.

use std::borrow::Cow;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Folds a surface form for comparison: canonical decomposition without accents, lower
/// case, letters without a decomposition spelled out (`ß` → `ss`, `ø` → `o`), typographic
/// apostrophes made plain, white space collapsed. Punctuation stays ("u.s."): see
/// [`name_key`] for the form that ignores it. The trained models hash words folded this
/// way, so a change here changes their features.
pub fn fold(s: &str) -> String {
    if s.is_ascii() && !s.contains("  ") {
        return s.trim().to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            '’' | '‘' | 'ʼ' | '`' => out.push('\''),
            'ß' => out.push_str("ss"),
            'ø' | 'Ø' => out.push('o'),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' => out.push('d'),
            'ı' => out.push('i'),
            c if c.is_whitespace() => {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c => out.extend(c.to_lowercase()),
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out
}

/// The key a name is known by: [`fold`], then apostrophes and full stops dropped
/// ("U.S." = "US", "Tehran’s" = "Tehrans"), any other run of name punctuation one space
/// ("al-Assad" = "al Assad", "Smith, Barney" = "Smith Barney"), and a leading "the" dropped
/// ("the Kremlin" = "Kremlin"). Markup (`markup_char`: square, curly and angle brackets,
/// semicolons, double quotes, `=`) inside a name is folded like punctuation, since news text
/// puts it there (`"European <Airbus Industrie>"`, a ticker); a name that starts or ends with
/// markup keeps all of it, since no mention found in text does (its span starts and ends on
/// words), so `"]; evil ["` is not "Evil". Entity identities, stored aliases and name
/// look-ups all use it.
pub fn name_key(s: &str) -> String {
    let folded = fold(s);
    let keep_markup = folded.starts_with(|c| markup_char(c).is_some())
        || folded.ends_with(|c| markup_char(c).is_some());
    let mut out = String::with_capacity(folded.len());
    let mut space = false;
    for c in folded.chars() {
        if c.is_alphanumeric() {
            out.push(c);
            space = false;
        } else if let Some(kept) = markup_char(c).filter(|_| keep_markup) {
            out.push(kept);
            space = false;
        } else if !space && !out.is_empty() && c != '\'' && c != '.' {
            out.push(' ');
            space = true;
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    match out.strip_prefix("the ") {
        Some(rest) => rest.to_string(),
        None => out,
    }
}

/// Characters that mark up or delimit text (code, lists, quotations, tickers) and are no
/// part of a written name, typographic double quotes as `"`. Parentheses are not among them:
/// they hold a name's own parts ("Bache Securities (HK) Ltd", "(Alan) Greenspan").
fn markup_char(c: char) -> Option<char> {
    match c {
        '[' | ']' | '{' | '}' | '<' | '>' | ';' | '=' | '"' => Some(c),
        '“' | '”' | '„' | '«' | '»' => Some('"'),
        _ => None,
    }
}

/// True for the characters kg never keeps: C0 controls except tab and line feed (carriage
/// returns are line ends by the time text gets here), DEL, C1 controls and the byte order
/// mark / zero-width no-break space U+FEFF.
pub fn is_unwanted(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n') || c == '\u{FEFF}'
}

/// Document text on the way in: every unwanted character becomes a space (a line break
/// stays a line break), so that words either side stay apart.
pub fn blank_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unwanted) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if is_unwanted(c) { ' ' } else { c })
            .collect(),
    )
}

/// A name on the way in (an entity name, alias, document id or title): unwanted
/// characters removed, tabs and line breaks turned into spaces, ends trimmed.
pub fn clean_name(name: &str) -> Cow<'_, str> {
    let dirty = |c: char| is_unwanted(c) || c == '\t' || c == '\n';
    if !name.chars().any(dirty) && name.trim() == name {
        return Cow::Borrowed(name);
    }
    let kept: String = name
        .chars()
        .filter(|&c| !is_unwanted(c))
        .map(|c| if c == '\t' || c == '\n' { ' ' } else { c })
        .collect();
    Cow::Owned(kept.trim().to_string())
}

/// Text on the way out to a terminal or a text file: every unwanted character (and any that
/// slipped into a store written by an older kg) is shown as an escape such as `\x1b` or
/// `\u{9b}`; tabs and line breaks are kept.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unwanted) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            c if !is_unwanted(c) => out.push(c),
            c if (c as u32) < 0x80 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    Cow::Owned(out)
}

/// A writer that passes text through [`escape_controls`]: the text output of a command
/// goes through it, so that whatever a stored name or sentence holds, the terminal sees
/// only printable characters, tabs and line breaks.
pub struct EscapingWriter<W> {
    inner: W,
}

impl<W: std::io::Write> EscapingWriter<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> Self {
        EscapingWriter { inner }
    }
}

impl<W: std::io::Write> std::io::Write for EscapingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // `write!` hands over whole `&str` pieces, so a buffer is valid UTF-8 unless someone
        // writes raw bytes; those pass as they are.
        match std::str::from_utf8(buf) {
            Ok(s) => {
                self.inner.write_all(escape_controls(s).as_bytes())?;
                Ok(buf.len())
            }
            Err(_) => self.inner.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_and_name_key() {
        // (input, fold, name_key)
        for (input, folded, key) in [
            ("Reykjavík", "reykjavik", "reykjavik"),
            ("CÔTE D’IVOIRE", "cote d'ivoire", "cote divoire"),
            ("Gdańsk", "gdansk", "gdansk"),
            ("Łódź", "lodz", "lodz"),
            ("  New   York ", "new york", "new york"),
            ("Schröder", "schroder", "schroder"),
            (
                "Søren Kierkegaard",
                "soren kierkegaard",
                "soren kierkegaard",
            ),
            ("the Kremlin", "the kremlin", "kremlin"),
            ("Tehran’s", "tehran's", "tehrans"),
            ("Bashar al-Assad", "bashar al-assad", "bashar al assad"),
            ("U.S.", "u.s.", "us"),
            ("US", "us", "us"),
            ("Smith, Barney", "smith, barney", "smith barney"),
            ("AT&T", "at&t", "at t"),
            // Markup is part of the key: a name made of it is not the name it wraps.
            (r#""]; evil [""#, r#""]; evil [""#, r#""]; evil [""#),
            ("<Evil>", "<evil>", "<evil>"),
            ("Evil =", "evil =", "evil ="),
            ("“Evil”", "“evil”", r#""evil""#),
            // Inside a name, markup is editorial and folds away.
            (
                "European <Airbus Industrie",
                "european <airbus industrie",
                "european airbus industrie",
            ),
            ("Evil = 1", "evil = 1", "evil 1"),
            ("(Alan) Greenspan", "(alan) greenspan", "alan greenspan"),
            ("", "", ""),
        ] {
            assert_eq!(fold(input), folded, "{input:?}");
            assert_eq!(name_key(input), key, "{input:?}");
        }
    }

    #[test]
    fn controls_at_the_edges() {
        // (input, blank_controls, clean_name, escape_controls)
        for (input, blanked, cleaned, escaped) in [
            ("Putin", "Putin", "Putin", "Putin"),
            (
                "\u{1b}[31mPutin",
                " [31mPutin",
                "[31mPutin",
                "\\x1b[31mPutin",
            ),
            ("Pu\u{0}tin", "Pu tin", "Putin", "Pu\\x00tin"),
            ("\u{FEFF}Putin", " Putin", "Putin", "\\u{feff}Putin"),
            ("ring\u{7}", "ring ", "ring", "ring\\x07"),
            ("a\u{9b}b\u{7f}", "a b ", "ab", "a\\u{9b}b\\x7f"),
            ("a\tb\nc", "a\tb\nc", "a b c", "a\tb\nc"),
            ("  Lavrov ", "  Lavrov ", "Lavrov", "  Lavrov "),
        ] {
            assert_eq!(blank_controls(input), blanked, "{input:?}");
            assert_eq!(clean_name(input), cleaned, "{input:?}");
            assert_eq!(escape_controls(input), escaped, "{input:?}");
        }
    }

    #[test]
    fn the_escaping_writer_escapes_what_it_is_given() {
        use std::io::Write;
        let mut out = Vec::new();
        let (evil, bell) = ("\u{1b}[31mX", "Y\u{7}");
        writeln!(EscapingWriter::new(&mut out), "{evil} met {bell}").unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "\\x1b[31mX met Y\\x07\n");
    }
}
