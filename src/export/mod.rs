//! Writers that turn a [`Subgraph`](crate::graph::Subgraph) into files other tools read.

pub mod contract;
pub mod csv;
pub mod dot;
pub mod events;
pub mod gexf;
pub mod graphml;
pub mod json;
pub mod jsonl;

pub use dot::{escape_dot_string, write_dot, DotOptions};
