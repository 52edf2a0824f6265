//! Part-of-speech tagger (UPOS): greedy averaged perceptrons over hashed features.
//!
//! Current models run two passes: a right-to-left pass, then a left-to-right pass that also
//! sees the first pass's tags of the word and its right neighbours (stacking; the second pass
//! is trained on first-pass tags of models that did not see the sentence, 5-fold). Both passes
//! share one weight table (the second pass's features are salted). The table is the sum of
//! several runs over differently shuffled data (an ensemble at the cost of one model).

use super::clusters::WordClusters;
use super::conll::TaggedSentence;
use super::features::{f1, f2, small, Featurizer};
use super::hash::combine;
use super::perceptron::Perceptron;
use super::tag_dictionary::TagDictionary;
use super::token_info::{TokInfo, NO_CLUSTER};
use crate::error::{Error, Result};
use std::path::Path;

/// Weight-table size (log2 of rows).
pub const POS_BITS: u32 = 20;
pub(super) const META: &str = "kind=pos";

/// A trained UPOS tagger.
#[derive(Debug, Clone, PartialEq)]
pub struct PosTagger {
    pub(super) model: Perceptron,
    pub(super) opts: u32,
    /// The words' tags in the training data (models with [`opt::TAGS`]).
    pub(super) tags: Option<TagDictionary>,
}

/// Start / end of sentence stand-ins for context tokens.
pub(crate) const BOS: TokInfo = sentinel(0x1111_2222_3333_4444);
pub(crate) const EOS: TokInfo = sentinel(0x5555_6666_7777_8888);

const fn sentinel(h: u64) -> TokInfo {
    TokInfo {
        exact: h,
        lower: h,
        key: h,
        shape: h,
        short_shape: h,
        prefix: [h; 4],
        suffix: [h; 4],
        cluster: [NO_CLUSTER; 4],
        tags: 0,
        gaz: 0,
        flags: 0,
    }
}

/// The token at `i + d`, or a sentinel outside the sentence.
#[inline]
pub(crate) fn at(toks: &[TokInfo], i: usize, d: isize) -> &TokInfo {
    let j = i as isize + d;
    if j < 0 {
        &BOS
    } else {
        toks.get(j as usize).unwrap_or(&EOS)
    }
}

/// Feature option bits, recorded in the model's meta string (`kind=pos;opts=N`; a bare
/// `kind=pos` is the original one-pass feature set, options 0).
pub mod opt {
    /// A right-to-left first pass, then a left-to-right second pass (slim features) that also
    /// sees the first pass's tags.
    pub const TWO_PASS: u32 = 8;
    /// More word-internal features: affix pairs, shape with suffix, history with suffix and
    /// fine cluster, 4-char prefix.
    pub const AFFIX: u32 = 16;
    /// Ambiguity classes: the tags the word and its neighbours had in the training data
    /// ([`TagDictionary`](crate::nlp::tagger::tag_dictionary::TagDictionary), saved next to
    /// the model as `pos.tags.tsv`).
    pub const TAGS: u32 = 32;
    /// Every option this kg knows.
    pub const ALL: u32 = TWO_PASS | AFFIX | TAGS;
}

/// The options `kg train pos` uses.
pub const DEFAULT_OPTS: u32 = opt::TWO_PASS | opt::AFFIX | opt::TAGS;

/// The tag dictionary's file, next to the model.
pub const TAGS_FILE: &str = "pos.tags.tsv";

/// Salt of the second pass's features (they share the weight table with the first pass).
const PASS2: u64 = 0x7061_7373_5f32;
/// Salt of the right-to-left first pass's features.
const R2L_SALT: u64 = 0x7232_6c5f_7061_7373;

/// Which pass a greedy run is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Stage {
    /// The only pass of a one-pass model (left to right).
    Only,
    /// Right-to-left first pass (run over reversed tokens).
    Reverse,
    /// Left-to-right second pass, seeing the first pass's tags.
    Second,
}

/// Which of a pass's features a template function emits: those that do not depend on the
/// previous tags (at tagging time they are scored for a whole sentence at once, which lets
/// the table rows be prefetched), those that do, or all of them (training).
mod part {
    pub const STATIC: u8 = 1;
    pub const HISTORY: u8 = 2;
    pub const ALL: u8 = 3;
}

/// Appends the features of one part ([`part`]) to a vector, keeping the templates' order.
struct Sink<'a, const PART: u8>(&'a mut Vec<u64>);

