//! `kg show`: one entity, every fact with evidence.

use super::{open_existing, write_fact, write_json, FormatArg, Outcome};
use crate::Format;
use std::io::Write;
use std::path::Path;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Entity name or alias (case- and accent-insensitive), `#ID` or key.
    entity: String,
    #[command(flatten)]
    kind: super::EntityTypeArg,
    #[command(flatten)]
    output: FormatArg,
}

pub fn run(db: &Path, args: Args, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let store = open_existing(db)?;
    let entity = store.find_entity_of(&args.entity, args.kind.kind)?;
    let profile = store.profile(&entity)?;
    match args.output.format {
        Format::Json => {
            write_json(out, &profile)?;
        }
        Format::Text => {
            // Names and sentences come from untrusted input: no control character reaches the terminal.
            let out = &mut kg::text::EscapingWriter::new(&mut *out);
            let e = &profile.entity;
            writeln!(
                out,
                "{} ({}){}",
                e.name,
                e.kind,
                e.kb_key
                    .as_deref()
                    .map(|k| format!("  [{k}]"))
                    .unwrap_or_default()
            )?;
            writeln!(out, "aliases:   {}", profile.aliases.join(", "))?;
            writeln!(
                out,
                "mentions:  {} in {} document(s): {}",
                profile.mentions,
                profile.documents.len(),
                profile.documents.join(", ")
            )?;
            writeln!(out, "relations: {}", profile.facts.len())?;
            for f in &profile.facts {
                write_fact(out, f, "  ")?;
            }
        }
    }
    Ok(Outcome::Done)
}
