//! The rule-based mention finder (the trained recogniser is `nlp::tagger::recogniser`):
//! knowledge-base names, then capitalised spans classified by cues
//! (titles, given names, organisation head nouns, speech verbs), then document-level decisions
//! for single words ("Putin" is a person once "Vladimir Putin" was seen).
//!
//! Honest about what it is: a first extractor, shaped so a trained tagger can replace it. It
//! reads tokens and sentences and returns mentions; nothing else.

use crate::kb::{Key, KnowledgeBase, Namespace};
use crate::model::{EntityType, Mention, MentionRole, Sentence, Span, Token, TokenKind};
use crate::nlp::lexicon::{is_speech_form, Lexicon, SpeechUse, TitleRole};
use crate::nlp::sentence::is_headline;
use crate::nlp::tokenize::tokenize;
use std::collections::{HashMap, HashSet};

/// Lowercase name particles that may sit inside a name ("Ludwig van Beethoven").
pub(crate) const PARTICLES: &[&str] = &[
    "van", "von", "de", "da", "di", "del", "der", "den", "bin", "ibn", "la", "le", "du", "des",
];

/// Prefixes of hyphenated Arabic names ("al-Assad", "el-Sisi").
const HYPHEN_PARTICLES: &[&str] = &[
    "al", "el", "ad", "as", "ash", "at", "az", "bin", "ibn", "abu", "abd",
];

/// Titles of nobility and of the church, which name a person with "of" ("the Duke of York").
const NOBILITY: &[&str] = &[
    "Duke",
    "Duchess",
    "Prince",
    "Princess",
    "King",
    "Queen",
    "Lord",
    "Lady",
    "Earl",
    "Countess",
    "Count",
    "Baron",
    "Baroness",
    "Marquess",
    "Viscount",
    "Emperor",
    "Sultan",
    "Emir",
    "Pope",
    "Bishop",
    "Archbishop",
    "Cardinal",
    "Saint",
    "St",
];

/// Words that join capitalised words inside an organisation name.
const CONNECTORS: &[&str] = &["of", "for", "on", "&"];

/// Words that alone name a body: "Parliament" is the parliament of the country in question.
const LONE_BODIES: &[&str] = &["Parliament"];

/// Chambers of a legislature: their committees news writes in lower case ("the Commons public
/// accounts committee"), and two are named together ("the House and Senate").
const CHAMBERS: &[&str] = &["Commons", "Lords", "Senate", "House"];

/// Finds mentions of people, countries, places and organisations.
pub struct MentionFinder {
    kb: &'static KnowledgeBase,
    lex: &'static Lexicon,
    /// First token of a knowledge-base name → (token sequence, index into `kb.names()`),
    /// longest first.
    index: HashMap<String, Vec<(Vec<String>, usize)>>,
    /// The same, keyed and compared in upper case, for headlines and datelines.
    upper_index: HashMap<String, Vec<(Vec<String>, usize)>>,
}

/// A capitalised stretch before it is known what it is.
#[derive(Debug, Clone)]
struct Candidate {
    tokens: std::ops::Range<usize>,
    /// Sub-token span (hyphen parts); `None` = the tokens' span.
    span: Option<Span>,
    sentence: usize,
    kind: Option<EntityType>,
    kb_key: Option<Key>,
    role: MentionRole,
    /// Display text when it differs from the surface (upper-case headline words).
    text: Option<String>,
}

