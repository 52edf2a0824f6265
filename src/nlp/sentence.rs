//! Sentence splitter over tokens: terminal punctuation, paragraph breaks and headline lines.

use crate::model::{Sentence, Span, Token, TokenKind};

/// Words that, after an abbreviation like "U.S.", show that a new sentence has begun.
const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "But",
    "And",
    "In",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "His",
    "Her",
    "Its",
    "Their",
    "There",
    "As",
    "On",
    "At",
    "For",
    "If",
    "When",
    "While",
    "Yet",
    "So",
    "After",
    "Before",
    "Meanwhile",
    "However",
    "Mr",
    "Mrs",
    "Ms",
];

/// Company-name abbreviations that often end a sentence ("... bought by MCI Inc. Former
/// WorldCom chief ..."), unlike "Mr." or "Gen." which always lead into a name.
const COMPANY_SUFFIXES: &[&str] = &["Inc.", "Corp.", "Ltd.", "Co.", "Bros.", "Plc.", "Cos."];

/// Capitalised words that, after a company suffix, start a sentence rather than continue a
/// name (besides [`SENTENCE_STARTERS`]).
const AFTER_COMPANY_STARTERS: &[&str] = &[
    "Former", "Earlier", "Later", "Last", "Now", "Shares", "Analysts", "Its", "Both", "Some",
];

fn is_closing(s: &str) -> bool {
    matches!(s, "”" | "\"" | "’" | "'" | ")" | "]" | "»")
}

/// Splits tokens into sentences. A sentence ends at `.`/`!`/`?` (plus closing quotes and
/// brackets) followed by a likely sentence start, at a blank line, and at a line break after a
/// line with no terminal punctuation that is short or all capitals (headlines, bylines).
pub fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut first = 0;
    let mut i = 0;
    while i < tokens.len() {
        let tok = tokens[i];
        let s = tok.span.slice(text);
        let mut end_here = false;
        let mut last = i; // last token inside the sentence
        if tok.kind == TokenKind::Punct
            && (s.starts_with('.') || s.starts_with('!') || s.starts_with('?'))
        {
            // Take closing quotes and brackets that follow directly.
            while last + 1 < tokens.len()
                && is_closing(tokens[last + 1].span.slice(text))
                && !has_break(text, tokens[last].span.end, tokens[last + 1].span.start)
            {
                last += 1;
            }
            end_here = match tokens.get(last + 1) {
                None => true,
                Some(next) => {
                    let gap = &text[tokens[last].span.end..next.span.start];
                    let n = next.span.slice(text);
                    !gap.is_empty() && starts_sentence(n)
                }
            };
        } else if matches!(s, "-" | "–" | "—") && is_dateline(text, &tokens[first..i]) {
            // "TOKYO, April 21 - U.S. Agriculture Secretary ...": the dateline is not part of
            // the sentence it opens (a parser reads "TOKYO" as its subject).
            end_here = true;
        } else if tok.kind == TokenKind::Word && s.len() > 2 && s.ends_with('.') {
            // An abbreviation that may also end the sentence ("... with the U.S. The talks").
            if let Some(next) = tokens.get(i + 1) {
                let n = next.span.slice(text);
                let dotted = s.chars().filter(|&c| c == '.').count() > 1;
                let company = COMPANY_SUFFIXES.contains(&s);
                end_here = (SENTENCE_STARTERS.contains(&n) && (dotted || company))
                    || (company && AFTER_COMPANY_STARTERS.contains(&n));
            }
        }
        if !end_here {
            if let Some(next) = tokens.get(i + 1) {
                let gap = &text[tok.span.end..next.span.start];
                let newlines = gap.matches('\n').count();
                if newlines >= 2 {
                    end_here = true;
                } else if newlines == 1 {
                    let line = line_of(text, tok.span.end);
                    end_here = is_headline_line(line);
                }
            }
        }
        if end_here || last + 1 >= tokens.len() {
            let span = Span::new(tokens[first].span.start, tokens[last].span.end);
            sentences.push(Sentence {
                span,
                tokens: first..last + 1,
            });
            first = last + 1;
            i = last + 1;
            continue;
        }
        i += 1;
    }
    sentences
}

/// Months, as wires write them in datelines.
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
];

/// True when `head` (the tokens before a dash) is a wire dateline at the start of a line: a
/// place in capitals, optionally with a date ("TOKYO, April 21", "NEW YORK", "MOSCOW").
fn is_dateline(text: &str, head: &[Token]) -> bool {
    let Some(first) = head.first() else {
        return false;
    };
    let line_start = text[..first.span.start]
        .chars()
        .next_back()
        .is_none_or(|c| c == '\n');
    if !line_start || head.len() > 7 {
        return false;
    }
    let words: Vec<&str> = head.iter().map(|t| t.span.slice(text)).collect();
    let place_len = words
        .iter()
        .take_while(|w| {
            w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase) && **w != ","
        })
        .count();
    if place_len == 0 || place_len > 3 {
        return false;
    }
    match &words[place_len..] {
        [] => true,
        [",", rest @ ..] => {
            rest.iter().any(|w| MONTHS.contains(w))
                && rest
                    .iter()
                    .all(|w| MONTHS.contains(w) || w.chars().all(|c| c.is_ascii_digit()))
        }
        _ => false,
    }
}

