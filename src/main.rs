//! The `kg` command line: parses arguments, calls the library, prints, picks the exit code
//! (0 ok, 1 empty answer, 2 error, 130 interrupted).

mod cmd;
mod serve;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
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
    /// Stored triples with evidence, by subject, object, label, date or confidence.
    Relations(cmd::relations::Args),
    /// Dated events: the reports of one triple within a few days folded into one, with sources.
    Events(cmd::events::Args),
    /// The dated events of one entity, or of a pair, in order (text, json or an SVG drawing).
    Timeline(cmd::timeline::Args),
    /// What is new in a period: entities and ties first seen in it, ties gone quiet before it.
    Diff(cmd::diff::Args),
    /// Aliases, type and every relation of an entity, with evidence and source.
    Show(cmd::show::Args),
    /// Documents, entities by type, relations by label, components, most central entities.
    Stats(cmd::stats::Args),
    /// The most central entities by degree, PageRank or betweenness.
    Rank(cmd::rank::Args),
    /// The web explorer and its JSON API on a local port (`kg serve --open`).
    Serve(cmd::serve::Args),
    /// Bring data from other tools into the store.
    Import(cmd::import::Args),
    /// Write the graph (or a neighbourhood) for other tools: dot, graphml, json, csv, jsonl.
    Export(cmd::export::Args),
    /// Merge entity FROM into INTO (kept across rebuilds; undo with `kg unmerge ID`).
    Merge(cmd::curate::MergeArgs),
    /// Add a name to an entity (`kg alias add ENTITY NAME`).
    Alias(cmd::curate::AliasArgs),
    /// Move an entity's mentions in some documents to a new entity.
    Split(cmd::curate::SplitArgs),
    /// Undo a merge, alias or split by its id.
    Unmerge(cmd::curate::UnmergeArgs),
    /// List or undo corrections.
    Curation(cmd::curate::CurationArgs),
    /// Benchmarks: a big synthetic graph and its queries; tokens/s of the trained taggers.
    Bench(cmd::bench::Args),
    /// Rebuild the knowledge-base files in data/kb from the corpora.
    Gazetteer(cmd::gazetteer::Args),
    /// Rebuild the word lists in data/lexicon from the corpora.
    Lexicon(cmd::lexicon::Args),
    /// Rebuild the trained models in data/models (POS tagger, recogniser, word clusters).
    Train(cmd::train::Args),
    /// Score the trained models on gold files (CoNLL-2003 NER, CoNLL-U POS and parse).
    Eval(cmd::eval::Args),
    /// Dependency parse of a text, as CoNLL-U or Graphviz DOT.
    Parse(cmd::parse::Args),
}

/// The commands that never open a store: their help does not list `--db`.
const STORELESS: [&str; 6] = ["extract", "gazetteer", "lexicon", "train", "eval", "parse"];

/// The command line, with `--db` left out of the help of commands that never open a store:
/// clap copies a global flag into every subcommand unless it already has one of that id, so
/// each of them gets its own, hidden (and ignored) `--db`.
fn command_line() -> clap::Command {
    STORELESS.iter().fold(Cli::command(), |cmd, name| {
        cmd.mut_subcommand(name, |sub| {
            sub.arg(
                clap::Arg::new("db")
                    .long("db")
                    .hide(true)
                    .value_parser(clap::value_parser!(PathBuf)),
            )
        })
    })
}

fn main() -> ExitCode {
    let mut command = command_line();
    let cli = Cli::from_arg_matches(&command.get_matches_mut()).unwrap_or_else(|e| {
        e.format(&mut command).exit();
    });
    let mut stdout = std::io::stdout().lock();
    let result = match cli.command {
        Command::Build(a) => cmd::build::run(&cli.db, a, &mut stdout),
        Command::Extract(a) => cmd::extract::run(a, &mut stdout),
        Command::Path(a) => cmd::path::run(&cli.db, a, &mut stdout),
        Command::Neighbors(a) => cmd::neighbors::run(&cli.db, a, &mut stdout),
        Command::Relations(a) => cmd::relations::run(&cli.db, a, &mut stdout),
        Command::Events(a) => cmd::events::run(&cli.db, a, &mut stdout),
        Command::Timeline(a) => cmd::timeline::run(&cli.db, a, &mut stdout),
        Command::Diff(a) => cmd::diff::run(&cli.db, a, &mut stdout),
        Command::Show(a) => cmd::show::run(&cli.db, a, &mut stdout),
        Command::Stats(a) => cmd::stats::run(&cli.db, a, &mut stdout),
        Command::Rank(a) => cmd::rank::run(&cli.db, a, &mut stdout),
        Command::Serve(a) => cmd::serve::run(&cli.db, a, &mut stdout),
        Command::Import(a) => cmd::import::run(&cli.db, a, &mut stdout),
        Command::Export(a) => cmd::export::run(&cli.db, a, &mut stdout),
        Command::Merge(a) => cmd::curate::merge(&cli.db, a, &mut stdout),
        Command::Alias(a) => cmd::curate::alias(&cli.db, a, &mut stdout),
        Command::Split(a) => cmd::curate::split(&cli.db, a, &mut stdout),
        Command::Unmerge(a) => cmd::curate::unmerge(&cli.db, a, &mut stdout),
        Command::Curation(a) => cmd::curate::curation(&cli.db, a, &mut stdout),
        Command::Bench(a) => cmd::bench::run(&cli.db, a, &mut stdout),
        Command::Gazetteer(a) => cmd::gazetteer::run(a, &mut stdout),
        Command::Lexicon(a) => cmd::lexicon::run(a, &mut stdout),
        Command::Train(a) => cmd::train::run(a, &mut stdout),
        Command::Eval(a) => cmd::eval::run(a, &mut stdout),
        Command::Parse(a) => cmd::parse::run(a, &mut stdout),
    };
    match result {
        Ok(cmd::Outcome::Done) => ExitCode::SUCCESS,
        Ok(cmd::Outcome::Empty(msg)) => {
            cmd::say(msg);
            ExitCode::from(1)
        }
        Ok(cmd::Outcome::Interrupted(msg)) => {
            cmd::say(msg);
            ExitCode::from(130)
        }
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            cmd::say(format_args!("error: {}", message(&e)));
            ExitCode::from(2)
        }
    }
}

/// The error and its causes, each said once: a cause whose words the message already holds
/// ("No space left on device (os error 28)" under an error that quotes it) is left out.
fn message(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if text.is_empty() || out.contains(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out
}

/// A reader that went away (`kg ... | head`) is a clean exit, whichever layer the write error
/// went through: std, kg's Error::Write, or serde_json, whose error does not list its I/O
/// error as its source (so a chain walk alone misses it).
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    let json = |j: &serde_json::Error| j.io_error_kind() == Some(BrokenPipe);
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == BrokenPipe)
            || c.downcast_ref::<serde_json::Error>().is_some_and(json)
            || match c.downcast_ref::<kg::Error>() {
                Some(kg::Error::Write(io)) => io.kind() == BrokenPipe,
                Some(kg::Error::Json(j)) => json(j),
                _ => false,
            }
    })
}
