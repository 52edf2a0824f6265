//! Node-link JSON, the layout `networkx.node_link_graph(data, edges="links")` and d3-force read:
//! `{"directed", "multigraph", "graph", "nodes": [{"id", ...}], "links": [{"source", "target",
//! "key", ...}]}`. A multigraph, because two entities can be linked by several labels.

use crate::error::{Error, Result};
use crate::graph::Subgraph;
use crate::model::printed_confidence;
use serde_json::{json, Value};
use std::io::Write;

/// The node-link document for `graph` (edges whose ends are absent are left out).
pub fn node_link(graph: &Subgraph) -> Value {
    let ids: std::collections::BTreeSet<crate::model::EntityId> =
        graph.nodes.iter().map(|n| n.id).collect();
    let nodes: Vec<Value> = graph
        .nodes
        .iter()
        .map(|n| {
            json!({
                "id": format!("n{}", n.id),
                "entity_id": n.id,
                "name": n.name,
                "type": n.kind,
                "kb_key": n.kb_key,
            })
        })
        .collect();
    let links: Vec<Value> = graph
        .edges
        .iter()
        .filter(|e| ids.contains(&e.subject) && ids.contains(&e.object))
        .map(|e| {
            json!({
                "source": format!("n{}", e.subject),
                "target": format!("n{}", e.object),
                "key": e.label,
                "label": e.label,
                "support": e.support,
                "confidence": printed_confidence(e.max_confidence),
                "evidence": e.best.evidence,
                "document": e.best.document,
                "date": e.best.date,
                "documents": e.documents,
            })
        })
        .collect();
    json!({
        "directed": true,
        "multigraph": true,
        "graph": {"name": "kg"},
        "nodes": nodes,
        "links": links,
    })
}

/// Writes [`node_link`] as one JSON document and a newline.
pub fn write_json<W: Write>(graph: &Subgraph, out: &mut W) -> Result<()> {
    serde_json::to_writer(&mut *out, &node_link(graph))?;
    writeln!(out).map_err(Error::Write)
}
