//! A title and the name it stands before are one phrase: "Central Bank President Jose Luis
//! Machinea said" has one subject. The parser, trained on little news, often splits such a
//! phrase and hangs two of its words on the verb ("Central" and "Jose" both its subject), or
//! makes the title the head and the name its apposition. Before the clause rules read a
//! sentence, each such phrase is re-attached as a unit: the name's first word takes the phrase's
//! place in the tree, the other words that hung outside the phrase hang on it.

use super::{Ctx, RelationExtractor};
use crate::model::{DepRel, EntityType, MentionRole, SentenceSyntax, Upos};

/// A phrase to read as one nominal: tokens `start..end` of a sentence (sentence-relative),
/// headed by `head`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Unit {
    pub start: usize,
    pub end: usize,
    pub head: usize,
}

impl RelationExtractor {
    /// The title-and-name phrases of sentence `si`: a person's name with the title words before
    /// it, and the country, demonym or body the title is of ("Brazilian Finance Minister Dilson
    /// Funaro", "U.S. Agriculture Secretary Richard Lyng").
    pub(super) fn title_name_units(&self, ctx: &Ctx<'_>, si: usize) -> Vec<Unit> {
        let s = &ctx.input.sentences[si];
        let base = s.tokens.start;
        let mut units = Vec::new();
        for &m in &ctx.by_sentence[si] {
            let mention = ctx.mention(m);
            if mention.kind != EntityType::Person || mention.role != MentionRole::Name {
                continue;
            }
            let a = mention.tokens.start;
            let mut t0 = self.title_start(ctx, s, a);
            if t0 == a {
                continue;
            }
            // As `titles` reads them: honorifics next to the name, before them a title that
            // ends in a title word ("a member of Cherie Blair's chambers" has none).
            let a_end = self.title_end(ctx, t0, a);
            if t0 < a_end
                && (self.lex.is_function_word(&ctx.lower(a_end - 1))
                    || self
                        .lex
                        .title_role(&ctx.words[t0..a_end].join(" "))
                        .is_none())
            {
                continue;
            }
            // The affiliation before the title words: a name or a demonym ending where they
            // begin.
            // "Germany's Chancellor Gerhard Schroeder": a possessor before them too.
            let possessive = t0 >= base + 2 && ctx.is_possessive(t0 - 1);
            let before = if possessive { t0 - 1 } else { t0 };
            if let Some(prev) = before.checked_sub(1).filter(|&p| p >= base) {
                if let Some(o) = ctx
                    .mention_at(prev)
                    .filter(|&o| ctx.in_sentence(o, si))
                    .filter(|&o| !possessive || ctx.mention(o).role == MentionRole::Name)
                {
                    let other = ctx.mention(o);
                    if other.tokens.end == before
                        && other.kind != EntityType::Person
                        && matches!(other.role, MentionRole::Name | MentionRole::Demonym)
                    {
                        t0 = other.tokens.start;
                    }
                }
            }
            units.push(Unit {
                start: t0 - base,
                end: mention.tokens.end - base,
                head: a - base,
            });
        }
        units
    }
}

/// Words of time that end a clause ("next week", "on Monday morning"), besides the weekdays.
const TIME_WORDS: &[&str] = &[
    "week",
    "weekend",
    "month",
    "year",
    "day",
    "today",
    "tomorrow",
    "morning",
    "afternoon",
    "evening",
    "night",
];

