//! Labelled dependency parser: greedy arc-eager transitions scored by an averaged perceptron
//! (trained with a dynamic oracle), then one relation label per arc from a second perceptron
//! that sees the finished tree. Non-projective trees are handled pseudo-projectively.
//!
//! Training code lives in [`train`]; this module loads a model and parses.
//!
//! File format (`parse.bin`, little endian): magic `KGDP`, format version (u32), then the
//! transition model and the label model, each as a u32 length and a
//! [`crate::nlp::tagger::Perceptron`] file.

pub mod beam;
pub mod features;
pub mod projective;
pub mod train;
pub mod transition;

use crate::error::{Error, Result};
use crate::model::{DepRel, SentenceSyntax, Upos};
use crate::nlp::tagger::token_info::TokInfo;
use crate::nlp::tagger::Perceptron;
use beam::BeamSearch;
use features::{label_features, move_features, Children, Nodes};
use std::path::Path;
use transition::{State, MOVES};

/// File magic.
const MAGIC: &[u8; 4] = b"KGDP";
/// Format version; bump when the features or the layout change.
pub const VERSION: u32 = 1;
/// Meta string of the transition model (with every feature group; ablated models append
/// `;groups=N`).
pub const MOVES_META: &str = "kind=parse-moves;features=1";
/// Meta string of the label model.
pub const LABELS_META: &str = "kind=parse-labels;features=1";
/// The model's file name inside a models folder.
pub const PARSE_FILE: &str = "parse.bin";
/// The beam-trained model's file name inside a models folder: more accurate, too slow for
/// the pipeline's speed bar, read by `kg eval parse --model` and `kg parse --model`.
pub const BEAM_PARSE_FILE: &str = "parse.beam.bin";

/// A trained parser.
#[derive(Debug, Clone, PartialEq)]
pub struct Parser {
    moves: Perceptron,
    /// Feature groups of the transition model ([`features::group`]).
    groups: u32,
    /// Configurations kept while parsing (1: greedy).
    beam: usize,
    /// The transition weights as a dense table (see [`Perceptron::dense`]).
    move_rows: Vec<[i16; MOVES]>,
    labels: Perceptron,
    /// Per label class: the relation, and for a lifted arc the relation of the head it hangs
    /// from in the original tree ([`projective`]).
    classes: Vec<(DepRel, bool)>,
    /// The class of `root`, never predicted for a word with a head.
    root_class: Option<usize>,
}

/// Buffers reused from one sentence to the next.
#[derive(Default)]
pub struct ParseScratch {
    nodes: Nodes,
    state: State,
    feats: Vec<u64>,
    ends: Vec<usize>,
    scores: Vec<i32>,
    heads: Vec<u32>,
    kids: Children,
    beam: BeamSearch,
}

fn argmax_legal(scores: &[i32], st: &State) -> usize {
    let mut best = usize::MAX;
    for m in 0..MOVES {
        if st.legal(m) && (best == usize::MAX || scores[m] > scores[best]) {
            best = m;
        }
    }
    best
}

impl Parser {
    /// A parser from its two models, checking that they are what they say.
    pub fn from_models(moves: Perceptron, labels: Perceptron, name: &str) -> Result<Parser> {
        let bad = |m: String| Error::Data {
            file: name.to_string(),
            message: m,
        };
        // Settings after the base meta: `;groups=N` (an ablation), `;beam=K` (trained with a
        // beam of K, which is then the decoding width).
        let settings = moves.meta.strip_prefix(MOVES_META).and_then(|rest| {
            let (mut groups, mut beam) = (features::group::ALL, 1usize);
            for kv in rest.split(';').filter(|kv| !kv.is_empty()) {
                match kv.split_once('=')? {
                    ("groups", g) => {
                        groups = g.parse().ok().filter(|g| g & !features::group::ALL == 0)?
                    }
                    ("beam", k) => beam = k.parse().ok().filter(|&k| (1..=64).contains(&k))?,
                    _ => return None,
                }
            }
            Some((groups, beam))
        });
        let Some((groups, beam)) = settings.filter(|_| moves.classes() == MOVES) else {
            return Err(bad(format!(
                "not a transition model of this kg (meta {:?}); rebuild with `kg train parse`",
                moves.meta
            )));
        };
        if labels.meta != LABELS_META {
            return Err(bad(format!(
                "not a label model of this kg (meta {:?}); rebuild with `kg train parse`",
                labels.meta
            )));
        }
        let classes = labels
            .labels
            .iter()
            .map(|l| match l.split_once(projective::LIFT_MARK) {
                Some((own, _)) => (DepRel::parse_lenient(own), true),
                None => (DepRel::parse_lenient(l), false),
            })
            .collect();
        let root_class = labels.labels.iter().position(|l| l == "root");
        let move_rows = moves
            .dense()
            .chunks_exact(MOVES)
            .map(|r| [r[0], r[1], r[2], r[3]])
            .collect();
        Ok(Parser {
            groups,
            beam,
            move_rows,
            moves,
            labels,
            classes,
            root_class,
        })
    }

