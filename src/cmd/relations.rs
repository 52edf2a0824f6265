//! `kg relations`: stored triples with their evidence, filtered by subject, object and label.

use super::{open_existing, write_fact, write_json, FilterArgs, FormatArg, Outcome};
use crate::Format;
use std::io::Write;
use std::path::Path;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Only triples with this subject (name or alias).
    #[arg(long)]
    subject: Option<String>,
    /// Only triples with this object (name or alias).
    #[arg(long)]
    object: Option<String>,
    #[command(flatten)]
    kind: super::EntityTypeArg,
    #[command(flatten)]
    filters: FilterArgs,
    /// List at most this many.
    #[arg(long)]
    limit: Option<usize>,
    #[command(flatten)]
    output: FormatArg,
}

pub fn run(db: &Path, args: Args, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let store = open_existing(db)?;
    let mut query = args.filters.resolve()?.query;
    query.subject = args
        .subject
        .as_deref()
        .map(|s| store.find_entity_of(s, args.kind.kind).map(|e| e.id))
        .transpose()?;
    query.object = args
        .object
        .as_deref()
        .map(|s| store.find_entity_of(s, args.kind.kind).map(|e| e.id))
        .transpose()?;
    let facts = store.facts(&query, args.limit)?;
    if facts.is_empty() {
        return Ok(Outcome::Empty("no stored relation matches".to_string()));
    }
    match args.output.format {
        Format::Json => {
            write_json(out, &facts)?;
        }
        Format::Text => {
            // Names and sentences come from untrusted input: no control character reaches the terminal.
            let out = &mut kg::text::EscapingWriter::new(&mut *out);
            for f in &facts {
                write_fact(out, f, "")?;
            }
        }
    }
    Ok(Outcome::Done)
}
