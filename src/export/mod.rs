//! Writers that turn a [`Subgraph`](crate::graph::Subgraph) into files other tools read.

pub mod contract;
pub mod dot;

pub use dot::{escape_dot_string, write_dot, DotOptions};
