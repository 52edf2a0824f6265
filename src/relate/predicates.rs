//! Interactions read from token windows around a lexicon predicate: verbs ("X met Y"), event
//! nouns ("talks between X and Y", "the X-Y summit"), nominal acts ("US sanctions on Y"), journeys
//! ("X's visit to Y") and ties ("relations with Y"); with the negation and hedging that the
//! window shows. The parse-based rules in [`super::clause`] cover what a window cannot reach.

use super::confidence;
use super::cues::{self, Cue};
use super::{Arg, Ctx, Finding, Found, RelationExtractor, BE_FORMS};
use crate::model::{EntityType, RelationLabel, Sentence, TokenKind};
use crate::nlp::lexicon::{is_speech_lemma, verb_lemma, SpeechUse};
use crate::nlp::sentence::is_headline;

pub(super) const NEGATIONS: &[&str] = &["not", "n't", "n’t", "never", "no"];

pub(super) const MODALS: &[&str] = &[
    "would", "could", "may", "might", "will", "should", "can", "'ll", "must",
];

pub(super) const MESSAGE_NOUNS: &[(&str, &str)] = &[
    ("letter", "letter"),
    ("letters", "letter"),
    ("message", "message"),
    ("messages", "message"),
    ("warning", "warning"),
    ("proposal", "proposal"),
    ("congratulations", "congratulations"),
];

/// Without a tagger: a lexicon word used as a noun ("the same embargo", "US sanctions on",
/// "its attack"). After a determiner, a possessive or a preposition it is a noun; an "-s" form
/// followed by a preposition or punctuation is a plural noun.
pub(super) fn looks_like_noun(ctx: &Ctx<'_>, s: &Sentence, v: usize) -> bool {
    let prev = if v > s.tokens.start {
        ctx.lower(v - 1)
    } else {
        String::new()
    };
    let after_det = matches!(
        prev.as_str(),
        "the"
            | "a"
            | "an"
            | "this"
            | "that"
            | "its"
            | "their"
            | "his"
            | "her"
            | "our"
            | "same"
            | "'s"
            | "’s"
            | "of"
            | "any"
            | "no"
            | "new"
    );
    let w = ctx.lower(v);
    let next = ctx.lower(v + 1);
    let plural_noun = w.ends_with('s')
        && !w.ends_with("ss")
        && (v + 1 >= s.tokens.end
            || matches!(
                next.as_str(),
                "on" | "against"
                    | "following"
                    | "from"
                    | "and"
                    | ","
                    | "."
                    | "of"
                    | "over"
                    | "were"
                    | "are"
                    | "have"
                    | "had"
                    | "would"
                    | "will"
            ));
    // "cut its prime lending rate": an -ing form the tagger reads as a noun or an adjective
    // names a kind of thing, not an act.
    let gerund_modifier = w.ends_with("ing")
        && matches!(
            ctx.upos(v),
            Some(crate::model::Upos::Noun | crate::model::Upos::Adj)
        );
    after_det || plural_noun || gerund_modifier
}

pub(super) fn negated(ctx: &Ctx<'_>, start: usize, v: usize) -> bool {
    let from = v.saturating_sub(10).max(start);
    // "Asked if he would welcome...": a question put to someone asserts nothing.
    let asked = (from..v)
        .any(|k| ctx.lower(k) == "asked" && matches!(ctx.lower(k + 1).as_str(), "if" | "whether"));
    // "was very unlikely to support": what is said not to be likely is not asserted.
    let unlikely = (v.saturating_sub(3).max(start)..v).any(|k| ctx.lower(k) == "unlikely");
    asked
        || unlikely
        || (v.saturating_sub(3).max(start)..v).any(|k| NEGATIONS.contains(&ctx.lower(k).as_str()))
}

pub(super) fn hedged(ctx: &Ctx<'_>, start: usize, v: usize) -> bool {
    (v.saturating_sub(3).max(start)..v).any(|k| MODALS.contains(&ctx.lower(k).as_str()))
        || (v.saturating_sub(10).max(start)..v).any(|k| {
            matches!(
                ctx.lower(k).as_str(),
                "whether" | "if" | "interested" | "possible" | "ready"
            )
        })
}

