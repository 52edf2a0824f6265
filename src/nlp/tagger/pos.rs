//! Part-of-speech tagger (UPOS): greedy averaged perceptron over hashed features.

use super::clusters::WordClusters;
use super::conll::TaggedSentence;
use super::features::{f1, f2, small, Featurizer, TokInfo, NO_CLUSTER};
use super::perceptron::{Perceptron, Trainer};
use super::Rng;
use crate::error::{Error, Result};

/// Weight-table size (log2 of rows).
pub const POS_BITS: u32 = 20;
const META: &str = "kind=pos";

/// A trained UPOS tagger.
#[derive(Debug, Clone, PartialEq)]
pub struct PosTagger {
    model: Perceptron,
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

fn features(toks: &[TokInfo], i: usize, p1: usize, p2: usize, out: &mut Vec<u64>) {
    out.clear();
    let w = &toks[i];
    let (m1, m2, n1, n2) = (
        at(toks, i, -1),
        at(toks, i, -2),
        at(toks, i, 1),
        at(toks, i, 2),
    );
    let (y1, y2) = (small(p1 as u64), small(p2 as u64));
    out.extend_from_slice(&[
        f1(1, 0),
        f1(2, w.lower),
        f1(3, w.exact),
        f1(4, w.suffix[0]),
        f1(5, w.suffix[1]),
        f1(6, w.suffix[2]),
        f1(7, w.suffix[3]),
        f1(8, w.prefix[0]),
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
        f1(20, y1),
        f1(21, y2),
        f2(22, y1, y2),
        f2(23, y1, w.lower),
        f2(24, w.lower, n1.lower),
        f2(25, m1.lower, w.lower),
        f1(26, m1.short_shape),
        f1(27, n1.short_shape),
        f2(28, y1, n1.lower),
        f2(29, w.suffix[2], n1.short_shape),
    ]);
    for (lvl, &c) in w.cluster.iter().enumerate() {
        if c != NO_CLUSTER {
            out.push(f2(30 + lvl as u64, small(u64::from(c)), 0));
        }
    }
    for (t, tok) in [(40u64, n1), (44, m1)] {
        for lvl in 1..4 {
            let c = tok.cluster[lvl];
            if c != NO_CLUSTER {
                out.push(f1(t + lvl as u64, small(u64::from(c))));
            }
        }
    }
}

fn argmax<T: PartialOrd + Copy>(s: &[T]) -> usize {
    let mut best = 0;
    for (i, v) in s.iter().enumerate() {
        if *v > s[best] {
            best = i;
        }
    }
    best
}

impl PosTagger {
    /// Wraps a loaded model, checking that it is a POS model.
    pub fn from_model(model: Perceptron, name: &str) -> Result<PosTagger> {
        if model.meta != META {
            return Err(Error::Data {
                file: name.to_string(),
                message: format!("not a POS model (meta {:?})", model.meta),
            });
        }
        Ok(PosTagger { model })
    }

    /// The underlying model.
    pub fn model(&self) -> &Perceptron {
        &self.model
    }

    /// Tag names, index = tag id.
    pub fn labels(&self) -> &[String] {
        &self.model.labels
    }

    /// Tags one sentence; `out` gets one tag id per token.
    pub fn tag(&self, toks: &[TokInfo], feats: &mut Vec<u64>, out: &mut Vec<u8>) {
        out.clear();
        let n = self.model.classes();
        let mut scores = vec![0i32; n];
        let (mut p1, mut p2) = (n, n + 1);
        for i in 0..toks.len() {
            features(toks, i, p1, p2, feats);
            scores.iter_mut().for_each(|s| *s = 0);
            self.model.score(feats, &mut scores);
            let y = argmax(&scores);
            out.push(y as u8);
            p2 = p1;
            p1 = y;
        }
    }

