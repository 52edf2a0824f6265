//! Any bytes, as any format: the readers never panic, and what they return is non-blank text
//! without carriage returns.
#![no_main]

use kg::read::{read_str, Format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for format in [Format::Text, Format::Markdown, Format::Html, Format::Jsonl] {
        for doc in read_str("fuzz", &text, format).into_iter().flatten() {
            assert!(!doc.text.trim().is_empty());
            assert!(!doc.text.contains('\r'));
        }
    }
});
