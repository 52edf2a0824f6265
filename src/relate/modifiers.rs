//! What the words in front of a name say about it: "US tycoon Malcolm Glazer" (citizen_of),
//! "US supermarket group Winn-Dixie" (located_in), "Labour backbencher Stephen Pound"
//! (member_of), "Gimme Credit analyst Evan Mann" (works_for), and the same after a comma
//! ("Coface, the French export credit agency"). Titles ("Russian Foreign Minister") are the
//! role rules' business; these are the other nouns news puts before a name.
//!
//! Also "the company's chief executive": a definite description of an organisation, resolved
//! to the organisation the document is about.

use super::confidence;
use super::{Arg, Ctx, Finding, Found, RelationExtractor};
use crate::model::{EntityType, MentionRole, RelationLabel, Sentence, TokenKind, Upos};
use crate::nlp::lexicon::TitleRole;

/// Nouns for a party's people: before a person, a party modifier makes them a member.
const PARTY_PEOPLE: &[&str] = &[
    "backbencher",
    "backbenchers",
    "mp",
    "mps",
    "lawmaker",
    "lawmakers",
    "member",
    "members",
    "candidate",
    "candidates",
    "activist",
    "activists",
    "politician",
    "politicians",
    "peer",
    "peers",
    "councillor",
    "councillors",
    "rebel",
    "rebels",
    "veteran",
    "grandee",
];
/// True for a noun that names an organisation by its kind ("the company's", "the bank's",
/// "carmaker Toyota"): the ORGANIZATION nouns of `data/lexicon/kind_nouns.tsv`.
pub(super) fn is_org_kind(lex: &crate::nlp::lexicon::Lexicon, noun: &str) -> bool {
    lex.kind_noun(noun) == Some(EntityType::Organization)
}
/// Words in the names of a government's bodies ("Ministry of Finance", "Federal Bureau of
/// Investigation").
const GOVERNMENT_BODY_WORDS: &[&str] = &[
    "Ministry",
    "Department",
    "Agency",
    "Bureau",
    "Commission",
    "Office",
    "Council",
    "Government",
    "Treasury",
    "Police",
    "Army",
    "Navy",
    "Senate",
    "Congress",
    "Parliament",
];
/// Words that end a run of modifiers: what stands before a name in a clause, not in its phrase.
const NOT_MODIFIERS: &[&str] = &[
    "the", "a", "an", "and", "or", "of", "to", "in", "on", "at", "by", "for", "with", "from",
    "said", "says", "told", "that", "who", "which", "as", "than", "but", "his", "her", "its",
    "their", "is", "are", "was", "were", "has", "have", "had", "be", "been", "will", "would",
];
/// Sentences back that "the company" looks for the organisation it names.
const ORG_DESCRIPTION_SENTENCES: usize = 12;

/// Words between a comma or a copula and "member(s) of" ("both members of", "a founding
/// member of").
const MEMBER_QUANTIFIERS: &[&str] = &[
    "a", "an", "the", "both", "all", "fellow", "founding", "full", "leading", "also", "two",
    "three", "four", "five", "its", "their", "now", "already",
];

