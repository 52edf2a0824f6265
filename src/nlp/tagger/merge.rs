//! The hook between the trained recogniser and the rule-based mention finder: recogniser
//! spans that no rule mention touches become extra mentions, typed for kg's ontology.
//!
//! CoNLL types map to kg's: PER → PERSON; ORG → ORGANIZATION; LOC → COUNTRY when the knowledge
//! base knows the name as a country, else LOCATION; MISC → COUNTRY (as a demonym) when the
//! knowledge base knows it as a demonym, else dropped. The rules stay authoritative wherever
//! they found something: they link to the knowledge base and know titles and roles.

use super::NerSpan;
use crate::kb::{Key, KnowledgeBase};
use crate::model::{EntityType, Mention, MentionRole, Sentence, Token};

/// kg's type, knowledge-base key and role for a recogniser span, or `None` to drop it.
pub fn map_type(
    label: &str,
    surface: &str,
    kb: &KnowledgeBase,
) -> Option<(EntityType, Option<Key>, MentionRole)> {
    let entries = kb.lookup(surface);
    let key_of = |kind: EntityType| {
        entries
            .iter()
            .find(|e| e.kind == kind)
            .map(|e| e.key.clone())
    };
    match label {
        "PER" => Some((EntityType::Person, None, MentionRole::Name)),
        // Organisations the knowledge base does not know are companies, banks and bodies
        // business news is full of ("WorldCom", "Gimme Credit"); `plausible` drops the
        // treaties and titles the recogniser also tags ORG.
        // A name the knowledge base knows only as something else, or as a person's surname
        // ("Reagan" in "the Reagan administration"), is not an organisation of its own.
        "ORG" => match key_of(EntityType::Organization) {
            Some(k) => Some((EntityType::Organization, Some(k), MentionRole::Name)),
            None if entries.is_empty() && kb.people_with_surname(surface).is_empty() => {
                Some((EntityType::Organization, None, MentionRole::Name))
            }
            None => None,
        },
        "LOC" => match key_of(EntityType::Country) {
            Some(k) => Some((EntityType::Country, Some(k), MentionRole::Name)),
            None => Some((
                EntityType::Location,
                key_of(EntityType::Location),
                MentionRole::Name,
            )),
        },
        "MISC" => {
            if kb.is_demonym(surface) {
                key_of(EntityType::Country)
                    .map(|k| (EntityType::Country, Some(k), MentionRole::Demonym))
            } else {
                None
            }
        }
        _ => None,
    }
}

/// Adds recogniser spans that overlap no existing mention; returns mentions in text order.
pub fn add_missing(
    text: &str,
    sentences: &[Sentence],
    mut mentions: Vec<Mention>,
    spans: &[NerSpan],
    kb: &KnowledgeBase,
) -> Vec<Mention> {
    // Computed once per document: per-span scans of every mention made long documents
    // quadratic. `taken`: rule mentions by start, with the furthest end so far.
    let mut taken: Vec<(usize, usize)> = mentions
        .iter()
        .map(|m| (m.span.start, m.span.end))
        .collect();
    taken.sort_unstable();
    let mut reach = 0;
    for t in &mut taken {
        reach = reach.max(t.1);
        t.1 = reach;
    }
    let surnames = surnames(&mentions, spans, text);
    let spans = mend_spans(text, sentences, spans, kb);
    let mut added = Vec::new();
    // Rule mentions a longer recogniser name swallows: "Mann" (a knowledge-base alias of the
    // Isle of Man) inside "Evan Mann", "Washington" inside "George Washington University".
    let mut swallowed: Vec<usize> = Vec::new();
    for s in &spans {
        let before_end = taken.partition_point(|&(start, _)| start < s.span.end);
        let overlaps = before_end > 0 && taken[before_end - 1].1 > s.span.start;
        if overlaps {
            match swallowed_by(&mentions, s, text, kb) {
                Some(inner) => swallowed.extend(inner),
                None => continue,
            }
        }
        let surface = without_stray_brackets(
            &s.span
                .slice(text)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        );
        let Some((mut kind, kb_key, role)) = map_type(s.label, &surface, kb) else {
            continue;
        };
        let before = text[..s.span.start].split_whitespace().next_back();
        if role == MentionRole::Demonym
            && before.is_some_and(|b| crate::nlp::mention_rules::counts_people(b, &surface))
        {
            continue;
        }
        // "Winn-Dixie", "Wal-Mart", "Rolls-Royce": one hyphenated word of capitalised parts
        // that is nobody's surname in the document is a company the recogniser took for a
        // person, or for a place where nothing says it is one ("in", "at").
        if matches!(kind, EntityType::Person | EntityType::Location)
            && kb_key.is_none()
            && is_hyphenated_brand(&surface, &surnames)
            && !plausible(kind, &surface, before, &surnames)
        {
            kind = EntityType::Organization;
        }
        if kb_key.is_none() && !plausible(kind, &surface, before, &surnames) {
            continue;
        }
        // "the EU's Humanitarian Aid Commissioner, Louis Michel": a portfolio's title is
        // nobody's name.
        let lex = crate::nlp::lexicon::Lexicon::embedded();
        // ("Mervyn King", "Oona King": a title that is also a surname ends names.)
        if kind == EntityType::Person
            && surface
                .split_whitespace()
                .next_back()
                .is_some_and(|w| lex.is_title_head(w) && kb.people_with_surname(w).is_empty())
            && !surface.split_whitespace().any(|w| kb.is_given_name(w))
        {
            continue;
        }
        // "Agriculture Minister Mutsuki Kato": a lone word before a capitalised title names the
        // portfolio, not an organisation ("Qantas boss Geoff Dixon" names a company).
        // A body's common noun alone ("Committee chairman Alan Beith") names no one body.
        let after = text[s.span.end..].split_whitespace().next();
        // So do the words after a title's modifier: "Shadow Constitutional Affairs Secretary".
        let before_title =
            after.is_some_and(|w| w.starts_with(char::is_uppercase) && lex.is_title_head(w));
        let first = surface.split_whitespace().next().unwrap_or("");
        // ... and so do the words between a possessive and a title ("the EU's Humanitarian
        // Aid Commissioner").
        let after_possessive = matches!(before, Some("'s" | "’s"))
            || before.is_some_and(|b| b.ends_with("'s") || b.ends_with("’s"));
        let modified_portfolio = (lex.is_title_word(first) && !lex.is_title_head(first)
            || after_possessive)
            && !surface.split_whitespace().any(|w| lex.is_org_head(w));
        if kind == EntityType::Organization
            && kb_key.is_none()
            && (s.tokens.len() == 1
                && (matches!(
                    surface.as_str(),
                    "Committee" | "Council" | "Department" | "Ministry" | "Party" | "Government"
                ) || before_title)
                || before_title && modified_portfolio)
        {
            continue;
        }
        let sentence = sentences.partition_point(|x| x.tokens.end <= s.tokens.start);
        if !sentences
            .get(sentence)
            .is_some_and(|x| x.tokens.contains(&s.tokens.start))
        {
            continue;
        }
        added.push(Mention {
            span: s.span,
            tokens: s.tokens.clone(),
            sentence,
            kind,
            kb_key,
            text: surface,
            role,
        });
    }
    if !swallowed.is_empty() {
        swallowed.sort_unstable();
        swallowed.dedup();
        let mut i = 0;
        mentions.retain(|_| {
            i += 1;
            swallowed.binary_search(&(i - 1)).is_err()
        });
    }
    mentions.extend(added);
    mentions.sort_by_key(|m| (m.span.start, m.span.end));
    mentions
}

