//! Readers for the training corpora (CoNLL-2003 NER, CoNLL-U) and the CoNLL entity scorer.

use crate::error::{Error, Result};
use std::path::Path;

/// A sentence of a tagged corpus: words and one gold tag per word.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaggedSentence {
    /// The words, as in the file.
    pub words: Vec<String>,
    /// One tag per word (NER: IOB as in the file; POS: UPOS).
    pub tags: Vec<String>,
    /// CoNLL-U only: the head of each word (HEAD column: 1-based, 0 for the root); empty for
    /// CoNLL-2003, or when a head is not a number.
    pub heads: Vec<usize>,
    /// CoNLL-U only: each word's relation to its head (DEPREL column, subtype included).
    pub deprels: Vec<String>,
}

/// A document: its sentences in order (NER features look across the whole document).
pub type TaggedDocument = Vec<TaggedSentence>;

fn read(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Parses CoNLL-2003 text (`word ... TAG` per line, blank lines between sentences,
/// `-DOCSTART-` lines between documents).
pub fn parse_conll2003(text: &str) -> Vec<TaggedDocument> {
    let mut docs: Vec<TaggedDocument> = Vec::new();
    let mut doc: TaggedDocument = Vec::new();
    let mut sent = TaggedSentence::default();
    for line in text.lines() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.is_empty() || cols[0] == "-DOCSTART-" {
            if !sent.words.is_empty() {
                doc.push(std::mem::take(&mut sent));
            }
            if !cols.is_empty() && !doc.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            continue;
        }
        sent.words.push(cols[0].to_string());
        sent.tags.push(cols[cols.len() - 1].to_string());
    }
    if !sent.words.is_empty() {
        doc.push(sent);
    }
    if !doc.is_empty() {
        docs.push(doc);
    }
    docs
}

/// Reads a CoNLL-2003 file.
pub fn read_conll2003(path: &Path) -> Result<Vec<TaggedDocument>> {
    Ok(parse_conll2003(&read(path)?))
}

/// Parses CoNLL-U: syntactic words (not multiword ranges, not empty nodes) with their UPOS,
/// and their heads and relations when every word of the sentence has them.
pub fn parse_conllu(text: &str) -> Vec<TaggedSentence> {
    let mut out = Vec::new();
    let mut sent = TaggedSentence::default();
    let finish = |sent: &mut TaggedSentence, out: &mut Vec<TaggedSentence>| {
        if sent.heads.len() != sent.words.len() || sent.deprels.len() != sent.words.len() {
            sent.heads.clear();
            sent.deprels.clear();
        }
        out.push(std::mem::take(sent));
    };
    for line in text.lines() {
        if line.trim().is_empty() {
            if !sent.words.is_empty() {
                finish(&mut sent, &mut out);
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 4 || cols[0].contains('-') || cols[0].contains('.') {
            continue;
        }
        sent.words.push(cols[1].to_string());
        sent.tags.push(cols[3].to_string());
        if let (Some(h), Some(d)) = (cols.get(6).and_then(|h| h.parse().ok()), cols.get(7)) {
            sent.heads.push(h);
            sent.deprels.push(d.to_string());
        }
    }
    if !sent.words.is_empty() {
        finish(&mut sent, &mut out);
    }
    out
}

/// Reads a CoNLL-U file.
pub fn read_conllu(path: &Path) -> Result<Vec<TaggedSentence>> {
    Ok(parse_conllu(&read(path)?))
}

/// A chunk: (type, first token, end token exclusive).
pub type Chunk = (String, usize, usize);

fn split_tag(tag: &str) -> (&str, Option<&str>) {
    match tag.split_once('-') {
        Some((p, t)) if tag != "O" => (p, Some(t)),
        _ => ("O", None),
    }
}

/// Chunks of an IOB1/IOB2/BIOES tag sequence, by the conlleval start/end rules.
pub fn chunks(tags: &[String]) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut cur: Option<(String, usize)> = None;
    let (mut prev_p, mut prev_t) = ("O", None::<&str>);
    let o = String::from("O");
    for (i, tag) in tags.iter().chain(std::iter::once(&o)).enumerate() {
        let (p, t) = split_tag(tag);
        let end = cur.as_ref().is_some_and(|(ct, _)| {
            matches!(p, "B" | "O" | "S") || t != Some(ct.as_str()) || matches!(prev_p, "E" | "S")
        });
        let begin = matches!(p, "B" | "S")
            || (matches!(p, "I" | "E") && (t != prev_t || matches!(prev_p, "O" | "E" | "S")));
        if end {
            if let Some((ct, s)) = cur.take() {
                out.push((ct, s, i));
            }
        }
        if begin {
            if let Some(t) = t {
                cur = Some((t.to_string(), i));
            }
        }
        prev_p = p;
        prev_t = t;
    }
    out
}

/// Entity-level counts, overall and per type.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChunkScore {
    /// Per type: (correct, gold, predicted).
    pub by_type: std::collections::BTreeMap<String, (usize, usize, usize)>,
}

impl ChunkScore {
    /// Adds one sentence (or document segment).
    pub fn add(&mut self, gold: &[String], pred: &[String]) {
        let g = chunks(gold);
        let p = chunks(pred);
        for c in &g {
            self.by_type.entry(c.0.clone()).or_default().1 += 1;
        }
        for c in &p {
            self.by_type.entry(c.0.clone()).or_default().2 += 1;
            if g.contains(c) {
                self.by_type.entry(c.0.clone()).or_default().0 += 1;
            }
        }
    }

    /// Overall (correct, gold, predicted).
    pub fn overall(&self) -> (usize, usize, usize) {
        self.by_type
            .values()
            .fold((0, 0, 0), |a, v| (a.0 + v.0, a.1 + v.1, a.2 + v.2))
    }

    /// (precision, recall, F1) from counts, as fractions.
    pub fn prf((c, g, p): (usize, usize, usize)) -> (f64, f64, f64) {
        let pr = if p == 0 { 0.0 } else { c as f64 / p as f64 };
        let re = if g == 0 { 0.0 } else { c as f64 / g as f64 };
        let f = if pr + re == 0.0 {
            0.0
        } else {
            2.0 * pr * re / (pr + re)
        };
        (pr, re, f)
    }

    /// Overall F1 as a fraction.
    pub fn f1(&self) -> f64 {
        Self::prf(self.overall()).2
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn chunk_cases() {
        type Case<'a> = (&'a str, &'a [(&'a str, usize, usize)]);
        let cases: &[Case] = &[
            ("I-PER I-PER O I-LOC", &[("PER", 0, 2), ("LOC", 3, 4)]),
            ("I-PER B-PER", &[("PER", 0, 1), ("PER", 1, 2)]),
            ("B-ORG I-ORG I-LOC", &[("ORG", 0, 2), ("LOC", 2, 3)]),
            ("O I-MISC", &[("MISC", 1, 2)]),
            ("S-PER B-LOC E-LOC", &[("PER", 0, 1), ("LOC", 1, 3)]),
            ("O O", &[]),
        ];
        for (tags, want) in cases {
            let got = chunks(&t(tags));
            let want: Vec<Chunk> = want
                .iter()
                .map(|(a, b, c)| (a.to_string(), *b, *c))
                .collect();
            assert_eq!(got, want, "{tags}");
        }
    }

    #[test]
    fn parses_conll_documents() {
        let text = "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\n\nPeter NNP I-NP I-PER\n\n-DOCSTART- -X- O O\n\nX NN O O\n";
        let docs = parse_conll2003(text);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].len(), 2);
        assert_eq!(docs[0][0].tags, t("I-ORG O"));
    }

    #[test]
    fn conllu_skips_ranges_and_comments() {
        let text = "# text = don't\n1-2\tdon't\t_\t_\n1\tdo\tdo\tAUX\n2\tn't\tnot\tPART\n\n";
        let s = parse_conllu(text);
        assert_eq!(s[0].words, t("do n't"));
        assert_eq!(s[0].tags, t("AUX PART"));
        assert!(s[0].heads.is_empty(), "no HEAD column: no tree");
    }

    #[test]
    fn conllu_reads_heads_and_relations() {
        let text = "1-2\tIt's\t_\t_\t_\t_\t_\t_\t_\t_\n\
            1\tIt\tit\tPRON\t_\t_\t3\tnsubj\t_\t_\n\
            2\t's\tbe\tAUX\t_\t_\t3\tcop\t_\t_\n\
            3\tfine\tfine\tADJ\t_\t_\t0\troot\t_\t_\n\
            3.1\tx\tx\tX\t_\t_\t_\t_\t3:dep\t_\n\n";
        let s = parse_conllu(text);
        assert_eq!(s[0].words, t("It 's fine"));
        assert_eq!(s[0].heads, [3, 3, 0]);
        assert_eq!(s[0].deprels, t("nsubj cop root"));
    }
}
