//! Relation extraction: entities in sentences → triples of the CONTRACT.md ontology, each with
//! its evidence sentence, a lemmatised predicate and a confidence.
//!
//! Rule-based, over tokens and mentions, in two passes. First, titles and appositions give
//! static relations and a memory of who holds which role ("Russian Foreign Minister Sergey
//! Lavrov" → official_of Russia; Lavrov is a minister). Second, a verb lexicon gives
//! interactions: the subject is the nearest actor on the left (or a pronoun, or a description
//! like "the top aide" resolved through the role memory), the object is the actor the verb or
//! its preposition introduces; coordination, passives, negation and hedging are handled locally.

pub mod cameo;
mod clause;
mod modifiers;
#[cfg(test)]
mod testing;
pub mod verbs;

use crate::kb::KnowledgeBase;
use crate::model::{
    EntityType, Evidence, Mention, MentionRole, Relation, RelationLabel, Sentence, SentenceSyntax,
    Token, TokenKind,
};
use crate::nlp::lexicon::{
    is_speech_form, is_speech_lemma, verb_lemma, Lexicon, SpeechUse, TitleRole,
};
use crate::nlp::sentence::is_headline;
use crate::resolve::Resolution;
use std::collections::HashMap;
use verbs::VerbLexicon;

const NEGATIONS: &[&str] = &["not", "n't", "n’t", "never", "no"];
const MODALS: &[&str] = &[
    "would", "could", "may", "might", "will", "should", "can", "'ll", "must",
];
const BE_FORMS: &[&str] = &["is", "are", "was", "were", "be", "been", "being"];
const PREPOSITIONS: &[&str] = &[
    "of", "in", "at", "from", "for", "with", "to", "by", "on", "into", "over", "between",
    "against", "about", "under", "within",
];
const EVENT_NOUNS: &[&str] = &[
    "summit",
    "meeting",
    "meetings",
    "talks",
    "negotiations",
    "consultations",
];
const TIE_NOUNS: &[&str] = &[
    "relationship",
    "relations",
    "alliance",
    "partnership",
    "cooperation",
    "ties",
];
const MESSAGE_NOUNS: &[(&str, &str)] = &[
    ("letter", "letter"),
    ("letters", "letter"),
    ("message", "message"),
    ("messages", "message"),
    ("warning", "warning"),
    ("proposal", "proposal"),
    ("congratulations", "congratulations"),
];
const CLAUSE_BREAKS: &[&str] = &[
    ";", "“", "”", "\"", "which", "who", "whom", "while", "but", "whereas", "although",
];
const NEGATIVE_WORDS: &[&str] = &[
    "baseless",
    "illogical",
    "selfish",
    "illegal",
    "unreliable",
    "unpredictable",
    "aggressive",
    "trusted",
    "wrong",
    "failure",
    "lies",
    "dangerous",
    "irresponsible",
    "hypocritical",
    "threat",
    "threats",
    "suspicious",
    "lack",
    "propaganda",
    "empty",
    "disgraceful",
    "mistake",
    "unacceptable",
    "provocative",
    "hostile",
    "reckless",
    "regret",
    "deplorable",
];
const POSITIVE_WORDS: &[&str] = &[
    "strategic",
    "congratulations",
    "congratulate",
    "warmest",
    "praise",
    "welcome",
    "friend",
    "friendship",
    "strong",
    "celebration",
    "unifying",
    "grateful",
    "partner",
    "constructive",
    "excellent",
    "productive",
    "fruitful",
    "great",
    "good",
    "tribute",
];

/// What the relation stage reads.
pub struct RelateInput<'a> {
    /// Document text.
    pub text: &'a str,
    /// Tokens.
    pub tokens: &'a [Token],
    /// Sentences.
    pub sentences: &'a [Sentence],
    /// Mentions, in text order.
    pub mentions: &'a [Mention],
    /// Entities and the mention → entity map.
    pub resolution: &'a Resolution,
    /// The document's date (ISO), when known.
    pub date: Option<&'a str>,
    /// Per sentence: UPOS tags and dependency parse (empty layers without trained models;
    /// not read by the rules yet).
    pub syntax: &'a [SentenceSyntax],
}

/// Extracts relations.
pub struct RelationExtractor {
    kb: &'static KnowledgeBase,
    lex: &'static Lexicon,
    verbs: &'static VerbLexicon,
}

/// An argument of a relation: an entity as it appears at one place.
#[derive(Debug, Clone, Copy)]
struct Arg {
    entity: usize,
    kind: EntityType,
    role: MentionRole,
    /// A capital city, which news uses for its government ("Moscow wants").
    capital: bool,
    /// A continent or region ("urged Europe"): an object of interactions, never a subject.
    region: bool,
    /// Token where this appearance ends (for coordination).
    end: usize,
    /// Confidence factor (pronouns and descriptions are less certain than names).
    weight: f32,
}

impl Arg {
    /// A country the text names, as an argument inferred rather than read next to the verb.
    fn country(entity: usize) -> Arg {
        Arg {
            entity,
            kind: EntityType::Country,
            role: MentionRole::Name,
            capital: false,
            region: false,
            end: 0,
            weight: 1.0,
        }
    }
}

/// A role someone was given in the text ("Lavrov: minister of Russia").
#[derive(Debug, Clone, PartialEq)]
struct Role {
    person: usize,
    label: RelationLabel,
    head: String,
    affiliation: Option<usize>,
}

/// Adds roles found in a sentence. A repeat moves to the end (recency counts) instead of piling
/// up: every description scans the roles, so duplicates made long documents quadratic.
fn push_roles(all: &mut Vec<Role>, new: Vec<Role>) {
    for r in new {
        if let Some(i) = all.iter().position(|x| *x == r) {
            all.remove(i);
        }
        all.push(r);
    }
}

/// A relation found in one sentence, before duplicates are folded.
#[derive(Debug, Clone)]
struct Finding {
    subject: usize,
    label: RelationLabel,
    object: usize,
    predicate: String,
    confidence: f32,
    /// The rule that found it (see [`Relation::rule`]).
    rule: &'static str,
    /// The CAMEO code of the predicate, when the lexicon gives one finer than the label's root.
    cameo: Option<String>,
}

impl Finding {
    fn new(
        subject: usize,
        label: RelationLabel,
        object: usize,
        predicate: String,
        confidence: f32,
        rule: &'static str,
    ) -> Finding {
        Finding {
            subject,
            label,
            object,
            predicate,
            confidence,
            rule,
            cameo: None,
        }
    }
}

type Found = Vec<Finding>;

/// How many sentences before a pronoun's own [`RelationExtractor::antecedent`] looks at.
const ANTECEDENT_SENTENCES: usize = 4;

struct Ctx<'a> {
    input: &'a RelateInput<'a>,
    words: Vec<&'a str>,
    /// token index → mentions covering it (hyphen parts give several).
    at_token: HashMap<usize, Vec<usize>>,
    /// Mention indexes per sentence, in text order.
    by_sentence: Vec<Vec<usize>>,
    roles: Vec<Role>,
    /// The country of the wire's dateline ("TOKYO, April 17 -"), as an entity the document
    /// names: whose government a bare "Agriculture Minister" serves.
    dateline_country: Option<usize>,
}

