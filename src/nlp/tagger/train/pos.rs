//! Training the UPOS tagger: averaged-perceptron members summed into one table, the
//! two-pass model's first-pass tags jackknifed over folds, the epoch best on dev kept.

use crate::nlp::tagger::clusters::WordClusters;
use crate::nlp::tagger::conll::TaggedSentence;
use crate::nlp::tagger::features::Featurizer;
use crate::nlp::tagger::pos::{
    argmax, first_pass, greedy, opt, PosTagger, Stage, DEFAULT_OPTS, META, POS_BITS,
};
use crate::nlp::tagger::tag_dictionary::TagDictionary;
use crate::nlp::tagger::token_info::TokInfo;
use crate::nlp::tagger::train::perceptron::Trainer;
use crate::nlp::tagger::Rng;

/// Training settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PosParams {
    /// Feature option bits ([`opt`]).
    pub opts: u32,
    /// Passes over the training data (the epoch with the best dev accuracy is kept).
    pub epochs: usize,
    /// Shuffling seed.
    pub seed: u64,
    /// Runs over differently shuffled data whose averaged weights are summed.
    pub members: usize,
    /// Also update when the gold tag wins by less than this (0: plain perceptron).
    pub margin: f32,
    /// Folds for the first pass's tags on the training data (two-pass models).
    pub folds: usize,
    /// Epochs of each fold's first-pass model.
    pub fold_epochs: usize,
}

impl Default for PosParams {
    fn default() -> PosParams {
        PosParams {
            opts: DEFAULT_OPTS,
            epochs: 12,
            seed: 1,
            members: 4,
            margin: 1.0,
            folds: 5,
            fold_epochs: 8,
        }
    }
}

/// Training sentences: token facts and gold tag ids.
type Prepared = Vec<(Vec<TokInfo>, Vec<usize>)>;

/// One online epoch over `data[order]`: the first pass (or only pass) always; the second
/// pass too when `first` holds the first-pass tags it should see (jackknifed).
fn train_epoch(
    trainer: &mut Trainer,
    data: &Prepared,
    order: &[usize],
    first: Option<&[Vec<u8>]>,
    opts: u32,
    margin: f32,
    n: usize,
) {
    let (mut feats, mut scores) = (Vec::new(), vec![0f32; n]);
    let (mut tags, mut out) = (Vec::new(), Vec::new());
    for &k in order {
        let (toks, gold) = &data[k];
        let mut pick = |i: usize, f: &[u64]| {
            scores.iter_mut().for_each(|s| *s = 0.0);
            trainer.score(f, &mut scores);
            let guess = argmax(&scores);
            let g = gold[i];
            // Update against the guess, or against the runner-up while the gold tag's lead
            // is below the margin.
            let mut other = guess;
            if guess == g && margin > 0.0 {
                let mut best = f32::MIN;
                for (c, &s) in scores.iter().enumerate() {
                    if c != g && s > best {
                        best = s;
                        other = c;
                    }
                }
                if scores[g] - best >= margin {
                    other = g;
                }
            }
            trainer.update(f, g, other);
            guess
        };
        out.clear();
        if opts & opt::TWO_PASS == 0 {
            let (f, o) = (&mut feats, &mut out);
            greedy(toks, opts, Stage::Only, &[], n, f, &mut pick, o);
            continue;
        }
        first_pass(toks, opts, n, &mut feats, &mut pick, &mut tags);
        if let Some(first) = first {
            greedy(
                toks,
                opts,
                Stage::Second,
                &first[k],
                n,
                &mut feats,
                &mut pick,
                &mut out,
            );
        }
    }
}

