//! kg: a knowledge-graph builder for people, countries and relations in news text.
//!
//! The pipeline, one module per stage, data flowing one way:
//! documents ([`read`]) → tokens and sentences ([`nlp`]) → mentions ([`nlp::mention_rules`], optionally
//! with the trained [`nlp::tagger::recogniser`]) → entities ([`resolve`]) → relations ([`relate`]) →
//! event dates ([`time`]) → SQLite ([`store`], which folds relations into [`events`]) →
//! graph ([`graph`]) → exports ([`export`]). [`pipeline`] runs the
//! extraction stages on one document; [`ingest`] runs them on many, in parallel, into the
//! store. [`kb`] is the knowledge base the stages consult; [`model`] holds the value types
//! they pass along.
//!
//! ```
//! use kg::{pipeline::Pipeline, Document, RelationLabel};
//!
//! let doc = Document::from_text("note.txt", "Russian Foreign Minister Sergey Lavrov met Ali Akbar Velayati in Moscow.");
//! let ex = Pipeline::new().extract(doc);
//! let triples: Vec<(&str, RelationLabel, &str)> = ex
//!     .relations
//!     .iter()
//!     .map(|r| (ex.entities[r.subject].name.as_str(), r.label, ex.entities[r.object].name.as_str()))
//!     .collect();
//! assert!(triples.contains(&("Sergey Lavrov", RelationLabel::OfficialOf, "Russia")));
//! assert!(triples.contains(&("Sergey Lavrov", RelationLabel::Met, "Ali Akbar Velayati")));
//! ```

#![deny(missing_docs)]
pub mod error;
pub mod events;
pub mod export;
pub mod graph;
pub mod ingest;
pub mod kb;
pub mod model;
pub mod nlp;
pub mod pipeline;
pub mod read;
pub mod relate;
pub mod resolve;
pub mod store;
#[cfg(test)]
mod testing;
pub mod text;
pub mod time;

pub use error::{Error, Result};
pub use model::*;
