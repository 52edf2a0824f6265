//! Predicate–argument structure read off the dependency parse: who did what to whom.
//!
//! The window rules of the parent module read a verb's subject as "the nearest actor on the
//! left", which fails as soon as a title, a time phrase or a list stands in between ("Funaro and
//! central bank president Francisco Gros last week visited Washington"). Here the arguments come
//! from the parse: `nsubj`, `obj`/`iobj`, `obl` with its preposition, `nsubj:pass` with
//! `obl:agent`; coordination is distributed over subjects, objects and predicates; a predicate
//! without a subject takes it from the clause it hangs on (coordinated verbs, control by `xcomp`,
//! adverbial and purpose clauses, relative clauses). Nouns of travel and of talks take their
//! participants the same way ("during a visit here", "In talks with Kato, Lyng asked").

use super::confidence;
use super::cues::{self, Cue};
use super::verbs::VerbLexicon;
use super::{hedged, negated, Arg, Ctx, Finding, Found, RelationExtractor, NEGATIONS};
use crate::model::{EntityType, MentionRole, RelationLabel, Sentence, SentenceSyntax, Upos};
use crate::nlp::lexicon::{verb_lemma, TitleRole};

/// Participles that work as prepositions ("excluding EDS", "according to Reuters").
const DEVERBAL_PREPOSITIONS: &[&str] = &[
    "excluding",
    "including",
    "following",
    "according",
    "regarding",
    "concerning",
    "considering",
    "given",
    "pending",
    "barring",
    "notwithstanding",
];
/// Labels whose object may be what a noun is about ("oppose the Iranian nuclear programme",
/// "criticised Brazil's debt moratorium"): a country or organisation modifying the object noun
/// stands for the object.
const ABOUT_LABELS: &[RelationLabel] = &[
    RelationLabel::Opposed,
    RelationLabel::Criticized,
    RelationLabel::Supported,
    RelationLabel::Sanctioned,
    RelationLabel::Attacked,
    RelationLabel::Threatened,
    RelationLabel::Demanded,
];

/// One sentence's parse, with the offset of its first token in the document.
struct Parsed<'a> {
    syn: &'a SentenceSyntax,
    base: usize,
    si: usize,
    /// Dependents per token, left to right: built once, so that rules asking for a token's
    /// children do not rescan the sentence (quadratic on very long "sentences").
    kids: Vec<Vec<usize>>,
}

impl<'a> Parsed<'a> {
    fn new(syn: &'a SentenceSyntax, base: usize, si: usize) -> Self {
        let mut kids = vec![Vec::new(); syn.heads.len()];
        for (j, h) in syn.heads.iter().enumerate() {
            if let Some(k) = h.and_then(|h| kids.get_mut(h)) {
                k.push(j);
            }
        }
        Parsed {
            syn,
            base,
            si,
            kids,
        }
    }
    fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.kids.get(i).into_iter().flatten().copied()
    }
    /// Dependents of `i` with relation `label`: a full label matches exactly, a universal one
    /// its subtypes too (as [`SentenceSyntax::dependents_with`]).
    fn dependents_with<'b>(&'b self, i: usize, label: &'b str) -> impl Iterator<Item = usize> + 'b {
        let exact = label.contains(':');
        self.children(i).filter(move |&j| {
            self.syn.deprel(j).is_some_and(|d| {
                if exact {
                    d.as_str() == label
                } else {
                    d.universal() == label
                }
            })
        })
    }
    fn deprel(&self, i: usize) -> &'static str {
        self.syn.deprel(i).map_or("", |d| d.as_str())
    }
    /// The preposition of a nominal ("to" in "to Argentina"), lowercased.
    fn case_of(&self, ctx: &Ctx<'_>, i: usize) -> Option<String> {
        self.dependents_with(i, "case")
            .next()
            .map(|c| ctx.lower(self.base + c))
    }
    /// The mention at token `i` of this sentence, or at a `flat` dependent of it ("by Mr
    /// Glazer": the honorific heads the phrase, the name is flat under it).
    fn mention(&self, ctx: &Ctx<'_>, i: usize) -> Option<usize> {
        std::iter::once(i)
            .chain(self.dependents_with(i, "flat"))
            .find_map(|k| ctx.mention_at(self.base + k))
            .filter(|&m| ctx.in_sentence(m, self.si))
    }
    /// The object `o` of verb `v`, or what of it is: in "told Reuters Taiwan would cut
    /// tariffs" the parser makes one name of "Reuters Taiwan", but the second name is the
    /// subject of the reported clause that follows it. Then the first name, a separate
    /// mention, is the object, or there is none.
    fn object_before_clause(&self, ctx: &Ctx<'_>, v: usize, o: usize) -> Option<usize> {
        let next = o + 1;
        let opens_clause = self.dependents_with(v, "ccomp").any(|k| {
            self.dependents_with(k, "nsubj").next().is_none()
                && (next == k || self.syn.heads.get(next).copied().flatten() == Some(k))
                && matches!(self.syn.upos.get(next), Some(Upos::Aux | Upos::Verb))
        });
        if !opens_clause {
            return Some(o);
        }
        let own = self.mention(ctx, o);
        self.dependents_with(o, "compound")
            .filter(|&d| d < o)
            .find(|&d| self.mention(ctx, d).is_some_and(|m| Some(m) != own))
    }
    /// `i` and the tokens coordinated with it ("Britain, France and Germany"). A conjunction
    /// or a comma must stand between two conjuncts: the parser also makes "conj" of a name
    /// run on after another ("Alfonsin at Buenos Aires' City Council hall").
    fn conjuncts(&self, ctx: &Ctx<'_>, i: usize) -> Vec<usize> {
        let marked = |c: usize, d: usize| {
            (c.min(d) + 1..c.max(d)).any(|k| {
                matches!(
                    ctx.lower(self.base + k).as_str(),
                    "," | ";" | "and" | "or" | "nor" | "&" | "-" | "–" | "but"
                )
            })
        };
        let mut out = vec![i];
        let mut k = 0;
        while k < out.len() && out.len() < 16 {
            let c = out[k];
            out.extend(self.dependents_with(c, "conj").filter(|&d| marked(c, d)));
            k += 1;
        }
        out
    }
}

impl RelationExtractor {
    /// Verbs of the lexicon and nouns of travel and talks, with their arguments from the parse.
    pub(super) fn clauses(&self, ctx: &Ctx<'_>, s: &Sentence, si: usize, found: &mut Found) {
        let Some(syn) = ctx
            .input
            .syntax
            .get(si)
            .filter(|x| x.is_parsed() && x.heads.len() == s.tokens.len())
        else {
            return;
        };
        if crate::nlp::sentence::is_headline(s.tokens.clone().map(|k| ctx.word(k))) {
            return;
        }
        let p = Parsed::new(syn, s.tokens.start, si);
        for i in 0..syn.heads.len() {
            let v = p.base + i;
            if ctx.at_token.contains_key(&v) {
                self.contained_in(ctx, &p, i, found);
                continue;
            }
            // "excluding EDS", "including Japan", "following talks": participles used as
            // prepositions act on nothing.
            if DEVERBAL_PREPOSITIONS.contains(&ctx.lower(v).as_str()) {
                continue;
            }
            match syn.upos.get(i) {
                Some(Upos::Verb) => {
                    self.based_in(ctx, &p, i, found);
                    self.presence_abroad(ctx, &p, i, found);
                    if !self.adjective_clause(ctx, s, &p, i, found) {
                        self.verb_clause(ctx, s, &p, i, found);
                        self.against_clause(ctx, s, &p, i, found);
                    }
                    self.reported_speech(ctx, s, &p, i, found);
                }
                Some(Upos::Adj) => {
                    self.presence_abroad(ctx, &p, i, found);
                    self.adjective_clause(ctx, s, &p, i, found);
                }
                Some(Upos::Noun | Upos::Propn) if !self.adjective_clause(ctx, s, &p, i, found) => {
                    self.journey_or_talks(ctx, s, &p, i, found);
                    self.act_noun(ctx, s, &p, i, found);
                    self.government_of(ctx, &p, i, found);
                    self.role_as(ctx, &p, i, found);
                }
                _ => {}
            }
        }
    }

    /// For the window rules: true when the parse says the act at token `v` of sentence `si`
    /// did not happen ("refused to meet", "did not visit").
    pub(super) fn parse_denies(&self, ctx: &Ctx<'_>, si: usize, v: usize) -> bool {
        let (Some(s), Some(syn)) = (ctx.input.sentences.get(si), ctx.input.syntax.get(si)) else {
            return false;
        };
        if !syn.is_parsed() || syn.heads.len() != s.tokens.len() || !s.tokens.contains(&v) {
            return false;
        }
        let p = Parsed::new(syn, s.tokens.start, si);
        self.did_not_happen(ctx, &p, v - s.tokens.start)
    }