impl RelationExtractor {
    /// Countries and bodies in a body: "Nato member Turkey", "EU members Britain, France and
    /// Germany", "EU member states Spain and Portugal", "Turkey, a member of Nato", "Britain
    /// and France, both members of the Security Council", "Turkey is a member of Nato".
    pub(super) fn memberships(&self, ctx: &Ctx<'_>, s: &Sentence, si: usize, found: &mut Found) {
        let is_party = |m: usize| {
            let x = ctx.mention(m);
            x.role == MentionRole::Name
                && matches!(x.kind, EntityType::Country | EntityType::Organization)
                && ctx.in_sentence(m, si)
        };
        let body_at = |k: usize| {
            let k = if ctx.lower(k) == "the" { k + 1 } else { k };
            ctx.mention_at(k).filter(|&b| {
                ctx.in_sentence(b, si)
                    && ctx.mention(b).kind == EntityType::Organization
                    && ctx.mention(b).role == MentionRole::Name
                    && ctx.mention(b).tokens.start == k
            })
        };
        for &m in &ctx.by_sentence[si] {
            if !is_party(m) {
                continue;
            }
            let mention = ctx.mention(m);
            // The list the name stands in: back to its first name, on to its last.
            let mut first = mention.tokens.start;
            while first >= s.tokens.start + 2
                && matches!(ctx.lower(first - 1).as_str(), "," | "and")
            {
                let before = if ctx.lower(first - 1) == "and" && ctx.word(first - 2) == "," {
                    first - 2
                } else {
                    first - 1
                };
                match before.checked_sub(1).and_then(|k| ctx.mention_at(k)) {
                    Some(p) if is_party(p) && ctx.mention(p).tokens.end == before => {
                        first = ctx.mention(p).tokens.start;
                    }
                    _ => break,
                }
            }
            let mut last = mention.tokens.end;
            loop {
                let next = match ctx.lower(last).as_str() {
                    "and" => last + 1,
                    "," if ctx.lower(last + 1) == "and" => last + 2,
                    "," => last + 1,
                    _ => break,
                };
                match ctx.mention_at(next) {
                    Some(p) if is_party(p) && ctx.mention(p).tokens.start == next => {
                        last = ctx.mention(p).tokens.end;
                    }
                    _ => break,
                }
            }
            // Before: "[the] EU member(s) [states]".
            let mut k = first;
            if k > s.tokens.start
                && matches!(
                    ctx.lower(k - 1).as_str(),
                    "states" | "countries" | "nations"
                )
            {
                k -= 1;
            }
            let before = (k > s.tokens.start + 1
                && matches!(ctx.lower(k - 1).as_str(), "member" | "members"))
            .then(|| ctx.mention_at(k - 2))
            .flatten()
            .filter(|&b| {
                ctx.in_sentence(b, si)
                    && ctx.mention(b).kind == EntityType::Organization
                    && ctx.mention(b).tokens.end == k - 1
            });
            // After: ", [both] members of [the] X", "is a member of X", ", which is a ...".
            let mut j = last;
            if ctx.word(j) == "," {
                j += 1;
                if matches!(ctx.lower(j).as_str(), "which" | "that" | "who") {
                    j += 1;
                }
            }
            if matches!(
                ctx.lower(j).as_str(),
                "is" | "was" | "are" | "were" | "became" | "becomes"
            ) && (j == last || ctx.word(last) == ",")
            {
                j += 1;
            }
            while j < s.tokens.end && MEMBER_QUANTIFIERS.contains(&ctx.lower(j).as_str()) {
                j += 1;
            }
            let after = (j > last
                && matches!(ctx.lower(j).as_str(), "member" | "members")
                && ctx.lower(j + 1) == "of")
                .then(|| body_at(j + 2))
                .flatten();
            // "Spain and Portugal joined the EC", "has joined Nato": done, not hoped for.
            let mut v = last;
            if matches!(ctx.lower(v).as_str(), "has" | "have" | "had") {
                v += 1;
            }
            let joined = (ctx.lower(v) == "joined").then(|| body_at(v + 1)).flatten();
            for (body, rule) in [
                (before, "member-before"),
                (after, "member-after"),
                (joined, "member-joined"),
            ] {
                let Some(body) = body else { continue };
                if ctx.entity_index(body) == ctx.entity_index(m) {
                    continue;
                }
                found.push(Finding::new(
                    ctx.entity_index(m),
                    RelationLabel::MemberOf,
                    ctx.entity_index(body),
                    "member".into(),
                    confidence::MEMBER_PHRASE,
                    rule,
                ));
            }
        }
    }

