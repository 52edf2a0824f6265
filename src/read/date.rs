//! Publication dates as documents write them, normalised to ISO `YYYY-MM-DD`.

use crate::time::calendar::{month_number, DAYS};

/// The ISO date a line consists of, if the whole (trimmed) line is a date:
/// `16.07.18`, `16.07.2018`, `2018-07-16`, `July 16, 2018`, `Jul. 16 2018`, `16 July 2018`,
/// optionally after a weekday (`Monday, July 16, 2018`).
pub(crate) fn parse_date_line(line: &str) -> Option<String> {
    let line = line.trim();
    // A date line is short; this also bounds the work on long lines.
    if line.is_empty() || line.len() > 40 {
        return None;
    }
    parse_iso(line)
        .or_else(|| parse_dotted(line))
        .or_else(|| parse_words(line))
}

/// An ISO date from a metadata value: its first ten characters when they are `YYYY-MM-DD`
/// (`2018-07-16T09:00:00Z`), else the value read as a date line.
pub(crate) fn normalize_date(value: &str) -> Option<String> {
    let value = value.trim();
    value
        .get(..10)
        .and_then(parse_iso)
        .or_else(|| parse_date_line(value))
}

fn parse_iso(s: &str) -> Option<String> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = digits(&s[..4])?;
    let month = digits(&s[5..7])?;
    let day = digits(&s[8..10])?;
    ymd(year, month, day)
}

/// `day.month.year`, European style, as in `16.07.18`.
fn parse_dotted(s: &str) -> Option<String> {
    let mut parts = s.split('.');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || d.len() > 2 || m.len() > 2 {
        return None;
    }
    let year = match y.len() {
        2 => expand_year(digits(y)?),
        4 => digits(y)?,
        _ => return None,
    };
    ymd(year, digits(m)?, digits(d)?)
}

/// `July 16, 2018`, `16 July 2018` and their abbreviations.
fn parse_words(s: &str) -> Option<String> {
    let mut words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() == 4 && is_weekday(words[0]) {
        words.remove(0);
    }
    let [a, b, c] = words[..] else {
        return None;
    };
    let year = match c.len() {
        4 => digits(c)?,
        _ => return None,
    };
    if let Some(month) = month_number(a) {
        return ymd(year, month, day_number(b)?);
    }
    ymd(year, month_number(b)?, day_number(a)?)
}

fn is_weekday(word: &str) -> bool {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    w.len() >= 3 && DAYS.iter().any(|d| d.starts_with(&w))
}

/// `16`, `16th`, `1st`...
fn day_number(word: &str) -> Option<u32> {
    let w = word.to_ascii_lowercase();
    let w = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| w.strip_suffix(s))
        .unwrap_or(&w);
    if w.len() > 2 {
        return None;
    }
    digits(w)
}

fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Two-digit years: 00-69 are 20xx, 70-99 are 19xx.
fn expand_year(y: u32) -> u32 {
    if y < 70 {
        2000 + y
    } else {
        1900 + y
    }
}

fn ymd(year: u32, month: u32, day: u32) -> Option<String> {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if year == 0 || day == 0 || day > days {
        return None;
    }
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_lines() {
        let cases: &[(&str, Option<&str>)] = &[
            ("16.07.18", Some("2018-07-16")),
            ("16.07.2018", Some("2018-07-16")),
            ("  1.7.18  ", Some("2018-07-01")),
            ("16.07.69", Some("2069-07-16")),
            ("16.07.70", Some("1970-07-16")),
            ("16.07.99", Some("1999-07-16")),
            ("2018-07-16", Some("2018-07-16")),
            ("July 16, 2018", Some("2018-07-16")),
            ("Jul. 16 2018", Some("2018-07-16")),
            ("Sept 3, 2019", Some("2019-09-03")),
            ("16 July 2018", Some("2018-07-16")),
            ("Monday, July 16, 2018", Some("2018-07-16")),
            ("March 1st, 2020", Some("2020-03-01")),
            ("29.02.2020", Some("2020-02-29")),
            // Out-of-range parts are not dates.
            ("29.02.2019", None),
            ("31.04.2018", None),
            ("16.13.18", None),
            ("00.07.18", None),
            ("2018-13-01", None),
            ("2018-02-30", None),
            ("July 32, 2018", None),
            // Not just a date.
            ("16.07.18 Moscow", None),
            ("Putin met Trump on July 16, 2018", None),
            ("16.07.218", None),
            ("Ju 16, 2018", None),
            ("", None),
        ];
        for (input, want) in cases {
            assert_eq!(parse_date_line(input).as_deref(), *want, "input {input:?}");
        }
    }

    #[test]
    fn metadata_values() {
        let cases: &[(&str, Option<&str>)] = &[
            ("2018-07-16T09:30:00+03:00", Some("2018-07-16")),
            ("2018-07-16", Some("2018-07-16")),
            ("July 16, 2018", Some("2018-07-16")),
            ("2018-7-16", None),
            ("yesterday", None),
            ("2018-07-1é", None),
        ];
        for (input, want) in cases {
            assert_eq!(normalize_date(input).as_deref(), *want, "input {input:?}");
        }
    }
}
