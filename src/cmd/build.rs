//! `kg build`: read documents, extract them on every core, write them to the store in batches
//! of whole documents; Ctrl-C stops after the current batch.

use super::Outcome;
use indicatif::{ProgressBar, ProgressStyle};
use kg::ingest::{BuildOptions, BuildReport, Event};
use kg::pipeline::Recogniser;
use kg::store::Store;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files, folders (read recursively: .txt .md .html .htm .jsonl) or - for stdin.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    ner: super::NerArgs,
    /// Exit non-zero when any input fails, not only when none could be read. The documents
    /// that could be read are stored all the same (a rerun skips them).
    #[arg(long)]
    strict: bool,
    /// Extraction threads (default: one per core).
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
    /// Skip documents with more text than this (megabytes).
    #[arg(long, default_value_t = 8.0)]
    max_document_mb: f64,
    /// Documents per transaction at most.
    #[arg(long, default_value_t = 64, hide = true)]
    batch_documents: usize,
}

/// Set by Ctrl-C; a second Ctrl-C exits at once (the store stays consistent either way).
fn interrupt_flag() -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    let handler_flag = Arc::clone(&flag);
    let installed = ctrlc::set_handler(move || {
        if handler_flag.swap(true, Ordering::SeqCst) {
            eprintln!("kg: interrupted again; stopping now (uncommitted documents are dropped)");
            std::process::exit(130);
        }
        eprintln!("kg: interrupt: finishing the current batch (Ctrl-C again to stop now)");
    });
    if let Err(e) = installed {
        eprintln!("kg: warning: Ctrl-C will not stop cleanly: {e}");
    }
    flag
}

pub fn run(db: &Path, args: Args, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let interrupted = interrupt_flag();
    let max_document_bytes = super::max_document_bytes(args.max_document_mb)?;
    // Checked before the store is created: a typo must not leave an empty store behind.
    if let Some(missing) = args
        .inputs
        .iter()
        .find(|p| p.as_os_str() != "-" && !p.exists())
        .filter(|_| {
            args.inputs
                .iter()
                .all(|p| p.as_os_str() != "-" && !p.exists())
        })
    {
        anyhow::bail!("{} does not exist (nothing to build)", missing.display());
    }
    let mut store = Store::open(db).map_err(super::opening(db))?;
    let recogniser = args.ner.recogniser().unwrap_or(Recogniser::BuiltIn);
    let pipeline = super::pipeline(&recogniser)?;
    // Kept with the store, so that an undo re-extracts with what built it.
    let recorded = store.setting(Recogniser::SETTING)?;
    if let Some(before) = recorded
        .as_deref()
        .filter(|&v| v != recogniser.to_setting())
    {
        let before = Recogniser::from_setting(before).map_or(before.to_string(), |r| r.describe());
        eprintln!(
            "kg: warning: the store was built with {before} and this build uses {}: documents stored before keep their extraction (build into a new --db to have one pipeline throughout)",
            recogniser.describe()
        );
    }
    store.set_setting(Recogniser::SETTING, &recogniser.to_setting())?;
    let mut options = args
        .jobs
        .map_or_else(BuildOptions::default, BuildOptions::with_jobs);
    options.batch_documents = args.batch_documents.max(1);
    options.max_document_bytes = max_document_bytes;
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
    let report = kg::ingest::build(
        &mut store,
        &pipeline,
        kg::read::read_inputs(&args.inputs).max_document_bytes(options.max_document_bytes),
        &options,
        &interrupted,
        &mut |event| match event {
            Event::Warning(w) => bar.suspend(|| super::say(format_args!("warning: {w}"))),
            Event::Failed { message, .. } => bar.suspend(|| super::say(message)),
            Event::Done { name, .. } => {
                bar.set_message(name.clone());
                bar.inc(1);
            }
        },
    )?;
    bar.finish_and_clear();
    let stats = store.stats()?;
    writeln!(
        out,
        "documents: {} new, {} replaced, {} unchanged, {} duplicates, {} · extracted {} entities, {} relations · store: {} entities, {} relations · {:.2} s",
        report.new,
        report.replaced,
        report.unchanged,
        report.duplicates,
        failures(&report),
        report.entities,
        report.relations,
        stats.entities.values().sum::<i64>(),
        stats.relations.values().sum::<i64>(),
        started.elapsed().as_secs_f64()
    )?;
    if report.interrupted {
        return Ok(Outcome::Interrupted(format!(
            "interrupted: {} documents stored this run ({} in the store); run the same command again to continue (stored documents are skipped)",
            report.new + report.replaced,
            stats.documents
        )));
    }
    if report.new + report.replaced > 0 {
        let kg = command_name();
        let db = shell_word(&db.to_string_lossy());
        writeln!(
            out,
            "next: {kg} --db {db} stats   ·   {kg} --db {db} show NAME   ·   {kg} --db {db} path A B"
        )?;
    }
    let failed = report.failures();
    if report.processed() == 0 && failed == 0 {
        anyhow::bail!(
            "no document in the inputs (kg reads .txt, .md, .html, .htm and .jsonl files, or - for stdin)"
        );
    }
    if report.processed() == 0 {
        anyhow::bail!("nothing could be processed ({failed} input(s) failed)");
    }
    if args.strict && failed > 0 {
        anyhow::bail!("{failed} input(s) failed (--strict)");
    }
    Ok(Outcome::Done)
}

/// How the "next:" hint names kg so that its commands run as printed: `kg` when the `kg`
/// found on PATH is this very binary, else the path this one was started by
/// (`target/release/kg` under `cargo run`), or its full path when it was started by a bare
/// name that PATH does not lead back to it.
fn command_name() -> String {
    let exe = std::env::current_exe().and_then(std::fs::canonicalize).ok();
    let on_path = std::env::var_os("PATH").is_some_and(|path| {
        std::env::split_paths(&path)
            .map(|dir| dir.join("kg"))
            .find(|candidate| candidate.is_file())
            .and_then(|found| std::fs::canonicalize(found).ok())
            .is_some_and(|found| Some(found) == exe)
    });
    if on_path {
        return "kg".to_string();
    }
    let invoked = std::env::args().next().filter(|a| a.contains('/'));
    let path = invoked
        .or_else(|| exe.map(|e| e.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "kg".to_string());
    shell_word(&path)
}

/// `s` as one word for a POSIX shell: as it is when it holds only characters no shell treats
/// specially, else in single quotes.
fn shell_word(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+:@%,=".contains(c));
    if plain {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// "0 failed", or "4 failed (2 binary, 1 empty, 1 malformed JSONL line)"; warnings appended.
fn failures(report: &BuildReport) -> String {
    let mut s = format!("{} failed", report.failures());
    if !report.failed.is_empty() {
        let kinds: Vec<String> = report
            .failed
            .iter()
            .map(|(kind, n)| format!("{n} {kind}"))
            .collect();
        s.push_str(&format!(" ({})", kinds.join(", ")));
    }
    if report.warnings > 0 {
        s.push_str(&format!(", {} warnings", report.warnings));
    }
    s
}
