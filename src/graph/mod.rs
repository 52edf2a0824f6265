//! The graph of entities and aggregated relations: the compact CSR graph that answers queries
//! (walked through petgraph's traits and algorithms), its cache file, subgraphs with evidence
//! for export, and a generator of big synthetic graphs for benchmarks.

pub mod cache;
pub mod compact;
pub mod generate;
pub mod query;
pub mod subgraph;
#[cfg(test)]
mod test_support;
pub mod visit;

pub use subgraph::{AggregatedEdge, EvidenceRef, Subgraph, SubgraphBuilder};