    /// Token accuracy on gold-tagged sentences.
    pub fn accuracy(&self, sents: &[TaggedSentence], clusters: Option<&WordClusters>) -> f64 {
        let mut fz = Featurizer::default();
        let (mut toks, mut feats, mut out) = (Vec::new(), Vec::new(), Vec::new());
        let (mut ok, mut n) = (0usize, 0usize);
        for s in sents {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            fz.sentence(&words, clusters, None, &mut toks);
            self.tag(&toks, &mut feats, &mut out);
            for (y, g) in out.iter().zip(&s.tags) {
                n += 1;
                ok += usize::from(self.labels()[*y as usize] == *g);
            }
        }
        ok as f64 / n.max(1) as f64
    }
}

/// Trains a tagger for `epochs` passes over `train` (shuffled with `seed`), keeping the epoch
/// with the best accuracy on `dev`; `report(epoch, dev accuracy)` is called after each pass.
pub fn train_pos(
    train: &[TaggedSentence],
    dev: &[TaggedSentence],
    clusters: Option<&WordClusters>,
    epochs: usize,
    seed: u64,
    report: &mut dyn FnMut(usize, f64),
) -> PosTagger {
    let mut labels: Vec<String> = train.iter().flat_map(|s| s.tags.iter().cloned()).collect();
    labels.sort();
    labels.dedup();
    let n = labels.len();
    let index = |t: &str| labels.iter().position(|l| l == t).unwrap_or(0);
    let mut fz = Featurizer::default();
    let data: Vec<(Vec<TokInfo>, Vec<usize>)> = train
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            let mut toks = Vec::new();
            fz.sentence(&words, clusters, None, &mut toks);
            (toks, s.tags.iter().map(|t| index(t)).collect())
        })
        .collect();
    let mut trainer = Trainer::new(n, POS_BITS);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = Rng::new(seed);
    let mut best: Option<(f64, PosTagger)> = None;
    let (mut feats, mut scores) = (Vec::new(), vec![0f32; n]);
    for epoch in 1..=epochs {
        rng.shuffle(&mut order);
        for &k in &order {
            let (toks, gold) = &data[k];
            let (mut p1, mut p2) = (n, n + 1);
            for i in 0..toks.len() {
                features(toks, i, p1, p2, &mut feats);
                scores.iter_mut().for_each(|s| *s = 0.0);
                trainer.score(&feats, &mut scores);
                let guess = argmax(&scores);
                trainer.update(&feats, gold[i], guess);
                p2 = p1;
                p1 = guess;
            }
        }
        let tagger = PosTagger {
            model: trainer.finish(labels.clone(), META.to_string()),
        };
        let acc = tagger.accuracy(dev, clusters);
        report(epoch, acc);
        if best.as_ref().is_none_or(|(b, _)| acc > *b) {
            best = Some((acc, tagger));
        }
    }
    match best {
        Some((_, t)) => t,
        None => PosTagger {
            model: trainer.finish(labels, META.to_string()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiny_training_run_learns() {
        let Some(dir) = crate::nlp::tagger::test_corpora() else {
            return;
        };
        let ud = dir.join("ud_english_ewt");
        let train =
            super::super::conll::read_conllu(&ud.join("en_ewt-ud-train.conllu")).expect("train");
        let dev = super::super::conll::read_conllu(&ud.join("en_ewt-ud-dev.conllu")).expect("dev");
        let (train, dev) = (&train[..500], &dev[..200]);
        let mut curve = Vec::new();
        let tagger = train_pos(train, dev, None, 3, 1, &mut |_, a| curve.push(a));
        let acc = tagger.accuracy(dev, None);
        assert!(
            acc > 0.80,
            "dev accuracy after a tiny run {acc:.3} (curve {curve:?})"
        );
        let back = Perceptron::from_bytes(&tagger.model().to_bytes(), "t").expect("load");
        let back = PosTagger::from_model(back, "t").expect("pos");
        assert_eq!(back.accuracy(dev, None), acc);
    }
}
