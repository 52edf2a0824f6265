//! One module per subcommand: arguments → library calls → output.

pub mod bench;
pub mod bench_nlp;
pub mod build;
pub mod curate;
pub mod diff;
pub mod eval;
pub mod events;
pub mod export;
pub mod extract;
pub mod gazetteer;
pub mod import;
pub mod lexicon;
pub mod neighbors;
pub mod parse;
pub mod path;
pub mod rank;
pub mod relations;
pub mod serve;
pub mod show;
pub mod stats;
pub mod timeline;
pub mod train;

use anyhow::Context;
use kg::graph::compact::{CompactGraph, EdgeFilter};
use kg::graph::query::{FilterSpec, Filters};
use kg::graph::{Subgraph, SubgraphBuilder};
use kg::pipeline::Recogniser;
use kg::store::{RelationQuery, Store};
use std::io::Write;
use std::path::Path;

/// How a command ended when it did not fail.
pub enum Outcome {
    /// It answered.
    Done,
    /// The answer is empty (no path, ...): exit code 1 with this message.
    Empty(String),
    /// Stopped by Ctrl-C after saving what it could: exit code 130 with this message.
    Interrupted(String),
}

/// Prints `kg: MESSAGE` on stderr with control characters escaped: messages quote paths,
/// names and ids, which come from untrusted input and must not drive the terminal.
pub fn say(message: impl std::fmt::Display) {
    eprintln!("kg: {}", kg::text::escape_controls(&message.to_string()));
}

/// `--max-document-mb` in bytes; it must be more than 0 (0 would refuse every document).
pub fn max_document_bytes(megabytes: f64) -> anyhow::Result<usize> {
    if megabytes.is_nan() || megabytes <= 0.0 {
        anyhow::bail!("--max-document-mb must be more than 0, not {megabytes}");
    }
    Ok((megabytes * 1e6) as usize)
}

/// Opens an existing store for queries; a missing file is an error that says to build first.
pub fn open_existing(db: &Path) -> anyhow::Result<Store> {
    if !db.exists() {
        anyhow::bail!(
            "no store at {} — run `kg build PATH...` first, or pass --db FILE / set KG_DB",
            db.display()
        );
    }
    Store::open_read(db).map_err(opening(db))
}

/// Opens an existing store to change it (corrections): migrates one from an older kg.
pub fn open_existing_for_writing(db: &Path) -> anyhow::Result<Store> {
    if !db.exists() {
        anyhow::bail!(
            "no store at {} — run `kg build PATH...` first, or pass --db FILE / set KG_DB",
            db.display()
        );
    }
    Store::open(db).map_err(opening(db))
}

/// The error of opening the store at `db`, naming it once: a store error names it already
/// ("opening kg.db: database kg.db: ..." said it twice).
pub fn opening(db: &Path) -> impl FnOnce(kg::Error) -> anyhow::Error + '_ {
    move |e| match e {
        kg::Error::Store { .. } => e.into(),
        e => anyhow::Error::new(e).context(format!("opening {}", db.display())),
    }
}

/// Loads the compact graph for queries (from the cache beside the store when it is fresh)
/// and keeps the relations that pass `filter`.
pub fn load_compact(store: &Store, filter: &EdgeFilter) -> anyhow::Result<CompactGraph> {
    let (data, _) = kg::graph::cache::load(store)
        .with_context(|| format!("loading the graph of {}", store.path().display()))?;
    Ok(CompactGraph::build(&data, filter))
}

/// The relation filters every graph command shares.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct FilterArgs {
    /// Only use these relation labels (repeatable, or comma-separated).
    #[arg(long = "relation")]
    pub relations: Vec<String>,
    /// Never use these relation labels (repeatable, or comma-separated).
    #[arg(long = "exclude-relation")]
    pub exclude: Vec<String>,
    /// Only relations with at least this confidence (0 to 1).
    #[arg(long)]
    pub min_confidence: Option<f32>,
    /// Only relations from documents dated on or after this ISO date (YYYY, YYYY-MM or
    /// YYYY-MM-DD). Relations whose document has no date are left out when --since or
    /// --until is given.
    #[arg(long)]
    pub since: Option<String>,
    /// Only relations from documents dated on or before this ISO date (a year or month means
    /// its end). Undated relations are left out when a date bound is given.
    #[arg(long)]
    pub until: Option<String>,
    /// The graph as it was known on this ISO date: only relations reported (document date)
    /// on or before it. With --until, the earlier of the two holds.
    #[arg(long)]
    pub as_of: Option<String>,
}

impl FilterArgs {
    /// Parses and checks the flags once (the library does the checking).
    pub fn resolve(&self) -> anyhow::Result<Filters> {
        let spec = FilterSpec {
            relations: self.relations.clone(),
            exclude: self.exclude.clone(),
            min_confidence: self.min_confidence,
            since: self.since.clone(),
            until: self.until.clone(),
            as_of: self.as_of.clone(),
        };
        Ok(Filters::parse(&spec)?)
    }
}

/// The subgraph of the given entities (all of them when `None`) with their relations that
/// pass `query`, read from the store with evidence.
pub fn subgraph_of(
    store: &Store,
    ids: Option<&[kg::EntityId]>,
    query: &RelationQuery,
) -> anyhow::Result<Subgraph> {
    let mut builder = SubgraphBuilder::default();
    let nodes: Vec<kg::EntityRecord> = match ids {
        Some(ids) => {
            let members: std::collections::HashSet<kg::EntityId> = ids.iter().copied().collect();
            store.for_each_relation(query, Some(ids), |r| {
                if members.contains(&r.object) {
                    builder.push(&r);
                }
            })?;
            store.entities_by_ids(ids)?.into_values().collect()
        }
        None => {
            store.for_each_relation(query, None, |r| builder.push(&r))?;
            store.entities()?
        }
    };
    Ok(builder.finish(nodes))
}