    /// A name right before another: a party before a person ("Conservative Michael Fallon",
    /// a member), a country's possessive before a body that heads its phrase ("Germany's
    /// Deutsche Bank said", where the bank is); and a name right after another's "of" (see
    /// [`Self::person_of_body`]).
    pub(super) fn adjacent_names(&self, ctx: &Ctx<'_>, s: &Sentence, si: usize, found: &mut Found) {
        for &m in &ctx.by_sentence[si] {
            self.person_of_body(ctx, si, m, found);
            let mention = ctx.mention(m);
            let a = mention.tokens.start;
            if mention.role != MentionRole::Name || a <= s.tokens.start {
                continue;
            }
            let possessive = a > s.tokens.start + 1 && ctx.is_possessive(a - 1);
            let before_end = if possessive { a - 1 } else { a };
            let Some(b) = ctx
                .mention_at(before_end - 1)
                .filter(|&b| ctx.in_sentence(b, si) && ctx.mention(b).tokens.end == before_end)
            else {
                continue;
            };
            let owner = ctx.mention(b);
            let (entity, other) = (ctx.entity_index(m), ctx.entity_index(b));
            if owner.role != MentionRole::Name || entity == other {
                continue;
            }
            // "Chrysler Canada's", "Banco do Brasil's": the place is part of a longer name;
            // "34 Labour MPs": a title is no name.
            let o = owner.tokens.start;
            let first = ctx.lower(a);
            if o > s.tokens.start
                && (ctx.upos(o - 1) == Some(Upos::Propn)
                    || matches!(ctx.lower(o - 1).as_str(), "do" | "da" | "de" | "del" | "of"))
                || self
                    .lex
                    .is_title_head(first.strip_suffix('s').unwrap_or(&first))
            {
                continue;
            }
            // The name heads its phrase: "Germany's Deutsche Bank said", not "Britain's EU
            // presidency" or "Labour's Gordon Brown team".
            let heads = !matches!(
                ctx.upos(mention.tokens.end),
                Some(Upos::Noun | Upos::Propn | Upos::Adj)
            );
            let (label, rule) = match (owner.kind, mention.kind, possessive) {
                (EntityType::Organization, EntityType::Person, false)
                    if heads && self.is_party(ctx, other) =>
                {
                    (RelationLabel::MemberOf, "party-before-name")
                }
                (EntityType::Country, EntityType::Organization, true)
                    if heads
                        && self.kb_entry_of(ctx, entity).is_none_or(|k| {
                            k.country.is_some()
                                && k.country.as_ref().map(|c| c.as_str())
                                    == self.kb_entry_of(ctx, other).map(|o| o.key.as_str())
                        }) =>
                {
                    (RelationLabel::LocatedIn, "country-possessive")
                }
                _ => continue,
            };
            found.push(Finding::new(
                entity,
                label,
                other,
                ctx.word(a - 1).to_lowercase(),
                confidence::MODIFIER,
                rule,
            ));
        }
    }

    /// "said Paul Mackel of HSBC", "Pasquale D'Amuro of the FBI": a person named with the body
    /// they speak for works there; a government body's people are its officials, a party's
    /// its members.
    fn person_of_body(&self, ctx: &Ctx<'_>, si: usize, m: usize, found: &mut Found) {
        let mention = ctx.mention(m);
        let mut b = mention.tokens.end;
        // "Jim Parton, from Families Need Fathers, said": the body set off by commas.
        let set_off = ctx.word(b) == "," && ctx.lower(b + 1) == "from";
        if set_off {
            b += 1;
        }
        if mention.kind != EntityType::Person
            || mention.role != MentionRole::Name
            || !matches!(ctx.lower(b).as_str(), "of" | "from")
        {
            return;
        }
        let start = if ctx.lower(b + 1) == "the" {
            b + 2
        } else {
            b + 1
        };
        let Some(body) = ctx.mention_at(start).filter(|&o| {
            let om = ctx.mention(o);
            ctx.in_sentence(o, si)
                && om.tokens.start == start
                && om.kind == EntityType::Organization
                && om.role == MentionRole::Name
                && (!set_off || matches!(ctx.word(om.tokens.end), "," | "." | ";" | ")"))
        }) else {
            return;
        };
        let (person, org) = (ctx.entity_index(m), ctx.entity_index(body));
        let label = if self.is_party(ctx, org) {
            RelationLabel::MemberOf
        } else if self.is_government_body(ctx, org, &ctx.mention(body).text) {
            RelationLabel::OfficialOf
        } else {
            RelationLabel::WorksFor
        };
        found.push(Finding::new(
            person,
            label,
            org,
            ctx.lower(b),
            confidence::MODIFIER,
            "person-of-body",
        ));
    }

