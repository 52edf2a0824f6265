//! Graphviz DOT output. Our own writer rather than petgraph's `Dot` (documented as debug output),
//! so the text is stable across versions and every string is escaped the same way.

use crate::error::{Error, Result};
use crate::graph::{AggregatedEdge, Subgraph};
use crate::model::{EntityId, EntityRecord, EntityType};
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::io::{self, Write};

const FONT: &str = "Helvetica";
/// Tooltips longer than this (in chars) are cut, ending in "…".
const MAX_TOOLTIP_CHARS: usize = 200;
/// Edge width grows as 1 + ln(support) up to this.
const MAX_PENWIDTH: f64 = 5.0;

/// Options for [`write_dot`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DotOptions {
    /// Caption drawn at the top of the graph.
    pub title: Option<String>,
    /// An entity to draw in bold with a double border (e.g. the centre of a neighbourhood).
    pub highlight: Option<EntityId>,
    /// Group nodes into boxed clusters.
    pub cluster_by: Option<ClusterBy>,
    /// Draw a legend of the node styles used.
    pub legend: bool,
}

/// How [`write_dot`] groups nodes into clusters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClusterBy {
    /// One cluster per entity type.
    Type,
    /// One cluster per country: a country with the entities linked to it (the best-supported
    /// country link wins); entities linked to no country stay outside.
    Country,
}

/// Above this many nodes the writer asks for `sfdp` with `overlap=prism`: `dot`'s layered
/// layout takes minutes on graphs that size.
pub const LARGE_GRAPH_NODES: usize = 1000;

/// Escapes `s` for use inside a double-quoted DOT string.
///
/// Backslash and `"` are backslash-escaped, a newline becomes `\n`, a tab a space, CR and
/// other control characters (NUL included) are dropped. `&` becomes `&amp;` because Graphviz decodes HTML
/// entities in labels and tooltips, and a name that happens to contain `&lt;` must not turn
/// into `<`. Everything else (`<`, `>`, bidi marks, curly quotes, diacritics) passes through:
/// it has no meaning inside a quoted string.
pub fn escape_dot_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '&' => out.push_str("&amp;"),
            // An imported triple's evidence is its TSV line: its fields stay apart.
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes `graph` as a DOT `digraph`. Nodes are written in id order and edges in
/// (subject, label, object) order, so the same graph always gives the same text. Edges whose
/// ends are not among the nodes are left out.
pub fn write_dot<W: Write>(graph: &Subgraph, out: &mut W, opts: &DotOptions) -> Result<()> {
    render(graph, out, opts).map_err(Error::Write)
}

fn render<W: Write>(graph: &Subgraph, out: &mut W, opts: &DotOptions) -> io::Result<()> {
    let mut nodes: Vec<&EntityRecord> = graph.nodes.iter().collect();
    nodes.sort_by_key(|e| e.id);
    nodes.dedup_by_key(|e| e.id);
    let present: BTreeSet<EntityId> = nodes.iter().map(|e| e.id).collect();
    let mut edges: Vec<&AggregatedEdge> = graph
        .edges
        .iter()
        .filter(|e| present.contains(&e.subject) && present.contains(&e.object))
        .collect();
    edges.sort_by_key(|e| (e.subject, e.label, e.object));

    writeln!(out, "digraph kg {{")?;
    if nodes.len() > LARGE_GRAPH_NODES {
        write!(
            out,
            "  graph [layout=sfdp, overlap=prism, outputorder=edgesfirst, splines=false, fontname=\"{FONT}\""
        )?;
    } else {
        write!(
            out,
            "  graph [rankdir=LR, fontname=\"{FONT}\", overlap=false, splines=true"
        )?;
    }
    if let Some(title) = &opts.title {
        write!(out, ", label=\"{}\", labelloc=t", escape_dot_string(title))?;
    }
    writeln!(out, "];")?;
    writeln!(
        out,
        "  node [fontname=\"{FONT}\", fontsize=11, style=filled, color=\"#555555\"];"
    )?;
    writeln!(
        out,
        "  edge [fontname=\"{FONT}\", fontsize=9, color=\"#555555\"];"
    )?;

    let clusters = opts
        .cluster_by
        .map(|by| clusters(&nodes, &edges, by))
        .unwrap_or_default();
    let in_cluster: BTreeSet<EntityId> = clusters.values().flatten().copied().collect();
    for node in nodes.iter().filter(|n| !in_cluster.contains(&n.id)) {
        write_node(out, node, opts.highlight == Some(node.id))?;
    }
    let by_id: std::collections::BTreeMap<EntityId, &EntityRecord> =
        nodes.iter().map(|n| (n.id, *n)).collect();
    for (i, (name, members)) in clusters.iter().enumerate() {
        writeln!(out, "  subgraph \"cluster_{i}\" {{")?;
        writeln!(
            out,
            "    graph [label=\"{}\", style=\"rounded,dashed\", color=\"#999999\"];",
            escape_dot_string(name)
        )?;
        for id in members {
            if let Some(node) = by_id.get(id) {
                write!(out, "  ")?;
                write_node(out, node, opts.highlight == Some(node.id))?;
            }
        }
        writeln!(out, "  }}")?;
    }
    for edge in edges {
        write_edge(out, edge)?;
    }
    if opts.legend {
        write_legend(out, &nodes)?;
    }
    writeln!(out, "}}")
}