/// "Mandelson will visit China next week": the parser, seeing a name before a time phrase,
/// often makes the name a compound of the time word ("China next week" as one noun phrase)
/// and the verb loses its object. A proper noun compounded onto a time word that hangs from a
/// verb is put back as the verb's object. `words` are the sentence's words.
pub(super) fn detach_from_time_words(syn: &SentenceSyntax, words: &[&str]) -> SentenceSyntax {
    let mut out = syn.clone();
    let n = out.heads.len().min(words.len());
    for (h, word) in words.iter().enumerate().take(n) {
        let w = word.to_lowercase();
        if !TIME_WORDS.contains(&w.as_str()) && !crate::time::calendar::DAYS.contains(&w.as_str()) {
            continue;
        }
        let Some(v) = out.heads[h].filter(|&v| out.upos.get(v) == Some(&Upos::Verb)) else {
            continue;
        };
        let names: Vec<usize> = (v + 1..h)
            .filter(|&i| {
                out.heads[i] == Some(h)
                    && out.deprels[i].as_str() == "compound"
                    && out.upos[i] == Upos::Propn
            })
            .collect();
        let Some(&last) = names.last() else { continue };
        // Nothing of the name's may stand after the time word's other modifiers' start.
        if (last + 1..h).any(|i| out.upos[i] == Upos::Propn) {
            continue;
        }
        out.heads[last] = Some(v);
        out.deprels[last] = DepRel::parse_lenient("obj");
        for &i in &names[..names.len() - 1] {
            out.heads[i] = Some(last);
        }
    }
    out
}

