//! The trained named-entity recogniser (CoNLL PER, LOC, ORG, MISC), as opposed to the
//! rule-based mention finder of `nlp::mention_rules`: BILOU labels, Viterbi decoding with
//! transition constraints, an averaged perceptron over local, wide-context, gazetteer, cluster,
//! POS and document-level features (Ratinov & Roth 2009's recipe). Its training is
//! `tagger::train::recogniser`.

use super::clusters::WordClusters;
use super::conll::{ChunkScore, TaggedDocument};
use super::features::{f1, f2, small, Featurizer};
use super::gazetteer::{Gazetteer, CATEGORIES};
use super::hash::IdMap;
use super::perceptron::Perceptron;
use super::pos::{at, PosTagger};
use super::token_info::{flag, TokInfo, NO_CLUSTER};
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Weight-table size (log2 of rows).
pub const NER_BITS: u32 = 18;
/// CoNLL entity types, in label order.
pub const TYPES: [&str; 4] = ["PER", "LOC", "ORG", "MISC"];
const POSITIONS: [&str; 4] = ["B", "I", "L", "U"];
/// Number of labels: O plus BILOU × types.
pub const LABELS: usize = 1 + 4 * TYPES.len();

/// Feature groups, switchable for ablations (recorded in the model's meta).
pub mod group {
    /// Word, shape, affixes, ±1 words, previous labels.
    pub const BASE: u32 = 1;
    /// ±2/±3 words, bigrams, neighbours' exact forms.
    pub const CONTEXT: u32 = 2;
    /// Knowledge-base name matches.
    pub const GAZETTEER: u32 = 4;
    /// Word clusters.
    pub const CLUSTERS: u32 = 8;
    /// Predicted UPOS tags.
    pub const POS: u32 = 16;
    /// Document-level: earlier predictions for the same word, casing elsewhere in the document.
    pub const DOCUMENT: u32 = 32;
    /// Two stages: a first recogniser's labels around the token and its types for the same
    /// word anywhere in the document, later mentions included (Ratinov & Roth's prediction
    /// aggregation).
    pub const AGGREGATE: u32 = 64;
    /// Everything.
    pub const ALL: u32 = 127;
    /// Names for the command line and the meta string.
    pub const NAMES: [(&str, u32); 7] = [
        ("base", BASE),
        ("context", CONTEXT),
        ("gazetteer", GAZETTEER),
        ("clusters", CLUSTERS),
        ("pos", POS),
        ("document", DOCUMENT),
        ("aggregate", AGGREGATE),
    ];
}

/// Label name of a label id ("O", "B-PER", ...).
pub fn label_name(y: usize) -> String {
    if y == 0 {
        "O".to_string()
    } else {
        format!("{}-{}", POSITIONS[(y - 1) % 4], TYPES[(y - 1) / 4])
    }
}

fn label_id(pos: usize, ty: usize) -> usize {
    1 + ty * 4 + pos
}

/// (position 0..4 = B I L U, type) of a non-O label.
fn parts(y: usize) -> Option<(usize, usize)> {
    (y > 0).then(|| ((y - 1) % 4, (y - 1) / 4))
}

/// Can label `y` follow `prev` in BILOU?
fn allowed(prev: usize, y: usize) -> bool {
    let inside = matches!(parts(prev), Some((0 | 1, _)));
    match (parts(prev), parts(y)) {
        (Some((0 | 1, pt)), Some((1 | 2, t))) => pt == t,
        _ if inside => false,
        (_, None) => true,
        (_, Some((p, _))) => p == 0 || p == 3,
    }
}

/// Entity spans (first token, end token exclusive, type index) of a BILOU label sequence,
/// reading unclosed B/I runs leniently as entities.
pub fn spans(labels: &[u8]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, usize)> = None;
    for (i, &y) in labels.iter().enumerate() {
        let p = parts(y as usize);
        if let Some((s, t)) = cur {
            let continues = matches!(p, Some((1 | 2, pt)) if pt == t);
            if !continues {
                out.push((s, i, t));
                cur = None;
            }
        }
        match p {
            Some((0, t)) => cur = Some((i, t)),
            Some((3, t)) => out.push((i, i + 1, t)),
            Some((1 | 2, t)) if cur.is_none() => cur = Some((i, t)),
            _ => {}
        }
        if let (Some((s, t)), Some((2, _))) = (cur, p) {
            out.push((s, i + 1, t));
            cur = None;
        }
    }
    if let Some((s, t)) = cur {
        out.push((s, labels.len(), t));
    }
    out
}

