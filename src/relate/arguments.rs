//! Arguments of a predicate found in token windows: the subject to the left of a verb (names,
//! pronouns and descriptions, through coordination and relative clauses), the object after it or
//! its preposition, lists of names, and the type constraints each label puts on its arguments.

use super::confidence;
use super::{Arg, Ctx, RelationExtractor};
use crate::model::{EntityType, MentionRole, RelationLabel, Sentence, TokenKind};
use crate::nlp::lexicon::{is_speech_form, SpeechUse};

pub(super) const CLAUSE_BREAKS: &[&str] = &[
    ";", "“", "”", "\"", "which", "who", "whom", "while", "but", "whereas", "although",
];

pub(super) const PREPOSITIONS: &[&str] = &[
    "of", "in", "at", "from", "for", "with", "to", "by", "on", "into", "over", "between",
    "against", "about", "under", "within",
];

pub(super) const BE_FORMS: &[&str] = &["is", "are", "was", "were", "be", "been", "being"];

pub(super) fn is_actor(a: &Arg) -> bool {
    a.role == MentionRole::Name
        && matches!(
            a.kind,
            EntityType::Person | EntityType::Country | EntityType::Organization
        )
}

/// Nouns a country or organisation name often qualifies ("U.S. officials", "Japanese
/// government"): the noun, not the name, is then the actor.
pub(super) fn is_qualified_noun(w: &str) -> bool {
    matches!(
        w,
        "officials"
            | "official"
            | "sources"
            | "source"
            | "government"
            | "governments"
            | "administration"
            | "delegation"
            | "delegates"
            | "negotiators"
            | "diplomats"
            | "spokesman"
            | "spokeswoman"
            | "authorities"
            | "forces"
            | "troops"
            | "banks"
            | "bankers"
            | "companies"
            | "firms"
            | "suppliers"
            | "producers"
            | "exporters"
            | "importers"
            | "team"
            | "side"
            | "leaders"
            | "ministers"
            | "analysts"
            | "economists"
            | "traders"
            | "dealers"
            | "group"
            | "unit"
    )
}

