//! The extraction pipeline: document → tokens → sentences → (UPOS, parse) → mentions →
//! entities → relations.

use crate::error::Result;
use crate::kb::KnowledgeBase;
use crate::model::{Document, Extraction, SentenceSyntax};
use crate::nlp::lexicon::Lexicon;
use crate::nlp::mention_rules::MentionFinder;
use crate::nlp::tagger::{merge, TaggerModels};
use crate::nlp::{sentence, tokenize};
use crate::relate::verbs::VerbLexicon;
use crate::relate::{RelateInput, RelationExtractor};
use crate::resolve;
use std::path::PathBuf;

/// The trained recogniser a pipeline adds to the rules: what `kg build` was told (`--no-ner`,
/// `--models DIR`). A store keeps it (under [`Recogniser::SETTING`]), so that re-extracting
/// its documents later (an undo) uses the pipeline that built them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recogniser {
    /// The models built into kg (the default).
    BuiltIn,
    /// The models in a folder.
    Folder(PathBuf),
    /// None: the rules alone.
    Off,
}

impl Recogniser {
    /// The store setting that records the recogniser a store was built with.
    pub const SETTING: &'static str = "recogniser";

    /// As a store keeps it: `built-in`, `none`, or `folder:PATH`.
    pub fn to_setting(&self) -> String {
        match self {
            Recogniser::BuiltIn => "built-in".to_string(),
            Recogniser::Off => "none".to_string(),
            Recogniser::Folder(dir) => format!("folder:{}", dir.display()),
        }
    }

    /// Back from [`Recogniser::to_setting`]; `None` for a value this kg does not know.
    pub fn from_setting(value: &str) -> Option<Recogniser> {
        match value {
            "built-in" => Some(Recogniser::BuiltIn),
            "none" => Some(Recogniser::Off),
            _ => value
                .strip_prefix("folder:")
                .map(|dir| Recogniser::Folder(PathBuf::from(dir))),
        }
    }

    /// In words, with the `kg build` flag that chooses it, for messages.
    pub fn describe(&self) -> String {
        match self {
            Recogniser::BuiltIn => "the built-in recogniser".to_string(),
            Recogniser::Off => "the rules alone (--no-ner)".to_string(),
            Recogniser::Folder(dir) => format!("the models in {} (--models)", dir.display()),
        }
    }
}

/// The stages, set up once and applied to many documents.
pub struct Pipeline {
    kb: &'static KnowledgeBase,
    finder: MentionFinder,
    relations: RelationExtractor,
    /// The trained recogniser, when loaded: its spans are added where the rules found nothing.
    tagger: Option<TaggerModels>,
}

impl Default for Pipeline {
    fn default() -> Self {
        Pipeline::new()
    }
}

impl Pipeline {
    /// A pipeline over the knowledge base and lexicons built into the binary.
    pub fn new() -> Self {
        let kb = KnowledgeBase::embedded();
        let lex = Lexicon::embedded();
        Pipeline {
            kb,
            finder: MentionFinder::new(kb, lex),
            relations: RelationExtractor::new(kb, lex, VerbLexicon::embedded()),
            tagger: None,
        }
    }

    /// The pipeline `kg build` uses: the rules and, unless it is [`Recogniser::Off`], the
    /// recogniser's models. Every extraction of a store's documents (build, undo) comes from
    /// here, so that all of them go through the same stages.
    pub fn with_recogniser(recogniser: &Recogniser) -> Result<Self> {
        let pipeline = Pipeline::new();
        Ok(match recogniser {
            Recogniser::Off => pipeline,
            Recogniser::BuiltIn => pipeline.with_tagger(TaggerModels::embedded()?),
            Recogniser::Folder(dir) => pipeline.with_tagger(TaggerModels::load(dir)?),
        })
    }

    /// Adds the trained recogniser (see [`crate::nlp::tagger::merge`] for how its spans join
    /// the rule-based mentions).
    pub fn with_tagger(mut self, models: TaggerModels) -> Self {
        self.tagger = Some(models);
        self
    }

    /// Runs every stage on one document.
    pub fn extract(&self, document: Document) -> Extraction {
        let tokens = tokenize::tokenize(&document.text);
        let sentences = sentence::split_sentences(&document.text, &tokens);
        let mut mentions = self.finder.find(&document.text, &tokens, &sentences);
        let mut syntax = vec![SentenceSyntax::default(); sentences.len()];
        if let Some(t) = &self.tagger {
            let a = t.analyse(&document.text, &tokens, &sentences, true);
            mentions =
                merge::add_missing(&document.text, &sentences, mentions, &a.entities, self.kb);
            mentions = merge::repeat_names(&document.text, &tokens, &sentences, mentions);
            merge::bodies_read_as_people(&document.text, &tokens, &mut mentions, self.kb);
            merge::constituencies(&document.text, &tokens, &mut mentions, self.kb);
            syntax = a.syntax;
        }
        merge::kinds_named_before(&document.text, &tokens, &mut mentions, self.kb);
        merge::kinds_named_after(&document.text, &tokens, &sentences, &mut mentions);
        let resolution = resolve::resolve(&mentions, self.kb, document.date.as_deref());
        let relations = self.relations.extract(&RelateInput {
            text: &document.text,
            tokens: &tokens,
            sentences: &sentences,
            mentions: &mentions,
            resolution: &resolution,
            date: document.date.as_deref(),
            syntax: &syntax,
        });
        Extraction {
            document,
            tokens,
            sentences,
            mentions,
            entities: resolution.entities,
            relations,
            syntax,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DepRel;

    #[test]
    fn extraction_carries_the_parse_of_every_sentence() {
        let models = TaggerModels::embedded().expect("built-in models");
        let p = Pipeline::new().with_tagger(models);
        let text = "Putin met Erdogan in Ankara. They discussed Syria.";
        let ex = p.extract(Document::from_text("t.txt", text));
        assert_eq!(ex.syntax.len(), ex.sentences.len());
        assert_eq!(ex.syntax.len(), 2);
        for (s, syn) in ex.sentences.iter().zip(&ex.syntax) {
            assert_eq!(syn.upos.len(), s.tokens.len());
            assert_eq!(syn.heads.len(), s.tokens.len());
            assert_eq!(syn.deprels.len(), s.tokens.len());
            assert_eq!(syn.heads.iter().filter(|h| h.is_none()).count(), 1);
        }
        // "Putin met Erdogan": met is the root, Putin its subject.
        let first = &ex.syntax[0];
        assert_eq!(first.root(), Some(1));
        assert_eq!(first.dependents_with(1, "nsubj").collect::<Vec<_>>(), [0]);
        assert_eq!(first.deprel(1), Some(DepRel::ROOT));
    }

    #[test]
    fn a_recogniser_comes_back_from_its_setting() {
        for r in [
            Recogniser::BuiltIn,
            Recogniser::Off,
            Recogniser::Folder(PathBuf::from("/models/v2")),
        ] {
            assert_eq!(Recogniser::from_setting(&r.to_setting()), Some(r));
        }
        assert_eq!(Recogniser::from_setting("crf"), None);
    }

    #[test]
    fn rules_only_pipeline_has_empty_syntax_layers() {
        let ex = Pipeline::new().extract(Document::from_text("t.txt", "Putin met Erdogan."));
        assert_eq!(ex.syntax.len(), ex.sentences.len());
        assert!(ex
            .syntax
            .iter()
            .all(|s| !s.is_parsed() && s.upos.is_empty()));
    }
}
