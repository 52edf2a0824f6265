//! GraphML for Gephi, yEd and `networkx.read_graphml`: typed keys for every node and edge
//! attribute, stable ids (`n<entity id>`, `e<index>`), XML escaping with control chars removed.

use crate::error::{Error, Result};
use crate::graph::Subgraph;
use crate::model::printed_confidence;
use std::io::{self, Write};

/// Escapes text for XML element content and attribute values: the five special characters
/// become entities, characters XML 1.0 forbids (C0 controls but tab and line feed, CR, DEL and
/// the C1 range, U+FFFE/U+FFFF) are dropped.
pub fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' => out.push(c),
            '\u{FFFE}' | '\u{FFFF}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

const NODE_KEYS: [(&str, &str); 3] = [("name", "string"), ("type", "string"), ("kb_key", "string")];
const EDGE_KEYS: [(&str, &str); 7] = [
    ("label", "string"),
    ("support", "int"),
    ("confidence", "double"),
    ("evidence", "string"),
    ("document", "string"),
    ("date", "string"),
    ("documents", "string"),
];

/// Writes `graph` as a directed GraphML document, nodes by id and edges by (subject, label,
/// object); edges whose ends are absent are left out.
pub fn write_graphml<W: Write>(graph: &Subgraph, out: &mut W) -> Result<()> {
    render(graph, out).map_err(Error::Write)
}

fn render<W: Write>(g: &Subgraph, out: &mut W) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (name, ty) in NODE_KEYS {
        writeln!(
            out,
            r#"  <key id="{name}" for="node" attr.name="{name}" attr.type="{ty}"/>"#
        )?;
    }
    for (name, ty) in EDGE_KEYS {
        writeln!(
            out,
            r#"  <key id="{name}" for="edge" attr.name="{name}" attr.type="{ty}"/>"#
        )?;
    }
    writeln!(out, r#"  <graph id="kg" edgedefault="directed">"#)?;
    let ids: std::collections::BTreeSet<crate::model::EntityId> =
        g.nodes.iter().map(|n| n.id).collect();
    for n in &g.nodes {
        writeln!(out, r#"    <node id="n{}">"#, n.id)?;
        writeln!(
            out,
            r#"      <data key="name">{}</data>"#,
            escape_xml(&n.name)
        )?;
        writeln!(out, r#"      <data key="type">{}</data>"#, n.kind)?;
        if let Some(k) = &n.kb_key {
            writeln!(out, r#"      <data key="kb_key">{}</data>"#, escape_xml(k))?;
        }
        writeln!(out, "    </node>")?;
    }
    let edges = g
        .edges
        .iter()
        .filter(|e| ids.contains(&e.subject) && ids.contains(&e.object));
    for (i, e) in edges.enumerate() {
        writeln!(
            out,
            r#"    <edge id="e{i}" source="n{}" target="n{}">"#,
            e.subject, e.object
        )?;
        writeln!(out, r#"      <data key="label">{}</data>"#, e.label)?;
        writeln!(out, r#"      <data key="support">{}</data>"#, e.support)?;
        writeln!(
            out,
            r#"      <data key="confidence">{}</data>"#,
            printed_confidence(e.max_confidence)
        )?;
        for (key, value) in [
            ("evidence", e.best.evidence.as_str()),
            ("document", e.best.document.as_str()),
            ("date", e.best.date.as_deref().unwrap_or("")),
        ] {
            if !value.is_empty() {
                writeln!(
                    out,
                    r#"      <data key="{key}">{}</data>"#,
                    escape_xml(value)
                )?;
            }
        }
        writeln!(
            out,
            r#"      <data key="documents">{}</data>"#,
            escape_xml(&e.documents.join("; "))
        )?;
        writeln!(out, "    </edge>")?;
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escaping() {
        let cases = [
            ("AT&T <b>", "AT&amp;T &lt;b&gt;"),
            ("say \"hi\" 'x'", "say &quot;hi&quot; &apos;x&apos;"),
            ("nul\0bell\u{7}esc\u{1b}cr\r", "nulbellesccr"),
            ("tab\tnl\n", "tab\tnl\n"),
            ("c1\u{85}del\u{7f}", "c1del"),
            ("nonchar\u{FFFF}", "nonchar"),
            ("Erdoğan ظریف", "Erdoğan ظریف"),
        ];
        for (input, expected) in cases {
            assert_eq!(escape_xml(input), expected, "{input:?}");
        }
    }
}
