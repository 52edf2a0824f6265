//! One module per subcommand: arguments → library calls → output.

pub mod bench;
pub mod build;
pub mod eval;
pub mod export;
pub mod extract;
pub mod gazetteer;
pub mod lexicon;
pub mod neighbors;
pub mod path;
pub mod show;
pub mod stats;
pub mod train;

use anyhow::Context;
use kg::graph::KnowledgeGraph;
use kg::model::RelationLabel;
use kg::store::Store;
use std::path::Path;

/// How a command ended when it did not fail.
pub enum Outcome {
    /// It answered.
    Done,
    /// The answer is empty (no path, ...): exit code 1 with this message.
    Empty(String),
}

/// Opens an existing store for queries; a missing file is an error that says to build first.
pub fn open_existing(db: &Path) -> anyhow::Result<Store> {
    if !db.exists() {
        anyhow::bail!(
            "no store at {} — run `kg build PATH...` first, or pass --db FILE / set KG_DB",
            db.display()
        );
    }
    Store::open(db).with_context(|| format!("opening {}", db.display()))
}

/// Loads the store into the graph view.
pub fn load_graph(store: &Store) -> anyhow::Result<KnowledgeGraph> {
    let (entities, relations) = store.graph_records()?;
    Ok(KnowledgeGraph::from_records(entities, relations))
}

/// The walk options `path`, `neighbors` and `export` share.
#[derive(clap::Args, Debug)]
pub struct WalkArgs {
    /// Follow relations only from subject to object.
    #[arg(long)]
    pub directed: bool,
    /// Only use these relation labels (repeatable, or comma-separated).
    #[arg(long = "relation")]
    pub relations: Vec<String>,
}

/// Parses repeated `--relation` values.
pub fn parse_labels(values: &[String]) -> anyhow::Result<Vec<RelationLabel>> {
    values
        .iter()
        .flat_map(|v| v.split(','))
        .map(|v| {
            v.trim()
                .parse::<RelationLabel>()
                .map_err(anyhow::Error::msg)
        })
        .collect()
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

/// How `build` and `extract` use the trained recogniser.
#[derive(clap::Args, Debug)]
pub struct NerArgs {
    /// Add the trained recogniser's entities where the rules found none (data/models).
    #[arg(long)]
    pub ner: bool,
    /// Models folder for --ner.
    #[arg(long, default_value = "data/models", env = "KG_MODELS")]
    pub models: std::path::PathBuf,
}

/// The extraction pipeline, with the trained recogniser when asked for.
pub fn pipeline(args: &NerArgs) -> anyhow::Result<kg::pipeline::Pipeline> {
    let p = kg::pipeline::Pipeline::new();
    if !args.ner {
        return Ok(p);
    }
    let models = kg::nlp::tagger::TaggerModels::load(&args.models).with_context(|| {
        format!(
            "loading models from {} (see data/models/README.md)",
            args.models.display()
        )
    })?;
    Ok(p.with_tagger(models))
}
