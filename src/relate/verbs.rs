//! The verb lexicon: which verbs (with which preposition) express which interaction.

use crate::error::{Error, Result};
use crate::model::RelationLabel;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

const VERBS_TSV: &str = include_str!("../../data/lexicon/verbs.tsv");
/// Derived from the CAMEO verb dictionary by `kg lexicon build` (see [`super::cameo`]).
const CAMEO_TSV: &str = include_str!("../../data/lexicon/cameo_verbs.tsv");
const ADJECTIVES_TSV: &str = include_str!("../../data/lexicon/predicate_adjectives.tsv");
const ACT_NOUNS_TSV: &str = include_str!("../../data/lexicon/act_nouns.tsv");

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
    /// CAMEO event code ("042"); the label's root code when the line gives none.
    pub cameo: String,
    /// True for senses derived from the CAMEO dictionary, false for hand-written ones.
    pub derived: bool,
}

/// All senses, in file order.
#[derive(Debug)]
pub struct VerbLexicon {
    senses: Vec<VerbSense>,
    /// Inflected forms the lexicon lists (irregular ones: "sought" → "seek").
    forms: HashMap<String, String>,
    /// Sense indexes by lemma, in file order: the extractor asks once per token.
    by_lemma: HashMap<String, Vec<usize>>,
    /// First words of every lemma.
    first_words: HashSet<String>,
}

