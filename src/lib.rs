//! kg: a knowledge-graph builder for people, countries and relations in news text.
//!
//! The pipeline, one module per stage, data flowing one way:
//! documents ([`read`]) → tokens and sentences ([`nlp`]) → mentions ([`nlp::ner`]) →
//! entities ([`resolve`]) → relations ([`relate`]) → SQLite ([`store`]) → graph ([`graph`]) →
//! exports ([`export`]). [`kb`] is the knowledge base (countries, cities, organisations, titles)
//! the stages consult; [`model`] holds the value types they pass along.

pub mod error;
pub mod export;
pub mod graph;
pub mod ingest;
pub mod kb;
pub mod model;
pub mod read;

pub use error::{Error, Result};
pub use model::*;
pub mod nlp;
pub mod pipeline;
pub mod relate;
pub mod resolve;
pub mod store;
