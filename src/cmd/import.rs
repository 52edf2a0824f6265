//! `kg import triples`: bring triples from other tools into the store.

use super::Outcome;
use anyhow::Context;
use kg::store::{ImportOptions, Store, UnknownLabels, WriteOutcome};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(clap::Subcommand, Debug)]
enum What {
    /// Import `subject<TAB>relation<TAB>object[<TAB>subject type<TAB>object type]` lines.
    ///
    /// Each file becomes one pseudo-document named after the file; every line is stored as a
    /// relation with the line as its evidence and confidence 1.0. `#` lines and blank lines
    /// are skipped. Types are PERSON, COUNTRY, LOCATION or ORGANIZATION; a name the knowledge
    /// base knows (e.g. "Russia") links to that entity, and an untyped name must already be in
    /// the store or the knowledge base. An unknown relation label stops the import with its
    /// line number and stores nothing, unless --skip-unknown is given (then such lines are
    /// skipped and counted on stderr). Importing an unchanged file again does nothing; a
    /// changed file replaces its earlier triples. One transaction per file.
    Triples {
        /// TSV files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Skip (and count) lines whose relation is not in the ontology instead of failing.
        #[arg(long)]
        skip_unknown: bool,
        /// Date the imported triples (ISO YYYY-MM-DD), so --since/--until can select them.
        #[arg(long)]
        date: Option<String>,
    },
}

pub fn run(db: &Path, args: Args, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let What::Triples {
        files,
        skip_unknown,
        date,
    } = args.what;
    if let Some(d) = &date {
        if kg::graph::compact::date_code(d).is_none() {
            anyhow::bail!("--date {d:?} is not an ISO date (YYYY-MM-DD)");
        }
    }
    // Checked before the store is created: a typo must not leave an empty store behind, nor
    // half the files imported. A FIFO would block the open (maybe forever): refused.
    for file in &files {
        match std::fs::metadata(file) {
            Err(e) => anyhow::bail!("cannot read {}: {e} (nothing imported)", file.display()),
            Ok(m) if !m.is_file() => anyhow::bail!(
                "{} is not a regular file (a folder, FIFO, socket or device); nothing imported",
                file.display()
            ),
            Ok(_) => {}
        }
    }
    let mut store = Store::open(db).map_err(super::opening(db))?;
    let opts = ImportOptions {
        unknown_labels: if skip_unknown {
            UnknownLabels::Skip
        } else {
            UnknownLabels::Fail
        },
        date,
    };
    for file in files {
        let started = Instant::now();
        let s = store
            .import_triples(&file, &opts)
            .with_context(|| format!("importing {}", file.display()))?;
        if s.skipped > 0 {
            super::say(format_args!(
                "warning: {}: skipped {} line(s) with an unknown relation (lines {}{})",
                file.display(),
                s.skipped,
                s.skipped_lines
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", "),
                if s.skipped > s.skipped_lines.len() {
                    ", …"
                } else {
                    ""
                }
            ));
        }
        match s.outcome {
            WriteOutcome::Duplicate => writeln!(
                out,
                "{}: the same triples are already imported from another file",
                s.document
            )?,
            WriteOutcome::Unchanged => {
                writeln!(out, "{}: unchanged since its last import", s.document)?
            }
            outcome => writeln!(
                out,
                "{}: {} {} triples, {} new entities, {} skipped in {:.1} s",
                s.document,
                if outcome == WriteOutcome::Replaced {
                    "replaced with"
                } else {
                    "imported"
                },
                s.triples,
                s.new_entities,
                s.skipped,
                started.elapsed().as_secs_f64()
            )?,
        }
    }
    Ok(Outcome::Done)
}
