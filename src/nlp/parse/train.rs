//! Training the parser: the label model on gold trees, then the transition model with the
//! dynamic oracle and exploration (Goldberg & Nivre 2012); epochs of each chosen on dev.

use super::beam::BeamSearch;
use super::features::{label_features, move_features, Children, Nodes};
use super::transition::{oracle_sequence, State, MOVES};
use super::{label_tree, projective, AttachmentScore, Parser, LABELS_META, MOVES_META};
use crate::model::{SentenceSyntax, Upos};
use crate::nlp::tagger::conll::TaggedSentence;
use crate::nlp::tagger::features::Featurizer;
use crate::nlp::tagger::perceptron::Perceptron;
use crate::nlp::tagger::train::perceptron::Trainer;
use crate::nlp::tagger::train::pos::{train_pos_with, PosParams};
use crate::nlp::tagger::{Rng, WordClusters};

/// Training settings.
#[derive(Debug, Clone)]
pub struct ParseParams {
    /// Passes of the transition model (the best on dev is kept).
    pub epochs: usize,
    /// Passes of the label model (the best on dev is kept).
    pub label_epochs: usize,
    /// Shuffling and exploration seed.
    pub seed: u64,
    /// Transition table size (log2 of rows).
    pub bits: u32,
    /// Label table size (log2 of rows).
    pub label_bits: u32,
    /// Epochs before the oracle lets the model's own (possibly wrong) transitions through.
    pub explore_after: usize,
    /// From then on, the share of states where the model's prediction is followed.
    pub explore: f64,
    /// Transition models trained with different seeds (each with its best epoch on dev)
    /// whose weights are averaged.
    pub members: usize,
    /// Also update when the best zero-cost transition leads by less than this.
    pub margin: f32,
    /// Feature groups of the transition model ([`super::features::group`]).
    pub groups: u32,
    /// Beam width: 1 trains greedily with the dynamic oracle; more trains the whole
    /// transition sequence with a beam and max-violation updates, and parses with that beam.
    pub beam: usize,
    /// How many sentences at the end of the training set are trees parsed automatically
    /// (tri-training): they never decide the label classes.
    pub auto: usize,
    /// Whether the label model also learns from the automatically parsed trees.
    pub auto_labels: bool,
}

impl Default for ParseParams {
    fn default() -> ParseParams {
        ParseParams {
            epochs: 15,
            label_epochs: 10,
            seed: 1,
            bits: 20,
            label_bits: 20,
            explore_after: 1,
            explore: 0.9,
            members: 1,
            margin: 0.0,
            groups: super::features::group::ALL,
            beam: 1,
            auto: 0,
            auto_labels: false,
        }
    }
}

/// One line of training progress.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    /// "labels" or "transitions".
    pub stage: &'static str,
    /// Epoch, 1-based.
    pub epoch: usize,
    /// Transition model number among those averaged, 1-based (0 for labels).
    pub member: usize,
    /// Dev UAS (transitions) or 0.
    pub uas: f64,
    /// Dev LAS (transitions) or label accuracy on gold trees (labels), percent.
    pub las: f64,
}

/// A training sentence: node facts, and its projectivised tree with lift-marked labels.
struct Example {
    /// Parsed automatically, not a treebank tree.
    auto: bool,
    nodes: Nodes,
    heads: Vec<u32>,
    labels: Vec<usize>,
}

/// Node facts of sentences with the given tags.
pub fn nodes_of(
    sents: &[TaggedSentence],
    tags: &[Vec<Upos>],
    clusters: Option<&WordClusters>,
) -> Vec<Nodes> {
    let mut fz = Featurizer::default();
    let mut toks = Vec::new();
    sents
        .iter()
        .zip(tags)
        .map(|(s, t)| {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            fz.sentence(&words, clusters, None, &mut toks);
            let mut n = Nodes::default();
            n.fill(&toks, t);
            n
        })
        .collect()
}

/// The gold UPOS tags of sentences (unknown tags as `X`).
pub fn gold_tags(sents: &[TaggedSentence]) -> Vec<Vec<Upos>> {
    sents
        .iter()
        .map(|s| {
            s.tags
                .iter()
                .map(|t| t.parse().unwrap_or(Upos::X))
                .collect()
        })
        .collect()
}

