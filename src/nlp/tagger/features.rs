//! Per-token facts computed once (hashes of the word, its shape, affixes, cluster, gazetteer
//! matches), from which the POS and NER feature templates are assembled.

use super::clusters::WordClusters;
use super::gazetteer::Gazetteer;
use super::hash::{combine, fmix, hash_bytes, hash_str, key_hash};
use super::token_info::{flag, TokInfo, CLUSTER_LEVELS, NO_CLUSTER};

/// Computes [`TokInfo`]s, reusing its buffers.
#[derive(Default)]
pub struct Featurizer {
    buf: Vec<u8>,
    shape: Vec<u8>,
    short: Vec<u8>,
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