/// BILOU label ids of IOB (IOB1 or IOB2) tags.
pub fn encode(tags: &[String]) -> Vec<u8> {
    let mut y = vec![0u8; tags.len()];
    for (ty, s, e) in super::conll::chunks(tags) {
        let Some(t) = TYPES.iter().position(|x| *x == ty) else {
            continue;
        };
        if e - s == 1 {
            y[s] = label_id(3, t) as u8;
        } else {
            y[s] = label_id(0, t) as u8;
            for v in &mut y[s + 1..e - 1] {
                *v = label_id(1, t) as u8;
            }
            y[e - 1] = label_id(2, t) as u8;
        }
    }
    y
}

/// IOB2 tags ("B-PER", "I-PER", "O") of BILOU label ids, for CoNLL output.
pub fn to_iob2(labels: &[u8]) -> Vec<String> {
    let mut out = vec!["O".to_string(); labels.len()];
    for (s, e, t) in spans(labels) {
        out[s] = format!("B-{}", TYPES[t]);
        for o in &mut out[s + 1..e] {
            *o = format!("I-{}", TYPES[t]);
        }
    }
    out
}

/// Everything the recogniser may consult besides its weights.
#[derive(Default)]
pub struct Resources {
    /// Word clusters.
    pub clusters: Option<WordClusters>,
    /// Knowledge-base matcher.
    pub gazetteer: Option<Gazetteer>,
    /// POS tagger, for POS features.
    pub pos: Option<PosTagger>,
}

/// Per-document state for the document-level features.
#[derive(Default)]
pub(super) struct DocState {
    /// Folded word → counts of predicted entity types so far in the document.
    history: IdMap<[u16; 4]>,
    /// Folded words seen in lower case.
    lower: IdMap<()>,
    /// Folded words seen capitalised in mid-sentence of a mixed-case sentence.
    cap_mid: IdMap<()>,
}

/// A document prepared for tagging: token facts, POS tags, sentence flags, and for a second
/// stage the first stage's labels.
pub(super) struct Prepared {
    pub(super) toks: Vec<Vec<TokInfo>>,
    pub(super) pos: Vec<Vec<u8>>,
    pub(super) caps_sentence: Vec<bool>,
    pub(super) first: Option<FirstPass>,
}

/// What a first-stage recogniser said about a document.
pub(super) struct FirstPass {
    /// Labels per sentence.
    labels: Vec<Vec<u8>>,
    /// Folded word → how often each entity type covered it, anywhere in the document.
    types: IdMap<[u16; 4]>,
}

impl FirstPass {
    pub(super) fn new(p: &Prepared, labels: Vec<Vec<u8>>) -> FirstPass {
        let mut types: IdMap<[u16; 4]> = IdMap::default();
        for (s, y) in labels.iter().enumerate() {
            for (a, b, t) in spans(y) {
                for tok in &p.toks[s][a..b] {
                    let h = types.entry(tok.key).or_default();
                    h[t] = h[t].saturating_add(1);
                }
            }
        }
        FirstPass { labels, types }
    }
}

/// Token facts and POS tags of a document computed beforehand (once per sentence, shared
/// with the parser): token facts without gazetteer bits, and POS tag ids. The recogniser
/// adds its gazetteer bits to the token facts in place rather than to a copy (a copy was a
/// third of the memory extraction took on a long document) and takes them off again.
pub struct Tagged<'a> {
    /// Token facts per sentence, clusters filled, gazetteer bits not.
    pub toks: &'a mut [Vec<TokInfo>],
    /// POS tag ids per sentence (empty vectors when no POS tagger was run).
    pub pos: &'a [Vec<u8>],
}

/// Takes off what [`Gazetteer::annotate`] added: the token facts are again those of
/// [`Featurizer::sentence`] without a gazetteer.
fn remove_gazetteer_bits(toks: &mut [TokInfo]) {
    for t in toks {
        t.gaz = 0;
        t.flags &= !flag::GIVEN;
    }
}

