//! `kg show`: one entity, every fact with evidence.

use super::{clip, open_existing, Outcome};
use crate::Format;
use std::io::Write;
use std::path::Path;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Entity name or alias (case- and accent-insensitive), `#ID` or key.
    entity: String,
    #[command(flatten)]
    kind: super::EntityTypeArg,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

pub fn run(db: &Path, args: Args, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let store = open_existing(db)?;
    let entity = store.find_entity_of(&args.entity, args.kind.kind)?;
    let profile = store.profile(&entity)?;
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &profile)?;
            writeln!(out)?;
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
                writeln!(
                    out,
                    "  {} -{}-> {}   ({}; {:.2}; {}{})",
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
                writeln!(out, "      “{}”", clip(&f.evidence, 200))?;
            }
        }
    }
    Ok(Outcome::Done)
}
