//! Word clusters computed by kg from unlabelled news text: spherical k-means over
//! random projections of each word's PPMI-weighted left/right neighbour counts, refined into a
//! four-level hierarchy (the role Brown-cluster bit-string prefixes play in Ratinov & Roth 2009).
//!
//! File format: UTF-8 text, `#` comment lines, then `word<TAB>c0<TAB>c1<TAB>c2<TAB>c3` with
//! cluster ids from coarse to fine.

use super::hash::{combine, hash_str, key_hash, IdMap};
use super::token_info::{CLUSTER_LEVELS, NO_CLUSTER};
use crate::error::{Error, Result};
use std::path::Path;

/// Word → cluster ids at each level.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordClusters {
    /// Words in file order with their ids (kept for saving).
    entries: Vec<(String, [u16; CLUSTER_LEVELS])>,
    exact: IdMap<[u16; CLUSTER_LEVELS]>,
    folded: IdMap<[u16; CLUSTER_LEVELS]>,
}

const FOLDED: u64 = 0x666f_6c64;

impl WordClusters {
    pub(super) fn from_entries(entries: Vec<(String, [u16; CLUSTER_LEVELS])>) -> WordClusters {
        let mut exact = IdMap::default();
        let mut folded = IdMap::default();
        let mut buf = Vec::new();
        // Entries are in frequency order: the first casing of a folded form wins.
        for (w, c) in &entries {
            exact.insert(hash_str(w), *c);
            folded
                .entry(combine(FOLDED, key_hash(w, &mut buf)))
                .or_insert(*c);
        }
        WordClusters {
            entries,
            exact,
            folded,
        }
    }

    /// Number of clustered words.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when no word is clustered.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Cluster ids of a word: its exact form, else its folded form (so "GERMANY" finds
    /// "Germany"); `exact` and `key` are the word's precomputed hashes.
    pub fn lookup(&self, _word: &str, exact: u64, key: u64) -> [u16; CLUSTER_LEVELS] {
        self.exact
            .get(&exact)
            .or_else(|| self.folded.get(&combine(FOLDED, key)))
            .copied()
            .unwrap_or([NO_CLUSTER; CLUSTER_LEVELS])
    }

    /// Parses the text format.
    pub fn parse(text: &str, name: &str) -> Result<WordClusters> {
        let mut entries = Vec::new();
        for (n, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let bad = || Error::Data {
                file: name.to_string(),
                message: format!("line {}: expected word and {CLUSTER_LEVELS} ids", n + 1),
            };
            if cols.len() != CLUSTER_LEVELS + 1 {
                return Err(bad());
            }
            let mut ids = [0u16; CLUSTER_LEVELS];
            for (k, id) in ids.iter_mut().enumerate() {
                *id = cols[k + 1].parse().map_err(|_| bad())?;
            }
            entries.push((cols[0].to_string(), ids));
        }
        Ok(WordClusters::from_entries(entries))
    }

    /// Reads a clusters file.
    pub fn load(path: &Path) -> Result<WordClusters> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        WordClusters::parse(&text, &path.display().to_string())
    }

    /// The text format, with a provenance header.
    pub fn to_text(&self, header: &str) -> String {
        let mut out = String::new();
        for l in header.lines() {
            out.push_str("# ");
            out.push_str(l);
            out.push('\n');
        }
        for (w, c) in &self.entries {
            out.push_str(w);
            for id in c {
                out.push('\t');
                out.push_str(&id.to_string());
            }
            out.push('\n');
        }
        out
    }
}