pub(super) fn prepare(
    sents: &[Vec<&str>],
    res: &Resources,
    groups: u32,
    fz: &mut Featurizer,
    mut pre: Option<&mut Tagged<'_>>,
) -> Prepared {
    // Clusters are computed whenever loaded: the POS tagger uses them too.
    let clusters = res.clusters.as_ref();
    let gaz = if groups & group::GAZETTEER != 0 {
        res.gazetteer.as_ref()
    } else {
        None
    };
    let mut p = Prepared {
        toks: Vec::with_capacity(sents.len()),
        pos: Vec::with_capacity(sents.len()),
        caps_sentence: Vec::with_capacity(sents.len()),
        first: None,
    };
    let mut scratch = super::pos::PosScratch::default();
    for (s, words) in sents.iter().enumerate() {
        let mut toks = Vec::new();
        let mut pos = Vec::new();
        match pre.as_deref_mut() {
            Some(t) => {
                // The same facts `Featurizer::sentence` computes: tokens, then gazetteer bits.
                // Moved, not copied; `tag_document_with` gives them back.
                toks = std::mem::take(&mut t.toks[s]);
                if let Some(g) = gaz {
                    g.annotate(words, &mut toks);
                }
                if groups & group::POS != 0 && res.pos.is_some() {
                    pos.clone_from(&t.pos[s]);
                }
            }
            None => {
                fz.sentence(words, clusters, gaz, &mut toks);
                if groups & group::POS != 0 {
                    if let Some(tagger) = &res.pos {
                        // The POS model was trained without gazetteer bits; they do not enter
                        // its features.
                        tagger.tag(&toks, &mut scratch, &mut pos);
                    }
                }
            }
        }
        let letters = toks
            .iter()
            .filter(|t| t.flags & (flag::ALL_CAPS | flag::LOWER) != 0);
        let caps =
            letters.clone().count() > 1 && letters.clone().all(|t| t.flags & flag::ALL_CAPS != 0);
        p.toks.push(toks);
        p.pos.push(pos);
        p.caps_sentence.push(caps);
    }
    p
}

pub(super) fn doc_casing(p: &Prepared) -> DocState {
    let mut d = DocState::default();
    for (s, toks) in p.toks.iter().enumerate() {
        for (i, t) in toks.iter().enumerate() {
            if t.flags & flag::LOWER != 0 {
                d.lower.insert(t.key, ());
            } else if i > 0 && !p.caps_sentence[s] && t.flags & flag::INIT_CAP != 0 {
                d.cap_mid.insert(t.key, ());
            }
        }
    }
    d
}

/// The label-independent transition feature: previous label alone.
fn transition_feature(prev: usize) -> u64 {
    f1(13, small(prev as u64))
}

/// The transition feature that also looks at the token: previous label × word shape.
/// (Measured on CoNLL dev with Viterbi: adding previous label × word and × cluster as well
/// scored lower, 93.05 and 92.81 against 93.09, and cost speed.)
fn shape_transition_feature(w: &TokInfo, prev: usize) -> u64 {
    f2(16, small(prev as u64), w.short_shape)
}

/// Features that depend on the previous label `prev`: the transition part of the score.
pub(super) fn label_features(w: &TokInfo, prev: usize, out: &mut Vec<u64>) {
    out.clear();
    out.extend_from_slice(&[transition_feature(prev), shape_transition_feature(w, prev)]);
}