    /// Serialises the parser.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend_from_slice(&VERSION.to_le_bytes());
        for m in [&self.moves, &self.labels] {
            let b = m.to_bytes();
            out.extend_from_slice(&(b.len() as u32).to_le_bytes());
            out.extend_from_slice(&b);
        }
        out
    }

    /// Parses a parser file's bytes; `name` is used in error messages.
    pub fn from_bytes(bytes: &[u8], name: &str) -> Result<Parser> {
        let bad = |m: &str| Error::Data {
            file: name.to_string(),
            message: m.to_string(),
        };
        if bytes.get(..4) != Some(MAGIC) {
            return Err(bad("not a kg parser model (bad magic)"));
        }
        let u32_at = |at: usize| {
            bytes
                .get(at..at + 4)
                .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]) as usize)
                .ok_or_else(|| bad("truncated"))
        };
        let version = u32_at(4)?;
        if version != VERSION as usize {
            return Err(bad(&format!(
                "parser format version {version}, this kg reads {VERSION}; rebuild with `kg train parse`"
            )));
        }
        let mut at = 8;
        let mut parts = Vec::new();
        for _ in 0..2 {
            let len = u32_at(at)?;
            let part = bytes
                .get(at + 4..at + 4 + len)
                .ok_or_else(|| bad("truncated"))?;
            parts.push(Perceptron::from_bytes(part, name)?);
            at += 4 + len;
        }
        if at != bytes.len() {
            return Err(bad("trailing bytes"));
        }
        let labels = parts.pop().ok_or_else(|| bad("truncated"))?;
        let moves = parts.pop().ok_or_else(|| bad("truncated"))?;
        Parser::from_models(moves, labels, name)
    }

    /// Reads a parser file.
    pub fn load(path: &Path) -> Result<Parser> {
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Parser::from_bytes(&bytes, &path.display().to_string())
    }

    /// Writes a parser file.
    pub fn save(&self, path: &Path) -> Result<()> {
        std::fs::write(path, self.to_bytes()).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })
    }

    /// The beam width the parser decodes with (1: greedy).
    pub fn beam(&self) -> usize {
        self.beam
    }

    /// The same parser decoding with a beam of `width` configurations (1: greedy), whatever
    /// it was trained with.
    pub fn with_beam(mut self, width: usize) -> Parser {
        self.beam = width.max(1);
        self
    }

    /// The transition model and the label model.
    pub fn models(&self) -> (&Perceptron, &Perceptron) {
        (&self.moves, &self.labels)
    }

    /// Parses one sentence from its token facts and tags.
    pub fn parse(
        &self,
        toks: &[TokInfo],
        upos: &[Upos],
        scratch: &mut ParseScratch,
    ) -> SentenceSyntax {
        scratch.nodes.fill(toks, upos);
        self.parse_nodes(scratch)
    }

    /// Transition scores of a bag of features: every row is prefetched first, then summed.
    #[inline]
    fn score_moves(&self, feats: &[u64]) -> [i32; MOVES] {
        for &f in feats {
            crate::nlp::tagger::perceptron::prefetch_ptr(&self.move_rows[self.moves.row_of(f)]);
        }
        let mut s = [0i32; MOVES];
        for &f in feats {
            let r = &self.move_rows[self.moves.row_of(f)];
            for (a, &w) in s.iter_mut().zip(r) {
                *a += i32::from(w);
            }
        }
        s
    }

    /// Transition scores of several bags of features (bag `k` is `feats[ends[k - 1]..ends[k]]`),
    /// every row of every bag prefetched first: a beam step's items in one pass.
    fn score_batch(&self, feats: &[u64], ends: &[usize], out: &mut Vec<[f64; MOVES]>) {
        for &f in feats {
            crate::nlp::tagger::perceptron::prefetch_ptr(&self.move_rows[self.moves.row_of(f)]);
        }
        let mut start = 0;
        for &end in ends {
            let mut s = [0i32; MOVES];
            for &f in &feats[start..end] {
                let r = &self.move_rows[self.moves.row_of(f)];
                for (a, &w) in s.iter_mut().zip(r) {
                    *a += i32::from(w);
                }
            }
            out.push(s.map(f64::from));
            start = end;
        }
    }

    /// Parses the sentence in `scratch.nodes`.
    fn parse_nodes(&self, scratch: &mut ParseScratch) -> SentenceSyntax {
        let n = scratch.nodes.len();
        let ParseScratch {
            nodes,
            state,
            feats,
            ends,
            scores,
            heads,
            kids,
            beam,
        } = scratch;
        if self.beam > 1 {
            let best = beam.run(nodes, self.groups, self.beam, |f, ends, out| {
                self.score_batch(f, ends, out)
            });
            state.copy_from(best);
        } else {
            state.reset(n);
            while !state.terminal() {
                feats.clear();
                move_features(state, nodes, self.groups, feats);
                let s = self.score_moves(feats);
                state.apply(argmax_legal(&s, state));
            }
        }
        let tree = state.tree();
        heads.clear();
        heads.push(0);
        heads.extend(tree.iter().map(|h| h.map_or(0, |h| h as u32 + 1)));
        kids.fill(heads);
        let mut classes = Vec::with_capacity(n + 1);
        label_tree(
            &self.labels,
            self.root_class,
            heads,
            kids,
            nodes,
            (feats, ends, scores),
            &mut classes,
        );
        let classes = &classes[1..];
        let mut deprels: Vec<DepRel> = classes
            .iter()
            .zip(&tree)
            .map(|(&k, h)| match h {
                None => DepRel::ROOT,
                Some(_) => self.classes.get(k).map_or(DepRel::DEP, |c| c.0),
            })
            .collect();
        let mut out_heads = tree;
        if classes
            .iter()
            .any(|&k| self.classes.get(k).is_some_and(|c| c.1))
        {
            let mut labels: Vec<String> = std::iter::once(String::new())
                .chain(classes.iter().map(|&k| self.labels.labels[k].clone()))
                .collect();
            projective::lower(heads, &mut labels);
            for d in 1..=n {
                if heads[d] != 0 {
                    out_heads[d - 1] = Some(heads[d] as usize - 1);
                    deprels[d - 1] = DepRel::parse_lenient(&labels[d]);
                }
            }
        }
        SentenceSyntax {
            upos: nodes.upos[1..=n].to_vec(),
            heads: out_heads,
            deprels,
        }
    }
}

