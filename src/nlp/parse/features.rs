//! Feature templates of the parser: for transitions, those of Zhang & Nivre (2011) without
//! labels (words, tags and clusters of the stack and buffer items, their heads and outermost
//! dependents, distance, valency); for relation labels, the arc in its finished tree.

use super::transition::{State, NONE};
use crate::model::Upos;
use crate::nlp::tagger::features::{f1, f2, small};
use crate::nlp::tagger::hash::{combine, hash_str};
use crate::nlp::tagger::token_info::{TokInfo, NO_CLUSTER};

/// What the templates read about each node: index 0 is the root, 1..=n the words, n + 1 the
/// stand-in for a missing node.
#[derive(Debug, Clone, Default)]
pub struct Nodes {
    /// Hash of the lower-cased word (digits as 0).
    pub word: Vec<u64>,
    /// Hash of the UPOS tag.
    pub pos: Vec<u64>,
    /// Hash of the word's cluster (256 clusters).
    pub cluster: Vec<u64>,
    /// The UPOS tag (the root and the stand-in: `X`).
    pub upos: Vec<Upos>,
}

/// Value hashes of the root and of a missing node.
const ROOT_VALUE: u64 = 0x524f_4f54;
const NONE_VALUE: u64 = 0x4e4f_4e45;

impl Nodes {
    /// Fills the nodes of a sentence from its token facts and tags.
    pub fn fill(&mut self, toks: &[TokInfo], upos: &[Upos]) {
        let (root, none) = (small(ROOT_VALUE), small(NONE_VALUE));
        self.word.clear();
        self.pos.clear();
        self.cluster.clear();
        self.upos.clear();
        self.word.push(hash_str("<root>"));
        self.pos.push(root);
        self.cluster.push(root);
        self.upos.push(Upos::X);
        for (t, &u) in toks.iter().zip(upos) {
            self.word.push(t.lower);
            self.pos.push(small(u as u64));
            let c = t.cluster[2];
            self.cluster.push(if c == NO_CLUSTER {
                none
            } else {
                small(u64::from(c) | 1 << 20)
            });
            self.upos.push(u);
        }
        self.word.push(hash_str("<none>"));
        self.pos.push(none);
        self.cluster.push(none);
        self.upos.push(Upos::X);
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.word.len().saturating_sub(2)
    }

    /// True for a sentence without words.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The index of node `k`, the stand-in for [`NONE`].
    #[inline]
    fn ix(&self, k: u32) -> usize {
        if k == NONE {
            self.word.len() - 1
        } else {
            k as usize
        }
    }
}

/// A distance in buckets: 1, 2, 3, 4, 5–6, 7–9, 10+.
#[inline]
fn bucket(d: usize) -> u64 {
    small(match d {
        0..=4 => d as u64,
        5..=6 => 5,
        7..=9 => 6,
        _ => 7,
    })
}

/// Feature groups of the transition model, for ablations: a model records its groups in
/// its meta string.
pub mod group {
    /// Distance between the stack top and the next input word.
    pub const DISTANCE: u32 = 1;
    /// Numbers of left and right dependents.
    pub const VALENCY: u32 = 2;
    /// Words and tags of the stack top's head and outermost dependents, and of the next
    /// word's leftmost dependent.
    pub const SECOND_ORDER: u32 = 4;
    /// The same one level further: head of the head, second outermost dependents.
    pub const THIRD_ORDER: u32 = 8;
    /// The second and third stack items.
    pub const STACK: u32 = 16;
    /// Whether the stack top has its head, the root is taken, the root is next.
    pub const STATE: u32 = 32;
    /// Word clusters.
    pub const CLUSTERS: u32 = 64;
    /// Every group.
    pub const ALL: u32 = 127;
    /// Names, for `--groups` (index = bit).
    pub const NAMES: [&str; 7] = [
        "distance", "valency", "second", "third", "stack", "state", "clusters",
    ];
}

/// The group of each feature [`move_features`] emits, in order (0: always on).
const MOVE_GROUPS: [u32; 72] = {
    let mut g = [0u32; 72];
    let mut i = 0;
    while i < 72 {
        g[i] = match i {
            27..=32 => group::DISTANCE,
            33..=38 => group::VALENCY,
            39..=46 => group::SECOND_ORDER,
            47..=58 => group::THIRD_ORDER,
            59..=62 => group::STACK,
            63..=65 => group::STATE,
            66..=71 => group::CLUSTERS,
            _ => 0,
        };
        i += 1;
    }
    g
};

/// Appends the features of a configuration, keeping those of `groups` ([`group`]).
pub fn move_features(st: &State, x: &Nodes, groups: u32, out: &mut Vec<u64>) {
    let start = out.len();
    move_features_all(st, x, out);
    if groups != group::ALL {
        let mut k = 0;
        let mut i = 0;
        out.retain(|_| {
            let keep = i < start || MOVE_GROUPS[k] == 0 || MOVE_GROUPS[k] & groups != 0;
            if i >= start {
                k += 1;
            }
            i += 1;
            keep
        });
    }
}

