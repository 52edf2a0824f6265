//! `kg train pos|ner|parse|clusters`: rebuild the model files in data/models from the corpora.

use anyhow::Context;
use kg::kb::KnowledgeBase;
use kg::model::Upos;
use kg::nlp::parse::{features as parse_features, train as parse_train, PARSE_FILE};
use kg::nlp::tagger::train::clusters::{self, ClusterParams};
use kg::nlp::tagger::{conll, recogniser, train, Gazetteer, PosTagger, Resources, WordClusters};
use kg::nlp::tagger::{CLUSTERS_FILE, NER_FILE, POS_FILE};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Arguments of `kg train`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(clap::Subcommand, Debug)]
enum What {
    /// UPOS tagger from UD English-EWT train (epoch picked on dev) → OUT/pos.bin and
    /// OUT/pos.tags.tsv.
    Pos {
        #[command(flatten)]
        common: Common,
        /// Runs over differently shuffled data whose averaged weights are summed.
        #[arg(long, default_value_t = 4)]
        members: usize,
    },
    /// Recogniser from CoNLL-2003 train (epoch picked on dev) → OUT/ner.bin; uses OUT/pos.bin
    /// and OUT/clusters.tsv when the feature groups ask for them.
    Ner {
        #[command(flatten)]
        common: Common,
        /// Feature groups: comma-separated from base, context, gazetteer, clusters, pos,
        /// document, or all.
        #[arg(long, default_value = "all")]
        groups: String,
        /// Write the model to this file instead of OUT/ner.bin (for ablations).
        #[arg(long)]
        model: Option<PathBuf>,
        /// Train this many models (seeds SEED, SEED+1, ...) and average their weights.
        #[arg(long, default_value_t = 1)]
        models: usize,
        /// Feature groups of the first stage when --groups has `aggregate` (default: the same
        /// groups without `aggregate`).
        #[arg(long)]
        first_groups: Option<String>,
    },
    /// Dependency parser from UD English-EWT train (epochs picked on dev, parsed with the
    /// POS tags OUT/pos.bin predicts) → OUT/parse.bin; uses OUT/clusters.tsv.
    Parse {
        #[command(flatten)]
        common: Common,
        /// Passes of the label model.
        #[arg(long, default_value_t = 6)]
        label_epochs: usize,
        /// Transition table size (log2 of rows).
        #[arg(long, default_value_t = 20)]
        bits: u32,
        /// Label table size (log2 of rows).
        #[arg(long, default_value_t = 20)]
        label_bits: u32,
        /// Share of states (after the first epoch) where training follows the model's own
        /// transition instead of the oracle's.
        #[arg(long, default_value_t = 0.9)]
        explore: f64,
        /// Transition models trained with seeds SEED, SEED+1000, ... and averaged.
        #[arg(long, default_value_t = 3)]
        members: usize,
        /// Beam width: 1 trains greedily with the dynamic oracle; more trains with a beam and
        /// max-violation updates, and the model parses with that beam.
        #[arg(long, default_value_t = 1)]
        beam: usize,
        /// Update also when the right transition wins by less than this.
        #[arg(long, default_value_t = 0.0)]
        margin: f32,
        /// Train on UPOS tags predicted by taggers trained on the other N folds of train
        /// (0: gold tags).
        #[arg(long, default_value_t = 5)]
        jackknife: usize,
        /// Transition feature groups to leave out (ablation): comma-separated from distance,
        /// valency, second, third, stack, state, clusters.
        #[arg(long, default_value = "")]
        without: String,
        /// Write the model to this file instead of OUT/parse.bin (a beam-trained model ships
        /// as data/models/parse.beam.bin).
        #[arg(long)]
        model: Option<PathBuf>,
        /// Read the jackknifed tags from this file if it exists, else write them there
        /// (one line of space-separated UPOS per training sentence; saves time in ablations).
        #[arg(long)]
        jackknife_cache: Option<PathBuf>,
        /// Automatically parsed trees (CoNLL-U, predicted UPOS; `scripts/uptrain_parse.py`)
        /// added to EWT train for the transition model (tri-training).
        #[arg(long)]
        extra: Option<PathBuf>,
        /// The label model learns from the --extra trees too.
        #[arg(long)]
        extra_labels: bool,
    },
    /// Word clusters from unlabelled news text (Reuters-21578, BBC, CoNLL/EWT train words) →
    /// OUT/clusters.tsv.
    Clusters {
        /// Corpora folder.
        #[arg(long, default_value = "../shared/corpora")]
        corpora: PathBuf,
        /// Models folder.
        #[arg(long, default_value = "data/models")]
        out: PathBuf,
        /// Words to cluster (most frequent first).
        #[arg(long, default_value_t = 50_000)]
        vocab: usize,
        /// k-means iterations.
        #[arg(long, default_value_t = 12)]
        iterations: usize,
        /// Worker threads.
        #[arg(long, default_value_t = 2)]
        threads: usize,
    },
}

