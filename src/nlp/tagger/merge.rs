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
            let demonym = kb.names().iter().any(|n| {
                n.role == MentionRole::Demonym
                    && crate::kb::fold(&n.text) == crate::kb::fold(surface)
            });
            if demonym {
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
    let mut added = Vec::new();
    for s in spans {
        let overlaps = mentions
            .iter()
            .any(|m| m.span.start < s.span.end && s.span.start < m.span.end);
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
        if kb_key.is_none() && !plausible(kind, &surface, before, &mentions, spans, text) {
            continue;
        }
        let Some(sentence) = sentences
            .iter()
            .position(|x| x.tokens.contains(&s.tokens.start))
        else {
            continue;
        };
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

/// Whether a name the recogniser found and the knowledge base does not know is worth adding.
/// On Reuters-21578 about half of such additions were wrong; these checks drop the common
/// kinds of error: ordinary words read as names ("Where"), companies read as
/// people ("Penta Products", "Deminex"), lone words that no full name in the document ends
/// with, companies read as places ("Chrysler", "Investcorp": a lone unknown place needs "in",
/// "at" or "near" before it).
fn plausible(
    kind: EntityType,
    surface: &str,
    before: Option<&str>,
    mentions: &[Mention],
    spans: &[NerSpan],
    text: &str,
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
        if kind == EntityType::Location {
            return before
                .is_some_and(|b| matches!(b.to_lowercase().as_str(), "in" | "at" | "near"));
        }
        if kind == EntityType::Person {
            // A lone surname: only after a full name the document gives.
            let full_names = mentions
                .iter()
                .filter(|m| m.kind == EntityType::Person)
                .map(|m| m.text.as_str())
                .chain(
                    spans
                        .iter()
                        .filter(|s| s.label == "PER")
                        .map(|s| s.span.slice(text)),
                );
            return full_names
                .filter(|n| n.split_whitespace().count() > 1)
                .any(|n| n.split_whitespace().last() == Some(word));
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
            let got = plausible(*kind, surface, *before, &known, &[], "");
            assert_eq!(got, *want, "{surface}");
        }
    }
}