    fn verb_clause(
        &self,
        ctx: &Ctx<'_>,
        s: &Sentence,
        p: &Parsed<'_>,
        i: usize,
        found: &mut Found,
    ) {
        let v = p.base + i;
        let lower = ctx.lower(v);
        let known = |l: &str| self.verbs.knows(l);
        let lemma = match self.verbs.lemma_of_form(&lower) {
            Some(l) => l.to_string(),
            None => verb_lemma(&lower, &known),
        };
        // A particle makes the predicate ("call off", "back down").
        let particle = p
            .dependents_with(i, "compound:prt")
            .next()
            .map(|c| ctx.lower(p.base + c));
        let lemma_used = match particle {
            Some(prt)
                if self
                    .verbs
                    .senses(&format!("{lemma} {prt}"))
                    .next()
                    .is_some() =>
            {
                format!("{lemma} {prt}")
            }
            _ => lemma,
        };
        if self.verbs.senses(&lemma_used).next().is_none() || self.did_not_happen(ctx, p, i) {
            return;
        }
        let hedge = self.hedge(ctx, s, p, i);
        let passive = p.dependents_with(i, "nsubj:pass").next().is_some()
            || p.dependents_with(i, "aux:pass").next().is_some();
        let subjects = if passive {
            self.agents(ctx, p, i)
        } else {
            self.subjects(ctx, p, i, 0)
        };
        if subjects.is_empty() {
            return;
        }
        // "Airbus and Boeing accuse each other": a reciprocal object relates the subjects
        // both ways (the parser reads "each other" in many ways, so the words decide).
        let reciprocal = !passive
            && subjects.len() >= 2
            && matches!(
                (ctx.lower(v + 1).as_str(), ctx.lower(v + 2).as_str()),
                ("each", "other") | ("one", "another")
            );
        if reciprocal {
            if let Some(sense) = self.verbs.senses(&lemma_used).find(|x| x.prep.is_none()) {
                for a in &subjects {
                    for b in subjects.iter().filter(|b| b.entity != a.entity) {
                        let confidence = sense.confidence
                            * hedge
                            * a.weight
                            * b.weight
                            * confidence::PARSE_FACTOR;
                        if self.fits(sense.label, a, b) && confidence >= confidence::PARSE_MIN {
                            found.push(Finding {
                                cameo: Some(sense.cameo.clone()),
                                ..Finding::new(
                                    a.entity,
                                    sense.label,
                                    b.entity,
                                    lemma_used.clone(),
                                    confidence,
                                    "parse-verb-reciprocal",
                                )
                            });
                        }
                    }
                }
            }
            return;
        }
        for sense in self.verbs.senses(&lemma_used) {
            let about = ABOUT_LABELS.contains(&sense.label);
            let objects: Vec<Arg> = if passive {
                // "The accord was signed by Kenya and Tanzania": the agents did it together,
                // whatever preposition the active verb takes.
                if sense.prep.is_some() && !(sense.label.is_symmetric() && subjects.len() >= 2) {
                    continue;
                }
                p.dependents_with(i, "nsubj:pass")
                    .flat_map(|o| self.nominal_args(ctx, p, o, about))
                    .collect()
            } else {
                match &sense.prep {
                    None => p
                        .dependents_with(i, "obj")
                        .chain(p.dependents_with(i, "iobj"))
                        .filter_map(|o| p.object_before_clause(ctx, i, o))
                        .flat_map(|o| self.nominal_args(ctx, p, o, about))
                        .collect(),
                    Some(prep) => p
                        .children(i)
                        .filter(|&o| matches!(p.deprel(o), "obl" | "nmod" | "obl:tmod"))
                        .filter(|&o| p.case_of(ctx, o).as_deref() == Some(prep.as_str()))
                        .flat_map(|o| self.nominal_args(ctx, p, o, about))
                        .collect(),
                }
            };
            let mut any = false;
            for subj in &subjects {
                for obj in &objects {
                    let confidence = sense.confidence
                        * hedge
                        * subj.weight
                        * obj.weight
                        * confidence::PARSE_FACTOR;
                    if !self.fits(sense.label, subj, obj) || confidence < confidence::PARSE_MIN {
                        continue;
                    }
                    found.push(Finding {
                        cameo: Some(sense.cameo.clone()),
                        ..Finding::new(
                            subj.entity,
                            sense.label,
                            obj.entity,
                            lemma_used.clone(),
                            confidence,
                            "parse-verb",
                        )
                    });
                    any = true;
                }
            }
            if any {
                break;
            }
            // "Britain and France agreed": a symmetric act among coordinated subjects.
            if sense.label.is_symmetric() && objects.is_empty() && subjects.len() >= 2 {
                let conf = sense.confidence
                    * hedge
                    * confidence::PARSE_SYMMETRIC
                    * confidence::PARSE_FACTOR;
                any |= self.among(
                    &subjects,
                    sense.label,
                    &lemma_used,
                    |_, _| conf,
                    "parse-verb-symmetric",
                    found,
                );
                if any {
                    break;
                }
            }
        }
    }

    /// A copular predicate from `predicate_adjectives.tsv`: "the group is opposed to any
    /// takeover by Glazer", "she was critical of the Chinese government", "has long been in
    /// favour of ID cards". The word heads its clause (a `cop` child, or "be" as the passive
    /// auxiliary of a participle); the object is the oblique with the table's preposition.
    /// Returns true when the word is such a predicate, found or not.
    fn adjective_clause(
        &self,
        ctx: &Ctx<'_>,
        s: &Sentence,
        p: &Parsed<'_>,
        i: usize,
        found: &mut Found,
    ) -> bool {
        let adjectives = VerbLexicon::predicate_adjectives();
        let word = ctx.lower(p.base + i);
        // "in favour of": the preposition before the noun is part of the predicate.
        let lemma = match p.case_of(ctx, i) {
            Some(case) if p.syn.upos.get(i) == Some(&Upos::Noun) => format!("{case} {word}"),
            _ => word,
        };
        if adjectives.senses(&lemma).next().is_none() {
            return false;
        }
        let copular = p.dependents_with(i, "cop").next().is_some()
            || p.dependents_with(i, "aux:pass").next().is_some()
            || p.deprel(i) == "xcomp";
        if !copular || self.did_not_happen(ctx, p, i) {
            return copular;
        }
        let subjects = self.subjects(ctx, p, i, 0);
        let hedge = self.hedge(ctx, s, p, i);
        for sense in adjectives.senses(&lemma) {
            let objects: Vec<Arg> = p
                .children(i)
                .filter(|&o| matches!(p.deprel(o), "obl" | "nmod"))
                .filter(|&o| p.case_of(ctx, o).as_deref() == sense.prep.as_deref())
                .flat_map(|o| self.nominal_args(ctx, p, o, true))
                .collect();
            for subj in &subjects {
                for obj in &objects {
                    let confidence = sense.confidence
                        * hedge
                        * subj.weight
                        * obj.weight
                        * confidence::PARSE_FACTOR;
                    if self.fits(sense.label, subj, obj) && confidence >= confidence::PARSE_MIN {
                        found.push(Finding::new(
                            subj.entity,
                            sense.label,
                            obj.entity,
                            lemma.clone(),
                            confidence,
                            "parse-adjective",
                        ));
                    }
                }
            }
        }
        true
    }

    /// "Lyng said in Tokyo", "Bush is due in Paris next week": a person whose country the
    /// text or the knowledge base gives, acting or being in another country, visited it (the
    /// place as named: a city stays a city). The country must be known on both sides, so that
    /// "Blair said in London" relates nothing.
    fn presence_abroad(&self, ctx: &Ctx<'_>, p: &Parsed<'_>, i: usize, found: &mut Found) {
        let places: Vec<Arg> = p
            .children(i)
            .filter(|&o| p.deprel(o) == "obl" && p.case_of(ctx, o).as_deref() == Some("in"))
            .flat_map(|o| self.nominal_args(ctx, p, o, false))
            .filter(|a| matches!(a.kind, EntityType::Country | EntityType::Location))
            .collect();
        if places.is_empty() || self.did_not_happen(ctx, p, i) || self.hedged_clause(ctx, p, i) {
            return;
        }
        let ents = &ctx.input.resolution.entities;
        let country_key = |e: usize| -> Option<String> {
            let entity = ents.get(e)?;
            let entry = self.kb.entry(entity.kb_key.as_deref()?)?;
            match entity.kind {
                EntityType::Country => Some(entry.key.to_string()),
                _ => entry.country.as_deref().map(String::from),
            }
        };
        // Only a subject of this very clause: one carried over from a governing clause is
        // too often not where the act took place ("described as Putin's consent to restrain
        // Iran in Syria").
        let own = p
            .dependents_with(i, "nsubj")
            .flat_map(|n| self.nominal_args(ctx, p, n, false));
        for subj in own {
            if subj.kind != EntityType::Person {
                continue;
            }
            let Some(home) = self.home_country_key(ctx, subj.entity) else {
                continue;
            };
            for place in &places {
                if country_key(place.entity)
                    .is_some_and(|there| !self.kb.may_share_territory(&there, &home))
                {
                    found.push(Finding::new(
                        subj.entity,
                        RelationLabel::Visited,
                        place.entity,
                        format!("{} in", ctx.lower(p.base + i)),
                        confidence::ABROAD * subj.weight,
                        "parse-abroad",
                    ));
                }
            }
        }
    }

    /// "Saddam Hussein's regime in Iraq", "the Reagan administration", "the Iraqi
    /// government of Saddam Hussein": whoever a government is named after leads its country
    /// (named beside it, else the knowledge base's, when the document names that country).
    fn government_of(&self, ctx: &Ctx<'_>, p: &Parsed<'_>, i: usize, found: &mut Found) {
        let w = ctx.lower(p.base + i);
        if !cues::has(Cue::GovernmentNoun, w.as_str()) {
            return;
        }
        let mut leaders = Vec::new();
        let mut countries = Vec::new();
        for d in p.children(i) {
            let Some(m) = p.mention(ctx, d) else { continue };
            let mention = ctx.mention(m);
            let of_phrase = matches!(p.case_of(ctx, d).as_deref(), Some("of" | "in"));
            match (mention.kind, p.deprel(d)) {
                (EntityType::Person, "nmod:poss" | "compound") => leaders.push(m),
                (EntityType::Person, "nmod") if p.case_of(ctx, d).as_deref() == Some("of") => {
                    leaders.push(m)
                }
                (EntityType::Country, "amod" | "compound" | "nmod:poss") => countries.push(m),
                (EntityType::Country, "nmod") if of_phrase => countries.push(m),
                _ => {}
            }
        }
        for &l in &leaders {
            let person = ctx.entity_index(l);
            let country = match countries.first() {
                Some(&c) => Some(ctx.entity_index(c)),
                None => self.kb_government(ctx, person).map(|a| a.entity),
            };
            if let Some(c) = country {
                found.push(Finding::new(
                    person,
                    RelationLabel::LeaderOf,
                    c,
                    w.clone(),
                    confidence::GOVERNMENT_OF,
                    "parse-government-of",
                ));
            }
        }
    }