/// Cluster name → member ids, both sorted.
fn clusters(
    nodes: &[&EntityRecord],
    edges: &[&AggregatedEdge],
    by: ClusterBy,
) -> std::collections::BTreeMap<String, Vec<EntityId>> {
    let mut out: std::collections::BTreeMap<String, Vec<EntityId>> = Default::default();
    match by {
        ClusterBy::Type => {
            for n in nodes {
                out.entry(n.kind.to_string()).or_default().push(n.id);
            }
        }
        ClusterBy::Country => {
            let kind: std::collections::BTreeMap<EntityId, &EntityRecord> =
                nodes.iter().map(|n| (n.id, *n)).collect();
            // Best country link per entity: most support, then lowest country id.
            let mut best: std::collections::BTreeMap<EntityId, (usize, EntityId)> =
                Default::default();
            for e in edges {
                for (me, other) in [(e.subject, e.object), (e.object, e.subject)] {
                    let (Some(m), Some(c)) = (kind.get(&me), kind.get(&other)) else {
                        continue;
                    };
                    if m.kind == EntityType::Country || c.kind != EntityType::Country {
                        continue;
                    }
                    let better = match best.get(&me) {
                        None => true,
                        Some(&(support, country)) => {
                            e.support > support || (e.support == support && other < country)
                        }
                    };
                    if better {
                        best.insert(me, (e.support, other));
                    }
                }
            }
            for n in nodes {
                let country = if n.kind == EntityType::Country {
                    Some(n.id)
                } else {
                    best.get(&n.id).map(|&(_, c)| c)
                };
                if let Some(c) = country.and_then(|c| kind.get(&c)) {
                    out.entry(c.name.clone()).or_default().push(n.id);
                }
            }
        }
    }
    out
}

/// A boxed legend: one sample node per entity type present.
fn write_legend<W: Write>(out: &mut W, nodes: &[&EntityRecord]) -> io::Result<()> {
    let kinds: BTreeSet<EntityType> = nodes.iter().map(|n| n.kind).collect();
    if kinds.is_empty() {
        return Ok(());
    }
    writeln!(out, "  subgraph \"cluster_legend\" {{")?;
    writeln!(
        out,
        "    graph [label=\"Legend\", style=rounded, color=\"#999999\", fontsize=10];"
    )?;
    for kind in kinds {
        let (shape, fill) = node_style(kind);
        writeln!(
            out,
            "    \"legend_{kind}\" [label=\"{kind}\", shape={shape}, fillcolor=\"{fill}\", fontsize=9];"
        )?;
    }
    writeln!(out, "  }}")
}

/// Shape and fill colour for an entity type (hex so any Graphviz colour scheme reads them).
fn node_style(kind: EntityType) -> (&'static str, &'static str) {
    match kind {
        EntityType::Person => ("ellipse", "#add8e6"), // light blue
        EntityType::Country => ("box", "#90ee90"),    // light green
        EntityType::Location => ("house", "#f0e68c"), // khaki
        EntityType::Organization => ("box3d", "#ffa07a"), // light salmon
    }
}

fn node_id(id: EntityId) -> String {
    escape_dot_string(&format!("n{id}"))
}