/// Chooses the relation class of every word of a tree (`out[d]` for words 1..=n; `out[0]` is
/// unused), all arcs scored in one batch (see [`Perceptron::score_many`]).
pub(crate) fn label_tree(
    model: &Perceptron,
    root_class: Option<usize>,
    heads: &[u32],
    kids: &Children,
    nodes: &Nodes,
    (feats, ends, scores): (&mut Vec<u64>, &mut Vec<usize>, &mut Vec<i32>),
    out: &mut Vec<usize>,
) {
    let n = heads.len() - 1;
    feats.clear();
    ends.clear();
    for d in 1..=n {
        if heads[d] != 0 {
            label_features(heads, kids, nodes, d, feats);
        }
        ends.push(feats.len());
    }
    let c = model.classes();
    scores.clear();
    scores.resize(n * c, 0);
    model.score_many(feats, ends, scores);
    let root = root_class.unwrap_or(0);
    out.clear();
    out.push(root);
    for d in 1..=n {
        let row = &scores[(d - 1) * c..d * c];
        out.push(if heads[d] == 0 {
            root
        } else {
            (0..c)
                .filter(|&k| Some(k) != root_class)
                .max_by_key(|&k| (row[k], std::cmp::Reverse(k)))
                .unwrap_or(0)
        });
    }
}

/// Attachment counts against gold trees, as the CoNLL 2018 script counts them (every word,
/// punctuation included; LAS compares the universal part of the relation).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AttachmentScore {
    /// Words scored.
    pub words: usize,
    /// Words with the right head.
    pub unlabelled: usize,
    /// Words with the right head and the right universal relation.
    pub labelled: usize,
    /// Words with the right UPOS tag.
    pub upos: usize,
}

impl AttachmentScore {
    /// Adds one sentence: gold heads (CoNLL-U, 0 = root) and relations, and a parse.
    pub fn add(
        &mut self,
        gold_heads: &[usize],
        gold_rels: &[String],
        gold_upos: &[String],
        p: &SentenceSyntax,
    ) {
        for (i, ((&gh, gr), gu)) in gold_heads.iter().zip(gold_rels).zip(gold_upos).enumerate() {
            self.words += 1;
            let head = p.heads.get(i).copied().flatten().map_or(0, |h| h + 1);
            self.upos += usize::from(p.upos.get(i).is_some_and(|u| u.as_str() == gu));
            if head == gh {
                self.unlabelled += 1;
                let universal = gr.split_once(':').map_or(gr.as_str(), |(u, _)| u);
                self.labelled +=
                    usize::from(p.deprels.get(i).is_some_and(|d| d.universal() == universal));
            }
        }
    }