/// Features of token `i` that do not depend on the labels of the sentence.
pub(super) fn features(
    p: &Prepared,
    s: usize,
    i: usize,
    groups: u32,
    doc: &DocState,
    out: &mut Vec<u64>,
) {
    out.clear();
    let toks = &p.toks[s];
    let w = &toks[i];
    let (m1, n1) = (at(toks, i, -1), at(toks, i, 1));
    let caps = small(u64::from(p.caps_sentence[s]));
    // BASE
    out.extend_from_slice(&[
        f1(1, 0),
        f1(2, w.exact),
        f1(3, w.lower),
        f1(4, m1.lower),
        f1(5, n1.lower),
        f1(6, w.shape),
        f1(7, w.short_shape),
        f1(8, m1.short_shape),
        f1(9, n1.short_shape),
        f2(10, m1.short_shape, w.short_shape),
        f2(11, w.short_shape, n1.short_shape),
        f1(12, small(u64::from(w.flags))),
        f2(18, small(u64::from(i == 0)), w.short_shape),
        f2(19, caps, w.short_shape),
        f2(20, caps, w.lower),
    ]);
    for k in 0..4 {
        out.push(f1(21 + k as u64, w.prefix[k]));
        out.push(f1(25 + k as u64, w.suffix[k]));
    }
    if groups & group::CONTEXT != 0 {
        let (m2, n2, m3, n3) = (
            at(toks, i, -2),
            at(toks, i, 2),
            at(toks, i, -3),
            at(toks, i, 3),
        );
        out.extend_from_slice(&[
            f1(30, m2.lower),
            f1(31, n2.lower),
            f1(32, m3.lower),
            f1(33, n3.lower),
            f1(34, m1.exact),
            f1(35, n1.exact),
            f2(36, m1.lower, w.lower),
            f2(37, w.lower, n1.lower),
            f1(38, m1.suffix[2]),
            f1(39, n1.suffix[2]),
            f2(40, m2.lower, m1.lower),
            f2(41, n1.lower, n2.lower),
            f1(42, m2.short_shape),
            f1(43, n2.short_shape),
        ]);
    }
    if groups & group::GAZETTEER != 0 {
        let mut g = w.gaz;
        while g != 0 {
            let b = g.trailing_zeros();
            g &= g - 1;
            out.push(f1(50, small(u64::from(b))));
            out.push(f2(51, small(u64::from(b)), w.short_shape));
        }
        for (t, tok) in [(52u64, m1), (53, n1)] {
            for c in 0..CATEGORIES {
                if tok.gaz >> (c * 4) & 0xf != 0 {
                    out.push(f1(t, small(c as u64)));
                }
            }
        }
        let given = |t: &TokInfo| small(u64::from(t.flags & flag::GIVEN != 0));
        out.push(f2(54, given(w), given(m1)));
        out.push(f2(55, given(w), given(n1)));
    }
    if groups & group::CLUSTERS != 0 {
        let toks4 = [
            (60u64, w, 0usize),
            (64, m1, 0),
            (68, n1, 0),
            (72, at(toks, i, -2), 2),
            (76, at(toks, i, 2), 2),
        ];
        for (t, tok, from) in toks4 {
            for lvl in from..4 {
                let c = tok.cluster[lvl];
                if c != NO_CLUSTER {
                    out.push(f1(t + lvl as u64, small(u64::from(c))));
                }
            }
        }
    }
    if groups & group::POS != 0 && !p.pos[s].is_empty() {
        let tag = |d: isize| {
            let j = i as isize + d;
            if j < 0 || j as usize >= p.pos[s].len() {
                small(999)
            } else {
                small(u64::from(p.pos[s][j as usize]))
            }
        };
        out.extend_from_slice(&[
            f1(90, tag(0)),
            f1(91, tag(-1)),
            f1(92, tag(1)),
            f2(93, tag(0), w.short_shape),
        ]);
    }
    if groups & group::DOCUMENT != 0 && w.flags & (flag::INIT_CAP | flag::ALL_CAPS) != 0 {
        if let Some(h) = doc.history.get(&w.key) {
            let best = (0..4).max_by_key(|&k| (h[k], 4 - k)).unwrap_or(0);
            out.push(f1(100, small(best as u64)));
            out.push(f2(101, small(best as u64), small(u64::from(i == 0))));
            for (k, &c) in h.iter().enumerate() {
                if c > 0 {
                    out.push(f1(102, small(k as u64)));
                }
            }
        } else {
            out.push(f1(103, 0));
        }
        let lower = doc.lower.contains_key(&w.key);
        let cap = doc.cap_mid.contains_key(&w.key);
        out.push(f2(104, small(u64::from(lower) + 2 * u64::from(cap)), caps));
        out.push(f2(
            105,
            small(u64::from(lower) + 2 * u64::from(cap)),
            small(u64::from(i == 0)),
        ));
    }
    if let (true, Some(fp)) = (groups & group::AGGREGATE != 0, &p.first) {
        let labels = &fp.labels[s];
        let lab = |d: isize| {
            let j = i as isize + d;
            if j < 0 || j as usize >= labels.len() {
                small(99)
            } else {
                small(u64::from(labels[j as usize]))
            }
        };
        out.extend_from_slice(&[
            f1(110, lab(0)),
            f1(111, lab(-1)),
            f1(112, lab(1)),
            f1(113, lab(-2)),
            f1(114, lab(2)),
            f2(115, lab(-1), lab(1)),
            f2(116, lab(0), w.short_shape),
        ]);
        if w.flags & (flag::INIT_CAP | flag::ALL_CAPS) != 0 {
            if let Some(h) = fp.types.get(&w.key) {
                let best = (0..4).max_by_key(|&k| (h[k], 4 - k)).unwrap_or(0);
                let total: u32 = h.iter().map(|&c| u32::from(c)).sum();
                let share = u64::from(u32::from(h[best]) * 4 / total.max(1));
                out.push(f1(117, small(best as u64)));
                out.push(f2(118, small(best as u64), small(share)));
                for (k, &c) in h.iter().enumerate() {
                    if c > 0 {
                        out.push(f1(119, small(k as u64)));
                    }
                }
            } else {
                out.push(f1(120, 0));
            }
        }
    }
}

