//! `kg stats`: counts by type and label.

use super::{open_existing, Outcome};
use crate::Format;
use std::io::Write;
use std::path::Path;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

pub fn run(db: &Path, args: Args, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let store = open_existing(db)?;
    let stats = store.stats()?;
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &stats)?;
            writeln!(out)?;
        }
        Format::Text => {
            writeln!(out, "documents  {}", stats.documents)?;
            writeln!(out, "mentions   {}", stats.mentions)?;
            writeln!(out, "entities   {}", stats.entities.values().sum::<i64>())?;
            for (k, v) in &stats.entities {
                writeln!(out, "  {k:<14} {v:>6}")?;
            }
            writeln!(out, "relations  {}", stats.relations.values().sum::<i64>())?;
            for (k, v) in &stats.relations {
                writeln!(out, "  {k:<14} {v:>6}")?;
            }
        }
    }
    Ok(Outcome::Done)
}
