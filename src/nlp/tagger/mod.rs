//! Trained taggers in pure Rust: a UPOS tagger and a CoNLL-style named-entity recogniser,
//! both greedy averaged perceptrons over hashed features, plus the word clusters and
//! gazetteer features they use. Models are files in `data/models/` (see its README), built by
//! `kg train pos|ner|clusters` through the training code in `train/`, kept apart from the models.

// Taggers walk several parallel arrays (tokens, gold labels, predictions) by position; index
// loops say that more plainly than zipped iterators.
#![allow(clippy::needless_range_loop)]

pub mod clusters;
pub mod conll;
pub mod features;
pub mod gazetteer;
pub mod hash;
pub mod merge;
pub mod perceptron;
pub mod pos;
pub mod recogniser;
pub mod tag_dictionary;
pub mod token_info;
pub mod train;

use crate::error::Result;
use crate::kb::KnowledgeBase;
use crate::model::{Sentence, SentenceSyntax, Span, Token, Upos};
use crate::nlp::parse::{ParseScratch, Parser, PARSE_FILE};
use std::path::{Path, PathBuf};

pub use clusters::WordClusters;
pub use gazetteer::Gazetteer;
pub use perceptron::Perceptron;
pub use pos::PosTagger;
pub use recogniser::{NerTagger, Resources};

/// File names inside a models folder.
pub const POS_FILE: &str = "pos.bin";
/// The NER model file.
pub const NER_FILE: &str = "ner.bin";
/// The word clusters file.
pub const CLUSTERS_FILE: &str = "clusters.tsv";

/// The models folder of this source tree (`data/models`).
pub fn default_models_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join("models")
}

/// A small deterministic generator (xorshift64*) for shuffling training data.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (0 is remapped).
    pub fn new(seed: u64) -> Rng {
        Rng(hash::fmix(seed ^ 0x9E37_79B9_7F4A_7C15).max(1))
    }
    /// Next value.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Fisher–Yates shuffle.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// The trained models together: POS tagger, recogniser, parser and what they consult.
pub struct TaggerModels {
    /// The recogniser.
    pub ner: NerTagger,
    /// Clusters, gazetteer, POS tagger.
    pub resources: Resources,
    /// The dependency parser, when loaded.
    pub parser: Option<Parser>,
    /// The UPOS tag of each POS model label id.
    upos_of: Vec<Upos>,
}

/// What the trained models say about one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Analysis {
    /// Entity spans found by the recogniser.
    pub entities: Vec<NerSpan>,
    /// Per sentence: UPOS tags and, when parsed, the dependency tree.
    pub syntax: Vec<SentenceSyntax>,
}

/// One entity found by the recogniser in raw text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NerSpan {
    /// Byte span in the text.
    pub span: Span,
    /// Token indexes.
    pub tokens: std::ops::Range<usize>,
    /// CoNLL type: "PER", "LOC", "ORG" or "MISC".
    pub label: &'static str,
}

impl TaggerModels {
    /// Loads `pos.bin`, `ner.bin` (and `ner.stage1.bin`) and `clusters.tsv` from `dir`, with
    /// the embedded knowledge base as gazetteer.
    pub fn load(dir: &Path) -> Result<TaggerModels> {
        let pos = PosTagger::load(&dir.join(POS_FILE))?;
        let ner = NerTagger::load(&dir.join(NER_FILE))?;
        let clusters = WordClusters::load(&dir.join(CLUSTERS_FILE))?;
        let parse_path = dir.join(PARSE_FILE);
        let parser = if parse_path.exists() {
            Some(Parser::load(&parse_path)?)
        } else {
            None
        };
        Ok(TaggerModels::from_parts(pos, ner, clusters, parser))
    }

    /// The models of `data/models` as they were when this binary was built: kg is one file
    /// that runs from any folder.
    pub fn embedded() -> Result<TaggerModels> {
        const POS: &[u8] = include_bytes!("../../../data/models/pos.bin");
        const POS_TAGS: &str = include_str!("../../../data/models/pos.tags.tsv");
        const NER: &[u8] = include_bytes!("../../../data/models/ner.bin");
        const NER_FIRST: &[u8] = include_bytes!("../../../data/models/ner.stage1.bin");
        const CLUSTERS: &str = include_str!("../../../data/models/clusters.tsv");
        const PARSE: &[u8] = include_bytes!("../../../data/models/parse.bin");
        let name = |f: &str| format!("(built-in) data/models/{f}");
        let pos = PosTagger::from_parts(
            Perceptron::from_bytes(POS, &name(POS_FILE))?,
            Some(POS_TAGS),
            &name(POS_FILE),
            &name(pos::TAGS_FILE),
        )?;
        let first_name = name("ner.stage1.bin");
        let ner = NerTagger::from_models(
            Perceptron::from_bytes(NER, &name(NER_FILE))?,
            Some(Perceptron::from_bytes(NER_FIRST, &first_name)?),
            &name(NER_FILE),
            &first_name,
        )?;
        let clusters = WordClusters::parse(CLUSTERS, &name(CLUSTERS_FILE))?;
        let parser = Some(Parser::from_bytes(PARSE, &name(PARSE_FILE))?);
        Ok(TaggerModels::from_parts(pos, ner, clusters, parser))
    }