/// Can a sentence end on label `y` (not inside an unfinished B/I run)?
fn can_end(y: usize) -> bool {
    !matches!(parts(y), Some((0 | 1, _)))
}

/// [`allowed`] and [`can_end`] as tables: the Viterbi inner loop runs 17 × 17 times a token.
struct Transitions {
    /// Per previous label: the labels that may follow (`count` of them, then padding).
    follow: [([u8; LABELS], usize); LABELS],
    can_end: [bool; LABELS],
}

fn transitions() -> &'static Transitions {
    static T: std::sync::OnceLock<Transitions> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let mut t = Transitions {
            follow: [([0; LABELS], 0); LABELS],
            can_end: [false; LABELS],
        };
        for p in 0..LABELS {
            let (list, n) = &mut t.follow[p];
            for y in (0..LABELS).filter(|&y| allowed(p, y)) {
                list[*n] = y as u8;
                *n += 1;
            }
            t.can_end[p] = can_end(p);
        }
        t
    })
}

/// The best BILOU-valid label sequence of `n` tokens (Viterbi). `emit(i, scores)` adds the
/// label-independent scores of token `i`; `trans(i)[prev][y]` is the score of `y` after `prev`
/// at token `i`. Greedy decoding, which this replaced, got stuck inside entities it had opened
/// ("Gulf ; the aircraft carrier Enterprise" as one name).
pub(super) fn viterbi<'m, S>(
    n: usize,
    mut emit: impl FnMut(usize, &mut [S; LABELS]),
    trans: impl Fn(usize) -> &'m [[S; LABELS]; LABELS],
    out: &mut Vec<u8>,
) where
    S: 'm + Copy + Default + PartialOrd + std::ops::Add<Output = S>,
{
    out.clear();
    if n == 0 {
        return;
    }
    let table = transitions();
    let mut back: Vec<[u8; LABELS]> = Vec::with_capacity(n);
    // Scores of the best path ending in each label, and which labels have one.
    let mut best = [S::default(); LABELS];
    let mut reach = [false; LABELS];
    // Sentence start behaves like a preceding O.
    reach[0] = true;
    for i in 0..n {
        let mut base = [S::default(); LABELS];
        emit(i, &mut base);
        let mut next = [S::default(); LABELS];
        let mut next_reach = [false; LABELS];
        let mut bp = [0u8; LABELS];
        let m = trans(i);
        for p in 0..LABELS {
            if !reach[p] {
                continue;
            }
            let acc = best[p];
            let row = &m[p];
            // Only the 97 of 289 label pairs BILOU allows.
            let (list, count) = &table.follow[p];
            for &y in &list[..*count] {
                let y = usize::from(y);
                let v = acc + base[y] + row[y];
                if !next_reach[y] || v > next[y] {
                    next[y] = v;
                    next_reach[y] = true;
                    bp[y] = p as u8;
                }
            }
        }
        back.push(bp);
        best = next;
        reach = next_reach;
    }
    let mut y = 0;
    let mut found = false;
    for c in 0..LABELS {
        if reach[c] && table.can_end[c] && (!found || best[c] > best[y]) {
            y = c;
            found = true;
        }
    }
    out.resize(n, 0);
    for i in (0..n).rev() {
        out[i] = y as u8;
        y = usize::from(back[i][y]);
    }
}

/// Records a finished sentence's predictions in the document history.
pub(super) fn remember(doc: &mut DocState, toks: &[TokInfo], labels: &[u8]) {
    for (s, e, t) in spans(labels) {
        for tok in &toks[s..e] {
            let h = doc.history.entry(tok.key).or_default();
            h[t] = h[t].saturating_add(1);
        }
    }
}

/// A trained recogniser; a second-stage one carries the first stage it reads.
#[derive(Debug, Clone, PartialEq)]
pub struct NerTagger {
    pub(super) model: Perceptron,
    pub(super) groups: u32,
    pub(super) first: Option<Arc<NerTagger>>,
}

/// Where a second-stage model's first stage is stored: `ner.bin` → `ner.stage1.bin`.
pub fn first_stage_path(path: &Path) -> PathBuf {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    path.with_file_name(format!("{}.stage1.bin", stem.as_deref().unwrap_or("ner")))
}