impl<const PART: u8> Sink<'_, PART> {
    /// Features that do not depend on the previous tags.
    #[inline(always)]
    fn fixed(&mut self, f: &[u64]) {
        if PART & part::STATIC != 0 {
            self.0.extend_from_slice(f);
        }
    }

    /// A feature of the previous tags.
    #[inline(always)]
    fn history(&mut self, f: u64) {
        if PART & part::HISTORY != 0 {
            self.0.push(f);
        }
    }
}

/// The features of the word itself that both passes start with: bias, forms, affixes.
#[inline]
fn word_features(w: &TokInfo) -> [u64; 8] {
    [
        f1(1, 0),
        f1(2, w.lower),
        f1(3, w.exact),
        f1(4, w.suffix[0]),
        f1(5, w.suffix[1]),
        f1(6, w.suffix[2]),
        f1(7, w.suffix[3]),
        f1(8, w.prefix[0]),
    ]
}

/// Appends the features of token `i` given the two previous tags (`p1`, `p2`): the full set
/// (or one part of it).
fn features<const PART: u8>(
    toks: &[TokInfo],
    i: usize,
    p1: usize,
    p2: usize,
    opts: u32,
    out: &mut Vec<u64>,
) {
    let mut out = Sink::<PART>(out);
    let w = &toks[i];
    let (m1, m2, n1, n2) = (
        at(toks, i, -1),
        at(toks, i, -2),
        at(toks, i, 1),
        at(toks, i, 2),
    );
    let (y1, y2) = (small(p1 as u64), small(p2 as u64));
    out.fixed(&word_features(w));
    out.fixed(&[
        f1(9, w.prefix[1]),
        f1(10, w.prefix[2]),
        f1(11, w.shape),
        f1(12, w.short_shape),
        f1(13, small(u64::from(w.flags))),
        f1(14, m1.lower),
        f1(15, n1.lower),
        f1(16, m2.lower),
        f1(17, n2.lower),
        f1(18, m1.suffix[2]),
        f1(19, n1.suffix[2]),
    ]);
    out.history(f1(20, y1));
    out.history(f1(21, y2));
    out.history(f2(22, y1, y2));
    out.history(f2(23, y1, w.lower));
    out.fixed(&[
        f2(24, w.lower, n1.lower),
        f2(25, m1.lower, w.lower),
        f1(26, m1.short_shape),
        f1(27, n1.short_shape),
    ]);
    out.history(f2(28, y1, n1.lower));
    out.fixed(&[f2(29, w.suffix[2], n1.short_shape)]);
    if PART & part::STATIC != 0 {
        for (lvl, &c) in w.cluster.iter().enumerate() {
            if c != NO_CLUSTER {
                out.0.push(f2(30 + lvl as u64, small(u64::from(c)), 0));
            }
        }
        for (t, tok) in [(40u64, n1), (44, m1)] {
            for lvl in 1..4 {
                let c = tok.cluster[lvl];
                if c != NO_CLUSTER {
                    out.0.push(f1(t + lvl as u64, small(u64::from(c))));
                }
            }
        }
    }
    if opts & opt::AFFIX != 0 {
        out.fixed(&[
            f2(70, w.prefix[0], w.suffix[2]),
            f2(71, w.shape, w.suffix[1]),
        ]);
        out.history(f2(72, y1, w.suffix[2]));
        out.history(f2(73, y1, w.suffix[1]));
        out.fixed(&[
            f2(74, w.prefix[3], 0),
            f2(75, w.suffix[3], small(u64::from(w.flags))),
        ]);
        let c = w.cluster[3];
        if c != NO_CLUSTER {
            out.history(f2(76, y1, small(u64::from(c))));
        }
    }
    if opts & opt::TAGS != 0 {
        let (a, an, am) = (
            small(u64::from(w.tags)),
            small(u64::from(n1.tags)),
            small(u64::from(m1.tags)),
        );
        out.fixed(&[
            f1(130, a),
            f1(132, an),
            f1(133, am),
            f2(134, a, an),
            f2(136, am, a),
        ]);
        out.history(f2(131, a, y1));
    }
}