/// One name, one reading per document: where the recogniser found a name in one sentence
/// ("Winn-Dixie, once among the most profitable...") and missed it in another ("US
/// supermarket group Winn-Dixie has filed..."), every exact repeat of its tokens that no
/// mention touches becomes a mention of the same kind. Only names no knowledge-base entry
/// covers (the rules find those everywhere already); a one-word name must not be an ordinary
/// word ("May", "Green"), so that a month or an adjective is never taken for it.
pub fn repeat_names(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    mut mentions: Vec<Mention>,
) -> Vec<Mention> {
    let lex = crate::nlp::lexicon::Lexicon::embedded();
    let word = |t: usize| tokens[t].span.slice(text);
    let mut covered = vec![false; tokens.len()];
    for m in &mentions {
        for t in m.tokens.clone() {
            if let Some(c) = covered.get_mut(t) {
                *c = true;
            }
        }
    }
    // Surface (token texts) → the first mention with it.
    let mut names: Vec<(Vec<String>, usize)> = Vec::new();
    for (i, m) in mentions.iter().enumerate() {
        let words: Vec<String> = m.tokens.clone().map(|t| word(t).to_string()).collect();
        // "the National Audit Office ... NAO head Sir John Bourn": the initials of an
        // organisation's name, written as a word of capitals, are that organisation.
        if m.kind == EntityType::Organization && m.role == MentionRole::Name {
            let initials: String = words
                .iter()
                .filter(|w| !matches!(w.as_str(), "of" | "and" | "the" | "for" | "on" | "&"))
                .filter_map(|w| w.chars().next())
                .collect();
            let content = words.iter().filter(|w| w.len() > 3).count();
            if content >= 2
                && (2..=6).contains(&initials.chars().count())
                && initials.chars().all(char::is_uppercase)
                && !names.iter().any(|(n, _)| n.len() == 1 && n[0] == initials)
                // "Metropolitan Police ... Tory MP": the letters of a title are no body.
                && !is_title_letters(&initials)
            {
                names.push((vec![initials], i));
            }
        }
        let repeatable = m.kb_key.is_none()
            && m.role == MentionRole::Name
            && matches!(m.kind, EntityType::Person | EntityType::Organization)
            && words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            && match words.as_slice() {
                [w] => w.chars().count() >= 3 && !lex.is_common_word(w),
                _ => true,
            };
        if repeatable && !names.iter().any(|(n, _)| *n == words) {
            names.push((words, i));
        }
    }
    // Where each name's first word stands, so that a long document is read once, not once
    // per name.
    let mut starts: std::collections::HashMap<&str, Vec<usize>> = Default::default();
    for (t, free) in covered.iter().enumerate() {
        if !free {
            starts.entry(word(t)).or_default().push(t);
        }
    }
    let mut added = Vec::new();
    for (words, i) in &names {
        let n = words.len();
        for &t in starts.get(words[0].as_str()).into_iter().flatten() {
            let free = t + n <= tokens.len() && (t..t + n).all(|k| !covered[k]);
            if free && (0..n).all(|k| word(t + k) == words[k]) {
                let sentence = sentences.partition_point(|x| x.tokens.end <= t);
                if sentences
                    .get(sentence)
                    .is_some_and(|x| x.tokens.contains(&(t + n - 1)))
                {
                    let source = &mentions[*i];
                    added.push(Mention {
                        span: crate::model::Span {
                            start: tokens[t].span.start,
                            end: tokens[t + n - 1].span.end,
                        },
                        tokens: t..t + n,
                        sentence,
                        text: words.join(" "),
                        ..source.clone()
                    });
                    covered[t..t + n].iter_mut().for_each(|c| *c = true);
                }
            }
        }
    }
    mentions.extend(added);
    mentions.sort_by_key(|m| (m.span.start, m.span.end));
    mentions
}

/// The rule mentions a recogniser PER or ORG span swallows, when it should replace them: every
/// mention it overlaps lies inside it, is one token shorter at least, and is a lone
/// non-person word. `None` when the rules' reading stands. `mentions` are in text order.
fn swallowed_by(
    mentions: &[Mention],
    s: &NerSpan,
    text: &str,
    kb: &KnowledgeBase,
) -> Option<Vec<usize>> {
    let surface = s.span.slice(text);
    // An all-capitals span is a headline, where the recogniser's casing cues fail.
    let headline = !surface.chars().any(char::is_lowercase);
    if !matches!(s.label, "PER" | "ORG") || headline {
        return None;
    }
    // Mentions are sorted by start; any that starts before the span and reaches into it is
    // not inside it.
    let first = mentions.partition_point(|m| m.span.start < s.span.start);
    if mentions[..first]
        .iter()
        .rev()
        .take(8)
        .any(|m| m.span.end > s.span.start)
    {
        return None;
    }
    let inner: Vec<usize> = (first..mentions.len())
        .take_while(|&i| mentions[i].span.start < s.span.end)
        .collect();
    // "Winn" of "Winn-Dixie", "Mart" of "Wal-Mart": a rule mention that is only part of a
    // hyphenated word the recogniser reads as one name is a part of that name.
    let hyphen_part = |m: &Mention| {
        m.span.start >= s.span.start
            && m.span.end <= s.span.end
            && m.kind != EntityType::Country
            && (text[..m.span.start].ends_with('-') || text[m.span.end..].starts_with('-'))
    };
    if !inner.is_empty() && inner.iter().all(|&i| hyphen_part(&mentions[i])) {
        return Some(inner);
    }
    let fits = !inner.is_empty()
        && s.tokens.len() >= 2
        && inner.iter().all(|&i| {
            let m = &mentions[i];
            // Where the word sits says which reading is likely: a surname ends a person's
            // name ("Evan Mann", not "Wisconsin Democrat"); a place starts a club or company
            // ("Manchester City", not "East End of London"). A country is swallowed only
            // through a stray alias ("Mann" of the Isle of Man), never by its own name.
            let placed = match s.label {
                "PER" => m.tokens.end == s.tokens.end,
                _ => m.tokens.start == s.tokens.start,
            };
            let own_name = m
                .kb_key
                .as_deref()
                .and_then(|k| kb.entry(k))
                .is_some_and(|e| e.name == m.text);
            let country_ok = m.kind != EntityType::Country || (s.label == "PER" && !own_name);
            placed
                && country_ok
                && m.span.end <= s.span.end
                && m.tokens.len() == 1
                && m.kind != EntityType::Person
                && m.role == MentionRole::Name
        });
    fits.then_some(inner)
}

