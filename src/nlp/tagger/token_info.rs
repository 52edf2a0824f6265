//! What the feature templates know about one token ([`TokInfo`]) and its flag bits: the value
//! type shared by the featurizer, the word clusters and the gazetteer, kept apart from all
//! three so their imports go one way (token_info and hash at the bottom, features on top).

/// Token flags.
pub mod flag {
    /// First char upper case.
    pub const INIT_CAP: u16 = 1;
    /// Every letter upper case (and at least one letter).
    pub const ALL_CAPS: u16 = 2;
    /// Contains a digit.
    pub const HAS_DIGIT: u16 = 4;
    /// Only digits and number punctuation.
    pub const NUMBER: u16 = 8;
    /// Contains a hyphen.
    pub const HYPHEN: u16 = 16;
    /// Contains a period.
    pub const PERIOD: u16 = 32;
    /// No letter or digit at all.
    pub const PUNCT: u16 = 64;
    /// Every letter lower case.
    pub const LOWER: u16 = 128;
    /// A known given name.
    pub const GIVEN: u16 = 256;
}

/// Number of cluster granularities kept per word.
pub const CLUSTER_LEVELS: usize = 4;
/// No cluster for this word.
pub const NO_CLUSTER: u16 = u16::MAX;

/// What the feature templates need to know about one token.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TokInfo {
    /// Hash of the word as written.
    pub exact: u64,
    /// Hash of the lower-cased word with digits replaced by 0.
    pub lower: u64,
    /// Hash of the folded (lower-case, unaccented) word: gazetteer and document key.
    pub key: u64,
    /// Hash of the full shape ("Xxxxx", "dd.d").
    pub shape: u64,
    /// Hash of the shape with repeats collapsed ("Xx", "d.d").
    pub short_shape: u64,
    /// Hashes of the 1..4-char prefixes (0 when the word is shorter).
    pub prefix: [u64; 4],
    /// Hashes of the 1..4-char suffixes (0 when the word is shorter).
    pub suffix: [u64; 4],
    /// Cluster ids, coarse to fine.
    pub cluster: [u16; CLUSTER_LEVELS],
    /// The tags the word had in the POS training data, a bitmask (0: unknown, or not looked
    /// up; only the POS tagger fills it).
    pub tags: u32,
    /// Gazetteer matches: bit `category * 4 + position` (B, I, L, U).
    pub gaz: u32,
    /// [`flag`] bits.
    pub flags: u16,
}
