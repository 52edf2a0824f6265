//! Shared value types that flow through the pipeline: spans, documents, tokens, mentions,
//! entities, relations and the records the store hands to the graph.

pub mod columns;

use crate::kb::Key;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::Range;
use std::str::FromStr;

/// A half-open byte range into a document's original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes).
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    /// The text this span covers; empty when the span does not fit `text` (never panics).
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True for an empty span.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// One input document: its original text and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Name used in outputs: the file's base name, or the `id` of a JSONL record.
    pub name: String,
    /// Where it was read from: a path, `path:line` for JSONL, or `-` for stdin.
    pub source: String,
    /// Title (HTML `<title>`, JSONL `title`, or a short first line followed by a blank line).
    pub title: Option<String>,
    /// Publication date as ISO `YYYY-MM-DD` when known.
    pub date: Option<String>,
    /// Original URL (JSONL `url`).
    pub url: Option<String>,
    /// The text every span points into.
    pub text: String,
    /// Problems met while reading that did not stop the document (e.g. invalid UTF-8 replaced).
    pub warnings: Vec<String>,
}

impl Document {
    /// A document with only a name and a text (tests, stdin).
    pub fn from_text(name: impl Into<String>, text: impl Into<String>) -> Self {
        let name = name.into();
        Document {
            source: name.clone(),
            name,
            title: None,
            date: None,
            url: None,
            text: text.into(),
            warnings: Vec::new(),
        }
    }
}

/// What a token looks like, decided by the tokenizer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TokenKind {
    /// Letters, possibly with inner hyphens, apostrophes or dots ("al-Assad", "U.S.").
    Word,
    /// Digits, possibly with separators ("5.4", "1,000").
    Number,
    /// Punctuation and symbols.
    Punct,
}

/// A token: a span of the text and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// Where it is.
    pub span: Span,
    /// What it is.
    pub kind: TokenKind,
}

/// A sentence: a span of the text and the tokens inside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// Where it is (trimmed of surrounding white space).
    pub span: Span,
    /// Indexes into the document's token list.
    pub tokens: Range<usize>,
}

/// The entity types of CONTRACT.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    /// A person.
    Person,
    /// A sovereign country (current or historical).
    Country,
    /// A city, region or place that is not a country.
    Location,
    /// Governments' bodies, ministries, parties, companies, media, alliances...
    Organization,
}

impl EntityType {
    /// All types, in a fixed order.
    pub const ALL: [EntityType; 4] = [
        EntityType::Person,
        EntityType::Country,
        EntityType::Location,
        EntityType::Organization,
    ];

    /// The CONTRACT.md spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Country => "COUNTRY",
            EntityType::Location => "LOCATION",
            EntityType::Organization => "ORGANIZATION",
        }
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EntityType {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_uppercase().as_str() {
            "PERSON" | "PER" => Ok(EntityType::Person),
            "COUNTRY" => Ok(EntityType::Country),
            "LOCATION" | "LOC" => Ok(EntityType::Location),
            "ORGANIZATION" | "ORGANISATION" | "ORG" => Ok(EntityType::Organization),
            other => Err(format!(
                "unknown entity type {other:?} (expected PERSON, COUNTRY, LOCATION or ORGANIZATION)"
            )),
        }
    }
}

/// The relation ontology of CONTRACT.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationLabel {
    // Static relations: who is what.
    /// Heads a country or organisation (president, prime minister, king, chief).
    LeaderOf,
    /// Holds an office in a country or organisation (minister, envoy, general, official).
    OfficialOf,
    /// Advises a person (adviser, aide).
    AdviserTo,
    /// Belongs to an organisation or party.
    MemberOf,
    /// Is employed by an organisation.
    WorksFor,
    /// Is a national of a country.
    CitizenOf,
    /// A place or organisation lies in a place or country.
    LocatedIn,
    // Interactions: who did what to whom.
    /// Met in person (symmetric).
    Met,
    /// Travelled to a place or went to see someone.
    Visited,
    /// Received a visitor.
    Hosted,
    /// Spoke, wrote or phoned to someone.
    Communicated,
    /// Said something about someone.
    Stated,
    /// Backed or praised someone.
    Supported,
    /// Condemned or blamed someone.
    Criticized,
    /// Warned someone.
    Warned,
    /// Threatened someone.
    Threatened,
    /// Worked together, agreed or signed with someone (symmetric).
    Cooperated,
    /// Held talks with someone (symmetric).
    Negotiated,
    /// Gave aid to someone.
    Aided,
    /// Demanded something of someone.
    Demanded,
    /// Rejected or resisted someone.
    Opposed,
    /// Imposed sanctions on someone.
    Sanctioned,
    /// Used force against someone.
    Attacked,
}

