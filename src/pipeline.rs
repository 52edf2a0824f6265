//! The extraction pipeline: document → tokens → sentences → mentions → entities → relations.

use crate::kb::KnowledgeBase;
use crate::model::{Document, Extraction};
use crate::nlp::lexicon::Lexicon;
use crate::nlp::ner::MentionFinder;
use crate::nlp::tagger::{merge, TaggerModels};
use crate::nlp::{sentence, tokenize};
use crate::relate::verbs::VerbLexicon;
use crate::relate::{RelateInput, RelationExtractor};
use crate::resolve;

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
        if let Some(t) = &self.tagger {
            let spans = t.entities(&document.text, &tokens, &sentences);
            mentions = merge::add_missing(&document.text, &sentences, mentions, &spans, self.kb);
        }
        let resolution = resolve::resolve(&mentions, self.kb, document.date.as_deref());
        let relations = self.relations.extract(&RelateInput {
            text: &document.text,
            tokens: &tokens,
            sentences: &sentences,
            mentions: &mentions,
            resolution: &resolution,
            date: document.date.as_deref(),
        });
        Extraction {
            document,
            tokens,
            sentences,
            mentions,
            entities: resolution.entities,
            relations,
        }
    }
}