pub(super) fn meta_of(groups: u32) -> String {
    let names: Vec<&str> = group::NAMES
        .iter()
        .filter(|(_, g)| groups & g != 0)
        .map(|(n, _)| *n)
        .collect();
    format!("kind=ner;groups={}", names.join(","))
}

/// Parses a comma-separated list of group names (`all` for every group).
pub fn parse_groups(s: &str) -> std::result::Result<u32, String> {
    let mut g = group::BASE;
    for name in s.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        if name == "all" {
            g |= group::ALL;
            continue;
        }
        match group::NAMES.iter().find(|(n, _)| *n == name) {
            Some((_, bit)) => g |= bit,
            None => return Err(format!("unknown feature group {name:?}")),
        }
    }
    Ok(g)
}

impl NerTagger {
    /// Wraps a loaded model, reading its feature groups from the meta string.
    pub fn from_model(model: Perceptron, name: &str) -> Result<NerTagger> {
        let bad = |m: String| Error::Data {
            file: name.to_string(),
            message: m,
        };
        let groups = model
            .meta
            .strip_prefix("kind=ner;groups=")
            .ok_or_else(|| bad(format!("not an NER model (meta {:?})", model.meta)))
            .and_then(|g| parse_groups(g).map_err(bad))?;
        if model.classes() != LABELS {
            return Err(bad(format!(
                "{} labels, expected {LABELS}",
                model.classes()
            )));
        }
        Ok(NerTagger {
            model,
            groups,
            first: None,
        })
    }

    /// Loads a model file, and for a two-stage model its first stage
    /// ([`first_stage_path`]).
    pub fn load(path: &Path) -> Result<NerTagger> {
        let tagger = NerTagger::from_model(Perceptron::load(path)?, &path.display().to_string())?;
        let p1 = first_stage_path(path);
        let first = (tagger.groups & group::AGGREGATE != 0)
            .then(|| Perceptron::load(&p1))
            .transpose()?;
        tagger.with_first_stage(first, &p1.display().to_string())
    }

    /// A recogniser from its model and, for a two-stage one, its first stage's model.
    pub fn from_models(
        model: Perceptron,
        first: Option<Perceptron>,
        name: &str,
        first_name: &str,
    ) -> Result<NerTagger> {
        NerTagger::from_model(model, name)?.with_first_stage(first, first_name)
    }

    /// Attaches a two-stage model's first stage (and checks that one is given exactly when
    /// the model needs it).
    fn with_first_stage(
        mut self,
        first: Option<Perceptron>,
        first_name: &str,
    ) -> Result<NerTagger> {
        let bad = |m: &str| Error::Data {
            file: first_name.to_string(),
            message: m.to_string(),
        };
        match (self.groups & group::AGGREGATE != 0, first) {
            (true, Some(first)) => {
                let first = NerTagger::from_model(first, first_name)?;
                if first.groups & group::AGGREGATE != 0 {
                    return Err(bad("a first stage cannot itself have two stages"));
                }
                self.first = Some(Arc::new(first));
            }
            (true, None) => return Err(bad("a two-stage model needs its first stage")),
            (false, Some(_)) => return Err(bad("a one-stage model has no first stage")),
            (false, None) => {}
        }
        Ok(self)
    }

    /// Saves the model (and the first stage next to it, see [`first_stage_path`]).
    pub fn save(&self, path: &Path) -> Result<()> {
        self.model.save(path)?;
        match &self.first {
            Some(first) => first.save(&first_stage_path(path)),
            None => Ok(()),
        }
    }

    /// The first stage of a two-stage recogniser.
    pub fn first_stage(&self) -> Option<&NerTagger> {
        self.first.as_deref()
    }

    /// The underlying model.
    pub fn model(&self) -> &Perceptron {
        &self.model
    }

    /// The feature groups in use.
    pub fn groups(&self) -> u32 {
        self.groups
    }

    /// Labels every sentence of one document (BILOU label ids, see [`label_name`]).
    pub fn tag_document(&self, sents: &[Vec<&str>], res: &Resources) -> Vec<Vec<u8>> {
        self.tag_document_with(sents, None, res)
    }

