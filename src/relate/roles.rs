//! Static relations from roles: titles before a name ("Russian Foreign Minister Sergey
//! Lavrov"), appositions and relative clauses after one ("X, chairman of Y", "X, who is chairman
//! of Y"), copulas ("X is a senior adviser to Y") and the knowledge base's governments; each role
//! found is also remembered, so that a later "the minister" can find its holder.

use super::confidence;
use super::cues::{self, Cue};
use super::{Arg, Ctx, Finding, Found, RelationExtractor, Role};
use crate::kb::Namespace;
use crate::model::{EntityType, MentionRole, RelationLabel, Sentence, TokenKind, Upos};
use crate::nlp::lexicon::{is_speech_form, SpeechUse, TitleRole};

/// The kind of a title, so that "the top aide" finds a "senior adviser" and "the premier" a
/// "prime minister": the head word with synonyms folded.
/// Titles of a national government's members ("agriculture minister", "commerce secretary",
/// "vice president"), which a wire's dateline can place; not the heads of bodies ("chairman",
/// and "president", which names central bankers and chief executives as often as heads of
/// state) nor envoys, who serve one country in another.
pub(super) fn is_government_title(head: &str) -> bool {
    // The head noun of "secretary of state" or "minister for foreign affairs" is its first.
    let head_noun = head.split(" of ").next().unwrap_or(head);
    let head_noun = head_noun.split(" for ").next().unwrap_or(head_noun);
    let last = head_noun.split(' ').next_back().unwrap_or(head_noun);
    matches!(
        last,
        "minister" | "secretary" | "premier" | "chancellor" | "representative" | "senator"
    ) || matches!(head, "vice president" | "prime minister")
        || head.ends_with("attorney general")
}

/// A common noun for a body ("union", "company", "government", "committee").
fn is_body_word(lex: &crate::nlp::lexicon::Lexicon, w: &str) -> bool {
    let singular = w.strip_suffix('s').unwrap_or(w);
    cues::has(Cue::BodyNoun, singular)
        || super::modifiers::is_org_kind(lex, singular)
        || matches!(singular, "council" | "commission" | "court")
}

/// Titles of elected members of a legislature.
fn is_legislator(head: &str) -> bool {
    matches!(
        head,
        "mp" | "mep"
            | "msp"
            | "member of parliament"
            | "lawmaker"
            | "senator"
            | "congressman"
            | "congresswoman"
            | "representative"
            | "backbencher"
            | "legislator"
    )
}

/// The kind of place whose own government a title belongs to: a state's or a province's
/// ("Texas Attorney General", "Ontario Premier"), or a city's ("London Mayor").
fn local_government_of(head: &str) -> Option<Namespace> {
    let last = head.split(' ').next_back().unwrap_or(head);
    match last {
        "mayor" => Some(Namespace::Place),
        "governor" | "comptroller" | "treasurer" | "premier" => Some(Namespace::Region),
        _ if head.ends_with("attorney general") => Some(Namespace::Region),
        _ => None,
    }
}

/// The prepositions that join a title to whose it is ("chairman of", "analyst at", "adviser
/// to").
const TITLE_PREPS: [&str; 5] = ["of", "for", "to", "at", "with"];

/// The countries whose chancellor heads the government (by knowledge-base key).
const CHANCELLOR_LEADS: [&str; 3] = ["country:DEU", "country:AUT", "country:BRD"];

/// Titles of a head of state or government, which make their holder lead a country.
pub(super) fn is_state_title(head: &str) -> bool {
    matches!(
        head.split(' ').next_back().unwrap_or(head),
        "president" | "king" | "queen" | "emperor" | "emir" | "sultan" | "premier" | "monarch"
    ) || matches!(
        head,
        "prime minister" | "supreme leader" | "chancellor" | "crown prince"
    )
}

pub(super) fn head_class(head: &str) -> String {
    let last = head.split(' ').next_back().unwrap_or(head);
    match last {
        "aide" | "advisor" | "adviser" => "adviser",
        "premier" => "minister",
        "spokeswoman" | "spokesperson" => "spokesman",
        other => other,
    }
    .to_string()
}

