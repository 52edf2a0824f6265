//! Pseudo-projective parsing (Nivre & Nilsson 2005): training trees are made projective by
//! lifting non-projective arcs, the lifted word's label records the relation of the head it
//! was lifted from ("head" encoding: `label↑head-label`), and parses are lowered back.
//!
//! Heads here are CoNLL-U style: `heads[w]` for words 1..=n, 0 = the root, index 0 unused.

/// Separator between a word's own relation and the relation of its original head.
pub const LIFT_MARK: char = '↑';

/// Whether node `a` dominates node `d` (or is it).
fn dominates(heads: &[u32], a: u32, mut d: u32) -> bool {
    // A tree has no cycle; the bound guards against malformed input anyway.
    for _ in 0..heads.len() {
        if d == a {
            return true;
        }
        if d == 0 {
            return false;
        }
        d = heads[d as usize];
    }
    false
}

/// Whether the arc into `d` is projective: its head dominates every word between them.
fn projective_arc(heads: &[u32], d: usize) -> bool {
    let h = heads[d] as usize;
    let (a, b) = if h < d { (h, d) } else { (d, h) };
    (a + 1..b).all(|k| dominates(heads, h as u32, k as u32))
}

/// Whether a tree is projective.
pub fn is_projective(heads: &[u32]) -> bool {
    (1..heads.len()).all(|d| projective_arc(heads, d))
}

/// Lifts non-projective arcs (the shortest first) until the tree is projective, and marks
/// each lifted word's label with the relation of its original head. Returns the number of
/// lifting steps.
pub fn lift(heads: &mut [u32], labels: &mut [String]) -> usize {
    let mut steps = 0;
    let original: Vec<String> = labels.to_vec();
    let mut lifted = vec![false; heads.len()];
    loop {
        let worst = (1..heads.len())
            .filter(|&d| heads[d] != 0 && !projective_arc(heads, d))
            .min_by_key(|&d| (heads[d] as usize).abs_diff(d));
        let Some(d) = worst else {
            break;
        };
        if !lifted[d] {
            lifted[d] = true;
            // The head encoding names the relation of the head the word first had.
            let h = heads[d] as usize;
            let head_label = universal(&original[h]);
            labels[d] = format!("{}{LIFT_MARK}{head_label}", original[d]);
        }
        heads[d] = heads[heads[d] as usize];
        steps += 1;
    }
    steps
}

fn universal(label: &str) -> &str {
    label.split_once(':').map_or(label, |(u, _)| u)
}

/// Undoes [`lift`] on a parse: each word whose label carries a lift mark is attached to the
/// first word, breadth-first and left to right under its current head (outside its own
/// subtree), whose relation's universal part is the marked one; the mark is removed either way.
pub fn lower(heads: &mut [u32], labels: &mut [String]) {
    for d in 1..heads.len() {
        let Some((own, wanted)) = labels[d].split_once(LIFT_MARK) else {
            continue;
        };
        let (own, wanted) = (own.to_string(), wanted.to_string());
        labels[d] = own;
        let mut queue = std::collections::VecDeque::from([heads[d]]);
        let mut found = None;
        while let Some(x) = queue.pop_front() {
            for c in 1..heads.len() {
                if heads[c] == x && c != d && !dominates(heads, d as u32, c as u32) {
                    if universal(&labels[c]) == wanted {
                        found = Some(c);
                        break;
                    }
                    queue.push_back(c as u32);
                }
            }
            if found.is_some() {
                break;
            }
        }
        if let Some(c) = found {
            heads[d] = c as u32;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(s: &str) -> Vec<String> {
        std::iter::once("_")
            .chain(s.split_whitespace())
            .map(String::from)
            .collect()
    }

    #[test]
    fn lifts_and_lowers_back() {
        // "A hearing is scheduled on the issue today": `on the issue` (4-6... here 5) hangs
        // from `hearing` (2) across `is scheduled`: non-projective.
        // 1 A, 2 hearing, 3 is, 4 scheduled, 5 on, 6 the, 7 issue, 8 today
        let gold = [0u32, 2, 4, 4, 0, 7, 7, 2, 4];
        let gold_labels = labels("det nsubj:pass aux:pass root case det nmod obl:tmod");
        assert!(!is_projective(&gold));
        let (mut h, mut l) = (gold.to_vec(), gold_labels.clone());
        assert_eq!(lift(&mut h, &mut l), 1);
        assert!(is_projective(&h));
        assert_eq!(h[7], 4, "issue lifted to the head of hearing");
        assert_eq!(l[7], "nmod↑nsubj");
        lower(&mut h, &mut l);
        assert_eq!(h, gold);
        assert_eq!(l, gold_labels);
    }

    #[test]
    fn projective_trees_are_left_alone() {
        let gold = [0u32, 2, 0, 2];
        let (mut h, mut l) = (gold.to_vec(), labels("nsubj root obj"));
        assert!(is_projective(&h));
        assert_eq!(lift(&mut h, &mut l), 0);
        assert_eq!(h, gold);
        assert_eq!(l, labels("nsubj root obj"));
    }
}