#[derive(clap::Args, Debug)]
struct Common {
    /// Corpora folder.
    #[arg(long, default_value = "../shared/corpora")]
    corpora: PathBuf,
    /// Models folder (read for inputs, written).
    #[arg(long, default_value = "data/models")]
    out: PathBuf,
    /// Passes over the training data.
    #[arg(long, default_value_t = 12)]
    epochs: usize,
    /// Shuffling seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

/// Runs `kg train`.
pub fn run(args: Args, out: &mut impl Write) -> anyhow::Result<super::Outcome> {
    match args.what {
        What::Pos { common, members } => train_pos(&common, members, out)?,
        What::Parse {
            common,
            label_epochs,
            bits,
            label_bits,
            explore,
            members,
            margin,
            beam,
            jackknife,
            jackknife_cache,
            without,
            model,
            extra,
            extra_labels,
        } => {
            let mut groups = parse_features::group::ALL;
            for name in without.split(',').filter(|n| !n.is_empty()) {
                let bit = parse_features::group::NAMES
                    .iter()
                    .position(|g| *g == name)
                    .with_context(|| format!("unknown feature group {name:?}"))?;
                groups &= !(1 << bit);
            }
            let params = parse_train::ParseParams {
                epochs: common.epochs,
                label_epochs,
                seed: common.seed,
                bits,
                label_bits,
                explore,
                members,
                margin,
                groups,
                beam,
                auto_labels: extra_labels,
                ..parse_train::ParseParams::default()
            };
            let model = model.unwrap_or_else(|| common.out.join(PARSE_FILE));
            train_parse(
                &common,
                &params,
                jackknife,
                jackknife_cache.as_deref(),
                extra.as_deref(),
                &model,
                out,
            )?
        }
        What::Ner {
            common,
            groups,
            model,
            models,
            first_groups,
        } => train_ner(
            &common,
            &groups,
            first_groups.as_deref(),
            model,
            models,
            out,
        )?,
        What::Clusters {
            corpora,
            out: dir,
            vocab,
            iterations,
            threads,
        } => {
            let start = Instant::now();
            let texts = clusters::unlabelled_texts(&corpora)?;
            let params = ClusterParams {
                vocab,
                iterations,
                threads,
                ..ClusterParams::default()
            };
            let (wc, stats) = clusters::train_clusters(texts.iter().map(String::as_str), &params);
            let header = format!(
                "kg word clusters (derived; rebuild: kg train clusters --corpora ../shared/corpora --out data/models)\n\
                 k-means over PPMI contexts at offsets -2,-1,+1,+2; levels {:?}; {} tokens, {} types, {} words clustered\n\
                 word\tc{}\tc{}\tc{}\tc{}",
                params.levels, stats.tokens, stats.types, stats.clustered,
                params.levels[0], params.levels[1], params.levels[2], params.levels[3]
            );
            std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
            let path = dir.join(CLUSTERS_FILE);
            std::fs::write(&path, wc.to_text(&header))
                .with_context(|| format!("writing {}", path.display()))?;
            writeln!(
                out,
                "clusters: {} tokens, {} types, {} words → {} (cohesion by iteration {:?}) in {:.1}s",
                stats.tokens,
                stats.types,
                stats.clustered,
                path.display(),
                stats.cohesion.iter().map(|c| (c * 1000.0).round() / 1000.0).collect::<Vec<_>>(),
                start.elapsed().as_secs_f64()
            )?;
        }
    }
    Ok(super::Outcome::Done)
}

fn train_pos(c: &Common, members: usize, out: &mut impl Write) -> anyhow::Result<()> {
    let start = Instant::now();
    let ud = c.corpora.join("ud_english_ewt");
    let train = conll::read_conllu(&ud.join("en_ewt-ud-train.conllu"))?;
    let dev = conll::read_conllu(&ud.join("en_ewt-ud-dev.conllu"))?;
    let clusters = Some(
        WordClusters::load(&c.out.join(CLUSTERS_FILE))
            .context("the POS tagger uses word clusters: run `kg train clusters` first")?,
    );
    let params = train::pos::PosParams {
        epochs: c.epochs,
        seed: c.seed,
        members,
        ..train::pos::PosParams::default()
    };
    let (mut log, mut best) = (Vec::new(), 0.0f64);
    let tagger =
        train::pos::train_pos_with(&train, &dev, clusters.as_ref(), &params, &mut |e, a| {
            log.push(format!("epoch {e}: dev accuracy {:.2}%", a * 100.0));
            // The tagger returned is the best epoch's.
            best = best.max(a);
        });
    for l in log {
        writeln!(out, "{l}")?;
    }
    std::fs::create_dir_all(&c.out)?;
    let path = c.out.join(POS_FILE);
    tagger.save(&path)?;
    writeln!(
        out,
        "pos [{}; {} runs summed]: dev accuracy {:.2}% → {} ({} non-zero rows) in {:.1}s",
        tagger.model().meta,
        params.members,
        best * 100.0,
        path.display(),
        tagger.model().nonzero_rows(),
        start.elapsed().as_secs_f64()
    )?;
    Ok(())
}

/// UPOS tags the POS tagger of a models folder predicts for gold-tokenised sentences.
pub fn predicted_upos(
    sents: &[conll::TaggedSentence],
    dir: &Path,
    clusters: Option<&WordClusters>,
) -> anyhow::Result<Vec<Vec<Upos>>> {
    let tagger = PosTagger::load(&dir.join(POS_FILE))
        .context("the parser reads predicted tags: run `kg train pos` first")?;
    let upos: Vec<Upos> = tagger
        .labels()
        .iter()
        .map(|l| l.parse().unwrap_or(Upos::X))
        .collect();
    Ok(tagger
        .predict(sents, clusters)
        .into_iter()
        .map(|s| s.into_iter().map(|y| upos[y as usize]).collect())
        .collect())
}

fn train_parse(
    c: &Common,
    params: &parse_train::ParseParams,
    jackknife: usize,
    cache: Option<&Path>,
    extra: Option<&Path>,
    path: &Path,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let start = Instant::now();
    let ud = c.corpora.join("ud_english_ewt");
    let mut train = conll::read_conllu(&ud.join("en_ewt-ud-train.conllu"))?;
    let dev = conll::read_conllu(&ud.join("en_ewt-ud-dev.conllu"))?;
    let clusters = WordClusters::load(&c.out.join(CLUSTERS_FILE))
        .context("the parser uses word clusters: run `kg train clusters` first")?;
    let dev_tags = predicted_upos(&dev, &c.out, Some(&clusters))?;
    let cached = cache
        .filter(|p| p.exists())
        .map(|p| read_tags(p, train.len()))
        .transpose()?;
    let mut train_tags = if let Some(tags) = cached {
        tags
    } else if jackknife > 1 {
        let pos_params = train::pos::PosParams {
            members: 1,
            epochs: 8,
            ..train::pos::PosParams::default()
        };
        let tags =
            parse_train::jackknife_tags(&train, &dev, Some(&clusters), jackknife, &pos_params);
        if let Some(p) = cache {
            let text: String = tags
                .iter()
                .map(|s| {
                    let t: Vec<&str> = s.iter().map(|u| u.as_str()).collect();
                    t.join(" ") + "\n"
                })
                .collect();
            std::fs::write(p, text).with_context(|| format!("writing {}", p.display()))?;
        }
        tags
    } else {
        parse_train::gold_tags(&train)
    };
    let mut params = params.clone();
    if let Some(p) = extra {
        // Their UPOS column holds the tags kg predicted, which is what the features read.
        let auto: Vec<_> = conll::read_conllu(p)?
            .into_iter()
            .filter(|s| !s.heads.is_empty())
            .collect();
        train_tags.extend(parse_train::gold_tags(&auto));
        params.auto = auto.len();
        train.extend(auto);
    }
    // Progress is written as it comes (a beam-trained run takes many minutes); a failed
    // write is kept and reported once training returns.
    let mut written = Ok(());
    let parser = parse_train::train_parser(
        &train,
        &train_tags,
        &dev,
        &dev_tags,
        Some(&clusters),
        &params,
        &mut |p| {
            let line = if p.stage == "labels" {
                format!(
                    "labels epoch {}: dev label accuracy on gold trees {:.2}%",
                    p.epoch, p.las
                )
            } else {
                format!(
                    "transitions model {} epoch {}: dev UAS {:.2} LAS {:.2}",
                    p.member, p.epoch, p.uas, p.las
                )
            };
            if written.is_ok() {
                written = writeln!(out, "{line}").and_then(|()| out.flush());
            }
        },
    );
    written?;
    let dev_nodes = parse_train::nodes_of(&dev, &dev_tags, Some(&clusters));
    let (score, _) = parse_train::evaluate(&parser, &dev, &dev_nodes);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    parser.save(path)?;
    let (m, l) = parser.models();
    writeln!(
        out,
        "parse: dev UAS {:.2} LAS {:.2} (predicted UPOS) → {} ({} + {} non-zero rows, {:.1} MB) in {:.1}s",
        score.uas(),
        score.las(),
        path.display(),
        m.nonzero_rows(),
        l.nonzero_rows(),
        parser.to_bytes().len() as f64 / 1e6,
        start.elapsed().as_secs_f64()
    )?;
    Ok(())
}

/// Reads tags written by `--jackknife-cache`: one line per sentence.
fn read_tags(path: &Path, sentences: usize) -> anyhow::Result<Vec<Vec<Upos>>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let tags: Vec<Vec<Upos>> = text
        .lines()
        .map(|l| {
            l.split_whitespace()
                .map(|t| t.parse().unwrap_or(Upos::X))
                .collect()
        })
        .collect();
    anyhow::ensure!(
        tags.len() == sentences,
        "{}: {} lines for {sentences} training sentences",
        path.display(),
        tags.len()
    );
    Ok(tags)
}

