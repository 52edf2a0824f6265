//! Training word clusters: spherical k-means over random projections of each word's
//! PPMI-weighted neighbour counts, refined into a four-level hierarchy (`kg train clusters`);
//! the unlabelled text it reads from the shared corpora.

use crate::error::{Error, Result};
use crate::nlp::tagger::clusters::WordClusters;
use crate::nlp::tagger::hash::combine;
use crate::nlp::tagger::token_info::CLUSTER_LEVELS;
use crate::nlp::tokenize::tokenize;
use std::collections::HashMap;
use std::path::Path;

/// Settings of the clustering.
#[derive(Debug, Clone)]
pub struct ClusterParams {
    /// Most frequent words to cluster.
    pub vocab: usize,
    /// Words seen fewer times are not clustered.
    pub min_count: u32,
    /// Most frequent words used as context dimensions.
    pub contexts: usize,
    /// Random projection width.
    pub dims: usize,
    /// Cluster counts from coarse to fine.
    pub levels: [usize; CLUSTER_LEVELS],
    /// k-means iterations at the finest level.
    pub iterations: usize,
    /// Worker threads.
    pub threads: usize,
}

impl Default for ClusterParams {
    fn default() -> Self {
        ClusterParams {
            vocab: 50_000,
            min_count: 3,
            contexts: 2_000,
            dims: 256,
            levels: [16, 64, 256, 1024],
            iterations: 12,
            threads: 2,
        }
    }
}

/// What the clustering saw.
#[derive(Debug, Clone, Default)]
pub struct ClusterStats {
    /// Tokens read.
    pub tokens: usize,
    /// Distinct word forms.
    pub types: usize,
    /// Words clustered.
    pub clustered: usize,
    /// Mean cosine of words to their fine centroid, per iteration.
    pub cohesion: Vec<f32>,
}

