//! Places: "City, Country" and "-based" (located_in), the wire's dateline country, and
//! capitals that stand for their country's government ("Moscow warned").

use super::confidence;
use super::cues::{self, Cue};
use super::{Arg, Ctx, Finding, Found, RelateInput, RelationExtractor};
use crate::model::{EntityType, MentionRole, RelationLabel};
use std::collections::HashMap;

/// The place a wire was filed from ("TOKYO, April 17 -").
pub(super) struct Dateline {
    /// Its mention.
    pub place: usize,
    /// The sentence it opens.
    pub sentence: usize,
    /// Its country's knowledge-base key.
    pub country_key: String,
    /// That country as an entity, when the document names it: whose government a bare
    /// "Agriculture Minister" serves.
    pub country: Option<usize>,
}

impl RelationExtractor {
    /// Capital city entity → its country's entity, for the capitals whose country the
    /// document also names.
    pub(super) fn capital_countries(&self, input: &RelateInput<'_>) -> HashMap<usize, usize> {
        let ents = &input.resolution.entities;
        let by_key: HashMap<&str, usize> = ents
            .iter()
            .enumerate()
            .filter_map(|(i, e)| Some((e.kb_key.as_deref()?, i)))
            .collect();
        ents.iter()
            .enumerate()
            .filter_map(|(i, e)| {
                let entry = self.kb.entry(e.kb_key.as_deref()?)?;
                if !entry.is_capital {
                    return None;
                }
                Some((i, *by_key.get(entry.country.as_deref()?)?))
            })
            .collect()
    }

    /// The dateline's country: a place opening one of the first sentences and followed by a
    /// comma and a month, or by a dash ("TOKYO, April 17 -", "LONDON -"), mapped to its
    /// country by the knowledge base; `None` unless the document names that country.
    /// "TOKYO, April 17 - U.S. Agriculture Secretary Richard Lyng said": a person the lead
    /// makes the subject, whose country is known and is not the dateline's, is where the wire
    /// was filed from (the place as named: the city, which the country also holds).
    pub(super) fn dateline_visit(&self, ctx: &Ctx<'_>, si: usize, found: &mut Found) {
        let Some(Dateline {
            place,
            sentence: dsi,
            country_key: there,
            ..
        }) = ctx.dateline.as_ref()
        else {
            return;
        };
        let (place, dsi) = (*place, *dsi);
        // The splitter may keep the dateline as a sentence of its own.
        let place_alone = ctx.by_sentence[dsi].len() == 1;
        if !(si == dsi || place_alone && si == dsi + 1) {
            return;
        }
        for &m in &ctx.by_sentence[si] {
            let mention = ctx.mention(m);
            if mention.kind != EntityType::Person
                || mention.role != MentionRole::Name
                || !ctx.is_subject(m)
            {
                continue;
            }
            let person = ctx.entity_index(m);
            let Some(home) = self.home_country_key(ctx, person) else {
                continue;
            };
            if self.kb.may_share_territory(there, &home) {
                continue;
            }
            found.push(Finding::new(
                person,
                RelationLabel::Visited,
                ctx.entity_index(place),
                "be in".into(),
                confidence::DATELINE_VISIT,
                "dateline-visit",
            ));
        }
    }

