//! Relation extraction: entities in sentences → triples of the CONTRACT.md ontology, each with
//! its evidence sentence, a lemmatised predicate, the rule that found it and a confidence.
//!
//! Rules over tokens, mentions and the dependency parse, in two passes over a document. First,
//! static relations and a memory of who holds which role ("Russian Foreign Minister Sergey
//! Lavrov" → official_of Russia; Lavrov is a minister). Second, interactions, whose arguments
//! may be pronouns or descriptions resolved through that memory. Where to look:
//!
//! | module | finds |
//! |---|---|
//! | `roles` | titles, appositions, copulas, lists of title holders → leader_of, official_of, … |
//! | `modifiers` | a name's modifiers ("US tycoon X", "Labour backbencher X"), descriptive appositions |
//! | `places` | located_in ("City, Country", "-based"), the dateline, capitals for governments |
//! | `clause` | predicate–argument structure on the parse: verbs, journeys, talks, reported speech |
//! | `predicates` | the same from token windows, where the parse is missing or wrong |
//! | `speech` | reported speech from token windows, and the tone of a statement |
//! | `arguments` | subjects, objects, coordination, and which entity kinds a label accepts |
//! | `units` | title-and-name phrases re-attached as one nominal before the clause rules read the parse |
//! | `coreference` | pronouns and definite descriptions ("the minister") to entities |
//! | `verbs`, `cameo` | the predicate lexicon: kg's verbs and the CAMEO dictionary |
//!
//! Every finding names its rule (`rule` in the store and in JSONL); `extract` folds duplicates
//! per sentence, keeping the most confident reading.

mod arguments;
pub mod cameo;
mod clause;
mod confidence;
mod coreference;
mod cues;
mod modifiers;
mod places;
mod predicates;
mod roles;
mod speech;
#[cfg(test)]
mod testing;
mod units;
pub mod verbs;

use crate::kb::{KbEntry, KnowledgeBase};
use crate::model::{
    EntityType, Evidence, Mention, MentionRole, Relation, RelationLabel, Sentence, SentenceSyntax,
    Token,
};
use crate::nlp::lexicon::Lexicon;
use crate::resolve::Resolution;
use std::collections::{HashMap, HashSet};
use verbs::VerbLexicon;

// Shared by the rule modules (each reaches the others' helpers through these).
use arguments::{is_actor, BE_FORMS, PREPOSITIONS};
use predicates::{hedged, negated, MODALS, NEGATIONS};
use roles::{is_government_title, same_title};
use speech::tone;

/// What the relation stage reads.
#[derive(Clone, Copy)]
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
            weight: confidence::NAME_WEIGHT,
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