/// UPOS tags of the training sentences as a tagger that did not see them predicts them:
/// `folds` taggers, each trained on the other folds (epochs picked on `dev`). Parsers trained
/// on these tags meet tagging errors like those they will see at run time.
pub fn jackknife_tags(
    train: &[TaggedSentence],
    dev: &[TaggedSentence],
    clusters: Option<&WordClusters>,
    folds: usize,
    pos_params: &PosParams,
) -> Vec<Vec<Upos>> {
    let folds = folds.max(2);
    let mut out = vec![Vec::new(); train.len()];
    for f in 0..folds {
        let rest: Vec<TaggedSentence> = train
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != f)
            .map(|(_, s)| s.clone())
            .collect();
        let held: Vec<usize> = (0..train.len()).filter(|i| i % folds == f).collect();
        let tagger = train_pos_with(&rest, dev, clusters, pos_params, &mut |_, _| {});
        let upos: Vec<Upos> = tagger
            .labels()
            .iter()
            .map(|l| l.parse().unwrap_or(Upos::X))
            .collect();
        let sents: Vec<TaggedSentence> = held.iter().map(|&i| train[i].clone()).collect();
        for (i, tags) in held.iter().zip(tagger.predict(&sents, clusters)) {
            out[*i] = tags.into_iter().map(|y| upos[y as usize]).collect();
        }
    }
    out
}

/// Parses sentences whose node facts are given, and scores them against their gold trees.
pub fn evaluate(
    parser: &Parser,
    sents: &[TaggedSentence],
    nodes: &[Nodes],
) -> (AttachmentScore, Vec<SentenceSyntax>) {
    let mut scratch = super::ParseScratch::default();
    let mut score = AttachmentScore::default();
    let mut out = Vec::with_capacity(sents.len());
    for (s, n) in sents.iter().zip(nodes) {
        scratch.nodes.clone_from(n);
        let p = parser.parse_nodes(&mut scratch);
        if s.heads.len() == s.words.len() {
            score.add(&s.heads, &s.deprels, &s.tags, &p);
        }
        out.push(p);
    }
    (score, out)
}

fn argmax(scores: &[f32], allowed: impl Fn(usize) -> bool) -> usize {
    let mut best = usize::MAX;
    for (k, &s) in scores.iter().enumerate() {
        if allowed(k) && (best == usize::MAX || s > scores[best]) {
            best = k;
        }
    }
    best
}

