//! Training an averaged perceptron: f32 weights and the running sums averaging needs,
//! updated lazily per cell, then averaged (summed over an ensemble) and quantised into a
//! [`Perceptron`]. The POS tagger, the recogniser and the parser all learn through it.

use crate::nlp::tagger::perceptron::{quantise, row_of, Perceptron};

/// Training state: current weights plus what averaging needs, updated lazily per cell.
pub struct Trainer {
    classes: usize,
    bits: u32,
    w: Vec<f32>,
    total: Vec<f64>,
    stamp: Vec<u32>,
    /// Number of examples seen (the averaging clock).
    tick: u32,
}

impl Trainer {
    /// An all-zero model with `2^bits` rows.
    pub fn new(classes: usize, bits: u32) -> Trainer {
        let n = (1usize << bits) * classes;
        Trainer {
            classes,
            bits,
            w: vec![0.0; n],
            total: vec![0.0; n],
            stamp: vec![0; n],
            tick: 0,
        }
    }

    /// Current (not averaged) scores, for greedy decoding during training.
    pub fn score(&self, features: &[u64], scores: &mut [f32]) {
        let c = self.classes;
        for &f in features {
            let r = row_of(f, self.bits) * c;
            for (s, &w) in scores.iter_mut().zip(&self.w[r..r + c]) {
                *s += w;
            }
        }
    }

    /// One example: if `guess` is wrong, move weights toward `truth` and away from `guess`.
    pub fn update(&mut self, features: &[u64], truth: usize, guess: usize) {
        self.step();
        if truth != guess {
            self.add(features, truth, 1.0);
            self.add(features, guess, -1.0);
        }
    }

    /// Advances the averaging clock by one example (structured training calls it once per
    /// sequence, then [`Trainer::add`] for each differing position).
    pub fn step(&mut self) {
        self.tick += 1;
    }

    /// Adds `delta` to the weight of `class` for every feature.
    pub fn add(&mut self, features: &[u64], class: usize, delta: f32) {
        for &f in features {
            let i = row_of(f, self.bits) * self.classes + class;
            self.total[i] += f64::from(self.tick - self.stamp[i]) * f64::from(self.w[i]);
            self.stamp[i] = self.tick;
            self.w[i] += delta;
        }
    }

    /// Averages, quantises to i16 and returns the model (training may go on afterwards).
    pub fn finish(&self, labels: Vec<String>, meta: String) -> Perceptron {
        Trainer::finish_refs(&[self], labels, meta)
    }

    /// Adds this trainer's averaged weights into `avg`.
    fn add_average(&self, avg: &mut [f32]) {
        let t = f64::from(self.tick.max(1));
        for i in 0..self.w.len() {
            let total = self.total[i] + f64::from(self.tick - self.stamp[i]) * f64::from(self.w[i]);
            avg[i] += (total / t) as f32;
        }
    }

    /// The model whose weights are the sum of the averaged weights of several trainers of the
    /// same shape (an ensemble of runs over differently shuffled data, at the cost of one).
    pub fn finish_refs(trainers: &[&Trainer], labels: Vec<String>, meta: String) -> Perceptron {
        let first = &trainers[0];
        let mut avg = vec![0f32; first.w.len()];
        for t in trainers {
            assert_eq!(
                (t.classes, t.bits),
                (first.classes, first.bits),
                "trainer shapes differ"
            );
            t.add_average(&mut avg);
        }
        let (weights, scale) = quantise(&avg);
        Perceptron::from_dense(first.classes, first.bits, scale, &weights, labels, meta)
    }
}