/// "the secretary" may be the "home secretary", but "the foreign secretary" is not.
pub(super) fn same_title(a: &str, b: &str) -> bool {
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

/// The rule of a cabinet title whose country is only the wire's dateline's ("TOKYO - ...
/// Agriculture Minister Mutsuki Kato"): the weakest reading of a person's country, dropped
/// where the document gives the person another country's title.
pub(super) const DATELINE_ROLE_RULE: &str = "role-dateline";

impl RelationExtractor {
    /// Titles before a person, appositions after one, "the TITLE for X, PERSON", and
    /// "PERSON is a TITLE at X".
    pub(super) fn titles(
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
            let title = self.title_before(ctx, s, si, a, person, found, roles, false);
            let titled = title.is_some();
            // 1b. The same title set off by commas: "Britain's foreign secretary, Jack Straw,
            // said", "the Iranian foreign minister, Manouchehr Mottaki.". The name must close
            // the apposition, so that a list ("the minister, Smith and Jones") is not read.
            // A postnominal may close the name ("Brian Monteith MSP,").
            let close = mention.tokens.end
                + usize::from(self.lex.is_postnominal(ctx.word(mention.tokens.end)));
            if a >= s.tokens.start + 2
                && ctx.word(a - 1) == ","
                && matches!(ctx.word(close), "," | "." | ";" | ")" | "")
            {
                self.title_before(ctx, s, si, a - 1, person, found, roles, true);
            }
            // 1b'. A bare title opening the sentence, set off the same way: "Chairman of the
            // FCA, Frank Naylor, said".
            let start = s.tokens.start;
            if a >= start + 4
                && ctx.word(a - 1) == ","
                && ctx.word(close) == ","
                && !(start..a - 1).any(|k| ctx.word(k) == ",")
                && self.bare_title_before_prep(ctx, s, start)
            {
                self.title_phrase_after(
                    ctx,
                    s,
                    start,
                    person,
                    found,
                    roles,
                    confidence::ROLE_TITLE_SET_OFF,
                    "role-title-set-off",
                );
            }
            // 1c. "said ABN Amro's Paul Mackel": a body's possessive before a person with no
            // title names someone who works there (a party's, a member).
            if !titled
                && a > s.tokens.start + 1
                && ctx.is_possessive(a - 1)
                && !self.lex.is_bare_title(&ctx.words[a..mention.tokens.end])
            {
                if let Some(org) = ctx.mention_at(a - 2) {
                    let om = ctx.mention(org);
                    if om.kind == EntityType::Organization && om.tokens.end == a - 1 {
                        let label = if self.is_party(ctx, ctx.entity_index(org)) {
                            RelationLabel::MemberOf
                        } else {
                            RelationLabel::WorksFor
                        };
                        self.add_role(
                            ctx,
                            found,
                            roles,
                            person,
                            TitleRole::Relation(label),
                            "",
                            Some(self.arg(ctx, org, confidence::NAME_WEIGHT)),
                            confidence::ROLE_POSSESSOR_BODY,
                            "role-possessor",
                        );
                    }
                }
            }
            // 1d. "said analyst Jason Kenney at ING": a title of someone's work before the
            // name, the employer after it.
            if let Some((role, head)) = &title {
                let b = mention.tokens.end;
                self.employer_after_name(ctx, s, si, b, person, *role, head, found, roles);
            }
            // 2. Apposition after: "X, the/a [Affil's] TITLE [...] (of|for|to|at) Y".
            let b = mention.tokens.end;
            // "Mr Boateng, 53, is to become": the verb after an age set off by commas.
            let is_age =
                |w: &str| !w.is_empty() && w.len() <= 3 && w.bytes().all(|c| c.is_ascii_digit());
            let v0 = if ctx.word(b) == "," && is_age(ctx.word(b + 1)) && ctx.word(b + 2) == "," {
                b + 3
            } else {
                b
            };
            // "Scott King, formerly an analyst with Montgomery Securities": an adverb of time
            // may open the apposition.
            let adverb = usize::from(matches!(
                ctx.lower(b + 1).as_str(),
                "formerly" | "previously" | "now" | "currently" | "once" | "also"
            ));
            if ctx.word(b) == ","
                && matches!(
                    ctx.lower(b + 1 + adverb).as_str(),
                    "the" | "a" | "an" | "his" | "her"
                )
            {
                self.title_phrase_after(
                    ctx,
                    s,
                    b + 2 + adverb,
                    person,
                    found,
                    roles,
                    confidence::ROLE_APPOSITION,
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
                    confidence::ROLE_APPOSITION_BARE,
                    "role-apposition-bare",
                );
            } else if ctx.word(b) == ","
                && ctx.lower(b + 1) == "who"
                && matches!(ctx.lower(b + 2).as_str(), "is" | "was")
            {
                // "Edward Leigh, who is chairman of the Commons public accounts committee",
                // "Damien Hockney, who is now Veritas' deputy leader".
                let mut t = b + 3;
                if matches!(
                    ctx.lower(t).as_str(),
                    "now" | "also" | "currently" | "still"
                ) {
                    t += 1;
                }
                let det = matches!(ctx.lower(t).as_str(), "the" | "a" | "an");
                self.title_phrase_after(
                    ctx,
                    s,
                    t + usize::from(det),
                    person,
                    found,
                    roles,
                    confidence::ROLE_RELATIVE_CLAUSE,
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
                                Some(self.arg(ctx, af, confidence::NAME_WEIGHT)),
                                confidence::ROLE_TITLE_FOR,
                                "role-title-for",
                            );
                        }
                    }
                }
            }
            // 4. Copula: "Maxim is a Senior Research Fellow at the Laboratory ...", "Jack
            // Straw is Britain's foreign secretary", "Smith is chairman of Barclays".
            let copula = matches!(ctx.lower(v0).as_str(), "is" | "was");
            let det = matches!(ctx.lower(v0 + 1).as_str(), "a" | "an" | "the");
            if copula && (det || self.bare_title_before_prep(ctx, s, v0 + 1)) {
                self.title_phrase_after(
                    ctx,
                    s,
                    v0 + 1 + usize::from(det),
                    person,
                    found,
                    roles,
                    confidence::ROLE_COPULA,
                    "role-copula",
                );
            }
            // 5. An office taken: "Mr Howard was elected leader of the Conservative Party",
            // "became chairman of", "was sworn in as president of", "served as ambassador to".
            if let Some(k) = self.office_taken(ctx, s, v0) {
                self.title_phrase_after(
                    ctx,
                    s,
                    k,
                    person,
                    found,
                    roles,
                    confidence::ROLE_OFFICE_TAKEN,
                    "role-office-taken",
                );
            }
            let modifies_next = |w: &str| {
                w.chars().next().is_some_and(char::is_lowercase) && !self.lex.is_function_word(w)
            };
            // 6. "Mr Barroso, who heads the European Commission", "Mr Kim, who leads North
            // Korea": leading a body or a country, said with a verb.
            let mut v = b;
            if ctx.word(v) == "," && ctx.lower(v + 1) == "who" {
                v += 2;
            }
            if matches!(
                ctx.lower(v).as_str(),
                "heads" | "headed" | "leads" | "led" | "chairs" | "chaired"
            ) {
                let t = if ctx.lower(v + 1) == "the" {
                    v + 2
                } else {
                    v + 1
                };
                if let Some(org) = ctx.mention_at(t).filter(|&o| {
                    let x = ctx.mention(o);
                    x.tokens.start == t
                        && x.role == MentionRole::Name
                        && matches!(x.kind, EntityType::Country | EntityType::Organization)
                        // "led Brazil to victory", "leads the Tories in the polls".
                        && !matches!(ctx.lower(x.tokens.end).as_str(), "to" | "in" | "by")
                        // "chairs the Commons trade committee": a name modifying what
                        // follows is not what is led.
                        && !modifies_next(ctx.word(x.tokens.end))
                }) {
                    self.add_role(
                        ctx,
                        found,
                        roles,
                        person,
                        TitleRole::Relation(RelationLabel::LeaderOf),
                        "head",
                        Some(self.arg(ctx, org, confidence::NAME_WEIGHT)),
                        confidence::ROLE_HEADS,
                        "role-heads",
                    );
                }
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
                    confidence::ROLE_PRONOUN_COPULA,
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
                    confidence::ROLE_WORKS_AS,
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
                        confidence::ROLE_PRONOUN_COPULA_FAR,
                        "role-pronoun-copula",
                    );
                }
            }
        }
    }

    /// Title words ending at token `end` before the person ("Russian Foreign Minister" before
    /// "Sergey Lavrov", or before the comma of "the Iranian foreign minister, Manouchehr
    /// Mottaki"). With `set_off`, the title must open with an article or a possessive, the
    /// shape of a noun phrase in apposition. The title's role and head when one was read.
    #[allow(clippy::too_many_arguments)]
    fn title_before(
        &self,
        ctx: &Ctx<'_>,
        s: &Sentence,
        si: usize,
        end: usize,
        person: usize,
        found: &mut Found,
        roles: &mut Vec<Role>,
        set_off: bool,
    ) -> Option<(TitleRole, String)> {
        let t0 = self.title_start(ctx, s, end);
        let a_end = self.title_end(ctx, t0, end);
        // "chancellor of the exchequer under Mr Blair": a title ends in a title word, not
        // in a preposition that hands over to someone else.
        if t0 >= a_end || self.lex.is_function_word(&ctx.lower(a_end - 1)) {
            return None;
        }
        let phrase = ctx.words[t0..a_end].join(" ");
        let (role, head) = self.lex.title_role(&phrase)?;
        if set_off {
            // What opens the noun phrase: "the", "Britain's", "the company's", or an article
            // before a modifying name ("the Iranian foreign minister", "the Goldman analyst").
            let before = |k: usize| {
                k > s.tokens.start
                    && matches!(
                        ctx.lower(k - 1).as_str(),
                        "the" | "a" | "an" | "its" | "his" | "her" | "their"
                    )
            };
            let opens = t0 > s.tokens.start + 1 && ctx.is_possessive(t0 - 1)
                || before(t0)
                || t0 > s.tokens.start
                    && ctx
                        .mention_at(t0 - 1)
                        .is_some_and(|m| before(ctx.mention(m).tokens.start));
            if !opens {
                return None;
            }
        }
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
        if k > s.tokens.start + 1 && ctx.is_possessive(k - 1) {
            k -= 1;
        }
        let affil = if k > s.tokens.start {
            ctx.mention_at(k - 1)
        } else {
            None
        }
        .or_else(|| self.of_affiliation(ctx, t0, end));
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
        let described = (affil.is_none() && j >= s.tokens.start + 2 && ctx.is_possessive(j - 1))
            .then(|| self.org_description(ctx, s, si, j - 2))
            .flatten();
        self.add_role(
            ctx,
            found,
            roles,
            person,
            role,
            &head,
            affil
                .map(|a| self.arg(ctx, a, confidence::NAME_WEIGHT))
                .or(described),
            if set_off {
                confidence::ROLE_TITLE_SET_OFF
            } else {
                confidence::ROLE_TITLE
            },
            if set_off {
                "role-title-set-off"
            } else {
                "role-title"
            },
        );
        Some((role, head))
    }

    /// "analyst Jason Kenney at ING", "economist John Smith with Barclays Capital": a title
    /// of work (works_for in titles.tsv, `role` and `head` of the title before the name) and
    /// "at"/"with" a body right after the name, which ends at `b`. Offices are left out:
    /// "Chancellor Gordon Brown at the European Council" is where he was, not whom he works
    /// for.
    #[allow(clippy::too_many_arguments)]
    fn employer_after_name(
        &self,
        ctx: &Ctx<'_>,
        s: &Sentence,
        si: usize,
        b: usize,
        person: usize,
        role: TitleRole,
        head: &str,
        found: &mut Found,
        roles: &mut Vec<Role>,
    ) {
        if b + 1 >= s.tokens.end
            || !matches!(ctx.word(b), "at" | "with")
            || role != TitleRole::Relation(RelationLabel::WorksFor)
        {
            return;
        }
        let Some(org) = ctx.mention_at(b + 1).filter(|&o| {
            ctx.in_sentence(o, si)
                && ctx.mention(o).tokens.start == b + 1
                && ctx.mention(o).kind == EntityType::Organization
        }) else {
            return;
        };
        self.add_role(
            ctx,
            found,
            roles,
            person,
            role,
            head,
            Some(self.arg(ctx, org, confidence::NAME_WEIGHT)),
            confidence::ROLE_TITLE_SET_OFF,
            "role-title-at",
        );
    }

    /// Where the office begins after the verb phrase of taking it at `b` ("was elected
    /// [as] [the]", "became", "has been appointed", "was sworn in as", "served as").
    fn office_taken(&self, ctx: &Ctx<'_>, s: &Sentence, b: usize) -> Option<usize> {
        let mut j = b;
        // "will become", "is to become", "went on to become", "is expected to become".
        let future = (j..(j + 4).min(s.tokens.end))
            .take_while(|&t| {
                matches!(
                    ctx.lower(t).as_str(),
                    "will"
                        | "would"
                        | "is"
                        | "was"
                        | "to"
                        | "set"
                        | "expected"
                        | "due"
                        | "likely"
                        | "went"
                        | "go"
                        | "goes"
                        | "on"
                        | "going"
                )
            })
            .last()
            .filter(|&t| ctx.lower(t + 1) == "become");
        if let Some(t) = future {
            j = t + 1;
        }
        if matches!(ctx.lower(j).as_str(), "has" | "have" | "had") {
            j += 1;
        }
        let passive = matches!(ctx.lower(j).as_str(), "is" | "was" | "were" | "been");
        if passive {
            j += 1;
            if ctx.lower(j) == "been" {
                j += 1;
            }
        }
        let verb = ctx.lower(j);
        let taken = if passive {
            matches!(
                verb.as_str(),
                "elected" | "re-elected" | "named" | "appointed" | "chosen" | "installed" | "made"
            ) || verb == "sworn" && ctx.lower(j + 1) == "in"
        } else {
            matches!(
                verb.as_str(),
                "became" | "becomes" | "become" | "remains" | "remained" | "serves" | "served"
            )
        };
        if !taken {
            return None;
        }
        j += if verb == "sworn" { 2 } else { 1 };
        if ctx.lower(j) == "as" {
            j += 1;
        } else if matches!(verb.as_str(), "serves" | "served") {
            return None;
        }
        if matches!(ctx.lower(j).as_str(), "the" | "a" | "an" | "its" | "their") {
            j += 1;
        }
        // "became Britain's ambassador to Germany": a country's or a body's title.
        (j < s.tokens.end
            && (self.lex.is_title_word(ctx.word(j))
                || self.affiliated_title_end(ctx, s, j).is_some()))
        .then_some(j)
    }

    /// "the UK premier", "the Russian president": a description with an affiliation gives the
    /// person it resolves to that role.
    pub(super) fn description_roles(
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
                weight: confidence::NAME_WEIGHT,
            };
            self.add_role(
                ctx,
                found,
                roles,
                person.entity,
                role,
                &head,
                Some(arg),
                confidence::ROLE_DESCRIPTION,
                "role-description",
            );
        }
    }

    /// "Ambassador Max Kampelman and the other top U.S. negotiators", "Lavrov and other
    /// Russian officials": a person named with "the other" holders of a plural title holds it
    /// too, of the country or body that modifies it. Not for someone whose role there is
    /// already known (a president among "other Russian officials" stays its leader).
    pub(super) fn others_of_title(
        &self,
        ctx: &Ctx<'_>,
        s: &Sentence,
        si: usize,
        found: &mut Found,
        roles: &mut Vec<Role>,
    ) {
        for &m in &ctx.by_sentence[si] {
            let mention = ctx.mention(m);
            if mention.kind != EntityType::Person || mention.role != MentionRole::Name {
                continue;
            }
            let mut k = mention.tokens.end;
            if ctx.lower(k) != "and" {
                continue;
            }
            k += 1;
            if ctx.lower(k) == "the" {
                k += 1;
            }
            if ctx.lower(k) != "other" {
                continue;
            }
            k += 1;
            let mut affil: Option<Arg> = None;
            let mut title: Option<(TitleRole, String)> = None;
            while k < s.tokens.end && k <= mention.tokens.end + 9 {
                if let Some(o) = ctx.mention_at(k).filter(|&o| ctx.in_sentence(o, si)) {
                    let other = ctx.mention(o);
                    if !matches!(other.kind, EntityType::Country | EntityType::Organization) {
                        break;
                    }
                    affil = Some(self.arg(ctx, o, confidence::NAME_WEIGHT));
                    k = other.tokens.end;
                    continue;
                }
                let w = ctx.lower(k);
                if let Some(singular) = w.strip_suffix('s').filter(|x| self.lex.is_title_head(x)) {
                    title = self.lex.title_role(singular);
                    break;
                }
                if ctx.input.tokens[k].kind != TokenKind::Word || self.lex.is_function_word(&w) {
                    break;
                }
                k += 1;
            }
            let (Some(affil), Some((role, head))) = (affil, title) else {
                continue;
            };
            let person = ctx.entity_index(m);
            let known = ctx
                .roles
                .iter()
                .chain(roles.iter())
                .any(|r| r.person == person && r.affiliation == Some(affil.entity));
            if known {
                continue;
            }
            self.add_role(
                ctx,
                found,
                roles,
                person,
                role,
                &head,
                Some(affil),
                confidence::ROLE_OTHERS,
                "role-others",
            );
        }
    }

    /// Where the title words `t0..a` before a name end: "NAO head Sir John Bourn" has an
    /// honorific between the title and the name, part of neither.
    pub(super) fn title_end(&self, ctx: &Ctx<'_>, t0: usize, a: usize) -> usize {
        let mut a_end = a;
        while a_end > t0
            && matches!(
                self.lex.title_role(ctx.word(a_end - 1)),
                Some((TitleRole::Honorific, _))
            )
        {
            a_end -= 1;
        }
        a_end
    }

    /// First token of the title words right before token `a` (== `a` when there are none).
    pub(super) fn title_start(&self, ctx: &Ctx<'_>, s: &Sentence, a: usize) -> usize {
        let mut t0 = a;
        // Besides the title words, up to two lowercase nouns or adjectives the tagger reads
        // inside the phrase qualify a title ("Norway's peace negotiator", "the bank's chief
        // currency strategist"), once a title word stands next to the name.
        let mut qualifiers = 0;
        while t0 > s.tokens.start
            && ctx.input.tokens[t0 - 1].kind == TokenKind::Word
            && ctx.mention_at(t0 - 1).is_none()
        {
            let w = ctx.word(t0 - 1);
            if self.lex.is_title_word(w) {
                t0 -= 1;
                continue;
            }
            // "Whittaker Corp chairman and chief executive officer Joseph Alibrandi": two titles
            // of one person, written alike ("French President and Prime Minister X" would be
            // two people, and is not read so when the case differs).
            if w == "and"
                && t0 < a
                && t0 >= s.tokens.start + 2
                && self.lex.is_title_head(ctx.word(t0 - 2))
                && ctx.mention_at(t0 - 2).is_none()
                && ctx.word(t0 - 2).starts_with(char::is_uppercase)
                    == ctx.word(t0).starts_with(char::is_uppercase)
            {
                t0 -= 1;
                continue;
            }
            // Never across "of", "the" or "for" ("against the wishes of chief executive X").
            let qualifies = t0 < a
                && qualifiers < 2
                && !self.lex.is_function_word(ctx.word(t0))
                && w.starts_with(char::is_lowercase)
                && !self.lex.is_function_word(w)
                && matches!(ctx.upos(t0 - 1), Some(Upos::Noun | Upos::Adj))
                // "US trade union leader": a body's noun names what the title is of.
                && !is_body_word(self.lex, &w.to_lowercase());
            if !qualifies {
                break;
            }
            qualifiers += 1;
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
    pub(super) fn title_phrase_after(
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
        // "X, a Wisconsin Democrat and member of the House Intelligence Committee": each
        // coordinated title phrase is read on its own.
        if let Some(and) = (k + 1..limit)
            .take_while(|&t| !matches!(ctx.word(t), "," | ";" | "."))
            .find(|&t| ctx.word(t) == "and" && self.lex.is_title_word(ctx.word(t + 1)))
        {
            self.title_phrase_after(
                ctx,
                s,
                and + 1,
                person,
                found,
                roles,
                conf * confidence::ROLE_COORDINATED,
                rule,
            );
        }
        let mut affil: Option<usize> = None;
        let mut title_start = k;
        while k < limit && ctx.word(k) != "," {
            if let Some(a) = ctx.mention_at(k) {
                let am = ctx.mention(a);
                if ctx.is_possessive(am.tokens.end) {
                    affil = Some(a);
                    k = am.tokens.end + 1;
                    title_start = k;
                    continue;
                }
                // Not a part of a hyphenated word ("the UK-based co-chairman").
                if am.role == MentionRole::Demonym
                    || matches!(am.kind, EntityType::Organization | EntityType::Country)
                        && k == title_start
                        && !ctx.word(k).contains('-')
                {
                    affil = Some(a);
                    k = am.tokens.end;
                    title_start = k;
                    continue;
                }
                break;
            }
            let w = ctx.word(k);
            // "chancellor of the exchequer": a title whose own words go on after "of the".
            if w == "of" && ctx.lower(k + 1) == "the" && k > title_start {
                let longer = format!(
                    "{} of the {}",
                    ctx.words[title_start..k].join(" "),
                    ctx.word(k + 2)
                )
                .to_lowercase();
                if self
                    .lex
                    .title_role(&longer)
                    .is_some_and(|(_, head)| head == longer)
                {
                    k += 3;
                    continue;
                }
            }
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
        // "Echoing Condoleezza Rice, the prime minister said": a title phrase that goes on
        // into a verb is the subject of a new clause, not an apposition.
        if rule.starts_with("role-apposition")
            && (ctx.is_verb(k) || is_speech_form(&ctx.lower(k), SpeechUse::Report))
        {
            return;
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
        // "(of|for|to|at|with) Y" soon after, skipping a short complement ("on climate
        // change", "professor of economics at Harvard").
        let target = (k..(k + 6).min(s.tokens.end))
            .take_while(|&t| ctx.word(t) != "," && ctx.word(t) != ".")
            .filter(|&t| TITLE_PREPS.contains(&ctx.word(t)))
            // "ambassador to France", "high commissioner to South Africa": the country an
            // envoy is sent to is not the one served.
            .take_while(|&p| {
                !(ctx.word(p) == "to"
                    && (matches!(head_class(&head).as_str(), "ambassador" | "envoy")
                        || phrase.to_lowercase().ends_with("high commissioner")))
            })
            // A capitalised complement that names nothing known ends the search: "director of
            // the Institute for the Study of Labour" is no post in the Labour Party.
            .take_while(|&p| {
                !(k..p).any(|q| {
                    TITLE_PREPS.contains(&ctx.word(q))
                        && ctx
                            .word(q + 1 + usize::from(ctx.lower(q + 1) == "the"))
                            .starts_with(char::is_uppercase)
                })
            })
            .find_map(|p| {
                (p + 1..(p + 5).min(s.tokens.end))
                    .take_while(|&t| ctx.word(t) != ",")
                    .find_map(|t| ctx.mention_at(t))
            })
            // "chairman of the Commons public accounts committee": the chamber's committee,
            // when it is a name of its own, is the body meant.
            .map(|t| {
                let end = ctx.mention(t).tokens.end;
                ctx.mention_at(end)
                    .filter(|&n| {
                        let nm = ctx.mention(n);
                        nm.tokens.start == end && nm.kind == EntityType::Organization
                    })
                    .unwrap_or(t)
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
                        Some(self.arg(ctx, t, confidence::NAME_WEIGHT)),
                        conf * confidence::ROLE_AFTER_POSSESSIVE,
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
                Some(self.arg(ctx, a, confidence::NAME_WEIGHT)),
                if target.is_some() {
                    conf
                } else {
                    conf * confidence::ROLE_AFFILIATION_BEFORE
                },
                rule,
            ),
            None => self.add_role(ctx, found, roles, person, role, &head, None, conf, rule),
        }
    }

    /// True when token `k` is a lowercase word modifying a title head that follows within
    /// three words ("senior *bond* analyst", "chief *foreign affairs* spokesman"): a title
    /// phrase is a noun phrase ending in a title, whatever its modifiers.
    pub(super) fn modifies_title(&self, ctx: &Ctx<'_>, k: usize, limit: usize) -> bool {
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
    pub(super) fn bare_title_before_prep(&self, ctx: &Ctx<'_>, s: &Sentence, k: usize) -> bool {
        if let Some(j) = self.affiliated_title_end(ctx, s, k) {
            // Closed by a comma, the phrase is an apposition only when it names whose title
            // it is; "Smith, chairman, and Jones" may be a list.
            return TITLE_PREPS.contains(&ctx.word(j)) || matches!(ctx.word(j), "," | "." | ";");
        }
        self.title_words_end(ctx, s, k)
            .is_some_and(|j| TITLE_PREPS.contains(&ctx.word(j)))
    }

    /// The end of "Britain's foreign secretary", "UK economist", "OFHEO director" from `k`: a
    /// title opened by a country, a demonym or a body (with or without a possessive).
    fn affiliated_title_end(&self, ctx: &Ctx<'_>, s: &Sentence, k: usize) -> Option<usize> {
        let m = ctx.mention_at(k)?;
        let mm = ctx.mention(m);
        if mm.tokens.start != k
            || !(mm.role == MentionRole::Demonym
                || matches!(mm.kind, EntityType::Country | EntityType::Organization))
        {
            return None;
        }
        let mut k = mm.tokens.end;
        if ctx.is_possessive(k) {
            k += 1;
        }
        self.title_words_end(ctx, s, k)
    }

    /// The end of the title words from `k` ("senior analyst", "foreign secretary"), when they
    /// make a title.
    fn title_words_end(&self, ctx: &Ctx<'_>, s: &Sentence, k: usize) -> Option<usize> {
        let limit = (k + 6).min(s.tokens.end);
        let mut j = k;
        while j < limit
            && !self.lex.is_function_word(ctx.word(j))
            && ctx.mention_at(j).is_none()
            && (self.lex.is_title_word(ctx.word(j)) || self.modifies_title(ctx, j, limit))
        {
            j += 1;
        }
        if j == k || self.lex.title_role(&ctx.words[k..j].join(" ")).is_none() {
            return None;
        }
        // "chairman and chief executive of Acme": a coordinated title goes on after "and".
        if ctx.word(j) == "and" {
            if let Some(e) = self.title_words_end(ctx, s, j + 1) {
                return Some(e);
            }
        }
        Some(j)
    }

    /// "President of Iran X": an affiliation after "of" inside the title words.
    pub(super) fn of_affiliation(&self, ctx: &Ctx<'_>, t0: usize, t1: usize) -> Option<usize> {
        let of = (t0..t1).find(|&k| ctx.word(k) == "of")?;
        (of + 1..t1).find_map(|k| ctx.mention_at(k))
    }

    /// True when a local title belongs to the place: a mayor to a city, a governor or an
    /// attorney general to a state or a province the knowledge base puts inside a country
    /// ("New York attorney general" is the state's, and the city of that name has none; a
    /// continent or a sea has no government).
    fn is_polity_of_title(&self, ctx: &Ctx<'_>, e: usize, head: &str) -> bool {
        let Some(kind) = local_government_of(head) else {
            return false;
        };
        self.kb_entry_of(ctx, e)
            .is_some_and(|k| k.country.is_some() && k.key.namespace() == kind)
    }

    /// "Interpart, a Luxembourg-based holding company chaired by financier Giancarlo
    /// Paretti", "the Tower commission, headed by John Tower,", "Nova, an Alberta company, is
    /// led by Robert Blair": a body, then only its apposition's words or a copula, then a
    /// participle of leading and "by" a person: the person leads the body.
    pub(super) fn led_by(&self, ctx: &Ctx<'_>, s: &Sentence, si: usize, found: &mut Found) {
        for k in s.tokens.clone() {
            if !matches!(ctx.lower(k).as_str(), "chaired" | "headed" | "led")
                || ctx.lower(k + 1) != "by"
            {
                continue;
            }
            let Some(person) = self
                .mention_after(ctx, si, k + 2, s.tokens.end, 3, false)
                .filter(|a| a.kind == EntityType::Person)
            else {
                continue;
            };
            let mut j = k;
            let body = loop {
                if j == s.tokens.start || k - j > 10 {
                    break None;
                }
                j -= 1;
                if let Some(m) = ctx.mention_at(j).filter(|&m| ctx.in_sentence(m, si)) {
                    let x = ctx.mention(m);
                    match x.kind {
                        EntityType::Organization if x.role == MentionRole::Name => break Some(m),
                        // "a Luxembourg-based company", "a French group": the apposition's
                        // modifiers.
                        EntityType::Country | EntityType::Location if j + 1 < k => {
                            j = x.tokens.start;
                            continue;
                        }
                        _ => break None,
                    }
                }
                let w = ctx.lower(j);
                let apposition_word = w == ","
                    || matches!(
                        w.as_str(),
                        "a" | "an" | "the" | "is" | "was" | "are" | "were"
                    )
                    || w.chars().all(|c| c.is_lowercase() || c == '-')
                        && !ctx.is_verb(j)
                        && !self.lex.is_function_word(&w);
                if !apposition_word {
                    break None;
                }
            };
            let Some(body) = body else { continue };
            // "A World Bank team led by", "the CFTC committee, headed by": a body naming
            // another noun is not what is led; nor is a body inside a prepositional phrase
            // before an apposition of its own ("in a filing with the SEC, the group, led by").
            let end = ctx.mention(body).tokens.end;
            let start = ctx.mention(body).tokens.start;
            let set_off = end == k || matches!(ctx.word(end), "," | "-" | "–" | "is" | "was");
            let before = if start > s.tokens.start && ctx.lower(start - 1) == "the" {
                start.saturating_sub(2)
            } else {
                start.saturating_sub(1)
            };
            let in_phrase = before >= s.tokens.start
                && start > s.tokens.start
                && matches!(
                    ctx.lower(before).as_str(),
                    "with" | "in" | "to" | "from" | "of" | "for" | "at" | "by" | "on" | "against"
                );
            if !set_off || in_phrase {
                continue;
            }
            found.push(Finding::new(
                person.entity,
                RelationLabel::LeaderOf,
                ctx.entity_index(body),
                format!("{} by", ctx.lower(k)),
                confidence::ROLE_LED_BY * person.weight,
                "role-led-by",
            ));
        }
    }

    /// True when a member's place is the seat they hold ("MP for Glasgow Kelvin", "the
    /// Manchester Central MP"): a place the knowledge base does not know as a region or
    /// country ("Scotland's only Conservative MP" is no seat).
    fn is_seat(&self, ctx: &Ctx<'_>, e: usize, head: &str) -> bool {
        // Members of parliaments sit for seats; a senator's state is the polity ("New York
        // Senator" is no seat in New York City).
        matches!(head, "mp" | "msp" | "mep" | "member of parliament")
            && e < ctx.input.resolution.entities.len()
            && self
                .kb_entry_of(ctx, e)
                .is_none_or(|k| k.key.namespace() == Namespace::Place)
    }

    /// True when an organisation is a political party (the knowledge base says so, or its
    /// name does: "Respect Party").
    pub(super) fn is_party(&self, ctx: &Ctx<'_>, entity: usize) -> bool {
        let Some(e) = ctx.input.resolution.entities.get(entity) else {
            return false;
        };
        self.kb_entry_of(ctx, entity).is_some_and(|k| k.is_party()) || e.name.ends_with(" Party")
    }

    /// Records a role and, when the affiliation fits the ontology, the static relation.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn add_role(
        &self,
        ctx: &Ctx<'_>,
        found: &mut Found,
        roles: &mut Vec<Role>,
        person: usize,
        role: TitleRole,
        head: &str,
        affil: Option<Arg>,
        conf: f32,
        mut rule: &'static str,
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
                        weight: confidence::NAME_WEIGHT,
                    })
                });
        }
        if affil_arg.is_none()
            && matches!(label, RelationLabel::LeaderOf | RelationLabel::OfficialOf)
            && (is_state_title(head) || is_government_title(head))
        {
            // "President Reagan": the title says what, the knowledge base says of which country.
            // Not for titles of any body ("majority leader", "chairman", "head"): the base
            // knows a member of Congress serves the government, not that he leads it.
            affil_arg = self.kb_government(ctx, person);
            conf *= confidence::ROLE_KB_COUNTRY;
        }
        if affil_arg.is_none() && is_government_title(head) {
            // "TOKYO, April 17 - ... Agriculture Minister Mutsuki Kato": a cabinet title with
            // no country, in a wire from a country's capital, is that country's.
            if let Some(country) = ctx.dateline.as_ref().and_then(|d| d.country) {
                affil_arg = Some(Arg::country(country));
                conf *= confidence::ROLE_DATELINE_COUNTRY;
                rule = DATELINE_ROLE_RULE;
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
            // "California Governor Arnold Schwarzenegger", "New York State Comptroller Alan
            // Hevesi": a state's or a city's own offices; not "Europe Minister", whose place
            // is no polity.
            (RelationLabel::LeaderOf | RelationLabel::OfficialOf, EntityType::Location)
                if self.is_polity_of_title(ctx, af.entity, head)
                    || self.is_seat(ctx, af.entity, head) =>
            {
                label
            }
            _ => return,
        };
        // A chancellor heads the government in Germany and Austria; Britain's is the finance
        // minister ("Chancellor Gordon Brown"), as elsewhere.
        let label = if label == RelationLabel::LeaderOf
            && head == "chancellor"
            && af.kind == EntityType::Country
            && !self
                .kb_entry_of(ctx, af.entity)
                .is_some_and(|k| CHANCELLOR_LEADS.contains(&k.key.as_str()))
        {
            RelationLabel::OfficialOf
        } else {
            label
        };
        // "Labour MP Oona King": a legislator belongs to a party; the party's offices
        // ("Tory spokesman", "party chairman") stay offices.
        let label = if label == RelationLabel::OfficialOf
            && is_legislator(head)
            && self.is_party(ctx, af.entity)
        {
            RelationLabel::MemberOf
        } else {
            label
        };
        let conf = if label == RelationLabel::OfficialOf
            && role == TitleRole::Relation(RelationLabel::AdviserTo)
        {
            conf * confidence::ROLE_ADVISER_AS_OFFICIAL
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

    /// The country a linked person served in government (at the document's date when known),
    /// as an argument, when the document names that country.
    pub(super) fn kb_government(&self, ctx: &Ctx<'_>, person: usize) -> Option<Arg> {
        let ents = &ctx.input.resolution.entities;
        let entry = self.kb_entry_of(ctx, person)?;
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

    /// The country an entity belongs to: itself for a country, the affiliation of one of its
    /// roles, or the knowledge base's country for a person or organisation of that name.
    pub(super) fn country_of(&self, ctx: &Ctx<'_>, e: usize) -> Option<usize> {
        let ents = &ctx.input.resolution.entities;
        let entity = ents.get(e)?;
        if entity.kind == EntityType::Country {
            return Some(e);
        }
        if let Some(a) = self.role_country(ctx, e) {
            return Some(a);
        }
        let key = self.kb_country_key(ctx, e)?;
        ents.iter()
            .position(|x| x.kb_key.as_deref() == Some(key.as_str()))
    }

    /// The knowledge-base key of an entity's country, whether or not the document names that
    /// country: the affiliation of one of its roles, else the base's country for its name.
    pub(super) fn home_country_key(&self, ctx: &Ctx<'_>, e: usize) -> Option<String> {
        let ents = &ctx.input.resolution.entities;
        let entity = ents.get(e)?;
        if entity.kind == EntityType::Country {
            return entity.kb_key.as_deref().map(String::from);
        }
        match self.role_country(ctx, e) {
            Some(a) => ents.get(a)?.kb_key.as_deref().map(String::from),
            None => self.kb_country_key(ctx, e),
        }
    }

    /// A country the text gave the entity a role in ("U.S. Agriculture Secretary").
    fn role_country(&self, ctx: &Ctx<'_>, e: usize) -> Option<usize> {
        let ents = &ctx.input.resolution.entities;
        ctx.roles.iter().filter(|r| r.person == e).find_map(|r| {
            r.affiliation
                .filter(|&a| ents.get(a).is_some_and(|x| x.kind == EntityType::Country))
        })
    }

    /// The knowledge base's country for an entity's name.
    fn kb_country_key(&self, ctx: &Ctx<'_>, e: usize) -> Option<String> {
        let entity = ctx.input.resolution.entities.get(e)?;
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
        Some(key.to_string())
    }
}