/// Clusters the words of `texts` (raw text, tokenized here).
pub fn train_clusters<'a>(
    texts: impl IntoIterator<Item = &'a str>,
    p: &ClusterParams,
) -> (WordClusters, ClusterStats) {
    let mut stats = ClusterStats::default();
    // Intern every token; -1 marks a text boundary.
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut words: Vec<String> = Vec::new();
    let mut counts: Vec<u32> = Vec::new();
    let mut stream: Vec<u32> = Vec::new();
    const BOUNDARY: u32 = u32::MAX;
    for text in texts {
        for t in tokenize(text) {
            let w = t.span.slice(text);
            let id = match ids.get(w) {
                Some(&id) => id,
                None => {
                    let id = words.len() as u32;
                    ids.insert(w.to_string(), id);
                    words.push(w.to_string());
                    counts.push(0);
                    id
                }
            };
            counts[id as usize] += 1;
            stream.push(id);
        }
        stream.push(BOUNDARY);
    }
    stats.tokens = stream.len() - stream.iter().filter(|&&i| i == BOUNDARY).count();
    stats.types = words.len();
    // Frequency ranks (ties by spelling, for determinism).
    let mut order: Vec<u32> = (0..words.len() as u32).collect();
    order.sort_by(|&a, &b| {
        counts[b as usize]
            .cmp(&counts[a as usize])
            .then_with(|| words[a as usize].cmp(&words[b as usize]))
    });
    let mut rank = vec![u32::MAX; words.len()];
    for (r, &id) in order.iter().enumerate() {
        rank[id as usize] = r as u32;
    }
    let v = order
        .iter()
        .take(p.vocab)
        .take_while(|&&id| counts[id as usize] >= p.min_count)
        .count();
    let c = p.contexts.min(words.len());
    stats.clustered = v;
    // Sparse co-occurrence counts: word rank → (context dim → count); one block of `c` dims per
    // offset (-2, -1, +1, +2), so left and right neighbours stay distinct.
    let mut cooc: Vec<HashMap<u32, f32>> = vec![HashMap::new(); v];
    let ctx = |id: u32| -> Option<u32> {
        (id != BOUNDARY && (rank[id as usize] as usize) < c).then(|| rank[id as usize])
    };
    for i in 0..stream.len() {
        let id = stream[i];
        if id == BOUNDARY || rank[id as usize] as usize >= v {
            continue;
        }
        let row = &mut cooc[rank[id as usize] as usize];
        for (block, off) in [(0u32, -2isize), (1, -1), (2, 1), (3, 2)] {
            let j = i as isize + off;
            if j < 0 || j as usize >= stream.len() {
                continue;
            }
            // Do not look across a text boundary.
            let (lo, hi) = if off < 0 {
                (j as usize, i)
            } else {
                (i + 1, j as usize + 1)
            };
            if stream[lo..hi].contains(&BOUNDARY) {
                continue;
            }
            if let Some(k) = ctx(stream[j as usize]) {
                // Nearer neighbours count more.
                let weight = if off.abs() == 1 { 1.0 } else { 0.5 };
                *row.entry(block * c as u32 + k).or_default() += weight;
            }
        }
    }
    // PPMI, then a ±1 random projection to `dims`, then unit length.
    let mut ctx_total = vec![0f64; 4 * c];
    let mut grand = 0f64;
    for row in &cooc {
        for (&k, &n) in row {
            ctx_total[k as usize] += f64::from(n);
            grand += f64::from(n);
        }
    }
    let d = p.dims;
    let mut vecs = vec![0f32; v * d];
    for (w, row) in cooc.iter().enumerate() {
        let wt: f64 = row.values().map(|&n| f64::from(n)).sum();
        let out = &mut vecs[w * d..(w + 1) * d];
        let mut keys: Vec<(&u32, &f32)> = row.iter().collect();
        keys.sort_by_key(|(k, _)| **k);
        for (&k, &n) in keys {
            let pmi = ((f64::from(n) * grand) / (wt * ctx_total[k as usize])).ln();
            if pmi <= 0.0 {
                continue;
            }
            let mut bits = combine(0x7270, u64::from(k));
            for (j, o) in out.iter_mut().enumerate() {
                if j % 64 == 0 {
                    bits = combine(bits, j as u64);
                }
                *o += if bits >> (j % 64) & 1 == 1 {
                    pmi as f32
                } else {
                    -(pmi as f32)
                };
            }
        }
        normalize(out);
    }
    drop(cooc);
    // Fine level: k-means seeded with an evenly spread sample of the vocabulary by frequency
    // rank (seeding with only the most frequent words gives clusters of function words and
    // one huge cluster of the rest).
    let k_fine = p.levels[CLUSTER_LEVELS - 1].min(v.max(1));
    let mut assign = vec![0u32; v];
    let mut cent: Vec<f32> = Vec::with_capacity(k_fine * d);
    for j in 0..k_fine {
        // Quadratic spacing: denser among frequent words, still reaching the rare ones.
        let x = j as f64 / k_fine as f64;
        let r = ((x * x) * v as f64) as usize;
        let r = r.max(j).min(v - 1);
        cent.extend_from_slice(&vecs[r * d..(r + 1) * d]);
    }
    for _ in 0..p.iterations {
        let cohesion = assign_all(&vecs, &cent, d, p.threads, &mut assign);
        stats.cohesion.push(cohesion);
        cent = centroids(&vecs, &assign, k_fine, d, &cent);
    }
    assign_all(&vecs, &cent, d, p.threads, &mut assign);
    // Coarser levels: cluster the centroids (weighted equally), seeded by the biggest.
    let mut level_of_fine: Vec<Vec<u32>> = vec![Vec::new(); CLUSTER_LEVELS];
    level_of_fine[CLUSTER_LEVELS - 1] = (0..k_fine as u32).collect();
    let mut cur_cent = cent.clone();
    let mut cur_map: Vec<u32> = (0..k_fine as u32).collect(); // fine id → current level id
    for lvl in (0..CLUSTER_LEVELS - 1).rev() {
        let n_cur = cur_cent.len() / d;
        let k = p.levels[lvl].min(n_cur.max(1));
        let mut a = vec![0u32; n_cur];
        let mut cc: Vec<f32> = cur_cent[..k * d].to_vec();
        for _ in 0..20 {
            assign_all(&cur_cent, &cc, d, 1, &mut a);
            cc = centroids(&cur_cent, &a, k, d, &cc);
        }
        assign_all(&cur_cent, &cc, d, 1, &mut a);
        cur_map = cur_map.iter().map(|&m| a[m as usize]).collect();
        level_of_fine[lvl] = cur_map.clone();
        cur_cent = cc;
    }
    let mut entries = Vec::with_capacity(v);
    for (r, &id) in order.iter().take(v).enumerate() {
        let fine = assign[r];
        let mut c = [0u16; CLUSTER_LEVELS];
        for (lvl, slot) in c.iter_mut().enumerate() {
            *slot = level_of_fine[lvl][fine as usize] as u16;
        }
        entries.push((words[id as usize].clone(), c));
    }
    (WordClusters::from_entries(entries), stats)
}

