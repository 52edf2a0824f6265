//! Per-token facts computed once (hashes of the word, its shape, affixes, cluster, gazetteer
//! matches), from which the POS and NER feature templates are assembled.

use super::clusters::WordClusters;
use super::gazetteer::Gazetteer;
use super::hash::{combine, fmix, hash_bytes, hash_str};

/// Token flags.
pub mod flag {
    /// First char upper case.
    pub const INIT_CAP: u16 = 1;
    /// Every letter upper case (and at least one letter).
    pub const ALL_CAPS: u16 = 2;
    /// Contains a digit.
    pub const HAS_DIGIT: u16 = 4;
    /// Only digits and number punctuation.
    pub const NUMBER: u16 = 8;
    /// Contains a hyphen.
    pub const HYPHEN: u16 = 16;
    /// Contains a period.
    pub const PERIOD: u16 = 32;
    /// No letter or digit at all.
    pub const PUNCT: u16 = 64;
    /// Every letter lower case.
    pub const LOWER: u16 = 128;
    /// A known given name.
    pub const GIVEN: u16 = 256;
}

/// Number of cluster granularities kept per word.
pub const CLUSTER_LEVELS: usize = 4;
/// No cluster for this word.
pub const NO_CLUSTER: u16 = u16::MAX;

/// What the feature templates need to know about one token.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TokInfo {
    /// Hash of the word as written.
    pub exact: u64,
    /// Hash of the lower-cased word with digits replaced by 0.
    pub lower: u64,
    /// Hash of the folded (lower-case, unaccented) word: gazetteer and document key.
    pub key: u64,
    /// Hash of the full shape ("Xxxxx", "dd.d").
    pub shape: u64,
    /// Hash of the shape with repeats collapsed ("Xx", "d.d").
    pub short_shape: u64,
    /// Hashes of the 1..4-char prefixes (0 when the word is shorter).
    pub prefix: [u64; 4],
    /// Hashes of the 1..4-char suffixes (0 when the word is shorter).
    pub suffix: [u64; 4],
    /// Cluster ids, coarse to fine.
    pub cluster: [u16; CLUSTER_LEVELS],
    /// The tags the word had in the POS training data, a bitmask (0: unknown, or not looked
    /// up; only the POS tagger fills it).
    pub tags: u32,
    /// Gazetteer matches: bit `category * 4 + position` (B, I, L, U).
    pub gaz: u32,
    /// [`flag`] bits.
    pub flags: u16,
}

