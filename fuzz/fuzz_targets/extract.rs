//! Any string through the whole pipeline: no panic, and every mention and evidence span slices
//! the text to exactly what the extraction says.
#![no_main]

use kg::pipeline::Pipeline;
use kg::Document;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static PIPELINE: OnceLock<Pipeline> = OnceLock::new();

fuzz_target!(|text: &str| {
    let pipeline = PIPELINE.get_or_init(Pipeline::new);
    let ex = pipeline.extract(Document::from_text("fuzz", text));
    for m in &ex.mentions {
        assert!(text.get(m.span.start..m.span.end).is_some(), "{m:?}");
    }
    for r in &ex.relations {
        assert_eq!(text.get(r.evidence.span.start..r.evidence.span.end), Some(r.evidence.text.as_str()), "{r:?}");
        assert!(r.subject < ex.entities.len() && r.object < ex.entities.len());
    }
});
