//! Plain text: the text is kept as it is; title and date are read from its first lines.

use super::date::parse_date_line;

/// Longest first line still taken as a title, in characters.
const MAX_TITLE_CHARS: usize = 200;

/// How many non-blank lines at the top may hold the date.
const DATE_LINES: usize = 5;

/// The title: the first non-blank line (after a leading date line) when it is short and a
/// blank line follows it.
pub(super) fn title(text: &str) -> Option<String> {
    let mut lines = text.split('\n').peekable();
    let mut seen_date = false;
    while let Some(line) = lines.next() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if !seen_date && parse_date_line(line).is_some() {
            seen_date = true;
            continue;
        }
        let followed_by_blank = lines.peek().is_some_and(|next| next.trim().is_empty());
        return (followed_by_blank && line.chars().count() <= MAX_TITLE_CHARS)
            .then(|| line.to_string());
    }
    None
}

/// The date: a line among the first few non-blank ones that is nothing but a date.
pub(super) fn date(text: &str) -> Option<String> {
    text.split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(DATE_LINES)
        .find_map(parse_date_line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles() {
        let long = "x".repeat(201);
        let long_text = format!("{long}\n\nBody.");
        let at_limit = "é".repeat(200);
        let at_limit_text = format!("{at_limit}\n\nBody.");
        let cases: &[(&str, Option<&str>)] = &[
            (
                "Lavrov meets Tillerson\n\nBody text.",
                Some("Lavrov meets Tillerson"),
            ),
            ("\n\n  Padded title  \n \nBody.", Some("Padded title")),
            (
                "16.07.18\nPutin and Trump meet\n\nBody.",
                Some("Putin and Trump meet"),
            ),
            (
                "16.07.18\n\nPutin and Trump meet\n\nBody.",
                Some("Putin and Trump meet"),
            ),
            ("A first line\nfollowed by more text.\n\nBody.", None),
            ("Only one line", None),
            ("16.07.18", None),
            (&long_text, None),
            (&at_limit_text, Some(&at_limit)),
            ("", None),
        ];
        for (input, want) in cases {
            assert_eq!(title(input).as_deref(), *want, "input {input:?}");
        }
    }

    #[test]
    fn dates() {
        let cases: &[(&str, Option<&str>)] = &[
            ("16.07.18\nTitle\n\nBody.", Some("2018-07-16")),
            ("Title\n\nJuly 16, 2018\n\nBody.", Some("2018-07-16")),
            ("a\nb\nc\nd\n2018-07-16\n", Some("2018-07-16")),
            // Sixth non-blank line: too far down.
            ("a\nb\nc\n\n\nd\ne\n2018-07-16\n", None),
            ("Title\n\nOn 16.07.18 they met.", None),
            ("32.07.18\n\nBody.", None),
        ];
        for (input, want) in cases {
            assert_eq!(date(input).as_deref(), *want, "input {input:?}");
        }
    }
}
