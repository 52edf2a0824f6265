//! Tokenizer: splits text into word, number and punctuation tokens with byte offsets.
//!
//! Tuned for news text: abbreviations keep their dots ("U.S.", "Mr.", "Feb."), names keep inner
//! hyphens ("al-Assad", "Novo-Ogaryovo"), possessive "'s"/"’s" is a token of its own, numbers keep
//! their separators ("5.4", "1,000").

use crate::model::{Span, Token, TokenKind};

/// Words that take a trailing dot as part of themselves.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Sgt", "Capt", "Cmdr", "Adm", "Gov",
    "Sen", "Rep", "Rev", "Hon", "St", "Mt", "Ft", "Jr", "Sr", "Inc", "Corp", "Ltd", "Co", "Bros",
    "vs", "No", "Nos", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
    "Nov", "Dec", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "approx", "est", "etc", "Pres",
    "Amb", "Sec", "Dept", "Univ", "Assn", "Ave", "Blvd", "Rd", "a.m", "p.m", "e.g", "i.e",
];

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_hyphen(c: char) -> bool {
    c == '-' || c == '‐' || c == '‑'
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Splits `text` into tokens. Every token's span slices `text` on char boundaries; tokens are
/// in order and never overlap.
pub fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() || c.is_control() || c == '\u{FEFF}' || c == '\u{200B}' {
            i += 1;
            continue;
        }
        if c.is_ascii_digit() || (c.is_numeric() && !c.is_alphabetic()) {
            let mut j = i + 1;
            while j < chars.len() {
                let d = chars[j].1;
                if d.is_ascii_digit() {
                    j += 1;
                } else if (d == '.' || d == ',')
                    && chars.get(j + 1).is_some_and(|&(_, n)| n.is_ascii_digit())
                {
                    j += 2;
                } else {
                    break;
                }
            }
            // "1980s", "21st", "5th": letters glued to a number stay with it.
            while j < chars.len() && chars[j].1.is_alphabetic() {
                j += 1;
            }
            tokens.push(Token {
                span: Span::new(start, end_of(j)),
                kind: TokenKind::Number,
            });
            i = j;
            continue;
        }
        if is_word_char(c) {
            let mut j = i + 1;
            loop {
                while j < chars.len() && is_word_char(chars[j].1) {
                    j += 1;
                }
                let Some(&(_, d)) = chars.get(j) else { break };
                let next_is_word = chars.get(j + 1).is_some_and(|&(_, n)| is_word_char(n));
                if is_hyphen(d) && next_is_word {
                    j += 1;
                    continue;
                }
                if is_apostrophe(d) && next_is_word {
                    // Possessive 's (and s' handled below) is its own token; "O'Brien" is not.
                    let rest: String = chars[j + 1..].iter().take(2).map(|&(_, c)| c).collect();
                    let possessive = (rest.starts_with('s') || rest.starts_with('S'))
                        && !rest[1..].chars().next().is_some_and(is_word_char);
                    let nt = rest.starts_with('t')
                        && chars[j - 1].1 == 'n'
                        && !rest[1..].chars().next().is_some_and(is_word_char);
                    if possessive {
                        break;
                    }
                    if nt {
                        // "don't" → "do" "n't": stop before the n, or take "n't" whole.
                        if j - 1 == i {
                            j += 2;
                        } else {
                            j -= 1;
                        }
                        break;
                    }
                    j += 1;
                    continue;
                }
                break;
            }
            // Dotted abbreviations: "U.S.", "U.S.S.R.", "a.m.", and listed ones ("Mr.", "Feb.").
            let word = &text[start..end_of(j)];
            if chars.get(j).is_some_and(|&(_, d)| d == '.') {
                let single_letter =
                    word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
                if single_letter {
                    let mut k = j + 1;
                    // Greedily take further "X." pairs.
                    while k + 1 < chars.len() && chars[k].1.is_alphabetic() && chars[k + 1].1 == '.'
                    {
                        k += 2;
                    }
                    // A lone capital initial followed by a dot ("George W. Bush") keeps it too.
                    j = k;
                } else if ABBREVIATIONS.contains(&word) {
                    j += 1;
                }
            }
            tokens.push(Token {
                span: Span::new(start, end_of(j)),
                kind: TokenKind::Word,
            });
            i = j;
            continue;
        }
        if is_apostrophe(c) {
            // "'s" after a word: the possessive marker. "n't" handled above.
            let next: String = chars[i + 1..].iter().take(2).map(|&(_, c)| c).collect();
            if (next.starts_with('s') || next.starts_with('S'))
                && !next[1..].chars().next().is_some_and(is_word_char)
                && i > 0
                && is_word_char(chars[i - 1].1)
            {
                tokens.push(Token {
                    span: Span::new(start, end_of(i + 2)),
                    kind: TokenKind::Word,
                });
                i += 2;
                continue;
            }
        }
        // Markdown emphasis ("**", "__") is formatting, not text: no token.
        if c == '*' {
            let mut j = i + 1;
            while j < chars.len() && chars[j].1 == '*' {
                j += 1;
            }
            i = j;
            continue;
        }
        // Runs of the same punctuation ("...", "--") stay together.
        let mut j = i + 1;
        if matches!(c, '.' | '-' | '=' | '_' | '!' | '?') {
            while j < chars.len() && chars[j].1 == c {
                j += 1;
            }
        }
        tokens.push(Token {
            span: Span::new(start, end_of(j)),
            kind: TokenKind::Punct,
        });
        i = j;
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.span.slice(text)).collect()
    }

    #[test]
    fn news_cases() {
        let cases: &[(&str, &[&str])] = &[
            ("the U.S. said", &["the", "U.S.", "said"]),
            ("U.S.S.R. troops", &["U.S.S.R.", "troops"]),
            (
                "Mr. Straw and Mr Bush",
                &["Mr.", "Straw", "and", "Mr", "Bush"],
            ),
            ("on Feb. 3", &["on", "Feb.", "3"]),
            ("George W. Bush", &["George", "W.", "Bush"]),
            ("$50 billion", &["$", "50", "billion"]),
            (
                "rose 5.4 pct to 1,000",
                &["rose", "5.4", "pct", "to", "1,000"],
            ),
            ("Tehran's view", &["Tehran", "'s", "view"]),
            ("Tehran’s view", &["Tehran", "’s", "view"]),
            ("Bashar al-Assad", &["Bashar", "al-Assad"]),
            (
                "at Novo-Ogaryovo residence",
                &["at", "Novo-Ogaryovo", "residence"],
            ),
            (
                "“strategic,” adding",
                &["“", "strategic", ",", "”", "adding"],
            ),
            ("'oil-for-goods' deal", &["'", "oil-for-goods", "'", "deal"]),
            ("[Jabhat al-Nusra]", &["[", "Jabhat", "al-Nusra", "]"]),
            ("MOSCOW – Days", &["MOSCOW", "–", "Days"]),
            (
                "WASHINGTON, March 11 - Foreign",
                &["WASHINGTON", ",", "March", "11", "-", "Foreign"],
            ),
            ("don't think", &["do", "n't", "think"]),
            ("can’t be trusted", &["ca", "n’t", "be", "trusted"]),
            ("O'Brien said", &["O'Brien", "said"]),
            ("the 1980s", &["the", "1980s"]),
            ("Sauli Niinistö", &["Sauli", "Niinistö"]),
            ("Erdoğan", &["Erdoğan"]),
            ("end. ... next", &["end", ".", "...", "next"]),
            ("in Moscow.", &["in", "Moscow", "."]),
            (
                "Minister **Alexander Novak said**",
                &["Minister", "Alexander", "Novak", "said"],
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(&words(text), expected, "tokenizing {text:?}");
        }
    }

    #[test]
    fn spans_slice_original_text() {
        let text = "Velayati “hailed” Tehran’s ties — 16.07.18\u{0}\u{FFFD} x";
        for t in tokenize(text) {
            assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
            assert!(!t.span.is_empty());
        }
    }
}
