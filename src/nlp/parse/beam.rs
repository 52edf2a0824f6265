//! Beam search over arc-eager transitions (Zhang & Clark 2008; Zhang & Nivre 2011): the
//! `width` best-scoring configurations survive each step. Every configuration of a sentence
//! finishes after the same number of transitions (each word is pushed once and popped once),
//! so the beam needs no bookkeeping for finished items.
//!
//! The search keeps each step's items (parent, transition, score), best first, so that
//! training can recover the transition sequence of any item ([`BeamSearch::moves_to`]) for
//! its max-violation update (Huang, Fayong & Guo 2012).

use super::features::{move_features, Nodes};
use super::transition::{State, MOVES};

/// One item of a step: where it came from and its total score.
#[derive(Debug, Clone, Copy)]
pub struct Item {
    /// Index of the parent among the previous step's items.
    pub parent: u32,
    /// The transition that made it from its parent.
    pub transition: u8,
    /// Sum of the transition scores from the initial configuration.
    pub score: f64,
}

/// Buffers of a beam search, reused from one sentence to the next.
#[derive(Debug, Default)]
pub struct BeamSearch {
    states: Vec<State>,
    spare: Vec<State>,
    /// Items of every step, best first; step `t`'s items are `items[starts[t]..starts[t + 1]]`.
    items: Vec<Item>,
    starts: Vec<usize>,
    candidates: Vec<(f64, u32, u8)>,
    feats: Vec<u64>,
    ends: Vec<usize>,
    scores: Vec<[f64; MOVES]>,
}

impl BeamSearch {
    /// Parses the sentence of `nodes` keeping `width` configurations. `score` gets the
    /// features of every item of a step in one list (item `k`'s are `feats[ends[k - 1]..ends[k]]`)
    /// and fills the transition scores of each, so that it can fetch all their weights at
    /// once. Returns the best final configuration.
    pub fn run(
        &mut self,
        nodes: &Nodes,
        groups: u32,
        width: usize,
        mut score: impl FnMut(&[u64], &[usize], &mut Vec<[f64; MOVES]>),
    ) -> &State {
        let width = width.max(1);
        let n = nodes.len();
        if self.states.is_empty() {
            self.states.push(State::default());
        }
        self.states.truncate(1);
        self.states[0].reset(n);
        self.items.clear();
        self.starts.clear();
        self.starts.push(0);
        self.items.push(Item {
            parent: 0,
            transition: 0,
            score: 0.0,
        });
        self.starts.push(1);
        while !self.states[0].terminal() {
            let from = self.starts[self.starts.len() - 2];
            self.feats.clear();
            self.ends.clear();
            for st in &self.states {
                move_features(st, nodes, groups, &mut self.feats);
                self.ends.push(self.feats.len());
            }
            self.scores.clear();
            score(&self.feats, &self.ends, &mut self.scores);
            self.candidates.clear();
            for (k, (st, s)) in self.states.iter().zip(&self.scores).enumerate() {
                let base = self.items[from + k].score;
                for (m, &sm) in s.iter().enumerate() {
                    if st.legal(m) {
                        self.candidates.push((base + sm, k as u32, m as u8));
                    }
                }
            }
            // Best first; ties go to the earlier parent, then the lower transition, so the
            // search is deterministic.
            self.candidates
                .sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
            self.candidates.truncate(width);
            while self.spare.len() < self.candidates.len() {
                self.spare.push(State::default());
            }
            for (j, &(total, parent, m)) in self.candidates.iter().enumerate() {
                self.spare[j].copy_from(&self.states[parent as usize]);
                self.spare[j].apply(usize::from(m));
                self.items.push(Item {
                    parent,
                    transition: m,
                    score: total,
                });
            }
            self.starts.push(self.items.len());
            std::mem::swap(&mut self.states, &mut self.spare);
            self.states.truncate(self.candidates.len());
        }
        &self.states[0]
    }

    /// Number of transitions of the last search.
    pub fn steps(&self) -> usize {
        self.starts.len() - 2
    }

    /// The items after `t` transitions of the last search, best first.
    pub fn items_at(&self, t: usize) -> &[Item] {
        &self.items[self.starts[t]..self.starts[t + 1]]
    }

    /// The transitions that lead to item `k` of step `t`.
    pub fn moves_to(&self, t: usize, k: usize) -> Vec<usize> {
        let mut out = vec![0; t];
        let mut k = k;
        for step in (1..=t).rev() {
            let it = self.items_at(step)[k];
            out[step - 1] = usize::from(it.transition);
            k = it.parent as usize;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Upos;
    use crate::nlp::parse::features::group;
    use crate::nlp::tagger::features::Featurizer;

    fn nodes(words: &[&str]) -> Nodes {
        let (mut fz, mut toks, mut x) = (Featurizer::default(), Vec::new(), Nodes::default());
        fz.sentence(words, None, None, &mut toks);
        x.fill(&toks, &vec![Upos::Noun; words.len()]);
        x
    }

    /// Scores that depend on the configuration through its features, like a model's.
    fn hashed_scores(f: &[u64]) -> [f64; MOVES] {
        let h = f[1].wrapping_add(f[4].rotate_left(7)).wrapping_add(f[27]);
        [0, 1, 2, 3].map(|m| ((h >> (8 * m)) & 0xff) as f64)
    }

    fn hashed_batch(f: &[u64], ends: &[usize], out: &mut Vec<[f64; MOVES]>) {
        let mut start = 0;
        for &end in ends {
            out.push(hashed_scores(&f[start..end]));
            start = end;
        }
    }

    #[test]
    fn width_one_is_greedy_and_the_best_item_replays_to_the_final_tree() {
        let x = nodes(&["He", "met", "her", "in", "Moscow", "last", "week", "."]);
        let mut greedy = State::default();
        greedy.reset(x.len());
        let mut feats = Vec::new();
        while !greedy.terminal() {
            feats.clear();
            move_features(&greedy, &x, group::ALL, &mut feats);
            let s = hashed_scores(&feats);
            let m = (0..MOVES)
                .filter(|&m| greedy.legal(m))
                .max_by(|&a, &b| s[a].total_cmp(&s[b]).then(b.cmp(&a)))
                .unwrap_or(0);
            greedy.apply(m);
        }
        let mut beam = BeamSearch::default();
        let one = beam.run(&x, group::ALL, 1, hashed_batch).tree();
        assert_eq!(one, greedy.tree());
        for width in [2, 4, 8] {
            let best = beam.run(&x, group::ALL, width, hashed_batch).tree();
            assert_eq!(
                beam.steps(),
                2 * x.len(),
                "each word pushed and popped once"
            );
            let items = beam.items_at(beam.steps());
            assert!(items.len() <= width);
            assert!(
                items.windows(2).all(|w| w[0].score >= w[1].score),
                "best first"
            );
            let mut st = State::default();
            st.reset(x.len());
            for m in beam.moves_to(beam.steps(), 0) {
                assert!(st.legal(m));
                st.apply(m);
            }
            assert_eq!(st.tree(), best, "width {width}");
        }
    }
}