    /// "Mr Bush is due in Europe at the end of January", "Mr Putin is expected in Paris on
    /// Monday", "he is due to arrive in Tokyo": a journey announced; and "Mr Putin, in London
    /// for talks", "is in Beijing for a visit": one under way. The parser reads "due" as a
    /// preposition as often as not, so the words are read in order. The subject is a name
    /// right before the verb (or the comma), or a pronoun whose antecedent is a person.
    pub(super) fn scheduled_visit(&self, ctx: &Ctx<'_>, si: usize, found: &mut Found) {
        let s = &ctx.input.sentences[si];
        let place_at = |k: usize| {
            let k = if ctx.lower(k) == "the" { k + 1 } else { k };
            // "the Pakistani community in Manchester": a demonym is no destination.
            ctx.mention_at(k).filter(|&p| {
                matches!(
                    ctx.mention(p).kind,
                    EntityType::Location | EntityType::Country
                ) && ctx.mention(p).role == MentionRole::Name
            })
        };
        // "Mr Putin, in London for talks with Mr Blair", "is in Beijing for a three-day
        // visit": being in a place for a visit or talks is a journey made.
        let there_for = |b: usize| {
            if ctx.lower(b + 1) != "in" {
                return None;
            }
            let place = place_at(b + 2)?;
            let after = ctx.mention(place).tokens.end;
            let purpose = ctx.lower(after) == "for"
                && (after + 1..(after + 5).min(s.tokens.end))
                    .take_while(|&t| !matches!(ctx.word(t), "," | "." | ";"))
                    .any(|t| {
                        let w = ctx.lower(t);
                        cues::has(Cue::TravelNoun, &w) || cues::has(Cue::TalkNoun, &w)
                    });
            purpose.then_some(place)
        };
        for b in s.tokens.clone() {
            if matches!(ctx.lower(b).as_str(), "is" | "are" | "was" | "were" | ",") {
                if let Some(place) = there_for(b) {
                    if let Some(who) = self.scheduled_subject(ctx, b) {
                        found.push(Finding::new(
                            who,
                            RelationLabel::Visited,
                            ctx.entity_index(place),
                            "be in for".into(),
                            confidence::SCHEDULED_VISIT,
                            "visit-purpose",
                        ));
                    }
                    continue;
                }
            }
            if !matches!(ctx.lower(b).as_str(), "is" | "are" | "was" | "were")
                || !matches!(ctx.lower(b + 1).as_str(), "due" | "expected")
                || b + 3 >= s.tokens.end
            {
                continue;
            }
            let place = match ctx.lower(b + 2).as_str() {
                "in" | "at" => place_at(b + 3),
                // "due to visit China", "expected to arrive in Tokyo".
                "to" => match ctx.lower(b + 3).as_str() {
                    "visit" | "tour" => place_at(b + 4),
                    "arrive" | "travel" | "fly" | "go" | "come" | "return" => {
                        matches!(ctx.lower(b + 4).as_str(), "in" | "to" | "at")
                            .then(|| place_at(b + 5))
                            .flatten()
                    }
                    _ => None,
                },
                _ => None,
            };
            let Some(place) = place else { continue };
            if let Some(who) = self.scheduled_subject(ctx, b) {
                found.push(Finding::new(
                    who,
                    RelationLabel::Visited,
                    ctx.entity_index(place),
                    format!("be {} {}", ctx.lower(b + 1), ctx.lower(b + 2)),
                    confidence::SCHEDULED_VISIT,
                    "scheduled-visit",
                ));
            }
        }
    }

    /// The one who travels, right before token `b`: a person's or a country's name, or a
    /// pronoun whose antecedent is a person.
    fn scheduled_subject(&self, ctx: &Ctx<'_>, b: usize) -> Option<usize> {
        match b.checked_sub(1).and_then(|k| ctx.mention_at(k)) {
            Some(m) if ctx.mention(m).tokens.end == b => matches!(
                ctx.mention(m).kind,
                EntityType::Person | EntityType::Country
            )
            .then(|| ctx.entity_index(m)),
            Some(_) => None,
            None if b > 0 && matches!(ctx.lower(b - 1).as_str(), "he" | "she") => self
                .antecedent(ctx, b - 1)
                .filter(|a| a.kind == EntityType::Person)
                .map(|a| a.entity),
            None => None,
        }
    }

    /// The wire's dateline, once per document.
    pub(super) fn dateline(&self, ctx: &Ctx<'_>) -> Option<Dateline> {
        for (si, s) in ctx.input.sentences.iter().enumerate().take(3) {
            let &m = ctx.by_sentence[si].first()?;
            let mention = ctx.mention(m);
            if mention.tokens.start != s.tokens.start {
                continue;
            }
            let after = mention.tokens.end;
            let dated = ctx.word(after) == ","
                && crate::time::calendar::month_number(ctx.word(after + 1)).is_some();
            let dashed = matches!(ctx.word(after), "-" | "–" | "—");
            if !(dated || dashed) {
                continue;
            }
            let key = match mention.kind {
                EntityType::Country => mention.kb_key.clone(),
                EntityType::Location => mention
                    .kb_key
                    .as_deref()
                    .and_then(|k| self.kb.entry(k))
                    .and_then(|e| e.country.clone()),
                _ => None,
            }?;
            let country = ctx
                .input
                .resolution
                .entities
                .iter()
                .position(|e| e.kb_key.as_deref() == Some(key.as_str()));
            return Some(Dateline {
                place: m,
                sentence: si,
                country_key: key.to_string(),
                country,
            });
        }
        None
    }