/// Appends the second pass's features (or one part of them): a slim lexical set plus the
/// first pass's tags `first` at `i` and around it, salted.
#[allow(clippy::too_many_arguments)]
fn pass2_features<const PART: u8>(
    toks: &[TokInfo],
    i: usize,
    p1: usize,
    p2: usize,
    first: &[u8],
    n: usize,
    opts: u32,
    out: &mut Vec<u64>,
) {
    let start = out.len();
    let mut sink = Sink::<PART>(out);
    let w = &toks[i];
    let (m1, n1) = (at(toks, i, -1), at(toks, i, 1));
    let (y1, y2) = (small(p1 as u64), small(p2 as u64));
    sink.fixed(&word_features(w));
    sink.fixed(&[
        f1(11, w.shape),
        f1(13, small(u64::from(w.flags))),
        f1(14, m1.lower),
        f1(15, n1.lower),
    ]);
    sink.history(f1(20, y1));
    sink.history(f2(22, y1, y2));
    sink.history(f2(23, y1, w.lower));
    sink.fixed(&[f2(24, w.lower, n1.lower), f2(25, m1.lower, w.lower)]);
    if PART & part::STATIC != 0 {
        for (lvl, &c) in w.cluster.iter().enumerate() {
            if c != NO_CLUSTER {
                sink.0.push(f2(30 + lvl as u64, small(u64::from(c)), 0));
            }
        }
        for (t, tok) in [(40u64, n1), (44, m1)] {
            let c = tok.cluster[3];
            if c != NO_CLUSTER {
                sink.0.push(f1(t + 3, small(u64::from(c))));
            }
        }
    }
    // First-pass tags; past the ends: n + 1, n + 2 on the right, n + 3 on the left.
    let tag = |d: isize| {
        let j = i as isize + d;
        let t = if j < 0 {
            n + 3
        } else {
            first
                .get(j as usize)
                .map_or(n + d.unsigned_abs(), |&t| t as usize)
        };
        small(t as u64)
    };
    let (t0, r1, r2, l1) = (tag(0), tag(1), tag(2), tag(-1));
    sink.fixed(&[f1(90, t0), f1(91, r1), f1(92, r2), f2(93, r1, r2)]);
    sink.history(f2(94, y1, r1));
    sink.fixed(&[f2(95, t0, r1), f2(96, w.lower, r1), f2(97, w.suffix[2], r1)]);
    sink.history(f2(98, combine(y1, t0), r1));
    sink.fixed(&[f2(99, l1, t0)]);
    if opts & opt::TAGS != 0 {
        let (a, an) = (small(u64::from(w.tags)), small(u64::from(n1.tags)));
        sink.fixed(&[f1(130, a), f2(134, a, an), f2(135, a, r1), f2(137, a, t0)]);
        sink.history(f2(131, a, y1));
    }
    for f in &mut out[start..] {
        *f = combine(PASS2, *f);
    }
}

/// Appends one part of the features of token `i` in a pass of `stage`.
#[allow(clippy::too_many_arguments)]
#[inline]
fn stage_features<const PART: u8>(
    stage: Stage,
    toks: &[TokInfo],
    i: usize,
    p1: usize,
    p2: usize,
    opts: u32,
    first: &[u8],
    n: usize,
    out: &mut Vec<u64>,
) {
    match stage {
        Stage::Only => features::<PART>(toks, i, p1, p2, opts, out),
        Stage::Reverse => {
            let start = out.len();
            features::<PART>(toks, i, p1, p2, opts, out);
            out[start..]
                .iter_mut()
                .for_each(|f| *f = combine(R2L_SALT, *f));
        }
        Stage::Second => pass2_features::<PART>(toks, i, p1, p2, first, n, opts, out),
    }
}

/// One greedy left-to-right run over `toks`, pushing a tag per token onto `out`; `pick`
/// chooses the tag of token `i` from its features (scoring, and updating when training).
#[allow(clippy::too_many_arguments)]
pub(super) fn greedy(
    toks: &[TokInfo],
    opts: u32,
    stage: Stage,
    first: &[u8],
    n: usize,
    feats: &mut Vec<u64>,
    pick: &mut dyn FnMut(usize, &[u64]) -> usize,
    out: &mut Vec<u8>,
) {
    let (mut p1, mut p2) = (n, n + 1);
    for i in 0..toks.len() {
        feats.clear();
        stage_features::<{ part::ALL }>(stage, toks, i, p1, p2, opts, first, n, feats);
        let y = pick(i, feats);
        out.push(y as u8);
        p2 = p1;
        p1 = y;
    }
}

