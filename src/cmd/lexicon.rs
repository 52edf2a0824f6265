//! `kg lexicon build`: rebuild data/lexicon/common_words.txt from UD English-EWT train.

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
    /// Rebuild the derived word lists.
    Build {
        /// The shared corpora folder.
        #[arg(long, default_value = "../shared/corpora")]
        corpora: PathBuf,
        /// Where to write them.
        #[arg(long, default_value = "data/lexicon")]
        out: PathBuf,
    },
}

pub fn run(args: Args, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let Action::Build { corpora, out: dir } = args.action;
    let train = corpora.join("ud_english_ewt/en_ewt-ud-train.conllu");
    let words = kg::nlp::lexicon::build_common_words(&train, 2)?;
    let path = dir.join("common_words.txt");
    let mut text = String::from(
        "# Ordinary English words (lowercased), derived from UD English-EWT train (CC BY-SA 4.0):\n# forms seen lowercase >= 2 times, not mainly proper nouns. Rebuild: kg lexicon build --corpora ../shared/corpora --out data/lexicon\n",
    );
    for w in &words {
        text.push_str(w);
        text.push('\n');
    }
    std::fs::write(&path, text)
        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
    writeln!(out, "wrote {} words to {}", words.len(), path.display())?;
    Ok(Outcome::Done)
}
