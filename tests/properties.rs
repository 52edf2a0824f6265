//! Property tests over arbitrary text: spans on char boundaries, no panics, stored evidence
//! offsets that slice the stored text. Case counts are bounded for CI; raise them locally with
//! `PROPTEST_CASES=5000 cargo test --release --test properties`.
//! (Kept here rather than next to the tokenizer while `src/nlp` is being rewritten in parallel.)

use kg::nlp::{sentence::split_sentences, tokenize::tokenize};
use kg::pipeline::Pipeline;
use kg::store::Store;
use kg::Document;
use proptest::prelude::*;
use std::sync::OnceLock;

/// The pipeline as `kg build` runs it: rules plus the built-in trained recogniser.
fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| {
        let models = kg::nlp::tagger::TaggerModels::embedded().expect("built-in models");
        Pipeline::new().with_tagger(models)
    })
}

fn cases(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    // CI runs one fixed sample, so a green run stays green; elsewhere every run draws anew
    // (set PROPTEST_RNG_SEED to replay one).
    let rng_seed = if std::env::var("CI").as_deref() == Ok("true") {
        proptest::test_runner::RngSeed::Fixed(0x6b67_2026)
    } else {
        ProptestConfig::default().rng_seed
    };
    ProptestConfig {
        cases,
        failure_persistence: None,
        rng_seed,
        ..ProptestConfig::default()
    }
}

/// News-like text with hostile pieces: names, verbs and titles the rules react to, next to
/// punctuation, quotes, multi-byte and control characters, and arbitrary strings.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => prop::sample::select(vec![
            "Vladimir Putin", "Putin", "President", "Russian", "Russia", "met", "criticized",
            "said", "visited", "Foreign Minister", "Sergey Lavrov", "Emmanuel Macron", "France",
            "the", "and", "of", "in", "Moscow", "Paris", "NATO", "U.S.", "he", "his", "'s",
        ]).prop_map(str::to_string),
        2 => prop::sample::select(vec![
            " ", " ", ", ", ". ", "\n", "\n\n", "\"", "“", "”", "(", ")", "-", "—", "é", "\u{202E}",
            "\u{0}", "\t", "\\", "<", "&", "’", ":", ";", "?", "!", "...", "1,000", "5.4",
        ]).prop_map(str::to_string),
        1 => any::<String>(),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn any_string_tokenizes_on_char_boundaries(text in prop_oneof![any::<String>(), newsy()]) {
        let tokens = tokenize(&text);
        let mut end = 0;
        for t in &tokens {
            prop_assert!(t.span.start >= end && t.span.start < t.span.end, "{:?}", t);
            prop_assert!(text.get(t.span.start..t.span.end).is_some(), "{:?}", t);
            end = t.span.end;
        }
        for s in split_sentences(&text, &tokens) {
            prop_assert!(text.get(s.span.start..s.span.end).is_some(), "{:?}", s);
            prop_assert!(s.tokens.end <= tokens.len());
        }
    }
}

proptest! {
    #![proptest_config(cases(128))]

    #[test]
    fn the_pipeline_never_panics_and_spans_slice_the_text(text in prop_oneof![any::<String>(), newsy()]) {
        let ex = pipeline().extract(Document::from_text("p", text.clone()));
        for m in &ex.mentions {
            prop_assert!(text.get(m.span.start..m.span.end).is_some(), "{:?}", m);
        }
        for r in &ex.relations {
            prop_assert_eq!(text.get(r.evidence.span.start..r.evidence.span.end), Some(r.evidence.text.as_str()));
            prop_assert!(r.subject < ex.entities.len() && r.object < ex.entities.len());
        }
    }
}

proptest! {
    #![proptest_config(cases(24))]

    #[test]
    fn stored_evidence_offsets_slice_the_stored_text(texts in prop::collection::vec(newsy(), 1..6)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kg.db");
        let mut store = Store::open(&path).unwrap();
        for (i, text) in texts.iter().enumerate() {
            if text.trim().is_empty() {
                continue;
            }
            let ex = pipeline().extract(Document::from_text(format!("d{i}"), text.clone()));
            store.write(&format!("src{i}"), &ex).unwrap();
        }
        drop(store);
        let conn = rusqlite::Connection::open(&path).unwrap();
        let mut st = conn.prepare(
            "SELECT d.text, r.evidence, r.evidence_start, r.evidence_end FROM relations r JOIN documents d ON d.id = r.document_id",
        ).unwrap();
        let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?, r.get::<_, i64>(3)?))).unwrap();
        for row in rows {
            let (text, evidence, start, end) = row.unwrap();
            prop_assert_eq!(text.get(start as usize..end as usize), Some(evidence.as_str()));
        }
        let mut st = conn.prepare(
            "SELECT d.text, m.text, m.start, m.end FROM mentions m JOIN documents d ON d.id = m.document_id",
        ).unwrap();
        let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?, r.get::<_, i64>(3)?))).unwrap();
        for row in rows {
            let (text, _, start, end) = row.unwrap();
            prop_assert!(text.get(start as usize..end as usize).is_some());
        }
    }
}