/// The right-to-left first pass: its tags, in sentence order, into `out`.
pub(super) fn first_pass(
    toks: &[TokInfo],
    opts: u32,
    n: usize,
    feats: &mut Vec<u64>,
    pick: &mut dyn FnMut(usize, &[u64]) -> usize,
    out: &mut Vec<u8>,
) {
    out.clear();
    let rev: Vec<TokInfo> = toks.iter().rev().copied().collect();
    let last = toks.len().saturating_sub(1);
    greedy(
        &rev,
        opts,
        Stage::Reverse,
        &[],
        n,
        feats,
        &mut |i, f| pick(last - i, f),
        out,
    );
    out.reverse();
}

pub(super) fn argmax<T: PartialOrd + Copy>(s: &[T]) -> usize {
    let mut best = 0;
    for (i, v) in s.iter().enumerate() {
        if *v > s[best] {
            best = i;
        }
    }
    best
}

/// The options of a POS model's meta string, `None` when it is not a POS model.
fn parse_opts(meta: &str) -> Option<u32> {
    let mut parts = meta.split(';');
    if parts.next() != Some(META) {
        return None;
    }
    let mut opts = 0;
    for p in parts {
        opts = p.strip_prefix("opts=")?.parse().ok()?;
    }
    (opts & !opt::ALL == 0).then_some(opts)
}

impl PosTagger {
    /// Wraps a loaded model, checking that it is a POS model with options this kg knows.
    /// Wraps a loaded model and, when its options ask for one, the text of its tag dictionary
    /// (`name`, `tags_name`: the files, for errors).
    pub fn from_parts(
        model: Perceptron,
        tags: Option<&str>,
        name: &str,
        tags_name: &str,
    ) -> Result<PosTagger> {
        let opts = parse_opts(&model.meta).ok_or_else(|| Error::Data {
            file: name.to_string(),
            message: format!("not a POS model of this kg (meta {:?})", model.meta),
        })?;
        let tags = match (opts & opt::TAGS != 0, tags) {
            (true, Some(text)) => Some(TagDictionary::parse(text, &model.labels, tags_name)?),
            (true, None) => {
                return Err(Error::Data {
                    file: tags_name.to_string(),
                    message: format!("the POS model {name} needs its tag dictionary"),
                })
            }
            (false, _) => None,
        };
        Ok(PosTagger { model, opts, tags })
    }

    /// Loads a model and, next to it, its tag dictionary ([`TAGS_FILE`]) if it has one.
    pub fn load(path: &Path) -> Result<PosTagger> {
        let model = Perceptron::load(path)?;
        let tags_path = path.with_file_name(TAGS_FILE);
        let text = if parse_opts(&model.meta).is_some_and(|o| o & opt::TAGS != 0) {
            Some(
                std::fs::read_to_string(&tags_path).map_err(|source| Error::Io {
                    path: tags_path.clone(),
                    source,
                })?,
            )
        } else {
            None
        };
        let (name, tags_name) = (path.display().to_string(), tags_path.display().to_string());
        PosTagger::from_parts(model, text.as_deref(), &name, &tags_name)
    }

    /// Writes the model to `path` and its tag dictionary, if any, next to it.
    pub fn save(&self, path: &Path) -> Result<()> {
        self.model.save(path)?;
        let Some(tags) = &self.tags else {
            return Ok(());
        };
        let header = "UPOS tags each word (lower-cased, unaccented) had in UD English-EWT train \
            (CC BY-SA 4.0)\nrebuild: kg train pos --corpora ../shared/corpora --out data/models";
        let tags_path = path.with_file_name(TAGS_FILE);
        std::fs::write(&tags_path, tags.to_text(header, &self.model.labels)).map_err(|source| {
            Error::Io {
                path: tags_path,
                source,
            }
        })
    }

    /// The underlying model.
    pub fn model(&self) -> &Perceptron {
        &self.model
    }

    /// Feature option bits ([`opt`]).
    pub fn opts(&self) -> u32 {
        self.opts
    }

    /// Tag names, index = tag id.
    pub fn labels(&self) -> &[String] {
        &self.model.labels
    }

    /// Tags one sentence; `out` gets one tag id per token.
    pub fn tag(&self, toks: &[TokInfo], scratch: &mut PosScratch, out: &mut Vec<u8>) {
        let (mut own, mut rev, mut first) = (
            std::mem::take(&mut scratch.toks),
            std::mem::take(&mut scratch.reversed),
            std::mem::take(&mut scratch.first),
        );
        let toks = match &self.tags {
            Some(d) => {
                own.clear();
                own.extend(toks.iter().map(|t| TokInfo {
                    tags: d.mask(t.key),
                    ..*t
                }));
                &own[..]
            }
            None => toks,
        };
        if self.opts & opt::TWO_PASS == 0 {
            self.pass(toks, Stage::Only, &[], scratch, out);
        } else {
            rev.clear();
            rev.extend(toks.iter().rev());
            self.pass(&rev, Stage::Reverse, &[], scratch, &mut first);
            first.reverse();
            self.pass(toks, Stage::Second, &first, scratch, out);
        }
        (scratch.toks, scratch.reversed, scratch.first) = (own, rev, first);
    }