/// One word of two or more capitalised parts joined by hyphens, not a surname of the document.
fn is_hyphenated_brand(surface: &str, surnames: &std::collections::HashSet<&str>) -> bool {
    let parts: Vec<&str> = surface.split('-').collect();
    !surface.contains(char::is_whitespace)
        && parts.len() >= 2
        && parts
            .iter()
            .all(|p| p.chars().next().is_some_and(char::is_uppercase) && p.chars().count() >= 2)
        && !surnames.contains(surface)
}

/// Last words of the document's full names (rule mentions and recognised PER spans).
fn surnames<'t>(
    mentions: &'t [Mention],
    spans: &[NerSpan],
    text: &'t str,
) -> std::collections::HashSet<&'t str> {
    mentions
        .iter()
        .filter(|m| m.kind == EntityType::Person)
        .map(|m| m.text.as_str())
        .chain(
            spans
                .iter()
                .filter(|s| s.label == "PER")
                .map(|s| s.span.slice(text))
                // "Reagan and Republicans" is two names, and "Republicans" no surname.
                .filter(|n| !n.split_whitespace().any(|w| w == "and")),
        )
        .filter(|n| n.split_whitespace().count() > 1)
        .filter_map(|n| n.split_whitespace().last())
        .collect()
}

/// Recogniser spans with three errors of reading mended: a party's members typed as a person
/// ("Republicans") are an organisation; and where the span's words are its tokens, a misspelt
/// function word that starts a sentence is no part of the name after it ("Athough
/// Reagan's topic..." names Reagan), and "X and Y" is two names, not one person ("a bill
/// Reagan and Republicans would endorse") nor one organisation when Y is the members of a
/// party (firms named after their founders, "Johnson and Johnson", "Beck and Co", stay whole).
fn mend_spans(
    text: &str,
    sentences: &[Sentence],
    spans: &[NerSpan],
    kb: &KnowledgeBase,
) -> Vec<NerSpan> {
    let lex = crate::nlp::lexicon::Lexicon::embedded();
    let mut out = Vec::with_capacity(spans.len());
    for s in spans {
        let words = word_spans(text, s.span);
        // "fellow Republicans": a party's members are no person.
        if s.label == "PER"
            && words
                .last()
                .is_some_and(|w| lex.is_party_members(w.slice(text)))
        {
            out.push(NerSpan {
                label: "ORG",
                ..s.clone()
            });
            continue;
        }
        if words.len() != s.tokens.len() || words.len() < 2 {
            out.push(s.clone());
            continue;
        }
        // The sub-span of words `a..b`.
        let part = |a: usize, b: usize, label: &'static str| NerSpan {
            span: crate::model::Span::new(words[a].start, words[b - 1].end),
            tokens: s.tokens.start + a..s.tokens.start + b,
            label,
        };
        let first = words[0].slice(text);
        let starts_sentence = sentences.iter().any(|x| x.tokens.start == s.tokens.start);
        if starts_sentence && misspelt_function_word(first, kb) {
            out.push(part(1, words.len(), s.label));
            continue;
        }
        let and = words.iter().position(|w| w.slice(text) == "and");
        match and {
            Some(i) if i > 0 && i + 1 < words.len() => {
                let party = lex.is_party_members(words[words.len() - 1].slice(text));
                if s.label == "PER" || (s.label == "ORG" && party) {
                    out.push(part(0, i, "PER"));
                    out.push(part(
                        i + 1,
                        words.len(),
                        if party { "ORG" } else { s.label },
                    ));
                } else {
                    out.push(s.clone());
                }
            }
            _ => out.push(s.clone()),
        }
    }
    out
}

/// Titles of whoever heads a body, never a person's own staff.
const BODY_TITLES: &[&str] = &[
    "leader",
    "chairman",
    "chairwoman",
    "chairperson",
    "president",
];

