//! The arc-eager transition system (Nivre 2003) with the dynamic oracle's transition costs
//! (Goldberg & Nivre 2012): a stack, a buffer and the arcs built so far.
//!
//! Nodes are numbered as in CoNLL-U: 0 is the artificial root, words are 1..=n. The root sits
//! at the end of the buffer, not at the bottom of the stack (Ballesteros & Nivre 2013): a word
//! becomes the root only once everything after it has been read, by a LEFT onto the root. The
//! root takes exactly one dependent; a word still without head when only the root is left
//! may then be reduced, and hangs from the root word in [`State::tree`].

/// Push the next input word onto the stack.
pub const SHIFT: usize = 0;
/// Pop the stack top (it must have its head, unless only the taken root is left).
pub const REDUCE: usize = 1;
/// Make the next input node the head of the stack top, and pop it.
pub const LEFT: usize = 2;
/// Make the stack top the head of the next input word, and push that word.
pub const RIGHT: usize = 3;
/// Number of transitions.
pub const MOVES: usize = 4;

/// No node (a missing head or child).
pub const NONE: u32 = u32::MAX;

/// A parser configuration.
#[derive(Debug, Clone, Default)]
pub struct State {
    /// Number of words.
    pub n: usize,
    /// Node ids, bottom first.
    pub stack: Vec<u32>,
    /// Position of the next input node: a word 1..=n, or n + 1 for the root.
    pub buf: u32,
    /// Head of each node ([`NONE`] while it has none).
    pub heads: Vec<u32>,
    /// Per node: its leftmost and second-leftmost dependents.
    pub left: Vec<[u32; 2]>,
    /// Per node: its rightmost and second-rightmost dependents.
    pub right: Vec<[u32; 2]>,
    /// Per node: number of left and right dependents.
    pub valency: Vec<[u8; 2]>,
    /// Whether the root has its one dependent.
    pub root_taken: bool,
}

impl State {
    /// The initial configuration for `n` words, reusing the buffers.
    pub fn reset(&mut self, n: usize) {
        self.n = n;
        self.stack.clear();
        self.buf = 1;
        self.heads.clear();
        self.heads.resize(n + 1, NONE);
        self.left.clear();
        self.left.resize(n + 1, [NONE; 2]);
        self.right.clear();
        self.right.resize(n + 1, [NONE; 2]);
        self.valency.clear();
        self.valency.resize(n + 1, [0; 2]);
        self.root_taken = false;
    }

    /// Makes this configuration a copy of `other`, reusing the buffers (a beam copies one
    /// configuration per item and step).
    pub fn copy_from(&mut self, other: &State) {
        self.n = other.n;
        self.stack.clone_from(&other.stack);
        self.buf = other.buf;
        self.heads.clone_from(&other.heads);
        self.left.clone_from(&other.left);
        self.right.clone_from(&other.right);
        self.valency.clone_from(&other.valency);
        self.root_taken = other.root_taken;
    }

    /// True when only the root is left in the buffer and the stack is empty.
    pub fn terminal(&self) -> bool {
        self.buf as usize > self.n && self.stack.is_empty()
    }

    /// True while the next input node is a word (not the root).
    fn word_next(&self) -> bool {
        self.buf as usize <= self.n
    }

    /// The stack top, or [`NONE`].
    pub fn s0(&self) -> u32 {
        self.stack.last().copied().unwrap_or(NONE)
    }

    /// The `k`-th stack item from the top (0: the top), or [`NONE`].
    pub fn stack_at(&self, k: usize) -> u32 {
        self.stack
            .len()
            .checked_sub(k + 1)
            .map_or(NONE, |i| self.stack[i])
    }

    /// The `k`-th buffer node (0: the next; the root, 0, comes last), or [`NONE`].
    pub fn buffer_at(&self, k: usize) -> u32 {
        let b = self.buf as usize + k;
        if b <= self.n {
            b as u32
        } else if b == self.n + 1 {
            0
        } else {
            NONE
        }
    }

    /// Whether transition `m` may be applied.
    pub fn legal(&self, m: usize) -> bool {
        let s = self.s0();
        let word = self.word_next();
        if s == NONE {
            return m == SHIFT && word;
        }
        let headless = self.heads[s as usize] == NONE;
        match m {
            SHIFT => word,
            REDUCE => !headless || (!word && self.root_taken),
            LEFT => headless && (word || !self.root_taken),
            RIGHT => word,
            _ => false,
        }
    }

    fn arc(&mut self, h: u32, d: u32) {
        let (hu, du) = (h as usize, d as usize);
        self.heads[du] = h;
        if h == 0 {
            self.root_taken = true;
        }
        if d < h {
            self.left[hu] = [d, self.left[hu][0]];
            self.valency[hu][0] = self.valency[hu][0].saturating_add(1);
        } else {
            self.right[hu] = [d, self.right[hu][0]];
            self.valency[hu][1] = self.valency[hu][1].saturating_add(1);
        }
    }

    /// Applies transition `m` (which must be legal).
    pub fn apply(&mut self, m: usize) {
        let s = self.s0();
        let b = self.buffer_at(0);
        match m {
            SHIFT => {
                self.stack.push(b);
                self.buf += 1;
            }
            REDUCE => {
                self.stack.pop();
            }
            LEFT => {
                self.arc(b, s);
                self.stack.pop();
            }
            _ => {
                self.arc(s, b);
                self.stack.push(b);
                self.buf += 1;
            }
        }
    }

