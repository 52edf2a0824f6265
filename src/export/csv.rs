//! CSV in the neo4j-admin import layout: `nodes.csv` (`:ID`, `name`, `:LABEL`, `kb_key`) and
//! `relationships.csv` (`:START_ID`, `:END_ID`, `:TYPE`, support, confidence, evidence,
//! document, date). Strings are always quoted with inner quotes doubled; line breaks inside
//! evidence become spaces and other control characters are dropped, so every record is one
//! line (neo4j-admin then needs no `--multiline-fields`).

use crate::error::{Error, Result};
use crate::graph::Subgraph;
use crate::model::printed_confidence;
use std::io::{self, Write};

/// A quoted CSV field.
pub fn quote_csv(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\"\""),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Writes the nodes file.
pub fn write_nodes<W: Write + ?Sized>(graph: &Subgraph, out: &mut W) -> Result<()> {
    (|| -> io::Result<()> {
        writeln!(out, ":ID,name,:LABEL,kb_key")?;
        for n in &graph.nodes {
            writeln!(
                out,
                "n{},{},{},{}",
                n.id,
                quote_csv(&n.name),
                n.kind,
                quote_csv(n.kb_key.as_deref().unwrap_or(""))
            )?;
        }
        Ok(())
    })()
    .map_err(Error::Write)
}

/// Writes the relationships file (`:TYPE` is the label in upper case, neo4j's convention).
pub fn write_relationships<W: Write + ?Sized>(graph: &Subgraph, out: &mut W) -> Result<()> {
    let ids: std::collections::BTreeSet<crate::model::EntityId> =
        graph.nodes.iter().map(|n| n.id).collect();
    (|| -> io::Result<()> {
        writeln!(
            out,
            ":START_ID,:END_ID,:TYPE,support:int,confidence:float,evidence,document,date"
        )?;
        for e in graph
            .edges
            .iter()
            .filter(|e| ids.contains(&e.subject) && ids.contains(&e.object))
        {
            writeln!(
                out,
                "n{},n{},{},{},{},{},{},{}",
                e.subject,
                e.object,
                e.label.as_str().to_ascii_uppercase(),
                e.support,
                printed_confidence(e.max_confidence),
                quote_csv(&e.best.evidence),
                quote_csv(&e.best.document),
                quote_csv(e.best.date.as_deref().unwrap_or(""))
            )?;
        }
        Ok(())
    })()
    .map_err(Error::Write)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quoting() {
        for (input, expected) in [
            ("plain", "\"plain\""),
            ("a \"b\", c", "\"a \"\"b\"\", c\""),
            ("line\nbreak\r\n", "\"line break  \""),
            ("nul\0", "\"nul\""),
            ("", "\"\""),
        ] {
            assert_eq!(quote_csv(input), expected, "{input:?}");
        }
    }
}
