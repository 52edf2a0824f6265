//! Gazetteer features: which tokens lie inside a knowledge-base name, by category and position.

use super::hash::{combine, key_hash, IdMap, IdSet};
use super::token_info::{flag, TokInfo};
use crate::kb::{KnowledgeBase, Namespace};
use crate::model::MentionRole;
use crate::nlp::tokenize::tokenize;

/// Name categories; a token's gazetteer bits are `category * 4 + position`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Category {
    /// Country names and aliases.
    Country = 0,
    /// Country demonyms ("Russian").
    Demonym = 1,
    /// Cities, regions and other places.
    Place = 2,
    /// Organisations.
    Organization = 3,
    /// Full names of people.
    Person = 4,
    /// The last word of a person's name (a known surname).
    Surname = 5,
}

/// Number of categories.
pub const CATEGORIES: usize = 6;
const MAX_LEN: usize = 6;

/// Token-sequence matcher over the knowledge base's names.
pub struct Gazetteer {
    /// Hash of a folded token sequence → category bits.
    names: IdMap<u8>,
    /// Hashes of every proper prefix of a name, to stop extending early.
    prefixes: IdSet,
    given: IdSet,
}

const SEED: u64 = 0x6761_7a65_7474_6565;

impl Gazetteer {
    /// Builds the matcher from the knowledge base's names and the given-name list.
    pub fn from_kb(kb: &KnowledgeBase) -> Gazetteer {
        let mut g = Gazetteer {
            names: IdMap::default(),
            prefixes: IdSet::default(),
            given: IdSet::default(),
        };
        let mut buf = Vec::new();
        for name in kb.names() {
            let cat = match (name.key.namespace(), name.role) {
                (Namespace::Country, MentionRole::Demonym) => Category::Demonym,
                (Namespace::Country, _) => Category::Country,
                (Namespace::Place, _) => Category::Place,
                (Namespace::Org, _) => Category::Organization,
                (Namespace::Person, _) => Category::Person,
                // Regions are not a gazetteer category the trained recogniser was built with.
                (Namespace::Region, _) => continue,
            };
            let words: Vec<&str> = tokenize(&name.text)
                .iter()
                .map(|t| t.span.slice(&name.text))
                .collect();
            g.add(&words, cat, &mut buf);
            if cat == Category::Person && words.len() > 1 {
                if let Some(last) = words.last().filter(|w| w.chars().count() > 2) {
                    g.add(&[last], Category::Surname, &mut buf);
                }
            }
        }
        for line in include_str!("../../../data/kb/given_names.txt").lines() {
            let w = line.trim();
            if !w.is_empty() && !w.starts_with('#') {
                g.given.insert(key_hash(w, &mut buf));
            }
        }
        g
    }

    fn add(&mut self, words: &[&str], cat: Category, buf: &mut Vec<u8>) {
        if words.is_empty() || words.len() > MAX_LEN {
            return;
        }
        let mut h = SEED;
        for (i, w) in words.iter().enumerate() {
            h = combine(h, key_hash(w, buf));
            if i + 1 < words.len() {
                self.prefixes.insert(h);
            }
        }
        *self.names.entry(h).or_default() |= 1 << cat as u8;
    }

    /// Sets `gaz` bits (longest match per category starting at each capitalised token) and the
    /// given-name flag.
    pub fn annotate(&self, words: &[&str], toks: &mut [TokInfo]) {
        for i in 0..toks.len() {
            let starts_upper = words[i]
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
            if !starts_upper {
                continue;
            }
            if self.given.contains(&toks[i].key) {
                toks[i].flags |= flag::GIVEN;
            }
            let mut h = SEED;
            // Longest match per category: the later (longer) match overwrites.
            let mut best = [0usize; CATEGORIES];
            for j in i..(i + MAX_LEN).min(toks.len()) {
                h = combine(h, toks[j].key);
                if let Some(&cats) = self.names.get(&h) {
                    for (c, b) in best.iter_mut().enumerate() {
                        if cats & (1 << c) != 0 {
                            *b = j + 1 - i;
                        }
                    }
                }
                if !self.prefixes.contains(&h) {
                    break;
                }
            }
            for (c, &len) in best.iter().enumerate() {
                if len == 0 {
                    continue;
                }
                for k in 0..len {
                    let pos = match (k, len) {
                        (_, 1) => 3,
                        (0, _) => 0,
                        (k, l) if k + 1 == l => 2,
                        _ => 1,
                    };
                    toks[i + k].gaz |= 1 << (c * 4 + pos);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::tagger::features::Featurizer;

    #[test]
    fn marks_names_by_category_and_position() {
        let g = Gazetteer::from_kb(KnowledgeBase::embedded());
        let mut f = Featurizer::default();
        let words = [
            "talks",
            "in",
            "New",
            "York",
            "with",
            "Russian",
            "officials",
            "in",
            "FRANCE",
        ];
        let mut toks = Vec::new();
        f.sentence(&words, None, Some(&g), &mut toks);
        let bit = |c: Category, p: usize| 1u32 << (c as usize * 4 + p);
        let cases: &[(usize, u32)] = &[
            (2, bit(Category::Place, 0)),
            (3, bit(Category::Place, 2)),
            (5, bit(Category::Demonym, 3)),
            (8, bit(Category::Country, 3)),
        ];
        for &(i, b) in cases {
            assert!(
                toks[i].gaz & b != 0,
                "{} lacks bit {b:#x}: {:#x}",
                words[i],
                toks[i].gaz
            );
        }
        assert_eq!(toks[0].gaz, 0);
        assert_eq!(toks[6].gaz, 0);
    }
}