impl RelationLabel {
    /// Every label, static ones first.
    pub const ALL: [RelationLabel; 23] = [
        RelationLabel::LeaderOf,
        RelationLabel::OfficialOf,
        RelationLabel::AdviserTo,
        RelationLabel::MemberOf,
        RelationLabel::WorksFor,
        RelationLabel::CitizenOf,
        RelationLabel::LocatedIn,
        RelationLabel::Met,
        RelationLabel::Visited,
        RelationLabel::Hosted,
        RelationLabel::Communicated,
        RelationLabel::Stated,
        RelationLabel::Supported,
        RelationLabel::Criticized,
        RelationLabel::Warned,
        RelationLabel::Threatened,
        RelationLabel::Cooperated,
        RelationLabel::Negotiated,
        RelationLabel::Aided,
        RelationLabel::Demanded,
        RelationLabel::Opposed,
        RelationLabel::Sanctioned,
        RelationLabel::Attacked,
    ];

    /// The CONTRACT.md spelling.
    pub fn as_str(self) -> &'static str {
        use RelationLabel::*;
        match self {
            LeaderOf => "leader_of",
            OfficialOf => "official_of",
            AdviserTo => "adviser_to",
            MemberOf => "member_of",
            WorksFor => "works_for",
            CitizenOf => "citizen_of",
            LocatedIn => "located_in",
            Met => "met",
            Visited => "visited",
            Hosted => "hosted",
            Communicated => "communicated",
            Stated => "stated",
            Supported => "supported",
            Criticized => "criticized",
            Warned => "warned",
            Threatened => "threatened",
            Cooperated => "cooperated",
            Negotiated => "negotiated",
            Aided => "aided",
            Demanded => "demanded",
            Opposed => "opposed",
            Sanctioned => "sanctioned",
            Attacked => "attacked",
        }
    }

    /// CAMEO root code(s) for interactions; `None` for static relations.
    pub fn cameo(self) -> Option<&'static str> {
        use RelationLabel::*;
        Some(match self {
            Met | Visited | Hosted | Negotiated => "04",
            Communicated => "01/04",
            Stated => "01",
            Supported => "05",
            Criticized => "11",
            Warned | Threatened => "13",
            Cooperated => "03/06",
            Aided => "07",
            Demanded => "10",
            Opposed => "12",
            Sanctioned => "16/17",
            Attacked => "18/19",
            LeaderOf | OfficialOf | AdviserTo | MemberOf | WorksFor | CitizenOf | LocatedIn => {
                return None
            }
        })
    }

    /// True when "A rel B" says the same as "B rel A".
    pub fn is_symmetric(self) -> bool {
        matches!(
            self,
            RelationLabel::Met | RelationLabel::Cooperated | RelationLabel::Negotiated
        )
    }

    /// True for "who is what" relations (as opposed to interactions).
    pub fn is_static(self) -> bool {
        self.cameo().is_none()
    }
}

impl fmt::Display for RelationLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for RelationLabel {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RelationLabel::ALL
            .iter()
            .copied()
            .find(|l| l.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                let all: Vec<&str> = RelationLabel::ALL.iter().map(|l| l.as_str()).collect();
                format!("unknown relation {s:?}; known: {}", all.join(", "))
            })
    }
}

/// A stretch of text that names (or stands for) an entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// Where it is.
    pub span: Span,
    /// Token indexes it covers.
    pub tokens: Range<usize>,
    /// Index of its sentence.
    pub sentence: usize,
    /// The type the mention finder gave it.
    pub kind: EntityType,
    /// Knowledge-base key when the mention matched the knowledge base (e.g. `country:RUS`).
    pub kb_key: Option<Key>,
    /// The surface form normalised for display ("Russian" stays "Russian"; the entity says "Russia").
    pub text: String,
    /// How it refers.
    pub role: MentionRole,
}

