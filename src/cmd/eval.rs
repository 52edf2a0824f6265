//! `kg eval ner|pos|parse FILE`: score a trained model on a gold-annotated file.

use anyhow::Context;
use kg::nlp::parse::{train as parse_train, write_conllu, Parser, PARSE_FILE};
use kg::nlp::tagger::WordClusters;
use kg::nlp::tagger::{conll, recogniser, NerTagger, PosTagger};
use kg::nlp::tagger::{CLUSTERS_FILE, NER_FILE, POS_FILE};
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `kg eval`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(clap::Subcommand, Debug)]
enum What {
    /// Entity P/R/F1 (conlleval semantics) on a CoNLL-2003 file.
    Ner {
        /// CoNLL-2003 file (`word ... TAG` lines).
        file: PathBuf,
        /// Write `token gold predicted` lines here (score with conlleval.py).
        #[arg(long)]
        predictions: Option<PathBuf>,
        /// Models folder.
        #[arg(long, default_value = "data/models")]
        models: PathBuf,
        /// NER model file (default MODELS/ner.bin).
        #[arg(long)]
        model: Option<PathBuf>,
    },
    /// UPOS accuracy on a CoNLL-U file.
    Pos {
        /// CoNLL-U file.
        file: PathBuf,
        /// Write `word gold predicted` lines here (blank line between sentences).
        #[arg(long)]
        predictions: Option<PathBuf>,
        /// Models folder.
        #[arg(long, default_value = "data/models")]
        models: PathBuf,
    },
    /// UAS/LAS of the parser on a CoNLL-U file: gold words, UPOS predicted by kg's tagger,
    /// punctuation included, LAS on the universal part of the relation (as
    /// `../shared/eval/ud_eval.py` counts).
    Parse {
        /// CoNLL-U file.
        file: PathBuf,
        /// Write the parses here as CoNLL-U (score with `ud_eval.py GOLD PRED`).
        #[arg(long)]
        predictions: Option<PathBuf>,
        /// Models folder.
        #[arg(long, default_value = "data/models")]
        models: PathBuf,
        /// Read the parser from this file instead of MODELS/parse.bin (the beam-trained one:
        /// data/models/parse.beam.bin).
        #[arg(long)]
        model: Option<PathBuf>,
        /// Decode with this beam width instead of the model's own (1: greedy).
        #[arg(long)]
        beam: Option<usize>,
    },
}

/// Runs `kg eval`.
pub fn run(args: Args, out: &mut impl Write) -> anyhow::Result<super::Outcome> {
    match args.what {
        What::Ner {
            file,
            predictions,
            models,
            model,
        } => {
            let path = model.unwrap_or_else(|| models.join(NER_FILE));
            let tagger = NerTagger::load(&path)?;
            let res = super::train::resources_for(
                tagger.groups() | tagger.first_stage().map_or(0, |f| f.groups()),
                &models,
            )?;
            let docs = conll::read_conll2003(&file)?;
            let (score, preds) = tagger.evaluate(&docs, &res);
            if let Some(p) = predictions {
                let mut text = String::new();
                for (d, dp) in docs.iter().zip(&preds) {
                    text.push_str("-DOCSTART- O O\n\n");
                    for (s, sp) in d.iter().zip(dp) {
                        for ((w, g), y) in s.words.iter().zip(&s.tags).zip(sp) {
                            text.push_str(&format!("{w} {g} {y}\n"));
                        }
                        text.push('\n');
                    }
                }
                std::fs::write(&p, text).with_context(|| format!("writing {}", p.display()))?;
            }
            let (c, g, p) = score.overall();
            let (pr, re, f) = conll::ChunkScore::prf((c, g, p));
            writeln!(out, "gold entities {g}; predicted {p}; correct {c}")?;
            writeln!(
                out,
                "{:10} P {:6.2}  R {:6.2}  F1 {:6.2}",
                "overall",
                pr * 100.0,
                re * 100.0,
                f * 100.0
            )?;
            for (t, v) in &score.by_type {
                let (pr, re, f) = conll::ChunkScore::prf(*v);
                writeln!(
                    out,
                    "{t:10} P {:6.2}  R {:6.2}  F1 {:6.2}  ({} gold)",
                    pr * 100.0,
                    re * 100.0,
                    f * 100.0,
                    v.1
                )?;
            }
            let _ = recogniser::TYPES;
        }
        What::Pos {
            file,
            predictions,
            models,
        } => {
            let path = models.join(POS_FILE);
            let tagger = PosTagger::load(&path)?;
            let clusters = kg::nlp::tagger::WordClusters::load(&models.join(CLUSTERS_FILE)).ok();
            let sents = conll::read_conllu(&file)?;
            let predicted = tagger.predict(&sents, clusters.as_ref());
            if let Some(p) = predictions {
                let mut text = String::new();
                for (s, tags) in sents.iter().zip(&predicted) {
                    for ((w, g), y) in s.words.iter().zip(&s.tags).zip(tags) {
                        let y = &tagger.labels()[*y as usize];
                        text.push_str(&format!("{w}\t{g}\t{y}\n"));
                    }
                    text.push('\n');
                }
                std::fs::write(&p, text).with_context(|| format!("writing {}", p.display()))?;
            }
            let acc = tagger.accuracy_of(&sents, &predicted);
            let n: usize = sents.iter().map(|s| s.words.len()).sum();
            writeln!(out, "UPOS accuracy {:.2}% over {n} words", acc * 100.0)?;
        }
        What::Parse {
            file,
            predictions,
            models,
            model,
            beam,
        } => {
            let path = model.unwrap_or_else(|| models.join(PARSE_FILE));
            let mut parser = Parser::load(&path)?;
            if let Some(width) = beam {
                parser = parser.with_beam(width);
            }
            let clusters = WordClusters::load(&models.join(CLUSTERS_FILE))?;
            let sents = conll::read_conllu(&file)?;
            let tags = super::train::predicted_upos(&sents, &models, Some(&clusters))?;
            let nodes = parse_train::nodes_of(&sents, &tags, Some(&clusters));
            let (score, parses) = parse_train::evaluate(&parser, &sents, &nodes);
            if let Some(p) = predictions {
                let mut text = String::new();
                for (s, syn) in sents.iter().zip(&parses) {
                    let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
                    write_conllu(&words, syn, &mut text);
                }
                std::fs::write(&p, text).with_context(|| format!("writing {}", p.display()))?;
            }
            writeln!(
                out,
                "words {}  UPOS {:.2}  UAS {:.2}  LAS {:.2}",
                score.words,
                score.upos_accuracy(),
                score.uas(),
                score.las()
            )?;
        }
    }
    Ok(super::Outcome::Done)
}