/// Trains a parser on `train` (tree and words; `train_tags`: the tags its features see, gold
/// or jackknifed) and picks epochs on `dev` parsed with `dev_tags` (predicted, as at run time).
pub fn train_parser(
    train: &[TaggedSentence],
    train_tags: &[Vec<Upos>],
    dev: &[TaggedSentence],
    dev_tags: &[Vec<Upos>],
    clusters: Option<&WordClusters>,
    params: &ParseParams,
    report: &mut dyn FnMut(Progress),
) -> Parser {
    // Gold trees, projectivised; the label classes in sorted order (deterministic).
    let mut trees = Vec::new();
    for (i, s) in train
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.heads.is_empty())
    {
        let mut heads: Vec<u32> = std::iter::once(0)
            .chain(s.heads.iter().map(|&h| h as u32))
            .collect();
        if heads.iter().any(|&h| h as usize > s.words.len()) {
            continue;
        }
        let mut labels: Vec<String> = std::iter::once(String::new())
            .chain(s.deprels.iter().cloned())
            .collect();
        projective::lift(&mut heads, &mut labels);
        trees.push((i, s, heads, labels));
    }
    // Lifted labels seen fewer than `MIN_LIFTED` times keep their plain relation: every class
    // widens every row of the label table, which is what labelling speed depends on.
    const MIN_LIFTED: usize = 20;
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    let first_auto = train.len().saturating_sub(params.auto);
    for (_, _, _, l) in trees.iter().filter(|(i, ..)| *i < first_auto) {
        for label in &l[1..] {
            *counts.entry(label.as_str()).or_default() += 1;
        }
    }
    let classes: Vec<String> = counts
        .iter()
        .filter(|(c, &n)| !c.contains(projective::LIFT_MARK) || n >= MIN_LIFTED)
        .map(|(c, _)| c.to_string())
        .take(255)
        .collect();
    let class_of = |l: &str| {
        classes
            .binary_search_by(|c| c.as_str().cmp(l))
            .or_else(|_| {
                let own = l.split(projective::LIFT_MARK).next().unwrap_or(l);
                classes.binary_search_by(|c| c.as_str().cmp(own))
            })
            .unwrap_or(0)
    };
    let examples: Vec<Example> = trees
        .iter()
        .map(|(i, s, heads, labels)| {
            let tags = &train_tags[*i];
            let mut fz = Featurizer::default();
            let mut toks = Vec::new();
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            fz.sentence(&words, clusters, None, &mut toks);
            let mut nodes = Nodes::default();
            nodes.fill(&toks, tags);
            Example {
                auto: *i >= first_auto,
                nodes,
                heads: heads.clone(),
                labels: std::iter::once(0)
                    .chain(labels[1..].iter().map(|l| class_of(l)))
                    .collect(),
            }
        })
        .collect();
    let dev_nodes = nodes_of(dev, dev_tags, clusters);
    let root = classes.iter().position(|c| c == "root");
    let mut rng = Rng::new(params.seed.wrapping_add(0x1abe1));
    let mut order: Vec<usize> = (0..examples.len()).collect();

    // Labels on gold trees.
    let mut lt = Trainer::new(classes.len(), params.label_bits);
    let (mut kids, mut feats, mut scores) = (Children::default(), Vec::new(), Vec::new());
    let dev_gold: Vec<(Vec<u32>, &TaggedSentence)> = dev
        .iter()
        .filter(|s| s.heads.len() == s.words.len() && !s.words.is_empty())
        .map(|s| {
            (
                std::iter::once(0)
                    .chain(s.heads.iter().map(|&h| h as u32))
                    .collect(),
                s,
            )
        })
        .collect();
    let dev_index: Vec<usize> = dev
        .iter()
        .enumerate()
        .filter(|(_, s)| s.heads.len() == s.words.len() && !s.words.is_empty())
        .map(|(i, _)| i)
        .collect();
    let mut best_labels = None;
    let mut best_acc = -1.0;
    for epoch in 1..=params.label_epochs.max(1) {
        rng.shuffle(&mut order);
        for &e in &order {
            let ex = &examples[e];
            if ex.auto && !params.auto_labels {
                continue;
            }
            kids.fill(&ex.heads);
            for d in 1..ex.heads.len() {
                if ex.heads[d] == 0 {
                    continue;
                }
                feats.clear();
                label_features(&ex.heads, &kids, &ex.nodes, d, &mut feats);
                scores.clear();
                scores.resize(classes.len(), 0.0);
                lt.score(&feats, &mut scores);
                let guess = argmax(&scores, |k| Some(k) != root);
                lt.update(&feats, ex.labels[d], guess);
            }
        }
        let model = lt.finish(classes.clone(), LABELS_META.to_string());
        // Accuracy of universal labels on the dev gold trees (tags predicted).
        let (mut ok, mut n) = (0usize, 0usize);
        let (mut ends, mut sc, mut got) = (Vec::new(), Vec::new(), Vec::new());
        for ((heads, s), &i) in dev_gold.iter().zip(&dev_index) {
            kids.fill(heads);
            label_tree(
                &model,
                root,
                heads,
                &kids,
                &dev_nodes[i],
                (&mut feats, &mut ends, &mut sc),
                &mut got,
            );
            let universal = |l: &str| {
                let own = l.split(projective::LIFT_MARK).next().unwrap_or("");
                own.split(':').next().unwrap_or("").to_string()
            };
            for d in 1..heads.len() {
                if heads[d] == 0 {
                    continue;
                }
                n += 1;
                ok += usize::from(universal(&classes[got[d]]) == universal(&s.deprels[d - 1]));
            }
        }
        let acc = 100.0 * ok as f64 / n.max(1) as f64;
        report(Progress {
            stage: "labels",
            epoch,
            member: 0,
            uas: 0.0,
            las: acc,
        });
        if acc > best_acc {
            best_acc = acc;
            best_labels = Some(model);
        }
    }
    let labels = best_labels.unwrap_or_else(|| lt.finish(classes.clone(), LABELS_META.into()));

    // Transitions with the dynamic oracle, one model per member.
    let mut members = Vec::new();
    for m in 0..params.members.max(1) {
        let seed = params.seed + 1000 * m as u64;
        let ctx = MoveTraining {
            examples: &examples,
            dev,
            dev_nodes: &dev_nodes,
            labels: &labels,
            params,
        };
        members.push(ctx.train(seed, m + 1, report));
    }
    let moves = Perceptron::average(&members);
    Parser::from_models(moves, labels, "training").expect("metas set above")
}