/// Appends every feature of a configuration.
fn move_features_all(st: &State, x: &Nodes, out: &mut Vec<u64>) {
    let s0 = st.s0();
    let n0 = st.buffer_at(0);
    let node = |k: u32| (k != NONE).then_some(k as usize);
    let (s0h, [s0l, s0l2], [s0r, s0r2], [vl, vr]) = match node(s0) {
        Some(k) => (st.heads[k], st.left[k], st.right[k], st.valency[k]),
        None => (NONE, [NONE; 2], [NONE; 2], [0; 2]),
    };
    let s0h2 = if s0h == NONE || s0h == 0 {
        NONE
    } else {
        st.heads[s0h as usize]
    };
    let ([n0l, n0l2], vl_n0) = match node(n0) {
        Some(k) if k != 0 => (st.left[k], st.valency[k][0]),
        _ => ([NONE; 2], 0),
    };
    let i = |k: u32| x.ix(k);
    let (s0u, s1, s2) = (i(s0), i(st.stack_at(1)), i(st.stack_at(2)));
    let (n0i, n1, n2) = (i(n0), i(st.buffer_at(1)), i(st.buffer_at(2)));
    let (s0h, s0h2, s0l, s0l2, s0r, s0r2, n0l, n0l2) = (
        i(s0h),
        i(s0h2),
        i(s0l),
        i(s0l2),
        i(s0r),
        i(s0r2),
        i(n0l),
        i(n0l2),
    );
    let (s0, n0) = (s0u, n0i);
    let (w, p, c) = (&x.word, &x.pos, &x.cluster);
    let d = match (node(st.s0()), node(st.buffer_at(0))) {
        (Some(a), Some(b)) if b != 0 => bucket(b - a),
        (Some(_), Some(_)) => small(98),
        _ => small(99),
    };
    let (vl, vr, vln) = (
        small(u64::from(vl)),
        small(u64::from(vr)),
        small(u64::from(vl_n0)),
    );
    let flags = small(
        u64::from(node(st.s0()).is_some_and(|k| st.heads[k] != NONE))
            | u64::from(st.root_taken) << 1
            | u64::from(st.buffer_at(0) == 0) << 2,
    );
    let wp = |k: usize| combine(w[k], p[k]);
    let (s0wp, n0wp) = (wp(s0), wp(n0));
    out.extend_from_slice(&[
        f1(0, 0),
        f1(1, w[s0]),
        f1(2, p[s0]),
        f1(3, s0wp),
        f1(4, w[n0]),
        f1(5, p[n0]),
        f1(6, n0wp),
        f1(7, w[n1]),
        f1(8, p[n1]),
        f1(9, wp(n1)),
        f1(10, w[n2]),
        f1(11, p[n2]),
        f1(12, wp(n2)),
        f2(13, s0wp, n0wp),
        f2(14, s0wp, w[n0]),
        f2(15, w[s0], n0wp),
        f2(16, s0wp, p[n0]),
        f2(17, p[s0], n0wp),
        f2(18, w[s0], w[n0]),
        f2(19, p[s0], p[n0]),
        f2(20, p[n0], p[n1]),
        f2(21, combine(p[n0], p[n1]), p[n2]),
        f2(22, combine(p[s0], p[n0]), p[n1]),
        f2(23, combine(p[s0h], p[s0]), p[n0]),
        f2(24, combine(p[s0], p[s0l]), p[n0]),
        f2(25, combine(p[s0], p[s0r]), p[n0]),
        f2(26, combine(p[s0], p[n0]), p[n0l]),
        f2(27, w[s0], d),
        f2(28, p[s0], d),
        f2(29, w[n0], d),
        f2(30, p[n0], d),
        f2(31, combine(w[s0], w[n0]), d),
        f2(32, combine(p[s0], p[n0]), d),
        f2(33, w[s0], vr),
        f2(34, p[s0], vr),
        f2(35, w[s0], vl),
        f2(36, p[s0], vl),
        f2(37, w[n0], vln),
        f2(38, p[n0], vln),
        f1(39, w[s0h]),
        f1(40, p[s0h]),
        f1(41, w[s0l]),
        f1(42, p[s0l]),
        f1(43, w[s0r]),
        f1(44, p[s0r]),
        f1(45, w[n0l]),
        f1(46, p[n0l]),
        f1(47, w[s0h2]),
        f1(48, p[s0h2]),
        f1(49, w[s0l2]),
        f1(50, p[s0l2]),
        f1(51, w[s0r2]),
        f1(52, p[s0r2]),
        f1(53, w[n0l2]),
        f1(54, p[n0l2]),
        f2(55, combine(p[s0], p[s0l]), p[s0l2]),
        f2(56, combine(p[s0], p[s0r]), p[s0r2]),
        f2(57, combine(p[s0], p[s0h]), p[s0h2]),
        f2(58, combine(p[n0], p[n0l]), p[n0l2]),
        f1(59, p[s1]),
        f1(60, wp(s1)),
        f2(61, combine(p[s1], p[s0]), p[n0]),
        f2(62, combine(p[s2], p[s1]), p[s0]),
        f2(63, flags, combine(p[s0], p[n0])),
        f2(64, flags, s0wp),
        f2(65, flags, n0wp),
        f1(66, c[s0]),
        f1(67, c[n0]),
        f1(68, c[n1]),
        f2(69, c[s0], c[n0]),
        f2(70, combine(c[s0], p[s0]), p[n0]),
        f2(71, p[s0], combine(c[n0], p[n0])),
    ]);
}

