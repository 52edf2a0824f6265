//! Text analysis: tokens and sentences with byte offsets, the shared word lists, and the
//! mention finder; trained taggers and the dependency parser.

pub mod lexicon;
pub mod ner;
pub mod parse;
pub mod sentence;
pub mod tagger;
pub mod tokenize;