struct Ctx<'a> {
    input: &'a RelateInput<'a>,
    words: Vec<&'a str>,
    /// token index → mentions covering it (hyphen parts give several).
    at_token: HashMap<usize, Vec<usize>>,
    /// Mention indexes per sentence, in text order.
    by_sentence: Vec<Vec<usize>>,
    roles: Vec<Role>,
    /// The wire's dateline ("TOKYO, April 17 -").
    dateline: Option<places::Dateline>,
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
        self.upos(t) == Some(crate::model::Upos::Verb)
    }

    /// The tagger's part of speech of token `t`, when tags were given.
    fn upos(&self, t: usize) -> Option<crate::model::Upos> {
        let sentences = self.input.sentences;
        let si = sentences.partition_point(|s| s.tokens.end <= t);
        let (s, syn) = (sentences.get(si)?, self.input.syntax.get(si)?);
        syn.upos.get(t.checked_sub(s.tokens.start)?).copied()
    }

    /// "'s", or the bare apostrophe after a plural or a name ending in s ("Barclays'
    /// economist").
    fn is_possessive(&self, t: usize) -> bool {
        match self.word(t) {
            "'s" | "’s" => true,
            "'" | "’" => t > 0 && self.word(t - 1).ends_with(['s', 'S']),
            _ => false,
        }
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

    /// The knowledge-base entry an entity of the document is linked to, if any.
    fn kb_entry_of(&self, ctx: &Ctx<'_>, entity: usize) -> Option<&'static KbEntry> {
        let key = ctx
            .input
            .resolution
            .entities
            .get(entity)?
            .kb_key
            .as_deref()?;
        self.kb.entry(key)
    }

    fn arg(&self, ctx: &Ctx<'_>, m: usize, weight: f32) -> Arg {
        let mention = ctx.mention(m);
        let entry = mention.kb_key.as_deref().and_then(|k| self.kb.entry(k));
        Arg {
            entity: ctx.entity_index(m),
            kind: mention.kind,
            role: mention.role,
            capital: entry.is_some_and(|e| e.is_capital),
            region: entry.is_some_and(|e| e.key.namespace() == crate::kb::Namespace::Region),
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
        let ctx = Ctx {
            input,
            words,
            at_token,
            by_sentence,
            roles: Vec::new(),
            dateline: None,
        };
        // The clause rules read the parse with each title-and-name phrase as one nominal.
        let repaired: Vec<SentenceSyntax> = (0..input.sentences.len())
            .map(|si| {
                let syn = input.syntax.get(si).cloned().unwrap_or_default();
                if !syn.is_parsed() || syn.heads.len() != input.sentences[si].tokens.len() {
                    return syn;
                }
                let words = &ctx.words[input.sentences[si].tokens.clone()];
                let syn = units::detach_from_time_words(&syn, words);
                units::attach_units(&syn, &self.title_name_units(&ctx, si))
            })
            .collect();
        let repaired_input = RelateInput {
            syntax: &repaired,
            ..*input
        };
        let mut ctx = Ctx {
            input: &repaired_input,
            ..ctx
        };
        ctx.dateline = self.dateline(&ctx);
        let mut per_sentence: Vec<Found> = vec![Vec::new(); input.sentences.len()];
        for (si, s) in input.sentences.iter().enumerate() {
            let mut roles = Vec::new();
            self.titles(&ctx, s, si, &mut per_sentence[si], &mut roles);
            push_roles(&mut ctx.roles, std::mem::take(&mut roles));
            self.description_roles(&ctx, s, &mut per_sentence[si], &mut roles);
            self.others_of_title(&ctx, s, si, &mut per_sentence[si], &mut roles);
            self.located(&ctx, si, &mut per_sentence[si]);
            self.modifier_relations(&ctx, s, si, &mut per_sentence[si]);
            self.memberships(&ctx, s, si, &mut per_sentence[si]);
            self.led_by(&ctx, s, si, &mut per_sentence[si]);
            self.adjacent_names(&ctx, s, si, &mut per_sentence[si]);
            push_roles(&mut ctx.roles, roles);
        }
        for (si, s) in input.sentences.iter().enumerate() {
            self.interactions(&ctx, s, si, &mut per_sentence[si]);
            self.clauses(&ctx, s, si, &mut per_sentence[si]);
            self.dateline_visit(&ctx, si, &mut per_sentence[si]);
            self.scheduled_visit(&ctx, si, &mut per_sentence[si]);
        }
        // Who belongs to which body anywhere in the document ("Ashok Vishwanathan of Operation
        // Black Vote"), beside the title roles: what a person says of their own body is no
        // statement about another party.
        let belongs: HashSet<(usize, usize)> = per_sentence
            .iter()
            .flatten()
            .filter(|f| {
                matches!(
                    f.label,
                    RelationLabel::WorksFor
                        | RelationLabel::MemberOf
                        | RelationLabel::OfficialOf
                        | RelationLabel::LeaderOf
                )
            })
            .map(|f| (f.subject, f.object))
            .collect();
        // A person's country as a title states it ("Brazilian Finance Minister Dilson
        // Funaro"), against which the wire's dateline is no evidence.
        let country_of_office: HashSet<(usize, usize)> = per_sentence
            .iter()
            .flatten()
            .filter(|f| {
                matches!(f.label, RelationLabel::OfficialOf | RelationLabel::LeaderOf)
                    && f.rule != roles::DATELINE_ROLE_RULE
                    && input.resolution.entities.get(f.object).map(|e| e.kind)
                        == Some(EntityType::Country)
            })
            .map(|f| (f.subject, f.object))
            .collect();
        let visits: HashSet<(usize, usize)> = per_sentence
            .iter()
            .flatten()
            .filter(|f| f.label == RelationLabel::Visited)
            .map(|f| (f.subject, f.object))
            .collect();
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
                // "Kennedy attacked Mr Brown", "attacked Labour's record": an attack on a
                // person or a body, not on a country or a place, is made in words.
                let object_kind = input.resolution.entities.get(f.object).map(|e| e.kind);
                if f.label == RelationLabel::Attacked
                    && matches!(f.predicate.split(' ').next(), Some("attack" | "attacks"))
                    && matches!(
                        object_kind,
                        Some(EntityType::Person | EntityType::Organization)
                    )
                {
                    f.label = RelationLabel::Criticized;
                    f.cameo = Some("111".to_string());
                }
                if f.label != RelationLabel::Visited {
                    if let Some(&c) = metonyms.get(&f.object) {
                        f.object = c;
                    }
                }
            }
            // "told Reuters", "said in an interview with the BBC": the press a statement is
            // made to is how the news came out, not a party to it.
            // A body the knowledge base does not know is press when its name says so ("Sky
            // News", "the Sunday Times").
            let media = |e: usize| {
                input.resolution.entities.get(e).is_some_and(|x| {
                    x.kb_key
                        .as_deref()
                        .and_then(|k| self.kb.entry(k))
                        .is_some_and(|k| k.is_media())
                        || x.kind == EntityType::Organization
                            && x.name.rsplit(' ').next().is_some_and(|w| {
                                cues::has(cues::Cue::MediaNameWord, &w.to_lowercase())
                            })
                })
            };
            // "EC Commissioner Frans Andriessen is working on...": a person and the body of
            // their role are one party, not two that met or cooperated.
            let own_body = |a: usize, b: usize| {
                ctx.roles
                    .iter()
                    .any(|r| r.person == a && r.affiliation == Some(b))
            };
            // "Boget Oil Co said it has purchased interests in wells in Oklahoma": what a
            // company says of a place or a country is business news, no statement about a
            // party.
            let kind = |e: usize| input.resolution.entities.get(e).map(|x| x.kind);
            let company_of_place = |s: usize, o: usize| {
                kind(s) == Some(EntityType::Organization)
                    && matches!(kind(o), Some(EntityType::Country | EntityType::Location))
                    && !self.is_political_body(&ctx, s)
            };
            // "asking reporter Oliver Finegold if he is...": a question asks for an answer,
            // not for an act.
            let question = s
                .tokens
                .clone()
                .any(|k| matches!(ctx.lower(k).as_str(), "if" | "whether"));
            // A title's country taken from the dateline yields to one the document states, and
            // is none where the person visits that country ("LONDON - ... Finance Minister
            // Dilson Funaro said ... Funaro and Gros will this week visit Britain").
            let dateline_only = |f: &Finding| {
                country_of_office
                    .iter()
                    .any(|&(p, c)| p == f.subject && c != f.object)
                    || visits.contains(&(f.subject, f.object))
            };
            // "Tory shadow local government secretary Caroline Spelman": a shadow minister
            // holds no office of the country, whatever the knowledge base or the dateline say.
            let shadow_title = |f: &Finding| {
                matches!(f.label, RelationLabel::OfficialOf | RelationLabel::LeaderOf)
                    && kind(f.object) == Some(EntityType::Country)
                    && ctx.by_sentence[si].iter().any(|&m| {
                        ctx.entity_index(m) == f.subject && {
                            let a = ctx.mention(m).tokens.start;
                            (a.saturating_sub(6).max(s.tokens.start)..a)
                                .any(|t| ctx.lower(t) == "shadow")
                        }
                    })
            };
            found.retain(|f| !shadow_title(f));
            found.retain(|f| {
                !(question && f.label == RelationLabel::Demanded && f.predicate == "ask")
                    && f.subject != f.object
                    && !(matches!(f.label, RelationLabel::Communicated | RelationLabel::Stated)
                        && media(f.object))
                    && !(f.label.is_symmetric()
                        && (own_body(f.subject, f.object) || own_body(f.object, f.subject)))
                    && !(matches!(f.rule, "speech" | "parse-speech")
                        && (belongs.contains(&(f.subject, f.object))
                            || belongs.contains(&(f.object, f.subject))
                            || company_of_place(f.subject, f.object)))
                    && !(f.rule == roles::DATELINE_ROLE_RULE && dateline_only(f))
            });
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
                    confidence: f.confidence.clamp(confidence::FLOOR, confidence::CEILING),
                    rule: f.rule.to_string(),
                    cameo,
                });
            }
        }
        out
    }

    // ---------------------------------------------------------------- static relations

    // ---------------------------------------------------------------- interactions
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
            // A common noun before a name says what it is: an airline is a body, which is
            // located in a country, not its citizen.
            (
                "Australian budget airline Virgin Blue said profits would fall.",
                &[("Virgin Blue", "located_in", "Australia")],
                &[("Virgin Blue", "citizen_of", "Australia")],
            ),
            // An adverb of time may open an apposition.
            (
                "\"It is first,\" said Scott King, formerly an analyst with Montgomery Securities Inc.",
                &[("Scott King", "works_for", "Montgomery Securities Inc.")],
                &[],
            ),
            // Two titles of one person joined by "and", before the name or after it.
            (
                "Whittaker Corp chairman and chief executive officer Joseph Alibrandi said profits rose. John Smith, chairman and chief executive of Acme Corp, said so.",
                &[("Joseph Alibrandi", "leader_of", "Whittaker Corp"), ("John Smith", "leader_of", "Acme Corp")],
                &[],
            ),
            // A title of work before the name, the employer after it; an office is not held
            // where its holder is.
            (
                "Chancellor Gordon Brown at the European Commission said no. \"It is a front,\" said analyst Jason Kenney at Lehman Brothers Inc.",
                &[("Jason Kenney", "works_for", "Lehman Brothers Inc.")],
                &[("Gordon Brown", "leader_of", "European Commission"), ("Gordon Brown", "works_for", "European Commission")],
            ),
            // To dismiss is to criticise (CONTRACT.md), in any of its phrasal forms.
            (
                "Michael Howard brushed aside Gordon Brown's plans. Charles Kennedy poured scorn on Tony Blair's claims.",
                &[("Michael Howard", "criticized", "Gordon Brown"), ("Charles Kennedy", "criticized", "Tony Blair")],
                &[],
            ),
            // A legislature's speaker leads it; "the House" is the chamber of the country
            // the document is about.
            (
                "WASHINGTON, April 3 - House Speaker Jim Wright said the Senate would act.",
                &[("Jim Wright", "leader_of", "House of Representatives")],
                &[],
            ),
            // What a person says of the body they speak for is no statement about another
            // party.
            (
                "Ashok Vishwanathan of Operation Black Vote said the result again showed all-women shortlists were not effective. \"It is a failure,\" he said.",
                &[("Ashok Vishwanathan", "works_for", "Operation Black Vote")],
                &[("Ashok Vishwanathan", "criticized", "Operation Black Vote")],
            ),
            // The words between a title's modifier and its head are a portfolio, not a body.
            (
                "Shadow Constitutional Affairs Secretary Oliver Heald accused the government of delay.",
                &[],
                &[("Oliver Heald", "official_of", "Shadow Constitutional Affairs")],
            ),
            // An attack on a person or a body is made in words; on a country, by arms.
            (
                "Liberal Democrat leader Charles Kennedy attacked Gordon Brown for his record on tax.",
                &[("Charles Kennedy", "criticized", "Gordon Brown")],
                &[("Charles Kennedy", "attacked", "Gordon Brown")],
            ),
            (
                "Iraq attacked Iran in September 1980.",
                &[("Iraq", "attacked", "Iran")],
                &[],
            ),
            // Named with "the other" holders of a title: holds it too, unless a role there is
            // known already.
            (
                "President Ronald Reagan summoned Ambassador Max Kampelman and the other top U.S. negotiators to Washington.",
                &[("Max Kampelman", "official_of", "United States")],
                &[("Ronald Reagan", "official_of", "United States")],
            ),
            (
                "President Vladimir Putin spoke first. Vladimir Putin and other Russian officials then met the delegation.",
                &[("Vladimir Putin", "leader_of", "Russia")],
                &[("Vladimir Putin", "official_of", "Russia")],
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
            // A state lies in its country, not in the next state of a list.
            (
                "Rain fell in Jacksonville, Florida, and across Utah, Maryland, Virginia and Alabama.",
                &[("Jacksonville", "located_in", "Florida")],
                &[("Utah", "located_in", "Maryland")],
            ),
            (
                "Acme Corp, a New York-based maker of tools, said sales rose.",
                &[("Acme Corp", "located_in", "New York City")],
                &[],
            ),
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
                "Environment Secretary Margaret Beckett met Tony Blair. Later she told Gordon Brown the plan would work.",
                &[("Margaret Beckett", "communicated", "Gordon Brown")],
                &[("Tony Blair", "communicated", "Gordon Brown")],
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
                "Amanda's uncle, Lewis Champion, told Tony Blair it was wrong.",
                &[("Lewis Champion", "communicated", "Tony Blair")],
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
            // Talks opening the sentence, a time phrase, then a list of subjects.
            (
                "In talks with French Foreign Minister Alain Juppe on Tuesday, Madeleine Albright and Robin Cook urged Serbia to withdraw.",
                &[("Madeleine Albright", "met", "Alain Juppe"), ("Robin Cook", "met", "Alain Juppe")],
                &[],
            ),
            // A title phrase going on into a verb is a new subject, not an apposition.
            (
                "The United States wants peace. Echoing Madeleine Albright, the prime minister said the war was over.",
                &[],
                &[("Madeleine Albright", "leader_of", "United States")],
            ),
            // A relative clause between the subject and its act is skipped whole.
            (
                "The European Commission, which speaks for France, Germany and Italy, also began talks with Japan.",
                &[("European Commission", "met", "Japan")],
                &[("Italy", "met", "Japan")],
            ),
            // A title that hands over to someone else ("under") is not theirs; a title that
            // goes on after "of the" is read whole.
            (
                "The United Kingdom grew. Gordon Brown, chancellor of the exchequer under Mr Blair, spoke.",
                &[],
                &[("Tony Blair", "official_of", "United Kingdom"), ("Gordon Brown", "leader_of", "United Kingdom")],
            ),
            // A question is not a demand.
            (
                "Ken Livingstone asked reporter Oliver Finegold whether he was a war criminal.",
                &[],
                &[("Ken Livingstone", "demanded", "Oliver Finegold")],
            ),
            // An honorific between a title and its name.
            (
                "BBC chairman Sir Michael Grade said so.",
                &[("Michael Grade", "leader_of", "BBC")],
                &[],
            ),
            // The press a statement is made to is not a party.
            (
                "Mining Minister Jaime Soto told Reuters in La Paz that exports rose.",
                &[],
                &[("Jaime Soto", "communicated", "Reuters")],
            ),
            // Coordinated titles in an apposition.
            (
                "Robert Dole, a Kansas Republican and member of the Senate Finance Committee, spoke.",
                &[("Robert Dole", "member_of", "Senate Finance Committee")],
                &[],
            ),
            // A British office whose holder leads nothing; a party office does not lead the
            // country whatever the knowledge base says of its holder's government service.
            (
                "U.K. Chancellor of the Exchequer Nigel Lawson spoke.",
                &[("Nigel Lawson", "official_of", "United Kingdom")],
                &[("Nigel Lawson", "leader_of", "United Kingdom")],
            ),
            (
                "The United States will act, House majority leader Thomas Foley said.",
                &[],
                &[("Thomas Foley", "leader_of", "United States")],
            ),
            // The knowledge base's dated offices give a bare title its country.
            (
                "The United States left the deal. President Trump spoke to reporters.",
                &[("Donald Trump", "leader_of", "United States")],
                &[],
            ),
        ];
        check(cases, rules);
    }

    /// The same with the trained tagger, recogniser and parser, as `kg extract` runs.
    #[test]
    fn constructions_with_the_trained_models() {
        let cases: &[Case] = &[
            // A country's title after a copula or an office taken, and an envoy's title
            // whose "to" names the host, not the country served.
            (
                "Jack Straw is Britain's foreign secretary.",
                &[("Jack Straw", "official_of", "United Kingdom")],
                &[],
            ),
            (
                "Paul Boateng, 53, is to become the UK's high commissioner to South Africa.",
                &[("Paul Boateng", "official_of", "United Kingdom")],
                &[("Paul Boateng", "official_of", "South Africa")],
            ),
            (
                "Paul Boateng, Britain's ambassador to Germany, said the talks were over.",
                &[("Paul Boateng", "official_of", "United Kingdom")],
                &[("Paul Boateng", "official_of", "Germany")],
            ),
            (
                "Carlos Ghosn will become chairman of Barclays in April.",
                &[("Carlos Ghosn", "leader_of", "Barclays")],
                &[],
            ),
            (
                "Metropolitan Police Commissioner Sir John Stevens backed the plan. Tory MP Patrick Mercer spoke.",
                &[
                    ("John Stevens", "official_of", "Metropolitan Police"),
                    ("Patrick Mercer", "member_of", "Conservative Party"),
                ],
                &[],
            ),
            // A title's complement may come after a common-noun one ("professor of economics
            // at"), but not after a capitalised one that names nothing known.
            (
                "The cut is needed, said David Bloom, professor of economics at the Harvard School of Public Health.",
                &[("David Bloom", "works_for", "Harvard School of Public Health")],
                &[],
            ),
            (
                "The cut is needed, said Helmut Schneider, director of the Institute for the Study of Labour at Bonn University. The Labour Party won.",
                &[],
                &[("Helmut Schneider", "official_of", "Labour Party")],
            ),
            (
                "Venezuela has offered to supply 120,000 barrels of fuel oil a month to China.",
                &[("Venezuela", "aided", "China")],
                &[],
            ),
            // "The information commissioner" is nobody the knowledge base has in government.
            (
                "Tony Blair spoke in London. Mr Beith urged the information commissioner to look at the rules.",
                &[],
                &[("Alan Beith", "demanded", "Tony Blair"), ("Beith", "demanded", "Tony Blair")],
            ),
            // A company of a country; "of America" ends some companies' own names.
            (
                "Sapporo Breweries Ltd of Japan is issuing notes. Hospital Corp of America said profits rose.",
                &[("Sapporo Breweries Ltd", "located_in", "Japan")],
                &[("Hospital Corp", "located_in", "United States")],
            ),
            // A title set off by commas before the name.
            // A shadow minister holds no office of the country the knowledge base gives.
            (
                "The Conservatives claimed the plans would amount to an extra tax on every new house in Britain. \"This is typical of Lib Dem hypocrisy,\" said Tory shadow local government secretary Caroline Spelman.",
                &[],
                &[("Caroline Spelman", "official_of", "United Kingdom")],
            ),
            // A portfolio's title is nobody, unless its last word is also a surname.
            (
                "The EU's Humanitarian Aid Commissioner, Louis Michel, was quoted as saying aid was key. Bank of England governor Mervyn King said so.",
                &[("Mervyn King", "official_of", "Bank of England")],
                &[("Humanitarian Aid Commissioner", "works_for", "European Union")],
            ),
            // A lone name set off by an apposition of a body's kind is that body.
            (
                "Interpart, a Luxembourg-based holding company chaired by Italian financier Giancarlo Paretti, paid 12 billion pesetas.",
                &[("Interpart", "located_in", "Luxembourg"), ("Giancarlo Paretti", "leader_of", "Interpart")],
                &[],
            ),
            // Leading read from "led by": the body itself, not a team or committee of it.
            (
                "The Tower Commission, headed by former senator John Tower, found fault. A World Bank team led by senior economist Katrine Saito arrived in Uganda.",
                &[("John Tower", "leader_of", "Tower Commission")],
                &[("Katrine Saito", "leader_of", "World Bank")],
            ),
            // A cabinet title's country from the dateline, unless the person visits it.
            (
                "TOKYO, April 17 - Agriculture Minister Mutsuki Kato said the rice market would stay closed to U.S. exporters. Japan grows enough rice.",
                &[("Mutsuki Kato", "official_of", "Japan")],
                &[],
            ),
            (
                "LONDON, March 2 - Brazil is not happy with its debt talks, Finance Minister Dilson Funaro said. Funaro will this week visit Britain and France.",
                &[("Dilson Funaro", "visited", "United Kingdom")],
                &[("Dilson Funaro", "official_of", "United Kingdom")],
            ),
            // What a body says of its own chairman is no statement about another party.
            (
                "The chairman of the port employers' organization, SVZ, Jacques Schoufour, said he was unhappy with the decision.",
                &[("Jacques Schoufour", "leader_of", "SVZ")],
                &[("SVZ", "stated", "Jacques Schoufour")],
            ),
            (
                "Chairman of the Federal Reserve Board, Paul Volcker, said rates would rise.",
                &[("Paul Volcker", "leader_of", "Federal Reserve")],
                &[],
            ),
            (
                "Britain's foreign secretary, Jack Straw, said the talks had failed.",
                &[("Jack Straw", "official_of", "United Kingdom")],
                &[],
            ),
            (
                "The Iranian foreign minister, Manouchehr Mottaki, arrived.",
                &[("Manouchehr Mottaki", "official_of", "Iran")],
                &[],
            ),
            (
                "The Tory finance spokesman, Brian Monteith MSP, said no.",
                &[("Brian Monteith", "official_of", "Conservative Party")],
                &[],
            ),
            // A list is no apposition.
            (
                "Among the guests were the French ambassador, Jack Straw and John Prescott.",
                &[],
                &[("Jack Straw", "official_of", "France")],
            ),
            // A possessive in the phrase that opens a sentence is the main clause's person.
            (
                "Gordon Brown arrived in Beijing. During his visit to India, President George W Bush praised Prime Minister Manmohan Singh.",
                &[("George W Bush", "visited", "India")],
                &[("Gordon Brown", "visited", "India"), ("Manmohan Singh", "visited", "India")],
            ),
            // Parties who reach an agreement with no one else named reach it together.
            (
                "Britain and France signed a treaty on defence.",
                &[("United Kingdom", "cooperated", "France")],
                &[],
            ),
            // A party right before a name; a country's possessive before the body that heads
            // its phrase, not before a name of a longer one, nor before a title.
            (
                "But Lib Dem Norman Baker accused ministers. Shares in Germany's ThyssenKrupp fell.",
                &[
                    ("Norman Baker", "member_of", "Liberal Democrats"),
                    ("ThyssenKrupp", "located_in", "Germany"),
                ],
                &[],
            ),
            (
                "Under review are the finance unit's Baa-1 senior debt and Chrysler Canada's Baa-1 Eurobonds. A spokesman for the Banco do Brasil's Foreign Trade Department said no. Britain's EU presidency begins.",
                &[],
                &[
                    ("Baa-1 Eurobonds", "located_in", "Canada"),
                    ("Foreign Trade Department", "located_in", "Brazil"),
                    ("European Union", "located_in", "United Kingdom"),
                ],
            ),
            // Nouns the tagger reads inside a title phrase qualify it; not a body's noun, and
            // not across "of".
            (
                "Norway's peace negotiator Erik Solheim arrived. BBC political editor Andrew Marr said no. US trade union leader Bob Crow agreed.",
                &[
                    ("Erik Solheim", "official_of", "Norway"),
                    ("Andrew Marr", "works_for", "BBC"),
                ],
                &[("Bob Crow", "leader_of", "United States")],
            ),
            // A person "of" a body works there; a government body's, an official.
            (
                "\"The dollar will fall,\" said Paul Mackel of HSBC. Mr D'Amuro of the FBI agreed.",
                &[
                    ("Paul Mackel", "works_for", "HSBC"),
                    ("D'Amuro", "official_of", "FBI"),
                ],
                &[],
            ),
            // An apposition with no article: a country or a body opens the title, or a
            // preposition follows it.
            (
                "Jack Straw, Britain's foreign secretary, said no. Ross Walker, UK economist at RBS Financial Markets, agreed. Adrian Hughes, currency strategist with HSBC, did not.",
                &[
                    ("Jack Straw", "official_of", "United Kingdom"),
                    ("Ross Walker", "works_for", "RBS Financial Markets"),
                    ("Adrian Hughes", "works_for", "HSBC"),
                ],
                &[],
            ),
            (
                "Under the plans, Patrick Cescau, the UK-based co-chairman, will become group chief executive.",
                &[],
                &[("Patrick Cescau", "official_of", "United Kingdom")],
            ),
            // A chamber's majority leader holds an office in it (gold: Thomas Foley official_of
            // the House); "boss" is a title; "who is now" an office held.
            (
                "Senate majority leader Robert Byrd said no.",
                &[("Robert Byrd", "official_of", "Senate")],
                &[("Robert Byrd", "leader_of", "Senate")],
            ),
            (
                "IMF boss Rodrigo Rato was asked by G7 ministers to carry out a study.",
                &[("Rodrigo Rato", "leader_of", "IMF")],
                &[],
            ),
            (
                "Mr Kilroy-Silk was joined by Damien Hockney, who is now Veritas' deputy leader. Lord Sainsbury made a donation to the Labour Party.",
                &[
                    ("Damien Hockney", "official_of", "Veritas"),
                    ("Sainsbury", "aided", "Labour Party"),
                ],
                &[],
            ),
            // A manager works for the body; a list's title with an unrecognised name before
            // it is not the document's company's.
            (
                "Michael Raftery, project manager at the Hansard Society, said no. Balfour Beatty denied the charges. Balfour Beatty managers Anthony Walker and Nicholas Jeffries, and Railtrack managers Alistair Cook, Sean Fugill and Keith Lea, were charged.",
                &[
                    ("Michael Raftery", "works_for", "Hansard Society"),
                    ("Anthony Walker", "works_for", "Balfour Beatty"),
                ],
                &[("Alistair Cook", "works_for", "Balfour Beatty")],
            ),
            // A description set off from a body's name says where it is, after the name with
            // a country's possessive, or before it.
            (
                "Shares in Deutsche Bank, Germany's biggest lender, rose. The American holding company, Laurentian Capital Corp, will show a substantial improvement.",
                &[
                    ("Deutsche Bank", "located_in", "Germany"),
                    ("Laurentian Capital Corp", "located_in", "United States"),
                ],
                &[],
            ),
            // Being somewhere for a visit or talks, and coming back from somewhere, are
            // journeys; being somewhere for the weekend is not said to be one.
            (
                "Mr Putin, in London for talks with Tony Blair, said the deal was close. Jack Straw returned from Beijing on Friday.",
                &[
                    ("Putin", "visited", "London"),
                    ("Jack Straw", "visited", "Beijing"),
                ],
                &[],
            ),
            (
                "Vladimir Putin was in London for the weekend.",
                &[],
                &[("Vladimir Putin", "visited", "London")],
            ),
            // Words of criticism in British political news; an act noun after "take".
            (
                "Lib Dem Treasury spokesman Vince Cable branded the Tory plans as fantasy. Michael Howard took a swipe at Tony Blair.",
                &[
                    ("Vince Cable", "criticized", "Conservative Party"),
                    ("Michael Howard", "criticized", "Tony Blair"),
                ],
                &[],
            ),
            // A chamber's committee, named in lower case, is what its chairman leads.
            (
                "But Edward Leigh, who is chairman of the Commons public accounts committee, warned the government.",
                &[("Edward Leigh", "leader_of", "Public Accounts Committee")],
                &[("Edward Leigh", "leader_of", "House of Commons")],
            ),
            // A chancellor leads Germany and Austria; Britain's is a minister.
            (
                "Britain's economy grew. Chancellor Gordon Brown said it was strong. German Chancellor Gerhard Schroeder agreed.",
                &[
                    ("Gordon Brown", "official_of", "United Kingdom"),
                    ("Gerhard Schroeder", "leader_of", "Germany"),
                ],
                &[("Gordon Brown", "leader_of", "United Kingdom")],
            ),
            // A body's possessive before a person: who works there; a party's, a member.
            (
                "\"The market is weak,\" said HSBC's Jane Brown.",
                &[("Jane Brown", "works_for", "HSBC")],
                &[],
            ),
            (
                "\"We expect more losses,\" said Barclays' chief economist Tim Harris.",
                &[("Tim Harris", "works_for", "Barclays")],
                &[],
            ),
            // The recogniser reads "ABN Amro" as a person; a person owning a person is a body.
            (
                "\"There are no dollar buyers now,\" said ABN Amro's Paul Mackel.",
                &[("Paul Mackel", "works_for", "ABN Amro")],
                &[],
            ),
            // The seat a member sits for is a place, "X and Y" one name; a senator's state
            // is no seat.
            (
                "Oona King, the MP for Bethnal Green and Bow, said she was delighted. George Galloway, MP for Glasgow Kelvin, agreed.",
                &[
                    ("Oona King", "official_of", "Bethnal Green and Bow"),
                    ("George Galloway", "official_of", "Glasgow Kelvin"),
                ],
                &[],
            ),
            (
                "New York Senator Charles Schumer said no.",
                &[],
                &[("Charles Schumer", "official_of", "New York City")],
            ),
            (
                "Labour's Gordon Brown said the economy was strong.",
                &[("Gordon Brown", "member_of", "Labour Party")],
                &[("Gordon Brown", "works_for", "Labour Party")],
            ),
            // A legislator belongs to a party; a party's spokesman holds an office in it.
            (
                "Labour MP Diane Abbott criticised the decision. Tory spokesman Tim Yeo agreed.",
                &[
                    ("Diane Abbott", "member_of", "Labour Party"),
                    ("Tim Yeo", "official_of", "Conservative Party"),
                ],
                &[("Diane Abbott", "official_of", "Labour Party")],
            ),
            // A state's and a city's own offices; a continent has none, and a city has no
            // attorney general.
            (
                "California Governor Arnold Schwarzenegger signed it. London Mayor Ken Livingstone agreed.",
                &[
                    ("Arnold Schwarzenegger", "official_of", "California"),
                    ("Ken Livingstone", "official_of", "London"),
                ],
                &[],
            ),
            (
                "New York State Comptroller Alan Hevesi said no. Europe Minister Denis MacShane agreed.",
                &[("Alan Hevesi", "official_of", "New York State")],
                &[("Denis MacShane", "official_of", "Europe")],
            ),
            (
                "New York attorney general Eliot Spitzer sued the firm.",
                &[],
                &[("Eliot Spitzer", "official_of", "New York City")],
            ),
            // A journey announced.
            (
                "Following his inauguration, Mr Bush is due in Europe at the end of January.",
                &[("Bush", "visited", "Europe")],
                &[],
            ),
            (
                "Tony Blair arrived in London. He is due to visit the Pakistani community in Manchester.",
                &[],
                &[("Tony Blair", "visited", "Pakistan")],
            ),
            (
                "Mr Putin is expected in Paris on Monday. The report is due in March.",
                &[("Putin", "visited", "Paris")],
                &[],
            ),
            // The possessor of a title belongs to the title's phrase, not to the subjects.
            (
                "Germany's Chancellor Gerhard Schroeder and French President Jacques Chirac met in Berlin.",
                &[("Gerhard Schroeder", "met", "Jacques Chirac")],
                &[("Germany", "met", "Jacques Chirac")],
            ),
            (
                "Britain supports Turkey's bid to join the EU. Mr Blair talked to Mr Bush on Monday.",
                &[
                    ("United Kingdom", "supported", "Turkey"),
                    ("Tony Blair", "communicated", "Bush"),
                ],
                &[],
            ),
            // A country before a title says whose the person after it is.
            (
                "Tony Blair has urged London mayor Ken Livingstone to apologise.",
                &[("Tony Blair", "demanded", "Ken Livingstone")],
                &[("Tony Blair", "demanded", "London")],
            ),
            // Countries and bodies in a body.
            (
                "EU members Britain, France and Germany will vote. Turkey, a member of Nato, objected.",
                &[
                    ("United Kingdom", "member_of", "European Union"),
                    ("Germany", "member_of", "European Union"),
                    ("Turkey", "member_of", "NATO"),
                ],
                &[],
            ),
            (
                "Spain and Portugal joined the EC in 1986. Turkey hopes to join the EU.",
                &[("Portugal", "member_of", "European Community")],
                &[("Turkey", "member_of", "European Union")],
            ),
            // An office taken, and leading said with a verb.
            (
                "Paul Wolfowitz has been appointed as head of the World Bank. Mr Yushchenko was sworn in as president of Ukraine.",
                &[
                    ("Paul Wolfowitz", "leader_of", "World Bank"),
                    ("Viktor Yushchenko", "leader_of", "Ukraine"),
                ],
                &[],
            ),
            (
                "Ms Dunwoody, who chairs the Transport Select Committee, said yes. Mr O'Neill, who chairs the Commons trade committee, agreed.",
                &[("Dunwoody", "leader_of", "Transport Select Committee")],
                &[("O'Neill", "leader_of", "House of Commons")],
            ),
            // An envoy serves the country that sends him, not the one he is sent to.
            (
                "Mr Smith served as ambassador to France.",
                &[],
                &[("Smith", "official_of", "France")],
            ),
            // A name the parser compounds onto a time word is the verb's object.
            (
                "Peter Mandelson will visit China next week. Nicholas Powell, who heads Prairie Resources Corp and Mack Inc, said no.",
                &[
                    ("Peter Mandelson", "visited", "China"),
                    ("Nicholas Powell", "leader_of", "Prairie Resources Corp"),
                ],
                &[],
            ),
            (
                "Mr Bush telephoned Mr Blair to discuss Iraq. The IMF approved a loan for Argentina.",
                &[("Bush", "communicated", "Blair"), ("IMF", "aided", "Argentina")],
                &[],
            ),
            // A phrase a preposition marks is no subject; a place before a title is no
            // container.
            (
                "According to Mr Sands, Lord Goldsmith had warned Tony Blair that it could be illegal.",
                &[("Goldsmith", "warned", "Tony Blair")],
                &[("Sands", "warned", "Tony Blair")],
            ),
            (
                "Gordon Brown promoted the news in Edinburgh, Wales Secretary Peter Hain did so in Cardiff.",
                &[],
                &[("Edinburgh", "located_in", "Wales")],
            ),
            // What is said to be unlikely is not asserted.
            (
                "Yasuhiro Nakasone was very unlikely to support Noboru Takeshita. Japan praised Iran.",
                &[("Japan", "supported", "Iran")],
                &[("Yasuhiro Nakasone", "supported", "Noboru Takeshita")],
            ),
            // Lending and fines.
            (
                "Japan will lend Indonesia 2 billion dollars. The European Commission fined Microsoft.",
                &[
                    ("Japan", "aided", "Indonesia"),
                    ("European Commission", "sanctioned", "Microsoft"),
                ],
                &[],
            ),
            (
                "Stocks rose after Chemical Bank cut its prime lending rate, the United States said.",
                &[],
                &[("Chemical Bank", "aided", "United States")],
            ),
        ];
        check(cases, super::testing::trained);
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