    /// Relations given by the modifiers before a person's or organisation's name, and by a
    /// descriptive apposition after an organisation's.
    pub(super) fn modifier_relations(
        &self,
        ctx: &Ctx<'_>,
        s: &Sentence,
        si: usize,
        found: &mut Found,
    ) {
        for &m in &ctx.by_sentence[si] {
            let mention = ctx.mention(m);
            if mention.role != MentionRole::Name
                || !matches!(mention.kind, EntityType::Person | EntityType::Organization)
            {
                continue;
            }
            let a = mention.tokens.start;
            // A name continuing a list was dealt with at the list's first name.
            if a > s.tokens.start && matches!(ctx.lower(a - 1).as_str(), "and" | ",") {
                continue;
            }
            // "Liberal Democrat peer Lord Greaves": a party's people stand before the
            // honorific too (not "the Lib Dems accuse Mr Blair").
            let mut a = a;
            if a > s.tokens.start + 1
                && ctx.word(a - 1).starts_with(char::is_uppercase)
                && matches!(
                    self.lex.title_role(ctx.word(a - 1)),
                    Some((TitleRole::Honorific, _))
                )
                && PARTY_PEOPLE.contains(&ctx.lower(a - 2).as_str())
            {
                a -= 1;
            }
            let mut k = a;
            while k > s.tokens.start && a - k < 5 && self.is_modifier_word(ctx, s, si, k - 1) {
                k -= 1;
            }
            if k == a || k == s.tokens.start {
                continue;
            }
            let Some(mm) = ctx.mention_at(k - 1).filter(|&x| ctx.in_sentence(x, si)) else {
                continue;
            };
            let phrase = ctx.words[k..a].join(" ");
            if self.lex.title_role(&phrase).is_some() {
                continue;
            }
            // "pro-Iraq war Labour MP": a name inside a hyphenated word, or a name that is
            // itself a modifier of what follows, says nothing of this kind.
            let modifier_token = ctx.word(ctx.mention(mm).tokens.start);
            let next = ctx.lower(mention.tokens.end);
            if modifier_token.contains('-')
                || ctx.mention_at(mention.tokens.end).is_some()
                || self.lex.is_title_head(&next)
            {
                continue;
            }
            let modifier = self.arg(ctx, mm, confidence::NAME_WEIGHT);
            let head = ctx.lower(a - 1);
            let targets = self.coordinated(
                ctx,
                si,
                self.arg(ctx, m, confidence::NAME_WEIGHT),
                s.tokens.end,
            );
            for target in targets {
                if let Some(label) = self.modifier_label(ctx, &target, &modifier, &head) {
                    found.push(Finding::new(
                        target.entity,
                        label,
                        modifier.entity,
                        phrase.to_lowercase(),
                        confidence::MODIFIER,
                        "modifier",
                    ));
                }
            }
        }
        self.descriptive_apposition(ctx, s, si, found);
        self.title_lists(ctx, s, si, found);
    }

    /// "The ten former directors are A, B, ... and C", "Two other directors, A and B,",
    /// "WorldCom's former directors A, B and C": a plural title gives each name of its list
    /// the role; the affiliation is the one the title phrase names, else the organisation the
    /// document is about (for titles of companies and bodies, not of governments).
    fn title_lists(&self, ctx: &Ctx<'_>, s: &Sentence, si: usize, found: &mut Found) {
        let end = s.tokens.end;
        for k in s.tokens.clone() {
            let w = ctx.lower(k);
            let Some(singular) = w.strip_suffix('s') else {
                continue;
            };
            if ctx.mention_at(k).is_some() || !self.lex.is_title_head(singular) {
                continue;
            }
            let first = match ctx.lower(k + 1).as_str() {
                "are" | "were" | "include" | "included" | "including" | "," => k + 2,
                _ => k + 1,
            };
            let Some(m) = ctx
                .mention_at(first)
                .filter(|&m| ctx.in_sentence(m, si) && ctx.mention(m).tokens.start == first)
            else {
                continue;
            };
            let head = self.arg(ctx, m, confidence::NAME_WEIGHT);
            if head.kind != EntityType::Person {
                continue;
            }
            let names = self.coordinated(ctx, si, head, end);
            if names.len() < 2 {
                continue;
            }
            // The title phrase: modifiers back to a determiner, a number or an affiliation.
            let mut t0 = k;
            while t0 > s.tokens.start && self.is_modifier_word(ctx, s, si, t0 - 1) {
                t0 -= 1;
            }
            let phrase = format!("{} {singular}", ctx.words[t0..k].join(" "));
            let Some((role, title)) = self.lex.title_role(phrase.trim()) else {
                continue;
            };
            let named = (t0 > s.tokens.start)
                .then(|| {
                    let b = if matches!(ctx.word(t0 - 1), "'s" | "’s") {
                        t0.checked_sub(2)?
                    } else {
                        t0 - 1
                    };
                    ctx.mention_at(b).filter(|&x| ctx.in_sentence(x, si))
                })
                .flatten()
                .map(|x| self.arg(ctx, x, confidence::NAME_WEIGHT));
            // "Railtrack managers A, B and C": a capitalised word the recogniser left unnamed
            // is whose title it is; the document's organisation is not.
            let unnamed_owner = named.is_none()
                && t0 > s.tokens.start
                && ctx.word(t0 - 1).starts_with(char::is_uppercase)
                && ctx.upos(t0 - 1) == Some(Upos::Propn);
            let affiliation = named.or_else(|| {
                (!super::is_government_title(&title) && !unnamed_owner)
                    .then(|| self.topic_org(ctx, si, k, 2))
                    .flatten()
            });
            let Some(affiliation) = affiliation else {
                continue;
            };
            let mut scratch = Vec::new();
            for name in names {
                self.add_role(
                    ctx,
                    found,
                    &mut scratch,
                    name.entity,
                    role,
                    &title,
                    Some(affiliation),
                    confidence::MODIFIER,
                    "role-list",
                );
            }
        }
    }