impl RelationExtractor {
    pub(super) fn interactions(&self, ctx: &Ctx<'_>, s: &Sentence, si: usize, found: &mut Found) {
        let (start, end) = (s.tokens.start, s.tokens.end);
        let headline = is_headline(s.tokens.clone().map(|k| ctx.word(k)));
        for v in start..end {
            if ctx.input.tokens[v].kind != TokenKind::Word || ctx.at_token.contains_key(&v) {
                continue;
            }
            let word = ctx.word(v);
            if !headline && v != start && word.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            let lower = word.to_lowercase();
            // "is meeting X" is the verb; "the meeting with X" the noun.
            let progressive = v > start
                && BE_FORMS.contains(&ctx.lower(v - 1).as_str())
                && lower.ends_with("ing");
            if cues::has(Cue::EventNoun, lower.as_str()) && !progressive {
                self.event_noun(ctx, s, si, v, found);
                continue;
            }
            if matches!(lower.as_str(), "arrival" | "visit" | "trip" | "return") {
                self.travel_noun(ctx, s, si, v, found);
                continue;
            }
            if cues::has(Cue::TieNoun, lower.as_str()) {
                self.tie_noun(ctx, s, si, v, found);
                continue;
            }
            let known = |l: &str| self.verbs.knows(l) || is_speech_lemma(l, SpeechUse::Report);
            let lemma = match self.verbs.lemma_of_form(&lower) {
                Some(l) => l.to_string(),
                None => verb_lemma(&lower, &known),
            };
            if is_speech_lemma(&lemma, SpeechUse::Report) {
                self.speech(ctx, s, si, v, &lemma, found);
            }
            // A noun naming an act ("the EU embargo on China"), or a lexicon word used as one.
            if self.nominal_act(ctx, s, si, v, found) || looks_like_noun(ctx, s, v) {
                continue;
            }
            if !self.verbs.knows(&lemma) {
                continue;
            }
            let next = ctx.lower(v + 1);
            let two = format!("{lemma} {next}");
            let (lemma_used, after_verb) = if self.verbs.senses(&two).next().is_some() {
                (two, v + 2)
            } else {
                (lemma.clone(), v + 1)
            };
            if negated(ctx, start, v) || self.parse_denies(ctx, si, v) {
                continue;
            }
            let hedge = if hedged(ctx, start, v) {
                confidence::HEDGE_FACTOR
            } else {
                1.0
            };
            // "was welcomed (at the time) by Beijing": the agent follows "by".
            let by = (after_verb..(after_verb + 5).min(end))
                .take_while(|&k| !matches!(ctx.word(k), "," | ";" | "."))
                .find(|&k| ctx.lower(k) == "by");
            let passive =
                v > start && BE_FORMS.contains(&ctx.lower(v - 1).as_str()) && by.is_some();
            let subjects: Vec<Arg> = if passive {
                self.mention_after(ctx, si, by.unwrap_or(after_verb) + 1, end, 3, false)
                    .map(|a| self.coordinated(ctx, si, a, end))
                    .unwrap_or_default()
            } else {
                self.subjects_before(ctx, s, si, v)
            };
            if subjects.is_empty() {
                continue;
            }
            for sense in self.verbs.senses(&lemma_used) {
                // Derived senses are WordNet synonyms from the CAMEO dictionary: read without a
                // tagger they fire on nouns ("exports to China") and on rare senses, so they
                // count only where the tagger says the word is a verb.
                if sense.derived && !ctx.is_verb(v) {
                    continue;
                }
                let objects: Vec<Arg> = if passive {
                    self.subjects_before(ctx, s, si, v - 1)
                } else {
                    let first = match &sense.prep {
                        None => self.direct_object(ctx, si, after_verb, end),
                        Some(p) => self.after_prep(ctx, si, after_verb, end, p),
                    };
                    first
                        .map(|a| self.coordinated(ctx, si, a, end))
                        .unwrap_or_default()
                };
                let mut any = false;
                for subj in &subjects {
                    for obj in &objects {
                        if !self.fits(sense.label, subj, obj) {
                            continue;
                        }
                        let mut predicate = lemma_used.clone();
                        // "deliver letter": what is communicated, up to the next comma.
                        let message = (after_verb..(after_verb + 6).min(end))
                            .take_while(|&k| !matches!(ctx.word(k), "," | ";" | "." | ":"))
                            .find_map(|k| {
                                MESSAGE_NOUNS
                                    .iter()
                                    .find(|(f, _)| *f == ctx.lower(k))
                                    .map(|(_, l)| *l)
                            });
                        if let Some(noun) =
                            message.filter(|_| sense.label == RelationLabel::Communicated)
                        {
                            predicate = format!("{lemma_used} {noun}");
                        }
                        found.push(Finding {
                            cameo: Some(sense.cameo.clone()),
                            ..Finding::new(
                                subj.entity,
                                sense.label,
                                obj.entity,
                                predicate,
                                sense.confidence * hedge * subj.weight * obj.weight,
                                if sense.derived { "verb-cameo" } else { "verb" },
                            )
                        });
                        any = true;
                    }
                }
                if any {
                    break;
                }
                // "Putin and Velayati met (in Moscow)": a symmetric act between the subjects.
                if sense.label.is_symmetric()
                    && objects.is_empty()
                    && subjects.len() >= 2
                    && !passive
                {
                    let (a, b) = (&subjects[1], &subjects[0]);
                    if self.fits(sense.label, a, b) {
                        found.push(Finding::new(
                            a.entity,
                            sense.label,
                            b.entity,
                            lemma_used.clone(),
                            sense.confidence * hedge * confidence::VERB_SYMMETRIC,
                            "verb-symmetric",
                        ));
                        break;
                    }
                }
            }
        }
    }