/// What training the transition model reads.
struct MoveTraining<'a> {
    examples: &'a [Example],
    dev: &'a [TaggedSentence],
    dev_nodes: &'a [Nodes],
    labels: &'a Perceptron,
    params: &'a ParseParams,
}

impl MoveTraining<'_> {
    /// Trains one transition model from `seed`; returns the epoch best on dev.
    fn train(&self, seed: u64, member: usize, report: &mut dyn FnMut(Progress)) -> Perceptron {
        let params = self.params;
        let mut rng = Rng::new(seed);
        let mut order: Vec<usize> = (0..self.examples.len()).collect();
        let mut mt = Trainer::new(MOVES, params.bits);
        let mut st = State::default();
        let mut feats = Vec::new();
        let move_names: Vec<String> = ["shift", "reduce", "left", "right"]
            .map(String::from)
            .to_vec();
        let mut meta = MOVES_META.to_string();
        if params.groups != super::features::group::ALL {
            meta += &format!(";groups={}", params.groups);
        }
        if params.beam > 1 {
            meta += &format!(";beam={}", params.beam);
        }
        let gold_moves: Vec<Vec<usize>> = if params.beam > 1 {
            self.examples
                .iter()
                .map(|ex| oracle_sequence(&ex.heads, &mut st))
                .collect()
        } else {
            Vec::new()
        };
        let mut beam = BeamSearch::default();
        let mut best: Option<(f64, Perceptron)> = None;
        for epoch in 1..=params.epochs.max(1) {
            rng.shuffle(&mut order);
            let explore = epoch > params.explore_after;
            for &e in &order {
                let ex = &self.examples[e];
                if params.beam > 1 {
                    max_violation_update(&mut mt, &mut beam, ex, &gold_moves[e], params);
                    continue;
                }
                st.reset(ex.nodes.len());
                while !st.terminal() {
                    feats.clear();
                    move_features(&st, &ex.nodes, params.groups, &mut feats);
                    let mut s = [0f32; MOVES];
                    mt.score(&feats, &mut s);
                    let mut costs = [u32::MAX; MOVES];
                    for (m, c) in costs.iter_mut().enumerate() {
                        if st.legal(m) {
                            *c = st.cost(m, &ex.heads);
                        }
                    }
                    let least = costs.iter().copied().min().unwrap_or(0);
                    let pred = argmax(&s, |m| costs[m] != u32::MAX);
                    let gold = argmax(&s, |m| costs[m] == least);
                    // Update against the prediction, or against the best costly transition
                    // while the gold one leads it by less than the margin.
                    let mut other = pred;
                    if costs[pred] == least && params.margin > 0.0 {
                        let rival = argmax(&s, |m| costs[m] != u32::MAX && costs[m] > least);
                        if rival != usize::MAX && s[gold] - s[rival] < params.margin {
                            other = rival;
                        }
                    }
                    if other == pred {
                        mt.update(&feats, gold, pred);
                    } else {
                        mt.update(&feats, gold, other);
                    }
                    let follow =
                        if explore && (rng.next_u64() % 1_000_000) as f64 / 1e6 < params.explore {
                            pred
                        } else {
                            gold
                        };
                    st.apply(follow);
                }
            }
            let moves = mt.finish(move_names.clone(), meta.clone());
            let Ok(parser) = Parser::from_models(moves.clone(), self.labels.clone(), "training")
            else {
                continue;
            };
            let (score, _) = evaluate(&parser, self.dev, self.dev_nodes);
            report(Progress {
                stage: "transitions",
                epoch,
                member,
                uas: score.uas(),
                las: score.las(),
            });
            if best.as_ref().is_none_or(|(las, _)| score.las() > *las) {
                best = Some((score.las(), moves));
            }
        }
        match best {
            Some((_, m)) => m,
            None => mt.finish(move_names, meta),
        }
    }
}

