//! `kg bench`: generate a big synthetic graph, and time graph loading and queries on a store.

use super::{open_existing, Outcome};
use anyhow::Context;
use kg::graph::cache::{self, Source};
use kg::graph::compact::{CompactGraph, EdgeFilter, Walk};
use kg::graph::generate::{scale_free, SplitMix64};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(clap::Subcommand, Debug)]
enum What {
    /// Write a scale-free labelled graph (preferential attachment) as import TSV.
    Gen {
        /// Number of entities.
        #[arg(long, default_value_t = 1_000_000)]
        nodes: u64,
        /// Number of relations (about; each new entity links to edges/nodes earlier ones).
        #[arg(long, default_value_t = 5_000_000)]
        edges: u64,
        /// Random seed.
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// The TSV file to write.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Time loading the graph of --db and random queries on it: shortest paths (undirected,
    /// bidirectional BFS) between random pairs, and 2-hop neighbourhoods (nodes and the
    /// edges among them) of random entities. Compare with scripts/bench_networkx.py on the
    /// pairs written by --pairs-out.
    Graph {
        /// Number of queries of each kind.
        #[arg(long, default_value_t = 1000)]
        queries: usize,
        /// Random seed for the pairs.
        #[arg(long, default_value_t = 7)]
        seed: u64,
        /// Neighbourhood radius.
        #[arg(long, default_value_t = 2)]
        radius: usize,
        /// Write the query pairs (names, A<TAB>B) here.
        #[arg(long)]
        pairs_out: Option<PathBuf>,
        /// Also time petgraph's A* (unit weights, one-directional) on the first N pairs, the
        /// comparison that keeps kg's bidirectional search for unweighted paths.
        #[arg(long, value_name = "N", default_value_t = 0)]
        petgraph: usize,
    },
    /// Tokens per second of the trained pipeline (tokenize + split + POS + NER) on one core,
    /// without and with the dependency parser, over text files (or folders of .txt files).
    Nlp {
        /// Text files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Models folder (default: the models built into kg).
        #[arg(long)]
        models: Option<PathBuf>,
        /// Repeat the whole input this many times.
        #[arg(long, default_value_t = 1)]
        repeat: usize,
        /// Parse with this beam width instead of the model's own (1: greedy).
        #[arg(long)]
        beam: Option<usize>,
    },
}

pub fn run(db: &Path, args: Args, out: &mut impl Write) -> anyhow::Result<Outcome> {
    match args.what {
        What::Gen {
            nodes,
            edges,
            seed,
            output,
        } => {
            let started = Instant::now();
            let file = std::fs::File::create(&output)
                .with_context(|| format!("cannot create {}", output.display()))?;
            let mut w = BufWriter::with_capacity(1 << 20, file);
            let n = scale_free(nodes, edges, seed, &mut w)?;
            writeln!(
                out,
                "wrote {n} triples over {nodes} entities to {} in {:.1} s",
                output.display(),
                started.elapsed().as_secs_f64()
            )?;
        }
        What::Graph {
            queries,
            seed,
            radius,
            pairs_out,
            petgraph,
        } => {
            let opts = GraphBench {
                queries,
                seed,
                radius,
                pairs_out,
                petgraph,
            };
            bench_graph(db, &opts, out)?
        }
        What::Nlp {
            paths,
            models,
            repeat,
            beam,
        } => return super::bench_nlp::run(paths, models, repeat, beam, out),
    }
    Ok(Outcome::Done)
}

/// What `kg bench graph` runs.
struct GraphBench {
    queries: usize,
    seed: u64,
    radius: usize,
    pairs_out: Option<PathBuf>,
    petgraph: usize,
}

fn bench_graph(db: &Path, opts: &GraphBench, out: &mut impl Write) -> anyhow::Result<()> {
    let &GraphBench {
        queries,
        seed,
        radius,
        petgraph,
        ..
    } = opts;
    let pairs_out = opts.pairs_out.as_deref();
    let store = open_existing(db)?;
    let t = Instant::now();
    let (data, source) = cache::load(&store)?;
    let first_load = t.elapsed().as_secs_f64();
    drop(data);
    if source != Source::Cache {
        writeln!(
            out,
            "first load from SQLite (cache rebuilt: {source:?}): {first_load:.2} s"
        )?;
    }
    // The figure that matters: a query command starting up with a fresh cache.
    let t = Instant::now();
    let (data, source) = cache::load(&store)?;
    let read = t.elapsed().as_secs_f64();
    let graph = CompactGraph::build(&data, &EdgeFilter::default());
    drop(data);
    let load = t.elapsed().as_secs_f64();
    writeln!(
        out,
        "load ({source:?}): {load:.2} s (read {read:.2} s + build {:.2} s) — {} nodes, {} edges",
        load - read,
        graph.node_count(),
        graph.edge_count()
    )?;
    let n = graph.node_count() as u64;
    if n == 0 {
        anyhow::bail!("the graph is empty");
    }
    let mut rng = SplitMix64::new(seed);
    let pairs: Vec<(u32, u32)> = (0..queries)
        .map(|_| (rng.below(n) as u32, rng.below(n) as u32))
        .collect();
    if let Some(path) = pairs_out {
        let mut ids: Vec<kg::model::EntityId> = pairs
            .iter()
            .flat_map(|&(a, b)| [graph.id_of(a), graph.id_of(b)])
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let names = store.entities_by_ids(&ids)?;
        let mut w = BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?,
        );
        for &(a, b) in &pairs {
            let name = |v: u32| names.get(&graph.id_of(v)).map_or("", |e| e.name.as_str());
            writeln!(w, "{}\t{}", name(a), name(b))?;
        }
        w.flush()?;
    }
    let mut searcher = graph.searcher();
    let t = Instant::now();
    let (mut found, mut hops) = (0usize, 0usize);
    for &(a, b) in &pairs {
        if let Some(p) = searcher.shortest_path(a, b, Walk::default()) {
            found += 1;
            hops += p.len() - 1;
        }
    }
    let paths = t.elapsed().as_secs_f64();
    writeln!(
        out,
        "{queries} shortest paths: {paths:.3} s ({:.3} ms each) — {found} found, {hops} hops in all",
        paths * 1000.0 / queries as f64
    )?;
    if petgraph > 0 {
        let view = graph.view(false);
        let sample = &pairs[..petgraph.min(pairs.len())];
        let t = Instant::now();
        let (mut found_pg, mut hops_pg) = (0usize, 0usize);
        for &(a, b) in sample {
            if let Some((_, p)) = petgraph::algo::astar(view, a, |v| v == b, |_| 1u32, |_| 0) {
                found_pg += 1;
                hops_pg += p.len() - 1;
            }
        }
        let secs = t.elapsed().as_secs_f64();
        writeln!(
            out,
            "{} shortest paths by petgraph's A*: {secs:.3} s ({:.3} ms each) — {found_pg} found, {hops_pg} hops in all",
            sample.len(),
            secs * 1000.0 / sample.len() as f64
        )?;
    }
    let t = Instant::now();
    let (mut hood_nodes, mut hood_edges) = (0usize, 0usize);
    let mut member = vec![false; graph.node_count()];
    for &(a, _) in &pairs {
        let reached = searcher.reach(a, radius, false, false);
        for &v in &reached {
            member[v as usize] = true;
        }
        hood_nodes += reached.len();
        for &v in &reached {
            let mut prev = u32::MAX;
            for st in graph.steps(v, false) {
                if st.to != prev && st.to > v && member[st.to as usize] {
                    hood_edges += 1;
                }
                prev = st.to;
            }
        }
        for &v in &reached {
            member[v as usize] = false;
        }
    }
    let hoods = t.elapsed().as_secs_f64();
    writeln!(
        out,
        "{queries} {radius}-hop neighbourhoods: {hoods:.3} s ({:.3} ms each) — {hood_nodes} nodes, {hood_edges} edges in all",
        hoods * 1000.0 / queries as f64
    )?;
    Ok(())
}