    /// "summit between A and B", "the Reagan-Gorbachev summit", "meetings with A, B and C".
    pub(super) fn event_noun(
        &self,
        ctx: &Ctx<'_>,
        s: &Sentence,
        si: usize,
        v: usize,
        found: &mut Found,
    ) {
        let end = s.tokens.end;
        let lemma = match ctx.lower(v).as_str() {
            "meeting" | "meetings" => "meeting",
            "negotiations" => "negotiation",
            other => {
                if other == "talks" {
                    "talks"
                } else {
                    "summit"
                }
            }
        };
        if let Some(b) = (v + 1..(v + 8).min(end)).find(|&k| ctx.word(k) == "between") {
            if let Some(a) = self.mention_after(ctx, si, b + 1, end, 3, false) {
                let pair = self.coordinated(ctx, si, a, end);
                for (i, x) in pair.iter().enumerate() {
                    for y in &pair[i + 1..] {
                        if self.fits(RelationLabel::Met, x, y) {
                            found.push(Finding::new(
                                x.entity,
                                RelationLabel::Met,
                                y.entity,
                                format!("{lemma} between"),
                                confidence::EVENT_NOUN_BETWEEN,
                                "event-noun",
                            ));
                        }
                    }
                }
            }
            return;
        }
        if v > s.tokens.start {
            if let Some(parts) = ctx.at_token.get(&(v - 1)) {
                if parts.len() == 2 {
                    let (x, y) = (
                        self.arg(ctx, parts[0], confidence::NAME_WEIGHT),
                        self.arg(ctx, parts[1], confidence::NAME_WEIGHT),
                    );
                    if self.fits(RelationLabel::Met, &x, &y) {
                        found.push(Finding::new(
                            x.entity,
                            RelationLabel::Met,
                            y.entity,
                            lemma.to_string(),
                            confidence::EVENT_NOUN_WITH,
                            "event-noun",
                        ));
                    }
                }
            }
        }
        if ctx.lower(v + 1) == "with" {
            let Some(first) = self.mention_after(ctx, si, v + 2, end, 4, false) else {
                return;
            };
            let objects = self.coordinated(ctx, si, first, end);
            if hedged(ctx, s.tokens.start, v) || negated(ctx, s.tokens.start, v) {
                return;
            }
            let definite = v > s.tokens.start && ctx.lower(v - 1) == "the";
            let mut subjects = self.subjects_before(ctx, s, si, v);
            if subjects.is_empty() && !definite {
                // "After meetings with A, B and C, Clark told ...": the subject follows. Not for
                // "the meeting with X", which names an event told of before.
                // A time phrase may stand before the comma ("with Kato yesterday, Lyng and
                // Yeutter asked"); the subjects may be a list.
                let after = objects.last().map_or(v, |o| o.end);
                let comma = (after..(after + 4).min(end))
                    .take_while(|&k| ctx.mention_at(k).is_none() && !ctx.is_verb(k))
                    .find(|&k| ctx.word(k) == ",");
                if let Some(first) =
                    comma.and_then(|c| self.mention_after(ctx, si, c + 1, end, 1, false))
                {
                    subjects = self.coordinated(ctx, si, first, end);
                }
            }
            for subj in &subjects {
                for obj in &objects {
                    if self.fits(RelationLabel::Met, subj, obj) {
                        found.push(Finding::new(
                            subj.entity,
                            RelationLabel::Met,
                            obj.entity,
                            format!("{lemma} with"),
                            confidence::EVENT_NOUN_LIGHT_VERB * subj.weight,
                            "event-noun",
                        ));
                    }
                }
            }
        }
    }

