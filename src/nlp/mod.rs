//! Text analysis: tokens and sentences with byte offsets, the shared word lists, and the
//! rule-based mention finder (`mention_rules`); the trained taggers, among them the
//! statistical recogniser (`tagger::recogniser`), and the dependency parser.

pub mod lexicon;
pub mod mention_rules;
pub mod parse;
pub mod sentence;
pub mod tagger;
pub mod tokenize;