    /// One greedy left-to-right pass of `stage` over `toks` (`first`: the first pass's tags
    /// for the second pass). The features that do not depend on the previous tags are scored
    /// for the whole sentence at once; those that do, token by token.
    fn pass(
        &self,
        toks: &[TokInfo],
        stage: Stage,
        first: &[u8],
        scratch: &mut PosScratch,
        out: &mut Vec<u8>,
    ) {
        let n = self.model.classes();
        let PosScratch {
            fixed,
            ends,
            scores,
            history,
            ..
        } = scratch;
        fixed.clear();
        ends.clear();
        for i in 0..toks.len() {
            stage_features::<{ part::STATIC }>(stage, toks, i, 0, 0, self.opts, first, n, fixed);
            ends.push(fixed.len());
        }
        scores.clear();
        scores.resize(toks.len() * n, 0);
        self.model.score_many(fixed, ends, scores);
        out.clear();
        let (mut p1, mut p2) = (n, n + 1);
        for (i, scores) in scores.chunks_exact_mut(n).enumerate() {
            history.clear();
            stage_features::<{ part::HISTORY }>(
                stage, toks, i, p1, p2, self.opts, first, n, history,
            );
            self.model.score(history, scores);
            let y = argmax(scores);
            out.push(y as u8);
            (p2, p1) = (p1, y);
        }
    }

    /// Token accuracy on gold-tagged sentences.
    pub fn accuracy(&self, sents: &[TaggedSentence], clusters: Option<&WordClusters>) -> f64 {
        self.accuracy_of(sents, &self.predict(sents, clusters))
    }

    /// Tag ids for the words of each sentence.
    pub fn predict(
        &self,
        sents: &[TaggedSentence],
        clusters: Option<&WordClusters>,
    ) -> Vec<Vec<u8>> {
        let mut fz = Featurizer::default();
        let (mut toks, mut scratch) = (Vec::new(), PosScratch::default());
        sents
            .iter()
            .map(|s| {
                let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
                fz.sentence(&words, clusters, None, &mut toks);
                let mut out = Vec::with_capacity(words.len());
                self.tag(&toks, &mut scratch, &mut out);
                out
            })
            .collect()
    }

    /// Token accuracy of `predicted` tag ids ([`PosTagger::predict`]) against gold tags.
    pub fn accuracy_of(&self, sents: &[TaggedSentence], predicted: &[Vec<u8>]) -> f64 {
        let (mut ok, mut n) = (0usize, 0usize);
        for (s, out) in sents.iter().zip(predicted) {
            for (y, g) in out.iter().zip(&s.tags) {
                n += 1;
                ok += usize::from(self.labels()[*y as usize] == *g);
            }
        }
        ok as f64 / n.max(1) as f64
    }
}

/// Buffers that [`PosTagger::tag`] reuses from one sentence to the next.
#[derive(Default)]
pub struct PosScratch {
    /// Features that do not depend on the previous tags, of every token in turn.
    fixed: Vec<u64>,
    /// Where each token's features end in `fixed`.
    ends: Vec<usize>,
    /// Per token, the scores of every class.
    scores: Vec<i32>,
    /// The features of the previous tags, of one token.
    history: Vec<u64>,
    /// The sentence with the words' dictionary tags filled in.
    toks: Vec<TokInfo>,
    /// The sentence backwards, for the right-to-left pass.
    reversed: Vec<TokInfo>,
    /// The first pass's tags.
    first: Vec<u8>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::tagger::train::perceptron::Trainer;
    use crate::nlp::tagger::train::pos::{train_pos_with, PosParams};
    use crate::nlp::tagger::Rng;