    /// "Coface, the French export credit agency," / "Malcolm Glazer, the US tycoon,".
    fn descriptive_apposition(&self, ctx: &Ctx<'_>, s: &Sentence, si: usize, found: &mut Found) {
        for &m in &ctx.by_sentence[si] {
            let mention = ctx.mention(m);
            let b = mention.tokens.end;
            self.description_before(ctx, s, si, m, found);
            // "X, the German carmaker,", or with a possessive and no article: "Deutsche
            // Bank, Germany's biggest lender,".
            let article = matches!(ctx.lower(b + 1).as_str(), "the" | "a" | "an");
            if mention.role != MentionRole::Name || ctx.word(b) != "," {
                continue;
            }
            let Some(mm) = ctx
                .mention_at(b + 1 + usize::from(article))
                .filter(|&x| ctx.in_sentence(x, si))
            else {
                continue;
            };
            let mut modifier_end = ctx.mention(mm).tokens.end;
            if !article {
                if !ctx.is_possessive(modifier_end) {
                    continue;
                }
                modifier_end += 1;
            }
            let mut k = modifier_end;
            while k < s.tokens.end && k - modifier_end < 5 && self.is_modifier_word(ctx, s, si, k) {
                k += 1;
            }
            let closed = k == s.tokens.end
                || matches!(ctx.word(k), "," | "." | ";" | ")")
                || matches!(ctx.lower(k).as_str(), "which" | "who" | "that");
            if k == modifier_end || !closed {
                continue;
            }
            self.described_by(ctx, m, mm, modifier_end..k, found);
        }
    }

    /// "The American holding company, Laurentian Capital Corp, will": a description with a
    /// demonym before the name it is set off from.
    fn description_before(
        &self,
        ctx: &Ctx<'_>,
        s: &Sentence,
        si: usize,
        m: usize,
        found: &mut Found,
    ) {
        let mention = ctx.mention(m);
        let a = mention.tokens.start;
        if mention.role != MentionRole::Name
            || a < s.tokens.start + 3
            || ctx.word(a - 1) != ","
            || ctx.word(mention.tokens.end) != ","
        {
            return;
        }
        let head = a - 1;
        let mut k = head;
        while k > s.tokens.start && head - k < 5 && self.is_modifier_word(ctx, s, si, k - 1) {
            k -= 1;
        }
        let Some(mm) = k
            .checked_sub(1)
            .and_then(|t| ctx.mention_at(t))
            .filter(|&x| ctx.in_sentence(x, si) && ctx.mention(x).tokens.end == k)
        else {
            return;
        };
        let opens = ctx.mention(mm).tokens.start;
        if k == head
            || opens == s.tokens.start
            || !matches!(ctx.lower(opens - 1).as_str(), "the" | "a" | "an")
        {
            return;
        }
        self.described_by(ctx, m, mm, k..head, found);
    }

    /// What a description of name `m` says, given by name `mm` before the common words
    /// `words` ("the German carmaker", "Germany's biggest lender"); a title says nothing here.
    fn described_by(
        &self,
        ctx: &Ctx<'_>,
        m: usize,
        mm: usize,
        words: std::ops::Range<usize>,
        found: &mut Found,
    ) {
        let phrase = ctx.words[words.clone()].join(" ");
        if self.lex.title_role(&phrase).is_some() {
            return;
        }
        let target = self.arg(ctx, m, confidence::NAME_WEIGHT);
        let modifier = self.arg(ctx, mm, confidence::NAME_WEIGHT);
        let head = ctx.lower(words.end - 1);
        if let Some(label) = self.modifier_label(ctx, &target, &modifier, &head) {
            found.push(Finding::new(
                target.entity,
                label,
                modifier.entity,
                phrase.to_lowercase(),
                confidence::MODIFIER,
                "modifier-apposition",
            ));
        }
    }

