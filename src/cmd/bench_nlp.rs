//! `kg bench nlp FILE...`: throughput of tokenize + sentence split + POS + NER on one core,
//! without and with the dependency parser, in the same run.
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
    beam: Option<usize>,
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
    let mut m = super::tagger_models(models.as_deref())?;
    if let Some(width) = beam {
        m.parser = m.parser.take().map(|p| p.with_beam(width));
    }
    let load_ms = load.elapsed().as_secs_f64() * 1000.0;
    // Both configurations in the same run, alternating by repeat, so that a change in the
    // machine's load hits both alike.
    let (mut tokens, mut entities, mut arcs) = (0usize, 0usize, 0usize);
    let (mut without, mut with) = (0f64, 0f64);
    for _ in 0..repeat.max(1) {
        for parse in [false, true] {
            let start = Instant::now();
            for text in &texts {
                let toks = tokenize::tokenize(text);
                let sents = sentence::split_sentences(text, &toks);
                let a = m.analyse(text, &toks, &sents, parse);
                if parse {
                    arcs += a.syntax.iter().map(|s| s.heads.len()).sum::<usize>();
                } else {
                    entities += a.entities.len();
                    tokens += toks.len();
                }
            }
            *(if parse { &mut with } else { &mut without }) += start.elapsed().as_secs_f64();
        }
    }
    let (rate, rate_parse) = (tokens as f64 / without, tokens as f64 / with);
    writeln!(
        out,
        "{} files, {:.2} MB × {}: {tokens} tokens, {entities} entities, one thread; model load {load_ms:.0} ms\n\
         tokenize + split + POS + NER:         {without:.2}s = {rate:.0} tokens/s\n\
         tokenize + split + POS + NER + parse: {with:.2}s = {rate_parse:.0} tokens/s \
         ({:.0}% of the rate without; {arcs} words parsed)",
        files.len(),
        bytes as f64 / 1e6,
        repeat.max(1),
        100.0 * rate_parse / rate
    )?;
    Ok(super::Outcome::Done)
}