impl<'a> Ctx<'a> {
    fn entity_index(&self, m: usize) -> usize {
        self.input.resolution.mention_entity[m]
    }
    fn mention(&self, m: usize) -> &'a Mention {
        &self.input.mentions[m]
    }
    /// Same as `by_sentence[si].contains(&m)` for mentions from `at_token`, in O(1): a linear
    /// search made sentences with many mentions quadratic (issue 6).
    fn in_sentence(&self, m: usize, si: usize) -> bool {
        self.mention(m).sentence == si
    }
    fn mention_at(&self, t: usize) -> Option<usize> {
        self.at_token.get(&t).and_then(|v| v.last().copied())
    }
    fn word(&self, t: usize) -> &'a str {
        self.words.get(t).copied().unwrap_or("")
    }
    /// True when the tagger marked token `t` as a verb; false when no tags were given.
    fn is_verb(&self, t: usize) -> bool {
        let sentences = self.input.sentences;
        let si = sentences.partition_point(|s| s.tokens.end <= t);
        let (Some(s), Some(syn)) = (sentences.get(si), self.input.syntax.get(si)) else {
            return false;
        };
        t >= s.tokens.start && syn.upos.get(t - s.tokens.start) == Some(&crate::model::Upos::Verb)
    }

    fn lower(&self, t: usize) -> String {
        self.word(t).to_lowercase()
    }

    /// True when the parse makes mention `m` the subject of its clause.
    fn is_subject(&self, m: usize) -> bool {
        let mention = self.mention(m);
        let (Some(s), Some(syn)) = (
            self.input.sentences.get(mention.sentence),
            self.input.syntax.get(mention.sentence),
        ) else {
            return false;
        };
        if !syn.is_parsed() || syn.heads.len() != s.tokens.len() {
            return false;
        }
        let inside = |t: usize| mention.tokens.contains(&(s.tokens.start + t));
        mention.tokens.clone().any(|t| {
            let i = t - s.tokens.start;
            syn.head(i).is_some_and(|h| !inside(h))
                && syn.deprel(i).is_some_and(|d| d.universal() == "nsubj")
        })
    }
}

impl RelationExtractor {
    /// An extractor over the given knowledge base and lexicons.
    pub fn new(
        kb: &'static KnowledgeBase,
        lex: &'static Lexicon,
        verbs: &'static VerbLexicon,
    ) -> Self {
        RelationExtractor { kb, lex, verbs }
    }

    fn arg(&self, ctx: &Ctx<'_>, m: usize, weight: f32) -> Arg {
        let mention = ctx.mention(m);
        let entry = mention.kb_key.as_deref().and_then(|k| self.kb.entry(k));
        Arg {
            entity: ctx.entity_index(m),
            kind: mention.kind,
            role: mention.role,
            capital: entry.is_some_and(|e| e.is_capital),
            region: entry.is_some_and(|e| e.key.starts_with("region:")),
            end: mention.tokens.end,
            weight,
        }
    }

    /// All relations of a document, in text order, one per (triple, sentence).
    pub fn extract(&self, input: &RelateInput<'_>) -> Vec<Relation> {
        let words: Vec<&str> = input
            .tokens
            .iter()
            .map(|t| t.span.slice(input.text))
            .collect();
        let mut at_token: HashMap<usize, Vec<usize>> = HashMap::new();
        let mut by_sentence = vec![Vec::new(); input.sentences.len()];
        for (m, mention) in input.mentions.iter().enumerate() {
            if input
                .resolution
                .mention_entity
                .get(m)
                .is_some_and(|&e| e < input.resolution.entities.len())
            {
                for t in mention.tokens.clone() {
                    at_token.entry(t).or_default().push(m);
                }
                if let Some(v) = by_sentence.get_mut(mention.sentence) {
                    v.push(m);
                }
            }
        }
        let mut ctx = Ctx {
            input,
            words,
            at_token,
            by_sentence,
            roles: Vec::new(),
            dateline_country: None,
        };
        ctx.dateline_country = self.dateline_country(&ctx);
        let mut per_sentence: Vec<Found> = vec![Vec::new(); input.sentences.len()];
        for (si, s) in input.sentences.iter().enumerate() {
            let mut roles = Vec::new();
            self.titles(&ctx, s, si, &mut per_sentence[si], &mut roles);
            push_roles(&mut ctx.roles, std::mem::take(&mut roles));
            self.description_roles(&ctx, s, &mut per_sentence[si], &mut roles);
            self.located(&ctx, si, &mut per_sentence[si]);
            self.modifier_relations(&ctx, s, si, &mut per_sentence[si]);
            push_roles(&mut ctx.roles, roles);
        }
        for (si, s) in input.sentences.iter().enumerate() {
            self.interactions(&ctx, s, si, &mut per_sentence[si]);
            self.clauses(&ctx, s, si, &mut per_sentence[si]);
        }
        let metonyms = self.capital_countries(input);
        let mut out = Vec::new();
        for (si, mut found) in per_sentence.into_iter().enumerate() {
            let s = &input.sentences[si];
            // "Moscow warned", "talks with Tehran": a capital acting stands for its country;
            // a capital one travels to stays a place.
            for f in found.iter_mut().filter(|f| !f.label.is_static()) {
                if let Some(&c) = metonyms.get(&f.subject) {
                    f.subject = c;
                }
                if f.label != RelationLabel::Visited {
                    if let Some(&c) = metonyms.get(&f.object) {
                        f.object = c;
                    }
                }
            }
            found.retain(|f| f.subject != f.object);
            let key = |f: &Finding| (f.subject, f.label, f.object);
            found.sort_by(|a, b| {
                key(a)
                    .cmp(&key(b))
                    .then(b.confidence.total_cmp(&a.confidence))
            });
            found.dedup_by(|a, b| key(a) == key(b));
            let evidence = Evidence {
                span: s.span,
                text: s.span.slice(input.text).to_string(),
            };
            for f in found {
                let cameo = f
                    .cameo
                    .or_else(|| f.label.cameo().map(|c| c.chars().take(2).collect()));
                out.push(Relation {
                    subject: f.subject,
                    label: f.label,
                    object: f.object,
                    predicate: f.predicate,
                    evidence: evidence.clone(),
                    confidence: f.confidence.clamp(0.05, 0.99),
                    rule: f.rule.to_string(),
                    cameo,
                });
            }
        }
        out
    }

