//! `kg gazetteer build`: rebuild the knowledge-base files in data/kb from the corpora.

use super::Outcome;
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    action: Action,
}

#[derive(clap::Subcommand, Debug)]
enum Action {
    /// Rebuild countries, places, organisations and given names.
    Build {
        /// The shared corpora folder.
        #[arg(long, default_value = "../shared/corpora")]
        corpora: PathBuf,
        /// Where to write the files.
        #[arg(long, default_value = "data/kb")]
        out: PathBuf,
    },
}

pub fn run(args: Args, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let Action::Build { corpora, out: dir } = args.action;
    let report = kg::kb::build::build_gazetteer(&corpora, &dir)?;
    writeln!(out, "{report}")?;
    Ok(Outcome::Done)
}