    /// Labels every sentence of one document whose token facts and POS tags were computed
    /// beforehand (`pre`, by [`Featurizer::sentence`] without gazetteer and
    /// [`super::PosTagger::tag`]), or computes them when `None`. `pre` is left as it was
    /// given.
    pub fn tag_document_with(
        &self,
        sents: &[Vec<&str>],
        mut pre: Option<&mut Tagged<'_>>,
        res: &Resources,
    ) -> Vec<Vec<u8>> {
        let mut fz = Featurizer::default();
        let groups = self.groups | self.first.as_ref().map_or(0, |f| f.groups);
        let mut p = prepare(sents, res, groups, &mut fz, pre.as_deref_mut());
        if let Some(first) = &self.first {
            let labels = first.decode(&p);
            p.first = Some(FirstPass::new(&p, labels));
        }
        let labels = self.decode(&p);
        if let Some(t) = pre {
            for (given, mut toks) in t.toks.iter_mut().zip(p.toks) {
                remove_gazetteer_bits(&mut toks);
                *given = toks;
            }
        }
        labels
    }

    pub(super) fn decode(&self, p: &Prepared) -> Vec<Vec<u8>> {
        let mut doc = doc_casing(p);
        let mut feats = Vec::with_capacity(128);
        // The previous-label-only scores, once per document.
        let mut transitions = [[0i32; LABELS]; LABELS];
        for (prev, row) in transitions.iter_mut().enumerate() {
            self.model.score(&[transition_feature(prev)], row);
        }
        // Transition scores depend on the token only through its shape: one matrix per shape
        // seen in the document, instead of 17 table lookups per token.
        let mut by_shape: IdMap<usize> = IdMap::default();
        let mut matrices: Vec<[[i32; LABELS]; LABELS]> = Vec::new();
        let mut which = Vec::new();
        let (mut all, mut ends, mut emissions) = (Vec::new(), Vec::new(), Vec::new());
        let mut out = Vec::with_capacity(p.toks.len());
        for s in 0..p.toks.len() {
            which.clear();
            for w in &p.toks[s] {
                let k = *by_shape.entry(w.short_shape).or_insert_with(|| {
                    let mut m = transitions;
                    for (prev, row) in m.iter_mut().enumerate() {
                        self.model.score(&[shape_transition_feature(w, prev)], row);
                    }
                    matrices.push(m);
                    matrices.len() - 1
                });
                which.push(k);
            }
            // Emission features do not depend on this sentence's labels: score them all first,
            // in one batch (see [`Perceptron::score_many`]).
            let n = p.toks[s].len();
            all.clear();
            ends.clear();
            for i in 0..n {
                features(p, s, i, self.groups, &doc, &mut feats);
                all.extend_from_slice(&feats);
                ends.push(all.len());
            }
            emissions.clear();
            emissions.resize(n, [0; LABELS]);
            self.model
                .score_many(&all, &ends, emissions.as_flattened_mut());
            let mut labels = Vec::with_capacity(n);
            viterbi(
                n,
                |i, sc: &mut [i32; LABELS]| *sc = emissions[i],
                |i| &matrices[which[i]],
                &mut labels,
            );
            remember(&mut doc, &p.toks[s], &labels);
            out.push(labels);
        }
        out
    }