/// "said ABN Amro's Paul Mackel": a name of two words or more that the recogniser took for a
/// person, with no given name first and unknown to the knowledge base, is a body when it owns a
/// person named by a given name; a person is rarely anyone's ("Bush's Karl Rove" is a known
/// person's, and a lone surname may be a person met before). Every mention of that name in the
/// document is retyped with it. So is such a name after "at" ("an economist at Global
/// Insight"), and a place unknown to the knowledge base after a title of work and "at" ("an
/// analyst at Troika Dialog").
pub fn bodies_read_as_people(
    text: &str,
    tokens: &[Token],
    mentions: &mut [Mention],
    kb: &KnowledgeBase,
) {
    let word = |t: usize| tokens.get(t).map_or("", |x| x.span.slice(text));
    let lex = crate::nlp::lexicon::Lexicon::embedded();
    let mut bodies: Vec<String> = Vec::new();
    for m in mentions.iter() {
        // Only looked up for a possessive: a search per mention would make long documents
        // quadratic.
        let owned = || {
            let k = mentions.partition_point(|n| n.tokens.start <= m.tokens.end);
            mentions
                .get(k)
                .filter(|n| n.tokens.start == m.tokens.end + 1)
        };
        // "Plaid Cymru's Parliamentary Leader", "Diamond Shamrock's chairman": a title that
        // heads a body right after the possessive, or after capitalised words of it (not
        // "Blair's chancellor", nor "Blair's spokesman", which a person has; not
        // "Nakasone's talks with President Reagan").
        let heads_body = || {
            let title = |w: &str| BODY_TITLES.contains(&w.to_lowercase().as_str());
            let first = m.tokens.end + 1;
            (first..first + 3)
                .take_while(|&t| word(t).chars().all(char::is_alphabetic) && !word(t).is_empty())
                .take_while(|&t| t == first || word(t - 1).starts_with(char::is_uppercase))
                .any(|t| title(word(t)))
        };
        let owner = matches!(word(m.tokens.end), "'s" | "’s")
            && (owned().is_some_and(|n| {
                n.kind == EntityType::Person && kb.is_given_name(word(n.tokens.start))
            }) || heads_body());
        // "a strategist at Monument Securities", "partners at Tods Murray": people are rarely
        // "at" anyone (and "hit out at" someone is named by a given name or a title); "at"
        // before a possessive goes with what is owned ("laughing at Rory Bremner's
        // impression").
        let place_of_work = m.tokens.start > 0
            && word(m.tokens.start - 1) == "at"
            && !lex.is_title_word(word(m.tokens.start))
            && !matches!(word(m.tokens.end), "'s" | "’s");
        // "an analyst at Troika Dialog": where someone works as an analyst or an economist is
        // a body, whatever place the recogniser took it for.
        let works_at = place_of_work
            && m.tokens.start >= 2
            && matches!(
                lex.title_role(word(m.tokens.start - 2)),
                Some((
                    crate::nlp::lexicon::TitleRole::Relation(crate::model::RelationLabel::WorksFor),
                    _
                ))
            );
        if matches!(m.kind, EntityType::Person | EntityType::Location)
            && m.role == MentionRole::Name
            && m.kb_key.is_none()
            && m.tokens.len() >= 2
            && !kb.is_given_name(word(m.tokens.start))
            && (m.kind == EntityType::Person && (owner || place_of_work)
                || m.kind == EntityType::Location && works_at)
        {
            bodies.push(m.text.clone());
        }
    }
    for m in mentions.iter_mut() {
        if matches!(m.kind, EntityType::Person | EntityType::Location)
            && m.kb_key.is_none()
            && bodies.contains(&m.text)
        {
            m.kind = EntityType::Organization;
        }
    }
}

/// "Australian budget airline Virgin Blue", "German magazine Der Spiegel", "carmaker Toyota",
/// "the port city Basra": a common noun right before a name says what kind of thing it is
/// (`data/lexicon/kind_nouns.tsv`), whatever the recogniser or a gazetteer place of the same
/// name made of it. Every mention of that name in the document is retyped. Names the knowledge
/// base knows as people, countries or bodies keep their type, and so does a person named by a
/// given name ("told the newspaper John Smith was ...").
pub fn kinds_named_before(
    text: &str,
    tokens: &[Token],
    mentions: &mut [Mention],
    kb: &KnowledgeBase,
) {
    let word = |t: usize| tokens.get(t).map_or("", |x| x.span.slice(text));
    let lex = crate::nlp::lexicon::Lexicon::embedded();
    let known = |m: &Mention| {
        m.kb_key
            .as_ref()
            .is_some_and(|k| k.namespace() != crate::kb::Namespace::Place)
    };
    let mut retyped: Vec<(String, EntityType)> = Vec::new();
    for m in mentions.iter() {
        let Some(before) = m.tokens.start.checked_sub(1).map(word) else {
            continue;
        };
        if m.role != MentionRole::Name || !before.chars().all(|c| c.is_ascii_lowercase()) {
            continue;
        }
        let Some(kind) = lex.kind_noun(before) else {
            continue;
        };
        let given = m.kind == EntityType::Person && kb.is_given_name(word(m.tokens.start));
        if kind != m.kind && !known(m) && !given && m.kind != EntityType::Country {
            retyped.push((m.text.clone(), kind));
        }
    }
    for m in mentions.iter_mut().filter(|m| !known(m)) {
        if let Some(&(_, kind)) = retyped.iter().find(|(t, _)| *t == m.text) {
            m.kind = kind;
            // "carmaker Toyota" is no gazetteer town.
            if kind == EntityType::Organization {
                m.kb_key = None;
            }
        }
    }
}

/// "Interpart, a Luxembourg-based holding company chaired by ...", "Zico, a British Virgin
/// Islands company,": a capitalised name no mention covers, set off by an apposition whose
/// noun is a body's kind (`data/lexicon/kind_nouns.tsv`), is that body, and so is the same
/// name elsewhere in the document. At a sentence's start the finder cannot tell such a name
/// from an ordinary capitalised word, and the recogniser often misses a lone word.
pub fn kinds_named_after(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    mentions: &mut Vec<Mention>,
) {
    let word = |t: usize| tokens.get(t).map_or("", |x| x.span.slice(text));
    let lex = crate::nlp::lexicon::Lexicon::embedded();
    // Which tokens a mention covers, computed once: a scan of every mention per token made
    // long documents quadratic.
    let mut covered = vec![false; tokens.len()];
    for m in mentions.iter() {
        for t in m.tokens.clone() {
            covered[t] = true;
        }
    }
    let capitalised = |t: usize| {
        tokens
            .get(t)
            .is_some_and(|x| x.kind == crate::model::TokenKind::Word)
            && word(t).starts_with(|c: char| c.is_uppercase())
            && !lex.is_function_word(word(t))
            && !lex.is_title_word(word(t))
    };
    // A name: one to three uncovered capitalised words from `a`, none before it.
    let name_at = |covered: &[bool], s: &Sentence, a: usize| {
        if !capitalised(a) || covered[a] || a > s.tokens.start && capitalised(a - 1) {
            return None;
        }
        let mut b = a + 1;
        while b < s.tokens.end && b < a + 3 && capitalised(b) && !covered[b] {
            b += 1;
        }
        Some(b)
    };
    let mut names: Vec<Vec<&str>> = Vec::new();
    for s in sentences {
        for a in s.tokens.clone() {
            let Some(b) = name_at(&covered, s, a) else {
                continue;
            };
            // Then ", a|an|the ... KIND", with only modifiers between the article and the
            // kind: no verb, no clause.
            if word(b) != "," || !matches!(word(b + 1), "a" | "an" | "the") {
                continue;
            }
            let kind_at = (b + 2..(b + 8).min(s.tokens.end)).find(|&k| {
                lex.kind_noun(word(k)) == Some(EntityType::Organization)
                    && matches!(
                        word(k + 1),
                        "," | "."
                            | "that"
                            | "which"
                            | "chaired"
                            | "owned"
                            | "controlled"
                            | "based"
                            | "headed"
                            | "with"
                            | "in"
                            | "of"
                            | "whose"
                            | "and"
                    )
            });
            let plain = kind_at.is_some_and(|k| {
                (b + 2..k)
                    .all(|t| !matches!(word(t), "," | "who" | "which" | "that" | "said" | "says"))
            });
            let name: Vec<&str> = (a..b).map(&word).collect();
            if plain
                && !(a == s.tokens.start && lex.is_common_word(word(a)))
                && !names.contains(&name)
            {
                names.push(name);
            }
        }
    }
    if names.is_empty() {
        return;
    }
    // Every uncovered occurrence of those names becomes a mention.
    let mut added = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        for a in s.tokens.clone() {
            let Some(b) = name_at(&covered, s, a) else {
                continue;
            };
            let run: Vec<&str> = (a..b).map(&word).collect();
            // The longest name the run starts with, ending where a capitalised word does not
            // follow.
            let Some(name) = names
                .iter()
                .find(|n| run.starts_with(n) && !capitalised(a + n.len()))
            else {
                continue;
            };
            let b = a + name.len();
            for t in a..b {
                covered[t] = true;
            }
            added.push(Mention {
                span: crate::model::Span::new(tokens[a].span.start, tokens[b - 1].span.end),
                tokens: a..b,
                sentence: si,
                kind: EntityType::Organization,
                kb_key: None,
                text: name.join(" "),
                role: MentionRole::Name,
            });
        }
    }
    mentions.extend(added);
    mentions.sort_by_key(|m| m.tokens.start);
}