/// One sentence of global training: a beam search with the current weights, then a
/// perceptron update at the step where the best item beats the gold prefix by the most
/// (max-violation, Huang, Fayong & Guo 2012): towards the gold transitions up to that step,
/// away from the best item's.
fn max_violation_update(
    mt: &mut Trainer,
    beam: &mut BeamSearch,
    ex: &Example,
    gold: &[usize],
    params: &ParseParams,
) {
    let score = |mt: &Trainer, f: &[u64]| {
        let mut s = [0f32; MOVES];
        mt.score(f, &mut s);
        s.map(f64::from)
    };
    beam.run(&ex.nodes, params.groups, params.beam, |f, ends, out| {
        let mut start = 0;
        for &end in ends {
            out.push(score(mt, &f[start..end]));
            start = end;
        }
    });
    let steps = beam.steps().min(gold.len());
    // Score of the gold prefix after each step, and the gold item's place in the beam.
    let mut st = State::default();
    st.reset(ex.nodes.len());
    let mut feats = Vec::new();
    let mut gold_score = Vec::with_capacity(steps + 1);
    gold_score.push(0.0);
    let mut gold_at = Some(0usize);
    let mut worst: Option<(f64, usize)> = None;
    for t in 1..=steps {
        feats.clear();
        move_features(&st, &ex.nodes, params.groups, &mut feats);
        let g = gold_score[t - 1] + score(mt, &feats)[gold[t - 1]];
        gold_score.push(g);
        st.apply(gold[t - 1]);
        let items = beam.items_at(t);
        gold_at = gold_at.and_then(|p| {
            items
                .iter()
                .position(|it| it.parent as usize == p && usize::from(it.transition) == gold[t - 1])
        });
        if gold_at != Some(0) {
            let violation = items[0].score - g;
            if worst.is_none_or(|(v, _)| violation > v) {
                worst = Some((violation, t));
            }
        }
    }
    mt.step();
    let Some((_, t)) = worst else { return };
    let predicted = beam.moves_to(t, 0);
    let same = predicted
        .iter()
        .zip(gold)
        .take_while(|(a, b)| a == b)
        .count();
    let (mut gs, mut ps) = (State::default(), State::default());
    gs.reset(ex.nodes.len());
    for &m in &gold[..same] {
        gs.apply(m);
    }
    ps.copy_from(&gs);
    for i in same..t {
        feats.clear();
        move_features(&gs, &ex.nodes, params.groups, &mut feats);
        mt.add(&feats, gold[i], 1.0);
        gs.apply(gold[i]);
        feats.clear();
        move_features(&ps, &ex.nodes, params.groups, &mut feats);
        mt.add(&feats, predicted[i], -1.0);
        ps.apply(predicted[i]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::tagger::conll::read_conllu;

    fn ewt(split: &str) -> Option<Vec<TaggedSentence>> {
        let dir = crate::nlp::tagger::test_corpora()?;
        Some(
            read_conllu(&dir.join(format!("ud_english_ewt/en_ewt-ud-{split}.conllu")))
                .expect("EWT"),
        )
    }

    #[test]
    fn oracle_reproduces_every_projective_training_tree() {
        let Some(train) = ewt("train") else { return };
        let (mut st, mut checked, mut lifted) = (State::default(), 0, 0);
        for s in &train {
            let mut heads: Vec<u32> = std::iter::once(0)
                .chain(s.heads.iter().map(|&h| h as u32))
                .collect();
            let mut labels: Vec<String> = std::iter::once(String::new())
                .chain(s.deprels.iter().cloned())
                .collect();
            if projective::lift(&mut heads, &mut labels) > 0 {
                lifted += 1;
            }
            oracle_sequence(&heads, &mut st);
            let want: Vec<Option<usize>> = heads[1..]
                .iter()
                .map(|&h| (h != 0).then(|| h as usize - 1))
                .collect();
            assert_eq!(st.tree(), want, "{:?}", s.words);
            checked += 1;
        }
        assert!(checked > 12_000, "{checked} trees");
        assert!(lifted > 0 && lifted < checked / 20, "{lifted} trees lifted");
    }

    /// Trains on the first 400 sentences of EWT train (gold tags), picks epochs on the first
    /// 200 of dev, and checks that every parse of dev is one tree; returns the parser and its
    /// dev score (None without the corpora).
    fn tiny_run(beam: usize) -> Option<(Parser, AttachmentScore)> {
        let (train, dev) = (ewt("train")?, ewt("dev")?);
        let (train, dev) = (&train[..400], &dev[..200]);
        let params = ParseParams {
            epochs: 3,
            label_epochs: 2,
            bits: 16,
            label_bits: 16,
            beam,
            ..ParseParams::default()
        };
        let parser = train_parser(
            train,
            &gold_tags(train),
            dev,
            &gold_tags(dev),
            None,
            &params,
            &mut |_| {},
        );
        let (score, parses) = evaluate(&parser, dev, &nodes_of(dev, &gold_tags(dev), None));
        for (p, s) in parses.iter().zip(dev) {
            assert_eq!(p.heads.len(), s.words.len());
            assert_eq!(
                p.heads.iter().filter(|h| h.is_none()).count(),
                1,
                "one root"
            );
        }
        let back = Parser::from_bytes(&parser.to_bytes(), "t").expect("round trip");
        assert_eq!(back, parser);
        Some((parser, score))
    }

    #[test]
    fn automatically_parsed_trees_train_transitions_only() {
        let Some(train) = ewt("train") else { return };
        let dev = &train[400..450];
        // Auto trees whose every relation is one no treebank tree has: were they read for
        // the classes or the label model, it would be a class and win somewhere.
        let mut sents = train[..200].to_vec();
        let auto: Vec<TaggedSentence> = train[200..400]
            .iter()
            .map(|s| TaggedSentence {
                deprels: vec!["zzz".to_string(); s.words.len()],
                ..s.clone()
            })
            .collect();
        sents.extend(auto);
        let params = ParseParams {
            epochs: 1,
            label_epochs: 1,
            bits: 14,
            label_bits: 14,
            ..ParseParams::default()
        };
        let classes = |auto: usize| {
            let p = ParseParams {
                auto,
                ..params.clone()
            };
            let tags = gold_tags(&sents);
            let parser = train_parser(&sents, &tags, dev, &gold_tags(dev), None, &p, &mut |_| {});
            parser.models().1.labels.clone()
        };
        let (labels, with_auto) = (classes(200), classes(0));
        assert!(!labels.iter().any(|l| l == "zzz"), "{labels:?}");
        assert!(with_auto.iter().any(|l| l == "zzz"), "the test tree counts");
    }

    #[test]
    fn a_tiny_training_run_learns() {
        let Some((_, score)) = tiny_run(1) else {
            return;
        };
        assert!(score.uas() > 55.0, "UAS {}", score.uas());
        assert!(score.las() > 40.0, "LAS {}", score.las());
    }

    #[test]
    fn a_tiny_beam_training_run_learns_records_its_width_and_repeats() {
        let Some((parser, score)) = tiny_run(4) else {
            return;
        };
        assert_eq!(parser.beam(), 4);
        assert!(score.uas() > 60.0, "UAS {}", score.uas());
        let (again, _) = tiny_run(4).expect("corpora");
        assert_eq!(again.to_bytes(), parser.to_bytes(), "deterministic");
    }
}
