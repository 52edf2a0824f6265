//! JSON Lines: one aggregated triple per line with its names, types, support and the evidence
//! of its most confident relation.

use crate::error::{Error, Result};
use crate::graph::Subgraph;
use crate::model::printed_confidence;
use serde_json::json;
use std::collections::BTreeMap;
use std::io::Write;

/// Writes one line per edge whose ends are present, in (subject, label, object) order.
pub fn write_jsonl<W: Write>(graph: &Subgraph, out: &mut W) -> Result<()> {
    let nodes: BTreeMap<crate::model::EntityId, _> =
        graph.nodes.iter().map(|n| (n.id, n)).collect();
    for e in &graph.edges {
        let (Some(s), Some(o)) = (nodes.get(&e.subject), nodes.get(&e.object)) else {
            continue;
        };
        let line = json!({
            "subject": s.name,
            "subject_type": s.kind,
            "relation": e.label,
            "object": o.name,
            "object_type": o.kind,
            "support": e.support,
            "confidence": printed_confidence(e.max_confidence),
            "predicate": e.best.predicate,
            "evidence": e.best.evidence,
            "document": e.best.document,
            "date": e.best.date,
        });
        serde_json::to_writer(&mut *out, &line)?;
        writeln!(out).map_err(Error::Write)?;
    }
    Ok(())
}