/// How a mention refers to its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionRole {
    /// A proper name ("Vladimir Putin", "Russia", "NATO").
    Name,
    /// An adjective or demonym standing for a country ("Russian", "Iranian").
    Demonym,
}

/// One real-world referent within a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Canonical name: the knowledge-base name or the fullest form seen.
    pub name: String,
    /// Type.
    pub kind: EntityType,
    /// Knowledge-base key, when linked.
    pub kb_key: Option<Key>,
    /// Every surface form seen, sorted, including the name.
    pub aliases: Vec<String>,
    /// Indexes into the document's mentions.
    pub mentions: Vec<usize>,
}

/// The sentence that supports a relation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The sentence's span in the document text.
    pub span: Span,
    /// The sentence text (a copy of `span` over the document, for output).
    pub text: String,
}

/// A triple with its support, inside one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Relation {
    /// Index of the subject in the document's entities.
    pub subject: usize,
    /// Ontology label.
    pub label: RelationLabel,
    /// Index of the object in the document's entities.
    pub object: usize,
    /// Lemmatised surface predicate ("deliver letter", "foreign minister").
    pub predicate: String,
    /// The supporting sentence.
    pub evidence: Evidence,
    /// How sure the extractor is, in 0..=1.
    pub confidence: f32,
    /// The rule that produced it ("role-title", "verb", "speech"...), so a wrong edge can be
    /// traced to what made it.
    #[serde(default)]
    pub rule: String,
    /// CAMEO event code for interactions: the lexicon's finer code ("042") when the predicate
    /// has one, else the label's root ("04"); `None` for static relations.
    #[serde(default)]
    pub cameo: Option<String>,
}

/// Everything the pipeline found in one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    /// The document itself.
    pub document: Document,
    /// Tokens, in text order.
    pub tokens: Vec<Token>,
    /// Sentences, in text order.
    pub sentences: Vec<Sentence>,
    /// Mentions, in text order.
    pub mentions: Vec<Mention>,
    /// Entities, in order of first mention.
    pub entities: Vec<Entity>,
    /// Relations, in text order.
    pub relations: Vec<Relation>,
    /// Per sentence (parallel to `sentences`): UPOS tags and the dependency parse; empty
    /// layers when no tagger or parser is loaded.
    #[serde(default)]
    pub syntax: Vec<SentenceSyntax>,
}

/// Declares a store-side row id as a type of its own, written as the bare number (in JSON,
/// in text, and after `#` in a handle), so that one table's id is never taken for another's.
macro_rules! store_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<$name, Self::Err> {
                s.parse().map($name)
            }
        }
    };
}

store_id!(
    /// Store-side id of an entity (`entities.id`); not a graph node's index.
    EntityId
);
store_id!(
    /// Store-side id of a relation (`relations.id`).
    RelationId
);
store_id!(
    /// Store-side id of a document (`documents.id`).
    DocumentId
);

/// An entity as stored: what the graph view loads as a node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityRecord {
    /// Store id (stable while the store lives).
    pub id: EntityId,
    /// Canonical name.
    pub name: String,
    /// Type.
    pub kind: EntityType,
    /// Knowledge-base key, when linked.
    pub kb_key: Option<Key>,
}

/// A relation as stored: what the graph view loads as (part of) an edge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelationRecord {
    /// Store id.
    pub id: RelationId,
    /// Subject entity.
    pub subject: EntityId,
    /// Label.
    pub label: RelationLabel,
    /// Object entity.
    pub object: EntityId,
    /// Lemmatised predicate.
    pub predicate: String,
    /// Name of the document it came from.
    pub document: String,
    /// Document date, when known.
    pub date: Option<String>,
    /// Evidence sentence.
    pub evidence: String,
    /// Confidence in 0..=1.
    pub confidence: f32,
}

/// A confidence as printed: three decimals, so that an f32 widened to f64
/// (`0.800000011920929`) or a product in f32 (`0.32000002`) reads as the number it stands for.
pub fn printed_confidence(confidence: impl Into<f64>) -> f64 {
    (confidence.into() * 1000.0).round() / 1000.0
}