    fn from_parts(
        pos: PosTagger,
        ner: NerTagger,
        clusters: WordClusters,
        parser: Option<Parser>,
    ) -> TaggerModels {
        let upos_of = pos
            .labels()
            .iter()
            .map(|l| l.parse().unwrap_or(Upos::X))
            .collect();
        TaggerModels {
            ner,
            resources: Resources {
                clusters: Some(clusters),
                gazetteer: Some(Gazetteer::from_kb(KnowledgeBase::embedded())),
                pos: Some(pos),
            },
            parser,
            upos_of,
        }
    }

    /// Entity spans in a tokenized, sentence-split text (one document).
    pub fn entities(&self, text: &str, tokens: &[Token], sentences: &[Sentence]) -> Vec<NerSpan> {
        self.analyse(text, tokens, sentences, false).entities
    }

    /// Tags every sentence once with UPOS, then finds entities with those tags and, when
    /// `parse` is set and a parser is loaded, parses each sentence with them.
    pub fn analyse(
        &self,
        text: &str,
        tokens: &[Token],
        sentences: &[Sentence],
        parse: bool,
    ) -> Analysis {
        let sents: Vec<Vec<&str>> = sentences
            .iter()
            .map(|s| {
                tokens[s.tokens.clone()]
                    .iter()
                    .map(|t| t.span.slice(text))
                    .collect()
            })
            .collect();
        let mut fz = features::Featurizer::default();
        let clusters = self.resources.clusters.as_ref();
        let mut scratch = pos::PosScratch::default();
        let (mut toks, mut tags) = (
            Vec::with_capacity(sents.len()),
            Vec::with_capacity(sents.len()),
        );
        for words in &sents {
            let (mut t, mut y) = (Vec::new(), Vec::new());
            fz.sentence(words, clusters, None, &mut t);
            if let Some(tagger) = &self.resources.pos {
                tagger.tag(&t, &mut scratch, &mut y);
            }
            toks.push(t);
            tags.push(y);
        }
        let mut pre = recogniser::Tagged {
            toks: &mut toks,
            pos: &tags,
        };
        let labels = self
            .ner
            .tag_document_with(&sents, Some(&mut pre), &self.resources);
        let mut ps = ParseScratch::default();
        let syntax = toks
            .iter()
            .zip(&tags)
            .map(|(t, y)| {
                let upos: Vec<Upos> = y
                    .iter()
                    .map(|&k| self.upos_of.get(k as usize).copied().unwrap_or(Upos::X))
                    .collect();
                match &self.parser {
                    Some(p) if parse && upos.len() == t.len() => p.parse(t, &upos, &mut ps),
                    _ => SentenceSyntax {
                        upos,
                        ..SentenceSyntax::default()
                    },
                }
            })
            .collect();
        Analysis {
            entities: self.spans(tokens, sentences, &labels),
            syntax,
        }
    }

    fn spans(&self, tokens: &[Token], sentences: &[Sentence], labels: &[Vec<u8>]) -> Vec<NerSpan> {
        let mut out = Vec::new();
        for (s, y) in sentences.iter().zip(labels) {
            for (a, b, t) in recogniser::spans(y) {
                let (ta, tb) = (s.tokens.start + a, s.tokens.start + b);
                out.push(NerSpan {
                    span: Span::new(tokens[ta].span.start, tokens[tb - 1].span.end),
                    tokens: ta..tb,
                    label: recogniser::TYPES[t],
                });
            }
        }
        out
    }
}

/// The shared corpora folder for tests: `None` (with a printed reason) when absent, a panic
/// under `CI=true`, where it must be present.
#[cfg(test)]
pub(crate) fn test_corpora() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    if dir.join("conll2003/train.txt").exists() {
        return Some(dir);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "CI=true but {} is missing",
        dir.display()
    );
    crate::testing::skip(&format!("{} not present", dir.display()));
    None
}
