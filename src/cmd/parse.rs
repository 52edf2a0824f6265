//! `kg parse TEXT`: tokenize, tag and parse a text, and print the trees (CoNLL-U or DOT).

use kg::model::Span;
use kg::nlp::parse::{to_dot, write_conllu};
use kg::nlp::{sentence, tokenize};
use std::io::Write;
use std::path::PathBuf;

/// Output format of `kg parse`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParseFormat {
    /// CoNLL-U: one word per line, ten columns, a blank line after each sentence.
    Conllu,
    /// Graphviz: one digraph per sentence.
    Dot,
}

/// Arguments of `kg parse`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The text (several sentences are fine); `-` reads standard input.
    text: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ParseFormat::Conllu)]
    format: ParseFormat,
    /// Models folder (default: the models built into kg).
    #[arg(long)]
    models: Option<PathBuf>,
    /// Parse with the parser in this file instead (the beam-trained one:
    /// data/models/parse.beam.bin).
    #[arg(long)]
    model: Option<PathBuf>,
}

/// Runs `kg parse`.
pub fn run(args: Args, out: &mut impl Write) -> anyhow::Result<super::Outcome> {
    let text = if args.text == "-" {
        std::io::read_to_string(std::io::stdin())?
    } else {
        args.text
    };
    // As documents are read: control characters become spaces, so none is echoed back.
    let text = kg::text::blank_controls(&text).into_owned();
    let mut models = super::tagger_models(args.models.as_deref())?;
    if let Some(path) = &args.model {
        models.parser = Some(kg::nlp::parse::Parser::load(path)?);
    }
    if models.parser.is_none() {
        anyhow::bail!("no parser in the models folder: run `kg train parse` first");
    }
    let tokens = tokenize::tokenize(&text);
    let sentences = sentence::split_sentences(&text, &tokens);
    let analysis = models.analyse(&text, &tokens, &sentences, true);
    for (s, syn) in sentences.iter().zip(&analysis.syntax) {
        let words: Vec<&str> = tokens[s.tokens.clone()]
            .iter()
            .map(|t| t.span.slice(&text))
            .collect();
        match args.format {
            ParseFormat::Conllu => {
                let first = tokens[s.tokens.clone()].first().map_or(0, |t| t.span.start);
                let last = tokens[s.tokens.clone()].last().map_or(0, |t| t.span.end);
                let line = Span::new(first, last)
                    .slice(&text)
                    .replace(['\n', '\r'], " ");
                let mut block = format!("# text = {line}\n");
                write_conllu(&words, syn, &mut block);
                out.write_all(block.as_bytes())?;
            }
            ParseFormat::Dot => out.write_all(to_dot(&words, syn).as_bytes())?,
        }
    }
    Ok(super::Outcome::Done)
}