/// Serialises a confidence (f32 or f64) as [`printed_confidence`] has it; for
/// `#[serde(serialize_with = "...")]` on the fields of output types.
pub fn serialize_confidence<S, C>(confidence: &C, serializer: S) -> Result<S::Ok, S::Error>
where
    S: serde::Serializer,
    C: Copy + Into<f64>,
{
    serializer.serialize_f64(printed_confidence(*confidence))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confidences_print_with_three_decimals_at_most() {
        // (value, printed as JSON)
        let cases: [(f64, &str); 6] = [
            (f64::from(0.8f32), "0.8"),
            (f64::from(0.8f32 * 0.4f32), "0.32"),
            (f64::from(0.65f32), "0.65"),
            (0.9375, "0.938"),
            (1.0, "1.0"),
            (0.0, "0.0"),
        ];
        for (value, printed) in cases {
            let json = serde_json::to_string(&printed_confidence(value)).unwrap();
            assert_eq!(json, printed, "{value}");
        }
        #[derive(Serialize)]
        struct Edge {
            #[serde(serialize_with = "serialize_confidence")]
            confidence: f32,
        }
        let edge = Edge {
            confidence: 0.72f32 * 1.0000001,
        };
        assert_eq!(
            serde_json::to_string(&edge).unwrap(),
            r#"{"confidence":0.72}"#
        );
    }

    #[test]
    fn labels_round_trip_through_strings() {
        for l in RelationLabel::ALL {
            assert_eq!(l.as_str().parse::<RelationLabel>().unwrap(), l);
            let json = serde_json::to_string(&l).unwrap();
            assert_eq!(json, format!("\"{}\"", l.as_str()));
        }
        assert!("co_mentioned".parse::<RelationLabel>().is_err());
    }

    #[test]
    fn entity_types_serialise_as_contract_says() {
        for t in EntityType::ALL {
            assert_eq!(
                serde_json::to_string(&t).unwrap(),
                format!("\"{}\"", t.as_str())
            );
            assert_eq!(t.as_str().parse::<EntityType>().unwrap(), t);
        }
    }

    #[test]
    fn span_slice_never_panics() {
        let text = "Sergey Lavrov";
        assert_eq!(Span::new(0, 6).slice(text), "Sergey");
        assert_eq!(Span::new(3, 99).slice(text), "");
        assert_eq!(Span::new(1, 2).slice("é"), "");
    }
}

/// A universal part-of-speech tag (UD v2, 17 tags).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Upos {
    /// Adjective.
    Adj,
    /// Adposition.
    Adp,
    /// Adverb.
    Adv,
    /// Auxiliary.
    Aux,
    /// Coordinating conjunction.
    Cconj,
    /// Determiner.
    Det,
    /// Interjection.
    Intj,
    /// Noun.
    Noun,
    /// Numeral.
    Num,
    /// Particle.
    Part,
    /// Pronoun.
    Pron,
    /// Proper noun.
    Propn,
    /// Punctuation.
    Punct,
    /// Subordinating conjunction.
    Sconj,
    /// Symbol.
    Sym,
    /// Verb.
    Verb,
    /// Other.
    X,
}

impl Upos {
    /// Every tag, in UD's alphabetical order (index = `self as usize`).
    pub const ALL: [Upos; 17] = [
        Upos::Adj,
        Upos::Adp,
        Upos::Adv,
        Upos::Aux,
        Upos::Cconj,
        Upos::Det,
        Upos::Intj,
        Upos::Noun,
        Upos::Num,
        Upos::Part,
        Upos::Pron,
        Upos::Propn,
        Upos::Punct,
        Upos::Sconj,
        Upos::Sym,
        Upos::Verb,
        Upos::X,
    ];

    /// The tag as UD writes it ("PROPN").
    pub fn as_str(self) -> &'static str {
        const NAMES: [&str; 17] = [
            "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON",
            "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X",
        ];
        NAMES[self as usize]
    }
}