    /// "Helsinki, Finland": a city followed by the country it is in; "NEC Corp of Japan"; and
    /// "the Valdai Discussion Club, a Moscow-based think tank".
    pub(super) fn located(&self, ctx: &Ctx<'_>, si: usize, found: &mut Found) {
        let ms = &ctx.by_sentence[si];
        for pair in ms.windows(2) {
            let (a, b) = (ctx.mention(pair[0]), ctx.mention(pair[1]));
            // "NEC Corp of Japan", "Asea AB of Sweden": a company, by its legal form, of a
            // country.
            let company_of = a.kind == EntityType::Organization
                && a.tokens.end + 1 == b.tokens.start
                && ctx.word(a.tokens.end) == "of"
                && b.kind == EntityType::Country
                && b.role == MentionRole::Name
                && a.tokens.end > a.tokens.start
                && crate::nlp::mention_rules::is_company_suffix(ctx.word(a.tokens.end - 1));
            if company_of {
                found.push(Finding::new(
                    ctx.entity_index(pair[0]),
                    RelationLabel::LocatedIn,
                    ctx.entity_index(pair[1]),
                    "of".into(),
                    confidence::LOCATED_COMMA,
                    "located-company-of",
                ));
                continue;
            }
            let adjacent = a.tokens.end + 1 == b.tokens.start && ctx.word(a.tokens.end) == ",";
            // "in Edinburgh, Wales Secretary Peter Hain and ...": a place before a title names
            // whose office it is, in a list.
            if !(adjacent
                && a.kind == EntityType::Location
                && b.role == MentionRole::Name
                && matches!(b.kind, EntityType::Country | EntityType::Location)
                && !self.lex.is_title_word(ctx.word(b.tokens.end)))
            {
                continue;
            }
            // A knowledge-base place must agree with the knowledge base; regions never pair.
            let place = a.kb_key.as_deref().and_then(|k| self.kb.entry(k));
            // "Jacksonville, Florida": a state or province of the place's country also holds it.
            let within = b.kb_key.as_deref().and_then(|k| self.kb.entry(k));
            let ok = match place {
                // A state or province lies in its country, never in another state ("Utah,
                // Maryland, Virginia" is a list).
                Some(e) => {
                    e.country.is_some()
                        && (e.country.as_deref() == b.kb_key.as_deref()
                            || e.key.namespace() != crate::kb::Namespace::Region
                                && within.is_some_and(|w| {
                                    w.key.namespace() == crate::kb::Namespace::Region
                                        && w.country == e.country
                                }))
                }
                None => true,
            };
            if ok {
                found.push(Finding::new(
                    ctx.entity_index(pair[0]),
                    RelationLabel::LocatedIn,
                    ctx.entity_index(pair[1]),
                    "be in".into(),
                    confidence::LOCATED_COMMA,
                    "located-comma",
                ));
            }
        }
        for &m in ms {
            let place = ctx.mention(m);
            // The place ends inside the hyphenated word; it may start words before it ("New
            // York-based").
            let tok = place.tokens.end - 1;
            let first = place.tokens.start;
            if place.span.end < ctx.input.tokens[tok].span.end && ctx.word(tok).ends_with("-based")
            {
                let before = ms.iter().rev().find(|&&o| {
                    let om = ctx.mention(o);
                    om.kind == EntityType::Organization
                        && om.tokens.end <= first
                        && first - om.tokens.end <= 8
                });
                let org = match before {
                    Some(&o) => Some(self.arg(ctx, o, confidence::NAME_WEIGHT)),
                    // "the Florida-based firm", "Moscow-based Gazprom": what follows.
                    None => self.based_org_after(ctx, si, tok + 1),
                };
                let Some(org) = org else { continue };
                // "The Jacksonville, Florida-based firm": the city before the comma too.
                let city = (first >= 2 && ctx.word(first - 1) == ",")
                    .then(|| ctx.mention_at(first - 2))
                    .flatten()
                    .filter(|&c| ctx.mention(c).kind == EntityType::Location);
                for p in std::iter::once(m).chain(city) {
                    found.push(Finding::new(
                        org.entity,
                        RelationLabel::LocatedIn,
                        ctx.entity_index(p),
                        "base in".into(),
                        confidence::LOCATED_BASED * org.weight,
                        "located-based",
                    ));
                }
            }
        }
    }

    /// The organisation an "X-based" modifier at `from - 1` stands before: a name after a few
    /// modifiers, or "the firm" / "the company" resolved to the document's organisation.
    pub(super) fn based_org_after(&self, ctx: &Ctx<'_>, si: usize, from: usize) -> Option<Arg> {
        let s = &ctx.input.sentences[si];
        let mut k = from;
        while k < s.tokens.end && k - from < 4 && ctx.mention_at(k).is_none() {
            let w = ctx.lower(k);
            if super::modifiers::is_org_kind(self.lex, &w) {
                // "the Chicago-based company Motorola": the name right after the kind.
                if let Some(m) = ctx
                    .mention_at(k + 1)
                    .filter(|&m| ctx.in_sentence(m, si))
                    .filter(|&m| ctx.mention(m).kind == EntityType::Organization)
                {
                    return Some(self.arg(ctx, m, confidence::NAME_WEIGHT));
                }
                let definite = (s.tokens.start..k)
                    .rev()
                    .take(6)
                    .any(|d| ctx.lower(d) == "the");
                return definite.then(|| self.topic_org(ctx, si, k, 1)).flatten();
            }
            if !self.is_modifier_word(ctx, s, si, k) {
                return None;
            }
            k += 1;
        }
        let m = ctx.mention_at(k).filter(|&m| ctx.in_sentence(m, si))?;
        (ctx.mention(m).kind == EntityType::Organization)
            .then(|| self.arg(ctx, m, confidence::NAME_WEIGHT))
    }
}