/// The dependents of every node of a finished tree, in a flat list.
#[derive(Debug, Clone, Default)]
pub struct Children {
    start: Vec<usize>,
    list: Vec<u32>,
}

impl Children {
    /// Builds the lists from CoNLL-U style heads (`heads[0]` unused).
    pub fn fill(&mut self, heads: &[u32]) {
        let n = heads.len();
        self.start.clear();
        self.start.resize(n + 1, 0);
        for &h in &heads[1..] {
            self.start[h as usize + 1] += 1;
        }
        for k in 1..=n {
            self.start[k] += self.start[k - 1];
        }
        self.list.clear();
        self.list.resize(n.saturating_sub(1), 0);
        let mut next = self.start.clone();
        for (d, &h) in heads.iter().enumerate().skip(1) {
            self.list[next[h as usize]] = d as u32;
            next[h as usize] += 1;
        }
    }

    /// The dependents of `h`, left to right.
    pub fn of(&self, h: usize) -> &[u32] {
        &self.list[self.start[h]..self.start[h + 1]]
    }
}

/// Function words, whose identity (not only their tag) tells the relation of their head.
fn function_word(u: Upos) -> bool {
    matches!(
        u,
        Upos::Adp | Upos::Sconj | Upos::Aux | Upos::Part | Upos::Det | Upos::Pron | Upos::Cconj
    )
}

/// Appends the features of the relation of word `d` to its head in a finished tree.
pub fn label_features(heads: &[u32], kids: &Children, x: &Nodes, d: usize, out: &mut Vec<u64>) {
    let h = heads[d] as usize;
    let (w, p, c) = (&x.word, &x.pos, &x.cluster);
    let none = x.word.len() - 1;
    let hh = if h == 0 { none } else { heads[h] as usize };
    let left = small(u64::from(d < h));
    let dist = combine(left, bucket(h.abs_diff(d)));
    let (prev, next) = (if d > 1 { d - 1 } else { none }, (d + 1).min(none));
    let dwp = combine(w[d], p[d]);
    let hp_dp = combine(p[h], p[d]);
    out.extend_from_slice(&[
        f1(0, 0),
        f1(1, w[d]),
        f1(2, p[d]),
        f1(3, dwp),
        f1(4, w[h]),
        f1(5, p[h]),
        f1(6, combine(w[h], p[h])),
        f2(7, hp_dp, left),
        f2(8, combine(w[h], p[d]), left),
        f2(9, combine(p[h], w[d]), left),
        f2(10, hp_dp, dist),
        f2(11, combine(w[h], w[d]), left),
        f2(12, p[hh], combine(hp_dp, left)),
        f2(13, c[d], combine(p[h], left)),
        f2(14, c[h], combine(p[d], left)),
        f2(15, combine(p[prev], p[d]), p[h]),
        f2(16, combine(p[d], p[next]), p[h]),
        f2(17, w[prev], p[d]),
        f2(18, p[d], small(kids.of(d).len() as u64)),
    ]);
    for &k in kids.of(d) {
        let k = k as usize;
        let side = small(u64::from(k < d));
        out.push(f2(20, combine(p[d], p[k]), combine(side, p[h])));
        if function_word(x.upos[k]) {
            out.push(f2(21, combine(p[d], w[k]), side));
            out.push(f2(22, combine(hp_dp, w[k]), side));
        }
    }
    for &k in kids.of(h) {
        let k = k as usize;
        if k == d {
            continue;
        }
        let side = small(u64::from(k < d));
        out.push(f2(23, combine(hp_dp, p[k]), side));
        if function_word(x.upos[k]) {
            out.push(f2(24, combine(hp_dp, w[k]), side));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A beam step appends the features of several configurations to one list: leaving a
    /// group out must not touch what the list held before.
    #[test]
    fn leaving_out_a_group_keeps_the_features_already_in_the_list() {
        let toks: Vec<TokInfo> = (0..4u64)
            .map(|k| TokInfo {
                lower: k + 1,
                ..TokInfo::default()
            })
            .collect();
        let mut x = Nodes::default();
        x.fill(&toks, &[Upos::Det, Upos::Noun, Upos::Verb, Upos::Punct]);
        let mut st = State::default();
        st.reset(x.len());
        let groups = group::ALL & !group::DISTANCE;
        let mut alone = Vec::new();
        move_features(&st, &x, groups, &mut alone);
        assert!(alone.len() < MOVE_GROUPS.len());
        let mut after = vec![1, 2, 3];
        move_features(&st, &x, groups, &mut after);
        assert_eq!(after[..3], [1, 2, 3]);
        assert_eq!(after[3..], alone[..]);
    }
}
