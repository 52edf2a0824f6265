//! The tags each word had in the POS training data (its ambiguity class: "that" → DET,
//! PRON, SCONJ), which the tagger reads as features: words of one class behave alike, and a
//! neighbour's class says more than a rare neighbour's spelling.

use super::hash::{key_hash, IdMap};
use crate::error::{Error, Result};

/// Word (folded: lower-cased, unaccented; the form [`super::token_info::TokInfo::key`] hashes)
/// → bitmask of tag ids (bit `t` for tag `t` of the tagger's labels).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TagDictionary {
    /// Entries in first-seen order, for writing.
    words: Vec<(String, u32)>,
    by_hash: IdMap<u32>,
}

impl TagDictionary {
    /// The tags of each word over `(word, tag id)` pairs (tag ids below 32).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, usize)>) -> TagDictionary {
        let mut d = TagDictionary::default();
        let mut at: IdMap<usize> = IdMap::default();
        let mut buf = Vec::new();
        for (word, tag) in pairs {
            let form = crate::text::fold(word);
            let h = key_hash(&form, &mut buf);
            let k = *at.entry(h).or_insert_with(|| {
                d.words.push((form, 0));
                d.words.len() - 1
            });
            d.words[k].1 |= 1 << tag;
        }
        d.index(&mut buf);
        d
    }

    fn index(&mut self, buf: &mut Vec<u8>) {
        self.by_hash = self
            .words
            .iter()
            .map(|(w, m)| (key_hash(w, buf), *m))
            .collect();
    }

    /// The tag mask of the word whose lower-form hash is `lower` (0: not in the dictionary).
    #[inline]
    pub fn mask(&self, lower: u64) -> u32 {
        self.by_hash.get(&lower).copied().unwrap_or(0)
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when no word is known.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The text format: `word<TAB>TAG,TAG` lines after a header of `#` lines without a tab
    /// (words may start with `#`), tags by name.
    pub fn to_text(&self, header: &str, labels: &[String]) -> String {
        let mut out = String::new();
        for line in header.lines() {
            out.push_str("# ");
            out.push_str(&line.replace('\t', " "));
            out.push('\n');
        }
        for (w, m) in &self.words {
            let tags: Vec<&str> = (0..labels.len())
                .filter(|t| m & (1 << t) != 0)
                .map(|t| labels[t].as_str())
                .collect();
            out.push_str(&format!("{w}\t{}\n", tags.join(",")));
        }
        out
    }

    /// Parses the text format against the tagger's `labels`; `name` is for errors.
    pub fn parse(text: &str, labels: &[String], name: &str) -> Result<TagDictionary> {
        let mut d = TagDictionary::default();
        for (n, line) in text.lines().enumerate() {
            if line.is_empty() || (line.starts_with('#') && !line.contains('\t')) {
                continue;
            }
            let bad = |what: String| Error::Data {
                file: name.to_string(),
                message: format!("line {}: {what}", n + 1),
            };
            let (word, tags) = line
                .split_once('\t')
                .ok_or_else(|| bad("expected a word, a tab and its tags".into()))?;
            let mut mask = 0u32;
            for tag in tags.split(',') {
                let t = labels
                    .iter()
                    .position(|l| l == tag)
                    .ok_or_else(|| bad(format!("tag {tag:?} is not one of the model's")))?;
                mask |= 1 << t;
            }
            d.words.push((word.to_string(), mask));
        }
        d.index(&mut Vec::new());
        Ok(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::tagger::features::Featurizer;

    #[test]
    fn counts_round_trips_and_matches_token_hashes() {
        let labels: Vec<String> = ["DET", "NUM", "PRON", "SCONJ"].map(String::from).into();
        let d = TagDictionary::from_pairs([
            ("that", 0),
            ("That", 2),
            ("that", 3),
            ("1996", 1),
            ("Ölkers", 2),
            ("#", 1),
        ]);
        assert_eq!(d.len(), 4, "casings share an entry");
        let mut fz = Featurizer::default();
        let mut mask = |w: &str, d: &TagDictionary| d.mask(fz.token(w, None).key);
        assert_eq!(mask("THAT", &d), 0b1101);
        assert_eq!(mask("1996", &d), 0b0010);
        assert_eq!(mask("2001", &d), 0);
        assert_eq!(mask("#", &d), 0b0010, "a word that looks like a comment");
        assert_eq!(mask("ölkers", &d), 0b0100);
        assert_eq!(mask("this", &d), 0);
        let text = d.to_text("from a test", &labels);
        assert!(
            text.starts_with("# from a test\nthat\tDET,PRON,SCONJ\n"),
            "{text}"
        );
        let back = TagDictionary::parse(&text, &labels, "t").expect("parse");
        assert_eq!(back, d);
        assert!(TagDictionary::parse("that\tVERB\n", &labels, "t").is_err());
        assert!(TagDictionary::parse("that DET\n", &labels, "t").is_err());
    }
}
