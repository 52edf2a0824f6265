//! Every confidence the relation rules give, in one table: the base confidence of each rule
//! and the factors that adjust it (an argument reached through a pronoun or a modifier, a
//! hedged clause, a parse that may be wrong). A relation's confidence is its rule's base times
//! the factors that apply, clamped to 0.05–0.99.
//!
//! The figures were set by hand and checked against `../shared/eval` with
//! `python3 scripts/confidence_table.py ../shared/eval/gold PRED --by-rule`: precision must
//! rise from the lowest confidence bucket to the highest. A rule whose measured precision
//! falls below its neighbours' is moved here, not at its call site.

// ---------------------------------------------------------------- roles (roles.rs)

/// "Russian Foreign Minister Sergey Lavrov": a title right before a name.
pub(super) const ROLE_TITLE: f32 = 0.85;
/// "Mr Howard was elected leader of the Conservative Party": an office taken.
pub(super) const ROLE_OFFICE_TAKEN: f32 = 0.75;
/// "Mr Barroso, who heads the European Commission": leading said with a verb.
pub(super) const ROLE_HEADS: f32 = 0.7;
/// "Nato member Turkey", "Turkey, a member of Nato": a country or body in a body.
pub(super) const MEMBER_PHRASE: f32 = 0.75;
/// "Mr Bush is due in Europe": a journey announced, which may still be called off.
pub(super) const SCHEDULED_VISIT: f32 = 0.6;
/// "Britain's foreign secretary, Jack Straw,": a title set off before a name.
pub(super) const ROLE_TITLE_SET_OFF: f32 = 0.8;
/// "said ABN Amro's Paul Mackel": a body's possessive before a person, with no title.
pub(super) const ROLE_POSSESSOR_BODY: f32 = 0.6;
/// "Sergey Lavrov, Russia's foreign minister": a title in apposition.
pub(super) const ROLE_APPOSITION: f32 = 0.8;
/// "Lavrov, minister": an apposition with no determiner or affiliation.
pub(super) const ROLE_APPOSITION_BARE: f32 = 0.75;
/// "Interpart, a holding company chaired by financier Giancarlo Paretti": leading read from
/// a participle of leading between the body and the person.
pub(super) const ROLE_LED_BY: f32 = 0.75;
/// "Lavrov, who is foreign minister of Russia".
pub(super) const ROLE_RELATIVE_CLAUSE: f32 = 0.75;
/// "the adviser for Iran, Ali Velayati".
pub(super) const ROLE_TITLE_FOR: f32 = 0.75;
/// "Lavrov is Russia's foreign minister".
pub(super) const ROLE_COPULA: f32 = 0.75;
/// "He is a senior adviser to the supreme leader".
pub(super) const ROLE_PRONOUN_COPULA: f32 = 0.7;
/// The same, where the pronoun's antecedent is less certain.
pub(super) const ROLE_PRONOUN_COPULA_FAR: f32 = 0.65;
/// "Mann works as an analyst at Gimme Credit".
pub(super) const ROLE_WORKS_AS: f32 = 0.7;
/// "the minister" resolved through the role memory to a person named earlier.
pub(super) const ROLE_DESCRIPTION: f32 = 0.7;
/// A second title phrase coordinated in an apposition ("a Kansas Republican and member of").
pub(super) const ROLE_COORDINATED: f32 = 0.9;
/// "X and the other U.S. negotiators": a title shared with others named after the person.
pub(super) const ROLE_OTHERS: f32 = 0.7;
/// The title after a possessive that follows the first title's affiliation.
pub(super) const ROLE_AFTER_POSSESSIVE: f32 = 0.9;
/// An affiliation read from the phrase before the title, not after it ("the ECGD's chief").
pub(super) const ROLE_AFFILIATION_BEFORE: f32 = 0.95;
/// The knowledge base's country for a bare title ("President Reagan").
pub(super) const ROLE_KB_COUNTRY: f32 = 0.9;
/// The dateline's country for a bare cabinet title ("TOKYO - Agriculture Minister Kato").
pub(super) const ROLE_DATELINE_COUNTRY: f32 = 0.8;
/// An adviser of a country's government read as its official.
pub(super) const ROLE_ADVISER_AS_OFFICIAL: f32 = 0.8;

// ---------------------------------------------------------------- modifiers (modifiers.rs)

/// Confidence of a relation read from a modifier before a name.
pub(super) const MODIFIER: f32 = 0.6;

// ---------------------------------------------------------------- places (places.rs)

/// "Helsinki, Finland".
pub(super) const LOCATED_COMMA: f32 = 0.85;
/// "a Moscow-based think tank".
pub(super) const LOCATED_BASED: f32 = 0.8;
/// "the Millennium Dome in Greenwich": a named place modified by "in" another.
pub(super) const PLACE_IN_PLACE: f32 = 0.6;
/// "the Center for Corporate Governance at the University of Delaware": part of a body.
pub(super) const BODY_AT_BODY: f32 = 0.55;

// ---------------------------------------------------------------- windows (predicates.rs)