    /// The finished tree: per word (0-based), its head as a 0-based word index, `None` for
    /// the root. Words left without a head attach to the root word (or the first of them
    /// becomes the root when there is none), so the result is always one tree.
    pub fn tree(&self) -> Vec<Option<usize>> {
        let mut root = (1..=self.n).find(|&w| self.heads[w] == 0);
        let mut out = Vec::with_capacity(self.n);
        for w in 1..=self.n {
            let h = self.heads[w];
            out.push(if h == NONE {
                match root {
                    Some(r) => Some(r - 1),
                    None => {
                        root = Some(w);
                        None
                    }
                }
            } else if h == 0 {
                None
            } else {
                Some(h as usize - 1)
            });
        }
        out
    }

    /// The number of gold arcs that transition `m` makes unreachable (it must be legal);
    /// `gold[node]` is the gold head of each word (index 0 unused), a projective tree.
    pub fn cost(&self, m: usize, gold: &[u32]) -> u32 {
        let s = self.s0();
        let b = self.buffer_at(0);
        let here = self.buf as usize;
        // Position in the input: the root comes after the words.
        let pos = |k: u32| if k == 0 { self.n + 1 } else { k as usize };
        let after_next = |k: u32| k != NONE && pos(k) > here;
        let on_stack = |h: u32, except: u32| h != except && self.stack.contains(&h);
        // Headless stack items whose gold head is `h`.
        let orphans_of = |h: u32| {
            self.stack
                .iter()
                .filter(|&&k| gold[k as usize] == h && self.heads[k as usize] == NONE)
                .count() as u32
        };
        // Gold dependents of `h` among the words not read yet.
        let deps_ahead = |h: u32| (here..=self.n).filter(|&d| gold[d] == h).count() as u32;
        match m {
            SHIFT => u32::from(on_stack(gold[b as usize], NONE)) + orphans_of(b),
            REDUCE => deps_ahead(s),
            LEFT if b == 0 => {
                // Taking the root's one dependent for a word that is not the gold root loses
                // the gold root's arc, if it could still be made.
                let open = self
                    .stack
                    .iter()
                    .any(|&r| r != s && gold[r as usize] == 0 && self.heads[r as usize] == NONE);
                u32::from(gold[s as usize] != 0 && open)
            }
            LEFT => u32::from(after_next(gold[s as usize])) + deps_ahead(s),
            _ => {
                let g = gold[b as usize];
                u32::from(on_stack(g, s) || after_next(g)) + orphans_of(b)
            }
        }
    }
}

/// The transitions of a gold tree that the oracle picks without a model: the first legal one
/// of least cost in the order LEFT, RIGHT, REDUCE, SHIFT. Reproduces every projective tree.
pub fn oracle_sequence(gold: &[u32], state: &mut State) -> Vec<usize> {
    state.reset(gold.len() - 1);
    let mut out = Vec::new();
    while !state.terminal() {
        let m = [LEFT, RIGHT, REDUCE, SHIFT]
            .into_iter()
            .filter(|&m| state.legal(m))
            .min_by_key(|&m| state.cost(m, gold))
            .unwrap_or(SHIFT);
        state.apply(m);
        out.push(m);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Heads in CoNLL-U numbering with a leading 0 placeholder.
    fn gold(h: &[u32]) -> Vec<u32> {
        std::iter::once(0).chain(h.iter().copied()).collect()
    }

    #[test]
    fn oracle_reproduces_small_trees() {
        let cases: &[&[u32]] = &[
            &[0],
            &[2, 0],
            &[0, 1],
            &[2, 0, 2, 5, 3, 2],    // "He met her in Moscow ."
            &[3, 3, 0, 5, 3, 7, 3], // two left dependents, right chain
            &[0, 1, 2, 3, 4],
            &[5, 5, 5, 5, 0],
        ];
        let mut st = State::default();
        for h in cases {
            let g = gold(h);
            oracle_sequence(&g, &mut st);
            let want: Vec<Option<usize>> = h
                .iter()
                .map(|&x| (x != 0).then(|| x as usize - 1))
                .collect();
            assert_eq!(st.tree(), want, "{h:?}");
        }
    }

    #[test]
    fn costs_count_lost_arcs() {
        // "a b c": b is the root, a ← b → c. Stack empty, buffer a b c ROOT.
        let g = gold(&[2, 0, 2]);
        let mut st = State::default();
        st.reset(3);
        assert!(st.legal(SHIFT) && !st.legal(LEFT) && !st.legal(RIGHT) && !st.legal(REDUCE));
        assert_eq!(st.cost(SHIFT, &g), 0);
        st.apply(SHIFT);
        // Stack [a], buffer b c ROOT.
        assert_eq!(st.cost(LEFT, &g), 0);
        assert_eq!(st.cost(RIGHT, &g), 2, "b's root arc and a's head");
        assert_eq!(st.cost(SHIFT, &g), 1, "a's head");
        st.apply(LEFT);
        st.apply(SHIFT);
        // Stack [b], buffer c ROOT.
        assert_eq!(st.cost(RIGHT, &g), 0);
        assert_eq!(st.cost(LEFT, &g), 2, "c's head and b's root arc");
        st.apply(RIGHT);
        st.apply(REDUCE);
        // Stack [b], buffer ROOT: b takes the root.
        assert_eq!(st.buffer_at(0), 0);
        assert!(st.legal(LEFT) && !st.legal(SHIFT) && !st.legal(RIGHT));
        assert_eq!(st.cost(LEFT, &g), 0);
        st.apply(LEFT);
        assert!(st.terminal());
        assert_eq!(st.tree(), [Some(1), None, Some(1)]);
    }
}