    /// Capital city entity → its country's entity, for the capitals whose country the
    /// document also names.
    fn capital_countries(&self, input: &RelateInput<'_>) -> HashMap<usize, usize> {
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

    // ---------------------------------------------------------------- static relations

    /// Titles before a person, appositions after one, "the TITLE for X, PERSON", and
    /// "PERSON is a TITLE at X".
    fn titles(
        &self,
        ctx: &Ctx<'_>,
        s: &Sentence,
        si: usize,
        found: &mut Found,
        roles: &mut Vec<Role>,
    ) {
        for &m in &ctx.by_sentence[si] {
            let mention = ctx.mention(m);
            if mention.kind != EntityType::Person
                || mention.tokens.len() == 1
                    && ctx
                        .at_token
                        .get(&mention.tokens.start)
                        .is_some_and(|v| v.len() > 1)
            {
                continue;
            }
            let person = ctx.entity_index(m);
            let a = mention.tokens.start;
            // 1. Title words right before the name: "Russian Foreign Minister Sergey Lavrov".
            let t0 = self.title_start(ctx, s, a);
            if t0 < a {
                let phrase = ctx.words[t0..a].join(" ");
                if let Some((role, head)) = self.lex.title_role(&phrase) {
                    let mut k = t0;
                    // "the Export Credits Guarantee Department's (ECGD) chief executive".
                    if k > s.tokens.start + 2 && ctx.word(k - 1) == ")" {
                        if let Some(open) = (k.saturating_sub(5).max(s.tokens.start)..k - 1)
                            .rev()
                            .find(|&o| ctx.word(o) == "(")
                        {
                            k = open;
                        }
                    }
                    if k > s.tokens.start && matches!(ctx.word(k - 1), "'s" | "’s") {
                        k -= 1;
                    }
                    let affil = if k > s.tokens.start {
                        ctx.mention_at(k - 1)
                    } else {
                        None
                    }
                    .or_else(|| self.of_affiliation(ctx, t0, a));
                    // "The company's new chief executive Peter Lynch".
                    let mut j = t0;
                    while j > s.tokens.start
                        && matches!(
                            ctx.lower(j - 1).as_str(),
                            "new" | "former" | "acting" | "interim" | "then"
                        )
                    {
                        j -= 1;
                    }
                    let described = (affil.is_none()
                        && j >= s.tokens.start + 2
                        && matches!(ctx.word(j - 1), "'s" | "’s"))
                    .then(|| self.org_description(ctx, s, si, j - 2))
                    .flatten();
                    self.add_role(
                        ctx,
                        found,
                        roles,
                        person,
                        role,
                        &head,
                        affil.map(|a| self.arg(ctx, a, 1.0)).or(described),
                        0.85,
                        "role-title",
                    );
                }
            }
            // 2. Apposition after: "X, the/a [Affil's] TITLE [...] (of|for|to|at) Y".
            let b = mention.tokens.end;
            if ctx.word(b) == ","
                && matches!(
                    ctx.lower(b + 1).as_str(),
                    "the" | "a" | "an" | "his" | "her"
                )
            {
                self.title_phrase_after(
                    ctx,
                    s,
                    b + 2,
                    person,
                    found,
                    roles,
                    0.8,
                    "role-apposition",
                );
            } else if ctx.word(b) == "," && self.bare_title_before_prep(ctx, s, b + 1) {
                // "said Charles Elson, chairman of the Center for Corporate Governance": no
                // article, but a title and its "of" complement make it an apposition, not a
                // list of people.
                self.title_phrase_after(
                    ctx,
                    s,
                    b + 1,
                    person,
                    found,
                    roles,
                    0.75,
                    "role-apposition-bare",
                );
            } else if ctx.word(b) == ","
                && ctx.lower(b + 1) == "who"
                && matches!(ctx.lower(b + 2).as_str(), "is" | "was")
            {
                // "Edward Leigh, who is chairman of the Commons public accounts committee".
                let det = matches!(ctx.lower(b + 3).as_str(), "the" | "a" | "an");
                self.title_phrase_after(
                    ctx,
                    s,
                    b + 3 + usize::from(det),
                    person,
                    found,
                    roles,
                    0.75,
                    "role-relative-clause",
                );
            }
            // 3. "The spokesman for the Iranian Foreign Ministry, Bahram Qassem,".
            if a >= 2 && ctx.word(a - 1) == "," {
                let from = a.saturating_sub(10).max(s.tokens.start);
                if let Some(h) = (from..a - 1)
                    .find(|&k| self.lex.is_title_head(ctx.word(k)) && ctx.mention_at(k).is_none())
                {
                    // "The spokesman for", "The new chairman of".
                    let det = (h.saturating_sub(3).max(s.tokens.start)..h)
                        .any(|d| matches!(ctx.lower(d).as_str(), "the" | "a" | "an"));
                    let prep =
                        (h + 1..a - 1).find(|&k| matches!(ctx.word(k), "for" | "of" | "to" | "at"));
                    if let (true, Some(p)) = (det, prep) {
                        let affil = (p + 1..a - 1).find_map(|k| ctx.mention_at(k));
                        let phrase = ctx.words[h..p].join(" ");
                        if let (Some((role, head)), Some(af)) =
                            (self.lex.title_role(&phrase), affil)
                        {
                            self.add_role(
                                ctx,
                                found,
                                roles,
                                person,
                                role,
                                &head,
                                Some(self.arg(ctx, af, 1.0)),
                                0.75,
                                "role-title-for",
                            );
                        }
                    }
                }
            }
            // 4. Copula: "Maxim is a Senior Research Fellow at the Laboratory ...".
            if matches!(ctx.lower(b).as_str(), "is" | "was")
                && matches!(ctx.lower(b + 1).as_str(), "a" | "an" | "the")
            {
                self.title_phrase_after(ctx, s, b + 2, person, found, roles, 0.75, "role-copula");
            }
        }
        // Pronoun copulas and "works as ... for": "He also works as an editor for the Al-Monitor".
        for k in s.tokens.clone() {
            if !matches!(ctx.lower(k).as_str(), "he" | "she") {
                continue;
            }
            let Some(person) = self.antecedent(ctx, k) else {
                continue;
            };
            let mut j = k + 1;
            while matches!(
                ctx.lower(j).as_str(),
                "also" | "currently" | "now" | "previously" | "later"
            ) {
                j += 1;
            }
            let is_copula = matches!(ctx.lower(j).as_str(), "is" | "was")
                && matches!(ctx.lower(j + 1).as_str(), "a" | "an" | "the");
            let works_as = matches!(
                ctx.lower(j).as_str(),
                "works" | "worked" | "serves" | "served"
            ) && ctx.lower(j + 1) == "as"
                && matches!(ctx.lower(j + 2).as_str(), "a" | "an" | "the");
            if is_copula {
                self.title_phrase_after(
                    ctx,
                    s,
                    j + 2,
                    person.entity,
                    found,
                    roles,
                    0.7,
                    "role-pronoun-copula",
                );
            } else if works_as {
                self.title_phrase_after(
                    ctx,
                    s,
                    j + 3,
                    person.entity,
                    found,
                    roles,
                    0.7,
                    "role-works-as",
                );
            }
            // "and is an expert at X" later in the same sentence.
            for c in j..s.tokens.end {
                if ctx.lower(c) == "and"
                    && matches!(ctx.lower(c + 1).as_str(), "is" | "was")
                    && matches!(ctx.lower(c + 2).as_str(), "a" | "an")
                {
                    self.title_phrase_after(
                        ctx,
                        s,
                        c + 3,
                        person.entity,
                        found,
                        roles,
                        0.65,
                        "role-pronoun-copula",
                    );
                }
            }
        }
    }

    /// "the UK premier", "the Russian president": a description with an affiliation gives the
    /// person it resolves to that role.
    fn description_roles(
        &self,
        ctx: &Ctx<'_>,
        s: &Sentence,
        found: &mut Found,
        roles: &mut Vec<Role>,
    ) {
        for h in s.tokens.clone() {
            let w = ctx.lower(h);
            if !self.lex.is_title_head(&w)
                || ctx.mention_at(h).is_some()
                || matches!(w.as_str(), "mr" | "mrs" | "ms" | "dr")
            {
                continue;
            }
            let det = (h.saturating_sub(3).max(s.tokens.start)..h)
                .any(|k| matches!(ctx.lower(k).as_str(), "the"));
            if !det {
                continue;
            }
            let Some((person, (role, head), Some(affil))) = self.description(ctx, s, h) else {
                continue;
            };
            let Some(e) = ctx.input.resolution.entities.get(affil) else {
                continue;
            };
            let arg = Arg {
                entity: affil,
                kind: e.kind,
                role: MentionRole::Name,
                capital: false,
                region: false,
                end: h,
                weight: 1.0,
            };
            self.add_role(
                ctx,
                found,
                roles,
                person.entity,
                role,
                &head,
                Some(arg),
                0.7,
                "role-description",
            );
        }
    }

    /// First token of the title words right before token `a` (== `a` when there are none).
    fn title_start(&self, ctx: &Ctx<'_>, s: &Sentence, a: usize) -> usize {
        let mut t0 = a;
        while t0 > s.tokens.start
            && ctx.input.tokens[t0 - 1].kind == TokenKind::Word
            && self.lex.is_title_word(ctx.word(t0 - 1))
            && ctx.mention_at(t0 - 1).is_none()
        {
            t0 -= 1;
        }
        // A leading "of"/"the" is not part of the title ("leader of the ...").
        while t0 < a && matches!(ctx.lower(t0).as_str(), "of" | "the" | "for") {
            t0 += 1;
        }
        t0
    }

    /// Reads "[Affil's|Demonym] TITLE-WORDS [on ... ] (of|for|to|at|with) Y" from token `k`.
    #[allow(clippy::too_many_arguments)]
    fn title_phrase_after(
        &self,
        ctx: &Ctx<'_>,
        s: &Sentence,
        mut k: usize,
        person: usize,
        found: &mut Found,
        roles: &mut Vec<Role>,
        conf: f32,
        rule: &'static str,
    ) {
        let limit = (k + 14).min(s.tokens.end);
        let mut affil: Option<usize> = None;
        let mut title_start = k;
        while k < limit && ctx.word(k) != "," {
            if let Some(a) = ctx.mention_at(k) {
                let am = ctx.mention(a);
                if matches!(ctx.word(am.tokens.end), "'s" | "’s") {
                    affil = Some(a);
                    k = am.tokens.end + 1;
                    title_start = k;
                    continue;
                }
                if am.role == MentionRole::Demonym
                    || am.kind == EntityType::Organization && k == title_start
                {
                    affil = Some(a);
                    k = am.tokens.end;
                    title_start = k;
                    continue;
                }
                break;
            }
            let w = ctx.word(k);
            if !(self.lex.is_title_word(w)
                || matches!(
                    w.to_lowercase().as_str(),
                    "former" | "current" | "then" | "research" | "expert" | "longtime" | "veteran"
                )
                || self.modifies_title(ctx, k, limit))
                // A preposition continues the title only into more title words ("Secretary of
                // State", "Minister for Foreign Affairs"), not into its complement.
                || matches!(w, "of" | "for" | "to" | "at" | "with" | "the")
                    && k > title_start
                    && (!self.lex.is_title_word(ctx.word(k + 1))
                        || matches!(ctx.word(k + 1), "the" | "of" | "for"))
            {
                break;
            }
            k += 1;
        }
        let phrase = ctx.words[title_start..k].join(" ");
        let Some((role, head)) = self.lex.title_role(&phrase).or_else(|| {
            (ctx.words[title_start..k]
                .iter()
                .any(|w| w.eq_ignore_ascii_case("expert")))
            .then(|| {
                (
                    TitleRole::Relation(RelationLabel::WorksFor),
                    "expert".to_string(),
                )
            })
        }) else {
            return;
        };
        // "(of|for|to|at|with) Y" soon after, skipping a short complement ("on climate change").
        let target = (k..(k + 6).min(s.tokens.end))
            .take_while(|&t| ctx.word(t) != "," && ctx.word(t) != ".")
            .find(|&t| matches!(ctx.word(t), "of" | "for" | "to" | "at" | "with"))
            .and_then(|p| {
                (p + 1..(p + 5).min(s.tokens.end))
                    .take_while(|&t| ctx.word(t) != ",")
                    .find_map(|t| ctx.mention_at(t))
            })
            // "chairman of the Commons public accounts committee", "head of the Russian central
            // bank": a name followed by more of its noun phrase only modifies the body meant.
            .filter(|&t| {
                let next = ctx.word(ctx.mention(t).tokens.end);
                !(next.chars().all(|c| c.is_lowercase() || c == '-')
                    && !next.is_empty()
                    && !self.lex.is_function_word(next))
            });
        // "the supreme leader of Iran's senior adviser": the title that counts follows the
        // possessive; the first one only describes the possessor.
        if let Some(t) = target {
            let after = ctx.mention(t).tokens.end;
            if matches!(ctx.word(after), "'s" | "’s") {
                let mut e = after + 1;
                while e < s.tokens.end
                    && self.lex.is_title_word(ctx.word(e))
                    && ctx.mention_at(e).is_none()
                {
                    e += 1;
                }
                let phrase = ctx.words[after + 1..e].join(" ");
                if let Some((role2, head2)) = self.lex.title_role(&phrase) {
                    self.add_role(
                        ctx,
                        found,
                        roles,
                        person,
                        role2,
                        &head2,
                        Some(self.arg(ctx, t, 1.0)),
                        conf * 0.9,
                        rule,
                    );
                    return;
                }
            }
        }
        match target.or(affil) {
            Some(a) => self.add_role(
                ctx,
                found,
                roles,
                person,
                role,
                &head,
                Some(self.arg(ctx, a, 1.0)),
                if target.is_some() { conf } else { conf * 0.95 },
                rule,
            ),
            None => self.add_role(ctx, found, roles, person, role, &head, None, conf, rule),
        }
    }

    /// True when token `k` is a lowercase word modifying a title head that follows within
    /// three words ("senior *bond* analyst", "chief *foreign affairs* spokesman"): a title
    /// phrase is a noun phrase ending in a title, whatever its modifiers.
    fn modifies_title(&self, ctx: &Ctx<'_>, k: usize, limit: usize) -> bool {
        let plain = |j: usize| {
            let w = ctx.word(j);
            w.chars().all(|c| c.is_lowercase() || c == '-')
                && !w.is_empty()
                && !self.lex.is_function_word(w)
                && ctx.mention_at(j).is_none()
        };
        plain(k)
            && (k + 1..(k + 4).min(limit))
                .take_while(|&j| plain(j) || self.lex.is_title_word(ctx.word(j)))
                .any(|j| self.lex.is_title_head(ctx.word(j)))
    }

    /// True when a title without article starts at `k` and a preposition follows it
    /// ("chairman of", "senior analyst at"), the shape of an apposition; a title followed by a
    /// name ("President Trump") starts a new person instead.
    fn bare_title_before_prep(&self, ctx: &Ctx<'_>, s: &Sentence, k: usize) -> bool {
        let limit = (k + 6).min(s.tokens.end);
        let mut j = k;
        while j < limit
            && !self.lex.is_function_word(ctx.word(j))
            && (self.lex.is_title_word(ctx.word(j)) || self.modifies_title(ctx, j, limit))
        {
            j += 1;
        }
        j > k
            && self.lex.title_role(&ctx.words[k..j].join(" ")).is_some()
            && matches!(ctx.word(j), "of" | "at" | "for")
    }

    /// "President of Iran X": an affiliation after "of" inside the title words.
    fn of_affiliation(&self, ctx: &Ctx<'_>, t0: usize, t1: usize) -> Option<usize> {
        let of = (t0..t1).find(|&k| ctx.word(k) == "of")?;
        (of + 1..t1).find_map(|k| ctx.mention_at(k))
    }

    /// Records a role and, when the affiliation fits the ontology, the static relation.
    #[allow(clippy::too_many_arguments)]
    fn add_role(
        &self,
        ctx: &Ctx<'_>,
        found: &mut Found,
        roles: &mut Vec<Role>,
        person: usize,
        role: TitleRole,
        head: &str,
        affil: Option<Arg>,
        conf: f32,
        rule: &'static str,
    ) {
        let TitleRole::Relation(label) = role else {
            return;
        };
        let mut affil_arg = affil;
        let mut conf = conf;
        if affil_arg.is_none() && head.starts_with("presidential ") {
            // "presidential aide Yury Ushakov": the aide of the president named so far.
            affil_arg = ctx
                .roles
                .iter()
                .chain(roles.iter())
                .rev()
                .find(|r| head_class(&r.head) == "president")
                .and_then(|r| {
                    let e = ctx.input.resolution.entities.get(r.person)?;
                    Some(Arg {
                        entity: r.person,
                        kind: e.kind,
                        role: MentionRole::Name,
                        capital: false,
                        region: false,
                        end: 0,
                        weight: 1.0,
                    })
                });
        }
        if affil_arg.is_none()
            && matches!(label, RelationLabel::LeaderOf | RelationLabel::OfficialOf)
        {
            // "President Reagan": the title says what, the knowledge base says of which country.
            affil_arg = self.kb_government(ctx, person);
            conf *= 0.9;
        }
        if affil_arg.is_none() && is_government_title(head) {
            // "TOKYO, April 17 - ... Agriculture Minister Mutsuki Kato": a cabinet title with
            // no country, in a wire from a country's capital, is that country's.
            if let Some(country) = ctx.dateline_country {
                affil_arg = Some(Arg::country(country));
                conf *= 0.8;
            }
        }
        roles.push(Role {
            person,
            label,
            head: head.to_string(),
            affiliation: affil_arg.map(|a| a.entity),
        });
        let Some(af) = affil_arg else { return };
        let label = match (label, af.kind) {
            (RelationLabel::AdviserTo, EntityType::Person) => label,
            // "Iran's senior adviser": an adviser of a country or body serves it.
            (RelationLabel::AdviserTo, EntityType::Country | EntityType::Organization) => {
                RelationLabel::OfficialOf
            }
            (
                RelationLabel::LeaderOf | RelationLabel::OfficialOf,
                EntityType::Country | EntityType::Organization,
            ) => label,
            (RelationLabel::WorksFor | RelationLabel::MemberOf, EntityType::Organization) => label,
            _ => return,
        };
        let conf = if label == RelationLabel::OfficialOf
            && role == TitleRole::Relation(RelationLabel::AdviserTo)
        {
            conf * 0.8
        } else {
            conf
        };
        found.push(Finding::new(
            person,
            label,
            af.entity,
            head.to_string(),
            conf,
            rule,
        ));
    }

    /// The dateline's country: a place opening one of the first sentences and followed by a
    /// comma and a month, or by a dash ("TOKYO, April 17 -", "LONDON -"), mapped to its
    /// country by the knowledge base; `None` unless the document names that country.
    fn dateline_country(&self, ctx: &Ctx<'_>) -> Option<usize> {
        const MONTHS: &[&str] = &[
            "jan",
            "feb",
            "march",
            "april",
            "may",
            "june",
            "july",
            "aug",
            "sept",
            "oct",
            "nov",
            "dec",
            "january",
            "february",
            "august",
            "september",
            "october",
            "november",
            "december",
            "mar",
            "apr",
            "jun",
            "jul",
            "sep",
        ];
        let ents = &ctx.input.resolution.entities;
        for (si, s) in ctx.input.sentences.iter().enumerate().take(3) {
            let &m = ctx.by_sentence[si].first()?;
            let mention = ctx.mention(m);
            if mention.tokens.start != s.tokens.start {
                continue;
            }
            let after = mention.tokens.end;
            let dated = ctx.word(after) == ","
                && MONTHS.contains(&ctx.lower(after + 1).trim_end_matches('.'));
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
            return ents.iter().position(|e| e.kb_key.as_deref() == Some(&key));
        }
        None
    }

    /// The country a linked person served in government (at the document's date when known),
    /// as an argument, when the document names that country.
    fn kb_government(&self, ctx: &Ctx<'_>, person: usize) -> Option<Arg> {
        let ents = &ctx.input.resolution.entities;
        let entry = self.kb.entry(ents.get(person)?.kb_key.as_deref()?)?;
        let serving = entry
            .roles
            .iter()
            .any(|r| r.is_government() && ctx.input.date.is_none_or(|d| r.holds_on(d)));
        if !serving {
            return None;
        }
        let country = entry.country.as_deref()?;
        let entity = ents
            .iter()
            .position(|e| e.kb_key.as_deref() == Some(country))?;
        Some(Arg::country(entity))
    }

    /// "Helsinki, Finland": a city followed by the country it is in; and "the Valdai Discussion
    /// Club, a Moscow-based think tank".
    fn located(&self, ctx: &Ctx<'_>, si: usize, found: &mut Found) {
        let ms = &ctx.by_sentence[si];
        for pair in ms.windows(2) {
            let (a, b) = (ctx.mention(pair[0]), ctx.mention(pair[1]));
            let adjacent = a.tokens.end + 1 == b.tokens.start && ctx.word(a.tokens.end) == ",";
            if !(adjacent
                && a.kind == EntityType::Location
                && b.role == MentionRole::Name
                && matches!(b.kind, EntityType::Country | EntityType::Location))
            {
                continue;
            }
            // A knowledge-base place must agree with the knowledge base; regions never pair.
            let place = a.kb_key.as_deref().and_then(|k| self.kb.entry(k));
            // "Jacksonville, Florida": a state or province of the place's country also holds it.
            let within = b.kb_key.as_deref().and_then(|k| self.kb.entry(k));
            let ok = match place {
                Some(e) => {
                    e.country.is_some()
                        && (e.country.as_deref() == b.kb_key.as_deref()
                            || within.is_some_and(|w| {
                                w.key.starts_with("region:") && w.country == e.country
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
                    0.85,
                    "located-comma",
                ));
            }
        }
        for &m in ms {
            let place = ctx.mention(m);
            let tok = place.tokens.start;
            if place.tokens.len() == 1
                && place.span.end < ctx.input.tokens[tok].span.end
                && ctx.word(tok).ends_with("-based")
            {
                let before = ms.iter().rev().find(|&&o| {
                    let om = ctx.mention(o);
                    om.kind == EntityType::Organization
                        && om.tokens.end <= tok
                        && tok - om.tokens.end <= 8
                });
                let org = match before {
                    Some(&o) => Some(self.arg(ctx, o, 1.0)),
                    // "the Florida-based firm", "Moscow-based Gazprom": what follows.
                    None => self.based_org_after(ctx, si, tok + 1),
                };
                let Some(org) = org else { continue };
                // "The Jacksonville, Florida-based firm": the city before the comma too.
                let city = (tok >= 2 && ctx.word(tok - 1) == ",")
                    .then(|| ctx.mention_at(tok - 2))
                    .flatten()
                    .filter(|&c| ctx.mention(c).kind == EntityType::Location);
                for p in std::iter::once(m).chain(city) {
                    found.push(Finding::new(
                        org.entity,
                        RelationLabel::LocatedIn,
                        ctx.entity_index(p),
                        "base in".into(),
                        0.8 * org.weight,
                        "located-based",
                    ));
                }
            }
        }
    }

    /// The organisation an "X-based" modifier at `from - 1` stands before: a name after a few
    /// modifiers, or "the firm" / "the company" resolved to the document's organisation.
    fn based_org_after(&self, ctx: &Ctx<'_>, si: usize, from: usize) -> Option<Arg> {
        let s = &ctx.input.sentences[si];
        let mut k = from;
        while k < s.tokens.end && k - from < 4 && ctx.mention_at(k).is_none() {
            let w = ctx.lower(k);
            if modifiers::ORG_KINDS.contains(&w.as_str()) {
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
        (ctx.mention(m).kind == EntityType::Organization).then(|| self.arg(ctx, m, 1.0))
    }

    // ---------------------------------------------------------------- interactions

    fn interactions(&self, ctx: &Ctx<'_>, s: &Sentence, si: usize, found: &mut Found) {
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
            if EVENT_NOUNS.contains(&lower.as_str()) && !progressive {
                self.event_noun(ctx, s, si, v, found);
                continue;
            }
            if matches!(lower.as_str(), "arrival" | "visit" | "trip" | "return") {
                self.travel_noun(ctx, s, si, v, found);
                continue;
            }
            if TIE_NOUNS.contains(&lower.as_str()) {
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
            let hedge = if hedged(ctx, start, v) { 0.7 } else { 1.0 };
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
                            sense.confidence * hedge * 0.9,
                            "verb-symmetric",
                        ));
                        break;
                    }
                }
            }
        }
    }