    /// A lowercase common word that can stand in a noun phrase before its head.
    pub(super) fn is_modifier_word(
        &self,
        ctx: &Ctx<'_>,
        s: &Sentence,
        si: usize,
        k: usize,
    ) -> bool {
        let w = ctx.word(k);
        if ctx.input.tokens[k].kind != TokenKind::Word
            || !w.starts_with(|c: char| c.is_lowercase())
            || ctx.mention_at(k).is_some()
            || NOT_MODIFIERS.contains(&w)
            // "Compagnie des Machines Bull": a name's particle modifies nothing.
            || crate::nlp::mention_rules::PARTICLES.contains(&w)
        {
            return false;
        }
        let upos = ctx
            .input
            .syntax
            .get(si)
            .and_then(|syn| syn.upos.get(k - s.tokens.start));
        match upos {
            Some(Upos::Noun | Upos::Adj | Upos::Propn) => true,
            Some(Upos::Verb) => w.ends_with("ing"),
            Some(_) => false,
            None => true,
        }
    }

    /// What a modifier says of the name it stands before.
    fn modifier_label(
        &self,
        ctx: &Ctx<'_>,
        target: &Arg,
        modifier: &Arg,
        head: &str,
    ) -> Option<RelationLabel> {
        let kind = ctx.input.resolution.entities.get(modifier.entity)?.kind;
        match (target.kind, kind) {
            (EntityType::Person, EntityType::Country) => Some(RelationLabel::CitizenOf),
            (EntityType::Person, EntityType::Organization)
                if modifier.role == MentionRole::Name =>
            {
                Some(if PARTY_PEOPLE.contains(&head) {
                    RelationLabel::MemberOf
                } else {
                    RelationLabel::WorksFor
                })
            }
            (EntityType::Organization, EntityType::Country | EntityType::Location)
                if !modifier.region =>
            {
                Some(RelationLabel::LocatedIn)
            }
            _ => None,
        }
    }

    /// True for a state's body: a ministry, legislature, army or international organisation in
    /// the knowledge base, or a name with a government body's word ("Ministry of Finance").
    pub(super) fn is_government_body(&self, ctx: &Ctx<'_>, org: usize, name: &str) -> bool {
        self.kb_entry_of(ctx, org).is_some_and(|k| {
            matches!(
                k.org_type.as_deref(),
                Some("GOV" | "LEGISLATURE" | "MIL" | "IGO")
            )
        }) || name
            .split_whitespace()
            .any(|w| GOVERNMENT_BODY_WORDS.contains(&w))
    }

    /// True for a body that acts in politics: a state's body, a party, or any organisation the
    /// knowledge base knows (its sources are political actors: NGOs, armed groups, media) other
    /// than the companies it lists (stock exchanges). Companies are the rest.
    pub(super) fn is_political_body(&self, ctx: &Ctx<'_>, org: usize) -> bool {
        let Some(e) = ctx.input.resolution.entities.get(org) else {
            return false;
        };
        let known_actor = e.kb_key.is_some()
            && self
                .kb_entry_of(ctx, org)
                .is_none_or(|k| k.org_type.as_deref() != Some("COMPANY"));
        known_actor || self.is_party(ctx, org) || self.is_government_body(ctx, org, &e.name)
    }

    /// "the company" (or "the bank", "the party") ending at token `k`: the organisation of
    /// the document named most often before it, the latest on a tie.
    pub(super) fn org_description(
        &self,
        ctx: &Ctx<'_>,
        s: &Sentence,
        si: usize,
        k: usize,
    ) -> Option<Arg> {
        if k == s.tokens.start || ctx.lower(k - 1) != "the" || !is_org_kind(self.lex, &ctx.lower(k))
        {
            return None;
        }
        self.topic_org(ctx, si, k, 1)
    }