fn normalize(v: &mut [f32]) {
    let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if n > 0.0 {
        v.iter_mut().for_each(|x| *x /= n);
    }
}

/// Assigns each vector to its nearest centroid by cosine; returns mean cosine.
fn assign_all(vecs: &[f32], cent: &[f32], d: usize, threads: usize, assign: &mut [u32]) -> f32 {
    let n = assign.len();
    let chunk = n.div_ceil(threads.max(1)).max(1);
    let total: f64 = std::thread::scope(|s| {
        let handles: Vec<_> = assign
            .chunks_mut(chunk)
            .enumerate()
            .map(|(ci, out)| {
                s.spawn(move || {
                    let mut sum = 0f64;
                    for (k, a) in out.iter_mut().enumerate() {
                        let i = ci * chunk + k;
                        let x = &vecs[i * d..(i + 1) * d];
                        let (mut best, mut bi) = (f32::NEG_INFINITY, 0u32);
                        for (j, c) in cent.chunks_exact(d).enumerate() {
                            let dot: f32 = x.iter().zip(c).map(|(a, b)| a * b).sum();
                            if dot > best {
                                best = dot;
                                bi = j as u32;
                            }
                        }
                        *a = bi;
                        sum += f64::from(best);
                    }
                    sum
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or(0.0)).sum()
    });
    (total / n.max(1) as f64) as f32
}

/// Unit-length mean of each cluster; an empty cluster keeps its old centroid.
fn centroids(vecs: &[f32], assign: &[u32], k: usize, d: usize, old: &[f32]) -> Vec<f32> {
    let mut c = vec![0f32; k * d];
    let mut n = vec![0u32; k];
    for (i, &a) in assign.iter().enumerate() {
        n[a as usize] += 1;
        for (o, x) in c[a as usize * d..(a as usize + 1) * d]
            .iter_mut()
            .zip(&vecs[i * d..(i + 1) * d])
        {
            *o += x;
        }
    }
    for j in 0..k {
        if n[j] == 0 {
            c[j * d..(j + 1) * d].copy_from_slice(&old[j * d..(j + 1) * d]);
        } else {
            normalize(&mut c[j * d..(j + 1) * d]);
        }
    }
    c
}

/// Unlabelled news text under a corpora folder: Reuters-21578 titles and bodies, BBC articles,
/// and the words of the CoNLL-2003 and EWT training files (never dev or test).
pub fn unlabelled_texts(corpora: &Path) -> Result<Vec<String>> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io { path, source }
    };
    let mut texts = Vec::new();
    let reuters = corpora.join("reuters21578");
    for i in 0..22 {
        let path = reuters.join(format!("reut2-{i:03}.sgm"));
        let bytes = std::fs::read(&path).map_err(io(&path))?;
        // Latin-1: every byte is its code point.
        let text: String = bytes.iter().map(|&b| b as char).collect();
        for tag in ["TITLE", "BODY"] {
            let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
            let mut rest = text.as_str();
            while let Some(s) = rest.find(&open) {
                let after = &rest[s + open.len()..];
                let Some(e) = after.find(&close) else { break };
                texts.push(unescape_sgml(&after[..e]));
                rest = &after[e + close.len()..];
            }
        }
    }
    let bbc = corpora.join("bbc");
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for cat in ["business", "entertainment", "politics", "sport", "tech"] {
        let dir = bbc.join(cat);
        for e in std::fs::read_dir(&dir).map_err(io(&dir))? {
            files.push(e.map_err(io(&dir))?.path());
        }
    }
    files.sort();
    for f in files {
        let bytes = std::fs::read(&f).map_err(io(&f))?;
        texts.push(String::from_utf8_lossy(&bytes).into_owned());
    }
    for doc in crate::nlp::tagger::conll::read_conll2003(&corpora.join("conll2003/train.txt"))? {
        for s in doc {
            texts.push(s.words.join(" "));
        }
    }
    for s in crate::nlp::tagger::conll::read_conllu(
        &corpora.join("ud_english_ewt/en_ewt-ud-train.conllu"),
    )? {
        texts.push(s.words.join(" "));
    }
    Ok(texts)
}

fn unescape_sgml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let end = after.find(';').filter(|&e| e <= 8);
        match end.map(|e| &after[1..e]) {
            Some("lt") => out.push('<'),
            Some("gt") => out.push('>'),
            Some("amp") => out.push('&'),
            Some(code) if code.starts_with('#') => out.push(' '),
            _ => {
                out.push('&');
                rest = &after[1..];
                continue;
            }
        }
        rest = &after[end.unwrap_or(0) + 1..];
    }
    out.push_str(rest);
    out.replace("Reuter\n", "\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::tagger::hash::{hash_str, key_hash};

    #[test]
    fn clusters_separate_distributional_classes_and_round_trip() {
        // Synthetic text: cities and verbs appear in distinct frames.
        let cities = ["Paris", "Berlin", "Rome", "Madrid", "Vienna", "Oslo"];
        let verbs = ["said", "added", "noted", "stated", "argued", "claimed"];
        let mut texts = Vec::new();
        for i in 0..600 {
            let c = cities[i % cities.len()];
            let v = verbs[(i * 7) % verbs.len()];
            texts.push(format!(
                "officials in {c} on Monday . the minister {v} that it was over ."
            ));
        }
        let p = ClusterParams {
            vocab: 100,
            min_count: 2,
            contexts: 50,
            dims: 32,
            levels: [2, 3, 4, 6],
            iterations: 8,
            threads: 2,
        };
        let (wc, stats) = train_clusters(texts.iter().map(String::as_str), &p);
        assert!(stats.tokens > 5_000);
        let fine = |w: &str| wc.lookup(w, hash_str(w), key_hash(w, &mut Vec::new()))[3];
        let city: std::collections::HashSet<u16> = cities.iter().map(|w| fine(w)).collect();
        let verb: std::collections::HashSet<u16> = verbs.iter().map(|w| fine(w)).collect();
        assert!(city.is_disjoint(&verb), "cities {city:?} verbs {verb:?}");
        let back = WordClusters::parse(&wc.to_text("test"), "t").expect("parse");
        assert_eq!(back, wc);
        let upper = "PARIS";
        assert_eq!(
            wc.lookup(upper, hash_str(upper), key_hash(upper, &mut Vec::new()))[3],
            fine("Paris")
        );
    }

    #[test]
    fn unescapes_reuters_markup() {
        assert_eq!(unescape_sgml("a &lt;b&gt; &amp; c&#3;"), "a <b> & c ");
        assert_eq!(unescape_sgml("AT&T said"), "AT&T said");
    }
}