    /// "summit between A and B", "the Reagan-Gorbachev summit", "meetings with A, B and C".
    fn event_noun(&self, ctx: &Ctx<'_>, s: &Sentence, si: usize, v: usize, found: &mut Found) {
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
                                0.75,
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
                    let (x, y) = (self.arg(ctx, parts[0], 1.0), self.arg(ctx, parts[1], 1.0));
                    if self.fits(RelationLabel::Met, &x, &y) {
                        found.push(Finding::new(
                            x.entity,
                            RelationLabel::Met,
                            y.entity,
                            lemma.to_string(),
                            0.7,
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
                let after = objects.last().map_or(v, |o| o.end);
                if ctx.word(after) == "," {
                    subjects = self
                        .mention_after(ctx, si, after + 1, end, 1, false)
                        .into_iter()
                        .collect();
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
                            0.65 * subj.weight,
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
    fn nominal_act(
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
            .map(|m| self.arg(ctx, m, 0.9))
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
            .map(|m| self.arg(ctx, m, 1.0));
        let Some(target) = target else { return false };
        let conf = if hedged(ctx, s.tokens.start, v) {
            0.45
        } else {
            0.65
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
    fn travel_noun(&self, ctx: &Ctx<'_>, s: &Sentence, si: usize, v: usize, found: &mut Found) {
        if v <= s.tokens.start || !matches!(ctx.lower(v + 1).as_str(), "to" | "in" | "at") {
            return;
        }
        let prev = ctx.lower(v - 1);
        let traveller = if matches!(prev.as_str(), "his" | "her") {
            self.antecedent(ctx, v - 1)
        } else if matches!(prev.as_str(), "'s" | "’s") && v >= 2 {
            ctx.mention_at(v - 2).map(|m| self.arg(ctx, m, 1.0))
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
                0.7 * who.weight,
                "travel-noun",
            ));
        }
    }

    /// "his strong relationship with George Bush", "Tehran's relationship with Moscow".
    fn tie_noun(&self, ctx: &Ctx<'_>, s: &Sentence, si: usize, v: usize, found: &mut Found) {
        if ctx.lower(v + 1) != "with" {
            return;
        }
        let Some(obj) = self.mention_after(ctx, si, v + 2, s.tokens.end, 2, false) else {
            return;
        };
        // "Tehran's relationship with Moscow": the possessor is the party.
        let possessor = (v >= 2 && matches!(ctx.word(v - 1), "'s" | "’s"))
            .then(|| ctx.mention_at(v - 2).map(|m| self.arg(ctx, m, 1.0)))
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
                    0.5 * subj.weight,
                    "tie-noun",
                ));
            }
        }
    }

    /// "X said ... Y": the speaker states something about the first actor of what is said;
    /// the tone of the sentence makes it criticism or support.
    fn speech(
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
            if let Some(o) = told.map(|m| self.arg(ctx, m, 1.0)) {
                if self.fits(RelationLabel::Communicated, &subj, &o) {
                    found.push(Finding::new(
                        subj.entity,
                        RelationLabel::Communicated,
                        o.entity,
                        "tell".into(),
                        0.75 * subj.weight,
                        "speech",
                    ));
                    return;
                }
            }
        }
        let ms = &ctx.by_sentence[si];
        let candidate = |m: &usize| {
            let a = self.arg(ctx, *m, 1.0);
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
        let obj = self.arg(ctx, o, 1.0);
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

    /// Subjects of the verb at `v`: the nearest actor on its left in the same clause (with
    /// any actors coordinated with it), else a pronoun's antecedent, else a description
    /// ("the top aide", "the Russian president") resolved through the roles seen so far.
    fn subjects_before(&self, ctx: &Ctx<'_>, s: &Sentence, si: usize, v: usize) -> Vec<Arg> {
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
                    let a = self.arg(ctx, m, 0.9);
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
                                return vec![self.arg(ctx, m, 1.0)];
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
                let arg = self.arg(ctx, m, 1.0);
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
                        let a2 = self.arg(ctx, m2, 1.0);
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
    fn infinitive_agent(&self, ctx: &Ctx<'_>, s: &Sentence, si: usize, to: usize) -> Option<Arg> {
        let from = to.saturating_sub(4).max(s.tokens.start);
        for k in (from..to).rev() {
            let Some(m) = ctx.mention_at(k).filter(|&m| ctx.in_sentence(m, si)) else {
                continue;
            };
            let mention = ctx.mention(m);
            let arg = self.arg(ctx, m, 0.9);
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

    /// Resolves "the [Affil] TITLE [to|of X]" ending at token `h` to a person: one named
    /// earlier with the same title (and an agreeing affiliation), else the one person of the
    /// document whom the knowledge base has in government (of that country, when one is said).
    /// Returns the person, the title's role and head, and the affiliation entity.
    fn description(
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
            if !matches!(label, RelationLabel::LeaderOf | RelationLabel::OfficialOf) || org_affil {
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
            weight: 0.8,
        };
        Some((arg, (role, head), affil))
    }

    /// The country an entity belongs to: itself for a country, the affiliation of one of its
    /// roles, or the knowledge base's country for a person or organisation of that name.
    fn country_of(&self, ctx: &Ctx<'_>, e: usize) -> Option<usize> {
        let ents = &ctx.input.resolution.entities;
        let entity = ents.get(e)?;
        if entity.kind == EntityType::Country {
            return Some(e);
        }
        if let Some(a) = ctx.roles.iter().filter(|r| r.person == e).find_map(|r| {
            r.affiliation
                .filter(|&a| ents.get(a).is_some_and(|x| x.kind == EntityType::Country))
        }) {
            return Some(a);
        }
        // By key, by full name, or by surname when only one person of the base bears it.
        let by_surname = || {
            let last = entity.name.split_whitespace().next_back()?;
            let people: Vec<_> = self
                .kb
                .lookup(last)
                .into_iter()
                .filter(|x| x.kind == EntityType::Person)
                .collect();
            (people.len() == 1).then(|| people[0])
        };
        let key = entity
            .kb_key
            .as_deref()
            .and_then(|k| self.kb.entry(k))
            .or_else(|| {
                self.kb
                    .lookup(&entity.name)
                    .into_iter()
                    .find(|x| x.kind == entity.kind)
            })
            .or_else(|| {
                if entity.kind == EntityType::Person {
                    by_surname()
                } else {
                    None
                }
            })?
            .country
            .clone()?;
        ents.iter()
            .position(|x| x.kb_key.as_deref() == Some(key.as_str()))
    }

    /// The most recent person before token `k` (for "he"/"she"), looked for in the pronoun's
    /// sentence and the [`ANTECEDENT_SENTENCES`] before it: a scan over every earlier mention
    /// made long documents quadratic, and a pronoun rarely reaches further back in news text.
    fn antecedent(&self, ctx: &Ctx<'_>, k: usize) -> Option<Arg> {
        let pos = ctx.input.tokens.get(k)?.span.start;
        let female = matches!(ctx.lower(k).as_str(), "she" | "her" | "hers");
        let si = ctx
            .input
            .sentences
            .partition_point(|s| s.tokens.end <= k)
            .min(ctx.by_sentence.len().checked_sub(1)?);
        let entities = &ctx.input.resolution.entities;
        let fits = |m: usize| {
            let mm = ctx.mention(m);
            if mm.kind != EntityType::Person || mm.span.end > pos {
                return false;
            }
            let Some(e) = ctx
                .input
                .resolution
                .mention_entity
                .get(m)
                .and_then(|&e| entities.get(e))
            else {
                return false;
            };
            // "she" needs a woman we know of; "he" anyone not known to be a woman.
            e.aliases.iter().any(|a| self.lex.is_female_name(a)) == female
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
        let mut a = self.arg(ctx, m, 0.8);
        a.end = k + 1;
        Some(a)
    }

    /// The first mention starting within `window` tokens of `from` (determiners and titles
    /// skipped; stops at clause punctuation). Prefers a non-possessive one when `strict` is off.
    fn mention_after(
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
                    let mut arg = self.arg(ctx, m, 1.0);
                    if for_country {
                        arg.role = MentionRole::Name;
                        arg.weight = 0.8;
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

    /// The direct object: the first mention after the verb with no preposition before it
    /// ("met Putin", not "met in Moscow").
    fn direct_object(&self, ctx: &Ctx<'_>, si: usize, from: usize, end: usize) -> Option<Arg> {
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

    fn after_prep(
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
    fn coordinated(&self, ctx: &Ctx<'_>, si: usize, first: Arg, end: usize) -> Vec<Arg> {
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
            let arg = self.arg(ctx, m, 1.0);
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
    fn fits(&self, label: RelationLabel, s: &Arg, o: &Arg) -> bool {
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

/// What a statement does to what it is about, by the tone of its sentence: criticism, support
/// or a plain statement, with the confidence each reading earns.
fn tone(ctx: &Ctx<'_>, s: &Sentence) -> (RelationLabel, f32) {
    let words: Vec<String> = s.tokens.clone().map(|k| ctx.lower(k)).collect();
    let count = |list: &[&str]| words.iter().filter(|w| list.contains(&w.as_str())).count();
    let (neg, pos) = (count(NEGATIVE_WORDS), count(POSITIVE_WORDS));
    if neg > pos {
        (RelationLabel::Criticized, 0.5)
    } else if pos > neg {
        (RelationLabel::Supported, 0.45)
    } else {
        (RelationLabel::Stated, 0.4)
    }
}

/// The kind of a title, so that "the top aide" finds a "senior adviser" and "the premier" a
/// "prime minister": the head word with synonyms folded.
/// Titles of a national government's members ("agriculture minister", "commerce secretary",
/// "vice president"), which a wire's dateline can place; not the heads of bodies ("chairman",
/// and "president", which names central bankers and chief executives as often as heads of
/// state) nor envoys, who serve one country in another.
fn is_government_title(head: &str) -> bool {
    let last = head.split(' ').next_back().unwrap_or(head);
    matches!(
        last,
        "minister" | "secretary" | "premier" | "chancellor" | "representative" | "senator"
    ) || matches!(head, "vice president" | "prime minister")
        || head.ends_with("attorney general")
}

fn head_class(head: &str) -> String {
    let last = head.split(' ').next_back().unwrap_or(head);
    match last {
        "aide" | "advisor" | "adviser" => "adviser",
        "premier" => "minister",
        "spokeswoman" | "spokesperson" => "spokesman",
        other => other,
    }
    .to_string()
}

/// Nouns a country or organisation name often qualifies ("U.S. officials", "Japanese
/// government"): the noun, not the name, is then the actor.
fn is_qualified_noun(w: &str) -> bool {
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

/// "the secretary" may be the "home secretary", but "the foreign secretary" is not.
fn same_title(a: &str, b: &str) -> bool {
    let mods = |h: &str| -> String {
        let words: Vec<&str> = h.split(' ').collect();
        words[..words.len().saturating_sub(1)]
            .iter()
            .filter(|w| !matches!(**w, "top" | "senior" | "chief" | "the"))
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (ma, mb) = (mods(a), mods(b));
    head_class(a) == head_class(b) && (ma.is_empty() || mb.is_empty() || ma == mb)
}

fn is_actor(a: &Arg) -> bool {
    a.role == MentionRole::Name
        && matches!(
            a.kind,
            EntityType::Person | EntityType::Country | EntityType::Organization
        )
}

/// True when a closing quote stands before `v` ("“...,” Velayati said").
/// True when the speech verb at `v` follows its quotation: `“...,” Velayati said` /
/// `"...," he said` — a closing quote with a comma right before the speaker.
fn quoted_before(ctx: &Ctx<'_>, s: &Sentence, v: usize) -> bool {
    (s.tokens.start + 2..v).rev().take(6).any(|k| {
        let (a, b) = (ctx.word(k - 1), ctx.word(k));
        matches!(
            (a, b),
            ("," | "." | "!" | "?", "”" | "\"") | ("”" | "\"", ",")
        )
    })
}

/// Without a tagger: a lexicon word used as a noun ("the same embargo", "US sanctions on",
/// "its attack"). After a determiner, a possessive or a preposition it is a noun; an "-s" form
/// followed by a preposition or punctuation is a plural noun.
fn looks_like_noun(ctx: &Ctx<'_>, s: &Sentence, v: usize) -> bool {
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
    after_det || plural_noun
}

fn negated(ctx: &Ctx<'_>, start: usize, v: usize) -> bool {
    let from = v.saturating_sub(10).max(start);
    // "Asked if he would welcome...": a question put to someone asserts nothing.
    let asked = (from..v)
        .any(|k| ctx.lower(k) == "asked" && matches!(ctx.lower(k + 1).as_str(), "if" | "whether"));
    asked || (v.saturating_sub(3).max(start)..v).any(|k| NEGATIONS.contains(&ctx.lower(k).as_str()))
}

fn hedged(ctx: &Ctx<'_>, start: usize, v: usize) -> bool {
    (v.saturating_sub(3).max(start)..v).any(|k| MODALS.contains(&ctx.lower(k).as_str()))
        || (v.saturating_sub(10).max(start)..v).any(|k| {
            matches!(
                ctx.lower(k).as_str(),
                "whether" | "if" | "interested" | "possible" | "ready"
            )
        })
}

#[cfg(test)]
mod tests {
    use super::testing::{check, rules, Case};
    use crate::model::Extraction;

    fn triples(ex: &Extraction) -> Vec<(String, String, String, f32)> {
        ex.relations
            .iter()
            .map(|r| {
                (
                    ex.entities[r.subject].name.clone(),
                    r.label.to_string(),
                    ex.entities[r.object].name.clone(),
                    r.confidence,
                )
            })
            .collect()
    }

    /// One sentence (or two) per construction: the triples that must be found, and those that
    /// must not.
    #[test]
    fn constructions() {
        let cases: &[Case] = &[
            (
                "Russian Foreign Minister Sergey Lavrov met Iranian Foreign Minister Mohammad Javad Zarif in Moscow.",
                &[("Sergey Lavrov", "official_of", "Russia"), ("Mohammad Javad Zarif", "official_of", "Iran"), ("Sergey Lavrov", "met", "Mohammad Javad Zarif")],
                &[("Sergey Lavrov", "met", "Russia")],
            ),
            (
                "OSLO, May 4 - Fisheries Minister Kari Nordby met Sweden's trade representative Lars Berg. Norway wants more.",
                &[("Kari Nordby", "official_of", "Norway"), ("Lars Berg", "official_of", "Sweden")],
                &[("Lars Berg", "official_of", "Norway")],
            ),
            (
                "OSLO, May 4 - Central bank president Kari Nordby spoke. Norway wants more.",
                &[],
                &[("Kari Nordby", "leader_of", "Norway")],
            ),
            (
                "Yet Kari Nordby, a senior bond analyst at Fjord Credit Bank, said it was hard.",
                &[("Kari Nordby", "works_for", "Fjord Credit Bank")],
                &[],
            ),
            (
                "\"Nobody pays,\" said Peter Hansen, chairman of the Nordic Governance Institute.",
                &[("Peter Hansen", "leader_of", "Nordic Governance Institute")],
                &[],
            ),
            (
                "Anna Lind, who is chairman of the Riksdag Finance Committee, warned the cabinet.",
                &[("Anna Lind", "leader_of", "Riksdag Finance Committee")],
                &[],
            ),
            (
                "Anna Lind, who is chairman of the Riksdag finance committee, warned the cabinet.",
                &[],
                &[("Anna Lind", "leader_of", "Riksdag")],
            ),
            (
                "Kari Nordby met Lars Berg, President Anna Lind and others.",
                &[],
                &[("Lars Berg", "leader_of", "Anna Lind")],
            ),
            (
                "The talks opened a five-day visit to Norway by Anna Lind.",
                &[("Anna Lind", "visited", "Norway")],
                &[("Norway", "visited", "Anna Lind")],
            ),
            ("Ali Akbar Velayati was received by Vladimir Putin.", &[("Vladimir Putin", "hosted", "Ali Akbar Velayati")], &[("Ali Akbar Velayati", "hosted", "Vladimir Putin")]),
            ("Israeli Prime Minister Benjamin Netanyahu said Israel is not going to target Bashar al-Assad.", &[("Benjamin Netanyahu", "leader_of", "Israel")], &[("Israel", "attacked", "Bashar al-Assad")]),
            ("Vladimir Putin met Sergey Lavrov and Yury Ushakov.", &[("Vladimir Putin", "met", "Sergey Lavrov"), ("Vladimir Putin", "met", "Yury Ushakov")], &[]),
            (
                "Vladimir Putin and Ali Akbar Velayati met in Moscow.",
                &[("Vladimir Putin", "met", "Ali Akbar Velayati")],
                &[("Vladimir Putin", "met", "Moscow"), ("Ali Akbar Velayati", "met", "Moscow")],
            ),
            (
                "The talks included Sergey Lavrov, who later criticized Mike Pompeo.",
                &[("Sergey Lavrov", "criticized", "Mike Pompeo")],
                &[],
            ),
            ("Ali Akbar Velayati delivered two letters to Vladimir Putin.", &[("Ali Akbar Velayati", "communicated", "Vladimir Putin")], &[]),
            (
                "Ali Akbar Velayati, the senior adviser to Ayatollah Ali Khamenei, met Vladimir Putin.",
                &[("Ali Akbar Velayati", "adviser_to", "Ali Khamenei"), ("Ali Akbar Velayati", "met", "Vladimir Putin")],
                &[("Ali Khamenei", "met", "Vladimir Putin")],
            ),
            ("The summit was held in Reykjavik, Iceland.", &[("Reykjavík", "located_in", "Iceland")], &[]),
            ("“Donald Trump is an unpredictable man,” Ali Akbar Velayati said.", &[("Ali Akbar Velayati", "criticized", "Donald Trump")], &[]),
            (
                "Ali Akbar Velayati is a senior adviser to Ayatollah Ali Khamenei. The adviser met Vladimir Putin on Thursday.",
                &[("Ali Akbar Velayati", "met", "Vladimir Putin")],
                &[],
            ),
            ("Canadian Foreign Secretary Joe Clark held talks with George Shultz.", &[("Joe Clark", "official_of", "Canada"), ("Joe Clark", "met", "George Shultz")], &[]),
            ("There was a summit in Ottawa between President Ronald Reagan and Prime Minister Brian Mulroney.", &[("Ronald Reagan", "met", "Brian Mulroney")], &[]),
            ("Britain warned Iran over its nuclear programme.", &[("United Kingdom", "warned", "Iran")], &[]),
            (
                "After meetings with Vice President George Bush and Secretary of State George Shultz, Canadian Foreign Minister Joe Clark left.",
                &[("Joe Clark", "met", "George Bush"), ("Joe Clark", "met", "George Shultz")],
                &[("George Shultz", "met", "George Bush")],
            ),
            ("He spoke at the Valdai Discussion Club, a Moscow-based think tank.", &[("Valdai Discussion Club", "located_in", "Moscow")], &[]),
            (
                "Maxim Suchkov is a fellow. He also works as an editor for the Al-Monitor and is an expert at the Russian International Affairs Council.",
                &[("Maxim Suchkov", "works_for", "Al-Monitor"), ("Maxim Suchkov", "works_for", "Russian International Affairs Council")],
                &[],
            ),
            (
                "Environment Secretary Margaret Beckett met Tony Blair. Later she told the BBC the plan would work.",
                &[("Margaret Beckett", "communicated", "BBC")],
                &[("Tony Blair", "communicated", "BBC")],
            ),
            ("It was wrong to put China under the same embargo as Zimbabwe.", &[], &[("China", "sanctioned", "Zimbabwe")]),
            ("Tony Blair said states had to work with the United States.", &[], &[("Tony Blair", "cooperated", "United States")]),
            ("Russia's efforts to lift Iran from sanctions were discussed.", &[("Russia", "aided", "Iran")], &[]),
            ("Israel does not want to attack Syria.", &[], &[("Israel", "attacked", "Syria")]),
            (
                "John Emery said Chemical Bank had agreed to provide financing.",
                &[],
                &[("John Emery", "stated", "Chemical Bank")],
            ),
            (
                "Amanda's uncle, Lewis Champion, told the BBC it was wrong.",
                &[("Lewis Champion", "communicated", "BBC")],
                &[],
            ),
            (
                "Jack McConnell spoke. But an executive spokeswoman insisted Mr McConnell meant adults.",
                &[],
                &[("Jack McConnell", "stated", "Jack McConnell")],
            ),
            (
                "Two councillors who back Howard Flight met Russell Tanguay.",
                &[],
                &[("Howard Flight", "met", "Russell Tanguay")],
            ),
            ("David Blunkett told refugees from Afghanistan to go home.", &[], &[("David Blunkett", "stated", "Afghanistan")]),
            ("Charles Kennedy calls for Iraq exit plans.", &[], &[("Charles Kennedy", "communicated", "Iraq")]),
            (
                "Tony Blair said he left \"without a stain\" but Tory Dominic Grieve branded it scandalous.",
                &[],
                &[("Tony Blair", "stated", "Conservative Party")],
            ),
            ("The EU embargo on arms exports to China is likely to be lifted.", &[("European Union", "sanctioned", "China")], &[]),
            ("Russia's attack on Ukraine was condemned.", &[("Russia", "attacked", "Ukraine")], &[]),
            ("It was wrong to put China under the same embargo as Zimbabwe.", &[], &[("China", "sanctioned", "Zimbabwe")]),
            ("John Bolton is meeting British officials this week.", &[("John Bolton", "met", "United Kingdom")], &[]),
            ("The EU's move was welcomed at the time by China.", &[("China", "supported", "European Union")], &[]),
            ("Velayati hailed Tehran's relationship with Moscow as strategic.", &[("Tehran", "cooperated", "Moscow")], &[]),
            (
                "Ronald Reagan praised Mikhail Gorbachev. The earlier Reagan-Gorbachev summit in Geneva ended.",
                &[("Ronald Reagan", "met", "Mikhail Gorbachev")],
                &[],
            ),
            (
                "Joe Clark told a press conference he was persuaded the Reagan administration had changed.",
                &[],
                &[("Joe Clark", "communicated", "Reagan")],
            ),
            (
                "KREMLIN SPOKESMAN WARNS NATO. Dmitry Peskov, the Kremlin spokesman, spoke.",
                &[],
                &[("Kremlin", "warned", "NATO")],
            ),
            (
                "President Ronald Reagan said the United States would offer a treaty. Reagan said the Soviet Union was wrong.",
                &[("Ronald Reagan", "criticized", "Soviet Union")],
                &[("Ronald Reagan", "stated", "United States")],
            ),
            ("Moscow warned Washington over sanctions on Russia and the United States.", &[("Russia", "warned", "United States")], &[]),
            ("Ali Akbar Velayati arrived in Moscow, Russia.", &[("Ali Akbar Velayati", "visited", "Moscow")], &[("Ali Akbar Velayati", "visited", "Russia")]),
            ("Benjamin Netanyahu spoke. Upon his arrival in Moscow he met Vladimir Putin.", &[("Benjamin Netanyahu", "visited", "Moscow")], &[]),
            (
                "Russian President Vladimir Putin met Sergey Lavrov and presidential aide Yury Ushakov.",
                &[("Yury Ushakov", "adviser_to", "Vladimir Putin")],
                &[],
            ),
            ("Prime Minister Tony Blair urged Europe and the United States to act.", &[("Tony Blair", "demanded", "Europe"), ("Tony Blair", "demanded", "United States")], &[]),
        ];
        check(cases, rules);
    }

    #[test]
    fn hedged_acts_get_lower_confidence() {
        let sure = triples(&rules("Russia provided goods to Iran."));
        let hedged = triples(&rules("Russia would provide goods to Iran."));
        let c =
            |t: &[(String, String, String, f32)]| t.iter().find(|x| x.1 == "aided").map(|x| x.3);
        let (a, b) = (c(&sure).expect("aided"), c(&hedged).expect("hedged aided"));
        assert!(b < a, "hedged {b} must be below {a}");
    }

    #[test]
    fn every_relation_has_its_sentence_as_evidence() {
        let text = "Vladimir Putin hosted Ali Akbar Velayati in Moscow. Later, Sergey Lavrov met Mohammad Javad Zarif.";
        let ex = rules(text);
        assert!(!ex.relations.is_empty());
        for r in &ex.relations {
            assert_eq!(r.evidence.span.slice(text), r.evidence.text);
            assert!(
                r.evidence.text.contains(&ex.entities[r.subject].aliases[0]) || r.label.is_static()
            );
        }
    }
}
