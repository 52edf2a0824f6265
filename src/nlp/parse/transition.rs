//! The arc-eager transition system (Nivre 2003) with the dynamic oracle's transition costs
//! (Goldberg & Nivre 2012): a stack, a buffer and the arcs built so far.
//!
//! Nodes are numbered as in CoNLL-U: 0 is the artificial root (at the bottom of the stack,
//! never popped), words are 1..=n. The root takes exactly one dependent.

/// Push the next input word onto the stack.
pub const SHIFT: usize = 0;
/// Pop the stack top (it must have its head).
pub const REDUCE: usize = 1;
/// Make the next input word the head of the stack top, and pop it.
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
    /// Node ids, bottom (the root, 0) first.
    pub stack: Vec<u32>,
    /// The next input node; past `n` when the buffer is empty.
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
        self.stack.push(0);
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

    /// True when the buffer is empty: parsing is over.
    pub fn terminal(&self) -> bool {
        self.buf as usize > self.n
    }

    /// The stack top.
    pub fn s0(&self) -> u32 {
        self.stack.last().copied().unwrap_or(0)
    }

    /// The `k`-th stack item from the top (0: the top), or [`NONE`].
    pub fn stack_at(&self, k: usize) -> u32 {
        self.stack
            .len()
            .checked_sub(k + 1)
            .map_or(NONE, |i| self.stack[i])
    }

    /// The `k`-th buffer item (0: the next), or [`NONE`].
    pub fn buffer_at(&self, k: usize) -> u32 {
        let b = self.buf as usize + k;
        if b <= self.n {
            b as u32
        } else {
            NONE
        }
    }

    /// Whether transition `m` may be applied.
    pub fn legal(&self, m: usize) -> bool {
        let s = self.s0();
        let input = !self.terminal();
        match m {
            SHIFT => input,
            REDUCE => s != 0 && self.heads[s as usize] != NONE,
            LEFT => input && s != 0 && self.heads[s as usize] == NONE,
            RIGHT => input && (s != 0 || !self.root_taken),
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
        let b = self.buf;
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
        let b = self.buf;
        // Can `k` on the stack still become a head of the next input word?
        let can_head = |k: u32| k != 0 || !self.root_taken;
        let stack_has = |h: u32, except: u32| h != except && can_head(h) && self.stack.contains(&h);
        // Headless stack items whose gold head is `h`.
        let orphans_of = |h: u32| {
            self.stack
                .iter()
                .filter(|&&k| k != 0 && gold[k as usize] == h && self.heads[k as usize] == NONE)
                .count() as u32
        };
        // Gold dependents of `h` in the buffer from `from` on.
        let deps_in_buffer =
            |h: u32, from: u32| (from as usize..=self.n).filter(|&d| gold[d] == h).count() as u32;
        let in_buffer_after = |k: u32| k > b && k as usize <= self.n;
        match m {
            SHIFT => u32::from(stack_has(gold[b as usize], NONE)) + orphans_of(b),
            REDUCE => deps_in_buffer(s, b),
            LEFT => u32::from(in_buffer_after(gold[s as usize])) + deps_in_buffer(s, b),
            _ => {
                let g = gold[b as usize];
                let lost_head = stack_has(g, s) || in_buffer_after(g);
                // Giving the root's one dependent to the wrong word loses the gold root's arc.
                let lost_root = s == 0 && g != 0;
                u32::from(lost_head) + orphans_of(b) + u32::from(lost_root)
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
        // "a b c": b is the root, a ← b → c. Stack [0], buffer a b c.
        let g = gold(&[2, 0, 2]);
        let mut st = State::default();
        st.reset(3);
        assert_eq!(
            st.cost(RIGHT, &g),
            2,
            "a as root loses its own head and b's root arc"
        );
        assert_eq!(st.cost(SHIFT, &g), 0);
        st.apply(SHIFT);
        // Stack [0, a], buffer b c.
        assert_eq!(st.cost(LEFT, &g), 0);
        assert_eq!(st.cost(RIGHT, &g), 2, "b's root arc and a's head");
        assert_eq!(st.cost(SHIFT, &g), 2, "the same two");
    }
}