    /// The organisation the document is about up to token `k` of sentence `si`: the one named
    /// most often (at least `min` times) in the sentences before, the latest on a tie.
    pub(super) fn topic_org(&self, ctx: &Ctx<'_>, si: usize, k: usize, min: usize) -> Option<Arg> {
        let mut counts: Vec<(usize, usize, usize)> = Vec::new(); // (entity, count, last mention)
        for sj in si.saturating_sub(ORG_DESCRIPTION_SENTENCES)..=si {
            for &m in &ctx.by_sentence[sj] {
                let mention = ctx.mention(m);
                if mention.kind != EntityType::Organization
                    || mention.role != MentionRole::Name
                    || mention.tokens.start >= k
                {
                    continue;
                }
                let e = ctx.entity_index(m);
                match counts.iter_mut().find(|c| c.0 == e) {
                    Some(c) => {
                        c.1 += 1;
                        c.2 = m;
                    }
                    None => counts.push((e, 1, m)),
                }
            }
        }
        let best = counts
            .iter()
            .filter(|c| c.1 >= min)
            .max_by_key(|c| (c.1, c.2))?;
        let mut arg = self.arg(ctx, best.2, confidence::ORG_DESCRIPTION_WEIGHT);
        arg.end = k + 1;
        Some(arg)
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{check, trained, Case};

    /// Modifiers before a name and descriptive appositions (sentences written for this test).
    #[test]
    fn what_modifiers_say() {
        let cases: &[Case] = &[
            (
                "Canadian billionaire Conrad Black bought the newspaper.",
                &[("Conrad Black", "citizen_of", "Canada")],
                &[],
            ),
            (
                "French carmaker Renault said profits rose.",
                &[("Renault", "located_in", "France")],
                &[],
            ),
            (
                "Profits fell at Deutsche Bank, the German lender, last year.",
                &[("Deutsche Bank", "located_in", "Germany")],
                &[],
            ),
            (
                "Labour backbencher Dennis Skinner attacked the budget.",
                &[("Dennis Skinner", "member_of", "Labour Party")],
                &[],
            ),
            // A party's people before an honorific; not a verb before one.
            (
                "Tory peer Lord Tebbit said he agreed. Tony Blair spoke in Brighton. The Lib Dems accuse Mr Blair of making a touchy-feely speech.",
                &[("Tebbit", "member_of", "Conservative Party")],
                &[("Tony Blair", "works_for", "Liberal Democrats")],
            ),
            // A name's particle modifies nothing.
            (
                "Honeywell Bull is owned by Honeywell Inc and Compagnie des Machines Bull of France.",
                &[],
                &[("Machines Bull", "works_for", "Compagnie")],
            ),
            // A body set off after the name with "from"; a place is no employer.
            (
                "Jim Parton, from Families Need Fathers, said the proposals lacked compulsion. John Smith, from Glasgow, said no.",
                &[("Jim Parton", "works_for", "Families Need Fathers")],
                &[("John Smith", "works_for", "Glasgow")],
            ),
            // A name inside a hyphenated word, and a name that itself modifies a title.
            (
                "The anti-Iraq war Labour MP Diane Abbott spoke.",
                &[],
                &[("Labour Party", "located_in", "Iraq")],
            ),
            // "the bank's": the organisation the document is about.
            (
                "Barclays reported a loss on Monday. The bank's new chief executive Martin Taylor said costs would fall.",
                &[("Martin Taylor", "leader_of", "Barclays")],
                &[],
            ),
            // A plural title and its list; the affiliation from the document's company.
            (
                "Barclays paid the fine. Barclays said on Monday that the three former directors are John Smith, Ann Jones, Peter Brown and the estate of Tom Hill.",
                &[("John Smith", "official_of", "Barclays"), ("Peter Brown", "official_of", "Barclays")],
                &[],
            ),
            (
                "Barclays settled the case. Barclays said two other directors, John Smith and Ann Jones, remain defendants.",
                &[("John Smith", "official_of", "Barclays"), ("Ann Jones", "official_of", "Barclays")],
                &[],
            ),
            (
                "The new chairman of the Nordic Council, Anna Lind, warned the cabinet.",
                &[("Anna Lind", "leader_of", "Nordic Council")],
                &[],
            ),
            (
                "The deal was signed by the Norwegian Export Council's (NEC) chief executive Lars Berg.",
                &[("Lars Berg", "leader_of", "Norwegian Export Council")],
                &[],
            ),
            (
                "Publix Super Markets cut 300 jobs. The Orlando, Florida-based firm has debts of $2bn.",
                &[("Publix Super Markets", "located_in", "Orlando"), ("Orlando", "located_in", "Florida")],
                &[],
            ),
        ];
        check(cases, trained);
    }
}