    /// "as he begins his second term as US President", "Kato, who served as agriculture
    /// minister": a title introduced by "as" is a role of the clause's subject (or of whoever
    /// holds the term or post it qualifies), of the country or body that modifies it.
    fn role_as(&self, ctx: &Ctx<'_>, p: &Parsed<'_>, i: usize, found: &mut Found) {
        if p.case_of(ctx, i).as_deref() != Some("as") || !matches!(p.deprel(i), "obl" | "nmod") {
            return;
        }
        let Some(h) = p.syn.head(i) else { return };
        // The title phrase: the head with the title words before it.
        let mut first = i;
        while first > h.min(i) + 1
            && self.lex.is_title_word(ctx.word(p.base + first - 1))
            && !ctx.at_token.contains_key(&(p.base + first - 1))
        {
            first -= 1;
        }
        let phrase = (first..=i)
            .map(|k| ctx.word(p.base + k))
            .collect::<Vec<_>>()
            .join(" ");
        let Some((TitleRole::Relation(label), _)) = self.lex.title_role(&phrase) else {
            return;
        };
        if !self.lex.is_title_head(ctx.word(p.base + i)) {
            return;
        }
        // The holder is the clause's own subject ("he began his term as President"), or the
        // object of a verb that gives the post ("appointed Smith as chairman"); a subject
        // carried over from another clause too often holds nothing ("X said he wants Blair
        // to be replaced as leader").
        let holders: Vec<Arg> = match p.syn.upos.get(h) {
            Some(Upos::Verb) => {
                let lemma = verb_lemma(&ctx.lower(p.base + h), &|l| self.verbs.knows(l));
                let passive = p.dependents_with(h, "aux:pass").next().is_some();
                let holder = if cues::has(Cue::AppointingVerb, &lemma) && !passive {
                    // The parser sometimes takes the appointee for a complement.
                    p.dependents_with(h, "obj")
                        .chain(p.dependents_with(h, "xcomp"))
                        .next()
                } else {
                    p.dependents_with(h, "nsubj").next()
                };
                holder
                    .map(|n| self.nominal_args(ctx, p, n, false))
                    .unwrap_or_default()
            }
            Some(Upos::Noun) => p
                .dependents_with(h, "nmod:poss")
                .flat_map(|d| self.nominal_args(ctx, p, d, false))
                .collect(),
            _ => Vec::new(),
        };
        let bodies: Vec<Arg> = p
            .children(i)
            .filter(|&d| {
                matches!(p.deprel(d), "amod" | "compound" | "nmod:poss")
                    || p.deprel(d) == "nmod" && p.case_of(ctx, d).as_deref() == Some("of")
            })
            .flat_map(|d| self.nominal_args(ctx, p, d, false))
            .filter(|a| matches!(a.kind, EntityType::Country | EntityType::Organization))
            .collect();
        for holder in holders.iter().filter(|a| a.kind == EntityType::Person) {
            for body in &bodies {
                found.push(Finding::new(
                    holder.entity,
                    label,
                    body.entity,
                    phrase.to_lowercase(),
                    confidence::ROLE_AS * holder.weight,
                    "parse-role-as",
                ));
            }
        }
    }

    /// "stood against Labour MP Oona King", "voted against the government", "campaigned
    /// against Brussels": a verb whose oblique is introduced by "against" opposes it, unless
    /// the hand-written lexicon reads the verb some other way ("warn against", "fight against")
    /// or the verb is one of markets and protection ("rose against the dollar").
    fn against_clause(
        &self,
        ctx: &Ctx<'_>,
        s: &Sentence,
        p: &Parsed<'_>,
        i: usize,
        found: &mut Found,
    ) {
        const NOT_OPPOSING: &[&str] = &[
            "rise",
            "fall",
            "gain",
            "lose",
            "climb",
            "drop",
            "slip",
            "ease",
            "firm",
            "edge",
            "trade",
            "weaken",
            "strengthen",
            "protect",
            "guard",
            "insure",
            "hedge",
            "defend",
            "advise",
            "caution",
            "warn",
            "compete",
            "play",
            "race",
            "lean",
            "win",
            "vaccinate",
            "discriminate",
            "appeal",
            "balance",
            "offset",
            "measure",
            "set",
            "weigh",
            "stack",
        ];
        let lower = ctx.lower(p.base + i);
        let known = |l: &str| self.verbs.knows(l);
        let lemma = match self.verbs.lemma_of_form(&lower) {
            Some(l) => l.to_string(),
            None => verb_lemma(&lower, &known),
        };
        // A verb English has no common word for keeps its stem ("discriminat").
        let listed = |l: &str| l == lemma || l.strip_suffix('e') == Some(lemma.as_str());
        if NOT_OPPOSING.iter().any(|l| listed(l))
            || self.verbs.senses(&lemma).any(|sense| !sense.derived)
            || self.did_not_happen(ctx, p, i)
        {
            return;
        }
        let objects: Vec<Arg> = p
            .children(i)
            .filter(|&o| p.deprel(o) == "obl" && p.case_of(ctx, o).as_deref() == Some("against"))
            .flat_map(|o| self.nominal_args(ctx, p, o, false))
            .collect();
        if objects.is_empty() {
            return;
        }
        let hedge = self.hedge(ctx, s, p, i);
        for subj in &self.subjects(ctx, p, i, 0) {
            for obj in &objects {
                let confidence = confidence::AGAINST * hedge * subj.weight * obj.weight;
                if self.fits(RelationLabel::Opposed, subj, obj)
                    && confidence >= confidence::PARSE_MIN
                {
                    found.push(Finding::new(
                        subj.entity,
                        RelationLabel::Opposed,
                        obj.entity,
                        format!("{lemma} against"),
                        confidence,
                        "parse-against",
                    ));
                }
            }
        }
    }

    /// "Mann said Mr Lynch's job would not be easy": the speaker states something about the
    /// parties of the reported clause (its subject, objects and obliques, or whoever they
    /// belong to); the tone of the sentence makes it criticism or support.
    fn reported_speech(
        &self,
        ctx: &Ctx<'_>,
        s: &Sentence,
        p: &Parsed<'_>,
        i: usize,
        found: &mut Found,
    ) {
        let Some(lemma) = self.report_lemma(ctx, p.base + i) else {
            return;
        };
        if self.did_not_happen(ctx, p, i) {
            return;
        }
        let speakers: Vec<Arg> = self
            .subjects(ctx, p, i, 0)
            .into_iter()
            .filter(|a| matches!(a.kind, EntityType::Person | EntityType::Organization))
            .collect();
        if speakers.is_empty() {
            return;
        }
        let (label, conf) = super::tone(ctx, s);
        let mut about: Vec<Arg> = Vec::new();
        for c in p.dependents_with(i, "ccomp") {
            for d in p.children(c) {
                if matches!(
                    p.syn.deprel(d).map(|x| x.universal()),
                    Some("nsubj" | "obj" | "iobj" | "obl")
                ) {
                    // A statement is about the parties named in it, not about whoever owns
                    // a thing it mentions ("the strength of the US economy").
                    for a in self
                        .nominal_args(ctx, p, d, true)
                        .into_iter()
                        .filter(|a| a.weight > confidence::NESTED_MODIFIER_WEIGHT)
                    {
                        if !about.iter().any(|x| x.entity == a.entity) {
                            about.push(a);
                        }
                    }
                }
            }
        }
        for speaker in &speakers {
            for obj in &about {
                // An official speaking of their own country or body relates two parties no
                // more than a speech does.
                let own = ctx
                    .roles
                    .iter()
                    .any(|r| r.person == speaker.entity && r.affiliation == Some(obj.entity))
                    || self.country_of(ctx, speaker.entity) == Some(obj.entity);
                // A neutral statement is about people and countries: "said the White House
                // had agreed" relates the speaker to a body no more than a quote does.
                let neutral_about_body =
                    label == RelationLabel::Stated && obj.kind == EntityType::Organization;
                if own || neutral_about_body || !self.fits(label, speaker, obj) {
                    continue;
                }
                found.push(Finding::new(
                    speaker.entity,
                    label,
                    obj.entity,
                    lemma.clone(),
                    conf * speaker.weight * obj.weight,
                    "parse-speech",
                ));
            }
        }
        self.conditional_warning(ctx, p, i, &speakers, label, found);
    }