/// "MP for Bethnal Green and Bow", "Tony Lloyd, the Manchester Central MP,": the seat a
/// member of a legislature is elected for is a place, whatever the recogniser made of its
/// name (constituencies are named after places, "Glasgow Kelvin", and read as people), and a
/// seat named "X and Y" after "MP for" is one name. Names the knowledge base knows keep their
/// type ("Labour MP").
pub fn constituencies(
    text: &str,
    tokens: &[Token],
    mentions: &mut Vec<Mention>,
    kb: &KnowledgeBase,
) {
    const MEMBER: &[&str] = &["MP", "MSP", "MEP", "AM", "member"];
    let word = |t: usize| tokens.get(t).map_or("", |x| x.span.slice(text));
    let mut i = 0;
    while i < mentions.len() {
        let m = &mentions[i];
        let a = m.tokens.start;
        let after_for = a >= 2 && word(a - 1) == "for" && MEMBER.contains(&word(a - 2));
        // "the Manchester Central MP,", "a minister and Bolton West MP,".
        let before_mp = a >= 1
            && (word(a - 1).eq_ignore_ascii_case("the") || word(a - 1) == "and")
            && MEMBER[..3].contains(&word(m.tokens.end))
            && word(m.tokens.end + 1) == ",";
        // "MP for Ealing North Stephen Pound" read as one name holds a person's.
        let holds_person = m.tokens.clone().skip(1).any(|t| kb.is_given_name(word(t)));
        if m.role != MentionRole::Name
            || m.kb_key.is_some() && m.kind != EntityType::Location
            || !(after_for || before_mp)
            || holds_person
        {
            i += 1;
            continue;
        }
        mentions[i].kind = EntityType::Location;
        mentions[i].kb_key = None;
        // "Bethnal Green and Bow": the recogniser's two names joined again.
        let end = mentions[i].tokens.end;
        if after_for && word(end) == "and" {
            // Not "MP for Merionnydd Nant Conwy and Plaid Cymru's leader".
            if let Some(j) = mentions.iter().position(|n| {
                n.tokens.start == end + 1 && !matches!(word(n.tokens.end), "'s" | "’s")
            }) {
                let (span_end, tok_end) = (mentions[j].span.end, mentions[j].tokens.end);
                let first = &mut mentions[i];
                first.span = crate::model::Span::new(first.span.start, span_end);
                first.tokens = first.tokens.start..tok_end;
                first.text = first
                    .span
                    .slice(text)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                mentions.remove(j);
                if j < i {
                    i -= 1;
                }
            }
        }
        i += 1;
    }
}

