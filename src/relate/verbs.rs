//! The verb lexicon: which verbs (with which preposition) express which interaction.

use crate::error::{Error, Result};
use crate::model::RelationLabel;
use std::sync::OnceLock;

const VERBS_TSV: &str = include_str!("../../data/lexicon/verbs.tsv");

/// One lexicon line.
#[derive(Debug, Clone, PartialEq)]
pub struct VerbSense {
    /// Lemma, possibly two words ("hold talks").
    pub lemma: String,
    /// Preposition introducing the object; `None` for a direct object.
    pub prep: Option<String>,
    /// The interaction.
    pub label: RelationLabel,
    /// Base confidence.
    pub confidence: f32,
}

/// All senses, in file order.
#[derive(Debug)]
pub struct VerbLexicon {
    senses: Vec<VerbSense>,
}

impl VerbLexicon {
    /// The lexicon built into the binary.
    pub fn embedded() -> &'static VerbLexicon {
        static LEX: OnceLock<VerbLexicon> = OnceLock::new();
        LEX.get_or_init(|| {
            VerbLexicon::parse(VERBS_TSV)
                .unwrap_or_else(|e| panic!("embedded verbs.tsv is malformed: {e}"))
        })
    }

    /// Parses `lemma<TAB>prep<TAB>relation<TAB>confidence` lines.
    pub fn parse(text: &str) -> Result<VerbLexicon> {
        let mut senses = Vec::new();
        let bad = |n: usize, m: String| Error::Data {
            file: "verbs.tsv".into(),
            message: format!("line {n}: {m}"),
        };
        for (n, line) in text.lines().enumerate().map(|(i, l)| (i + 1, l.trim_end())) {
            if line.is_empty() || line.starts_with('#') || line.starts_with("lemma\t") {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 4 {
                return Err(bad(
                    n,
                    format!("expected 4 tab-separated columns, found {}", cols.len()),
                ));
            }
            let label = cols[2].parse::<RelationLabel>().map_err(|e| bad(n, e))?;
            let confidence = cols[3].parse::<f32>().map_err(|e| bad(n, e.to_string()))?;
            senses.push(VerbSense {
                lemma: cols[0].to_string(),
                prep: (cols[1] != "-").then(|| cols[1].to_string()),
                label,
                confidence,
            });
        }
        Ok(VerbLexicon { senses })
    }

    /// Senses of a lemma, in file order.
    pub fn senses<'a>(&'a self, lemma: &'a str) -> impl Iterator<Item = &'a VerbSense> + 'a {
        self.senses.iter().filter(move |s| s.lemma == lemma)
    }

    /// True when some sense starts with this (first) word.
    pub fn knows(&self, word: &str) -> bool {
        self.senses
            .iter()
            .any(|s| s.lemma.split(' ').next() == Some(word))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_parses_and_has_contract_cues() {
        let lex = VerbLexicon::embedded();
        let first = |l: &str| lex.senses(l).next().map(|s| s.label);
        assert_eq!(first("meet"), Some(RelationLabel::Met));
        assert_eq!(first("warn"), Some(RelationLabel::Warned));
        assert_eq!(first("deliver"), Some(RelationLabel::Communicated));
        assert!(lex.knows("hold"));
    }

    #[test]
    fn bad_lines_name_their_line() {
        let e = VerbLexicon::parse("meet\t-\tgreeted\t0.5\n").unwrap_err();
        assert!(e.to_string().contains("line 1"), "{e}");
    }
}
