//! The extraction pipeline: document → tokens → sentences → (UPOS, parse) → mentions →
//! entities → relations.

use crate::kb::KnowledgeBase;
use crate::model::{Document, Extraction, SentenceSyntax};
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
        let mut syntax = vec![SentenceSyntax::default(); sentences.len()];
        if let Some(t) = &self.tagger {
            let a = t.analyse(&document.text, &tokens, &sentences, true);
            mentions =
                merge::add_missing(&document.text, &sentences, mentions, &a.entities, self.kb);
            mentions = merge::repeat_names(&document.text, &tokens, &sentences, mentions);
            syntax = a.syntax;
        }
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
    fn rules_only_pipeline_has_empty_syntax_layers() {
        let ex = Pipeline::new().extract(Document::from_text("t.txt", "Putin met Erdogan."));
        assert_eq!(ex.syntax.len(), ex.sentences.len());
        assert!(ex
            .syntax
            .iter()
            .all(|s| !s.is_parsed() && s.upos.is_empty()));
    }
}
