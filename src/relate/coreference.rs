//! Coreference for relations: a pronoun ("he", "she", "they") or a definite description ("the
//! minister", "the company", "the two leaders") to the entity it stands for, within the document,
//! through the recent sentences' subjects and the role memory the title rules fill.

use super::confidence;
use super::roles::{is_government_title, is_state_title};
use super::{same_title, Arg, Ctx, RelationExtractor, PREPOSITIONS};
use crate::model::{EntityType, MentionRole, Sentence, Upos};
use crate::nlp::lexicon::TitleRole;

/// How many sentences before a pronoun's own [`RelationExtractor::antecedent`] looks at.
pub(super) const ANTECEDENT_SENTENCES: usize = 4;

impl RelationExtractor {
    /// The most recent person before token `k` (for "he"/"she"), looked for in the pronoun's
    /// sentence and the [`ANTECEDENT_SENTENCES`] before it: a scan over every earlier mention
    /// made long documents quadratic, and a pronoun rarely reaches further back in news text.
    pub(super) fn antecedent(&self, ctx: &Ctx<'_>, k: usize) -> Option<Arg> {
        let pos = ctx.input.tokens.get(k)?.span.start;
        let female = matches!(ctx.lower(k).as_str(), "she" | "her" | "hers");
        let si = ctx
            .input
            .sentences
            .partition_point(|s| s.tokens.end <= k)
            .min(ctx.by_sentence.len().checked_sub(1)?);
        let entities = &ctx.input.resolution.entities;
        // '"... he is coming to Europe," said Mr Blair': inside a quote, "he" is not the
        // person quoted (who would say "I").
        let sentence = ctx.input.sentences.get(si)?;
        let quoted = |t: usize| {
            (sentence.tokens.start..t)
                .filter(|&q| matches!(ctx.word(q), "\"" | "“" | "”"))
                .count()
                % 2
                == 1
        };
        let speakers: Vec<usize> = if quoted(k) {
            ctx.by_sentence[si]
                .iter()
                .filter(|&&m| {
                    let t = ctx.mention(m).tokens.start;
                    ctx.mention(m).kind == EntityType::Person && !quoted(t)
                })
                .map(|&m| ctx.entity_index(m))
                .collect()
        } else {
            Vec::new()
        };
        // "she" needs a woman we know of; "he" anyone not known to be a woman.
        let agrees = |m: usize| {
            ctx.input
                .resolution
                .mention_entity
                .get(m)
                .and_then(|&e| entities.get(e))
                .is_some_and(|e| e.aliases.iter().any(|a| self.lex.is_female_name(a)) == female)
        };
        let reporting = (!quoted(k))
            .then(|| self.speaker_reporting(ctx, sentence, si, k))
            .flatten();
        if let Some(m) = reporting.or_else(|| self.cataphor(ctx, sentence, si, k)) {
            if agrees(m) {
                let mut a = self.arg(ctx, m, confidence::ANTECEDENT_WEIGHT);
                a.end = k + 1;
                return Some(a);
            }
        }
        let fits = |m: usize| {
            let mm = ctx.mention(m);
            if mm.kind != EntityType::Person
                || mm.span.end > pos
                || speakers.contains(&ctx.entity_index(m))
            {
                return false;
            }
            agrees(m)
        };
        // The latest sentence with a candidate; in it, a subject before any other mention
        // ("Mann said Mr Lynch's job would not be easy ... he said": Mann), the way a reader
        // keeps track of who the text is about.
        let m = (si.saturating_sub(ANTECEDENT_SENTENCES)..=si)
            .rev()
            .find_map(|s| {
                let candidates: Vec<usize> = ctx.by_sentence[s]
                    .iter()
                    .rev()
                    .copied()
                    .filter(|&m| fits(m))
                    .collect();
                let latest = *candidates.first()?;
                // Without a parse subject, the earliest bare name (not a possessive, not in a
                // prepositional phrase) is the likeliest subject.
                let bare = |m: usize| {
                    let t = ctx.mention(m).tokens.clone();
                    !matches!(ctx.word(t.end), "'s" | "’s")
                        && (t.start == 0
                            || !PREPOSITIONS.contains(&ctx.lower(t.start - 1).as_str()))
                };
                Some(
                    candidates
                        .iter()
                        .copied()
                        .find(|&m| ctx.is_subject(m))
                        .or_else(|| candidates.iter().rev().copied().find(|&m| bare(m)))
                        .unwrap_or(latest),
                )
            })?;
        let mut a = self.arg(ctx, m, confidence::ANTECEDENT_WEIGHT);
        a.end = k + 1;
        Some(a)
    }