impl RelationExtractor {
    /// Subjects of the verb at `v`: the nearest actor on its left in the same clause (with
    /// any actors coordinated with it), else a pronoun's antecedent, else a description
    /// ("the top aide", "the Russian president") resolved through the roles seen so far.
    pub(super) fn subjects_before(
        &self,
        ctx: &Ctx<'_>,
        s: &Sentence,
        si: usize,
        v: usize,
    ) -> Vec<Arg> {
        // "Russia's efforts to lift", "used by China to threaten": the agent of an infinitive.
        if v >= 2 && ctx.lower(v - 1) == "to" {
            if let Some(a) = self.infinitive_agent(ctx, s, si, v - 1) {
                return vec![a];
            }
        }
        let mut k = v;
        let mut possessive: Option<Arg> = None;
        while k > s.tokens.start {
            k -= 1;
            let w = ctx.lower(k);
            // "X, who met Y": the relative pronoun stands for the mention before it.
            if matches!(w.as_str(), "who" | "which") && k + 1 == v || w == "who" && v - k <= 3 {
                let before = if k > s.tokens.start && ctx.word(k - 1) == "," {
                    k - 1
                } else {
                    k
                };
                if let Some(m) = before.checked_sub(1).and_then(|b| ctx.mention_at(b)) {
                    let a = self.arg(ctx, m, confidence::DISTANT_NAME_WEIGHT);
                    if is_actor(&a) {
                        return vec![a];
                    }
                }
                break;
            }
            if v - k > 24 || CLAUSE_BREAKS.contains(&w.as_str()) {
                break;
            }
            // A reported clause: "Blair said states had to work with the US" — the subject of
            // "work" is not Blair.
            if k + 1 < v && is_speech_form(&w, SpeechUse::Report) {
                break;
            }
            // "Euronext, which combines the Paris and Lisbon exchanges, also began talks": a
            // relative clause between commas is skipped whole, whatever stands after it.
            if w == "," {
                let open = (k.saturating_sub(25).max(s.tokens.start)..k)
                    .rev()
                    .find(|&c| {
                        ctx.word(c) == "," && matches!(ctx.lower(c + 1).as_str(), "which" | "who")
                    });
                if let Some(open) = open {
                    k = open;
                    continue;
                }
            }
            // "X, the adviser to Y, met Z": skip the apposition back to its opening comma.
            if w == "," && k + 1 == v {
                match (s.tokens.start..k).rev().find(|&c| ctx.word(c) == ",") {
                    Some(open) => {
                        // "Amanda's uncle, Lewis Champion, told": an apposition that is a
                        // name is the subject itself.
                        let inner: Vec<usize> =
                            (open + 1..k).filter_map(|t| ctx.mention_at(t)).collect();
                        if let Some(&m) = inner.last() {
                            let mention = ctx.mention(m);
                            let only_name = mention.tokens.end == k
                                && (open + 1..mention.tokens.start)
                                    .all(|t| self.lex.is_title_word(ctx.word(t)));
                            if only_name && mention.kind == EntityType::Person {
                                return vec![self.arg(ctx, m, confidence::NAME_WEIGHT)];
                            }
                        }
                        k = open;
                        continue;
                    }
                    None => break,
                }
            }
            if matches!(w.as_str(), "he" | "she") && ctx.mention_at(k).is_none() {
                return self.antecedent(ctx, k).into_iter().collect();
            }
            if let Some(m) = ctx.mention_at(k) {
                if !ctx.in_sentence(m, si) {
                    continue;
                }
                let mention = ctx.mention(m);
                let arg = self.arg(ctx, m, confidence::NAME_WEIGHT);
                k = mention.tokens.start;
                if !is_actor(&arg) && !arg.capital {
                    continue;
                }
                // Inside a relative clause ("councillors who back Mr Flight met ..."): the
                // subject is the noun before "who", not this name.
                let t0 = self.title_start(ctx, s, mention.tokens.start);
                if (t0.saturating_sub(3).max(s.tokens.start)..t0)
                    .any(|x| matches!(ctx.lower(x).as_str(), "who" | "which" | "that"))
                {
                    break;
                }
                // Inside a prepositional phrase ("to Ayatollah Ali Khamenei"): not the subject.
                if t0 > s.tokens.start && PREPOSITIONS.contains(&ctx.lower(t0 - 1).as_str()) {
                    continue;
                }
                if matches!(ctx.word(mention.tokens.end), "'s" | "’s") {
                    possessive.get_or_insert(arg);
                    continue;
                }
                // "U.S. officials said", "Japanese government sources told": the country
                // only qualifies the noun that acts.
                // Also "Kremlin spokesman said", "KHAMENEI ADVISER WARNS": a title after the
                // name heads the phrase that acts.
                let next = ctx.lower(mention.tokens.end);
                if mention.tokens.end < v
                    && (is_qualified_noun(&next)
                        || self.lex.is_title_head(&next)
                            && !matches!(next.as_str(), "mr" | "mrs" | "ms" | "dr"))
                {
                    continue;
                }
                // Coordination on the left: "Putin and Velayati met".
                let mut out = vec![arg];
                if t0 >= 2 && ctx.lower(t0 - 1) == "and" {
                    if let Some(m2) = ctx.mention_at(t0 - 2) {
                        let a2 = self.arg(ctx, m2, confidence::NAME_WEIGHT);
                        if is_actor(&a2) {
                            out.push(a2);
                        }
                    }
                }
                return out;
            }
            // A description: "the top aide to X", "KHAMENEI ADVISER", "the Russian president".
            if self.lex.is_title_head(&w) && !matches!(w.as_str(), "mr" | "mrs" | "ms" | "dr") {
                if let Some((arg, _, _)) = self.description(ctx, s, k) {
                    return vec![arg];
                }
            }
        }
        possessive.into_iter().collect()
    }

