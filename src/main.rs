//! The `kg` command line: parses arguments, calls the library, prints, picks the exit code
//! (0 ok, 1 empty answer, 2 error).

mod cmd;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// kg — a knowledge graph of people, countries and relations from news text, offline.
///
/// Start with `kg build data/samples`, then ask: `kg path Velayati Trump`,
/// `kg neighbors Putin --depth 2`, `kg show Putin`, `kg stats`.
#[derive(Parser, Debug)]
#[command(name = "kg", version, about, long_about)]
pub struct Cli {
    /// The SQLite store to read or write.
    #[arg(long, global = true, env = "KG_DB", default_value = "kg.db")]
    db: PathBuf,
    #[command(subcommand)]
    command: Command,
}

/// Output format of the query commands.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A readable table.
    Text,
    /// JSON on one document.
    Json,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Ingest documents (files, folders recursively, or - for stdin) into the store.
    Build(cmd::build::Args),
    /// Print entities and relations of documents without a store (CONTRACT.md JSON Lines).
    Extract(cmd::extract::Args),
    /// Shortest chain of relations between two entities, with evidence for each hop.
    Path(cmd::path::Args),
    /// Entities within N hops of an entity.
    Neighbors(cmd::neighbors::Args),
    /// Aliases, type and every relation of an entity, with evidence and source.
    Show(cmd::show::Args),
    /// Documents, entities by type, relations by label.
    Stats(cmd::stats::Args),
    /// Write the graph (or a neighbourhood) for other tools.
    Export(cmd::export::Args),
    /// Rebuild the knowledge-base files in data/kb from the corpora.
    Gazetteer(cmd::gazetteer::Args),
    /// Rebuild the word lists in data/lexicon from the corpora.
    Lexicon(cmd::lexicon::Args),
    /// Rebuild the trained models in data/models (POS tagger, recogniser, word clusters).
    Train(cmd::train::Args),
    /// Score the trained models on gold files (CoNLL-2003 NER, CoNLL-U POS).
    Eval(cmd::eval::Args),
    /// Measure throughput of the trained pipeline.
    Bench(cmd::bench::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut stdout = std::io::stdout().lock();
    let result = match cli.command {
        Command::Build(a) => cmd::build::run(&cli.db, a, &mut stdout),
        Command::Extract(a) => cmd::extract::run(a, &mut stdout),
        Command::Path(a) => cmd::path::run(&cli.db, a, &mut stdout),
        Command::Neighbors(a) => cmd::neighbors::run(&cli.db, a, &mut stdout),
        Command::Show(a) => cmd::show::run(&cli.db, a, &mut stdout),
        Command::Stats(a) => cmd::stats::run(&cli.db, a, &mut stdout),
        Command::Export(a) => cmd::export::run(&cli.db, a, &mut stdout),
        Command::Gazetteer(a) => cmd::gazetteer::run(a, &mut stdout),
        Command::Lexicon(a) => cmd::lexicon::run(a, &mut stdout),
        Command::Train(a) => cmd::train::run(a, &mut stdout),
        Command::Eval(a) => cmd::eval::run(a, &mut stdout),
        Command::Bench(a) => cmd::bench::run(a, &mut stdout),
    };
    match result {
        Ok(cmd::Outcome::Done) => ExitCode::SUCCESS,
        Ok(cmd::Outcome::Empty(msg)) => {
            eprintln!("kg: {msg}");
            ExitCode::from(1)
        }
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("kg: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || matches!(c.downcast_ref::<kg::Error>(), Some(kg::Error::Write(io)) if io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