fn write_node<W: Write>(out: &mut W, node: &EntityRecord, highlight: bool) -> io::Result<()> {
    let (shape, fill) = node_style(node.kind);
    let tooltip = match &node.kb_key {
        Some(key) => format!("{} ({key})", node.kind),
        None => node.kind.to_string(),
    };
    write!(
        out,
        "  \"{}\" [label=\"{}\", shape={shape}, fillcolor=\"{fill}\", tooltip=\"{}\"",
        node_id(node.id),
        escape_dot_string(&node.name),
        escape_dot_string(&tooltip),
    )?;
    if highlight {
        write!(out, ", style=\"filled,bold\", penwidth=3, peripheries=2")?;
    }
    writeln!(out, "];")
}

fn write_edge<W: Write>(out: &mut W, edge: &AggregatedEdge) -> io::Result<()> {
    let label = if edge.support > 1 {
        format!("{} ×{}", edge.label, edge.support)
    } else {
        edge.label.to_string()
    };
    write!(
        out,
        "  \"{}\" -> \"{}\" [label=\"{}\", penwidth={:.2}, tooltip=\"{}\"",
        node_id(edge.subject),
        node_id(edge.object),
        escape_dot_string(&label),
        penwidth(edge.support),
        escape_dot_string(&truncate_chars(&edge.best.evidence, MAX_TOOLTIP_CHARS)),
    )?;
    if edge.label.is_symmetric() {
        write!(out, ", dir=none")?;
    }
    writeln!(out, "];")
}

fn penwidth(support: usize) -> f64 {
    (1.0 + (support.max(1) as f64).ln()).min(MAX_PENWIDTH)
}