/// `--format text|json`, for the commands that print a table or one JSON document.
#[derive(clap::Args, Debug, Clone, Copy)]
pub struct FormatArg {
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: crate::Format,
}

/// `--type`, for the commands that list entities of some types only.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct TypeArgs {
    /// Only list entities of these types (repeatable or comma-separated: PERSON, COUNTRY,
    /// LOCATION, ORGANIZATION); graph measures and walks still use every type.
    #[arg(long = "type")]
    pub types: Vec<String>,
}

impl TypeArgs {
    /// Parses the types once.
    pub fn resolve(&self) -> anyhow::Result<Vec<kg::EntityType>> {
        self.types
            .iter()
            .flat_map(|v| v.split(','))
            .map(|v| {
                v.trim()
                    .parse::<kg::EntityType>()
                    .map_err(anyhow::Error::msg)
            })
            .collect()
    }
}

/// Writes `value` as one pretty JSON document and a newline.
pub fn write_json(out: &mut impl Write, value: &impl serde::Serialize) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

/// One stored fact on a line, its evidence quoted on the next; `indent` leads both.
pub fn write_fact(out: &mut impl Write, f: &kg::store::Fact, indent: &str) -> std::io::Result<()> {
    writeln!(
        out,
        "{indent}{} -{}-> {}   ({}; {:.2}; {}{}){}",
        f.subject,
        f.relation,
        f.object,
        f.predicate,
        f.confidence,
        f.document,
        f.date
            .as_deref()
            .map(|d| format!(", {d}"))
            .unwrap_or_default(),
        f.rule
            .as_deref()
            .map(|r| format!(" [rule: {r}]"))
            .unwrap_or_default()
    )?;
    writeln!(out, "{indent}    “{}”", clip(&f.evidence, 200))
}

/// `word`, with an "s" unless `n` is 1.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

/// Shortens a sentence for one-line display, on a char boundary.
pub fn clip(s: &str, max: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max.saturating_sub(1)).collect();
    format!("{cut}…")
}

/// `--type`: narrows a command's entity arguments when a name fits several entities.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct EntityTypeArg {
    /// Entity arguments match only entities of this type (PERSON, COUNTRY, LOCATION,
    /// ORGANIZATION). An argument can also be `#ID` or a key such as `person:PAUL_A._VOLCKER`,
    /// as an ambiguity message lists them.
    #[arg(long = "type")]
    pub kind: Option<kg::EntityType>,
}

/// How `build` and `extract` use the trained recogniser.
#[derive(clap::Args, Debug)]
pub struct NerArgs {
    /// Rules only: do not add the trained recogniser's entities where the rules found none.
    #[arg(long)]
    pub no_ner: bool,
    /// Models folder to use instead of the models built into kg (see data/models/README.md).
    #[arg(long, env = "KG_MODELS")]
    pub models: Option<std::path::PathBuf>,
}

impl NerArgs {
    /// The recogniser these flags choose, or `None` when they say nothing (`kg build` then
    /// takes the built-in models, an undo the ones the store was built with).
    pub fn recogniser(&self) -> Option<Recogniser> {
        if self.no_ner {
            return Some(Recogniser::Off);
        }
        // Absolute, so that an undo run from another folder finds the same models.
        let dir = self.models.as_ref()?;
        Some(Recogniser::Folder(
            std::fs::canonicalize(dir).unwrap_or_else(|_| dir.clone()),
        ))
    }
}

/// The pipeline `kg build` uses, with `recogniser` (see [`kg::pipeline::Pipeline::with_recogniser`]).
pub fn pipeline(recogniser: &Recogniser) -> anyhow::Result<kg::pipeline::Pipeline> {
    kg::pipeline::Pipeline::with_recogniser(recogniser).with_context(|| match recogniser {
        Recogniser::Folder(dir) => format!(
            "loading models from {} (see data/models/README.md)",
            dir.display()
        ),
        _ => "the built-in models are damaged; rebuild kg".to_string(),
    })
}

/// The recogniser the store at hand was built with: what `kg build` recorded, or the built-in
/// models for a store built before kg recorded it (its default then).
pub fn store_recogniser(store: &Store) -> anyhow::Result<Recogniser> {
    match store.setting(Recogniser::SETTING)? {
        None => Ok(Recogniser::BuiltIn),
        Some(value) => Recogniser::from_setting(&value).ok_or_else(|| {
            anyhow::anyhow!(
                "the store was built with a recogniser this kg does not know ({value:?}); give --no-ner or --models DIR"
            )
        }),
    }
}

/// The models in `dir`, or the built-in ones.
pub fn tagger_models(
    dir: Option<&std::path::Path>,
) -> anyhow::Result<kg::nlp::tagger::TaggerModels> {
    use anyhow::Context;
    match dir {
        Some(dir) => kg::nlp::tagger::TaggerModels::load(dir).with_context(|| {
            format!(
                "loading models from {} (see data/models/README.md)",
                dir.display()
            )
        }),
        None => kg::nlp::tagger::TaggerModels::embedded()
            .context("the built-in models are damaged; rebuild kg"),
    }
}