    /// The pre-batching tagger: every feature of a token scored together. Returns the tags
    /// and the last pass's scores.
    fn tag_unbatched(tagger: &PosTagger, toks: &[TokInfo]) -> (Vec<u8>, Vec<i32>) {
        let n = tagger.model.classes();
        let toks: Vec<TokInfo> = toks
            .iter()
            .map(|t| TokInfo {
                tags: tagger.tags.as_ref().map_or(0, |d| d.mask(t.key)),
                ..*t
            })
            .collect();
        let toks = &toks[..];
        let mut kept = Vec::new();
        let mut pick = |_: usize, f: &[u64]| {
            let mut scores = vec![0i32; n];
            tagger.model.score(f, &mut scores);
            kept.extend_from_slice(&scores);
            argmax(&scores)
        };
        let (opts, mut feats, mut out) = (tagger.opts, Vec::new(), Vec::new());
        if opts & opt::TWO_PASS == 0 {
            let (f, o) = (&mut feats, &mut out);
            greedy(toks, opts, Stage::Only, &[], n, f, &mut pick, o);
            return (out, kept);
        }
        let mut first = Vec::new();
        first_pass(toks, opts, n, &mut feats, &mut pick, &mut first);
        greedy(
            toks,
            opts,
            Stage::Second,
            &first,
            n,
            &mut feats,
            &mut pick,
            &mut out,
        );
        let last = kept.len() - toks.len() * n;
        (out, kept.split_off(last))
    }

    #[test]
    fn batched_tagging_matches_scoring_all_features_at_once() {
        // A toy corpus where "run" and "fast" take their tag from the word before, so the
        // features of the previous tags carry weight.
        let mut rng = Rng::new(3);
        let sents: Vec<TaggedSentence> = (0..80)
            .map(|_| {
                let mut s = TaggedSentence::default();
                for _ in 0..1 + rng.next_u64() % 4 {
                    let noun = ["dog", "run", "Moscow"][(rng.next_u64() % 3) as usize];
                    let verb = ["run", "sees", "fast"][(rng.next_u64() % 3) as usize];
                    for (w, t) in [("the", "DET"), (noun, "NOUN"), (verb, "VERB")] {
                        s.words.push(w.to_string());
                        s.tags.push(t.to_string());
                    }
                }
                s
            })
            .collect();
        let mut fz = Featurizer::default();
        let mut toks = Vec::new();
        for opts in [DEFAULT_OPTS, 0] {
            let params = PosParams {
                opts,
                epochs: 2,
                members: 2,
                fold_epochs: 1,
                ..PosParams::default()
            };
            let tagger = train_pos_with(&sents, &sents[..10], None, &params, &mut |_, _| {});
            let (mut scratch, mut out) = (PosScratch::default(), Vec::new());
            for s in &sents {
                let w: Vec<&str> = s.words.iter().map(String::as_str).collect();
                fz.sentence(&w, None, None, &mut toks);
                tagger.tag(&toks, &mut scratch, &mut out);
                let (tags, scores) = tag_unbatched(&tagger, &toks);
                assert_eq!(out, tags, "opts {opts}: {w:?}");
                assert_eq!(scratch.scores, scores, "opts {opts}: {w:?}");
            }
        }
    }

    #[test]
    fn reads_options_from_meta() {
        assert_eq!(parse_opts("kind=pos"), Some(0));
        assert_eq!(parse_opts("kind=pos;opts=24"), Some(24));
        assert_eq!(parse_opts("kind=ner;groups=3"), None);
        assert_eq!(
            parse_opts("kind=pos;opts=4096"),
            None,
            "unknown option bits"
        );
        assert_eq!(parse_opts("kind=pos;bits=3"), None);
    }

    #[test]
    fn tags_every_token_of_short_sentences() {
        let mut t = Trainer::new(3, 12);
        let mut fz = Featurizer::default();
        let mut toks = Vec::new();
        fz.sentence(&["a"], None, None, &mut toks);
        let mut feats = Vec::new();
        features::<{ part::ALL }>(&toks, 0, 3, 4, DEFAULT_OPTS, &mut feats);
        t.update(&feats, 1, 0);
        let labels = vec!["A".to_string(), "B".to_string(), "C".to_string()];
        let model = t.finish(labels, format!("{META};opts={DEFAULT_OPTS}"));
        assert!(
            PosTagger::from_parts(model.clone(), None, "t", "d").is_err(),
            "a model with ambiguity classes needs its tag dictionary"
        );
        let tagger = PosTagger::from_parts(model, Some("# empty\n"), "t", "d").expect("pos");
        let (mut out, mut scratch) = (vec![9], PosScratch::default());
        for words in [&[][..], &["a"][..], &["a", "b", "c"][..]] {
            fz.sentence(words, None, None, &mut toks);
            tagger.tag(&toks, &mut scratch, &mut out);
            assert_eq!(out.len(), words.len());
            assert!(out.iter().all(|&y| y < 3));
        }
    }
}
