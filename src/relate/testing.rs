//! Test support for the relation rules: the two pipelines and a table checker.

use crate::model::{Document, Extraction};
use crate::nlp::tagger::TaggerModels;
use crate::pipeline::Pipeline;
use std::sync::OnceLock;

/// A triple by names: subject, label, object.
pub type Triple = (&'static str, &'static str, &'static str);
/// A construction: a text, the triples that must be found, the ones that must not.
pub type Case = (&'static str, &'static [Triple], &'static [Triple]);

/// The rules alone (no trained models).
pub fn rules(text: &str) -> Extraction {
    Pipeline::new().extract(Document::from_text("t.txt", text))
}

/// The pipeline `kg extract` runs: trained tagger, recogniser and parser.
pub fn trained(text: &str) -> Extraction {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE
        .get_or_init(|| {
            Pipeline::new().with_tagger(TaggerModels::embedded().expect("built-in models"))
        })
        .extract(Document::from_text("t.txt", text))
}

/// The relations of an extraction as "S -label-> O (rule)" lines, for failure messages.
pub fn listing(ex: &Extraction) -> Vec<String> {
    ex.relations
        .iter()
        .map(|r| {
            format!(
                "{} -{}-> {} ({}, {:.2})",
                ex.entities[r.subject].name,
                r.label,
                ex.entities[r.object].name,
                r.rule,
                r.confidence
            )
        })
        .collect()
}

/// True when the extraction holds the triple.
pub fn has(ex: &Extraction, (s, r, o): Triple) -> bool {
    ex.relations.iter().any(|x| {
        ex.entities[x.subject].name == s
            && x.label.to_string() == r
            && ex.entities[x.object].name == o
    })
}

/// Runs every case through `run` and asserts on what must and must not be found.
pub fn check(cases: &[Case], run: fn(&str) -> Extraction) {
    for (text, want, banned) in cases {
        let ex = run(text);
        for &t in *want {
            assert!(
                has(&ex, t),
                "{text}\n  missing {t:?}\n  got {:?}",
                listing(&ex)
            );
        }
        for &t in *banned {
            assert!(!has(&ex, t), "{text}\n  must not have {t:?}");
        }
    }
}
