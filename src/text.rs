//! Control characters at the edges: removed from text and names on the way in, escaped in
//! what kg prints, so that no byte of an input can drive the user's terminal.

use std::borrow::Cow;

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