/// At most `max` chars of `s`, the last being "…" when something was cut.
fn truncate_chars(s: &str, max: usize) -> Cow<'_, str> {
    if s.chars().count() <= max {
        return Cow::Borrowed(s);
    }
    let keep = max.saturating_sub(1);
    let end = s.char_indices().nth(keep).map_or(s.len(), |(i, _)| i);
    Cow::Owned(format!("{}…", s.get(..end).unwrap_or("")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{EvidenceRef, SubgraphBuilder};
    use crate::model::{RelationId, RelationLabel, RelationRecord};
    use std::process::{Command, Stdio};

    fn record(id: i64, name: &str, kind: EntityType) -> EntityRecord {
        EntityRecord {
            id: EntityId(id),
            name: name.to_string(),
            kind,
            kb_key: None,
        }
    }

    fn edge(subject: i64, label: RelationLabel, object: i64, support: usize) -> AggregatedEdge {
        let (subject, object) = (EntityId(subject), EntityId(object));
        AggregatedEdge {
            label,
            subject,
            object,
            support,
            documents: vec!["a.txt".to_string()],
            best: EvidenceRef {
                predicate: label.as_str().to_string(),
                document: "a.txt".to_string(),
                date: None,
                evidence: format!("{subject} {label} {object}."),
                confidence: 0.5,
            },
            max_confidence: 0.5,
        }
    }

    fn render_to_string(graph: &Subgraph, opts: &DotOptions) -> String {
        let mut out = Vec::new();
        write_dot(graph, &mut out, opts).expect("write to a Vec");
        String::from_utf8(out).expect("DOT is UTF-8")
    }

    /// Reads back a quoted DOT string body the way Graphviz's lexer does: `\"` is a quote, any
    /// other backslash pair is kept as is. Fails on a bare quote or raw line break.
    fn lex_quoted(body: &str) -> std::result::Result<String, String> {
        let mut out = String::new();
        let mut chars = body.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some('"') => out.push('"'),
                    Some(other) => {
                        out.push('\\');
                        out.push(other);
                    }
                    None => return Err("dangling backslash would escape the closing quote".into()),
                },
                '"' => return Err("bare quote ends the string early".into()),
                '\n' | '\r' => return Err("raw line break".into()),
                c => out.push(c),
            }
        }
        Ok(out)
    }

    #[test]
    fn hostile_strings_are_escaped() {
        let cases = [
            ("Sergey Lavrov", "Sergey Lavrov"),
            ("Bashar al-Assad", "Bashar al-Assad"),
            ("Qassem Soleimani", "Qassem Soleimani"),
            ("Ali Akbar Velayati", "Ali Akbar Velayati"),
            ("Mohammad Javad Zarif", "Mohammad Javad Zarif"),
            ("Recep Tayyip Erdoğan", "Recep Tayyip Erdoğan"),
            ("Sebastián Piñera", "Sebastián Piñera"),
            ("say \"hi\"", "say \\\"hi\\\""),
            ("C:\\path\\", "C:\\\\path\\\\"),
            ("trailing \\", "trailing \\\\"),
            ("\\\"", "\\\\\\\""),
            ("line1\nline2", "line1\\nline2"),
            ("windows\r\nline", "windows\\nline"),
            ("nul\0byte", "nulbyte"),
            (
                "bell\u{7}tab\tesc\u{1b}del\u{7f}c1\u{85}",
                "belltab escdelc1",
            ),
            ("<b>AT&T</b>", "<b>AT&amp;T</b>"),
            ("&lt;not a tag&gt;", "&amp;lt;not a tag&amp;gt;"),
            (
                "\u{200f}محمد جواد ظریف\u{200e}",
                "\u{200f}محمد جواد ظریف\u{200e}",
            ),
            ("“curly” ‘quotes’", "“curly” ‘quotes’"),
            ("{ } [ ] ; , = -> --", "{ } [ ] ; , = -> --"),
            ("", ""),
        ];
        for (input, expected) in cases {
            let escaped = escape_dot_string(input);
            assert_eq!(escaped, expected, "escaping {input:?}");
            assert!(
                lex_quoted(&escaped).is_ok(),
                "{input:?} → {escaped:?} is not one quoted string"
            );
        }
    }

    #[test]
    fn tabs_become_spaces() {
        assert_eq!(
            escape_dot_string("A Corp\tmet\tB Corp\tORGANIZATION"),
            "A Corp met B Corp ORGANIZATION"
        );
    }

    #[test]
    fn tooltips_are_cut_on_a_char_boundary() {
        let cases: [(&str, usize, &str); 5] = [
            ("short", 10, "short"),
            ("exactly10!", 10, "exactly10!"),
            ("eleven char", 10, "eleven ch…"),
            ("ééééééé", 4, "ééé…"),
            ("ظریف ظریف", 3, "ظر…"),
        ];
        for (input, max, expected) in cases {
            let got = truncate_chars(input, max);
            assert_eq!(got, expected, "{input:?} at {max}");
            assert!(got.chars().count() <= max);
        }
    }

    fn hostile_subgraph() -> Subgraph {
        use RelationLabel::*;
        let mut long = edge(1, Communicated, 2, 3);
        long.best.evidence = format!(
            "Velayati said \"Tehran\\Moscow\"\nties are <strong> & growing {}",
            "é".repeat(400)
        );
        Subgraph {
            nodes: vec![
                record(1, "Ali Akbar \"Velayati\"", EntityType::Person),
                record(2, "Vladimir\\Putin\nPresident", EntityType::Person),
                record(3, "Russia\0", EntityType::Country),
                record(4, "<b>AT&T</b> &lt;x&gt;", EntityType::Organization),
                record(5, "\u{200f}دمشق", EntityType::Location),
                record(-6, "Bashar al-Assad “the ‘president’”", EntityType::Person),
                record(7, "trailing backslash \\", EntityType::Country),
            ],
            edges: vec![
                long,
                edge(2, LeaderOf, 3, 1),
                edge(-6, Met, 1, 40),
                edge(4, Criticized, 7, 2),
                edge(5, LocatedIn, 7, 1),
            ],
        }
    }

    #[test]
    fn nodes_get_a_shape_and_colour_per_type() {
        let cases = [
            (EntityType::Person, "shape=ellipse, fillcolor=\"#add8e6\""),
            (EntityType::Country, "shape=box, fillcolor=\"#90ee90\""),
            (EntityType::Location, "shape=house, fillcolor=\"#f0e68c\""),
            (
                EntityType::Organization,
                "shape=box3d, fillcolor=\"#ffa07a\"",
            ),
        ];
        for (kind, expected) in cases {
            let sub = Subgraph {
                nodes: vec![record(7, "X", kind)],
                edges: vec![],
            };
            let dot = render_to_string(&sub, &DotOptions::default());
            let line = dot
                .lines()
                .find(|l| l.starts_with("  \"n7\""))
                .unwrap_or_else(|| panic!("no node line for {kind}:\n{dot}"));
            assert!(line.contains(expected), "{kind}: {line}");
            assert!(line.contains(&format!("tooltip=\"{kind}\"")), "{line}");
            assert!(!line.contains("peripheries"), "not highlighted: {line}");
        }
    }

    #[test]
    fn document_layout_title_and_highlight() {
        let sub = hostile_subgraph();
        let opts = DotOptions {
            title: Some("Iran \"&\" Russia".to_string()),
            highlight: Some(EntityId(-6)),
            ..DotOptions::default()
        };
        let dot = render_to_string(&sub, &opts);
        assert!(dot.starts_with("digraph kg {\n"), "{dot}");
        assert!(dot.ends_with("}\n"), "{dot}");
        let graph_line = dot.lines().nth(1).unwrap_or_default();
        for attr in [
            "rankdir=LR",
            "fontname=\"Helvetica\"",
            "overlap=false",
            "splines=true",
            "label=\"Iran \\\"&amp;\\\" Russia\"",
        ] {
            assert!(graph_line.contains(attr), "{attr} in {graph_line}");
        }
        let highlighted: Vec<&str> = dot
            .lines()
            .filter(|l| l.contains("peripheries=2"))
            .collect();
        assert_eq!(highlighted.len(), 1, "{dot}");
        assert!(highlighted[0].starts_with("  \"n-6\" [label=\"Bashar al-Assad"));
        assert!(highlighted[0].contains("style=\"filled,bold\""));

        let untitled = render_to_string(&sub, &DotOptions::default());
        assert!(!untitled
            .lines()
            .nth(1)
            .unwrap_or_default()
            .contains("label="));
        assert!(!untitled.contains("peripheries"));
    }

    #[test]
    fn edges_show_label_support_width_and_direction() {
        let dot = render_to_string(&hostile_subgraph(), &DotOptions::default());
        let line_of = |from: &str, to: &str| {
            let prefix = format!("  \"{from}\" -> \"{to}\" [");
            dot.lines()
                .find(|l| l.starts_with(&prefix))
                .unwrap_or_else(|| panic!("no edge {from} -> {to}:\n{dot}"))
                .to_string()
        };
        let cases = [
            // (from, to, label, penwidth, symmetric)
            ("n2", "n3", "label=\"leader_of\"", "penwidth=1.00", false),
            (
                "n4",
                "n7",
                "label=\"criticized ×2\"",
                "penwidth=1.69",
                false,
            ),
            (
                "n1",
                "n2",
                "label=\"communicated ×3\"",
                "penwidth=2.10",
                false,
            ),
            ("n-6", "n1", "label=\"met ×40\"", "penwidth=4.69", true),
        ];
        for (from, to, label, width, symmetric) in cases {
            let line = line_of(from, to);
            assert!(line.contains(label), "{label} in {line}");
            assert!(line.contains(width), "{width} in {line}");
            assert_eq!(line.contains("dir=none"), symmetric, "{line}");
        }
        assert_eq!(penwidth(1_000_000), MAX_PENWIDTH);
        assert_eq!(penwidth(0), 1.0);

        let long = line_of("n1", "n2");
        let tooltip = long
            .split("tooltip=\"")
            .nth(1)
            .and_then(|rest| rest.strip_suffix("\"];"))
            .expect("tooltip is the last attribute");
        let shown = lex_quoted(tooltip).expect("tooltip is one quoted string");
        assert!(shown
            .starts_with("Velayati said \"Tehran\\\\Moscow\"\\nties are <strong> &amp; growing"));
        assert!(shown.ends_with("é…"), "{shown}");
    }

    #[test]
    fn output_is_sorted_and_skips_edges_to_absent_nodes() {
        let mut sub = hostile_subgraph();
        sub.edges.push(edge(1, RelationLabel::Met, 999, 1));
        let forwards = render_to_string(&sub, &DotOptions::default());
        sub.nodes.reverse();
        sub.edges.reverse();
        let backwards = render_to_string(&sub, &DotOptions::default());
        assert_eq!(forwards, backwards);
        assert!(!forwards.contains("n999"), "{forwards}");
        let node_ids: Vec<&str> = forwards
            .lines()
            .filter(|l| l.contains(" [label=") && !l.contains("->"))
            .filter_map(|l| l.split('"').nth(1))
            .collect();
        assert_eq!(node_ids, ["n-6", "n1", "n2", "n3", "n4", "n5", "n7"]);
        assert_eq!(forwards.matches(" -> ").count(), 5);
    }

    #[test]
    fn every_quoted_string_in_the_output_lexes() {
        let dot = render_to_string(&hostile_subgraph(), &DotOptions::default());
        // With escaping right, each line is one statement and its quotes pair up.
        for line in dot.lines() {
            let mut rest = line;
            while let Some(open) = rest.find('"') {
                let body_and_more = &rest[open + 1..];
                let mut end = None;
                let mut escaped = false;
                for (i, c) in body_and_more.char_indices() {
                    match c {
                        '\\' if !escaped => escaped = true,
                        '"' if !escaped => {
                            end = Some(i);
                            break;
                        }
                        _ => escaped = false,
                    }
                }
                let end = end.unwrap_or_else(|| panic!("unterminated string in {line:?}"));
                assert!(lex_quoted(&body_and_more[..end]).is_ok(), "{line:?}");
                rest = &body_and_more[end + 1..];
            }
        }
    }

    #[test]
    fn a_graph_from_the_store_writes() {
        let relation = RelationRecord {
            id: RelationId(1),
            subject: EntityId(1),
            label: RelationLabel::OfficialOf,
            object: EntityId(2),
            predicate: "foreign minister".to_string(),
            document: "tass.txt".to_string(),
            date: None,
            evidence: "Russian Foreign Minister Sergey Lavrov said.".to_string(),
            confidence: 0.9,
        };
        let mut b = SubgraphBuilder::default();
        b.push(&relation);
        let g = b.finish(vec![
            record(1, "Sergey Lavrov", EntityType::Person),
            record(2, "Russia", EntityType::Country),
        ]);
        let dot = render_to_string(&g, &DotOptions::default());
        assert!(
            dot.contains(
                "  \"n1\" -> \"n2\" [label=\"official_of\", penwidth=1.00, \
             tooltip=\"Russian Foreign Minister Sergey Lavrov said.\"];"
            ),
            "{dot}"
        );
    }

    /// A writer that always fails, to check errors come back as `Error::Write`.
    struct Broken;
    impl Write for Broken {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::new(io::ErrorKind::BrokenPipe, "closed"))
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn write_errors_are_reported() {
        let err = write_dot(&hostile_subgraph(), &mut Broken, &DotOptions::default());
        assert!(matches!(err, Err(Error::Write(e)) if e.kind() == io::ErrorKind::BrokenPipe));
    }

    #[test]
    fn graphviz_renders_hostile_names() {
        let dot = render_to_string(
            &hostile_subgraph(),
            &DotOptions {
                title: Some("hostile \"names\" \\ test\n&lt;".to_string()),
                highlight: Some(EntityId(1)),
                ..DotOptions::default()
            },
        );
        let ci = std::env::var("CI").is_ok_and(|v| v == "true");
        let child = Command::new("dot")
            .arg("-Tsvg")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn();
        let mut child = match child {
            Ok(child) => child,
            Err(e) if e.kind() == io::ErrorKind::NotFound && !ci => {
                crate::testing::skip("Graphviz `dot` is not installed (set CI=true to require it)");
                return;
            }
            Err(e) => panic!("cannot run Graphviz `dot`: {e}"),
        };
        let mut stdin = child.stdin.take().expect("piped stdin");
        // Feed input from a thread so a full stdout pipe cannot deadlock us.
        let feeder = std::thread::spawn(move || stdin.write_all(dot.as_bytes()));
        let output = child.wait_with_output().expect("dot runs");
        feeder
            .join()
            .expect("feeder thread")
            .expect("write DOT to dot");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "dot failed: {stderr}");
        assert!(
            !stderr.contains("Error") && !stderr.contains("Warning"),
            "dot complained: {stderr}"
        );
        let svg = String::from_utf8_lossy(&output.stdout);
        // Literal entities in names survive as text instead of turning into markup.
        assert!(svg.contains("&amp;lt;x&amp;gt;"), "{svg}");
        assert!(
            svg.contains("Bashar al&#45;Assad") || svg.contains("Bashar al-Assad"),
            "{svg}"
        );
        assert!(svg.contains("communicated ×3"), "{svg}");
        assert_eq!(svg.matches("class=\"node\"").count(), 7, "{svg}");
        assert_eq!(svg.matches("class=\"edge\"").count(), 5, "{svg}");
    }
}
