//! Reported speech read from token windows: the speaker of "X said", "according to X", "X told
//! Y" relates to those the statement is about, with the tone of the sentence (criticism, support
//! or a plain statement), and to the addressee of a demand.

use super::confidence;
use super::cues::{self, Cue};
use super::{is_actor, negated, Ctx, Finding, Found, RelationExtractor, PREPOSITIONS};
use crate::model::{EntityType, RelationLabel, Sentence};
use crate::nlp::lexicon::{is_speech_lemma, verb_lemma, SpeechUse};

/// What a statement does to what it is about, by the tone of its sentence: criticism, support
/// or a plain statement, with the confidence each reading earns.
pub(super) fn tone(ctx: &Ctx<'_>, s: &Sentence) -> (RelationLabel, f32) {
    let words: Vec<String> = s.tokens.clone().map(|k| ctx.lower(k)).collect();
    let count = |cue: Cue| words.iter().filter(|w| cues::has(cue, w)).count();
    let (neg, pos) = (count(Cue::ToneNegative), count(Cue::TonePositive));
    if neg > pos {
        (RelationLabel::Criticized, confidence::TONE_CRITICAL)
    } else if pos > neg {
        (RelationLabel::Supported, confidence::TONE_SUPPORTIVE)
    } else {
        (RelationLabel::Stated, confidence::TONE_NEUTRAL)
    }
}

/// True when a closing quote stands before `v` ("“...,” Velayati said").
/// True when the speech verb at `v` follows its quotation: `“...,” Velayati said` /
/// `"...," he said` — a closing quote with a comma right before the speaker.
pub(super) fn quoted_before(ctx: &Ctx<'_>, s: &Sentence, v: usize) -> bool {
    (s.tokens.start + 2..v).rev().take(6).any(|k| {
        let (a, b) = (ctx.word(k - 1), ctx.word(k));
        matches!(
            (a, b),
            ("," | "." | "!" | "?", "”" | "\"") | ("”" | "\"", ",")
        )
    })
}

impl RelationExtractor {
    /// The lemma of the verb at token `t` when it reports speech ("said", "told", "argues").
    pub(super) fn report_lemma(&self, ctx: &Ctx<'_>, t: usize) -> Option<String> {
        let lemma = verb_lemma(&ctx.lower(t), &|l| {
            is_speech_lemma(l, SpeechUse::Report) || self.verbs.knows(l)
        });
        is_speech_lemma(&lemma, SpeechUse::Report).then_some(lemma)
    }

    /// "X said ... Y": the speaker states something about the first actor of what is said;
    /// the tone of the sentence makes it criticism or support.
    pub(super) fn speech(
        &self,
        ctx: &Ctx<'_>,
        s: &Sentence,
        si: usize,
        v: usize,
        lemma: &str,
        found: &mut Found,
    ) {
        // "arguing with NATO allies" is a dispute, handled by the verb lexicon.
        if negated(ctx, s.tokens.start, v) || ctx.lower(v + 1) == "with" {
            return;
        }
        let Some(subj) = self.subjects_before(ctx, s, si, v).into_iter().next() else {
            return;
        };
        if subj.kind != EntityType::Person {
            return;
        }
        if lemma == "tell" {
            // The one told comes right after the verb ("told Putin", "told the BBC").
            let det = matches!(
                ctx.lower(v + 1).as_str(),
                "the" | "a" | "an" | "his" | "her" | "their"
            );
            let next = if det { v + 2 } else { v + 1 };
            let told = ctx
                .mention_at(next)
                .filter(|m| ctx.in_sentence(*m, si) && ctx.mention(*m).tokens.start == next);
            if let Some(o) = told.map(|m| self.arg(ctx, m, confidence::NAME_WEIGHT)) {
                if self.fits(RelationLabel::Communicated, &subj, &o) {
                    found.push(Finding::new(
                        subj.entity,
                        RelationLabel::Communicated,
                        o.entity,
                        "tell".into(),
                        confidence::SPEECH_ADDRESSEE * subj.weight,
                        "speech",
                    ));
                    return;
                }
            }
        }
        let ms = &ctx.by_sentence[si];
        let candidate = |m: &usize| {
            let a = self.arg(ctx, *m, confidence::NAME_WEIGHT);
            a.entity != subj.entity
                && is_actor(&a)
                && !matches!(ctx.word(ctx.mention(*m).tokens.end), "'s" | "’s")
        };
        // What is said is about the subject of the reported clause ("said the US government
        // was...") or an actor inside the quotation; not any later name in the sentence.
        // The quotation that follows the verb: from its opening mark to its closing one.
        let open =
            (v + 1..(v + 4).min(s.tokens.end)).find(|&k| matches!(ctx.word(k), "“" | "\"" | ":"));
        let close = open.map(|o| {
            (o + 1..s.tokens.end)
                .find(|&k| matches!(ctx.word(k), "”" | "\""))
                .unwrap_or(s.tokens.end)
        });
        let in_quote = |m: usize| {
            let t = ctx.mention(m).tokens.start;
            matches!((open, close), (Some(o), Some(c)) if o < t && t < c)
        };
        // The reported clause's subject stands right after the verb and after no preposition.
        let clause_subject = |m: usize| {
            let t = ctx.mention(m).tokens.start;
            t > v && t - v <= 4 && !PREPOSITIONS.contains(&ctx.lower(t - 1).as_str())
        };
        let after = ms
            .iter()
            .find(|&&m| (clause_subject(m) || in_quote(m)) && candidate(&m));
        let before = ms.iter().find(|&&m| {
            ctx.mention(m).tokens.end + 2 < v && candidate(&m) && quoted_before(ctx, s, v)
        });
        let Some(&o) = after.or(before) else { return };
        let obj = self.arg(ctx, o, confidence::NAME_WEIGHT);
        // An official speaking of their own country or body ("Reagan said the United States
        // would offer...") relates two parties no more than a speech does.
        let own = ctx
            .roles
            .iter()
            .any(|r| r.person == subj.entity && r.affiliation == Some(obj.entity))
            || self.country_of(ctx, subj.entity) == Some(obj.entity);
        if own {
            return;
        }
        let (label, conf) = tone(ctx, s);
        // A neutral statement is about people and countries; "said Chemical Bank had agreed
        // to provide financing" relates the speaker to a company no more than a quote does.
        if label == RelationLabel::Stated && obj.kind == EntityType::Organization {
            return;
        }
        found.push(Finding::new(
            subj.entity,
            label,
            obj.entity,
            lemma.to_string(),
            conf * subj.weight,
            "speech",
        ));
    }
}