    /// "UK entrepreneur Richard Branson has said he is keen": the subject of a clause reported
    /// by a verb of saying is, in news, the one who says it, whoever else the sentence names
    /// first ("Vijay Mallya set up Kingfisher, while ..."); not inside a quote, where the
    /// speaker would say "I". Returns the speaker's mention.
    fn speaker_reporting(
        &self,
        ctx: &Ctx<'_>,
        sentence: &Sentence,
        si: usize,
        k: usize,
    ) -> Option<usize> {
        let syn = ctx.input.syntax.get(si)?;
        if !syn.is_parsed() || syn.heads.len() != sentence.tokens.len() {
            return None;
        }
        let base = sentence.tokens.start;
        let rel = |i: usize| syn.deprel(i).map(|d| d.universal());
        let clause = syn.head(k.checked_sub(base)?)?;
        if rel(k - base) != Some("nsubj") || rel(clause) != Some("ccomp") {
            return None;
        }
        let verb = syn.head(clause)?;
        self.report_lemma(ctx, base + verb)?;
        // The verb's subject, reached from a name through its flat parts and appositions
        // ("entrepreneur Richard Branson": Richard is the apposition of the subject).
        let subject_of_verb = |mut i: usize| {
            for _ in 0..4 {
                match rel(i) {
                    Some("nsubj") => return syn.head(i) == Some(verb),
                    Some("flat" | "appos" | "compound") => match syn.head(i) {
                        Some(h) => i = h,
                        None => return false,
                    },
                    _ => return false,
                }
            }
            false
        };
        ctx.by_sentence[si].iter().copied().find(|&m| {
            let mm = ctx.mention(m);
            mm.kind == EntityType::Person
                && mm.tokens.end <= k
                && mm.tokens.clone().any(|t| subject_of_verb(t - base))
        })
    }

    /// The person a possessive pronoun in a sentence's opening phrase stands for: the one the
    /// main clause names after the phrase's comma ("During his visit to India, President Bush
    /// praised Singh": Bush; not the person of the sentence before).
    fn cataphor(&self, ctx: &Ctx<'_>, sentence: &Sentence, si: usize, k: usize) -> Option<usize> {
        let start = sentence.tokens.start;
        // "During", "On", "After": a preposition or a subordinating word opens the phrase.
        let opens = matches!(ctx.upos(start), Some(Upos::Adp | Upos::Sconj))
            || PREPOSITIONS.contains(&ctx.lower(start).as_str());
        if !opens || !matches!(ctx.lower(k).as_str(), "his" | "her") {
            return None;
        }
        // The pronoun is in the opening phrase: no comma and no person before it.
        if (start..k).any(|t| ctx.word(t) == ",") {
            return None;
        }
        let comma = (k + 1..sentence.tokens.end).find(|&t| ctx.word(t) == ",")?;
        let mentions = &ctx.by_sentence[si];
        if mentions
            .iter()
            .any(|&m| ctx.mention(m).kind == EntityType::Person && ctx.mention(m).tokens.start < k)
        {
            return None;
        }
        // The first name after the comma, when it is a person and not in a phrase of its own.
        let m = *mentions
            .iter()
            .find(|&&m| ctx.mention(m).tokens.start > comma)?;
        let t = ctx.mention(m).tokens.clone();
        (ctx.mention(m).kind == EntityType::Person
            && !matches!(ctx.word(t.end), "'s" | "’s")
            && !PREPOSITIONS.contains(&ctx.lower(t.start - 1).as_str()))
        .then_some(m)
    }