/// Trains a tagger with `params`, keeping the epoch with the best accuracy on `dev`;
/// `report(epoch, dev accuracy)` is called after each pass.
pub fn train_pos_with(
    train: &[TaggedSentence],
    dev: &[TaggedSentence],
    clusters: Option<&WordClusters>,
    params: &PosParams,
    report: &mut dyn FnMut(usize, f64),
) -> PosTagger {
    let opts = params.opts;
    let mut labels: Vec<String> = train.iter().flat_map(|s| s.tags.iter().cloned()).collect();
    labels.sort();
    labels.dedup();
    let n = labels.len();
    let index = |t: &str| labels.iter().position(|l| l == t).unwrap_or(0);
    let mut fz = Featurizer::default();
    let folds = params.folds.max(2);
    fn word_tags<'a>(
        s: &'a TaggedSentence,
        index: &'a dyn Fn(&str) -> usize,
    ) -> impl Iterator<Item = (&'a str, usize)> + 'a {
        s.words
            .iter()
            .zip(&s.tags)
            .map(|(w, t)| (w.as_str(), index(t)))
    }
    let pairs = |s| word_tags(s, &index);
    // The dictionary of each fold: a training sentence sees the tags its words had in the
    // other folds, as a sentence at tagging time sees only what training saw.
    let (dictionary, by_fold) = if opts & opt::TAGS != 0 {
        let by_fold: Vec<TagDictionary> = (0..folds)
            .map(|f| {
                let mine = train.iter().skip(f).step_by(folds);
                TagDictionary::from_pairs(mine.flat_map(pairs))
            })
            .collect();
        (
            Some(TagDictionary::from_pairs(train.iter().flat_map(pairs))),
            by_fold,
        )
    } else {
        (None, Vec::new())
    };
    let data: Prepared = train
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            let mut toks = Vec::new();
            fz.sentence(&words, clusters, None, &mut toks);
            for t in &mut toks {
                let others = by_fold.iter().enumerate().filter(|&(f, _)| f != k % folds);
                t.tags = others.fold(0, |m, (_, d)| m | d.mask(t.key));
            }
            (toks, s.tags.iter().map(|t| index(t)).collect())
        })
        .collect();
    let meta = format!("{META};opts={opts}");
    let mut rng = Rng::new(params.seed);
    // First-pass tags of each training sentence, from models that did not see it.
    let first: Option<Vec<Vec<u8>>> = (opts & opt::TWO_PASS != 0).then(|| {
        let mut first = vec![Vec::new(); data.len()];
        let mut feats = Vec::new();
        for f in 0..folds {
            let mut order: Vec<usize> = (0..data.len()).filter(|k| k % folds != f).collect();
            let mut trainer = Trainer::new(n, POS_BITS);
            for _ in 0..params.fold_epochs {
                rng.shuffle(&mut order);
                train_epoch(&mut trainer, &data, &order, None, opts, params.margin, n);
            }
            let model = trainer.finish(labels.clone(), String::new());
            let mut scores = vec![0i32; n];
            let mut pick = |_: usize, f: &[u64]| {
                scores.iter_mut().for_each(|s| *s = 0);
                model.score(f, &mut scores);
                argmax(&scores)
            };
            for k in (0..data.len()).filter(|k| k % folds == f) {
                first_pass(&data[k].0, opts, n, &mut feats, &mut pick, &mut first[k]);
            }
        }
        first
    });
    // The ensemble: each member its own shuffles, all summed into one table.
    let mut members: Vec<(Trainer, Vec<usize>, Rng)> = (0..params.members.max(1) as u64)
        .map(|m| {
            let order = (0..data.len()).collect();
            let rng = Rng::new(params.seed.wrapping_add(1000 * m));
            (Trainer::new(n, POS_BITS), order, rng)
        })
        .collect();
    let finish = |members: &[(Trainer, Vec<usize>, Rng)]| {
        let trainers: Vec<&Trainer> = members.iter().map(|m| &m.0).collect();
        PosTagger {
            model: Trainer::finish_refs(&trainers, labels.clone(), meta.clone()),
            opts,
            tags: dictionary.clone(),
        }
    };
    let mut best: Option<(f64, PosTagger)> = None;
    for epoch in 1..=params.epochs {
        for (trainer, order, rng) in &mut members {
            rng.shuffle(order);
            let first = first.as_deref();
            train_epoch(trainer, &data, order, first, opts, params.margin, n);
        }
        let tagger = finish(&members);
        let acc = tagger.accuracy(dev, clusters);
        report(epoch, acc);
        if best.as_ref().is_none_or(|(b, _)| acc > *b) {
            best = Some((acc, tagger));
        }
    }
    match best {
        Some((_, t)) => t,
        None => finish(&members),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Settings of a short training run: two members, `epochs`, `fold_epochs`.
    fn small_run(opts: u32, epochs: usize, fold_epochs: usize) -> PosParams {
        PosParams {
            opts,
            epochs,
            members: 2,
            fold_epochs,
            ..PosParams::default()
        }
    }

    #[test]
    fn tiny_training_run_learns() {
        let Some(dir) = crate::nlp::tagger::test_corpora() else {
            return;
        };
        let ud = dir.join("ud_english_ewt");
        let train = crate::nlp::tagger::conll::read_conllu(&ud.join("en_ewt-ud-train.conllu"))
            .expect("train");
        let dev =
            crate::nlp::tagger::conll::read_conllu(&ud.join("en_ewt-ud-dev.conllu")).expect("dev");
        let (train, dev) = (&train[..500], &dev[..200]);
        // The default two-pass model, and the original one-pass one.
        for opts in [DEFAULT_OPTS, 0] {
            let params = small_run(opts, 3, 2);
            let mut curve = Vec::new();
            let tagger = train_pos_with(train, dev, None, &params, &mut |_, a| curve.push(a));
            assert_eq!(tagger.opts(), opts);
            let acc = tagger.accuracy(dev, None);
            assert!(
                acc > 0.80,
                "opts {opts}: dev accuracy after a tiny run {acc:.3} (curve {curve:?})"
            );
            // Saved and loaded again (with its tag dictionary, for the default options).
            let dir = std::env::temp_dir().join(format!("kg-pos-test-{}", std::process::id()));
            std::fs::create_dir_all(&dir).expect("temp dir");
            let path = dir.join(format!("pos-{opts}.bin"));
            tagger.save(&path).expect("save");
            let back = PosTagger::load(&path).expect("load");
            assert_eq!(back, tagger, "opts {opts}");
            assert_eq!(back.accuracy(dev, None), acc);
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
}