/// The parse with each unit re-attached as one phrase (see the module docs). A unit whose
/// re-attachment would make a cycle (its outside head hangs from the unit itself) keeps its
/// parse.
pub(super) fn attach_units(syn: &SentenceSyntax, units: &[Unit]) -> SentenceSyntax {
    let mut out = syn.clone();
    let n = out.heads.len();
    for u in units {
        if u.end > n || u.start >= u.end || !(u.start..u.end).contains(&u.head) {
            continue;
        }
        let inside = |t: usize| (u.start..u.end).contains(&t);
        let outside_attached: Vec<usize> = (u.start..u.end)
            .filter(|&t| out.heads[t].is_none_or(|h| !inside(h)))
            .collect();
        if outside_attached.as_slice() == [u.head] {
            continue;
        }
        // The phrase takes the place of the word hanging outside it by the strongest relation:
        // the root, a conjunct ("and U.S. Secretary of State George Schultz" is the conjunct,
        // not Schultz's "nmod"), a core argument or possessor ("Mr Lynch's job": Lynch's
        // "nmod:poss", not Mr's "compound"), then anything else; among equals the name's head
        // word, then the first. Never a head below the phrase itself (that would be a cycle).
        let rank = |t: usize| -> u8 {
            if out.heads[t].is_none() {
                return 0;
            }
            match out.deprels[t].as_str() {
                "conj" => 1,
                "nsubj" | "nsubj:pass" | "obj" | "iobj" | "obl" | "obl:agent" | "nmod:poss" => 2,
                "nmod" | "appos" | "obl:tmod" => 3,
                _ => 4,
            }
        };
        let below_unit = |x: usize| {
            let mut up = Some(x);
            for _ in 0..=n {
                match up {
                    Some(t) if inside(t) => return true,
                    Some(t) => up = out.heads[t],
                    None => return false,
                }
            }
            true
        };
        let mut candidates: Vec<usize> = outside_attached.clone();
        candidates.sort_by_key(|&t| (rank(t), t != u.head, t));
        let Some(chosen) = candidates
            .into_iter()
            .find(|&t| out.heads[t].is_none_or(|x| !below_unit(x)))
        else {
            continue;
        };
        let (target, rel) = (out.heads[chosen], out.deprels[chosen]);
        for &t in &outside_attached {
            if t == u.head {
                continue;
            }
            out.heads[t] = Some(u.head);
            out.deprels[t] = if t < u.head {
                DepRel::parse_lenient("compound")
            } else {
                DepRel::parse_lenient("flat")
            };
        }
        out.heads[u.head] = target;
        out.deprels[u.head] = rel;
        // What hangs on the phrase from outside ("with" before "Mr Bush", "the", a relative
        // clause) hangs on its head: the rules look for a nominal's case marker there.
        for t in (0..n).filter(|&t| !inside(t)) {
            if out.heads[t].is_some_and(|h| inside(h) && h != u.head) {
                out.heads[t] = Some(u.head);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Upos;

    fn syntax(heads: &[usize], rels: &[&str]) -> SentenceSyntax {
        SentenceSyntax {
            upos: vec![Upos::Propn; heads.len()],
            heads: heads
                .iter()
                .map(|&h| h.checked_sub(1))
                .collect::<Vec<Option<usize>>>(),
            deprels: rels.iter().map(|r| DepRel::parse_lenient(r)).collect(),
        }
    }

    #[test]
    fn a_title_and_name_split_over_the_verb_become_one_subject() {
        // Central Bank President Jose Luis Machinea said ...: "Central" and "Jose" both nsubj.
        let syn = syntax(
            &[7, 3, 4, 7, 4, 4, 0],
            &["nsubj", "compound", "nmod", "nsubj", "flat", "flat", "root"],
        );
        let out = attach_units(
            &syn,
            &[Unit {
                start: 0,
                end: 6,
                head: 3,
            }],
        );
        assert_eq!(out.heads[0], Some(3));
        assert_eq!(out.heads[3], Some(6));
        assert_eq!(out.deprels[3].as_str(), "nsubj");
        assert_eq!(out.deprels[0].as_str(), "compound");
        // Words that hung inside the phrase keep their place.
        assert_eq!(out.heads[1], Some(2));
    }

    #[test]
    fn a_name_in_apposition_to_its_title_takes_the_title_s_place() {
        // Brazilian Finance Minister Dilson Funaro said: "Finance" nsubj, "Dilson" its appos.
        let syn = syntax(
            &[2, 6, 4, 2, 4, 0],
            &["amod", "nsubj", "nmod", "appos", "flat", "root"],
        );
        let out = attach_units(
            &syn,
            &[Unit {
                start: 0,
                end: 5,
                head: 3,
            }],
        );
        assert_eq!(out.heads[3], Some(5));
        assert_eq!(out.deprels[3].as_str(), "nsubj");
        assert_eq!(out.heads[1], Some(3));
    }

    #[test]
    fn the_phrase_keeps_its_strongest_relation() {
        // Thatcher and U.S. Secretary of State George Schultz: "Secretary" (2) is the conjunct
        // of Thatcher (0), "George" (5) an nmod of her; the phrase 2..7 becomes the conjunct.
        let syn = syntax(
            &[0, 3, 1, 5, 6, 1, 6],
            &["root", "cc", "conj", "case", "compound", "nmod", "flat"],
        );
        let out = attach_units(
            &syn,
            &[Unit {
                start: 2,
                end: 7,
                head: 5,
            }],
        );
        assert_eq!(out.heads[5], Some(0));
        assert_eq!(out.deprels[5].as_str(), "conj");
        assert_eq!(out.heads[2], Some(5));
        // The "and" that hung on the phrase's first word hangs on its head.
        assert_eq!(out.heads[1], Some(5));
    }

    #[test]
    fn a_case_marker_on_the_title_moves_to_the_name() {
        // talks with Mr Bush: "Mr" heads the name in the parse, "with" hangs on it.
        let syn = syntax(&[0, 3, 1, 3], &["root", "case", "nmod", "flat"]);
        let out = attach_units(
            &syn,
            &[Unit {
                start: 2,
                end: 4,
                head: 3,
            }],
        );
        assert_eq!(out.heads[3], Some(0));
        assert_eq!(out.deprels[3].as_str(), "nmod");
        assert_eq!(out.heads[1], Some(3));
        assert_eq!(out.heads[2], Some(3));
    }

    #[test]
    fn the_phrase_never_hangs_below_itself() {
        // Unit 0..3 headed by 2 (inside: 2 -> 1). Word 0 hangs on token 3, which hangs on the
        // unit's word 1; word 1 on the root 4. Taking word 0's place would make a cycle.
        let syn = syntax(&[4, 5, 2, 2, 0], &["nsubj", "obj", "flat", "acl", "root"]);
        let units = [Unit {
            start: 0,
            end: 3,
            head: 2,
        }];
        let out = attach_units(&syn, &units);
        assert_eq!(out.heads[2], Some(4));
        assert_eq!(out.deprels[2].as_str(), "obj");
        assert_eq!(out.heads[0], Some(2));
        // Token 3 hung on the phrase from outside: it now hangs on the phrase's head.
        assert_eq!(out.heads[3], Some(2));
    }
}