impl FromStr for Upos {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        Upos::ALL
            .iter()
            .find(|u| u.as_str() == s)
            .copied()
            .ok_or_else(|| format!("unknown UPOS tag {s:?}"))
    }
}

impl fmt::Display for Upos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The dependency relations kg knows: the 37 universal ones and the subtypes UD English uses.
const DEPRELS: [&str; 60] = [
    "acl",
    "acl:relcl",
    "advcl",
    "advcl:relcl",
    "advmod",
    "amod",
    "appos",
    "aux",
    "aux:pass",
    "case",
    "cc",
    "cc:preconj",
    "ccomp",
    "clf",
    "compound",
    "compound:prt",
    "conj",
    "cop",
    "csubj",
    "csubj:outer",
    "csubj:pass",
    "dep",
    "det",
    "det:predet",
    "discourse",
    "dislocated",
    "expl",
    "fixed",
    "flat",
    "goeswith",
    "iobj",
    "list",
    "mark",
    "nmod",
    "nmod:desc",
    "nmod:poss",
    "nmod:unmarked",
    "nsubj",
    "nsubj:outer",
    "nsubj:pass",
    "nummod",
    "obj",
    "obl",
    "obl:agent",
    "obl:unmarked",
    "orphan",
    "parataxis",
    "punct",
    "reparandum",
    "root",
    "vocative",
    "flat:foreign",
    "nmod:tmod",
    "nmod:npmod",
    "obl:tmod",
    "obl:npmod",
    "det:poss",
    "expl:pv",
    "compound:svc",
    "xcomp",
];

/// A dependency relation label, subtype included (`nsubj:pass`, `obl:agent`, `acl:relcl`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct DepRel(u8);

impl DepRel {
    /// The root of a sentence.
    pub const ROOT: DepRel = DepRel(49);
    /// The unspecified dependency (`dep`), also what unknown labels fall back to.
    pub const DEP: DepRel = DepRel(21);
    /// Punctuation.
    pub const PUNCT: DepRel = DepRel(47);

    /// The full label ("nsubj:pass").
    pub fn as_str(self) -> &'static str {
        DEPRELS[self.0 as usize]
    }

    /// The universal part, before any ':' ("nsubj" for "nsubj:pass").
    pub fn universal(self) -> &'static str {
        let s = self.as_str();
        s.split_once(':').map_or(s, |(u, _)| u)
    }

    /// The label for `s`: exact, else its universal part when the subtype is unknown, else
    /// `dep` (a parse from another tool never fails on a label kg does not know).
    pub fn parse_lenient(s: &str) -> DepRel {
        s.parse().unwrap_or_else(|_| {
            s.split_once(':')
                .and_then(|(u, _)| u.parse().ok())
                .unwrap_or(DepRel::DEP)
        })
    }
}

impl FromStr for DepRel {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        DEPRELS
            .iter()
            .position(|d| *d == s)
            .map(|i| DepRel(i as u8))
            .ok_or_else(|| format!("unknown dependency relation {s:?}"))
    }
}

impl TryFrom<String> for DepRel {
    type Error = String;
    fn try_from(s: String) -> std::result::Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<DepRel> for String {
    fn from(d: DepRel) -> String {
        d.as_str().to_string()
    }
}

impl fmt::Display for DepRel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The syntax of one sentence: a UPOS tag, a head and a relation per token. Indexes are
/// positions within the sentence's tokens (0 = its first token); `heads[i] == None` marks the
/// root. All three are empty when no tagger is loaded, and `heads`/`deprels` when no parser is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentenceSyntax {
    /// UPOS tag per token.
    pub upos: Vec<Upos>,
    /// Head per token (`None`: the root).
    pub heads: Vec<Option<usize>>,
    /// Relation to the head per token (`root` for the root).
    pub deprels: Vec<DepRel>,
}

impl SentenceSyntax {
    /// True when the sentence has a parse (heads and relations).
    pub fn is_parsed(&self) -> bool {
        !self.heads.is_empty()
    }

    /// The head of token `i` (`None` for the root, or without a parse).
    pub fn head(&self, i: usize) -> Option<usize> {
        self.heads.get(i).copied().flatten()
    }

    /// The relation of token `i` to its head, if parsed.
    pub fn deprel(&self, i: usize) -> Option<DepRel> {
        self.deprels.get(i).copied()
    }

