//! `kg build`: read documents, extract, and write each one to the store in its own transaction.

use super::Outcome;
use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use kg::store::{Store, WriteOutcome};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files, folders (read recursively: .txt .md .html .htm .jsonl) or - for stdin.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    ner: super::NerArgs,
    /// Exit non-zero when any input fails, not only when none could be read.
    #[arg(long)]
    strict: bool,
}

/// The store key of a document: its file's absolute path, `#id` appended for JSONL records.
fn store_source(doc: &kg::Document) -> String {
    let (path, rest) = match doc.source.rsplit_once(':') {
        Some((p, line)) if line.chars().all(|c| c.is_ascii_digit()) && !line.is_empty() => {
            (p, Some(doc.name.as_str()))
        }
        _ => (doc.source.as_str(), None),
    };
    let base = if path == "-" {
        format!("stdin#{}", &kg::store::content_hash(&doc.text)[..16])
    } else {
        std::fs::canonicalize(path).map_or_else(|_| path.to_string(), |p| p.display().to_string())
    };
    match rest {
        Some(id) => format!("{base}#{id}"),
        None => base,
    }
}

pub fn run(db: &Path, args: Args, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let mut store = Store::open(db).with_context(|| format!("opening {}", db.display()))?;
    let pipeline = super::pipeline(&args.ner)?;
    let bar = if std::io::stderr().is_terminal() {
        let b = ProgressBar::new_spinner();
        b.set_style(
            ProgressStyle::with_template("{spinner} {pos} documents  {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        b
    } else {
        ProgressBar::hidden()
    };
    let (mut new, mut replaced, mut unchanged, mut failed) = (0usize, 0usize, 0usize, 0usize);
    let (mut entities, mut relations) = (0usize, 0usize);
    for doc in kg::read::read_inputs(&args.inputs) {
        let doc = match doc {
            Ok(d) => d,
            Err(e) => {
                bar.suspend(|| eprintln!("kg: {e}"));
                failed += 1;
                continue;
            }
        };
        for w in &doc.warnings {
            bar.suspend(|| eprintln!("kg: warning: {w}"));
        }
        let source = store_source(&doc);
        let hash = kg::store::content_hash(&doc.text);
        if store.check(&source, &hash)? == WriteOutcome::Unchanged {
            unchanged += 1;
            bar.inc(1);
            continue;
        }
        let name = doc.name.clone();
        let ex = pipeline.extract(doc);
        match store.write(&source, &ex) {
            Ok(WriteOutcome::New) => new += 1,
            Ok(WriteOutcome::Replaced) => replaced += 1,
            Ok(WriteOutcome::Unchanged) => unchanged += 1,
            Err(e) => {
                bar.suspend(|| eprintln!("kg: {name}: not stored: {e}"));
                failed += 1;
                continue;
            }
        }
        entities += ex.entities.len();
        relations += ex.relations.len();
        bar.set_message(name);
        bar.inc(1);
    }
    bar.finish_and_clear();
    let stats = store.stats()?;
    writeln!(
        out,
        "documents: {new} new, {replaced} replaced, {unchanged} unchanged, {failed} failed · extracted {entities} entities, {relations} relations · store: {} entities, {} relations · {:.2} s",
        stats.entities.values().sum::<i64>(),
        stats.relations.values().sum::<i64>(),
        started.elapsed().as_secs_f64()
    )?;
    if new + replaced > 0 {
        writeln!(
            out,
            "next: kg --db {} stats   ·   kg --db {} show NAME   ·   kg --db {} path A B",
            db.display(),
            db.display(),
            db.display()
        )?;
    }
    let processed = new + replaced + unchanged;
    if processed == 0 {
        anyhow::bail!("nothing could be processed ({failed} input(s) failed)");
    }
    if args.strict && failed > 0 {
        anyhow::bail!("{failed} input(s) failed (--strict)");
    }
    Ok(Outcome::Done)
}
