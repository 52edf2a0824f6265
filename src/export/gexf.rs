//! Dynamic GEXF 1.2 of the dated events, so that Gephi's timeline plays the graph over time:
//! a node lives from its first event to its last, an edge (one per triple) likewise, with one
//! spell per event and the number of reports as weight.

use super::graphml::escape_xml;
use crate::error::{Error, Result};
use crate::events::TripleKey;
use crate::model::{EntityId, EntityRecord};
use crate::store::Event;
use crate::time::Date;
use std::collections::BTreeMap;
use std::io::Write;

/// Writes `events` (undated ones left out) as one dynamic, directed GEXF graph.
pub fn write_gexf<W: Write + ?Sized>(events: &[Event], out: &mut W) -> Result<()> {
    // Node: record, first day, last day. Edge: one per triple, its events' (start, end) spells.
    let mut nodes: BTreeMap<EntityId, (&EntityRecord, Date, Date)> = BTreeMap::new();
    type Edge<'e> = (&'e Event, Vec<(Date, Date)>, usize);
    let mut edges: BTreeMap<TripleKey, Edge<'_>> = BTreeMap::new();
    for e in events {
        let (Some(start), Some(end)) = (e.start, e.end) else {
            continue;
        };
        for ent in [&e.subject, &e.object] {
            let n = nodes.entry(ent.id).or_insert((ent, start, end));
            n.1 = n.1.min(start);
            n.2 = n.2.max(end);
        }
        let edge = edges
            .entry(TripleKey::new(e.subject.id, e.label, e.object.id))
            .or_insert((e, Vec::new(), 0));
        edge.1.push((start, end));
        edge.2 += e.sources.len();
    }
    let io = |r: std::io::Result<()>| r.map_err(Error::Write);
    io(writeln!(
        out,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">
  <meta>
    <creator>kg</creator>
    <description>dated events: one edge per (subject, label, object), one spell per event</description>
  </meta>
  <graph defaultedgetype="directed" mode="dynamic" timeformat="date">
    <attributes class="node" mode="static">
      <attribute id="kind" title="kind" type="string"/>
    </attributes>
    <attributes class="edge" mode="static">
      <attribute id="label" title="label" type="string"/>
      <attribute id="events" title="events" type="integer"/>
    </attributes>
    <nodes>"#
    ))?;
    for (id, (rec, start, end)) in &nodes {
        io(writeln!(
            out,
            r#"      <node id="{id}" label="{}" start="{start}" end="{end}">
        <attvalues><attvalue for="kind" value="{}"/></attvalues>
      </node>"#,
            escape_xml(&rec.name),
            rec.kind
        ))?;
    }
    io(writeln!(out, "    </nodes>\n    <edges>"))?;
    for (i, (key, (e, spells, sources))) in edges.iter().enumerate() {
        let first = spells.iter().map(|s| s.0).min().unwrap_or(spells[0].0);
        let last = spells.iter().map(|s| s.1).max().unwrap_or(spells[0].1);
        io(writeln!(
            out,
            r#"      <edge id="{i}" source="{}" target="{}" label="{}" weight="{sources}" start="{first}" end="{last}">
        <attvalues><attvalue for="label" value="{}"/><attvalue for="events" value="{}"/></attvalues>
        <spells>"#,
            e.subject.id,
            e.object.id,
            key.label,
            key.label,
            spells.len()
        ))?;
        for (s, t) in spells {
            io(writeln!(out, r#"          <spell start="{s}" end="{t}"/>"#))?;
        }
        io(writeln!(out, "        </spells>\n      </edge>"))?;
    }
    io(writeln!(out, "    </edges>\n  </graph>\n</gexf>"))
}
