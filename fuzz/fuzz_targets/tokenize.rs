//! Any string: tokens and sentences are ordered, non-overlapping spans on char boundaries.
#![no_main]

use kg::nlp::{sentence::split_sentences, tokenize::tokenize};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let tokens = tokenize(text);
    let mut end = 0;
    for t in &tokens {
        assert!(t.span.start >= end && t.span.start < t.span.end, "{t:?}");
        assert!(text.get(t.span.start..t.span.end).is_some(), "{t:?}");
        end = t.span.end;
    }
    for s in split_sentences(text, &tokens) {
        assert!(text.get(s.span.start..s.span.end).is_some(), "{s:?}");
        assert!(s.tokens.end <= tokens.len(), "{s:?}");
    }
});