    /// The agent of "to VERB" at token `to`: "X's efforts/plan/decision to", "by X to".
    pub(super) fn infinitive_agent(
        &self,
        ctx: &Ctx<'_>,
        s: &Sentence,
        si: usize,
        to: usize,
    ) -> Option<Arg> {
        let from = to.saturating_sub(4).max(s.tokens.start);
        for k in (from..to).rev() {
            let Some(m) = ctx.mention_at(k).filter(|&m| ctx.in_sentence(m, si)) else {
                continue;
            };
            let mention = ctx.mention(m);
            let arg = self.arg(ctx, m, confidence::DISTANT_NAME_WEIGHT);
            let possessive = matches!(ctx.word(mention.tokens.end), "'s" | "’s");
            let by = mention.tokens.start > s.tokens.start
                && ctx.lower(mention.tokens.start - 1) == "by"
                && mention.tokens.end == to;
            if (possessive || by) && (is_actor(&arg) || arg.capital) {
                return Some(arg);
            }
            return None;
        }
        None
    }

    /// The first mention starting within `window` tokens of `from` (determiners and titles
    /// skipped; stops at clause punctuation). Prefers a non-possessive one when `strict` is off.
    pub(super) fn mention_after(
        &self,
        ctx: &Ctx<'_>,
        si: usize,
        from: usize,
        end: usize,
        window: usize,
        demonyms: bool,
    ) -> Option<Arg> {
        let limit = (from + window + 3).min(end);
        let mut possessive = None;
        let mut k = from;
        while k < limit {
            if let Some(m) = ctx
                .at_token
                .get(&k)
                .and_then(|v| v.iter().copied().find(|&m| ctx.in_sentence(m, si)))
            {
                let mention = ctx.mention(m);
                // "meeting British officials": a demonym before such a noun stands for its
                // country.
                let for_country = mention.role == MentionRole::Demonym
                    && is_qualified_noun(&ctx.lower(mention.tokens.end));
                if mention.role == MentionRole::Name || demonyms || for_country {
                    let mut arg = self.arg(ctx, m, confidence::NAME_WEIGHT);
                    if for_country {
                        arg.role = MentionRole::Name;
                        arg.weight = confidence::DEMONYM_WEIGHT;
                    }
                    // "spoke to US President George Bush": a country or a body before a
                    // title only says whose the person after it is.
                    if mention.kind != EntityType::Person {
                        if let Some(p) = self.titled_person_after(ctx, si, mention.tokens.end) {
                            return Some(self.arg(ctx, p, confidence::NAME_WEIGHT));
                        }
                    }
                    if matches!(ctx.word(mention.tokens.end), "'s" | "’s") && possessive.is_none()
                    {
                        possessive = Some(arg);
                        k = mention.tokens.end + 1;
                        continue;
                    }
                    return Some(arg);
                }
            }
            if matches!(
                ctx.word(k),
                "," | ";" | "." | "“" | "”" | "\"" | "(" | ")" | "that" | "which" | "who" | ":"
            ) {
                break;
            }
            k += 1;
        }
        possessive
    }

    /// The person named right after title words starting at `k` ("President George Bush"),
    /// when the words make a title.
    fn titled_person_after(&self, ctx: &Ctx<'_>, si: usize, k: usize) -> Option<usize> {
        let mut j = k;
        while j < k + 5 && ctx.mention_at(j).is_none() && self.lex.is_title_word(ctx.word(j)) {
            j += 1;
        }
        if j == k || self.lex.title_role(&ctx.words[k..j].join(" ")).is_none() {
            return None;
        }
        ctx.mention_at(j).filter(|&p| {
            let m = ctx.mention(p);
            ctx.in_sentence(p, si)
                && m.kind == EntityType::Person
                && m.role == MentionRole::Name
                && m.tokens.start == j
        })
    }