    /// Scores documents with gold IOB tags; returns the score and IOB2 predictions.
    pub fn evaluate(
        &self,
        docs: &[TaggedDocument],
        res: &Resources,
    ) -> (ChunkScore, Vec<Vec<Vec<String>>>) {
        let mut score = ChunkScore::default();
        let mut preds = Vec::with_capacity(docs.len());
        for d in docs {
            let sents: Vec<Vec<&str>> = d
                .iter()
                .map(|s| s.words.iter().map(String::as_str).collect())
                .collect();
            let labels = self.tag_document(&sents, res);
            let mut doc_preds = Vec::with_capacity(d.len());
            for (s, y) in d.iter().zip(&labels) {
                let iob = to_iob2(y);
                score.add(&s.tags, &iob);
                doc_preds.push(iob);
            }
            preds.push(doc_preds);
        }
        (score, preds)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The recogniser borrows the precomputed token facts to add its gazetteer bits in place
    /// (no copy of them for the whole document); it must label as if it had computed its
    /// own, and give them back as they were, since the parser reads them next.
    #[test]
    fn precomputed_token_facts_are_given_back_unchanged() {
        let models = super::super::TaggerModels::embedded().expect("built-in models");
        let res = &models.resources;
        let text = [
            "Vladimir Putin met Recep Tayyip Erdogan in Sochi on Monday .",
            "The United Nations and the European Union welcomed the talks .",
            "JOHN SMITH OF GENERAL MOTORS SAID NOTHING .",
        ];
        let sents: Vec<Vec<&str>> = text.iter().map(|s| s.split(' ').collect()).collect();
        let mut fz = Featurizer::default();
        let (mut toks, mut pos) = (Vec::new(), Vec::new());
        for words in &sents {
            let (mut t, mut y) = (Vec::new(), Vec::new());
            fz.sentence(words, res.clusters.as_ref(), None, &mut t);
            if let Some(tagger) = &res.pos {
                tagger.tag(&t, &mut super::super::pos::PosScratch::default(), &mut y);
            }
            toks.push(t);
            pos.push(y);
        }
        let before = toks.clone();
        let mut pre = Tagged {
            toks: &mut toks,
            pos: &pos,
        };
        let with = models.ner.tag_document_with(&sents, Some(&mut pre), res);
        assert_eq!(with, models.ner.tag_document(&sents, res));
        assert_eq!(toks, before);
        // The gazetteer did mark something, so giving back is not vacuous.
        let mut marked = before[0].clone();
        if let Some(g) = &res.gazetteer {
            g.annotate(&sents[0], &mut marked);
        }
        assert_ne!(marked, before[0]);
    }

    fn tags(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn bilou_round_trips_through_iob() {
        let cases: &[(&str, &str)] = &[
            ("I-PER I-PER O I-LOC", "B-PER I-PER O B-LOC"),
            ("I-ORG B-ORG I-ORG I-ORG", "B-ORG B-ORG I-ORG I-ORG"),
            ("I-MISC I-PER I-PER I-PER", "B-MISC B-PER I-PER I-PER"),
            ("O O", "O O"),
        ];
        for (iob1, iob2) in cases {
            let y = encode(&tags(iob1));
            assert_eq!(to_iob2(&y), tags(iob2), "{iob1}");
        }
        let y = encode(&tags("I-PER I-PER I-PER"));
        assert_eq!(
            y.iter()
                .map(|&l| label_name(l as usize))
                .collect::<Vec<_>>(),
            tags("B-PER I-PER L-PER")
        );
    }

    #[test]
    fn transitions_follow_bilou() {
        let b = |t: &str| {
            (0..LABELS)
                .find(|&y| label_name(y) == t)
                .unwrap_or(usize::MAX)
        };
        let cases: &[(&str, &str, bool)] = &[
            ("O", "B-PER", true),
            ("O", "I-PER", false),
            ("B-PER", "L-PER", true),
            ("B-PER", "L-LOC", false),
            ("B-PER", "O", false),
            ("I-ORG", "I-ORG", true),
            ("L-ORG", "U-LOC", true),
            ("U-LOC", "L-LOC", false),
        ];
        for (p, y, ok) in cases {
            assert_eq!(allowed(b(p), b(y)), *ok, "{p} → {y}");
        }
    }

    #[test]
    fn viterbi_finds_valid_best_sequence() {
        let id = |t: &str| (0..LABELS).find(|&y| label_name(y) == t).unwrap_or(0);
        // Greedy would open B-PER on token 0 and be forced into L-PER; the best valid
        // sequence is U-PER, O.
        let emit = |i: usize, sc: &mut [i32; LABELS]| {
            if i == 0 {
                sc[id("B-PER")] += 5;
                sc[id("U-PER")] += 4;
            } else {
                sc[id("O")] += 10;
            }
        };
        let zero = [[0i32; LABELS]; LABELS];
        let mut out = Vec::new();
        viterbi(2, emit, |_| &zero, &mut out);
        assert_eq!(out, vec![id("U-PER") as u8, id("O") as u8]);
        // A sentence cannot end inside an entity, and transitions scores count.
        let emit = |_: usize, sc: &mut [i32; LABELS]| sc[id("B-LOC")] += 3;
        viterbi(1, emit, |_| &zero, &mut out);
        assert!(
            can_end(usize::from(out[0])),
            "{}",
            label_name(out[0].into())
        );
        let mut bonus = zero;
        bonus[id("B-ORG")][id("L-ORG")] = 20;
        let emit = |i: usize, sc: &mut [i32; LABELS]| {
            sc[id(if i == 0 { "B-ORG" } else { "O" })] += 1;
        };
        viterbi(2, emit, |_| &bonus, &mut out);
        assert_eq!(out, vec![id("B-ORG") as u8, id("L-ORG") as u8]);
        viterbi(0, emit, |_| &zero, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn lenient_spans() {
        // B without L still makes an entity; a lone I starts one.
        assert_eq!(spans(&[1, 2, 0]), vec![(0, 2, 0)]);
        assert_eq!(spans(&[0, 2, 3]), vec![(1, 3, 0)]);
        assert_eq!(spans(&[4, 8]), vec![(0, 1, 0), (1, 2, 1)]);
    }
}