/// "(Brian) Mulroney" recognised from "Brian": a bracket whose partner lies outside the span
/// is no part of the name ("Brian) Mulroney" reads as "Brian Mulroney").
fn without_stray_brackets(surface: &str) -> String {
    let opens = surface.matches('(').count();
    let closes = surface.matches(')').count();
    if opens == closes {
        return surface.to_string();
    }
    surface
        .replace(['(', ')'], "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The byte spans of the white-space separated words of `span`.
fn word_spans(text: &str, span: crate::model::Span) -> Vec<crate::model::Span> {
    let slice = span.slice(text);
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in slice.char_indices().chain([(slice.len(), ' ')]) {
        match (c.is_whitespace(), start) {
            (true, Some(a)) => {
                out.push(crate::model::Span::new(span.start + a, span.start + i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    out
}

/// A word one letter away from a long function word ("Athough", "Becuase", "Whereas"
/// misspelt), and neither a word of its own ("White" is not "While") nor a given name:
/// capitalised only because it starts the sentence.
fn misspelt_function_word(word: &str, kb: &KnowledgeBase) -> bool {
    let lex = crate::nlp::lexicon::Lexicon::embedded();
    let w: Vec<char> = word.to_lowercase().chars().collect();
    if w.len() < 5
        || !w.iter().all(|c| c.is_ascii_lowercase())
        || kb.is_given_name(word)
        || lex.is_common_word(word)
    {
        return false;
    }
    let known = |cand: &[char]| {
        let cand: String = cand.iter().collect();
        cand.len() >= 5 && lex.is_function_word(&cand)
    };
    let letters = 'a'..='z';
    (0..w.len()).any(|i| {
        // A letter dropped, two swapped, one changed, one added.
        let mut dropped = w.clone();
        dropped.remove(i);
        let mut swapped = w.clone();
        if i + 1 < w.len() {
            swapped.swap(i, i + 1);
        }
        known(&dropped)
            || (swapped != w && known(&swapped))
            || letters.clone().any(|c| {
                let mut changed = w.clone();
                changed[i] = c;
                let mut added = w.clone();
                added.insert(i, c);
                known(&changed) || known(&added)
            })
    }) || letters.clone().any(|c| {
        let mut added = w.clone();
        added.push(c);
        known(&added)
    })
}

/// True for a title's letters, before or after a name ("MP", "QC", "MEP").
fn is_title_letters(word: &str) -> bool {
    let lex = crate::nlp::lexicon::Lexicon::embedded();
    lex.is_postnominal(word) || lex.title_role(word).is_some()
}

/// Whether a name the recogniser found and the knowledge base does not know is worth adding.
/// On Reuters-21578 about half of such additions were wrong; these checks drop the common
/// kinds of error: ordinary words read as names ("Where"), companies read as people ("Penta
/// Industries", "Deminex"), lone words that no full name in the document ends with
/// (`surnames`), companies read as places ("Chrysler", "Investcorp": a lone unknown place
/// needs "in", "at" or "near" before it).
fn plausible(
    kind: EntityType,
    surface: &str,
    before: Option<&str>,
    surnames: &std::collections::HashSet<&str>,
) -> bool {
    let lex = crate::nlp::lexicon::Lexicon::embedded();
    let words: Vec<&str> = surface.split_whitespace().collect();
    // "told MPs", "Nicholas Blake QC": members named as a group, and the letters after a
    // name, are nobody's name.
    if let [word] = words[..] {
        if lex.is_title_plural(word) || lex.is_postnominal(word) {
            return false;
        }
    }
    if kind == EntityType::Organization {
        // Headlines in capitals defeat the recogniser's casing cues ("NAKASONE TO VISIT";
        // acronyms like "SAS" or "DTI" stay), and a lone word that ends a person's name in
        // the document is that person ("Reagan").
        let capitals = !surface.chars().any(char::is_lowercase)
            && (words.len() > 1 || surface.chars().count() > 5);
        if capitals || words.len() == 1 && surnames.contains(words[0]) {
            return false;
        }
        // "Anti-Ballistic Missile Treaty", "Visiting Research Fellow", "Uruguay Round".
        const NOT_BODIES: &[&str] = &[
            "treaty",
            "agreement",
            "accord",
            "act",
            "convention",
            "protocol",
            "round",
            "plan",
            "programme",
            "program",
            "index",
            "bill",
            "law",
            "summit",
            "doctrine",
            "initiative",
        ];
        let last = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
        // "Gross National Product", "National Security": ordinary words with no head that
        // makes them a body ("Bank", "Ministry") are a topic, not an organisation.
        let ordinary = words.iter().all(|w| lex.is_common_word(w))
            && !words.iter().any(|w| lex.is_org_head(w));
        return !NOT_BODIES.contains(&last.as_str())
            && !words.iter().any(|w| lex.is_title_head(w))
            && !ordinary;
    }
    if words.iter().any(|w| lex.is_org_head(w)) {
        return false;
    }
    // "Director General", "Foreign Secretary": a title with no name is nobody, and no place
    // ("Lord Chancellor").
    if kind == EntityType::Person && words.iter().all(|w| lex.is_title_word(w))
        || lex.is_bare_title(&words)
    {
        return false;
    }
    if let [word] = words[..] {
        if lex.is_common_word(word) {
            return false;
        }
        match kind {
            EntityType::Location => {
                return before
                    .is_some_and(|b| matches!(b.to_lowercase().as_str(), "in" | "at" | "near"))
            }
            EntityType::Person => return surnames.contains(word),
            _ => {}
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Token;

    /// Index of the first token spelled `w` (0 when absent).
    fn word_at(text: &str, tokens: &[Token], w: &str) -> usize {
        tokens
            .iter()
            .position(|t| t.span.slice(text) == w)
            .unwrap_or(0)
    }

    /// A recogniser span over tokens `a..b`.
    fn ner_span(tokens: &[Token], a: usize, b: usize, label: &'static str) -> NerSpan {
        NerSpan {
            span: crate::model::Span::new(tokens[a].span.start, tokens[b - 1].span.end),
            tokens: a..b,
            label,
        }
    }

    #[test]
    fn maps_conll_types_to_kg() {
        let kb = KnowledgeBase::embedded();
        let cases: &[(&str, &str, Option<EntityType>)] = &[
            ("PER", "Wasim Akram", Some(EntityType::Person)),
            ("LOC", "Germany", Some(EntityType::Country)),
            ("LOC", "Moscow", Some(EntityType::Location)),
            ("LOC", "Rhine Valley", Some(EntityType::Location)),
            // Organisations only when the knowledge base knows them.
            ("ORG", "Bundesbank", Some(EntityType::Organization)),
            ("ORG", "Reagan", None),
            ("ORG", "United Nations", Some(EntityType::Organization)),
            ("MISC", "German", Some(EntityType::Country)),
            ("MISC", "Olympics", None),
        ];
        for (label, surface, want) in cases {
            let got = map_type(label, surface, kb).map(|m| m.0);
            assert_eq!(got, *want, "{label} {surface}");
        }
    }

    #[test]
    fn adds_only_spans_the_rules_left_free() {
        let text = "Kirk Weaver met Augustus Aikhomu and Weaver. Then Lagos.";
        let tokens = crate::nlp::tokenize::tokenize(text);
        let sentences = crate::nlp::sentence::split_sentences(text, &tokens);
        let at = |w: &str| word_at(text, &tokens, w);
        let span = |a: usize, b: usize, label| ner_span(&tokens, a, b, label);
        let kirk = span(at("Kirk"), at("Kirk") + 2, "PER");
        let rule = Mention {
            span: kirk.span,
            tokens: kirk.tokens.clone(),
            sentence: 0,
            kind: EntityType::Person,
            kb_key: None,
            text: "Kirk Weaver".into(),
            role: MentionRole::Name,
        };
        let spans = [
            span(at("Weaver"), at("Weaver") + 1, "PER"), // inside the rule mention
            span(at("Augustus"), at("Augustus") + 2, "PER"),
            span(at("and") + 1, at("and") + 2, "PER"), // "Weaver" after "and"
            span(at("Lagos"), at("Lagos") + 1, "LOC"),
        ];
        let out = add_missing(
            text,
            &sentences,
            vec![rule],
            &spans,
            KnowledgeBase::embedded(),
        );
        let got: Vec<(&str, usize)> = out.iter().map(|m| (m.text.as_str(), m.sentence)).collect();
        assert!(got.contains(&("Augustus Aikhomu", 0)), "{got:?}");
        assert_eq!(
            got.iter().filter(|(t, _)| *t == "Weaver").count(),
            1,
            "{got:?}"
        );
        assert_eq!(
            got.iter().filter(|(t, _)| *t == "Kirk Weaver").count(),
            1,
            "{got:?}"
        );
        // Lagos is in the knowledge base: added whatever precedes it, in the second sentence.
        assert!(got.iter().any(|(t, s)| *t == "Lagos" && *s == 1), "{got:?}");
    }

    #[test]
    fn unknown_names_need_support() {
        let person = |text: &str| Mention {
            span: crate::model::Span::new(0, text.len()),
            tokens: 0..text.split_whitespace().count(),
            sentence: 0,
            kind: EntityType::Person,
            kb_key: None,
            text: text.to_string(),
            role: MentionRole::Name,
        };
        let known = [person("Kirk Weaver")];
        let cases: &[(EntityType, &str, Option<&str>, bool)] = &[
            (EntityType::Person, "Augustus Aikhomu", None, true),
            (EntityType::Person, "Penta Industries", None, false),
            (EntityType::Person, "Weaver", None, true),
            (EntityType::Person, "Deminex", None, false),
            (EntityType::Location, "Where", Some("in"), false),
            (EntityType::Location, "Monroeville", Some("in"), true),
            (EntityType::Location, "Chrysler", Some("said"), false),
            (EntityType::Location, "Pike County", Some("said"), true),
            (EntityType::Organization, "Gimme Credit", None, true),
            (EntityType::Organization, "Weaver", None, false),
            (EntityType::Organization, "NAKASONE TRIP", None, false),
            (EntityType::Organization, "NAKASONE", None, false),
            (EntityType::Organization, "SAS", None, true),
            (
                EntityType::Organization,
                "Anti-Ballistic Missile Treaty",
                None,
                false,
            ),
            (
                EntityType::Organization,
                "Visiting Research Fellow",
                None,
                false,
            ),
            (EntityType::Organization, "Value Added Tax", None, false),
            (EntityType::Organization, "MPs", None, false),
            (EntityType::Person, "MPs", None, false),
            (EntityType::Person, "Ministers", None, false),
            (EntityType::Organization, "QC", None, false),
            (EntityType::Organization, "Lords", None, true),
        ];
        for (kind, surface, before, want) in cases {
            let got = plausible(*kind, surface, *before, &surnames(&known, &[], ""));
            assert_eq!(got, *want, "{surface}");
        }
    }

    #[test]
    fn a_longer_name_swallows_a_stray_alias_but_not_a_place_it_starts_with() {
        let text = "Evan Mann met Wisconsin Democrat Kastenmeier.";
        let tokens = crate::nlp::tokenize::tokenize(text);
        let sentences = crate::nlp::sentence::split_sentences(text, &tokens);
        let kb = KnowledgeBase::embedded();
        let at = |w: &str| word_at(text, &tokens, w);
        let one = |w: &str, kind, key: Option<&str>| {
            let t = at(w);
            Mention {
                span: tokens[t].span,
                tokens: t..t + 1,
                sentence: 0,
                kind,
                kb_key: key.map(|k| Key::parse(k).expect("a key")),
                text: w.into(),
                role: MentionRole::Name,
            }
        };
        let rules = vec![
            one("Mann", EntityType::Country, Some("country:IMN")),
            one("Wisconsin", EntityType::Location, None),
        ];
        let span = |a: usize, b: usize| ner_span(&tokens, a, b, "PER");
        let spans = [
            span(at("Evan"), at("Mann") + 1),
            span(at("Wisconsin"), at("Democrat") + 1),
        ];
        let out = add_missing(text, &sentences, rules, &spans, kb);
        let got: Vec<&str> = out.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(got, ["Evan Mann", "Wisconsin"]);
    }

    #[test]
    fn a_portfolio_before_a_title_is_no_organisation() {
        // A company before a lowercase title is a company; "Committee" alone no body.
        let text = "Agriculture Minister Mutsuki Kato met Gimme Credit staff. \
                    Qantas boss Geoff Dixon agreed. Committee chairman Alan Beith did not.";
        let tokens = crate::nlp::tokenize::tokenize(text);
        let sentences = crate::nlp::sentence::split_sentences(text, &tokens);
        let at = |w: &str| word_at(text, &tokens, w);
        let org = |a: usize, b: usize| ner_span(&tokens, a, b, "ORG");
        let spans = [
            org(at("Agriculture"), at("Agriculture") + 1),
            org(at("Gimme"), at("Credit") + 1),
            org(at("Qantas"), at("Qantas") + 1),
            org(at("Committee"), at("Committee") + 1),
        ];
        let out = add_missing(text, &sentences, vec![], &spans, KnowledgeBase::embedded());
        let got: Vec<&str> = out.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(got, ["Gimme Credit", "Qantas"]);
    }

    #[test]
    fn a_body_s_leader_makes_it_a_body_and_a_seat_before_mp_is_a_place() {
        let models = crate::nlp::tagger::TaggerModels::embedded().expect("built-in models");
        let p = crate::pipeline::Pipeline::new().with_tagger(models);
        let text = "Plaid Cymru's Parliamentary Leader Elfyn Llwyd spoke. \
                    Tony Blair's chancellor Gordon Brown agreed. \
                    Abe prepares for Prime Minister Yasuhiro Nakasone's talks with President Ronald Reagan. \
                    Marc Ostwald, a strategist at Monument Securities told Reuters so. \
                    Labour hit out at Lord Falconer. He laughed at Rory Bremner's impression. \
                    Ms Kelly, a Cabinet Office minister and Bolton West MP, arrived.";
        let ex = p.extract(crate::model::Document::from_text("t.txt", text));
        let kind = |name: &str| ex.entities.iter().find(|e| e.name == name).map(|e| e.kind);
        assert_eq!(kind("Plaid Cymru"), Some(EntityType::Organization));
        assert_eq!(kind("Tony Blair"), Some(EntityType::Person));
        assert_eq!(kind("Gordon Brown"), Some(EntityType::Person));
        assert_eq!(kind("Yasuhiro Nakasone"), Some(EntityType::Person));
        assert_eq!(kind("Monument Securities"), Some(EntityType::Organization));
        assert_ne!(kind("Falconer"), Some(EntityType::Organization));
        assert_ne!(kind("Lord Falconer"), Some(EntityType::Organization));
        assert_eq!(kind("Rory Bremner"), Some(EntityType::Person));
        // A seat after "and", before "MP,", is a place.
        assert_eq!(kind("Bolton West"), Some(EntityType::Location));
    }

    #[test]
    fn a_bracket_left_outside_the_name_is_dropped() {
        assert_eq!(without_stray_brackets("Brian) Mulroney"), "Brian Mulroney");
        assert_eq!(
            without_stray_brackets("(Alan) Greenspan"),
            "(Alan) Greenspan"
        );
        assert_eq!(
            without_stray_brackets("Bache Securities (HK) Ltd"),
            "Bache Securities (HK) Ltd"
        );
    }

    #[test]
    fn a_title_alone_is_no_person() {
        let text = "Hideo Maki, Director General of the bureau, spoke.";
        let tokens = crate::nlp::tokenize::tokenize(text);
        let sentences = crate::nlp::sentence::split_sentences(text, &tokens);
        let at = |w: &str| word_at(text, &tokens, w);
        let spans = [
            ner_span(&tokens, at("Hideo"), at("Maki") + 1, "PER"),
            ner_span(&tokens, at("Director"), at("General") + 1, "PER"),
        ];
        let out = add_missing(text, &sentences, vec![], &spans, KnowledgeBase::embedded());
        let got: Vec<&str> = out.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(got, ["Hideo Maki"]);
    }

    #[test]
    fn a_misspelt_first_word_and_a_conjunction_are_no_part_of_a_name() {
        let text = "Athough Reagan's topic was not known, Howard Baker spoke. \
                    Leaders such as Baker and Democrats met Reagan and Yasuhiro Nakasone at Johnson and Johnson. Republicans agreed.";
        let tokens = crate::nlp::tokenize::tokenize(text);
        let sentences = crate::nlp::sentence::split_sentences(text, &tokens);
        let at = |w: &str| word_at(text, &tokens, w);
        let last = |w: &str| {
            let start = text.rfind(w).unwrap();
            tokens.iter().position(|t| t.span.start == start).unwrap()
        };
        let spans = [
            ner_span(&tokens, at("Athough"), at("Reagan") + 1, "PER"),
            ner_span(&tokens, at("Howard"), at("Baker") + 1, "PER"),
            ner_span(&tokens, last("Baker"), at("Democrats") + 1, "ORG"),
            ner_span(&tokens, last("Reagan"), at("Nakasone") + 1, "PER"),
            ner_span(&tokens, at("Johnson"), last("Johnson") + 1, "ORG"),
            ner_span(&tokens, at("Republicans"), at("Republicans") + 1, "PER"),
        ];
        let out = add_missing(text, &sentences, vec![], &spans, KnowledgeBase::embedded());
        let got: Vec<(&str, EntityType)> = out.iter().map(|m| (m.text.as_str(), m.kind)).collect();
        assert_eq!(
            got,
            [
                ("Reagan", EntityType::Person),
                ("Howard Baker", EntityType::Person),
                ("Baker", EntityType::Person),
                ("Democrats", EntityType::Organization),
                ("Reagan", EntityType::Person),
                ("Yasuhiro Nakasone", EntityType::Person),
                ("Johnson and Johnson", EntityType::Organization),
                ("Republicans", EntityType::Organization),
            ]
        );
        let kb = KnowledgeBase::embedded();
        for (word, misspelt) in [
            ("Athough", true),
            ("Becuase", true),
            ("Wheras", true),
            ("Although", false),
            ("Andrew", false),
            ("Reagan", false),
            ("White", false),
        ] {
            assert_eq!(misspelt_function_word(word, kb), misspelt, "{word}");
        }
    }

    #[test]
    fn a_kind_noun_before_a_name_types_it() {
        let models = crate::nlp::tagger::TaggerModels::embedded().expect("built-in models");
        let pipeline = crate::pipeline::Pipeline::new().with_tagger(models);
        let text = "German magazine Der Spiegel said so. Japanese carmaker Toyota agreed. \
                    Der Spiegel was right. He told the newspaper John Smith was wrong.";
        let ex = pipeline.extract(crate::model::Document::from_text("t.txt", text));
        let kind = |name: &str| {
            ex.entities
                .iter()
                .find(|e| e.name == name)
                .map(|e| e.kind)
                .unwrap_or_else(|| panic!("no {name}: {:?}", ex.entities))
        };
        assert_eq!(kind("Der Spiegel"), EntityType::Organization);
        assert_eq!(kind("Toyota"), EntityType::Organization);
        // A person named by a given name after the noun keeps their type.
        assert_eq!(kind("John Smith"), EntityType::Person);
    }

    #[test]
    fn a_name_found_once_is_found_everywhere_in_its_document() {
        let text =
            "Acme-Zeta files for bankruptcy. Acme-Zeta, once a leader, said so in May. May agreed.";
        let tokens = crate::nlp::tokenize::tokenize(text);
        let sentences = crate::nlp::sentence::split_sentences(text, &tokens);
        let second = text.rfind("Acme-Zeta").unwrap();
        let second = tokens.iter().position(|t| t.span.start == second).unwrap();
        let may = text.rfind("May").unwrap();
        let may = tokens.iter().position(|t| t.span.start == may).unwrap();
        let spans = [
            ner_span(&tokens, second, second + 1, "ORG"),
            ner_span(&tokens, may, may + 1, "PER"),
        ];
        let kb = KnowledgeBase::embedded();
        let found = add_missing(text, &sentences, vec![], &spans, kb);
        let out = repeat_names(text, &tokens, &sentences, found);
        let got: Vec<(&str, usize)> = out.iter().map(|m| (m.text.as_str(), m.sentence)).collect();
        assert!(got.contains(&("Acme-Zeta", 0)), "{got:?}");
        assert!(got.contains(&("Acme-Zeta", 1)), "{got:?}");
        // An organisation's initials in capitals are that organisation.
        let text = "The Gimme Credit Agency spoke. GCA analysts agreed.";
        let tokens = crate::nlp::tokenize::tokenize(text);
        let sentences = crate::nlp::sentence::split_sentences(text, &tokens);
        let spans = [ner_span(&tokens, 1, 4, "ORG")];
        let found = add_missing(text, &sentences, vec![], &spans, kb);
        let out = repeat_names(text, &tokens, &sentences, found);
        let acronym: Vec<&str> = out.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(acronym, ["Gimme Credit Agency", "GCA"]);
        // A one-word name that is an ordinary word ("May") is not repeated.
        assert!(
            got.iter().filter(|(t, _)| *t == "May").count() <= 1,
            "{got:?}"
        );
    }
}