/// The resources a recogniser with `groups` needs, from a models folder.
pub fn resources_for(groups: u32, dir: &Path) -> anyhow::Result<Resources> {
    let mut res = Resources::default();
    if groups & (recogniser::group::CLUSTERS | recogniser::group::POS) != 0 {
        let path = dir.join(CLUSTERS_FILE);
        res.clusters = Some(
            WordClusters::load(&path)
                .context("the clusters group needs `kg train clusters` first")?,
        );
    }
    if groups & recogniser::group::GAZETTEER != 0 {
        res.gazetteer = Some(Gazetteer::from_kb(KnowledgeBase::embedded()));
    }
    if groups & recogniser::group::POS != 0 {
        let path = dir.join(POS_FILE);
        let tagger = PosTagger::load(&path).context("the pos group needs `kg train pos` first")?;
        res.pos = Some(tagger);
    }
    Ok(res)
}

fn train_ner(
    c: &Common,
    groups: &str,
    first_groups: Option<&str>,
    model: Option<PathBuf>,
    models: usize,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let start = Instant::now();
    let groups = recogniser::parse_groups(groups).map_err(anyhow::Error::msg)?;
    let dir = c.corpora.join("conll2003");
    let train = conll::read_conll2003(&dir.join("train.txt"))?;
    let dev = conll::read_conll2003(&dir.join("dev.txt"))?;
    let first_groups = first_groups
        .map(recogniser::parse_groups)
        .transpose()
        .map_err(anyhow::Error::msg)?;
    let res = resources_for(groups | first_groups.unwrap_or(0), &c.out)?;
    let params = train::recogniser::NerParams {
        groups,
        epochs: c.epochs,
        seed: c.seed,
        models,
        first_groups,
    };
    let mut log = Vec::new();
    let two_stage = groups & recogniser::group::AGGREGATE != 0;
    let tagger = train::recogniser::train_ner(&train, &dev, &res, &params, &mut |p| {
        let stage = match (two_stage, p.stage) {
            (false, _) => "",
            (true, 1) => "first stage: ",
            (true, _) => "second stage: ",
        };
        let f = p.dev_f1 * 100.0;
        log.push(if p.epoch == 0 {
            format!("{stage}averaged model: dev F1 {f:.2}")
        } else {
            let seed = c.seed + p.model as u64 - 1;
            format!(
                "{stage}model {} (seed {seed}) epoch {}: dev F1 {f:.2}",
                p.model, p.epoch
            )
        });
    });
    for l in log {
        writeln!(out, "{l}")?;
    }
    let path = model.unwrap_or_else(|| c.out.join(NER_FILE));
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    tagger.save(&path)?;
    let f = tagger.evaluate(&dev, &res).0.f1();
    writeln!(
        out,
        "ner [{}]: dev F1 {:.2} → {} ({} non-zero rows) in {:.1}s",
        tagger.model().meta,
        f * 100.0,
        path.display(),
        tagger.model().nonzero_rows(),
        start.elapsed().as_secs_f64()
    )?;
    Ok(())
}