    /// "Yeutter said that if the EC's Council approves a tax, a trade row will erupt": a
    /// consequence foretold for what another party might do warns that party. The parser
    /// often makes the two clauses sisters under the verb of saying, with "if" on the
    /// subject: both readings count.
    fn conditional_warning(
        &self,
        ctx: &Ctx<'_>,
        p: &Parsed<'_>,
        i: usize,
        speakers: &[Arg],
        label: RelationLabel,
        found: &mut Found,
    ) {
        let reported: Vec<usize> = p
            .dependents_with(i, "ccomp")
            .flat_map(|c| std::iter::once(c).chain(p.dependents_with(c, "advcl")))
            .collect();
        let conditional = |c: usize| {
            std::iter::once(c)
                .chain(p.dependents_with(c, "nsubj"))
                .flat_map(|x| p.dependents_with(x, "mark"))
                .any(|m| matches!(ctx.lower(p.base + m).as_str(), "if" | "unless"))
        };
        // A good consequence ("a huge boost to the party if Mr Hague returned") is no warning.
        let foretold = label != RelationLabel::Supported
            && reported.iter().any(|&c| {
                !conditional(c)
                    && p.dependents_with(c, "aux")
                        .any(|a| matches!(ctx.lower(p.base + a).as_str(), "will" | "would"))
            });
        let warned: Vec<Arg> = reported
            .iter()
            .filter(|&&c| foretold && conditional(c))
            .flat_map(|&c| {
                // "the European Community's Council of Ministers": a body's owner is
                // the party warned.
                p.dependents_with(c, "nsubj")
                    .flat_map(|n| {
                        let owner: Vec<Arg> = p
                            .dependents_with(n, "nmod:poss")
                            .filter_map(|o| p.mention(ctx, o))
                            .filter(|&o| {
                                matches!(
                                    ctx.mention(o).kind,
                                    EntityType::Country | EntityType::Organization
                                )
                            })
                            .map(|o| self.arg(ctx, o, confidence::NAME_WEIGHT))
                            .collect();
                        if owner.is_empty() {
                            self.nominal_args(ctx, p, n, true)
                        } else {
                            owner
                        }
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        for speaker in speakers {
            for obj in &warned {
                if speaker.entity == obj.entity
                    || self.country_of(ctx, speaker.entity) == Some(obj.entity)
                    || !self.fits(RelationLabel::Warned, speaker, obj)
                {
                    continue;
                }
                found.push(Finding::new(
                    speaker.entity,
                    RelationLabel::Warned,
                    obj.entity,
                    "warn".into(),
                    confidence::CONDITIONAL_WARNING * speaker.weight * obj.weight,
                    "parse-conditional-warning",
                ));
            }
        }
    }

    /// What a modal or conditional clause keeps of a relation's confidence: the parse's
    /// reading ("if", a modal auxiliary, "wants to") or the window's.
    fn hedge(&self, ctx: &Ctx<'_>, s: &Sentence, p: &Parsed<'_>, i: usize) -> f32 {
        if self.hedged_clause(ctx, p, i) {
            confidence::HEDGE_FACTOR
        } else if self.future_clause(ctx, p, i) {
            // "The Nigerians will go on to Paris": news reports what is scheduled as it
            // reports what happened; a plan is a little less certain than a fact.
            confidence::FUTURE_FACTOR
        } else if hedged(ctx, s.tokens.start, p.base + i) {
            confidence::HEDGE_FACTOR
        } else {
            1.0
        }
    }

    /// True when the clause, or a clause it depends on (`clause_chain`), is in the future
    /// ("will visit", "will ask OPEC to raise ... to compensate").
    fn future_clause(&self, ctx: &Ctx<'_>, p: &Parsed<'_>, i: usize) -> bool {
        self.clause_chain(p, i).into_iter().any(|k| {
            p.dependents_with(k, "aux")
                .any(|a| matches!(ctx.lower(p.base + a).as_str(), "will" | "'ll"))
        })
    }

    /// True when the clause of `i` is negated ("did not meet", "never visited") or sits under
    /// a verb that says it did not happen ("refused to meet").
    fn did_not_happen(&self, ctx: &Ctx<'_>, p: &Parsed<'_>, i: usize) -> bool {
        let negated_here = |k: usize| {
            p.children(k)
                .any(|c| NEGATIONS.contains(&ctx.lower(p.base + c).as_str()))
        };
        if negated_here(i) {
            return true;
        }
        let mut k = i;
        for _ in 0..3 {
            if p.deprel(k) != "xcomp" {
                break;
            }
            let Some(h) = p.syn.head(k) else { break };
            let head_lemma = verb_lemma(&ctx.lower(p.base + h), &|l| self.verbs.knows(l));
            if cues::has(Cue::NegatingGovernor, &head_lemma) || negated_here(h) {
                return true;
            }
            k = h;
        }
        false
    }

    /// The clause of token `i` and those it depends on, up to four levels, as modality
    /// carries over: through `xcomp`, `conj`, `advcl` and `ccomp`.
    fn clause_chain(&self, p: &Parsed<'_>, i: usize) -> Vec<usize> {
        let mut chain = vec![i];
        let mut k = i;
        while chain.len() < 4 && matches!(p.deprel(k), "xcomp" | "conj" | "advcl" | "ccomp") {
            let Some(h) = p.syn.head(k) else { break };
            chain.push(h);
            k = h;
        }
        chain
    }

    /// True when the clause is conditional or modal: "if" on it or on a clause above it, a
    /// modal auxiliary ("could visit"; not the future "will"), or a governor of intent
    /// ("wants to visit").
    fn hedged_clause(&self, ctx: &Ctx<'_>, p: &Parsed<'_>, i: usize) -> bool {
        let chain = self.clause_chain(p, i);
        chain.iter().enumerate().any(|(n, &k)| {
            let hedge = p.children(k).any(|c| {
                let w = ctx.lower(p.base + c);
                (p.deprel(c) == "mark" && matches!(w.as_str(), "if" | "unless" | "whether"))
                    || (p.deprel(c) == "aux"
                        && super::MODALS.contains(&w.as_str())
                        && !matches!(w.as_str(), "will" | "'ll"))
            });
            let intended = p.deprel(k) == "xcomp"
                && chain.get(n + 1).is_some_and(|&h| {
                    let governor = verb_lemma(&ctx.lower(p.base + h), &|l| self.verbs.knows(l));
                    cues::has(Cue::IntentGovernor, &governor)
                });
            hedge || intended
        })
    }

    /// The doers of verb `i`: its subjects, or, without one, those of the clause it depends
    /// on — coordinated verbs share a subject, `xcomp` is controlled by the object (or else the
    /// subject) of its governor, adverbial and purpose clauses take the main subject, and a
    /// relative clause's subject is the noun it modifies.
    fn subjects(&self, ctx: &Ctx<'_>, p: &Parsed<'_>, i: usize, depth: usize) -> Vec<Arg> {
        // "According to Mr Sands, Lord Goldsmith had warned": a phrase a preposition marks is
        // no subject, whatever the parser hung it by.
        let own: Vec<usize> = p
            .dependents_with(i, "nsubj")
            .filter(|&n| {
                !p.dependents_with(n, "case")
                    .any(|c| !ctx.is_possessive(p.base + c))
            })
            .collect();
        if let Some(&n) = own.first() {
            let w = ctx.lower(p.base + n);
            if matches!(w.as_str(), "who" | "which" | "that") {
                return match (p.deprel(i), p.syn.head(i)) {
                    ("acl:relcl", Some(h)) => self.nominal_args(ctx, p, h, false),
                    _ => Vec::new(),
                };
            }
            return own
                .into_iter()
                .flat_map(|n| self.nominal_args(ctx, p, n, false))
                .collect();
        }
        if depth >= 4 {
            return Vec::new();
        }
        let Some(h) = p.syn.head(i) else {
            return Vec::new();
        };
        match p.deprel(i) {
            // "quoted Lyng as telling Kato": an "as" clause is controlled by the object.
            "advcl"
                if !p
                    .dependents_with(i, "mark")
                    .any(|m| ctx.lower(p.base + m) == "as") =>
            {
                self.subjects(ctx, p, h, depth + 1)
            }
            "conj" => self.subjects(ctx, p, h, depth + 1),
            "xcomp" | "advcl" => {
                let controller: Vec<Arg> = p
                    .dependents_with(h, "obj")
                    .flat_map(|o| self.nominal_args(ctx, p, o, false))
                    .collect();
                if controller.is_empty() {
                    self.subjects(ctx, p, h, depth + 1)
                } else {
                    controller
                }
            }
            // "officials meeting in Paris": an active participle modifying its doer.
            "acl" if ctx.lower(p.base + i).ends_with("ing") => self.nominal_args(ctx, p, h, false),
            _ => Vec::new(),
        }
    }

    /// The agent of a passive verb ("was criticised by Moscow").
    fn agents(&self, ctx: &Ctx<'_>, p: &Parsed<'_>, i: usize) -> Vec<Arg> {
        p.children(i)
            .filter(|&o| {
                p.deprel(o) == "obl:agent"
                    || p.deprel(o) == "obl" && p.case_of(ctx, o).as_deref() == Some("by")
            })
            .flat_map(|o| self.nominal_args(ctx, p, o, false))
            .collect()
    }

    /// The entities a nominal at token `i` stands for, coordination distributed: a name, a
    /// pronoun's antecedent, a description ("the minister") resolved through the roles, the name
    /// in apposition to a title ("central bank president Francisco Gros"); with `about`, also a
    /// country or organisation modifying a common noun ("the Iranian nuclear programme").
    fn nominal_args(&self, ctx: &Ctx<'_>, p: &Parsed<'_>, i: usize, about: bool) -> Vec<Arg> {
        let mut out: Vec<Arg> = Vec::new();
        for c in p.conjuncts(ctx, i) {
            let found = match self.nominal_arg(ctx, p, c, about) {
                Some(a) => vec![a],
                None if matches!(ctx.lower(p.base + c).as_str(), "they" | "them") => {
                    self.plural_antecedent(ctx, p.si)
                }
                None => self.bodies_of_title(ctx, p, c),
            };
            for a in found {
                if !out.iter().any(|x| x.entity == a.entity) {
                    out.push(a);
                }
            }
        }
        out
    }

    /// "Funaro and Gros visited Washington. This week they have sought support in Bonn":
    /// "they" are the coordinated people who were the subject of one of the two sentences
    /// before. Nothing when no such pair stands there (a "they" of a company, of officials).
    fn plural_antecedent(&self, ctx: &Ctx<'_>, si: usize) -> Vec<Arg> {
        for prev in (si.saturating_sub(2)..si).rev() {
            let (Some(s), Some(syn)) = (ctx.input.sentences.get(prev), ctx.input.syntax.get(prev))
            else {
                continue;
            };
            if !syn.is_parsed() || syn.heads.len() != s.tokens.len() {
                continue;
            }
            let p = Parsed::new(syn, s.tokens.start, prev);
            let Some(root) = (0..syn.heads.len()).find(|&k| syn.heads[k].is_none()) else {
                continue;
            };
            let people: Vec<Arg> = p
                .dependents_with(root, "nsubj")
                .flat_map(|n| p.conjuncts(ctx, n))
                .filter_map(|c| self.nominal_arg(ctx, &p, c, false))
                .filter(|a| a.kind == EntityType::Person && a.role == MentionRole::Name)
                .collect();
            if people.len() >= 2 {
                return people
                    .into_iter()
                    .map(|mut a| {
                        a.weight = confidence::ANTECEDENT_WEIGHT;
                        a
                    })
                    .collect();
            }
        }
        Vec::new()
    }

    /// "The finance ministers of Japan, Canada and France met": unnamed holders of a plural
    /// title act for the countries or bodies their title is of; so do a body's unnamed
    /// spokesmen and officials ("a Labour Party spokesman", "US officials").
    fn bodies_of_title(&self, ctx: &Ctx<'_>, p: &Parsed<'_>, c: usize) -> Vec<Arg> {
        let w = ctx.lower(p.base + c);
        let singular = w.strip_suffix('s').unwrap_or(&w);
        // "A Labour Party spokesman criticised", "US officials said", "Japanese negotiators
        // rejected": those who speak or act only for a body or a country, unnamed, are it.
        if cues::has(Cue::AgentNoun, singular) {
            let bodies: Vec<Arg> = p
                .children(c)
                .filter(|&d| matches!(p.deprel(d), "compound" | "amod" | "nmod:poss"))
                .filter_map(|d| {
                    let m = ctx
                        .mention_at(p.base + d)
                        .filter(|&m| ctx.in_sentence(m, p.si))?;
                    let mention = ctx.mention(m);
                    let body = match mention.role {
                        MentionRole::Demonym => mention.kind == EntityType::Country,
                        MentionRole::Name => {
                            matches!(mention.kind, EntityType::Country | EntityType::Organization)
                        }
                    };
                    body.then(|| self.arg(ctx, m, confidence::TITLE_BODY_WEIGHT))
                        .map(|mut a| {
                            a.role = MentionRole::Name;
                            a
                        })
                })
                .collect();
            if !bodies.is_empty() {
                return bodies;
            }
        }
        if !w.ends_with('s') || !self.lex.is_title_head(singular) {
            return Vec::new();
        }
        p.dependents_with(c, "nmod")
            .filter(|&o| p.case_of(ctx, o).as_deref() == Some("of"))
            .flat_map(|o| p.conjuncts(ctx, o))
            .filter_map(|o| {
                let m = ctx
                    .mention_at(p.base + o)
                    .filter(|&m| ctx.in_sentence(m, p.si))?;
                let mention = ctx.mention(m);
                (mention.role == MentionRole::Name
                    && matches!(mention.kind, EntityType::Country | EntityType::Organization))
                .then(|| self.arg(ctx, m, confidence::TITLE_BODY_WEIGHT))
            })
            .collect()
    }

    fn nominal_arg(&self, ctx: &Ctx<'_>, p: &Parsed<'_>, c: usize, about: bool) -> Option<Arg> {
        let t = p.base + c;
        if let Some(m) = ctx.mention_at(t).filter(|&m| ctx.in_sentence(m, p.si)) {
            let mention = ctx.mention(m);
            let mut arg = self.arg(ctx, m, confidence::NAME_WEIGHT);
            if mention.role == MentionRole::Demonym {
                // "the Nigerians will go on to Paris": a demonym heading its phrase is the
                // country's people, standing for it; "two Britons", "many Americans" are
                // people, not the country.
                let counted = p.children(c).any(|d| {
                    p.deprel(d) == "nummod"
                        || (p.deprel(d) == "det"
                            && !matches!(ctx.lower(p.base + d).as_str(), "the"))
                        || (p.deprel(d) == "amod"
                            && matches!(
                                ctx.lower(p.base + d).as_str(),
                                "many" | "few" | "several" | "most" | "some"
                            ))
                });
                if mention.kind != EntityType::Country || counted {
                    return None;
                }
                arg.role = MentionRole::Name;
                arg.weight = confidence::DEMONYM_WEIGHT;
            }
            return Some(arg);
        }
        let w = ctx.lower(t);
        if matches!(w.as_str(), "he" | "she" | "him" | "her" | "his") {
            return self.antecedent(ctx, t);
        }
        // A title heading the phrase, the name beside it: "president Francisco Gros", "the
        // company, Exxon". Not any noun: the parser also hangs a name on the noun before it
        // ("due to last week's earthquake, deputy Energy Minister X said").
        let names_a_holder = || {
            let singular = w.strip_suffix('s').unwrap_or(&w);
            self.lex.is_title_head(&w)
                || self.lex.is_title_head(singular)
                || super::modifiers::is_org_kind(self.lex, singular)
                || cues::has(Cue::BodyNoun, singular)
                || self.lex.is_org_head(ctx.word(t))
                || p.syn.upos.get(c) == Some(&Upos::Propn)
        };
        let named = p.children(c).find_map(|d| {
            // An apposition after a comma names what that noun is, only if it can be a holder.
            if (c + 1..d).any(|k| matches!(ctx.word(p.base + k), "," | "(" | "-" | "–"))
                && !names_a_holder()
            {
                return None;
            }
            // A name before the title is its affiliation ("Khamenei adviser", "NAO head").
            if !matches!(p.deprel(d), "appos" | "flat" | "compound") || d < c {
                return None;
            }
            let m = ctx
                .mention_at(p.base + d)
                .filter(|&m| ctx.in_sentence(m, p.si))?;
            let mention = ctx.mention(m);
            (mention.role == MentionRole::Name
                && matches!(mention.kind, EntityType::Person | EntityType::Organization))
            .then(|| self.arg(ctx, m, confidence::NAME_WEIGHT))
        });
        if named.is_some() {
            return named;
        }
        if self.lex.is_title_head(&w) && !matches!(w.as_str(), "mr" | "mrs" | "ms" | "dr") {
            let s = &ctx.input.sentences[p.si];
            if let Some((arg, _, _)) = self.description(ctx, s, t) {
                return Some(arg);
            }
        }
        // "the Japanese government", "the Reagan administration"'s country: a government
        // noun with a country (or its demonym) before it acts for that country.
        if cues::has(Cue::GovernmentNoun, &w) {
            let country = p.children(c).find_map(|d| {
                if !matches!(p.deprel(d), "amod" | "compound" | "nmod:poss") {
                    return None;
                }
                let m = p.mention(ctx, d)?;
                (ctx.mention(m).kind == EntityType::Country)
                    .then(|| self.arg(ctx, m, confidence::DEMONYM_WEIGHT))
            });
            if let Some(mut arg) = country {
                arg.role = MentionRole::Name;
                return Some(arg);
            }
        }
        if about && p.syn.upos.get(c) == Some(&Upos::Noun) {
            return p.children(c).find_map(|d| {
                // Whose the thing is or who does it: "Glazer's bid", "any takeover by Glazer"
                // name a person too; a demonym or a compound only a country or a body.
                let doer = match p.deprel(d) {
                    "nmod:poss" => true,
                    "nmod" => matches!(p.case_of(ctx, d).as_deref(), Some("by" | "of" | "from")),
                    "amod" | "compound" => false,
                    _ => return None,
                };
                // "an overhaul of the EC financing system": the thing's own modifier, one
                // level down, when the thing is no name.
                let direct = p.mention(ctx, d);
                let nested = direct.is_none();
                let m = direct.or_else(|| {
                    (doer && p.syn.upos.get(d) == Some(&Upos::Noun))
                        .then(|| {
                            p.children(d)
                                .filter(|&g| {
                                    matches!(p.deprel(g), "compound" | "nmod:poss" | "amod")
                                })
                                .find_map(|g| p.mention(ctx, g))
                        })
                        .flatten()
                        .filter(|&g| {
                            matches!(
                                ctx.mention(g).kind,
                                EntityType::Country | EntityType::Organization
                            )
                        })
                })?;
                let mention = ctx.mention(m);
                let kinds_ok =
                    matches!(mention.kind, EntityType::Country | EntityType::Organization)
                        || (doer
                            && mention.kind == EntityType::Person
                            && mention.role == MentionRole::Name);
                if !kinds_ok {
                    return None;
                }
                let weight = if nested {
                    confidence::NESTED_MODIFIER_WEIGHT
                } else {
                    confidence::MODIFIER_WEIGHT
                };
                let mut arg = self.arg(ctx, m, weight);
                arg.role = MentionRole::Name;
                Some(arg)
            });
        }
        None
    }

    /// "Motorola, based in Schaumburg", "the Buccaneers football team based in Florida",
    /// "a plant located in Ohio", "HSBC, which is based in London": the body or place a participle of location modifies is in
    /// the place of its "in" oblique.
    fn based_in(&self, ctx: &Ctx<'_>, p: &Parsed<'_>, i: usize, found: &mut Found) {
        let w = ctx.lower(p.base + i);
        if !matches!(
            w.as_str(),
            "based" | "headquartered" | "located" | "situated"
        ) {
            return;
        }
        let Some(h) = p.syn.head(i) else { return };
        let holder = match p.deprel(i) {
            // The modified phrase: a name, or a common noun with a body's name in it.
            "acl" => p.mention(ctx, h).or_else(|| {
                p.children(h)
                    .filter(|&d| matches!(p.deprel(d), "compound" | "flat" | "appos"))
                    .find_map(|d| p.mention(ctx, d))
            }),
            // "HSBC, which is based in London": a relative clause on the name.
            "acl:relcl"
                if p.children(i)
                    .filter(|&d| p.deprel(d).starts_with("nsubj"))
                    .any(|d| matches!(ctx.lower(p.base + d).as_str(), "which" | "that")) =>
            {
                p.mention(ctx, h)
            }
            // "Motorola, based in Schaumburg, said": the parser's adverbial clause of the
            // subject.
            "advcl" if p.dependents_with(i, "nsubj").next().is_none() => p
                .dependents_with(h, "nsubj")
                .find_map(|n| p.mention(ctx, n)),
            _ => None,
        };
        let Some(holder) = holder.filter(|&m| {
            matches!(
                ctx.mention(m).kind,
                EntityType::Organization | EntityType::Location
            ) && ctx.mention(m).role == MentionRole::Name
        }) else {
            return;
        };
        let places: Vec<Arg> = p
            .children(i)
            .filter(|&o| p.deprel(o) == "obl" && p.case_of(ctx, o).as_deref() == Some("in"))
            .flat_map(|o| self.nominal_args(ctx, p, o, false))
            .filter(|a| matches!(a.kind, EntityType::Location | EntityType::Country))
            .collect();
        let holder = self.arg(ctx, holder, confidence::NAME_WEIGHT);
        for place in places.iter().take(1) {
            if place.entity != holder.entity {
                found.push(Finding::new(
                    holder.entity,
                    RelationLabel::LocatedIn,
                    place.entity,
                    format!("{w} in"),
                    confidence::LOCATED_BASED,
                    "parse-based",
                ));
            }
        }
    }

    /// "The Millennium Dome in Greenwich": a named place with an "in" modifier naming another
    /// place is in it; "the Center for Corporate Governance at the University of Delaware": a
    /// body "at" another is part of it.
    fn contained_in(&self, ctx: &Ctx<'_>, p: &Parsed<'_>, i: usize, found: &mut Found) {
        let Some(m) = p.mention(ctx, i) else { return };
        let here = ctx.mention(m);
        if here.kind == EntityType::Organization && here.role == MentionRole::Name {
            for o in p.dependents_with(i, "nmod") {
                if p.case_of(ctx, o).as_deref() != Some("at") {
                    continue;
                }
                let Some(om) = p.mention(ctx, o) else {
                    continue;
                };
                let there = ctx.mention(om);
                if there.kind == EntityType::Organization
                    && there.role == MentionRole::Name
                    && ctx.entity_index(om) != ctx.entity_index(m)
                {
                    found.push(Finding::new(
                        ctx.entity_index(m),
                        RelationLabel::MemberOf,
                        ctx.entity_index(om),
                        "be at".into(),
                        confidence::BODY_AT_BODY,
                        "parse-body-at",
                    ));
                }
            }
            // "an analyst at Troika Dialog in Moscow": a body someone is at, "in" a place, is
            // there (not "sales in Africa" or "invest in Rover", where the body is no head).
            if p.case_of(ctx, i).as_deref() == Some("at") {
                for o in p.dependents_with(i, "nmod") {
                    if p.case_of(ctx, o).as_deref() != Some("in") {
                        continue;
                    }
                    let Some(om) = p.mention(ctx, o) else {
                        continue;
                    };
                    let there = ctx.mention(om);
                    if there.role == MentionRole::Name
                        && matches!(there.kind, EntityType::Location | EntityType::Country)
                        && !self.arg(ctx, om, 1.0).region
                    {
                        found.push(Finding::new(
                            ctx.entity_index(m),
                            RelationLabel::LocatedIn,
                            ctx.entity_index(om),
                            "be in".into(),
                            confidence::PLACE_IN_PLACE,
                            "parse-body-in",
                        ));
                    }
                }
            }
            return;
        }
        // A continent or region is in nothing; a name in a list ("Belle Vue in Manchester,
        // Perry Barr and Hall Green in Birmingham") is too often misread.
        if here.kind != EntityType::Location
            || here.role != MentionRole::Name
            || self.arg(ctx, m, 1.0).region
            || p.deprel(i) == "conj"
            || p.dependents_with(i, "conj").next().is_some()
        {
            return;
        }
        for o in p.dependents_with(i, "nmod") {
            if p.case_of(ctx, o).as_deref() != Some("in")
                || p.dependents_with(o, "conj").next().is_some()
            {
                continue;
            }
            let Some(om) = p.mention(ctx, o) else {
                continue;
            };
            let there = ctx.mention(om);
            if there.role == MentionRole::Name
                && matches!(there.kind, EntityType::Location | EntityType::Country)
                && ctx.entity_index(om) != ctx.entity_index(m)
            {
                found.push(Finding::new(
                    ctx.entity_index(m),
                    RelationLabel::LocatedIn,
                    ctx.entity_index(om),
                    "be in".into(),
                    confidence::PLACE_IN_PLACE,
                    "parse-place-in",
                ));
            }
        }
    }

    /// An act received: "Brazil won backing from the IMF", "Blair drew criticism from Labour
    /// MPs", "Japan faces pressure from the United States", "came under fire from": the doer
    /// after "from" does the act to the clause's subject. True when the noun was read so.
    fn act_received(
        &self,
        ctx: &Ctx<'_>,
        s: &Sentence,
        p: &Parsed<'_>,
        i: usize,
        found: &mut Found,
    ) -> bool {
        let Some(h) = p
            .syn
            .head(i)
            .filter(|&h| p.syn.upos.get(h) == Some(&Upos::Verb))
        else {
            return false;
        };
        let w = ctx.lower(p.base + i);
        let lemma = verb_lemma(&ctx.lower(p.base + h), &|l| self.verbs.knows(l));
        let label = match p.deprel(i) {
            "obj" if cues::has(Cue::ActNounReceiver, &lemma) => VerbLexicon::act_nouns()
                .senses(&w)
                .next()
                .map(|sense| sense.label),
            // "came under fire from", "came under attack from".
            "obl" if lemma == "come" && p.case_of(ctx, i).as_deref() == Some("under") => {
                match w.as_str() {
                    "fire" | "attack" | "criticism" => Some(RelationLabel::Criticized),
                    "pressure" => Some(RelationLabel::Demanded),
                    _ => None,
                }
            }
            _ => None,
        };
        let Some(label) = label else { return false };
        if self.hedged_clause(ctx, p, h) || self.did_not_happen(ctx, p, h) {
            return true;
        }
        let doers: Vec<Arg> = p
            .children(i)
            .chain(p.children(h))
            .filter(|&d| matches!(p.deprel(d), "nmod" | "obl"))
            .filter(|&d| p.case_of(ctx, d).as_deref() == Some("from"))
            .flat_map(|d| self.nominal_args(ctx, p, d, true))
            .collect();
        let hedge = self.hedge(ctx, s, p, i);
        for target in self.subjects(ctx, p, h, 0) {
            for who in &doers {
                if who.entity == target.entity || !self.fits(label, who, &target) {
                    continue;
                }
                found.push(Finding::new(
                    who.entity,
                    label,
                    target.entity,
                    format!("{w} from"),
                    confidence::ACT_RECEIVED * hedge * who.weight * target.weight,
                    "parse-act-received",
                ));
            }
        }
        true
    }

    /// An act named by a noun of `act_nouns.tsv`: "Kennedy's criticism of Brown", "US
    /// sanctions against Iran", "in a swipe at Mr Brown, Kennedy said". The doer is the noun's
    /// possessor or name modifier, else the subject of the clause the noun is an object or
    /// adverbial of ("voiced criticism of"); the target follows the table's preposition.
    fn act_noun(&self, ctx: &Ctx<'_>, s: &Sentence, p: &Parsed<'_>, i: usize, found: &mut Found) {
        let nouns = VerbLexicon::act_nouns();
        let w = ctx.lower(p.base + i);
        if negated(ctx, s.tokens.start, p.base + i) {
            return;
        }
        if self.act_received(ctx, s, p, i, found) || nouns.senses(&w).next().is_none() {
            return;
        }
        // "his attack on Labour": a possessive pronoun is its antecedent.
        let possessors: Vec<Arg> = p
            .dependents_with(i, "nmod:poss")
            .filter(|&d| p.mention(ctx, d).is_none())
            .flat_map(|d| self.nominal_args(ctx, p, d, false))
            .collect();
        let modifiers: Vec<Arg> = p
            .children(i)
            .filter(|&d| matches!(p.deprel(d), "nmod:poss" | "compound" | "amod"))
            .filter_map(|d| {
                let m = p.mention(ctx, d)?;
                let mention = ctx.mention(m);
                let mut arg = self.arg(ctx, m, confidence::MODIFIER_WEIGHT);
                if mention.role == MentionRole::Demonym {
                    if mention.kind != EntityType::Country {
                        return None;
                    }
                    arg.role = MentionRole::Name;
                }
                Some(arg)
            })
            .collect();
        // "a reception held for him by President Alfonsin": a participle on the noun may
        // carry the doer and the target.
        let participles: Vec<usize> = p
            .dependents_with(i, "acl")
            .filter(|&a| p.syn.upos.get(a) == Some(&Upos::Verb))
            .collect();
        let agents: Vec<Arg> = participles
            .iter()
            .flat_map(|&a| self.agents(ctx, p, a))
            .collect();
        let doers = if !modifiers.is_empty() {
            modifiers
        } else if !possessors.is_empty() {
            possessors
        } else if !agents.is_empty() {
            agents
        } else {
            // "launched an attack on", "in a swipe at Mr Brown, Kennedy said": the subject of
            // a verb that does the act, or of the clause the act is the setting of.
            let does_it = |h: usize| {
                let lemma = verb_lemma(&ctx.lower(p.base + h), &|l| self.verbs.knows(l));
                match p.deprel(i) {
                    "obj" => cues::has(Cue::ActNounVerb, &lemma),
                    "obl" => p.case_of(ctx, i).as_deref() == Some("in"),
                    _ => false,
                }
            };
            match p.syn.head(i) {
                Some(h)
                    if p.syn.upos.get(h) == Some(&Upos::Verb)
                        && does_it(h)
                        && !self.hedged_clause(ctx, p, h)
                        && !self.did_not_happen(ctx, p, h) =>
                {
                    self.subjects(ctx, p, h, 0)
                }
                _ => Vec::new(),
            }
        };
        if doers.is_empty() {
            return;
        }
        let hedge = self.hedge(ctx, s, p, i);
        for sense in nouns.senses(&w) {
            let targets: Vec<Arg> = p
                .children(i)
                .chain(participles.iter().flat_map(|&a| p.children(a)))
                .filter(|&d| matches!(p.deprel(d), "nmod" | "obl"))
                .filter(|&d| p.case_of(ctx, d).as_deref() == sense.prep.as_deref())
                .flat_map(|d| self.nominal_args(ctx, p, d, true))
                .collect();
            let mut any = false;
            for who in &doers {
                for target in &targets {
                    let conf = sense.confidence * hedge * who.weight * target.weight;
                    // "launched an attack on the cost of Britain's asylum system": an attack
                    // on something of a country's is made in words.
                    let label = if sense.label == RelationLabel::Attacked
                        && target.weight <= confidence::NESTED_MODIFIER_WEIGHT
                    {
                        RelationLabel::Criticized
                    } else {
                        sense.label
                    };
                    if who.entity == target.entity || !self.fits(label, who, target) {
                        continue;
                    }
                    found.push(Finding::new(
                        who.entity,
                        label,
                        target.entity,
                        format!("{} {}", w, sense.prep.as_deref().unwrap_or("")),
                        conf,
                        "parse-act-noun",
                    ));
                    any = true;
                }
            }
            if any {
                break;
            }
        }
    }

    /// A symmetric act among each two of `parties` ("Britain and France agreed", "talks
    /// between Kohl and Mitterrand"), with the confidence `conf` gives the pair; true when
    /// one was found.
    fn among(
        &self,
        parties: &[Arg],
        label: RelationLabel,
        predicate: &str,
        conf: impl Fn(&Arg, &Arg) -> f32,
        rule: &'static str,
        found: &mut Found,
    ) -> bool {
        let mut any = false;
        for (k, a) in parties.iter().enumerate() {
            for b in &parties[k + 1..] {
                if a.entity != b.entity && self.fits(label, a, b) {
                    found.push(Finding::new(
                        a.entity,
                        label,
                        b.entity,
                        predicate.to_string(),
                        conf(a, b),
                        rule,
                    ));
                    any = true;
                }
            }
        }
        any
    }

    /// A place named by a modifier ("Latin American", "European", "Moscow"), as the place
    /// itself.
    fn place_modifier(&self, ctx: &Ctx<'_>, p: &Parsed<'_>, d: usize) -> Option<Arg> {
        let m = ctx
            .mention_at(p.base + d)
            .filter(|&m| ctx.in_sentence(m, p.si))?;
        let mention = ctx.mention(m);
        if !matches!(mention.kind, EntityType::Location | EntityType::Country) {
            return None;
        }
        let mut arg = self.arg(ctx, m, confidence::PLACE_MODIFIER_WEIGHT);
        arg.role = MentionRole::Name;
        Some(arg)
    }

    /// "Weizsaecker's visit to Argentina", "during a visit here", "In talks with Kato, Lyng
    /// asked": the traveller or the party to talks is the noun's possessor, else the doer of
    /// the clause the noun belongs to; where they went is its "to"/"in" complement or, for
    /// "here", the place of the wire's dateline.
    fn journey_or_talks(
        &self,
        ctx: &Ctx<'_>,
        s: &Sentence,
        p: &Parsed<'_>,
        i: usize,
        found: &mut Found,
    ) {
        let n = p.base + i;
        let w = ctx.lower(n);
        let travel = cues::has(Cue::TravelNoun, w.as_str());
        let agreement = cues::has(Cue::AgreementNoun, w.as_str());
        let talks = cues::has(Cue::TalkNoun, w.as_str()) || agreement;
        if !travel && !talks || negated(ctx, s.tokens.start, n) {
            return;
        }
        let (label, conf, predicate, rule) = if travel {
            (
                RelationLabel::Visited,
                confidence::PARSE_TRAVEL_NOUN,
                format!("{w} to"),
                "parse-travel-noun",
            )
        } else if agreement {
            (
                RelationLabel::Cooperated,
                confidence::PARSE_AGREEMENT_NOUN,
                format!("{w} with"),
                "parse-agreement-noun",
            )
        } else {
            (
                RelationLabel::Met,
                confidence::PARSE_TALKS_NOUN,
                format!("{w} with"),
                "parse-talks-noun",
            )
        };
        // "talks between Kohl and Mitterrand", "an agreement between Nigeria and the Paris
        // Club": the parties are named together.
        if talks {
            let parties: Vec<Arg> = p
                .children(i)
                .filter(|&d| {
                    p.deprel(d) == "nmod" && p.case_of(ctx, d).as_deref() == Some("between")
                })
                .flat_map(|d| self.nominal_args(ctx, p, d, false))
                .collect();
            self.among(
                &parties,
                label,
                &format!("{w} between"),
                |a, b| conf * a.weight * b.weight,
                rule,
                found,
            );
        }
        // "held talks on Sunday with Sarney", "paid a visit to Rome": with a light verb the
        // complement may hang on the verb.
        let light = (p.deprel(i) == "obj").then(|| p.syn.head(i)).flatten();
        let complements: Vec<usize> = p
            .children(i)
            .chain(light.into_iter().flat_map(|h| p.children(h)))
            .collect();
        let targets: Vec<Arg> = if travel {
            let mut t: Vec<Arg> = complements
                .iter()
                .copied()
                .filter(|&d| matches!(p.deprel(d), "nmod" | "obl"))
                .filter(|&d| {
                    matches!(
                        p.case_of(ctx, d).as_deref(),
                        Some("to" | "in" | "of" | "through")
                    )
                })
                .flat_map(|d| self.nominal_args(ctx, p, d, false))
                .filter(|a| matches!(a.kind, EntityType::Location | EntityType::Country))
                .collect();
            // "a Latin American tour", "a tour of European capitals", "a tour which includes
            // Bolivia": places modifying the journey or what it is of, and what it takes in.
            for d in p.children(i) {
                match p.deprel(d) {
                    "amod" | "compound" => t.extend(self.place_modifier(ctx, p, d)),
                    "nmod" if p.case_of(ctx, d).as_deref() == Some("of") => {
                        for g in p.children(d) {
                            if matches!(p.deprel(g), "amod" | "compound") {
                                t.extend(self.place_modifier(ctx, p, g));
                            }
                        }
                    }
                    "acl:relcl" => {
                        let lemma = verb_lemma(&ctx.lower(p.base + d), &|l| self.verbs.knows(l));
                        if matches!(lemma.as_str(), "include" | "take" | "cover") {
                            t.extend(
                                p.dependents_with(d, "obj")
                                    .flat_map(|o| self.nominal_args(ctx, p, o, false))
                                    .filter(|a| {
                                        matches!(a.kind, EntityType::Location | EntityType::Country)
                                    }),
                            );
                        }
                    }
                    _ => {}
                }
            }
            if t.is_empty()
                && p.children(i)
                    .any(|d| ctx.lower(p.base + d) == "here" && p.deprel(d) == "advmod")
            {
                t.extend(
                    ctx.dateline
                        .as_ref()
                        .and_then(|d| d.country)
                        .map(Arg::country),
                );
            }
            t
        } else {
            complements
                .iter()
                .copied()
                .filter(|&d| matches!(p.deprel(d), "nmod" | "obl"))
                .filter(|&d| p.case_of(ctx, d).as_deref() == Some("with"))
                .flat_map(|d| self.nominal_args(ctx, p, d, false))
                .collect()
        };
        // Who: the possessor ("Weizsaecker's visit", "his trip"), else the doer of the clause
        // the noun is an object or adverbial of ("paid a visit", "arrived for a visit").
        let possessor: Vec<Arg> = p
            .dependents_with(i, "nmod:poss")
            .flat_map(|d| self.nominal_args(ctx, p, d, false))
            .collect();
        // "in a speech on the first day of an official visit to Argentina, Weizsaecker said":
        // up through the nouns the journey belongs to, to the clause.
        // The parser often hangs such a phrase between commas on the subject ("Weizsaecker,
        // in a speech ...") or on a date ("on Monday, during a visit to India"): the walk goes
        // through names and appositions too, and a person it reaches made the journey.
        let mut clause_noun = i;
        for _ in 0..4 {
            match (p.deprel(clause_noun), p.syn.head(clause_noun)) {
                ("nmod" | "appos", Some(h))
                    if matches!(p.syn.upos.get(h), Some(&Upos::Noun | &Upos::Propn)) =>
                {
                    clause_noun = h
                }
                _ => break,
            }
            // "an end to its alliance with GM", "the collapse of talks": it is over.
            if cues::has(Cue::EndingNoun, &ctx.lower(p.base + clause_noun)) {
                return;
            }
        }
        let i = clause_noun;
        // An agreement is made by whoever signs or reaches it, not by whoever recommends,
        // seeks or opposes one.
        let makes = |h: usize| {
            !agreement || {
                let lemma = verb_lemma(&ctx.lower(p.base + h), &|l| self.verbs.knows(l));
                cues::has(Cue::AgreementMaker, &lemma)
            }
        };
        // "obstructed talks with the World Bank", "cancelled his visit": the governing verb
        // says the talks or the journey did not take place.
        let blocks = |h: usize| {
            let lemma = verb_lemma(&ctx.lower(p.base + h), &|l| self.verbs.knows(l));
            cues::has(Cue::NegatingGovernor, &lemma) || cues::has(Cue::BlockingVerb, &lemma)
        };
        let traveller = (travel && clause_noun != n - p.base)
            .then(|| self.nominal_arg(ctx, p, clause_noun, false))
            .flatten()
            .filter(|a| a.kind == EntityType::Person && a.role == MentionRole::Name);
        let possessed = !possessor.is_empty();
        let doers = if possessed {
            possessor
        } else if let Some(person) = traveller {
            vec![person]
        } else {
            match (p.deprel(i), p.syn.head(i)) {
                ("obj" | "obl" | "nsubj", Some(h))
                    if p.syn.upos.get(h) == Some(&Upos::Verb)
                        && !self.hedged_clause(ctx, p, h)
                        && !self.did_not_happen(ctx, p, h)
                        && !blocks(h)
                        && makes(h) =>
                {
                    if p.deprel(i) == "nsubj" {
                        Vec::new()
                    } else {
                        self.subjects(ctx, p, h, 0)
                    }
                }
                _ => Vec::new(),
            }
        };
        if targets.is_empty() {
            // "Japan and South Korea reached a deal": with no other party named, those who
            // signed or reached an agreement made it with each other. (Not a meeting: "India,
            // along with China, was invited to the meeting" is no meeting of the two.)
            if agreement && !possessed {
                self.among(
                    &doers,
                    label,
                    &w,
                    |a, b| conf * a.weight * b.weight,
                    rule,
                    found,
                );
            }
            return;
        }
        for who in &doers {
            for target in &targets {
                if self.fits(label, who, target) {
                    found.push(Finding::new(
                        who.entity,
                        label,
                        target.entity,
                        predicate.clone(),
                        conf * who.weight * target.weight,
                        rule,
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{check, trained, Case};

    /// Constructions read off the parse (sentences written for this test), with the triples
    /// that must be found and those that must not.
    #[test]
    fn constructions_on_the_parse() {
        let cases: &[Case] = &[
            // "X has said he would": the reported clause's "he" is the speaker, not the
            // subject of the clause before.
            (
                "Beer magnate Vijay Mallya recently set up Kingfisher Airlines, while UK entrepreneur Richard Branson has said he would meet Tony Blair.",
                &[("Richard Branson", "met", "Tony Blair")],
                &[("Vijay Mallya", "met", "Tony Blair"), ("Richard Branson", "stated", "Vijay Mallya")],
            ),
            // "told Reuters Taiwan would": the second name opens the reported clause.
            (
                "Wang Chao-Ming, vice-chairman of the council, told Reuters Taiwan would cut import tariffs.",
                &[],
                &[("Wang Chao-Ming", "communicated", "Taiwan")],
            ),
            // A plural demonym heading its phrase is the country; counted, it is people.
            (
                "The Iraqis accused Tehran of shelling Basra.",
                &[("Iraq", "criticized", "Tehran")],
                &[],
            ),
            (
                "The US Supreme Court gave legal protection to two Britons held at Guantanamo Bay.",
                &[],
                &[("US Supreme Court", "aided", "United Kingdom")],
            ),
            // Where an analyst works is a body, whatever place the recogniser saw in it.
            (
                "\"It is a front for somebody,\" said Oleg Maximov, an analyst at Troika Dialog in Moscow.",
                &[("Oleg Maximov", "works_for", "Troika Dialog"), ("Troika Dialog", "located_in", "Moscow")],
                &[],
            ),
            // A reciprocal object relates the coordinated subjects both ways.
            (
                "The European Union and the United States accuse each other of giving illegal subsidies.",
                &[("European Union", "criticized", "United States"), ("United States", "criticized", "European Union")],
                &[],
            ),
            // An evaluative word makes the statement criticism of the party it is about.
            (
                "The Conservatives and Lib Dems both say Gordon Brown's pledges are \"worthless\".",
                &[("Conservative Party", "criticized", "Gordon Brown"), ("Liberal Democrats", "criticized", "Gordon Brown")],
                &[],
            ),
            // What a company says of a place or a country is business news; a state's body
            // speaking of a country makes a statement about it.
            (
                "Boget Oil Co said it has purchased interests in about 200 wells in Oklahoma.",
                &[],
                &[("Boget Oil Co", "stated", "Oklahoma")],
            ),
            (
                "The Foreign Ministry of Iran said the United States had broken the deal.",
                &[("Foreign Ministry of Iran", "stated", "United States")],
                &[],
            ),
            // Coordinated subjects, a title and a time phrase between subject and verb.
            (
                "Helmut Kohl and finance minister Gerhard Stoltenberg last week visited Warsaw to discuss the budget.",
                &[("Helmut Kohl", "visited", "Warsaw"), ("Gerhard Stoltenberg", "visited", "Warsaw")],
                &[],
            ),
            // A light verb with its noun: the complement hangs on the verb.
            (
                "Helmut Kohl held talks on Monday with Francois Mitterrand in Bonn.",
                &[("Helmut Kohl", "met", "Francois Mitterrand")],
                &[],
            ),
            // A journey noun with its possessor.
            (
                "Helmut Kohl's visit to Moscow ended on Friday.",
                &[("Helmut Kohl", "visited", "Moscow")],
                &[],
            ),
            // "here" is the dateline's place.
            (
                "ROME, May 4 - Helmut Kohl said during a visit here that Europe must act.\n\nItaly agreed.",
                &[("Helmut Kohl", "visited", "Italy")],
                &[],
            ),
            // A title and the name after it are one subject, however the parser split them.
            (
                "Central Bank President Jose Luis Machinea said Argentina could adopt the same posture as Brazil.",
                &[("Jose Luis Machinea", "stated", "Argentina")],
                &[("Central Bank", "stated", "Argentina")],
            ),
            (
                "Mr Blair had personally seen the change over time in conversations with Mr Bush.",
                &[("Blair", "met", "Bush")],
                &[],
            ),
            // The press a statement is made to is no party, known to the knowledge base or not.
            (
                "Ms Tessa Jowell told Sky News she was very pleased about that.",
                &[],
                &[("Tessa Jowell", "communicated", "Sky News")],
            ),
            // A journey hung by the parser on the traveller or on a date; a historical
            // country's leader at home is no visitor.
            (
                "West German President Richard von Weizsaecker spoke in Bonn. Weizsaecker, in a speech on the first day of an official visit to Argentina, said debtor countries must pay.",
                &[("Richard von Weizsaecker", "visited", "Argentina")],
                &[("Richard von Weizsaecker", "visited", "Bonn")],
            ),
            (
                "Russian President Vladimir Putin said on Monday, during a two-day visit to India, that trade would grow.",
                &[("Vladimir Putin", "visited", "India")],
                &[],
            ),
            // Acts named by nouns: the possessor or modifier does them, or the subject of
            // the clause they are an object of; an attack on a person is made in words.
            (
                "Charles Kennedy's criticism of Gordon Brown was sharp.",
                &[("Charles Kennedy", "criticized", "Gordon Brown")],
                &[],
            ),
            (
                "Charles Kennedy launched an attack on Gordon Brown.",
                &[("Charles Kennedy", "criticized", "Gordon Brown")],
                &[("Charles Kennedy", "attacked", "Gordon Brown")],
            ),
            (
                "The Iraqi attack on Iran began in 1980.",
                &[("Iraq", "attacked", "Iran")],
                &[],
            ),
            (
                "President Richard von Weizsaecker, speaking at a reception held for him by President Raul Alfonsin, said debt was an obstacle.",
                &[("Raul Alfonsin", "hosted", "Richard von Weizsaecker")],
                &[],
            ),
            (
                "Sir Menzies Campbell worried about plans to lift the arms embargo imposed on China.",
                &[],
                &[("Menzies Campbell", "sanctioned", "China")],
            ),
            // A call for a change to something of a body's is a demand on that body; an attack
            // on something of a country's is made in words.
            (
                "Jacques Delors called in February for a radical overhaul of the European Community's financing system.",
                &[("Jacques Delors", "demanded", "European Community")],
                &[],
            ),
            (
                "Michael Howard has launched an attack on the cost of Britain's asylum system.",
                &[("Michael Howard", "criticized", "United Kingdom")],
                &[("Michael Howard", "attacked", "United Kingdom")],
            ),
            // Inside a quote, "he" is not the person quoted.
            (
                "President George W Bush was re-elected. Mr Blair said he believed the president was keen to work with other countries. \"It is significant that he is coming to Europe as his first foreign visit,\" said Mr Blair.",
                &[("George W Bush", "visited", "Europe")],
                &[("Tony Blair", "visited", "Europe")],
            ),
            // A foreign official leading a wire filed from a city is there; a home one is not.
            (
                "LYNG URGES JAPAN\n\nTOKYO, April 17 - U.S. Agriculture Secretary Richard Lyng said Japan must open its farm markets.",
                &[("Richard Lyng", "visited", "Tokyo")],
                &[],
            ),
            (
                "TOKYO, April 17 - Japanese Agriculture Minister Mutsuki Kato said Japan would not open its rice market.",
                &[],
                &[("Mutsuki Kato", "visited", "Tokyo")],
            ),
            // A consequence foretold for what another party might do warns it.
            (
                "Agriculture Secretary John Block said on Monday that if the European Community's farm council adopts the levy, a serious trade war will follow.",
                &[("John Block", "warned", "European Community")],
                &[],
            ),
            // Where places and bodies are: "based in", "X in Y" between named places, a body
            // at another.
            (
                "\"Directors very rarely pay,\" said Charles Elson, chairman of the Center for Corporate Governance at the University of Delaware.",
                &[("Center for Corporate Governance", "member_of", "University of Delaware")],
                &[],
            ),
            (
                "Motorola, based in Schaumburg, Illinois, said profits rose.",
                &[("Motorola", "located_in", "Schaumburg")],
                &[],
            ),
            // A body's unnamed spokesman or officials act for it; a named one's "for" does
            // not make the body the doer.
            (
                "A Labour Party spokesman criticised Michael Howard's record. U.S. officials have urged Japan to stimulate growth.",
                &[
                    ("Labour Party", "criticized", "Michael Howard"),
                    ("United States", "demanded", "Japan"),
                ],
                &[],
            ),
            // An act received from the doer after "from", and acts named by nouns.
            (
                "Tony Blair drew sharp criticism from Gordon Brown. Brazil won support from the IMF.",
                &[
                    ("Gordon Brown", "criticized", "Tony Blair"),
                    ("IMF", "supported", "Brazil"),
                ],
                &[("Tony Blair", "criticized", "Gordon Brown")],
            ),
            (
                "The United States has come under pressure from Japan. Britain did not receive support from France.",
                &[("Japan", "demanded", "United States")],
                &[("France", "supported", "United Kingdom")],
            ),
            (
                "China lodged a protest with Japan. Washington put pressure on Tokyo to open its markets.",
                &[("China", "criticized", "Japan"), ("Washington", "demanded", "Japan")],
                &[],
            ),
            (
                "Rival banking giant HSBC, which is based in London, was also in the running.",
                &[("HSBC", "located_in", "London")],
                &[],
            ),
            (
                "The Chicago-based company Motorola said profits rose.",
                &[("Motorola", "located_in", "Chicago")],
                &[],
            ),
            (
                "The Millennium Dome in Greenwich was sold.",
                &[("Millennium Dome", "located_in", "Greenwich")],
                &[],
            ),
            (
                "Nearly half of the sales were in North America and most of the rest in Europe.",
                &[],
                &[("North America", "located_in", "Europe")],
            ),
            // A name the parser hangs on the noun before the comma is not that noun; "will"
            // two clauses up still only schedules the act.
            (
                "Ecuador will ask OPEC to raise its quota to compensate for lost output due to last week's earthquake, deputy Energy Minister Fernando Santos Alvite said.",
                &[],
                &[("Ecuador", "criticized", "Fernando Santos Alvite")],
            ),
            (
                "The World Bank approved a loan to Nigeria.",
                &[("World Bank", "aided", "Nigeria")],
                &[],
            ),
            // What did not happen.
            (
                "Helmut Kohl refused to meet Francois Mitterrand.",
                &[],
                &[("Helmut Kohl", "met", "Francois Mitterrand")],
            ),
            // A predicate adjective; its object is who does what it is about.
            (
                "The Labour Party is firmly opposed to any bid by Mr Glenn Smith for the club.",
                &[("Labour Party", "opposed", "Glenn Smith")],
                &[],
            ),
            (
                "Senator John Kerry was sharply critical of the Chinese government.",
                &[("John Kerry", "criticized", "China")],
                &[],
            ),
            // An oblique with "against" opposes; a market's "against" does not.
            (
                "Mexico voted against the United States in the council.",
                &[("Mexico", "opposed", "United States")],
                &[],
            ),
            (
                "The Green Party has stood against Labour MP Jane Doe in three elections.",
                &[("Green Party", "opposed", "Jane Doe")],
                &[("Green Party", "opposed", "Labour Party")],
            ),
            // Agreements: the parties named together, or whoever signs one with whom.
            (
                "The deal follows an agreement between Kenya and the World Bank in March.",
                &[("Kenya", "cooperated", "World Bank")],
                &[],
            ),
            (
                "Kenya signed an accord with Tanzania on Friday.",
                &[("Kenya", "cooperated", "Tanzania")],
                &[],
            ),
            (
                "Kenya has been recommending an accord with the International Monetary Fund.",
                &[],
                &[("Kenya", "cooperated", "International Monetary Fund")],
            ),
            // A participle used as a preposition acts on nothing; a blocked event did not
            // take place.
            (
                "General Motors cut spending, excluding Hughes Aircraft Co, by a tenth.",
                &[],
                &[("General Motors", "sanctioned", "Hughes Aircraft Co")],
            ),
            (
                "Brazil accused Washington of obstructing talks with the World Bank.",
                &[],
                &[("United States", "met", "World Bank")],
            ),
            // A government named after its leader; a title introduced by "as".
            (
                "Rebels said they were paid by Saddam Hussein's regime in Iraq.",
                &[("Saddam Hussein", "leader_of", "Iraq")],
                &[],
            ),
            (
                "Tony Blair spoke as he began his third term as British Prime Minister.",
                &[("Tony Blair", "leader_of", "United Kingdom")],
                &[],
            ),
            (
                "John Smith was appointed as chairman of the British Council on Monday.",
                &[("John Smith", "leader_of", "British Council")],
                &[("Board", "leader_of", "British Council")],
            ),
            (
                "Tony Blair named John Smith as chairman of the British Council.",
                &[],
                &[("Tony Blair", "leader_of", "British Council")],
            ),
            (
                "Union leader Dave Prentis said he wants Tony Blair to be replaced as Labour leader.",
                &[],
                &[("Dave Prentis", "leader_of", "Labour Party")],
            ),
            // Coordinated agents of a symmetric passive did it together.
            (
                "The agreement was signed by Kenyan Finance Minister George Saitoti and Tanzanian Finance Minister Basil Mramba.",
                &[("George Saitoti", "cooperated", "Basil Mramba")],
                &[],
            ),
            // An agreement that ends is no cooperation.
            (
                "Fiat negotiated an end to its alliance with General Motors.",
                &[],
                &[("Fiat", "cooperated", "General Motors")],
            ),
            // "they" for the coordinated people a sentence before.
            (
                "Helmut Kohl and Hans-Dietrich Genscher visited Washington last week.\n\nOn Monday they arrived in London.",
                &[("Helmut Kohl", "visited", "London"), ("Hans-Dietrich Genscher", "visited", "London")],
                &[],
            ),
            // Acting in another country is a visit; at home it is not.
            (
                "U.S. Agriculture Secretary Richard Lyng said in Tokyo that rice imports must rise.",
                &[("Richard Lyng", "visited", "Tokyo")],
                &[],
            ),
            (
                "British Prime Minister Tony Blair said in London that the plan was sound.",
                &[],
                &[("Tony Blair", "visited", "London")],
            ),
            // Unnamed holders of a plural title act for what their title is of.
            (
                "The finance ministers of Japan, Canada and France met in Paris on Saturday.",
                &[("Japan", "met", "Canada"), ("Japan", "met", "France"), ("Canada", "met", "France")],
                &[],
            ),
        ];
        check(cases, trained);
    }
}