fn has_break(text: &str, a: usize, b: usize) -> bool {
    text.get(a..b).is_some_and(|g| g.contains('\n'))
}

fn starts_sentence(next: &str) -> bool {
    let c = next.chars().next().unwrap_or(' ');
    c.is_uppercase()
        || c.is_ascii_digit()
        || matches!(
            c,
            '“' | '"' | '‘' | '\'' | '(' | '[' | '-' | '–' | '—' | '*' | '«'
        )
}

/// The line (without its newline) that contains byte `at - 1`.
fn line_of(text: &str, at: usize) -> &str {
    let start = text[..at].rfind('\n').map_or(0, |p| p + 1);
    let end = text[at..].find('\n').map_or(text.len(), |p| at + p);
    &text[start..end]
}

/// A sentence written in capitals (a headline): at least 8 letters, 90% of them upper case.
/// The mention finder and relations both read a headline's capitals differently.
pub fn is_headline<'a>(words: impl IntoIterator<Item = &'a str>) -> bool {
    let (mut upper, mut total) = (0usize, 0usize);
    for c in words
        .into_iter()
        .flat_map(str::chars)
        .filter(|c| c.is_alphabetic())
    {
        total += 1;
        upper += usize::from(c.is_uppercase());
    }
    total >= 8 && upper * 10 >= total * 9
}

/// A line that stands alone: all capitals, or short with no sentence punctuation at its end.
fn is_headline_line(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() {
        return false;
    }
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    let all_caps = letters.len() >= 3 && letters.iter().all(|c| !c.is_lowercase());
    let ends_open = !t.ends_with(['.', '!', '?', ',', ';', ':', '”', '"', '-', '–']);
    let capitalised = t.chars().next().is_some_and(char::is_uppercase);
    all_caps
        || (ends_open && capitalised && t.split_whitespace().count() <= 6 && line.len() == t.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::tokenize::tokenize;

    #[test]
    fn headlines_are_sentences_in_capitals() {
        for (text, want) in [
            ("RUSSIA WARNS IRAN OVER NUCLEAR PLAN", true),
            ("U.S. TRADE DEFICIT WIDENS in March", false),
            ("Russia warns Iran over nuclear plan", false),
            ("U.S. SAYS", false),
            ("", false),
        ] {
            assert_eq!(is_headline(text.split(' ')), want, "{text:?}");
        }
    }

    fn split(text: &str) -> Vec<&str> {
        let tokens = tokenize(text);
        split_sentences(text, &tokens)
            .iter()
            .map(|s| s.span.slice(text))
            .collect()
    }

    #[test]
    fn sentence_cases() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Putin met Trump. They talked.",
                &["Putin met Trump.", "They talked."],
            ),
            (
                "He said “it is over.” Then he left.",
                &["He said “it is over.”", "Then he left."],
            ),
            (
                "The U.S. and Russia met. Mr. Lavrov spoke.",
                &["The U.S. and Russia met.", "Mr. Lavrov spoke."],
            ),
            (
                "talks with the U.S. The meeting ended.",
                &["talks with the U.S.", "The meeting ended."],
            ),
            (
                "It rose 5.4 pct. Shares fell.",
                &["It rose 5.4 pct.", "Shares fell."],
            ),
            (
                "HEADLINE HERE\n\nMOSCOW – Days before.",
                &["HEADLINE HERE", "MOSCOW –", "Days before."],
            ),
            (
                "REAGAN SAYS U.S. TO OFFER TREATY\nWASHINGTON, March 3 - Reagan said it.",
                &[
                    "REAGAN SAYS U.S. TO OFFER TREATY",
                    "WASHINGTON, March 3 -",
                    "Reagan said it.",
                ],
            ),
            // Not a dateline: a dash inside a sentence, a place not in capitals.
            (
                "Moscow - and Tehran - agreed.",
                &["Moscow - and Tehran - agreed."],
            ),
            (
                "a line that wraps\nin the middle of a sentence.",
                &["a line that wraps\nin the middle of a sentence."],
            ),
            ("George W. Bush won.", &["George W. Bush won."]),
            (
                "It was bought by MCI Inc. Former WorldCom chief Bernard Ebbers is to face trial.",
                &[
                    "It was bought by MCI Inc.",
                    "Former WorldCom chief Bernard Ebbers is to face trial.",
                ],
            ),
            (
                "MCI Inc. Chairman Bert Roberts said so.",
                &["MCI Inc. Chairman Bert Roberts said so."],
            ),
            ("Is it? Yes!", &["Is it?", "Yes!"]),
            ("no final stop", &["no final stop"]),
        ];
        for (text, expected) in cases {
            assert_eq!(&split(text), expected, "splitting {text:?}");
        }
    }
}