impl MentionFinder {
    /// A finder over the given knowledge base and lexicon.
    pub fn new(kb: &'static KnowledgeBase, lex: &'static Lexicon) -> Self {
        let mut index: HashMap<String, Vec<(Vec<String>, usize)>> = HashMap::new();
        let mut upper_index: HashMap<String, Vec<(Vec<String>, usize)>> = HashMap::new();
        for (i, name) in kb.names().iter().enumerate() {
            // People are linked by the resolver, not matched as names: surnames are ambiguous.
            if name.key.namespace() == Namespace::Person {
                continue;
            }
            let seq: Vec<String> = tokenize(&name.text)
                .iter()
                .map(|t| deaccent(t.span.slice(&name.text)).into_owned())
                .collect();
            let Some(first) = seq.first() else { continue };
            // Lowercase-initial forms ("al-Qaeda" is fine, "us" is not) are never names here.
            if !first
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_numeric())
                && !first.contains('-')
            {
                continue;
            }
            index
                .entry(first.clone())
                .or_default()
                .push((seq.clone(), i));
            let upper: Vec<String> = seq.iter().map(|s| s.to_uppercase()).collect();
            upper_index
                .entry(upper[0].clone())
                .or_default()
                .push((upper, i));
        }
        for v in index.values_mut().chain(upper_index.values_mut()) {
            v.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.1.cmp(&b.1)));
        }
        MentionFinder {
            kb,
            lex,
            index,
            upper_index,
        }
    }

    /// Finds the mentions in a tokenized, sentence-split text, in text order.
    pub fn find(&self, text: &str, tokens: &[Token], sentences: &[Sentence]) -> Vec<Mention> {
        let words: Vec<&str> = tokens.iter().map(|t| t.span.slice(text)).collect();
        let mut cands = Vec::new();
        for (si, s) in sentences.iter().enumerate() {
            let headline = is_headline(words[s.tokens.clone()].iter().copied());
            self.sentence_candidates(&words, tokens, si, s, headline, &mut cands);
            if !headline {
                chamber_committees(&words, tokens, si, s, &mut cands);
            }
        }
        self.decide_document_level(&words, sentences, &mut cands);
        // The committees pass adds its candidates after each sentence's others (a stable sort:
        // the parts of a hyphenated word keep their order).
        cands.sort_by_key(|c| c.tokens.start);
        cands
            .into_iter()
            .filter(|c| !counted_people(&words, c))
            .filter_map(|c| {
                let kind = c.kind?;
                let span = c.span.unwrap_or_else(|| {
                    Span::new(
                        tokens[c.tokens.start].span.start,
                        tokens[c.tokens.end - 1].span.end,
                    )
                });
                let text_form = c.text.unwrap_or_else(|| clean_surface(span.slice(text)));
                Some(Mention {
                    span,
                    tokens: c.tokens,
                    sentence: c.sentence,
                    kind,
                    kb_key: c.kb_key,
                    text: text_form,
                    role: c.role,
                })
            })
            .collect()
    }

    /// Longest knowledge-base match starting at token `i`, not beyond `end`.
    fn kb_match(&self, words: &[&str], i: usize, end: usize, caps: bool) -> Option<(usize, usize)> {
        let w = deaccent(words[i]);
        let w = w.as_ref();
        fn try_index<'x>(
            idx: &'x HashMap<String, Vec<(Vec<String>, usize)>>,
            words: &[&str],
            i: usize,
            end: usize,
            key: &str,
            upper: bool,
        ) -> Option<&'x (Vec<String>, usize)> {
            idx.get(key).and_then(|seqs| {
                seqs.iter().find(|(seq, _)| {
                    i + seq.len() <= end
                        && seq.iter().enumerate().all(|(k, s)| {
                            let w = deaccent(words[i + k]);
                            if upper {
                                w.to_uppercase() == *s
                            } else {
                                w == s.as_str()
                            }
                        })
                })
            })
        }
        if let Some((seq, n)) = try_index(&self.index, words, i, end, w, false) {
            return Some((seq.len(), *n));
        }
        // "Opec", "Nato": newswires write acronyms in title case.
        let title_case = w.len() >= 3
            && w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().skip(1).all(char::is_lowercase);
        if title_case {
            let upper = w.to_uppercase();
            if let Some((_, n)) = self.index.get(&upper).and_then(|seqs| {
                seqs.iter()
                    .find(|(seq, _)| seq.len() == 1 && seq[0] == upper)
            }) {
                return Some((1, *n));
            }
        }
        // All-capital words ("MOSCOW –", headlines) match case-insensitively when long enough.
        let all_caps = w.chars().all(|c| !c.is_lowercase())
            && w.chars().filter(|c| c.is_alphabetic()).count() >= 4;
        if caps || all_caps {
            if let Some((seq, n)) =
                try_index(&self.upper_index, words, i, end, &w.to_uppercase(), true)
            {
                if seq.len() > 1
                    || seq[0].chars().filter(|c| c.is_alphabetic()).count() >= 4
                    || caps
                {
                    return Some((seq.len(), *n));
                }
            }
        }
        None
    }

    /// True when a country's name starts at word `i` ("NEC Corp of Japan": the company's
    /// name ends before "of"; "Trust Co of New York" and "Hospital Corp of America" name
    /// companies).
    fn country_at(&self, words: &[&str], i: usize, end: usize) -> bool {
        // "Hospital Corp of America", "Aluminum Co of America": names of their own.
        i < end
            && words[i] != "America"
            && self.kb_match(words, i, end, true).is_some_and(|(_, n)| {
                self.kb
                    .names()
                    .get(n)
                    .and_then(|name| self.kb.entry(&name.key))
                    .is_some_and(|e| e.kind == EntityType::Country)
            })
    }

    fn kb_candidate(
        &self,
        name_idx: usize,
        tokens: std::ops::Range<usize>,
        sentence: usize,
    ) -> Option<Candidate> {
        let name = self.kb.names().get(name_idx)?;
        let entry = self.kb.entry(&name.key)?;
        Some(Candidate {
            tokens,
            span: None,
            sentence,
            kind: Some(entry.kind),
            kb_key: Some(name.key.clone()),
            role: name.role,
            text: None,
        })
    }

    fn is_cap(&self, w: &str, kind: TokenKind) -> bool {
        if kind != TokenKind::Word || is_calendar_word(w) {
            return false;
        }
        // "Moscow-based", "U.S.-led": a name glued to a lowercase word is handled by parts.
        if w.rsplit('-')
            .next()
            .is_some_and(|last| last.chars().next().is_some_and(char::is_lowercase))
            && w.contains('-')
        {
            return false;
        }
        let first = w.chars().next().unwrap_or(' ');
        if first.is_uppercase() {
            return true;
        }
        // "al-Assad", "bin-Laden": a lowercase particle glued to a capitalised name.
        if let Some((pre, post)) = w.split_once('-') {
            return HYPHEN_PARTICLES.contains(&pre)
                && post.chars().next().is_some_and(char::is_uppercase);
        }
        false
    }

    fn sentence_candidates(
        &self,
        words: &[&str],
        tokens: &[Token],
        si: usize,
        s: &Sentence,
        headline: bool,
        out: &mut Vec<Candidate>,
    ) {
        let (start, end) = (s.tokens.start, s.tokens.end);
        let mut i = start;
        while i < end {
            if headline {
                // Headlines: only knowledge-base names and (later) known surnames.
                if let Some((len, n)) = self.kb_match(words, i, end, true) {
                    if let Some(c) = self.kb_candidate(n, i..i + len, si) {
                        out.push(c);
                    }
                    i += len;
                } else {
                    if tokens[i].kind == TokenKind::Word && words[i].chars().count() >= 3 {
                        out.push(Candidate {
                            tokens: i..i + 1,
                            span: None,
                            sentence: si,
                            kind: None,
                            kb_key: None,
                            role: MentionRole::Name,
                            text: None,
                        });
                    }
                    i += 1;
                }
                continue;
            }
            if !self.is_cap(words[i], tokens[i].kind) {
                if tokens[i].kind == TokenKind::Word && words[i].contains('-') {
                    self.hyphen_parts(words, tokens, i, si, out);
                }
                i += 1;
                continue;
            }
            // Grow the capitalised span.
            let mut j = i + 1;
            while j < end {
                let w = words[j];
                // "Goldman, Sachs and Co. James Burke": a company's legal suffix ends its
                // name, but for another one after it ("Co Ltd").
                if is_company_suffix(words[j - 1])
                    && !is_company_suffix(w)
                    && (w != "of" || self.country_at(words, j + 1, end))
                    && !self.org_run_ends(words, tokens, j, end)
                {
                    break;
                }
                if self.is_cap(w, tokens[j].kind) {
                    j += 1;
                } else if j + 1 < end
                    && (CONNECTORS.contains(&w)
                        && (w != "on" || (i..j).any(|k| self.lex.is_org_head(words[k])))
                        // "follows Kodak for E.F. Hutton and Co": a company of its own.
                        // ("Systems for Health Care Inc" is one.)
                        && (w != "for"
                            || self.lex.is_common_word(words[j - 1])
                            || !self.company_run_follows(words, tokens, j + 1, end))
                        || PARTICLES.contains(&w))
                    && self.is_cap(words[j + 1], tokens[j + 1].kind)
                {
                    j += 2;
                } else if let Some(e) = (w == "and")
                    .then(|| self.kb_name_across(words, i, j, end))
                    .flatten()
                {
                    j = e;
                } else if (w == "and" || w == "&")
                    && j + 1 < end
                    && self.is_cap(words[j + 1], tokens[j + 1].kind)
                    && (self.org_run_ends(words, tokens, j + 1, end)
                        // Not "Treasury Secretary James Baker and Federal Reserve Board
                        // Chairman Paul Volcker": a person's phrase before the "and".
                        || self.org_run_before_title(words, tokens, j + 1, end)
                            && !(i..j).any(|k| {
                                self.lex.is_title_word(words[k]) || self.kb.is_given_name(words[k])
                            }))
                    && (!(i..j).any(|k| self.lex.is_org_head(words[k]))
                        || self.common_word_and_legal_form(words, tokens, j + 1, end))
                    && !self.party_members_follow(words, tokens, j + 1, end)
                    // "the House and Senate committees": two chambers.
                    && !(CHAMBERS.contains(&words[j - 1]) && CHAMBERS.contains(&words[j + 1]))
                {
                    // "Securities and Exchange Commission": "and" inside an organisation's name.
                    j += 2;
                } else if j + 2 < end
                    && w == "of"
                    && words[j + 1] == "the"
                    && self.is_cap(words[j + 2], tokens[j + 2].kind)
                {
                    j += 3;
                } else {
                    break;
                }
            }
            // "Reagan-Gorbachev summit", "U.S.-Soviet talks": names joined by a hyphen are
            // read part by part, unless the whole is a name ("Novo-Ogaryovo", "Al-Monitor").
            let hyphen_pair = j == i + 1
                && words[i]
                    .split('-')
                    .filter(|p| p.starts_with(char::is_uppercase))
                    .count()
                    >= 2
                && self.kb_match(words, i, j, false).is_none()
                && !words[i]
                    .split('-')
                    .next()
                    .is_some_and(|p| HYPHEN_PARTICLES.contains(&p.to_lowercase().as_str()));
            if hyphen_pair {
                self.hyphen_parts(words, tokens, i, si, out);
            } else {
                self.classify_span(words, tokens, si, s, i, j, out);
            }
            i = j;
        }
    }

    /// True when the capitalised run starting at `k` ends with the members of a party:
    /// "Reagan and Republicans" is a person and a party, not one organisation as "Securities
    /// and Exchange Commission" or "Black and Decker Corp" are.
    fn party_members_follow(&self, words: &[&str], tokens: &[Token], k: usize, end: usize) -> bool {
        let mut e = k;
        while e < end && self.is_cap(words[e], tokens[e].kind) {
            e += 1;
        }
        e > k && self.lex.is_party_members(words[e - 1])
    }

    /// True when the capitalised run starting at `k` ends with an organisation head noun.
    /// "Sumitomo Trust and Banking Co Ltd": after "and", one ordinary word or activity and
    /// then only a company's legal forms is the end of one company's name, not a second
    /// company (as "General Motors Corp" is).
    fn common_word_and_legal_form(
        &self,
        words: &[&str],
        tokens: &[Token],
        k: usize,
        end: usize,
    ) -> bool {
        let mut e = k + 1;
        while e < end && self.is_cap(words[e], tokens[e].kind) && is_company_suffix(words[e]) {
            e += 1;
        }
        e > k + 1
            && (e == end || !self.is_cap(words[e], tokens[e].kind))
            // An ordinary word, or an activity named by a gerund ("Banking", "Trading").
            && (self.lex.is_common_word(words[k]) || words[k].ends_with("ing"))
            && !self.kb.is_given_name(words[k])
    }

    fn org_run_ends(&self, words: &[&str], tokens: &[Token], k: usize, end: usize) -> bool {
        let mut e = k;
        while e < end && self.is_cap(words[e], tokens[e].kind) {
            e += 1;
        }
        e > k && self.lex.is_org_head(words[e - 1])
    }

    /// True when the capitalised run starting at `k` (across "and") ends in a company's legal
    /// form ("E.F. Hutton and Co").
    fn company_run_follows(&self, words: &[&str], tokens: &[Token], k: usize, end: usize) -> bool {
        let mut e = k;
        while e < end
            && (self.is_cap(words[e], tokens[e].kind)
                || matches!(words[e], "and" | "&")
                    && e + 1 < end
                    && self.is_cap(words[e + 1], tokens[e + 1].kind))
        {
            e += 1;
        }
        e > k && is_company_suffix(words[e - 1])
    }

    /// True when the capitalised run starting at `k` reaches an organisation head noun right
    /// before a title ("Ways and Means Committee Chairman Dan Rostenkowski", "Securities and
    /// Exchange Commission Chairman John Shad").
    fn org_run_before_title(&self, words: &[&str], tokens: &[Token], k: usize, end: usize) -> bool {
        let mut e = k + 1;
        while e < end && self.is_cap(words[e], tokens[e].kind) {
            if self.lex.is_title_head(words[e]) {
                // A body's own word, not a portfolio's ("Finance and Petroleum Minister").
                return matches!(
                    words[e - 1],
                    "Committee"
                        | "Commission"
                        | "Board"
                        | "Council"
                        | "Association"
                        | "Authority"
                        | "Agency"
                        | "Institute"
                        | "Federation"
                        | "Union"
                        | "Bank"
                        | "Fund"
                );
            }
            e += 1;
        }
        false
    }

    /// The end of a knowledge-base name that starts inside `i..j` and runs past token `j`
    /// ("Ministry of International Trade and Industry" at the "and").
    fn kb_name_across(&self, words: &[&str], i: usize, j: usize, end: usize) -> Option<usize> {
        (i..j).find_map(|k| {
            let (len, _) = self.kb_match(words, k, end, false)?;
            (k + len > j + 1).then_some(k + len)
        })
    }

    /// "Moscow-based", "U.S.-Canadian", "Reagan-Gorbachev": knowledge-base names inside a
    /// hyphenated token become mentions over their part of it.
    fn hyphen_parts(
        &self,
        words: &[&str],
        tokens: &[Token],
        i: usize,
        si: usize,
        out: &mut Vec<Candidate>,
    ) {
        let w = words[i];
        let base = tokens[i].span.start;
        let mut offset = 0;
        for (n, part) in w.split('-').enumerate() {
            let pstart = base + offset;
            offset += part.len() + 1;
            if part.is_empty() || !part.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            // "New York-based", "Salt Lake City-based": the name began words before.
            if n == 0 {
                if let Some(c) = self.name_ending_in_part(words, tokens, i, part, si) {
                    out.push(c);
                    continue;
                }
            }
            let found = self.index.get(part).and_then(|seqs| {
                seqs.iter()
                    .find(|(seq, _)| seq.len() == 1 && seq[0] == part)
            });
            let span = Some(Span::new(pstart, pstart + part.len()));
            if let Some((_, n)) = found {
                if let Some(mut c) = self.kb_candidate(*n, i..i + 1, si) {
                    c.span = span;
                    out.push(c);
                }
            } else if !self.lex.is_common_word(part) {
                out.push(Candidate {
                    tokens: i..i + 1,
                    span,
                    sentence: si,
                    kind: None,
                    kb_key: None,
                    role: MentionRole::Name,
                    text: Some(part.to_string()),
                });
            }
        }
    }

    /// A knowledge-base name of capitalised words ending at token `i - 1` and continued by the
    /// first part of the hyphenated word at `i` ("New" + "York-based").
    fn name_ending_in_part(
        &self,
        words: &[&str],
        tokens: &[Token],
        i: usize,
        part: &str,
        si: usize,
    ) -> Option<Candidate> {
        (1..=3.min(i)).rev().find_map(|k| {
            let before = &words[i - k..i];
            let glued = (i - k..i).all(|t| {
                tokens[t].kind == TokenKind::Word
                    && words[t].chars().next().is_some_and(char::is_uppercase)
                    && !self.lex.is_function_word(words[t])
                    && tokens[t + 1].span.start == tokens[t].span.end + 1
            });
            if !glued {
                return None;
            }
            let (_, n) = self.index.get(before[0])?.iter().find(|(seq, _)| {
                seq.len() == k + 1
                    && seq[..k].iter().zip(before).all(|(a, b)| a == b)
                    && seq[k] == part
            })?;
            let mut c = self.kb_candidate(*n, i - k..i + 1, si)?;
            c.span = Some(Span::new(
                tokens[i - k].span.start,
                tokens[i].span.start + part.len(),
            ));
            Some(c)
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn classify_span(
        &self,
        words: &[&str],
        tokens: &[Token],
        si: usize,
        s: &Sentence,
        mut i: usize,
        j: usize,
        out: &mut Vec<Candidate>,
    ) {
        // Leading closed-class words and, at a sentence start, ordinary words ("Days", "While").
        while i < j {
            let w = words[i];
            let at_start = self.at_sentence_start(words, tokens, s, i);
            let known = self.kb_match(words, i, j, false).is_some() || self.kb.is_given_name(w);
            let org_name =
                j - i >= 2 && self.lex.is_org_head(words[j - 1]) && !self.lex.is_function_word(w)
                    || j - i == 1 && LONE_BODIES.contains(&w)
                    || self.lone_chamber(words, i, s.tokens.end);
            if self.lex.is_function_word(w) && !known
                || (at_start
                    && !known
                    && !org_name
                    && !self.lex.is_title_word(w)
                    && self.lex.is_common_word(w))
            {
                i += 1;
            } else {
                break;
            }
        }
        // Trailing connectors left by the stripping, members named as a group ("Labour
        // MPs"), and a member's letters after a name that starts with a given name ("Frank
        // Field MP": a seat before "MP" stays, "Bolton West MP").
        let mut j = j;
        while j > i
            && (CONNECTORS.contains(&words[j - 1])
                || words[j - 1] == "the"
                || self.lex.is_title_plural(words[j - 1])
                    && !words[i..j].iter().any(|w| self.lex.is_org_head(w))
                || j - i >= 3
                    && self.lex.is_postnominal(words[j - 1])
                    && self.kb.is_given_name(words[i]))
        {
            j -= 1;
        }
        if i >= j {
            return;
        }
        // A whole-span knowledge-base name wins ("Russian Federation", "European Union").
        if let Some((len, n)) = self.kb_match(words, i, j, false) {
            if i + len == j {
                if let Some(c) = self.kb_candidate(n, i..j, si) {
                    out.push(c);
                }
                return;
            }
        }
        // A title with no name after it is nobody ("the National Security Adviser said"), nor
        // is a portfolio's title ("the EU's Humanitarian Aid Commissioner, Louis Michel,"):
        // capitalised words ending in a title's head, with no given name and no body's word.
        if self.lex.is_bare_title(&words[i..j])
            || j - i >= 2
                && self.lex.is_title_head(words[j - 1])
                && !(i..j).any(|k| {
                    self.kb.is_given_name(words[k])
                        || self.lex.is_org_head(words[k])
                        || self.kb_match(words, k, j, false).is_some()
                })
        {
            return;
        }
        // Title inside the span: [affiliation] [title words] [name].
        if let Some((t0, t1)) = self.title_in_span(words, i, j) {
            // "Shadow Constitutional Affairs Secretary": words between a title's modifier and
            // its head name the portfolio, not a body (unless they are a body's name).
            // So are the words between a possessive and the title ("the EU's Humanitarian Aid
            // Commissioner Louis Michel").
            let after_possessive = i > 0 && matches!(words[i - 1], "'s" | "’s");
            let portfolio = (t0 > i + 1
                && self.lex.is_title_word(words[i])
                && !self.lex.is_title_head(words[i])
                || t0 > i && after_possessive)
                && !(i..t0).any(|k| {
                    self.lex.is_org_head(words[k]) || self.kb_match(words, k, t0, false).is_some()
                });
            if t0 > i && !portfolio {
                self.classify_plain(words, tokens, si, s, i, t0, false, out);
            }
            if t1 < j {
                // "Chairman of the Council of Economic Advisers": after "of" or "the" comes
                // where the title is held, not who holds it.
                // ("MP for Grantham" names a seat, which `tagger::merge::constituencies`
                // reads.) The holder may follow the body: "Chairman of the Environmental
                // Audit Committee Peter Ainsworth".
                let holder = !matches!(words[t1 - 1], "of" | "the");
                let named = (t1 + 1..j).find(|&g| {
                    self.lex.is_org_head(words[g - 1]) && self.kb.is_given_name(words[g])
                });
                match named {
                    Some(g) if !holder => {
                        self.classify_plain(words, tokens, si, s, t1, g, false, out);
                        self.classify_plain(words, tokens, si, s, g, j, true, out);
                    }
                    _ => self.classify_plain(words, tokens, si, s, t1, j, holder, out),
                }
            }
            return;
        }
        self.classify_plain(words, tokens, si, s, i, j, false, out);
    }

    /// Finds a title phrase inside `i..j` that is followed by a name: returns its token range.
    fn title_in_span(&self, words: &[&str], i: usize, j: usize) -> Option<(usize, usize)> {
        let h = (i..j).find(|&k| {
            self.lex.is_title_head(words[k]) && self.kb_match(words, k, j, false).is_none()
        })?;
        // Extend back over modifiers ("Foreign", "Vice"), not over knowledge-base names.
        let mut t0 = h;
        while t0 > i
            && self.lex.is_title_word(words[t0 - 1])
            && self.kb_match(words, t0 - 1, j, false).is_none()
            && !self.lex.is_org_head(words[t0 - 1])
            // "New York State Comptroller": "State" ends a place's name, not begins a title.
            && !(i..t0 - 1).any(|x| {
                self.kb_match(words, x, t0, false)
                    .is_some_and(|(len, _)| x + len == t0)
            })
        {
            t0 -= 1;
        }
        // Extend forward over further title words ("Secretary of State", "Prime Minister"),
        // but not past an honorific: "Mr King", "Ms Major" are names.
        let honorific = matches!(
            self.lex.title_role(words[h]),
            Some((TitleRole::Honorific, _))
        );
        let mut t1 = h + 1;
        while !honorific
            && t1 < j
            && self.lex.is_title_word(words[t1])
            && !self.kb.is_given_name(words[t1])
        {
            t1 += 1;
        }
        // The org-head test comes first for "Foreign Ministry"-like spans with no name after.
        if t1 >= j {
            return None;
        }
        // "General Motors Corp": a title word that starts a company's name is part of it
        // (not "Chairman John Smith of Acme Corp": a given name or a connector after it).
        let company = t0 == i
            && self.lex.is_org_head(words[j - 1])
            && !self.kb.is_given_name(words[t1])
            && !words[t0..j]
                .iter()
                .any(|w| CONNECTORS.contains(w) || *w == "the");
        if company {
            return None;
        }
        Some((t0, t1))
    }

    #[allow(clippy::too_many_arguments)]
    fn classify_plain(
        &self,
        words: &[&str],
        tokens: &[Token],
        si: usize,
        s: &Sentence,
        i: usize,
        j: usize,
        after_title: bool,
        out: &mut Vec<Candidate>,
    ) {
        let n = j - i;
        // "said Paul Mackel of HSBC", "Mr D'Amuro of the FBI": a person and the body they
        // speak for (or the place they are from) are two names; not a title of nobility
        // ("Prince Charles of Wales") nor a body's name ("Bank of England").
        if let Some(o) = (i + 1..j.saturating_sub(1)).find(|&k| words[k] == "of") {
            let noble = i > 0 && NOBILITY.contains(&words[i - 1].trim_end_matches('.'));
            // "a Commander of the Order of Bath": an ordinary word is no person's name.
            let person = (self.kb.is_given_name(words[i])
                || after_title && !self.lex.is_common_word(words[i]))
                && !noble
                && !(i..o).any(|k| {
                    self.lex.is_org_head(words[k])
                        || NOBILITY.contains(&words[k].trim_end_matches('.'))
                        || self.kb_match(words, k, o, false).is_some()
                });
            if person {
                out.push(self.plain(i..o, si, EntityType::Person));
                let rest = if words[o + 1] == "the" { o + 2 } else { o + 1 };
                if rest < j {
                    // What a person is "of" is a place or a body, never a person.
                    let from = out.len();
                    self.classify_plain(words, tokens, si, s, rest, j, false, out);
                    for c in &mut out[from..] {
                        if matches!(c.kind, None | Some(EntityType::Person)) {
                            c.kind = Some(EntityType::Organization);
                        }
                    }
                }
                return;
            }
        }
        let has_org_head = (i..j).any(|k| self.lex.is_org_head(words[k]));
        let lone_body = n == 1
            && (LONE_BODIES.contains(&words[i]) || self.lone_chamber(words, i, s.tokens.end));
        if !after_title
            && self.lex.is_place_name(&words[i..j])
            && self.kb_match(words, i, j, false).is_none()
        {
            out.push(self.plain(i..j, si, EntityType::Location));
            return;
        }
        if (has_org_head && n >= 2 || lone_body) && !after_title {
            out.push(self.plain(i..j, si, EntityType::Organization));
            return;
        }
        // After a title everything is the name ("Vice President George Bush": George is no
        // place) — unless it starts with an ordinary word ("General Agreement on Tariffs").
        let ordinary = self.lex.is_common_word(words[i]) && !self.kb.is_given_name(words[i]);
        let after_title = after_title && !ordinary;
        if after_title
            && !self.kb_match(words, i, j, false).is_some_and(|(len, n)| {
                i + len == j
                    && self
                        .kb
                        .names()
                        .get(n)
                        .is_some_and(|nm| nm.key.namespace() != Namespace::Place)
            })
        {
            out.push(self.plain(i..j, si, EntityType::Person));
            return;
        }
        // "Charles Kennedy", "Jordan Peterson": a given name before a gazetteer word is a person.
        if n >= 2
            && self.kb.is_given_name(words[i])
            && !after_title
            && (i + 1..j).all(|k| !self.lex.is_org_head(words[k]))
        {
            let whole_kb = self
                .kb_match(words, i, j, false)
                .is_some_and(|(len, _)| i + len == j);
            let first_is_kb = self
                .kb_match(words, i, j, false)
                .is_some_and(|(len, _)| len > 1);
            if !whole_kb && !first_is_kb {
                out.push(self.plain(i..j, si, EntityType::Person));
                return;
            }
        }
        // "Democrat John Kerry", "Labour MP Tom Watson": a word that is no name before a given
        // name and a surname; the person starts at the given name.
        if !after_title && n >= 3 && self.kb_match(words, i, j, false).is_none() {
            if let Some(g) = (i + 1..j - 1).find(|&g| self.kb.is_given_name(words[g])) {
                let lead_is_name = (i..g).any(|k| self.kb.is_given_name(words[k]));
                if !lead_is_name && (g..j).all(|k| !self.lex.is_org_head(words[k])) {
                    self.classify_plain(words, tokens, si, s, i, g, false, out);
                    out.push(self.plain(g..j, si, EntityType::Person));
                    return;
                }
            }
        }
        // Knowledge-base names inside, the rest in pieces.
        let mut k = i;
        let mut piece = i;
        let mut pieces: Vec<(usize, usize)> = Vec::new();
        while k < j {
            if let Some((len, idx)) = self.kb_match(words, k, j, false) {
                // A given name followed by a KB word ("Jordan Peterson") is not the KB entry.
                if piece < k {
                    pieces.push((piece, k));
                }
                if let Some(c) = self.kb_candidate(idx, k..k + len, si) {
                    // "Washington Post": a KB place glued to an org head is no place.
                    out.push(c);
                }
                k += len;
                piece = k;
            } else {
                k += 1;
            }
        }
        if piece < j {
            pieces.push((piece, j));
        }
        for (a, b) in pieces {
            let kind = self.piece_kind(words, tokens, s, a, b, after_title && b == j);
            out.push(Candidate {
                tokens: a..b,
                span: None,
                sentence: si,
                kind,
                kb_key: None,
                role: MentionRole::Name,
                text: None,
            });
        }
    }

    fn piece_kind(
        &self,
        words: &[&str],
        tokens: &[Token],
        s: &Sentence,
        a: usize,
        b: usize,
        after_title: bool,
    ) -> Option<EntityType> {
        let n = b - a;
        if after_title {
            return Some(EntityType::Person);
        }
        if n >= 2 && (a..b).any(|k| self.lex.is_org_head(words[k])) {
            return Some(EntityType::Organization);
        }
        if n >= 2 && self.kb.is_given_name(words[a]) {
            return Some(EntityType::Person);
        }
        // A person the knowledge base knows by this name, or by its first and last words
        // ("Sauli Väinämö Niinistö" → Sauli Niinistö).
        if n >= 2 && self.known_person(&words[a..b]) {
            return Some(EntityType::Person);
        }
        // A lowercase title right before ("presidential aide Yury Ushakov"), but not before a
        // party's members ("fellow Republicans").
        let ordinary = self.lex.is_common_word(words[a]) && !self.kb.is_given_name(words[a]);
        let members = n == 1 && self.lex.is_party_members(words[a]);
        if a > s.tokens.start && self.lex.is_title_head(words[a - 1]) && !ordinary && !members {
            return Some(EntityType::Person);
        }
        if n >= 2 && self.person_context(words, tokens, s, a, b) {
            return Some(EntityType::Person);
        }
        None
    }

    fn known_person(&self, name: &[&str]) -> bool {
        let (Some(first), Some(last)) = (name.first(), name.last()) else {
            return false;
        };
        let full = name.join(" ");
        let folded_first = crate::text::fold(first);
        self.kb
            .lookup(&full)
            .iter()
            .any(|e| e.kind == EntityType::Person)
            || self.kb.people_with_surname(last).iter().any(|e| {
                e.name
                    .split_whitespace()
                    .next()
                    .is_some_and(|f| crate::text::fold(f) == folded_first)
            })
    }

    /// Speech verb after, or an appositive title around: "X said", "X, the top aide",
    /// "the spokesman for ..., X,".
    fn person_context(
        &self,
        words: &[&str],
        _tokens: &[Token],
        s: &Sentence,
        a: usize,
        b: usize,
    ) -> bool {
        let end = s.tokens.end;
        let mut k = b;
        // "..., Lewis Champion, told": the comma closing an apposition may come first.
        if k < end && words[k] == "," && a > s.tokens.start && words[a - 1] == "," {
            k += 1;
        }
        while k < end && matches!(words[k], "also" | "later" | "has" | "had" | "then" | "once") {
            k += 1;
        }
        if k < end && is_speech_form(words[k], SpeechUse::Speaker) {
            return true;
        }
        if b + 1 < end && words[b] == "," {
            let window = &words[b + 1..(b + 7).min(end)];
            if matches!(window.first(), Some(&"the") | Some(&"a") | Some(&"an"))
                && window
                    .iter()
                    .take_while(|w| **w != ",")
                    .any(|w| self.lex.is_title_head(w))
            {
                return true;
            }
        }
        // (The comma must be this sentence's: a name can open a sentence after a paragraph
        // break that follows a comma.)
        if a > s.tokens.start + 1 && words[a - 1] == "," {
            let from = a.saturating_sub(8).max(s.tokens.start);
            if words[from..a - 1].iter().any(|w| self.lex.is_title_head(w)) {
                return true;
            }
        }
        false
    }

    /// "the House voted", "House Speaker Jim Wright", "House majority leader": the word
    /// "House" alone names a legislature's chamber after "the", or before a title or a
    /// capitalised word; not in "House prices". `resolve` tells which chamber from the rest of
    /// the document.
    fn lone_chamber(&self, words: &[&str], i: usize, end: usize) -> bool {
        words[i] == "House"
            && (i > 0 && words[i - 1].eq_ignore_ascii_case("the")
                || i + 1 < end
                    && (words[i + 1].starts_with(char::is_uppercase)
                        || self.lex.is_title_word(words[i + 1])))
    }

    fn plain(
        &self,
        tokens: std::ops::Range<usize>,
        sentence: usize,
        kind: EntityType,
    ) -> Candidate {
        Candidate {
            tokens,
            span: None,
            sentence,
            kind: Some(kind),
            kb_key: None,
            role: MentionRole::Name,
            text: None,
        }
    }

    fn at_sentence_start(&self, words: &[&str], tokens: &[Token], s: &Sentence, i: usize) -> bool {
        let mut k = i;
        while k > s.tokens.start {
            k -= 1;
            if tokens[k].kind != TokenKind::Punct {
                // "MOSCOW – Days": after a dateline the next word starts the sentence.
                return k + 1 < i
                    && matches!(words[k + 1], "–" | "—" | "-" | "--" | ":")
                    && words[s.tokens.start..=k].iter().all(|w| {
                        !w.chars().any(char::is_lowercase)
                            || is_month(w)
                            || w.chars().all(|c| c.is_ascii_digit())
                    });
            }
        }
        true
    }

    /// Single capitalised words and headline words become people or organisations when the
    /// document names them in full elsewhere; otherwise they are dropped.
    fn decide_document_level(
        &self,
        words: &[&str],
        _sentences: &[Sentence],
        cands: &mut [Candidate],
    ) {
        let mut surnames: HashSet<String> = HashSet::new();
        let mut given: HashSet<String> = HashSet::new();
        let mut acronyms: HashSet<String> = HashSet::new();
        let mut single_person: HashSet<String> = HashSet::new();
        for c in cands.iter() {
            let toks = &words[c.tokens.clone()];
            match c.kind {
                Some(EntityType::Person) if toks.len() >= 2 => {
                    if let Some(last) = toks.last() {
                        surnames.insert(last.to_string());
                    }
                    given.insert(toks[0].to_string());
                }
                Some(EntityType::Person) => {
                    single_person.insert(toks[0].to_string());
                }
                Some(EntityType::Organization) if toks.len() >= 2 => {
                    let initials: String = toks
                        .iter()
                        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
                        .filter_map(|w| w.chars().next())
                        .collect();
                    acronyms.insert(initials);
                }
                _ => {}
            }
        }
        let upper_surnames: HashMap<String, String> = surnames
            .iter()
            .chain(single_person.iter())
            .map(|s| (s.to_uppercase(), s.clone()))
            .collect();
        for c in cands.iter_mut() {
            let is_place = c
                .kb_key
                .as_ref()
                .is_some_and(|k| k.namespace() == Namespace::Place);
            if is_place && c.tokens.len() == 1 && c.span.is_none() {
                let w = words[c.tokens.start];
                if surnames.contains(w) || given.contains(w) {
                    c.kind = Some(EntityType::Person);
                    c.kb_key = None;
                    c.role = MentionRole::Name;
                }
            }
        }
        for c in cands.iter_mut().filter(|c| c.kind.is_none()) {
            let w = c
                .text
                .clone()
                .unwrap_or_else(|| words[c.tokens.clone()].join(" "));
            let last = w.split(' ').next_back().unwrap_or("").to_string();
            let known_person = surnames.contains(&last) || single_person.contains(&w);
            let given_alone =
                c.tokens.len() == 1 && given.contains(&w) && !self.lex.is_common_word(&w);
            if known_person || given_alone {
                c.kind = Some(EntityType::Person);
            } else if acronyms.contains(&w) && w.len() >= 2 {
                c.kind = Some(EntityType::Organization);
            } else if let Some(proper) = upper_surnames.get(&w) {
                if w.chars().all(|ch| !ch.is_lowercase()) {
                    c.kind = Some(EntityType::Person);
                    c.text = Some(proper.clone());
                }
            }
        }
    }
}

/// "the Commons public accounts committee", "the Commons work and pensions committee": a
/// chamber's committee written in lower case is an organisation, named in title case
/// ("Public Accounts Committee") over its lower-case words; the chamber stays a mention of its
/// own. One to four words of letters between the chamber and "committee" ("and" inside), none
/// a function word or a past participle ("the Senate passed a committee report").
fn chamber_committees(
    words: &[&str],
    tokens: &[Token],
    si: usize,
    s: &Sentence,
    out: &mut Vec<Candidate>,
) {
    let lex = Lexicon::embedded();
    for c in s.tokens.clone() {
        if !CHAMBERS.contains(&words[c]) {
            continue;
        }
        let first = c + 1;
        let mut k = first;
        while k < s.tokens.end
            && k - first < 5
            && tokens[k].kind == TokenKind::Word
            && words[k].chars().all(|ch| ch.is_ascii_lowercase())
            && words[k] != "committee"
            && (words[k] == "and" || !lex.is_function_word(words[k]))
            && !words[k].ends_with("ed")
        {
            k += 1;
        }
        let between = k - first;
        // "a Commons select committee": a kind of committee, not one by its name.
        let kind_only = words[first..k].iter().all(|w| {
            matches!(
                *w,
                "select" | "standing" | "joint" | "special" | "parliamentary"
            )
        });
        let indefinite = c > s.tokens.start && matches!(words[c - 1], "a" | "an" | "A" | "An");
        if k >= s.tokens.end
            || words[k] != "committee"
            || !(1..=4).contains(&between)
            || words[first] == "and"
            || words[k - 1] == "and"
            || kind_only
            || indefinite
        {
            continue;
        }
        let name: Vec<String> = words[first..=k]
            .iter()
            .map(|w| match *w {
                "and" => "and".to_string(),
                w => {
                    let mut cs = w.chars();
                    cs.next()
                        .map(|f| f.to_uppercase().chain(cs).collect())
                        .unwrap_or_default()
                }
            })
            .collect();
        out.push(Candidate {
            tokens: first..k + 1,
            span: None,
            sentence: si,
            kind: Some(EntityType::Organization),
            kb_key: None,
            role: MentionRole::Name,
            text: Some(name.join(" ")),
        });
    }
}

/// The legal form that ends a company's name ("Co", "Inc", "Plc", "AG").
pub(crate) fn is_company_suffix(w: &str) -> bool {
    matches!(
        w.trim_end_matches('.'),
        "Co" | "Cos"
            | "Corp"
            | "Inc"
            | "Ltd"
            | "Plc"
            | "PLC"
            | "LP"
            | "Bhd"
            | "AG"
            | "SA"
            | "AB"
            | "NV"
            | "BV"
            | "SpA"
            | "GmbH"
            | "KK"
    )
}

/// Days and months are capitalised but never part of a name here ("Putin on Thursday").
fn is_calendar_word(w: &str) -> bool {
    matches!(
        w,
        "Monday"
            | "Tuesday"
            | "Wednesday"
            | "Thursday"
            | "Friday"
            | "Saturday"
            | "Sunday"
            | "January"
            | "February"
            | "March"
            | "April"
            | "July"
            | "August"
            | "September"
            | "October"
            | "November"
            | "December"
    )
}

fn is_month(w: &str) -> bool {
    matches!(
        w.trim_end_matches('.'),
        "January"
            | "February"
            | "March"
            | "April"
            | "May"
            | "June"
            | "July"
            | "August"
            | "September"
            | "October"
            | "November"
            | "December"
            | "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Jun"
            | "Jul"
            | "Aug"
            | "Sep"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
    )
}

/// The word without accents, case kept ("Reykjavík" → "Reykjavik"), so names match however
/// the text or the gazetteer spells them.
fn deaccent(w: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::UnicodeNormalization;
    if w.is_ascii() {
        return std::borrow::Cow::Borrowed(w);
    }
    std::borrow::Cow::Owned(
        w.nfd()
            .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
            .collect(),
    )
}

/// Surface text with line breaks and runs of spaces folded to one space.
fn clean_surface(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "two Britons", "many Americans": a plural demonym after a number or a quantifier counts
/// people, and is no mention of their country ("the Nigerians said" is).
fn counted_people(words: &[&str], c: &Candidate) -> bool {
    c.role == MentionRole::Demonym
        && c.tokens.start > 0
        && counts_people(words[c.tokens.start - 1], words[c.tokens.end - 1])
}

/// True when `word_before` counts the people a plural demonym names ("two Britons").
pub(crate) fn counts_people(word_before: &str, demonym: &str) -> bool {
    let before = word_before.to_lowercase();
    demonym.ends_with('s')
        && (before.chars().all(|ch| ch.is_ascii_digit() || ch == ',')
            || matches!(
                before.as_str(),
                "two"
                    | "three"
                    | "four"
                    | "five"
                    | "six"
                    | "seven"
                    | "eight"
                    | "nine"
                    | "ten"
                    | "dozen"
                    | "dozens"
                    | "hundreds"
                    | "thousands"
                    | "millions"
                    | "many"
                    | "few"
                    | "several"
                    | "some"
                    | "most"
                    | "all"
                    | "other"
                    | "fellow"
                    | "ordinary"
                    | "young"
                    | "more"
                    | "fewer"
            ))
}

#[cfg(test)]
mod tests {
    use crate::model::{Document, EntityType};
    use crate::pipeline::Pipeline;

    fn entities(text: &str) -> Vec<(String, EntityType)> {
        let ex = Pipeline::new().extract(Document::from_text("t.txt", text));
        ex.entities
            .iter()
            .map(|e| (e.name.clone(), e.kind))
            .collect()
    }

    /// Sentences and the (name, type) entities that must and must not come out of them.
    #[test]
    fn mentions_in_news_sentences() {
        use EntityType::*;
        type Case<'a> = (&'a str, &'a [(&'a str, EntityType)], &'a [&'a str]);
        let cases: &[Case] = &[
            // A person "and" a party is no organisation; firms keep their "and".
            (
                "Congress will write a bill Reagan and Republicans would endorse.",
                &[],
                &["Reagan and Republicans"],
            ),
            // A person "of" a body or a place is two names; not a title of nobility, nor an
            // ordinary word after a title.
            (
                "said Paul Mackel of HSBC. Michael Walsh of First Marathon Securities agreed. Mr D'Amuro of the FBI did not.",
                &[
                    ("Paul Mackel", Person),
                    ("HSBC", Organization),
                    ("First Marathon Securities", Organization),
                    ("FBI", Organization),
                ],
                &["Paul Mackel of HSBC", "Michael Walsh of First Marathon Securities"],
            ),
            (
                "Prince Charles of Wales spoke. He was made a Commander of the Order of Bath.",
                &[],
                &["Order"],
            ),
            // A title with no name after it is nobody.
            (
                "The National Security Adviser and the Culture Secretary said nothing.",
                &[],
                &["National Security Adviser", "Culture Secretary"],
            ),
            (
                "The Securities and Exchange Commission said so.",
                &[("Securities and Exchange Commission", Organization)],
                &[],
            ),
            (
                "He bought shares of Black and Decker Corp on Monday.",
                &[("Black and Decker Corp", Organization)],
                &[],
            ),
            // After an honorific a title word is a surname.
            (
                "Labour MP Margaret King spoke. Later, Ms King said she was delighted.",
                &[("Margaret King", Person)],
                &["Ms King"],
            ),
            (
                "Chancellor of the Exchequer Nigel Lawson spoke.",
                &[("Nigel Lawson", Person)],
                &["Exchequer Nigel Lawson"],
            ),
            (
                "The General Agreement on Tariffs and Trade was signed.",
                &[],
                &["Agreement"],
            ),
            (
                "The Securities and Exchange Commission said so.",
                &[("Securities and Exchange Commission", Organization)],
                &["Exchange Commission"],
            ),
            (
                "He was a fellow at the University of New York and Georgetown University.",
                &[
                    ("University of New York", Organization),
                    ("Georgetown University", Organization),
                ],
                &["University of New York and Georgetown University"],
            ),
            (
                "Federal Reserve Board said rates would rise.",
                &[("Federal Reserve", Organization)],
                &["Reserve Board"],
            ),
            (
                "Vice President George Bush met Joe Clark.",
                &[("George Bush", Person)],
                &["George"],
            ),
            ("Days before the summit, Putin spoke.", &[], &["Days"]),
            (
                "MOSCOW – Vladimir Putin met Donald Trump in Helsinki on Monday.",
                &[
                    ("Moscow", Location),
                    ("Vladimir Putin", Person),
                    ("Helsinki", Location),
                ],
                &["Vladimir Putin on Monday"],
            ),
            (
                "A Moscow-based think tank, the Valdai Discussion Club, met.",
                &[
                    ("Moscow", Location),
                    ("Valdai Discussion Club", Organization),
                ],
                &[],
            ),
            // "and" inside a body's name before a title, or inside a knowledge-base name;
            // not between two people's phrases, nor inside a minister's portfolio.
            (
                "House Ways and Means Committee Chairman Dan Rostenkowski and officials of the Ministry of International Trade and Industry met.",
                &[
                    ("House Ways and Means Committee", Organization),
                    ("Dan Rostenkowski", Person),
                    ("Ministry of International Trade and Industry", Organization),
                ],
                &["Means Committee", "Ministry of International Trade"],
            ),
            (
                "Both Treasury Secretary James Baker and Federal Reserve Board Chairman Paul Volcker warned. Finance and Petroleum Minister Sheikh Abdul-Aziz said so.",
                &[("James Baker", Person), ("Paul Volcker", Person)],
                &["Finance and Petroleum"],
            ),
            // "for" before a company of its own joins no names; "Systems for Health Care
            // Inc" is one.
            (
                "Richard Schwarz, who follows Kodak for E.F. Hutton and Co, said so. Systems for Health Care Inc said so.",
                &[
                    ("E.F. Hutton and Co", Organization),
                    ("Systems for Health Care Inc", Organization),
                ],
                &["Kodak for E.F. Hutton and Co"],
            ),
            // A name that begins words before the hyphenated word; not "The" before it.
            (
                "Acme, a New York-based maker, and a Salt Lake City-based bank met.",
                &[
                    ("New York City", Location),
                    ("Salt Lake City", Location),
                ],
                &["York"],
            ),
            (
                "The Netherlands-based company grew.",
                &[("Netherlands", Country)],
                &["The Netherlands"],
            ),
            (
                "Russian Foreign Minister Sergey Lavrov and Iran's Ali Akbar Velayati met.",
                &[
                    ("Russia", Country),
                    ("Sergey Lavrov", Person),
                    ("Iran", Country),
                    ("Ali Akbar Velayati", Person),
                ],
                &[],
            ),
            // A company's legal suffix makes a body of the name before it, whatever cue
            // says person ("X said", a given name first, a title first).
            (
                "Hughes Tool Co said rigs fell. Ford Motor Co said sales rose.",
                &[
                    ("Hughes Tool Co", Organization),
                    ("Ford Motor Co", Organization),
                ],
                &[],
            ),
            (
                "Goodyear Tire and Rubber Co said so. Cable and Wireless Plc agreed.",
                &[
                    ("Goodyear Tire and Rubber Co", Organization),
                    ("Cable and Wireless Plc", Organization),
                ],
                &["Rubber Co", "Wireless Plc"],
            ),
            (
                "John Nettle, a former employee of General Mills, said so.",
                &[("John Nettle", Person), ("General Mills", Organization)],
                &["Mills"],
            ),
            (
                "General Instrument Corp said sales fell.",
                &[("General Instrument Corp", Organization)],
                &["Instrument Corp"],
            ),
            // ... but a title and "of the" before a body are a title held in it, and a legal
            // suffix ends the company's name.
            (
                "Shinji Fukukawa, Vice Minister of the International Trade and Industry Ministry, \
                 spoke. The board asked First Boston Corp and Lazard Freres and Co. James Burke, \
                 president of Merrill Lynch, said no.",
                &[
                    ("International Trade and Industry Ministry", Organization),
                    ("James Burke", Person),
                ],
                &[
                    "Vice Minister of the International Trade and Industry Ministry",
                    "Co. James Burke",
                ],
            ),
            (
                "Bond Corp Holdings Ltd agreed. Ms Roche, Labour MP for Hornsey, spoke. \
                 Chairman of the Environmental Audit Committee Peter Ainsworth said so.",
                &[
                    ("Bond Corp Holdings Ltd", Organization),
                    ("Environmental Audit Committee", Organization),
                    ("Peter Ainsworth", Person),
                ],
                &["Holdings Ltd", "Environmental Audit Committee Peter Ainsworth"],
            ),
            // A feature of the land or a structure on it is a place.
            (
                "Repairs to the Welland Canal joining Lake Erie with Lake Ontario will keep \
                 it closed. Its sister project, the Xiluodu Dam, is being built.",
                &[
                    ("Welland Canal", Location),
                    ("Xiluodu Dam", Location),
                ],
                &[],
            ),
            // Advisers of a council are no group of title holders to strip.
            (
                "Beryl Sprinkel, Chairman of the Council of Economic Advisers, spoke.",
                &[("Council of Economic Advisers", Organization)],
                &["Council of Economic"],
            ),
            // "Parliament" alone is the country's parliament, a body.
            (
                "Parliament should vote on the plans, Tony Blair said.",
                &[("Parliament", Organization)],
                &[],
            ),
            (
                "The European Parliament voted.",
                &[("European Parliament", Organization)],
                &["Parliament"],
            ),
            // "and" inside one company's name: an ordinary word or an activity and then only
            // legal forms; a second company has a name of its own.
            (
                "Sumitomo Trust and Banking Co Ltd and Nippon Telegraph and Telephone Corp agreed.",
                &[
                    ("Sumitomo Trust and Banking Co Ltd", Organization),
                    ("Nippon Telegraph and Telephone Corp", Organization),
                ],
                &["Sumitomo Trust", "Banking Co Ltd"],
            ),
            (
                "Ford Motor Co and General Instrument Corp agreed.",
                &[("Ford Motor Co", Organization), ("General Instrument Corp", Organization)],
                &[],
            ),
            // "House" alone is a chamber after "the" or before a title; two chambers named
            // together are two bodies; "House prices" names none.
            (
                "House majority leader Thomas Foley said the House and Senate committees would meet.",
                &[("House of Representatives", Organization), ("Senate", Organization), ("Thomas Foley", Person)],
                &["House and Senate"],
            ),
            (
                "House prices rose in May, Nationwide said.",
                &[],
                &["House"],
            ),
            // The words between a title's modifier and its head are a portfolio.
            (
                "Shadow Constitutional Affairs Secretary Oliver Heald spoke.",
                &[("Oliver Heald", Person)],
                &["Shadow Constitutional Affairs", "Constitutional Affairs"],
            ),
            // A chamber's committee written in lower case is named all the same.
            (
                "Edward Leigh, chairman of the Commons public accounts committee, agreed.",
                &[
                    ("Public Accounts Committee", Organization),
                    ("House of Commons", Organization),
                    ("Edward Leigh", Person),
                ],
                &[],
            ),
            (
                "He told the Commons work and pensions committee. The Senate passed a committee report. Mr Straw told a Commons select committee.",
                &[("Work and Pensions Committee", Organization)],
                &["Committee", "Passed Committee", "Select Committee"],
            ),
            // Members named as a group are nobody: "MPs", "senators".
            (
                "Chairman Sam Younger told MPs on Tuesday that Labour MPs agreed.",
                &[("Sam Younger", Person)],
                &["MPs"],
            ),
            // A member's letters after a name are no part of it.
            (
                "Former welfare minister Frank Field MP said so. Andrew Nicol QC resigned.",
                &[("Frank Field", Person), ("Andrew Nicol", Person)],
                &["Frank Field MP", "Andrew Nicol QC"],
            ),
            (
                "The talks were in Reykjavík, Iceland, and in Reykjavik again.",
                &[("Reykjavík", Location), ("Iceland", Country)],
                &[],
            ),
        ];
        // A party's members after a title word ("fellow") are no person.
        let got = entities("Reagan was ignored by Democrats and fellow Republicans alike.");
        assert!(
            !got.iter().any(|(n, k)| n == "Republicans" && *k == Person),
            "{got:?}"
        );
        for (text, want, banned) in cases {
            let got = entities(text);
            for (name, kind) in *want {
                assert!(
                    got.iter().any(|(n, k)| n == name && k == kind),
                    "{text}\n  missing {name} {kind}\n  got {got:?}"
                );
            }
            for name in *banned {
                assert!(
                    !got.iter().any(|(n, _)| n == name),
                    "{text}\n  must not have {name}: {got:?}"
                );
            }
        }
    }
}
