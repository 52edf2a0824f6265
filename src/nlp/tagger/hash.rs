//! Feature hashing: fast, seeded 64-bit hashes of strings and of (template, value) pairs, the
//! folded-word key hash, and maps keyed by such hashes. Depends on nothing else in the tagger.
//!
//! Models store weights in a fixed table indexed by these hashes, so the hash is part of the
//! model format: changing it invalidates every trained model (bump `perceptron::VERSION`).

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// The murmur3 64-bit finaliser: spreads every input bit over the output.
#[inline]
pub fn fmix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

/// Hashes bytes eight at a time.
#[inline]
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = (bytes.len() as u64).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut b = [0u8; 8];
        b.copy_from_slice(c);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut b = [0u8; 8];
        b[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(K);
    }
    fmix(h)
}

/// Hashes a string.
#[inline]
pub fn hash_str(s: &str) -> u64 {
    hash_bytes(s.as_bytes())
}

/// Combines two hashes (order matters): a feature is `combine(template, value)`.
#[inline]
pub fn combine(a: u64, b: u64) -> u64 {
    fmix(a.rotate_left(17) ^ b.wrapping_mul(K) ^ 0x2545_F491_4F6C_DD1D)
}

/// Hash of the folded form of a word, as used for gazetteer and document keys.
pub fn key_hash(word: &str, buf: &mut Vec<u8>) -> u64 {
    if word.is_ascii() {
        buf.clear();
        buf.extend(word.bytes().map(|b| b.to_ascii_lowercase()));
        hash_bytes(buf)
    } else {
        hash_str(&crate::text::fold(word))
    }
}

/// Hashes are already uniform: use them as they are.
#[derive(Default)]
pub struct IdHasher(u64);
impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}
/// A map keyed by precomputed hashes.
pub type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;
/// A set of precomputed hashes.
pub type IdSet = HashSet<u64, BuildHasherDefault<IdHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stable_and_distinct() {
        // Pinned: a trained model depends on these values.
        assert_eq!(hash_str(""), fmix(0));
        let words = [
            "a",
            "b",
            "ab",
            "ba",
            "abcdefgh",
            "abcdefghi",
            "Moscow",
            "moscow",
        ];
        let hs: std::collections::HashSet<u64> = words.iter().map(|w| hash_str(w)).collect();
        assert_eq!(hs.len(), words.len());
        assert_ne!(combine(1, 2), combine(2, 1));
    }
}