impl VerbLexicon {
    /// The lexicon built into the binary.
    pub fn embedded() -> &'static VerbLexicon {
        static LEX: OnceLock<VerbLexicon> = OnceLock::new();
        LEX.get_or_init(|| {
            // Hand-written senses come first, so they win over derived ones.
            let mut lex = VerbLexicon::parse(VERBS_TSV)
                .unwrap_or_else(|e| panic!("embedded verbs.tsv is malformed: {e}"));
            let mut derived = VerbLexicon::parse(CAMEO_TSV)
                .unwrap_or_else(|e| panic!("embedded cameo_verbs.tsv is malformed: {e}"));
            for s in &mut derived.senses {
                s.derived = true;
            }
            lex.extend(derived);
            lex
        })
    }

    /// Predicate adjectives ("opposed to", "critical of"), in the same shape as verbs.
    pub fn predicate_adjectives() -> &'static VerbLexicon {
        static LEX: OnceLock<VerbLexicon> = OnceLock::new();
        LEX.get_or_init(|| {
            VerbLexicon::parse(ADJECTIVES_TSV)
                .unwrap_or_else(|e| panic!("embedded predicate_adjectives.tsv is malformed: {e}"))
        })
    }

    /// Act nouns ("criticism of", "sanctions against"), in the same shape as verbs.
    pub fn act_nouns() -> &'static VerbLexicon {
        static LEX: OnceLock<VerbLexicon> = OnceLock::new();
        LEX.get_or_init(|| {
            VerbLexicon::parse(ACT_NOUNS_TSV)
                .unwrap_or_else(|e| panic!("embedded act_nouns.tsv is malformed: {e}"))
        })
    }

    /// Parses `lemma<TAB>prep<TAB>relation<TAB>confidence[<TAB>cameo[<TAB>forms]]` lines
    /// (`forms`: space-separated inflections).
    pub fn parse(text: &str) -> Result<VerbLexicon> {
        let mut senses = Vec::new();
        let mut forms = HashMap::new();
        let bad = |n: usize, m: String| Error::Data {
            file: "verbs.tsv".into(),
            message: format!("line {n}: {m}"),
        };
        for (n, line) in text.lines().enumerate().map(|(i, l)| (i + 1, l.trim_end())) {
            if line.is_empty() || line.starts_with('#') || line.starts_with("lemma\t") {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if !(4..=6).contains(&cols.len()) {
                return Err(bad(
                    n,
                    format!(
                        "expected 4 to 6 tab-separated columns, found {}",
                        cols.len()
                    ),
                ));
            }
            let label = cols[2].parse::<RelationLabel>().map_err(|e| bad(n, e))?;
            let confidence = cols[3].parse::<f32>().map_err(|e| bad(n, e.to_string()))?;
            let cameo = match cols.get(4).filter(|c| !c.is_empty() && **c != "-") {
                Some(c) if c.chars().all(|ch| ch.is_ascii_digit()) => c.to_string(),
                Some(c) => return Err(bad(n, format!("CAMEO code {c:?} is not a number"))),
                None => label.cameo().unwrap_or("").chars().take(2).collect(),
            };
            for f in cols.get(5).map_or("", |f| *f).split_whitespace() {
                forms
                    .entry(f.to_string())
                    .or_insert_with(|| cols[0].to_string());
            }
            senses.push(VerbSense {
                lemma: cols[0].to_string(),
                prep: (cols[1] != "-").then(|| cols[1].to_string()),
                label,
                confidence,
                cameo,
                derived: false,
            });
        }
        let mut lex = VerbLexicon {
            senses,
            forms,
            by_lemma: HashMap::new(),
            first_words: HashSet::new(),
        };
        lex.index();
        Ok(lex)
    }

    fn index(&mut self) {
        self.by_lemma.clear();
        self.first_words.clear();
        for (i, s) in self.senses.iter().enumerate() {
            self.by_lemma.entry(s.lemma.clone()).or_default().push(i);
            if let Some(w) = s.lemma.split(' ').next() {
                self.first_words.insert(w.to_string());
            }
        }
    }

    /// Number of senses.
    pub fn len(&self) -> usize {
        self.senses.len()
    }

    /// True when there is no sense.
    pub fn is_empty(&self) -> bool {
        self.senses.is_empty()
    }

    /// Appends another lexicon's senses after this one's, except those of lemmas this one
    /// already has: a hand-written lemma keeps exactly the senses written for it.
    pub fn extend(&mut self, other: VerbLexicon) {
        let known: HashSet<String> = self.by_lemma.keys().cloned().collect();
        self.senses.extend(
            other
                .senses
                .into_iter()
                .filter(|s| !known.contains(&s.lemma)),
        );
        for (f, l) in other.forms {
            self.forms.entry(f).or_insert(l);
        }
        self.index();
    }

    /// The lemma of an inflected form the lexicon lists ("sought" → "seek").
    pub fn lemma_of_form(&self, form: &str) -> Option<&str> {
        self.forms.get(form).map(String::as_str)
    }

    /// Senses of a lemma, in file order.
    pub fn senses<'a>(&'a self, lemma: &str) -> impl Iterator<Item = &'a VerbSense> + 'a {
        self.by_lemma
            .get(lemma)
            .into_iter()
            .flatten()
            .map(|&i| &self.senses[i])
    }

    /// True when some sense starts with this (first) word.
    pub fn knows(&self, word: &str) -> bool {
        self.first_words.contains(word)
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
        let adjectives = VerbLexicon::predicate_adjectives();
        let sense = adjectives
            .senses("critical")
            .next()
            .map(|s| (s.label, s.prep.clone()));
        assert_eq!(sense, Some((RelationLabel::Criticized, Some("of".into()))));
    }

    #[test]
    fn hand_written_lemmas_shadow_derived_senses() {
        let mut lex = VerbLexicon::parse("hail\t-\tsupported\t0.7\n").unwrap();
        let derived = VerbLexicon::parse(
            "hail\tfor\thosted\t0.5\t043\nrebuke\t-\tcriticized\t0.5\t111\trebuked\n",
        )
        .unwrap();
        lex.extend(derived);
        let labels: Vec<RelationLabel> = lex.senses("hail").map(|s| s.label).collect();
        assert_eq!(labels, [RelationLabel::Supported]);
        assert_eq!(lex.lemma_of_form("rebuked"), Some("rebuke"));
        assert_eq!(
            lex.senses("rebuke").next().map(|s| s.cameo.as_str()),
            Some("111")
        );
    }

    #[test]
    fn bad_lines_name_their_line() {
        let e = VerbLexicon::parse("meet\t-\tgreeted\t0.5\n").unwrap_err();
        assert!(e.to_string().contains("line 1"), "{e}");
    }
}
