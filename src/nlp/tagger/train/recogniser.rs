//! Training the CoNLL recogniser: a structured perceptron (Collins 2002) over Viterbi
//! decoding, the epoch best on dev kept, several seeds averaged, and for a two-stage
//! recogniser a first stage whose labels on training documents come from folds that did not
//! see them.

use crate::nlp::tagger::conll::TaggedDocument;
use crate::nlp::tagger::features::Featurizer;
use crate::nlp::tagger::perceptron::Perceptron;
use crate::nlp::tagger::recogniser::{
    doc_casing, encode, features, group, label_features, label_name, meta_of, prepare, remember,
    viterbi, FirstPass, NerTagger, Prepared, Resources, LABELS, NER_BITS,
};
use crate::nlp::tagger::train::perceptron::Trainer;
use crate::nlp::tagger::Rng;
use std::sync::Arc;

/// One line of training progress.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    /// 1 for the first stage of a two-stage recogniser, else 2.
    pub stage: u8,
    /// Model number (1-based) among the averaged ones.
    pub model: usize,
    /// Epoch (1-based), or 0 for the averaged model.
    pub epoch: usize,
    /// F1 on the development documents.
    pub dev_f1: f64,
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct NerParams {
    /// Feature groups.
    pub groups: u32,
    /// Passes over the training documents.
    pub epochs: usize,
    /// Shuffling seed.
    pub seed: u64,
    /// Models trained with seeds `seed`, `seed + 1`, ... whose weights are averaged into one
    /// (same size and speed as one model; less dependent on the shuffling order).
    pub models: usize,
    /// Feature groups of the first stage of a two-stage recogniser (default: `groups` without
    /// `aggregate`).
    pub first_groups: Option<u32>,
}

impl NerParams {
    fn first_stage_groups(&self) -> u32 {
        self.first_groups.unwrap_or(self.groups) & !group::AGGREGATE
    }

    /// Everything the documents must be prepared for, both stages included.
    fn all_groups(&self) -> u32 {
        if self.groups & group::AGGREGATE != 0 {
            self.groups | self.first_stage_groups()
        } else {
            self.groups
        }
    }
}

/// Trains on `train`, keeping the epoch with the best F1 on `dev`, `params.models` times with
/// different seeds, and averages the models' weights. `report` is called after each pass and
/// for each averaged model.
pub fn train_ner(
    train: &[TaggedDocument],
    dev: &[TaggedDocument],
    res: &Resources,
    params: &NerParams,
    report: &mut dyn FnMut(Progress),
) -> NerTagger {
    let groups = params.groups;
    let mut fz = Featurizer::default();
    let mut data: Vec<(Prepared, Vec<Vec<u8>>)> = train
        .iter()
        .map(|d| {
            let sents: Vec<Vec<&str>> = d
                .iter()
                .map(|s| s.words.iter().map(String::as_str).collect())
                .collect();
            let gold = d.iter().map(|s| encode(&s.tags)).collect();
            (
                prepare(&sents, res, params.all_groups(), &mut fz, None),
                gold,
            )
        })
        .collect();
    let first = if groups & group::AGGREGATE != 0 {
        Some(Arc::new(first_stage(&mut data, dev, res, params, report)))
    } else {
        None
    };
    let stage = if first.is_some() { 2 } else { 1 };
    train_seeds(&data, dev, res, groups, first, params, stage, report)
}

/// Trains `params.models` models (seeds `params.seed`, `+1`, ...) on all of `data` and averages
/// their weights; reports each pass and, when there are several, the averaged model.
#[allow(clippy::too_many_arguments)]
fn train_seeds(
    data: &[(Prepared, Vec<Vec<u8>>)],
    dev: &[TaggedDocument],
    res: &Resources,
    groups: u32,
    first: Option<Arc<NerTagger>>,
    params: &NerParams,
    stage: u8,
    report: &mut dyn FnMut(Progress),
) -> NerTagger {
    let all: Vec<usize> = (0..data.len()).collect();
    let mut models = Vec::new();
    for k in 0..params.models.max(1) {
        let seed = params.seed.wrapping_add(k as u64);
        let mut progress = |epoch, dev_f1| {
            report(Progress {
                stage,
                model: k + 1,
                epoch,
                dev_f1,
            })
        };
        let tagger = train_one(
            data,
            &all,
            dev,
            res,
            groups,
            &first,
            params.epochs,
            seed,
            &mut progress,
        );
        models.push(tagger.model);
    }
    let tagger = NerTagger {
        model: Perceptron::average(&models),
        groups,
        first,
    };
    if models.len() > 1 {
        report(Progress {
            stage,
            model: 0,
            epoch: 0,
            dev_f1: tagger.evaluate(dev, res).0.f1(),
        });
    }
    tagger
}

