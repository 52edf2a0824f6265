//! `kg bench nlp FILE...`: throughput of tokenize + sentence split + POS + NER on one core.
//! (Wired as a subcommand of `kg bench`, see `bench.rs`.)

use kg::nlp::{sentence, tokenize};
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

/// Runs `kg bench nlp`.
pub fn run(
    paths: Vec<PathBuf>,
    models: Option<PathBuf>,
    repeat: usize,
    out: &mut impl Write,
) -> anyhow::Result<super::Outcome> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            for e in walkdir::WalkDir::new(&p).sort_by_file_name() {
                let e = e?;
                if e.file_type().is_file() {
                    files.push(e.into_path());
                }
            }
        } else {
            files.push(p);
        }
    }
    let mut texts = Vec::new();
    for f in &files {
        let bytes =
            std::fs::read(f).map_err(|e| anyhow::anyhow!("reading {}: {e}", f.display()))?;
        texts.push(String::from_utf8_lossy(&bytes).into_owned());
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let load = Instant::now();
    let m = super::tagger_models(models.as_deref())?;
    let load_ms = load.elapsed().as_secs_f64() * 1000.0;
    let (mut tokens, mut entities) = (0usize, 0usize);
    let start = Instant::now();
    for _ in 0..repeat.max(1) {
        for text in &texts {
            let toks = tokenize::tokenize(text);
            let sents = sentence::split_sentences(text, &toks);
            entities += m.entities(text, &toks, &sents).len();
            tokens += toks.len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    writeln!(
        out,
        "{} files, {:.2} MB × {}: {tokens} tokens, {entities} entities in {secs:.2}s = {:.0} tokens/s \
         (tokenize + split + POS + NER, one thread); model load {load_ms:.0} ms",
        files.len(),
        bytes as f64 / 1e6,
        repeat.max(1),
        tokens as f64 / secs
    )?;
    Ok(super::Outcome::Done)
}
