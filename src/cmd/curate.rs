//! `kg merge`, `kg alias add`, `kg split`, `kg unmerge`, `kg curation`: corrections that
//! survive rebuilds.

use super::{open_existing, open_existing_for_writing, write_json, FormatArg, NerArgs, Outcome};
use crate::Format;
use kg::pipeline::Recogniser;
use kg::store::Store;
use std::io::Write;
use std::path::Path;

#[derive(clap::Args, Debug)]
pub struct MergeArgs {
    /// The entity that goes away (name or alias).
    from: String,
    /// The entity that stays (name or alias).
    into: String,
    #[command(flatten)]
    kind: super::EntityTypeArg,
}

#[derive(clap::Args, Debug)]
pub struct AliasArgs {
    #[command(subcommand)]
    action: AliasAction,
}

#[derive(clap::Subcommand, Debug)]
enum AliasAction {
    /// Add NAME as another name of ENTITY (documents that use only NAME link to it).
    Add {
        /// The entity (name or alias).
        entity: String,
        /// The new name.
        name: String,
        #[command(flatten)]
        kind: super::EntityTypeArg,
    },
}

#[derive(clap::Args, Debug)]
pub struct SplitArgs {
    /// The entity that conflates two referents (name or alias).
    entity: String,
    /// Documents (by name, as `kg show` lists them) whose mentions are someone else.
    #[arg(long = "doc", required = true)]
    documents: Vec<String>,
    /// The name of the entity those mentions go to.
    #[arg(long = "as")]
    name: String,
    #[command(flatten)]
    kind: super::EntityTypeArg,
}

#[derive(clap::Args, Debug)]
pub struct UnmergeArgs {
    /// The correction's id, from `kg curation log`.
    id: i64,
    /// How to re-extract the documents it touched (default: as the store was built).
    #[command(flatten)]
    ner: NerArgs,
}

#[derive(clap::Args, Debug)]
pub struct CurationArgs {
    #[command(subcommand)]
    action: CurationAction,
}

#[derive(clap::Subcommand, Debug)]
enum CurationAction {
    /// List every correction, undone ones included.
    Log {
        #[command(flatten)]
        output: FormatArg,
    },
    /// Undo a correction and re-extract the documents it touched.
    Undo {
        /// The correction's id.
        id: i64,
        /// How to re-extract the documents it touched (default: as the store was built).
        #[command(flatten)]
        ner: NerArgs,
    },
}

pub fn merge(db: &Path, args: MergeArgs, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let mut store = open_existing_for_writing(db)?;
    let from = store.find_entity_of(&args.from, args.kind.kind)?;
    let into = store.find_entity_of(&args.into, args.kind.kind)?;
    let id = store.merge(&from, &into)?;
    writeln!(
        out,
        "merged {} into {} (correction {id}; undo with `kg unmerge {id}`)",
        from.name, into.name
    )?;
    Ok(Outcome::Done)
}

pub fn alias(db: &Path, args: AliasArgs, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let AliasAction::Add { entity, name, kind } = args.action;
    let mut store = open_existing_for_writing(db)?;
    let e = store.find_entity_of(&entity, kind.kind)?;
    let id = store.add_alias(&e, &name)?;
    writeln!(
        out,
        "{name:?} is now a name of {} (correction {id})",
        e.name
    )?;
    Ok(Outcome::Done)
}

pub fn split(db: &Path, args: SplitArgs, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let mut store = open_existing_for_writing(db)?;
    let e = store.find_entity_of(&args.entity, args.kind.kind)?;
    let ids = store.split(&e, &args.documents, &args.name)?;
    let list: Vec<String> = ids.iter().map(i64::to_string).collect();
    writeln!(
        out,
        "split {} in {} document(s) into {} (correction(s) {})",
        e.name,
        args.documents.len(),
        args.name,
        list.join(", ")
    )?;
    Ok(Outcome::Done)
}

pub fn unmerge(db: &Path, args: UnmergeArgs, out: &mut impl Write) -> anyhow::Result<Outcome> {
    let mut store = open_existing_for_writing(db)?;
    undo(&mut store, args.id, &args.ner, out)
}

pub fn curation(db: &Path, args: CurationArgs, out: &mut impl Write) -> anyhow::Result<Outcome> {
    match args.action {
        CurationAction::Log { output } => {
            // Only reads: works on a store in a read-only place.
            let log = open_existing(db)?.curations()?;
            match output.format {
                Format::Json => write_json(out, &log)?,
                Format::Text => {
                    // Names come from untrusted input: no control character reaches the
                    // terminal.
                    let out = &mut kg::text::EscapingWriter::new(&mut *out);
                    if log.is_empty() {
                        writeln!(
                            out,
                            "no corrections yet (kg merge / kg alias add / kg split)"
                        )?;
                    }
                    for c in &log {
                        let state = c
                            .undone_at
                            .as_deref()
                            .map(|t| format!("  [undone {t}]"))
                            .unwrap_or_default();
                        let doc = c
                            .document
                            .as_deref()
                            .map(|d| format!(" in {d}"))
                            .unwrap_or_default();
                        writeln!(
                            out,
                            "{:>4}  {}  {:<6} {} → {}{doc}{state}",
                            c.id, c.created_at, c.action, c.from_identity, c.into_identity
                        )?;
                    }
                }
            }
            Ok(Outcome::Done)
        }
        CurationAction::Undo { id, ner } => {
            undo(&mut open_existing_for_writing(db)?, id, &ner, out)
        }
    }
}

/// Undoes a correction and reports it.
fn undo(
    store: &mut Store,
    id: i64,
    ner: &NerArgs,
    out: &mut impl Write,
) -> anyhow::Result<Outcome> {
    let n = undo_and_reextract(store, id, ner.recogniser())?;
    writeln!(out, "undid correction {id}; re-extracted {n} document(s)")?;
    Ok(Outcome::Done)
}

/// Undoes a correction, then re-extracts the documents it affected from their stored text
/// with the pipeline `kg build` built the store with (`told` overrides the recogniser it
/// recorded); returns how many. `kg unmerge`, `kg curation undo` and `kg serve` all undo
/// through it.
pub fn undo_and_reextract(
    store: &mut Store,
    id: i64,
    told: Option<Recogniser>,
) -> anyhow::Result<usize> {
    let recogniser = match told {
        Some(r) => r,
        None => super::store_recogniser(store)?,
    };
    let pipeline = super::pipeline(&recogniser)?;
    Ok(store.undo_curation(id, &mut |doc| pipeline.extract(doc))?)
}
