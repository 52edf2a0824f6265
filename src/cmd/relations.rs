//! `kg relations`: stored triples with their evidence, filtered by subject, object and label.

use super::{clip, open_existing, FilterArgs, Outcome};
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
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
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
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &facts)?;
            writeln!(out)?;
        }
        Format::Text => {
            // Names and sentences come from untrusted input: no control character reaches the terminal.
            let out = &mut kg::text::EscapingWriter::new(&mut *out);
            for f in &facts {
                writeln!(
                    out,
                    "{} -{}-> {}   ({}; {:.2}; {}{})",
                    f.subject,
                    f.relation,
                    f.object,
                    f.predicate,
                    f.confidence,
                    f.document,
                    f.date
                        .as_deref()
                        .map(|d| format!(", {d}"))
                        .unwrap_or_default()
                )?;
                writeln!(out, "    “{}”", clip(&f.evidence, 200))?;
            }
        }
    }
    Ok(Outcome::Done)
}
