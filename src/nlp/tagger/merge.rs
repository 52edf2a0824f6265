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
        "ORG" => Some((
            EntityType::Organization,
            key_of(EntityType::Organization),
            MentionRole::Name,
        )),
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
            ("ORG", "Bundesbank", Some(EntityType::Organization)),
            ("MISC", "German", Some(EntityType::Country)),
            ("MISC", "Olympics", None),
        ];
        for (label, surface, want) in cases {
            let got = map_type(label, surface, kb).map(|m| m.0);
            assert_eq!(got, *want, "{label} {surface}");
        }
    }
}