    /// Resolves "the [Affil] TITLE [to|of X]" ending at token `h` to a person: one named
    /// earlier with the same title (and an agreeing affiliation), else the one person of the
    /// document whom the knowledge base has in government (of that country, when one is said).
    /// Returns the person, the title's role and head, and the affiliation entity.
    pub(super) fn description(
        &self,
        ctx: &Ctx<'_>,
        s: &Sentence,
        h: usize,
    ) -> Option<(Arg, (TitleRole, String), Option<usize>)> {
        // Not a title in front of a name ("Foreign Minister Sergey Lavrov").
        if ctx
            .mention_at(h + 1)
            .is_some_and(|m| ctx.mention(m).kind == EntityType::Person)
        {
            return None;
        }
        let mut t0 = h;
        while t0 > s.tokens.start
            && h - t0 < 4
            && (self.lex.is_title_word(ctx.word(t0 - 1))
                || ctx
                    .mention_at(t0 - 1)
                    .is_some_and(|m| ctx.mention(m).kind != EntityType::Person))
        {
            t0 -= 1;
        }
        // "an executive spokeswoman" is someone new, not a person named before.
        let article = (t0.saturating_sub(2).max(s.tokens.start)..=t0)
            .map(|k| ctx.lower(k))
            .find(|w| matches!(w.as_str(), "a" | "an" | "one" | "another" | "some"));
        if article.is_some() {
            return None;
        }
        let phrase = ctx.words[t0..=h]
            .iter()
            .filter(|w| self.lex.is_title_word(w))
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        let (role, head) = self.lex.title_role(&phrase)?;
        let TitleRole::Relation(label) = role else {
            return None;
        };
        let mut affil = (t0..h)
            .find_map(|t| ctx.mention_at(t))
            .map(|m| ctx.entity_index(m));
        // "KHAMENEI ADVISER", "Kremlin spokesman": a name right before the title is whose.
        if affil.is_none() && h > s.tokens.start {
            affil = ctx.mention_at(h - 1).map(|m| ctx.entity_index(m));
        }
        // "the top aide to Ayatollah Ali Khamenei", "the president of Iran": a complement.
        if affil.is_none() && matches!(ctx.word(h + 1), "to" | "of" | "for") {
            affil = (h + 2..(h + 6).min(s.tokens.end))
                .find_map(|t| ctx.mention_at(t))
                .map(|m| ctx.entity_index(m));
        }
        let affil_country = affil.and_then(|a| self.country_of(ctx, a));
        let pos = ctx.input.tokens[h].span.start;
        let si = ctx
            .input
            .sentences
            .partition_point(|x| x.tokens.end <= s.tokens.start);
        // The latest mention before the description; for a headline (nothing named yet),
        // a mention after it counts, ranked below any earlier one.
        let last_before = |person: usize| -> Option<usize> {
            // Mentions are sorted and in sentence order: skip the later ones by bisection
            // (a scan made long documents quadratic).
            let ms = &ctx.input.resolution.entities.get(person)?.mentions;
            let cut = ms.partition_point(|&m| ctx.mention(m).sentence <= si);
            ms[..cut]
                .iter()
                .rev()
                .find(|&&m| ctx.mention(m).span.end <= pos)
                .map(|&m| m + ctx.input.mentions.len())
                .or_else(|| {
                    ms.iter()
                        .min()
                        .map(|&m| ctx.input.mentions.len() - m.min(ctx.input.mentions.len()))
                })
        };
        // 1. Someone the text already gave this title.
        let named = ctx
            .roles
            .iter()
            .filter(|r| same_title(&r.head, &head) && (r.head == head || r.label == label))
            .filter_map(|r| {
                let agrees = affil.is_some()
                    && (r.affiliation == affil
                        || r.affiliation.is_some() && r.affiliation == affil_country);
                if affil.is_some() && r.affiliation.is_some() && !agrees {
                    return None;
                }
                Some((agrees, last_before(r.person)?, r.person))
            })
            .max()
            .map(|(_, _, p)| p);
        // 2. The one person the knowledge base has in government here (leaders and officials).
        let person = named.or_else(|| {
            let org_affil = affil.is_some_and(|a| {
                ctx.input
                    .resolution
                    .entities
                    .get(a)
                    .is_some_and(|e| e.kind != EntityType::Country)
            });
            // Only a government's titles: the knowledge base knows ministers and heads of
            // state, not who "the information commissioner" or "the spokesman" is.
            if !(is_state_title(&head) || is_government_title(&head) || head == "leader")
                || org_affil
            {
                return None;
            }
            let want_country =
                affil_country.and_then(|c| ctx.input.resolution.entities.get(c)?.kb_key.clone());
            let titled: Vec<usize> = ctx
                .roles
                .iter()
                .filter(|r| r.head != head)
                .map(|r| r.person)
                .collect();
            let cands: Vec<(usize, usize)> =
                ctx.input
                    .resolution
                    .entities
                    .iter()
                    .enumerate()
                    .filter(|(i, e)| e.kind == EntityType::Person && !titled.contains(i))
                    .filter_map(|(i, e)| {
                        let entry = self.kb.entry(e.kb_key.as_deref()?)?;
                        let gov = entry.roles.iter().any(|r| {
                            r.is_government() && ctx.input.date.is_none_or(|d| r.holds_on(d))
                        });
                        let country_ok = want_country
                            .as_deref()
                            .is_none_or(|c| entry.country.as_deref() == Some(c));
                        // Only people already named: a headline's description stays open.
                        let before = ctx
                            .input
                            .resolution
                            .entities
                            .get(i)?
                            .mentions
                            .iter()
                            .any(|&m| ctx.mention(m).span.end <= pos);
                        (gov && country_ok && before).then_some((last_before(i)?, i))
                    })
                    .collect();
            (cands.len() == 1).then(|| cands[0].1)
        })?;
        let e = ctx.input.resolution.entities.get(person)?;
        let arg = Arg {
            entity: person,
            kind: e.kind,
            role: MentionRole::Name,
            capital: false,
            region: false,
            end: h + 1,
            weight: confidence::ANTECEDENT_WEIGHT,
        };
        Some((arg, (role, head), affil))
    }
}
