//! The hook between the trained recogniser and the rule-based mention finder: recogniser
//! spans that no rule mention touches become extra mentions, typed for kg's ontology.
//!
//! CoNLL types map to kg's: PER → PERSON; ORG → ORGANIZATION; LOC → COUNTRY when the knowledge
//! base knows the name as a country, else LOCATION; MISC → COUNTRY (as a demonym) when the
//! knowledge base knows it as a demonym, else dropped. The rules stay authoritative wherever
//! they found something: they link to the knowledge base and know titles and roles.

use super::NerSpan;
use crate::kb::KnowledgeBase;
use crate::model::{EntityType, Mention, MentionRole, Sentence};

/// kg's type, knowledge-base key and role for a recogniser span, or `None` to drop it.
pub fn map_type(
    label: &str,
    surface: &str,
    kb: &KnowledgeBase,
) -> Option<(EntityType, Option<String>, MentionRole)> {
    let entries = kb.lookup(surface);
    let key_of = |kind: EntityType| {
        entries
            .iter()
            .find(|e| e.kind == kind)
            .map(|e| e.key.clone())
    };
    match label {
        "PER" => Some((EntityType::Person, None, MentionRole::Name)),
        // Organisations only when the knowledge base knows them: on ../shared/eval the
        // recogniser's other ORG spans were mostly treaties, titles and departments the rules
        // rightly skip ("Anti-Ballistic Missile Treaty", "Visiting Research Fellow").
        "ORG" => key_of(EntityType::Organization)
            .map(|k| (EntityType::Organization, Some(k), MentionRole::Name)),
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
    let mut added = Vec::new();
    for s in spans {
        let before_end = taken.partition_point(|&(start, _)| start < s.span.end);
        let overlaps = before_end > 0 && taken[before_end - 1].1 > s.span.start;
        if overlaps {
            continue;
        }
        let surface = s
            .span
            .slice(text)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let Some((kind, kb_key, role)) = map_type(s.label, &surface, kb) else {
            continue;
        };
        let before = text[..s.span.start].split_whitespace().next_back();
        if kb_key.is_none() && !plausible(kind, &surface, before, &surnames) {
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
    mentions.extend(added);
    mentions.sort_by_key(|m| (m.span.start, m.span.end));
    mentions
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
                .map(|s| s.span.slice(text)),
        )
        .filter(|n| n.split_whitespace().count() > 1)
        .filter_map(|n| n.split_whitespace().last())
        .collect()
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
    if words.iter().any(|w| lex.is_org_head(w)) {
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

    #[test]
    fn maps_conll_types_to_kg() {
        let kb = KnowledgeBase::embedded();
        let cases: &[(&str, &str, Option<EntityType>)] = &[
            ("PER", "Wasim Akram", Some(EntityType::Person)),
            ("LOC", "Germany", Some(EntityType::Country)),
            ("LOC", "Moscow", Some(EntityType::Location)),
            ("LOC", "Rhine Valley", Some(EntityType::Location)),
            // Organisations only when the knowledge base knows them.
            ("ORG", "Bundesbank", None),
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
        let at = |w: &str| {
            tokens
                .iter()
                .position(|t| t.span.slice(text) == w)
                .unwrap_or(0)
        };
        let span = |a: usize, b: usize, label| NerSpan {
            span: crate::model::Span::new(tokens[a].span.start, tokens[b - 1].span.end),
            tokens: a..b,
            label,
        };
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
        ];
        for (kind, surface, before, want) in cases {
            let got = plausible(*kind, surface, *before, &surnames(&known, &[], ""));
            assert_eq!(got, *want, "{surface}");
        }
    }
}
