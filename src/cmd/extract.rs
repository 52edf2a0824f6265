//! `kg extract`: run the pipeline and print, without a store.

use super::Outcome;
use anyhow::Context;
use kg::export::contract::ContractRecord;
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files, folders (recursive) or - for stdin.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    ner: super::NerArgs,
    /// jsonl: one CONTRACT.md record per document; text: a readable listing.
    #[arg(long, value_enum, default_value = "jsonl")]
    format: ExtractFormat,
    /// With --format text: also list every sentence with its mentions.
    #[arg(long)]
    verbose: bool,
    /// Skip documents with more text than this (megabytes), as `kg build` does: an input too
    /// big to hold one is refused without being read.
    #[arg(long, default_value_t = 8.0)]
    max_document_mb: f64,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum ExtractFormat {
    Jsonl,
    Text,
}

pub fn run(args: Args, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let max_bytes = super::max_document_bytes(args.max_document_mb)?;
    let pipeline = super::pipeline(
        &args
            .ner
            .recogniser()
            .unwrap_or(kg::pipeline::Recogniser::BuiltIn),
    )?;
    let (mut ok, mut failed) = (0usize, 0usize);
    for doc in kg::read::read_inputs(&args.inputs).max_document_bytes(max_bytes) {
        let doc = match doc {
            Ok(d) if d.text.len() > max_bytes => {
                super::say(format_args!(
                    "skipped {}: too large ({:.1} MB of text, the limit is {:.1} MB; see --max-document-mb)",
                    d.source,
                    d.text.len() as f64 / 1e6,
                    max_bytes as f64 / 1e6
                ));
                failed += 1;
                continue;
            }
            Ok(d) => d,
            Err(e) => {
                super::say(e);
                failed += 1;
                continue;
            }
        };
        for w in &doc.warnings {
            super::say(format_args!("warning: {w}"));
        }
        let ex = pipeline.extract(doc);
        match args.format {
            ExtractFormat::Jsonl => {
                serde_json::to_writer(&mut *out, &ContractRecord::new(&ex))
                    .context("writing JSON")?;
                writeln!(out)?;
            }
            ExtractFormat::Text => {
                // Names and sentences come from untrusted input: no control character reaches the terminal.
                let out = &mut kg::text::EscapingWriter::new(&mut *out);
                writeln!(out, "== {}", ex.document.name)?;
                if args.verbose {
                    for (si, s) in ex.sentences.iter().enumerate() {
                        let ms: Vec<String> = ex
                            .mentions
                            .iter()
                            .filter(|m| m.sentence == si)
                            .map(|m| format!("[{} {}]", m.text, m.kind.as_str()))
                            .collect();
                        writeln!(
                            out,
                            "  s{si}: {}\n      {}",
                            super::clip(s.span.slice(&ex.document.text), 200),
                            ms.join(" ")
                        )?;
                    }
                }
                for e in &ex.entities {
                    writeln!(
                        out,
                        "  {:<13} {}  [{}]",
                        e.kind.as_str(),
                        e.name,
                        e.aliases.join(" | ")
                    )?;
                }
                for r in &ex.relations {
                    writeln!(
                        out,
                        "  {} -{}-> {}  ({}; {:.2})\n      {}",
                        ex.entities[r.subject].name,
                        r.label,
                        ex.entities[r.object].name,
                        r.predicate,
                        r.confidence,
                        super::clip(&r.evidence.text, 160)
                    )?;
                }
            }
        }
        ok += 1;
    }
    if ok == 0 {
        anyhow::bail!("no document could be read ({failed} failed)");
    }
    Ok(Outcome::Done)
}