    /// "the EU embargo on arms exports to China", "US sanctions against Iran", "Russia's attack
    /// on Ukraine": an act named by a noun, its actor right before it (a name, or a
    /// possessive), its target after "on"/"against".
    pub(super) fn nominal_act(
        &self,
        ctx: &Ctx<'_>,
        s: &Sentence,
        si: usize,
        v: usize,
        found: &mut Found,
    ) -> bool {
        let label = match ctx.lower(v).as_str() {
            "sanctions" | "sanction" | "embargo" | "embargoes" | "blockade" => {
                RelationLabel::Sanctioned
            }
            "attack" | "attacks" | "strike" | "strikes" | "invasion" | "bombing" | "offensive" => {
                RelationLabel::Attacked
            }
            "criticism" => RelationLabel::Criticized,
            "threat" | "threats" => RelationLabel::Threatened,
            _ => return false,
        };
        if v == s.tokens.start || negated(ctx, s.tokens.start, v) {
            return false;
        }
        let mut a = v - 1;
        if matches!(ctx.word(a), "'s" | "’s") && a > s.tokens.start {
            a -= 1;
        }
        let Some(actor) = ctx
            .mention_at(a)
            .filter(|&m| ctx.in_sentence(m, si))
            .map(|m| self.arg(ctx, m, confidence::DISTANT_NAME_WEIGHT))
        else {
            return false;
        };
        let end = s.tokens.end;
        let Some(p) =
            (v + 1..(v + 3).min(end)).find(|&k| matches!(ctx.lower(k).as_str(), "on" | "against"))
        else {
            return false;
        };
        // The target, possibly after a few words ("on arms exports to China").
        let target = (p + 1..(p + 7).min(end))
            .take_while(|&k| !matches!(ctx.word(k), "," | ";" | "." | "“" | "”" | "\""))
            .find_map(|k| ctx.mention_at(k).filter(|&m| ctx.in_sentence(m, si)))
            .map(|m| self.arg(ctx, m, confidence::NAME_WEIGHT));
        let Some(target) = target else { return false };
        let conf = if hedged(ctx, s.tokens.start, v) {
            confidence::ACT_NOUN_HEDGED
        } else {
            confidence::ACT_NOUN
        };
        if !self.fits(label, &actor, &target) {
            return false;
        }
        found.push(Finding::new(
            actor.entity,
            label,
            target.entity,
            ctx.lower(v),
            conf * actor.weight,
            "act-noun",
        ));
        true
    }

    /// "Upon his arrival in Moscow", "Velayati's visit to Moscow": the possessor travelled.
    pub(super) fn travel_noun(
        &self,
        ctx: &Ctx<'_>,
        s: &Sentence,
        si: usize,
        v: usize,
        found: &mut Found,
    ) {
        if v <= s.tokens.start || !matches!(ctx.lower(v + 1).as_str(), "to" | "in" | "at") {
            return;
        }
        let prev = ctx.lower(v - 1);
        let traveller = if matches!(prev.as_str(), "his" | "her") {
            self.antecedent(ctx, v - 1)
        } else if matches!(prev.as_str(), "'s" | "’s") && v >= 2 {
            ctx.mention_at(v - 2)
                .map(|m| self.arg(ctx, m, confidence::NAME_WEIGHT))
        } else {
            None
        };
        let place = self.mention_after(ctx, si, v + 2, s.tokens.end, 2, false);
        // "a 12-day visit to Japan by Lyng": the traveller follows "by" after the place.
        let traveller = traveller.or_else(|| {
            let after = place.as_ref()?.end;
            (ctx.lower(after) == "by")
                .then(|| self.mention_after(ctx, si, after + 1, s.tokens.end, 1, false))
                .flatten()
                .filter(|a| a.kind == EntityType::Person)
        });
        let (Some(who), Some(place)) = (traveller, place) else {
            return;
        };
        if self.fits(RelationLabel::Visited, &who, &place) {
            found.push(Finding::new(
                who.entity,
                RelationLabel::Visited,
                place.entity,
                format!("{} {}", ctx.lower(v), ctx.lower(v + 1)),
                confidence::TRAVEL_NOUN * who.weight,
                "travel-noun",
            ));
        }
    }

    /// "his strong relationship with George Bush", "Tehran's relationship with Moscow".
    pub(super) fn tie_noun(
        &self,
        ctx: &Ctx<'_>,
        s: &Sentence,
        si: usize,
        v: usize,
        found: &mut Found,
    ) {
        if ctx.lower(v + 1) != "with" {
            return;
        }
        let Some(obj) = self.mention_after(ctx, si, v + 2, s.tokens.end, 2, false) else {
            return;
        };
        // "Tehran's relationship with Moscow": the possessor is the party.
        let possessor = (v >= 2 && matches!(ctx.word(v - 1), "'s" | "’s"))
            .then(|| {
                ctx.mention_at(v - 2)
                    .map(|m| self.arg(ctx, m, confidence::NAME_WEIGHT))
            })
            .flatten();
        let subjects = match possessor {
            Some(p) => vec![p],
            None => self.subjects_before(ctx, s, si, v),
        };
        for subj in subjects {
            if self.fits(RelationLabel::Cooperated, &subj, &obj) {
                found.push(Finding::new(
                    subj.entity,
                    RelationLabel::Cooperated,
                    obj.entity,
                    format!("{} with", ctx.lower(v)),
                    confidence::TIE_NOUN * subj.weight,
                    "tie-noun",
                ));
            }
        }
    }
}
