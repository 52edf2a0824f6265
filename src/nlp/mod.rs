//! Text analysis: tokens and sentences with byte offsets, the shared word lists, and the
//! mention finder.

pub mod lexicon;
pub mod ner;
pub mod sentence;
pub mod tagger;
pub mod tokenize;