/// Computes [`TokInfo`]s, reusing its buffers.
#[derive(Default)]
pub struct Featurizer {
    buf: Vec<u8>,
    shape: Vec<u8>,
    short: Vec<u8>,
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

impl Featurizer {
    /// Facts about one word (gazetteer bits are filled per sentence by [`Featurizer::sentence`]).
    pub fn token(&mut self, word: &str, clusters: Option<&WordClusters>) -> TokInfo {
        let mut t = TokInfo {
            exact: hash_str(word),
            ..TokInfo::default()
        };
        self.buf.clear();
        self.shape.clear();
        self.short.clear();
        let (mut upper, mut lower, mut digit, mut letters, mut other) = (0, 0, 0, 0, 0);
        let mut flags = 0u16;
        for (n, c) in word.chars().enumerate() {
            let s = if c.is_uppercase() {
                upper += 1;
                letters += 1;
                b'X'
            } else if c.is_lowercase() || c.is_alphabetic() {
                lower += 1;
                letters += 1;
                b'x'
            } else if c.is_ascii_digit() {
                digit += 1;
                b'd'
            } else {
                other += 1;
                if c == '-' {
                    flags |= flag::HYPHEN;
                }
                if c == '.' {
                    flags |= flag::PERIOD;
                }
                if c.is_ascii() {
                    c as u8
                } else {
                    b'~'
                }
            };
            if n < 12 {
                self.shape.push(s);
            }
            if self.short.last() != Some(&s) {
                self.short.push(s);
            }
            if c.is_ascii_digit() {
                self.buf.push(b'0');
            } else if c.is_ascii() {
                self.buf.push(c.to_ascii_lowercase() as u8);
            } else {
                let mut tmp = [0u8; 4];
                for l in c.to_lowercase() {
                    self.buf
                        .extend_from_slice(l.encode_utf8(&mut tmp).as_bytes());
                }
            }
        }
        if word.chars().next().is_some_and(char::is_uppercase) {
            flags |= flag::INIT_CAP;
        }
        if letters > 0 && lower == 0 {
            flags |= flag::ALL_CAPS;
        }
        if letters > 0 && upper == 0 {
            flags |= flag::LOWER;
        }
        if digit > 0 {
            flags |= flag::HAS_DIGIT;
            if letters == 0 {
                flags |= flag::NUMBER;
            }
        }
        if letters == 0 && digit == 0 && other > 0 {
            flags |= flag::PUNCT;
        }
        t.flags = flags;
        t.lower = hash_bytes(&self.buf);
        t.shape = hash_bytes(&self.shape);
        t.short_shape = hash_bytes(&self.short);
        // Affixes of the lower-cased form, by chars.
        let lw = std::str::from_utf8(&self.buf).unwrap_or("");
        let (mut pre, mut np) = ([0usize; 5], 0);
        for (i, _) in lw.char_indices().take(5) {
            pre[np] = i;
            np += 1;
        }
        let mut suf = [0usize; 4];
        for (j, (i, _)) in lw.char_indices().rev().take(4).enumerate() {
            suf[j] = i;
        }
        for k in 1..=4 {
            // Only affixes shorter than the word.
            if np > k {
                t.prefix[k - 1] = hash_str(&lw[..pre[k]]);
                t.suffix[k - 1] = hash_str(&lw[suf[k - 1]..]);
            }
        }
        t.key = if word.is_ascii() && digit == 0 {
            // Same bytes as the lower-cased buffer: skip the second pass.
            t.lower
        } else {
            key_hash(word, &mut self.buf)
        };
        t.cluster = clusters.map_or([NO_CLUSTER; CLUSTER_LEVELS], |c| {
            c.lookup(word, t.exact, t.key)
        });
        t
    }

    /// Facts about every word of a sentence, gazetteer matches included.
    pub fn sentence(
        &mut self,
        words: &[&str],
        clusters: Option<&WordClusters>,
        gazetteer: Option<&Gazetteer>,
        out: &mut Vec<TokInfo>,
    ) {
        out.clear();
        for w in words {
            let t = self.token(w, clusters);
            out.push(t);
        }
        if let Some(g) = gazetteer {
            g.annotate(words, out);
        }
    }
}

/// A feature from a template id and one value hash.
#[inline]
pub fn f1(template: u64, a: u64) -> u64 {
    combine(template, a)
}

/// A feature from a template id and two value hashes.
#[inline]
pub fn f2(template: u64, a: u64, b: u64) -> u64 {
    combine(combine(template, a), b)
}

/// Hash of a small integer value (labels, cluster ids, flags).
#[inline]
pub fn small(v: u64) -> u64 {
    fmix(v.wrapping_add(0x5bd1_e995))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_flags() {
        let mut f = Featurizer::default();
        let cases: &[(&str, &str, &str, u16)] = &[
            ("Moscow", "Xxxxxx", "Xx", flag::INIT_CAP),
            ("NATO", "XXXX", "X", flag::INIT_CAP | flag::ALL_CAPS),
            (
                "5.4",
                "d.d",
                "d.d",
                flag::HAS_DIGIT | flag::NUMBER | flag::PERIOD,
            ),
            ("al-Assad", "xx-Xxxxx", "x-Xx", flag::HYPHEN),
            ("said", "xxxx", "x", flag::LOWER),
            (",", ",", ",", flag::PUNCT),
        ];
        for (w, shape, short, flags) in cases {
            let t = f.token(w, None);
            assert_eq!(t.shape, hash_str(shape), "{w}");
            assert_eq!(t.short_shape, hash_str(short), "{w}");
            assert_eq!(t.flags & !flag::GIVEN, *flags, "{w}");
        }
        let a = f.token("Moscow", None);
        let b = f.token("MOSCOW", None);
        assert_eq!(a.key, b.key);
        assert_eq!(a.lower, b.lower);
        assert_ne!(a.exact, b.exact);
        assert_eq!(f.token("1996", None).lower, hash_str("0000"));
        assert_eq!(a.suffix[2], hash_str("cow"));
        assert_eq!(f.token("Niinistö", None).key, hash_str("niinisto"));
    }
}