    /// UAS as a percentage.
    pub fn uas(&self) -> f64 {
        100.0 * self.unlabelled as f64 / self.words.max(1) as f64
    }

    /// LAS as a percentage.
    pub fn las(&self) -> f64 {
        100.0 * self.labelled as f64 / self.words.max(1) as f64
    }

    /// UPOS accuracy as a percentage.
    pub fn upos_accuracy(&self) -> f64 {
        100.0 * self.upos as f64 / self.words.max(1) as f64
    }
}

/// Appends a sentence as CoNLL-U: ten tab-separated columns per word (ID, FORM, LEMMA, UPOS,
/// XPOS, FEATS, HEAD, DEPREL, DEPS, MISC; kg fills ID, FORM, UPOS, HEAD and DEPREL), then a
/// blank line. Without a parse every word hangs from the first (`dep`), so the output stays
/// a valid tree.
pub fn write_conllu(words: &[&str], syn: &SentenceSyntax, out: &mut String) {
    use std::fmt::Write;
    for (i, w) in words.iter().enumerate() {
        let upos = syn.upos.get(i).map_or("X", |u| u.as_str());
        let (head, rel) = if syn.is_parsed() {
            (
                syn.head(i).map_or(0, |h| h + 1),
                syn.deprel(i).unwrap_or(DepRel::DEP).as_str(),
            )
        } else if i == 0 {
            (0, "root")
        } else {
            (1, "dep")
        };
        // Forms never hold tabs or newlines in CoNLL-U; kg's tokens cannot either, but a
        // stray one must not break the columns.
        let form: String = w
            .chars()
            .map(|c| if c == '\t' || c == '\n' { ' ' } else { c })
            .collect();
        let _ = writeln!(
            out,
            "{}\t{form}\t_\t{upos}\t_\t_\t{head}\t{rel}\t_\t_",
            i + 1
        );
    }
    out.push('\n');
}

/// A sentence's tree for Graphviz: words left to right in one row, an edge from each head to
/// its dependent labelled with the relation.
pub fn to_dot(words: &[&str], syn: &SentenceSyntax) -> String {
    use std::fmt::Write;
    let quote = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
    let mut out = String::from(
        "digraph parse {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n  \
         edge [fontname=\"Helvetica\", fontsize=10];\n  root [label=\"ROOT\", shape=plaintext];\n",
    );
    for (i, w) in words.iter().enumerate() {
        let upos = syn.upos.get(i).map_or("", |u| u.as_str());
        let _ = writeln!(out, "  w{i} [label=\"{}\\n{upos}\"];", quote(w));
    }
    // Invisible edges keep the words in sentence order.
    if words.len() > 1 {
        let chain: Vec<String> = (0..words.len()).map(|i| format!("w{i}")).collect();
        let _ = writeln!(
            out,
            "  {{ rank=same; {} }}\n  {} [style=invis];",
            chain.join("; "),
            chain.join(" -> ")
        );
    }
    for i in 0..words.len().min(syn.heads.len()) {
        let rel = syn.deprel(i).map_or("dep", DepRel::as_str);
        let from = syn.head(i).map_or("root".to_string(), |h| format!("w{h}"));
        let _ = writeln!(out, "  {from} -> w{i} [label=\"{rel}\"];");
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::tagger::train::perceptron::Trainer;

    fn parser_with_meta(meta: &str) -> Result<Parser> {
        let moves = Trainer::new(MOVES, 4).finish(
            ["shift", "reduce", "left", "right"]
                .map(String::from)
                .to_vec(),
            meta.to_string(),
        );
        let labels = Trainer::new(2, 4).finish(
            vec!["nsubj".to_string(), "root".to_string()],
            LABELS_META.to_string(),
        );
        Parser::from_models(moves, labels, "t")
    }

    #[test]
    fn the_transition_meta_gives_groups_and_beam_width() {
        let cases: &[(&str, Option<(u32, usize)>)] = &[
            ("", Some((features::group::ALL, 1))),
            (";groups=3", Some((3, 1))),
            (";beam=8", Some((features::group::ALL, 8))),
            (";groups=5;beam=16", Some((5, 16))),
            (";beam=0", None),
            (";groups=999", None),
            (";colour=blue", None),
            ("x", None),
        ];
        for &(rest, want) in cases {
            let got = parser_with_meta(&format!("{MOVES_META}{rest}"))
                .ok()
                .map(|p| (p.groups, p.beam()));
            assert_eq!(got, want, "{rest:?}");
        }
    }
}