    /// The direct object: the first mention after the verb with no preposition before it
    /// ("met Putin", not "met in Moscow").
    pub(super) fn direct_object(
        &self,
        ctx: &Ctx<'_>,
        si: usize,
        from: usize,
        end: usize,
    ) -> Option<Arg> {
        let obj = self.mention_after(ctx, si, from, end, 6, false)?;
        let start = ctx.mention(ctx.mention_at(obj.end - 1)?).tokens.start;
        // Only determiners, titles and a few modifiers may stand between the verb and its
        // object ("met the Iranian Foreign Minister X"); "told a press conference he was ...
        // Reagan" is another clause.
        let blocked = (from..start).any(|k| {
            let w = ctx.lower(k);
            ctx.mention_at(k).is_none()
                && !matches!(
                    w.as_str(),
                    "the"
                        | "a"
                        | "an"
                        | "his"
                        | "her"
                        | "its"
                        | "their"
                        | "both"
                        | "visiting"
                        | "former"
                        | "fellow"
                        | "new"
                )
                && (!self.lex.is_title_word(&w) || PREPOSITIONS.contains(&w.as_str()))
                && (ctx.input.tokens[k].kind != TokenKind::Word
                    || !ctx.word(k).starts_with(char::is_uppercase))
        });
        (!blocked).then_some(obj)
    }

    pub(super) fn after_prep(
        &self,
        ctx: &Ctx<'_>,
        si: usize,
        from: usize,
        end: usize,
        prep: &str,
    ) -> Option<Arg> {
        let limit = (from + 10).min(end);
        let p = (from..limit)
            .take_while(|&k| !matches!(ctx.word(k), "." | ";"))
            .find(|&k| ctx.word(k).eq_ignore_ascii_case(prep))?;
        self.mention_after(ctx, si, p + 1, end, 3, true)
    }

    /// `first` and the actors coordinated with it: "Europe and the US", "A, B and C".
    pub(super) fn coordinated(&self, ctx: &Ctx<'_>, si: usize, first: Arg, end: usize) -> Vec<Arg> {
        let mut out = vec![first];
        let mut seps: Vec<bool> = Vec::new(); // true for "and"/"or", false for a bare comma
        let mut k = first.end;
        while k < end && matches!(ctx.lower(k).as_str(), "and" | "," | "or") {
            let mut j = k + 1;
            let mut conj = ctx.lower(k) != ",";
            while j < end && matches!(ctx.lower(j).as_str(), "and" | "the" | "or") {
                conj |= ctx.lower(j) != "the";
                j += 1;
            }
            // Title words before the next name ("Secretary of State George Shultz").
            let mut t = j;
            while t < end
                && t < j + 5
                && self.lex.is_title_word(ctx.word(t))
                && ctx.mention_at(t).is_none()
            {
                t += 1;
            }
            let Some(m) = ctx.mention_at(t).filter(|&m| ctx.in_sentence(m, si)) else {
                break;
            };
            let arg = self.arg(ctx, m, confidence::NAME_WEIGHT);
            if arg.role != MentionRole::Name {
                break;
            }
            out.push(arg);
            seps.push(conj);
            k = arg.end;
            // "A, B and C" ends at C: what follows a closing conjunction is another phrase.
            if conj {
                break;
            }
        }
        // "A, B and C" is a list; "A, the adviser of B" is an apposition: keep up to the first
        // bare comma unless a conjunction closes the list.
        let closed = seps.last().copied().unwrap_or(false);
        // Three or more names of one kind between commas are a list even when its last item
        // is not a name ("A, B, C and the estate of D").
        let long_list = seps.len() >= 2 && out.iter().all(|a| a.kind == first.kind);
        if !closed && !long_list {
            let keep = 1 + seps.iter().take_while(|&&c| c).count();
            out.truncate(keep);
        }
        out
    }

    /// Type constraints of the ontology.
    pub(super) fn fits(&self, label: RelationLabel, s: &Arg, o: &Arg) -> bool {
        if s.entity == o.entity || !(is_actor(s) || s.capital) {
            return false;
        }
        match label {
            RelationLabel::Visited => {
                matches!(o.kind, EntityType::Location | EntityType::Country)
                    && o.role == MentionRole::Name
            }
            RelationLabel::Aided | RelationLabel::Sanctioned | RelationLabel::Attacked => {
                matches!(
                    o.kind,
                    EntityType::Person | EntityType::Country | EntityType::Organization
                ) || o.capital
            }
            _ => (is_actor(o) || o.capital || o.region) && o.role == MentionRole::Name,
        }
    }
}