    /// The root token (the first, should a parse have several).
    pub fn root(&self) -> Option<usize> {
        self.heads.iter().position(Option::is_none)
    }

    /// The dependents of token `i`, left to right.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.heads
            .iter()
            .enumerate()
            .filter(move |(_, h)| **h == Some(i))
            .map(|(j, _)| j)
    }

    /// The dependents of token `i` whose relation is `label`: a full label ("nsubj:pass")
    /// matches exactly, a universal one ("nsubj") matches it and all its subtypes.
    pub fn dependents_with<'a>(
        &'a self,
        i: usize,
        label: &'a str,
    ) -> impl Iterator<Item = usize> + 'a {
        let exact = label.contains(':');
        self.children(i).filter(move |&j| {
            let d = self.deprels[j];
            if exact {
                d.as_str() == label
            } else {
                d.universal() == label
            }
        })
    }
}

#[cfg(test)]
mod syntax_tests {
    use super::*;

    #[test]
    fn labels_round_trip_and_split() {
        let cases: &[(&str, &str, &str)] = &[
            ("nsubj:pass", "nsubj:pass", "nsubj"),
            ("obl:agent", "obl:agent", "obl"),
            ("root", "root", "root"),
            ("obl:foo", "obl", "obl"),
            ("whatever", "dep", "dep"),
            ("xcomp", "xcomp", "xcomp"),
        ];
        for (input, full, universal) in cases {
            let d = DepRel::parse_lenient(input);
            assert_eq!(d.as_str(), *full, "{input}");
            assert_eq!(d.universal(), *universal, "{input}");
        }
        assert_eq!(DepRel::ROOT.as_str(), "root");
        assert_eq!(DepRel::DEP.as_str(), "dep");
        assert_eq!(DepRel::PUNCT.as_str(), "punct");
        // Every universal relation of UD v2 (a missing one became `dep`: 1.3 points of LAS).
        let universal = "acl advcl advmod amod appos aux case cc ccomp clf compound conj cop \
            csubj dep det discourse dislocated expl fixed flat goeswith iobj list mark nmod \
            nsubj nummod obj obl orphan parataxis punct reparandum root vocative xcomp";
        for u in universal.split_whitespace() {
            assert_eq!(u.parse::<DepRel>().map(DepRel::as_str), Ok(u));
        }
        for (i, u) in Upos::ALL.iter().enumerate() {
            assert_eq!(*u as usize, i);
            assert_eq!(u.as_str().parse::<Upos>(), Ok(*u));
        }
        let json = serde_json::to_string(&DepRel::parse_lenient("acl:relcl")).unwrap();
        assert_eq!(json, "\"acl:relcl\"");
        assert_eq!(serde_json::to_string(&Upos::Propn).unwrap(), "\"PROPN\"");
    }

    #[test]
    fn tree_helpers() {
        // "Putin was met by Lavrov": met is the root.
        let rel = |s: &str| DepRel::parse_lenient(s);
        let t = SentenceSyntax {
            upos: vec![Upos::Propn, Upos::Aux, Upos::Verb, Upos::Adp, Upos::Propn],
            heads: vec![Some(2), Some(2), None, Some(4), Some(2)],
            deprels: vec![
                rel("nsubj:pass"),
                rel("aux:pass"),
                rel("root"),
                rel("case"),
                rel("obl:agent"),
            ],
        };
        assert_eq!(t.root(), Some(2));
        assert_eq!(t.children(2).collect::<Vec<_>>(), [0, 1, 4]);
        assert_eq!(t.dependents_with(2, "nsubj").collect::<Vec<_>>(), [0]);
        assert_eq!(t.dependents_with(2, "nsubj:pass").collect::<Vec<_>>(), [0]);
        assert_eq!(t.dependents_with(2, "obl:tmod").count(), 0);
        assert_eq!(t.dependents_with(2, "obl").collect::<Vec<_>>(), [4]);
        assert_eq!(t.head(3), Some(4));
        assert_eq!(t.head(2), None);
        assert_eq!(t.head(99), None);
        assert!(SentenceSyntax::default().root().is_none());
    }
}