/// Number of parts the training documents are cut into for the first stage's predictions.
const FOLDS: usize = 4;

/// Trains the first stage of a two-stage recogniser on all of `data`, and gives every training
/// document the labels of a first stage that did not see it (trained on the other folds), so
/// the second stage learns how far to trust first-stage labels on unseen text.
fn first_stage(
    data: &mut [(Prepared, Vec<Vec<u8>>)],
    dev: &[TaggedDocument],
    res: &Resources,
    params: &NerParams,
    report: &mut dyn FnMut(Progress),
) -> NerTagger {
    let groups = params.first_stage_groups();
    for fold in 0..FOLDS {
        let rest: Vec<usize> = (0..data.len()).filter(|k| k % FOLDS != fold).collect();
        let tagger = train_one(
            data,
            &rest,
            dev,
            res,
            groups,
            &None,
            params.epochs,
            params.seed,
            &mut |_, _| {},
        );
        for k in (0..data.len()).filter(|k| k % FOLDS == fold) {
            let labels = tagger.decode(&data[k].0);
            data[k].0.first = Some(FirstPass::new(&data[k].0, labels));
        }
    }
    train_seeds(data, dev, res, groups, None, params, 1, report)
}

/// One training run over the documents `docs` of `data`; keeps the epoch with the best dev F1.
#[allow(clippy::too_many_arguments)]
fn train_one(
    data: &[(Prepared, Vec<Vec<u8>>)],
    docs: &[usize],
    dev: &[TaggedDocument],
    res: &Resources,
    groups: u32,
    first: &Option<Arc<NerTagger>>,
    epochs: usize,
    seed: u64,
    report: &mut dyn FnMut(usize, f64),
) -> NerTagger {
    let labels: Vec<String> = (0..LABELS).map(label_name).collect();
    let meta = meta_of(groups);
    let mut trainer = Trainer::new(LABELS, NER_BITS);
    let mut order: Vec<usize> = docs.to_vec();
    let mut rng = Rng::new(seed);
    let mut best: Option<(f64, NerTagger)> = None;
    let (mut feats, mut lf) = (Vec::with_capacity(128), Vec::with_capacity(8));
    let mut pred = Vec::new();
    let mut trans: Vec<[[f32; LABELS]; LABELS]> = Vec::new();
    for epoch in 1..=epochs {
        rng.shuffle(&mut order);
        for &k in &order {
            let (p, gold) = &data[k];
            let mut doc = doc_casing(p);
            for s in 0..p.toks.len() {
                let n = p.toks[s].len();
                trans.clear();
                for w in &p.toks[s] {
                    let mut m = [[0f32; LABELS]; LABELS];
                    for (prev, row) in m.iter_mut().enumerate() {
                        label_features(w, prev, &mut lf);
                        trainer.score(&lf, row);
                    }
                    trans.push(m);
                }
                viterbi(
                    n,
                    |i, sc: &mut [f32; LABELS]| {
                        features(p, s, i, groups, &doc, &mut feats);
                        trainer.score(&feats, sc);
                    },
                    |i| &trans[i],
                    &mut pred,
                );
                // Structured perceptron (Collins 2002): reward the gold sequence's features,
                // penalise the predicted one's, where they differ.
                trainer.step();
                let g = &gold[s];
                for i in 0..g.len() {
                    let (gy, py) = (usize::from(g[i]), usize::from(pred[i]));
                    let gp = if i == 0 { 0 } else { usize::from(g[i - 1]) };
                    let pp = if i == 0 { 0 } else { usize::from(pred[i - 1]) };
                    if gy != py {
                        features(p, s, i, groups, &doc, &mut feats);
                        trainer.add(&feats, gy, 1.0);
                        trainer.add(&feats, py, -1.0);
                    }
                    if gy != py || gp != pp {
                        let w = &p.toks[s][i];
                        label_features(w, gp, &mut lf);
                        trainer.add(&lf, gy, 1.0);
                        label_features(w, pp, &mut lf);
                        trainer.add(&lf, py, -1.0);
                    }
                }
                remember(&mut doc, &p.toks[s], &pred);
            }
        }
        let tagger = NerTagger {
            model: trainer.finish(labels.clone(), meta.clone()),
            groups,
            first: first.clone(),
        };
        let f = tagger.evaluate(dev, res).0.f1();
        report(epoch, f);
        if best.as_ref().is_none_or(|(b, _)| f > *b) {
            best = Some((f, tagger));
        }
    }
    match best {
        Some((_, t)) => t,
        None => NerTagger {
            model: trainer.finish(labels, meta),
            groups,
            first: first.clone(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiny_training_run_learns() {
        // A few hundred CoNLL sentences: training must beat the untrained model clearly, and
        // the saved model must tag identically after loading.
        let Some(dir) = crate::nlp::tagger::test_corpora() else {
            return;
        };
        let train = crate::nlp::tagger::conll::read_conll2003(&dir.join("conll2003/train.txt"))
            .expect("train");
        let dev =
            crate::nlp::tagger::conll::read_conll2003(&dir.join("conll2003/dev.txt")).expect("dev");
        let train: Vec<TaggedDocument> = train.into_iter().take(20).collect();
        let dev: Vec<TaggedDocument> = dev.into_iter().take(10).collect();
        let sentences: usize = train.iter().map(Vec::len).sum();
        assert!(sentences >= 200, "{sentences} sentences");
        let res = Resources::default();
        let params = NerParams {
            groups: group::BASE | group::CONTEXT | group::DOCUMENT,
            epochs: 3,
            seed: 1,
            models: 2,
            first_groups: None,
        };
        let mut curve = Vec::new();
        let tagger = train_ner(&train, &dev, &res, &params, &mut |p| curve.push(p.dev_f1));
        let f1 = tagger.evaluate(&dev, &res).0.f1();
        assert!(
            f1 > 0.25,
            "dev F1 after a tiny run {f1:.3} (curve {curve:?})"
        );
        let bytes = tagger.model().to_bytes();
        let back = NerTagger::from_model(Perceptron::from_bytes(&bytes, "t").expect("load"), "t")
            .expect("ner");
        assert_eq!(back.evaluate(&dev, &res).1, tagger.evaluate(&dev, &res).1);

        // Two stages: both files are written, read back, and tag the same.
        // A slimmer second stage, as shipped: its first stage keeps the context features.
        let params = NerParams {
            groups: group::BASE | group::DOCUMENT | group::AGGREGATE,
            models: 1,
            first_groups: Some(params.groups),
            ..params
        };
        let mut stages = Vec::new();
        let two = train_ner(&train, &dev, &res, &params, &mut |p| stages.push(p.stage));
        assert!(stages.contains(&1) && stages.contains(&2), "{stages:?}");
        let first = two.first_stage().expect("a first stage");
        assert_eq!(
            first.groups(),
            group::BASE | group::CONTEXT | group::DOCUMENT
        );
        let f1 = two.evaluate(&dev, &res).0.f1();
        assert!(f1 > 0.25, "two-stage dev F1 after a tiny run {f1:.3}");
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = tmp.path().join("ner.bin");
        two.save(&path).expect("save");
        assert!(tmp.path().join("ner.stage1.bin").exists());
        let back = NerTagger::load(&path).expect("load");
        assert_eq!(back, two);
        std::fs::remove_file(tmp.path().join("ner.stage1.bin")).expect("rm");
        let err = NerTagger::load(&path)
            .expect_err("first stage missing")
            .to_string();
        assert!(err.contains("ner.stage1.bin"), "{err}");
    }
}