/// A symmetric verb whose second party is a coordinated subject ("Britain and France agreed").
pub(super) const VERB_SYMMETRIC: f32 = 0.9;
/// "the Putin-Trump summit", "talks between X and Y".
pub(super) const EVENT_NOUN_BETWEEN: f32 = 0.75;
/// "talks with Y" with the doer read before the noun.
pub(super) const EVENT_NOUN_WITH: f32 = 0.7;
/// "held talks with Y" with the doer the subject of the light verb.
pub(super) const EVENT_NOUN_LIGHT_VERB: f32 = 0.65;
/// "US sanctions on Iran": a nominal act.
pub(super) const ACT_NOUN: f32 = 0.65;
/// The same in a hedged clause.
pub(super) const ACT_NOUN_HEDGED: f32 = 0.45;
/// An act received from a doer after "from" ("won backing from the IMF"): one step further
/// from the words than an act with its doer as possessor.
pub(super) const ACT_RECEIVED: f32 = 0.6;
/// "Velayati's visit to Moscow" from the window.
pub(super) const TRAVEL_NOUN: f32 = 0.7;
/// "relations with Russia".
pub(super) const TIE_NOUN: f32 = 0.5;

// ---------------------------------------------------------------- speech (speech.rs)

/// "X told Y".
pub(super) const SPEECH_ADDRESSEE: f32 = 0.75;
/// A statement whose sentence has more negative than positive cue words.
pub(super) const TONE_CRITICAL: f32 = 0.5;
/// A statement whose sentence has more positive than negative cue words.
pub(super) const TONE_SUPPORTIVE: f32 = 0.45;
/// A plain statement about someone.
pub(super) const TONE_NEUTRAL: f32 = 0.4;

// ---------------------------------------------------------------- the parse (clause.rs)

/// How much a parse-read relation is trusted relative to the lexicon sense's own confidence:
/// parse errors cost some precision that the window rules' local checks do not.
pub(super) const PARSE_FACTOR: f32 = 0.9;
/// A symmetric act among coordinated subjects, read off the parse.
pub(super) const PARSE_SYMMETRIC: f32 = 0.8;
/// "Kohl's visit to Moscow" on the parse.
pub(super) const PARSE_TRAVEL_NOUN: f32 = 0.65;
/// "talks with Mitterrand" on the parse.
pub(super) const PARSE_TALKS_NOUN: f32 = 0.6;
/// "an agreement between Kenya and the World Bank".
pub(super) const PARSE_AGREEMENT_NOUN: f32 = 0.55;
/// "Saddam Hussein's regime in Iraq" read as leading Iraq.
pub(super) const GOVERNMENT_OF: f32 = 0.7;
/// "his second term as US President".
pub(super) const ROLE_AS: f32 = 0.7;
/// "Lyng said in Tokyo" read as a visit.
pub(super) const ABROAD: f32 = 0.55;
/// A foreign official leading a wire filed from a place ("TOKYO - U.S. Secretary X said").
pub(super) const DATELINE_VISIT: f32 = 0.6;
/// "X stood against Y" read from the preposition alone.
pub(super) const AGAINST: f32 = 0.55;
/// "said that if the EC approves a tax, a trade row will erupt": a warning to the EC.
pub(super) const CONDITIONAL_WARNING: f32 = 0.55;
/// Below this, a relation read off the parse is more often wrong than right: not emitted.
pub(super) const PARSE_MIN: f32 = 0.4;

// ---------------------------------------------------------------- factors

/// The range a relation's confidence is clamped to: no rule is certain, none worthless.
pub(super) const FLOOR: f32 = 0.05;
/// See [`FLOOR`].
pub(super) const CEILING: f32 = 0.99;

/// A modal or conditional clause ("could meet", "if they agree").
pub(super) const HEDGE_FACTOR: f32 = 0.7;
/// What a clause in the future tense ("will visit") keeps of a relation's confidence.
pub(super) const FUTURE_FACTOR: f32 = 0.9;
/// A name read as an argument: the full weight.
pub(super) const NAME_WEIGHT: f32 = 1.0;
/// An argument found some tokens away from its predicate, past other words.
pub(super) const DISTANT_NAME_WEIGHT: f32 = 0.9;
/// A pronoun or a definite description resolved to its antecedent.
pub(super) const ANTECEDENT_WEIGHT: f32 = 0.8;
/// A demonym heading its phrase, standing for its country ("the Nigerians").
pub(super) const DEMONYM_WEIGHT: f32 = 0.8;
/// A place named by a modifier ("a Latin American tour").
pub(super) const PLACE_MODIFIER_WEIGHT: f32 = 0.9;
/// A body named by a modifier of the object noun ("halt the Iranian nuclear programme").
pub(super) const MODIFIER_WEIGHT: f32 = 0.75;
/// The owner of a thing named inside the argument ("an overhaul of the EC financing system").
pub(super) const NESTED_MODIFIER_WEIGHT: f32 = 0.7;
/// A country standing for the unnamed holders of a title of it ("the finance ministers of
/// Japan and France met").
pub(super) const TITLE_BODY_WEIGHT: f32 = 0.85;
/// An organisation a definite description ("the company") stands for.
pub(super) const ORG_DESCRIPTION_WEIGHT: f32 = 0.8;
