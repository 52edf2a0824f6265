//! `kg lexicon build`: rebuild data/lexicon/common_words.txt from UD English-EWT train and
//! data/lexicon/cameo_verbs.tsv from the PETRARCH2 CAMEO verb dictionary.

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

    let dict_dir = corpora.join("phoenix_dictionaries");
    let read = |f: &str| {
        let p = dict_dir.join(f);
        std::fs::read_to_string(&p).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", p.display()))
    };
    let dictionary = read("CAMEO.2.0.txt")?;
    let prep_text = read("Phoenix.prepositions.txt")?;
    let preps: Vec<&str> = prep_text.split_whitespace().collect();
    let treebank = kg::nlp::tagger::conll::read_conllu(&train)?;
    let predicates = kg::relate::cameo::drop_ambiguous(
        kg::relate::cameo::derive(&dictionary, &preps),
        &treebank,
        &preps,
    );
    let path = dir.join("cameo_verbs.tsv");
    let mut text = String::from(
        "# Predicates derived from the PETRARCH2 CAMEO verb dictionary (CAMEO.2.0.txt, Open Event Data\n\
         # Alliance, MIT): block verbs with their codes, and simple patterns (verb [noun] [preposition]).\n\
         # Labels follow src/relate/cameo.rs::label_of. Rebuild: kg lexicon build --corpora ../shared/corpora --out data/lexicon\n\
         lemma\tprep\trelation\tconfidence\tcameo\tforms\n",
    );
    for p in &predicates {
        let Some(label) = kg::relate::cameo::label_of(&p.code) else {
            continue;
        };
        text.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\n",
            p.lemma,
            p.prep.as_deref().unwrap_or("-"),
            label,
            kg::relate::cameo::DERIVED_CONFIDENCE,
            p.code,
            p.forms.join(" ")
        ));
    }
    std::fs::write(&path, text)
        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
    writeln!(
        out,
        "wrote {} predicates to {}",
        predicates.len(),
        path.display()
    )?;
    Ok(Outcome::Done)
}
