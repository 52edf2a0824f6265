//! The compact graph core for queries on big graphs: entities as dense `u32` indexes, relations
//! aggregated per (subject, label, object) into edge arrays, and one CSR adjacency list walked
//! both ways. Evidence stays in the store; an edge keeps only the id of its best relation.

use crate::model::{EntityId, EntityType, RelationId, RelationLabel};
use petgraph::visit::{IntoNeighbors, IntoNeighborsDirected};
use petgraph::Direction::{Incoming, Outgoing};
use std::cmp::Ordering;

/// Marks an adjacency entry whose edge points *into* the node that lists it.
const BACKWARD: u32 = 1 << 31;

// The columns are model types: the store produces them, the graph consumes them.
pub use crate::model::columns::{
    date_code, kind_code, kind_of, label_code, label_of, GraphData, RelationColumns,
};

/// Which stored relations count as edges.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EdgeFilter {
    /// Only these labels; empty means every label.
    pub relations: Vec<RelationLabel>,
    /// Never these labels.
    pub exclude: Vec<RelationLabel>,
    /// Only relations at least this confident.
    pub min_confidence: Option<f32>,
    /// Only relations from documents dated on or after this `YYYYMMDD` (undated ones drop out).
    pub since: Option<u32>,
    /// Only relations from documents dated on or before this `YYYYMMDD` (undated ones drop out).
    pub until: Option<u32>,
}

impl EdgeFilter {
    /// True when a label passes the include and exclude lists.
    pub fn label_allowed(&self, label: RelationLabel) -> bool {
        (self.relations.is_empty() || self.relations.contains(&label))
            && !self.exclude.contains(&label)
    }

    /// True when a stored relation with these values passes.
    pub fn admits(&self, label: RelationLabel, confidence: f32, date: u32) -> bool {
        if !self.label_allowed(label) {
            return false;
        }
        // NaN confidence fails every bound.
        if self
            .min_confidence
            .is_some_and(|m| confidence.partial_cmp(&m).is_none_or(|o| o.is_lt()))
        {
            return false;
        }
        if (self.since.is_some() || self.until.is_some()) && date == 0 {
            return false;
        }
        self.since.is_none_or(|s| date >= s) && self.until.is_none_or(|u| date <= u)
    }
}

/// One aggregated edge of a [`CompactGraph`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EdgeView {
    /// Edge index.
    pub index: u32,
    /// Subject node index.
    pub subject: u32,
    /// Object node index.
    pub object: u32,
    /// Label.
    pub label: RelationLabel,
    /// Number of stored relations folded in.
    pub support: u32,
    /// Highest confidence among them.
    pub max_confidence: f32,
    /// Store id of the most confident relation (ties: lowest id), for its evidence.
    pub best_relation: RelationId,
}

/// Entities and aggregated relations in flat arrays, with an adjacency list for walking.
#[derive(Debug, Clone, Default)]
pub struct CompactGraph {
    node_ids: Vec<EntityId>,
    node_kinds: Vec<u8>,
    edge_subject: Vec<u32>,
    edge_object: Vec<u32>,
    edge_label: Vec<u8>,
    edge_support: Vec<u32>,
    edge_confidence: Vec<f32>,
    edge_best: Vec<RelationId>,
    /// `adj_start[n]..adj_start[n + 1]` are node n's entries in `adj_node` / `adj_edge`.
    adj_start: Vec<u32>,
    adj_node: Vec<u32>,
    /// Edge index, with [`BACKWARD`] set when the edge points into the listing node.
    adj_edge: Vec<u32>,
}

/// One way out of a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// The neighbour.
    pub to: u32,
    /// The edge.
    pub edge: u32,
    /// True when walked subject → object.
    pub forward: bool,
}

/// The steps out of one node, in ascending neighbour order.
#[derive(Debug, Clone)]
pub struct StepIter<'g> {
    // A zip of slice iterators: the standard library walks both with one bounds check.
    entries: std::iter::Zip<std::slice::Iter<'g, u32>, std::slice::Iter<'g, u32>>,
    only: Option<bool>,
}

impl Iterator for StepIter<'_> {
    type Item = Step;
    #[inline]
    fn next(&mut self) -> Option<Step> {
        for (&to, &e) in &mut self.entries {
            let step = Step {
                to,
                edge: e & !BACKWARD,
                forward: e & BACKWARD == 0,
            };
            if self.only.is_none_or(|f| step.forward == f) {
                return Some(step);
            }
        }
        None
    }
}

impl CompactGraph {
    /// Aggregates the relations that pass `filter` into edges and builds the adjacency list.
    /// Relations must be sorted as [`RelationColumns::sort`] leaves them.
    pub fn build(data: &GraphData, filter: &EdgeFilter) -> CompactGraph {
        let n = data.node_ids.len();
        let r = &data.relations;
        let mut g = CompactGraph {
            node_ids: data.node_ids.clone(),
            node_kinds: data.node_kinds.clone(),
            ..CompactGraph::default()
        };
        let mut last: Option<(u32, u8, u32)> = None;
        for i in 0..r.len() {
            let label = label_of(r.label[i]);
            if !filter.admits(label, r.confidence[i], r.date[i]) {
                continue;
            }
            let key = (r.subject[i], r.label[i], r.object[i]);
            if key.0 as usize >= n || key.2 as usize >= n {
                continue;
            }
            let conf = confidence_key(r.confidence[i]);
            if last == Some(key) {
                let e = g.edge_support.len() - 1;
                g.edge_support[e] += 1;
                // Relations come in id order within a key, so strict `>` keeps the lowest id.
                if conf > confidence_key(g.edge_confidence[e]) {
                    g.edge_confidence[e] = r.confidence[i];
                    g.edge_best[e] = r.id[i];
                }
            } else {
                g.edge_subject.push(key.0);
                g.edge_label.push(key.1);
                g.edge_object.push(key.2);
                g.edge_support.push(1);
                g.edge_confidence.push(r.confidence[i]);
                g.edge_best.push(r.id[i]);
                last = Some(key);
            }
        }
        g.build_adjacency();
        g
    }

    fn build_adjacency(&mut self) {
        let n = self.node_ids.len();
        let mut count = vec![0u32; n + 1];
        for (&s, &o) in self.edge_subject.iter().zip(&self.edge_object) {
            if s != o {
                count[s as usize] += 1;
                count[o as usize] += 1;
            }
        }
        let mut start = vec![0u32; n + 1];
        for i in 0..n {
            start[i + 1] = start[i] + count[i];
        }
        let total = start[n] as usize;
        let mut fill: Vec<u32> = start[..n].to_vec();
        let mut adj_node = vec![0u32; total];
        let mut adj_edge = vec![0u32; total];
        for (e, (&s, &o)) in self.edge_subject.iter().zip(&self.edge_object).enumerate() {
            if s == o {
                continue;
            }
            let (si, oi) = (fill[s as usize] as usize, fill[o as usize] as usize);
            adj_node[si] = o;
            adj_edge[si] = e as u32;
            adj_node[oi] = s;
            adj_edge[oi] = e as u32 | BACKWARD;
            fill[s as usize] += 1;
            fill[o as usize] += 1;
        }
        // Ascending neighbour order makes every walk deterministic.
        for v in 0..n {
            let (a, b) = (start[v] as usize, start[v + 1] as usize);
            let sorted = adj_node[a..b].windows(2).all(|w| w[0] <= w[1]);
            if !sorted {
                let mut pairs: Vec<(u32, u32)> = adj_node[a..b]
                    .iter()
                    .copied()
                    .zip(adj_edge[a..b].iter().copied())
                    .collect();
                pairs.sort_unstable();
                for (k, (nb, e)) in pairs.into_iter().enumerate() {
                    adj_node[a + k] = nb;
                    adj_edge[a + k] = e;
                }
            }
        }
        self.adj_start = start;
        self.adj_node = adj_node;
        self.adj_edge = adj_edge;
    }

    /// Number of entities.
    pub fn node_count(&self) -> usize {
        self.node_ids.len()
    }

    /// Number of aggregated edges.
    pub fn edge_count(&self) -> usize {
        self.edge_subject.len()
    }

    /// The node index of an entity id.
    pub fn index_of(&self, id: EntityId) -> Option<u32> {
        self.node_ids.binary_search(&id).ok().map(|i| i as u32)
    }

    /// The entity id of a node index.
    pub fn id_of(&self, node: u32) -> EntityId {
        self.node_ids[node as usize]
    }

    /// The type of a node.
    pub fn kind_of(&self, node: u32) -> EntityType {
        kind_of(self.node_kinds[node as usize])
    }

    /// One edge.
    pub fn edge(&self, e: u32) -> EdgeView {
        let i = e as usize;
        EdgeView {
            index: e,
            subject: self.edge_subject[i],
            object: self.edge_object[i],
            label: label_of(self.edge_label[i]),
            support: self.edge_support[i],
            max_confidence: self.edge_confidence[i],
            best_relation: self.edge_best[i],
        }
    }

    /// Every edge, sorted by (subject, label, object).
    pub fn edges(&self) -> impl Iterator<Item = EdgeView> + '_ {
        (0..self.edge_count() as u32).map(|e| self.edge(e))
    }

    /// The steps out of `node` in ascending neighbour order (one per edge; self-loops never).
    pub fn steps(&self, node: u32, directed: bool) -> StepIter<'_> {
        self.steps_where(node, if directed { Some(true) } else { None })
    }

    /// Steps of `node` whose `forward` flag is `only` (every step for `None`).
    pub(crate) fn steps_where(&self, node: u32, only: Option<bool>) -> StepIter<'_> {
        let (a, b) = (
            self.adj_start[node as usize] as usize,
            self.adj_start[node as usize + 1] as usize,
        );
        StepIter {
            entries: self.adj_node[a..b].iter().zip(&self.adj_edge[a..b]),
            only,
        }
    }

    /// The highest confidence of edge `e`, by reference (petgraph's edge weight).
    pub(crate) fn confidence_ref(&self, e: u32) -> &f32 {
        &self.edge_confidence[e as usize]
    }

    /// Number of distinct neighbours, both directions (petgraph's neighbours of the
    /// undirected view come sorted, so repeats are adjacent).
    pub fn degree(&self, node: u32) -> usize {
        let mut prev = None;
        self.view(false)
            .neighbors(node)
            .filter(|&x| prev.replace(x) != Some(x))
            .count()
    }

    /// The best edge for walking from `from` to `to`: most support, then highest confidence,
    /// then lowest label, then subject/object order.
    pub fn best_step(&self, from: u32, to: u32, directed: bool) -> Option<Step> {
        self.steps(from, directed)
            .filter(|s| s.to == to)
            .min_by(|a, b| self.compare_edges(a.edge, b.edge))
    }

    fn compare_edges(&self, a: u32, b: u32) -> Ordering {
        let (x, y) = (self.edge(a), self.edge(b));
        y.support
            .cmp(&x.support)
            .then_with(|| {
                confidence_key(y.max_confidence).total_cmp(&confidence_key(x.max_confidence))
            })
            .then_with(|| x.label.cmp(&y.label))
            .then_with(|| (x.subject, x.object).cmp(&(y.subject, y.object)))
    }

    /// A reusable search state for many queries on this graph.
    pub fn searcher(&self) -> Searcher<'_> {
        Searcher::new(self)
    }

    /// Connected components (edges walked both ways), by petgraph's union-find: a component
    /// number per node, numbered by smallest member, and the size of each component.
    pub fn components(&self) -> (Vec<u32>, Vec<u32>) {
        super::visit::components(self)
    }

    /// PageRank over the edges as directed links (symmetric labels link both ways), damping
    /// 0.85, dangling nodes spread evenly, until the L1 change is below 1e-10 or 100 rounds.
    /// kg's own: petgraph 0.8's `page_rank` tests every pair of nodes each round (O(n²), hours
    /// on a million nodes) and drops the random jump between linked pairs.
    pub fn pagerank(&self) -> Vec<f64> {
        let n = self.node_count();
        if n == 0 {
            return Vec::new();
        }
        let links = |u: u32| {
            self.steps(u, false)
                .filter(move |s| s.forward || self.edge(s.edge).label.is_symmetric())
        };
        let out_deg: Vec<u32> = (0..n as u32).map(|u| links(u).count() as u32).collect();
        let d = 0.85;
        let mut rank = vec![1.0 / n as f64; n];
        let mut next = vec![0.0; n];
        for _ in 0..100 {
            let dangling: f64 = (0..n).filter(|&u| out_deg[u] == 0).map(|u| rank[u]).sum();
            let base = (1.0 - d) / n as f64 + d * dangling / n as f64;
            next.iter_mut().for_each(|x| *x = base);
            for u in 0..n as u32 {
                let k = out_deg[u as usize];
                if k == 0 {
                    continue;
                }
                let share = d * rank[u as usize] / f64::from(k);
                for s in links(u) {
                    next[s.to as usize] += share;
                }
            }
            let delta: f64 = rank.iter().zip(&next).map(|(a, b)| (a - b).abs()).sum();
            std::mem::swap(&mut rank, &mut next);
            if delta < 1e-10 {
                break;
            }
        }
        rank
    }

    /// Betweenness centrality (Brandes) on the undirected simple graph, unnormalised (each
    /// unordered pair counted once). With `pivots`, only those sources are used and the result
    /// is scaled by n / pivots.len() — an estimate for graphs too big for the exact count.
    /// kg's own: petgraph 0.8 has no betweenness centrality.
    /// `progress` hears (sources done, sources in all) about every 1,024 sources.
    pub fn betweenness(
        &self,
        pivots: Option<&[u32]>,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Vec<f64> {
        let n = self.node_count();
        let mut cb = vec![0.0f64; n];
        let all: Vec<u32>;
        let sources: &[u32] = match pivots {
            Some(p) => p,
            None => {
                all = (0..n as u32).collect();
                &all
            }
        };
        let mut sigma = vec![0.0f64; n];
        let mut dist = vec![-1i64; n];
        let mut delta = vec![0.0f64; n];
        let mut order: Vec<u32> = Vec::new();
        let mut queue = std::collections::VecDeque::new();
        for (done, &s) in sources.iter().enumerate() {
            if done % 1024 == 0 {
                progress(done, sources.len());
            }
            order.clear();
            sigma[s as usize] = 1.0;
            dist[s as usize] = 0;
            queue.push_back(s);
            while let Some(v) = queue.pop_front() {
                order.push(v);
                let mut prev = u32::MAX;
                for st in self.steps(v, false) {
                    if st.to == prev {
                        continue;
                    }
                    prev = st.to;
                    let w = st.to as usize;
                    if dist[w] < 0 {
                        dist[w] = dist[v as usize] + 1;
                        queue.push_back(st.to);
                    }
                    if dist[w] == dist[v as usize] + 1 {
                        sigma[w] += sigma[v as usize];
                    }
                }
            }
            for &w in order.iter().rev() {
                let mut prev = u32::MAX;
                for st in self.steps(w, false) {
                    if st.to == prev {
                        continue;
                    }
                    prev = st.to;
                    let v = st.to as usize;
                    if dist[v] == dist[w as usize] - 1 {
                        delta[v] += sigma[v] / sigma[w as usize] * (1.0 + delta[w as usize]);
                    }
                }
                if w != s {
                    cb[w as usize] += delta[w as usize];
                }
            }
            for &w in &order {
                sigma[w as usize] = 0.0;
                dist[w as usize] = -1;
                delta[w as usize] = 0.0;
            }
        }
        let scale = if sources.is_empty() {
            0.0
        } else {
            n as f64 / sources.len() as f64 / 2.0
        };
        cb.iter_mut().for_each(|x| *x *= scale);
        cb
    }
}

/// NaN sorts below every real confidence, so a corrupt value never wins.
pub(crate) fn confidence_key(c: f32) -> f32 {
    if c.is_nan() {
        f32::NEG_INFINITY
    } else {
        c
    }
}

/// How a path search may walk.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Walk {
    /// Subject → object only.
    pub directed: bool,
    /// Give up beyond this many hops.
    pub max_hops: Option<usize>,
}

/// Scratch arrays for searches, reused between queries so each costs only what it touches.
pub struct Searcher<'g> {
    g: &'g CompactGraph,
    stamp: u32,
    seen_fwd: Vec<u32>,
    seen_bwd: Vec<u32>,
    parent_fwd: Vec<u32>,
    parent_bwd: Vec<u32>,
    dist_fwd: Vec<u32>,
    dist_bwd: Vec<u32>,
    /// Nodes expanded by the last search (tests check that bounds bound the work).
    pub expanded: usize,
}

impl<'g> Searcher<'g> {
    fn new(g: &'g CompactGraph) -> Self {
        let n = g.node_count();
        Searcher {
            g,
            stamp: 0,
            seen_fwd: vec![0; n],
            seen_bwd: vec![0; n],
            parent_fwd: vec![0; n],
            parent_bwd: vec![0; n],
            dist_fwd: vec![0; n],
            dist_bwd: vec![0; n],
            expanded: 0,
        }
    }

    fn next_stamp(&mut self) -> u32 {
        if self.stamp == u32::MAX {
            self.seen_fwd.iter_mut().for_each(|x| *x = 0);
            self.seen_bwd.iter_mut().for_each(|x| *x = 0);
            self.stamp = 0;
        }
        self.stamp += 1;
        self.stamp
    }

    /// A shortest path from `s` to `t` as node indexes (both ends included), by bidirectional
    /// breadth-first search that always grows the cheaper side; `None` when there is none
    /// within the bound. Deterministic: neighbours are scanned in ascending order.
    /// kg's own rather than petgraph's A*/Dijkstra: growing both ends meets after touching a
    /// few thousand nodes where a one-sided search touches most of a scale-free graph
    /// (`kg bench graph --petgraph N` measures both).
    pub fn shortest_path(&mut self, s: u32, t: u32, walk: Walk) -> Option<Vec<u32>> {
        self.shortest_avoiding(s, t, walk, &|_| false, &|_, _| false)
    }

    /// [`Self::shortest_path`] that never enters a `blocked_node` or walks a `blocked_step`
    /// (from, to) pair; Yen's algorithm uses it.
    pub fn shortest_avoiding(
        &mut self,
        s: u32,
        t: u32,
        walk: Walk,
        blocked_node: &dyn Fn(u32) -> bool,
        blocked_step: &dyn Fn(u32, u32) -> bool,
    ) -> Option<Vec<u32>> {
        self.expanded = 0;
        let n = self.g.node_count() as u32;
        if s >= n || t >= n {
            return None;
        }
        if s == t {
            return Some(vec![s]);
        }
        let limit = walk.max_hops.unwrap_or(usize::MAX);
        if limit == 0 {
            return None;
        }
        let stamp = self.next_stamp();
        let g = self.g;
        self.seen_fwd[s as usize] = stamp;
        self.parent_fwd[s as usize] = s;
        self.seen_bwd[t as usize] = stamp;
        self.parent_bwd[t as usize] = t;
        let mut front_f = vec![s];
        let mut front_b = vec![t];
        let (mut df, mut db) = (0usize, 0usize);
        let mut next = Vec::new();
        while !front_f.is_empty() && !front_b.is_empty() && df + db < limit {
            let cost = |front: &[u32]| -> usize {
                front
                    .iter()
                    .map(|&v| (g.adj_start[v as usize + 1] - g.adj_start[v as usize]) as usize)
                    .sum()
            };
            let forward = cost(&front_f) <= cost(&front_b);
            next.clear();
            let mut meet = None;
            let front = if forward { &front_f } else { &front_b };
            'level: for &v in front {
                self.expanded += 1;
                // Walked through petgraph's trait, so the view decides what a neighbour is.
                let dir = if forward { Outgoing } else { Incoming };
                for w in g.view(walk.directed).neighbors_directed(v, dir) {
                    let blocked = blocked_node(w)
                        || if forward {
                            blocked_step(v, w)
                        } else {
                            blocked_step(w, v)
                        };
                    if blocked {
                        continue;
                    }
                    let (seen, parent, other) = if forward {
                        (&mut self.seen_fwd, &mut self.parent_fwd, &self.seen_bwd)
                    } else {
                        (&mut self.seen_bwd, &mut self.parent_bwd, &self.seen_fwd)
                    };
                    if seen[w as usize] == stamp {
                        continue;
                    }
                    seen[w as usize] = stamp;
                    parent[w as usize] = v;
                    if other[w as usize] == stamp {
                        meet = Some(w);
                        break 'level;
                    }
                    next.push(w);
                }
            }
            if forward {
                df += 1;
                std::mem::swap(&mut front_f, &mut next);
            } else {
                db += 1;
                std::mem::swap(&mut front_b, &mut next);
            }
            if let Some(m) = meet {
                let mut path = Vec::new();
                let mut at = m;
                while at != s {
                    path.push(at);
                    at = self.parent_fwd[at as usize];
                }
                path.push(s);
                path.reverse();
                let mut at = m;
                while at != t {
                    at = self.parent_bwd[at as usize];
                    path.push(at);
                }
                return Some(path);
            }
        }
        None
    }

    /// Breadth-first distances from `s` up to `depth` hops (`backward` walks edges against
    /// their direction when `directed`). Returns the nodes reached in order of distance;
    /// [`Self::distance`] reads a node's distance afterwards.
    pub fn reach(&mut self, s: u32, depth: usize, directed: bool, backward: bool) -> Vec<u32> {
        let stamp = self.next_stamp();
        let g = self.g;
        let (seen, dist) = if backward {
            (&mut self.seen_bwd, &mut self.dist_bwd)
        } else {
            (&mut self.seen_fwd, &mut self.dist_fwd)
        };
        seen[s as usize] = stamp;
        dist[s as usize] = 0;
        let mut order = vec![s];
        let mut head = 0;
        while head < order.len() {
            let v = order[head];
            head += 1;
            let d = dist[v as usize];
            if d as usize >= depth {
                continue;
            }
            let dir = if backward { Incoming } else { Outgoing };
            for w in g.view(directed).neighbors_directed(v, dir) {
                if seen[w as usize] != stamp {
                    seen[w as usize] = stamp;
                    dist[w as usize] = d + 1;
                    order.push(w);
                }
            }
        }
        self.expanded = head;
        order
    }

    /// Distance of `v` found by the last forward (or backward) [`Self::reach`], if reached.
    pub fn distance(&self, v: u32, backward: bool) -> Option<u32> {
        let (seen, dist) = if backward {
            (&self.seen_bwd, &self.dist_bwd)
        } else {
            (&self.seen_fwd, &self.dist_fwd)
        };
        (seen[v as usize] == self.stamp).then(|| dist[v as usize])
    }

    /// Every shortest path from `s` to `t` (at most `limit`, in lexicographic node order).
    pub fn all_shortest(&mut self, s: u32, t: u32, walk: Walk, limit: usize) -> Vec<Vec<u32>> {
        let Some(first) = self.shortest_path(s, t, walk) else {
            return Vec::new();
        };
        let len = first.len() - 1;
        if len == 0 {
            return vec![first];
        }
        // Distances to t, then a depth-first walk from s along nodes one step closer to t.
        // Both reaches share one stamp, so the backward one is done with its own arrays.
        self.reach(t, len, walk.directed, true);
        let to_t: std::collections::HashMap<u32, u32> = {
            let mut m = std::collections::HashMap::new();
            let stamp = self.stamp;
            for (v, (&seen, &d)) in self.seen_bwd.iter().zip(&self.dist_bwd).enumerate() {
                if seen == stamp {
                    m.insert(v as u32, d);
                }
            }
            m
        };
        let mut out = Vec::new();
        let mut path = vec![s];
        self.extend_shortest(&mut path, t, len, walk.directed, &to_t, limit, &mut out);
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn extend_shortest(
        &self,
        path: &mut Vec<u32>,
        t: u32,
        len: usize,
        directed: bool,
        to_t: &std::collections::HashMap<u32, u32>,
        limit: usize,
        out: &mut Vec<Vec<u32>>,
    ) {
        if out.len() >= limit {
            return;
        }
        let Some(&v) = path.last() else { return };
        if v == t {
            out.push(path.clone());
            return;
        }
        let remaining = (len + 1 - path.len()) as u32;
        let mut prev = u32::MAX;
        for st in self.g.steps(v, directed) {
            if st.to == prev {
                continue;
            }
            prev = st.to;
            if to_t.get(&st.to) == Some(&(remaining - 1)) {
                path.push(st.to);
                self.extend_shortest(path, t, len, directed, to_t, limit, out);
                path.pop();
            }
        }
    }

    /// The `k` shortest simple paths from `s` to `t` (Yen's algorithm), shortest first; paths of
    /// equal length in lexicographic node order.
    /// kg's own: petgraph 0.8's `k_shortest_path` gives each node's k-th distance, not paths.
    pub fn k_shortest(&mut self, s: u32, t: u32, walk: Walk, k: usize) -> Vec<Vec<u32>> {
        let mut found: Vec<Vec<u32>> = Vec::new();
        let Some(first) = self.shortest_path(s, t, walk) else {
            return found;
        };
        found.push(first);
        let mut candidates: std::collections::BTreeSet<(usize, Vec<u32>)> =
            std::collections::BTreeSet::new();
        let limit = walk.max_hops.unwrap_or(usize::MAX);
        while found.len() < k {
            let last = found[found.len() - 1].clone();
            for i in 0..last.len().saturating_sub(1) {
                let spur = last[i];
                let root = &last[..=i];
                let blocked_steps: Vec<(u32, u32)> = found
                    .iter()
                    .filter(|p| p.len() > i + 1 && &p[..=i] == root)
                    .map(|p| (p[i], p[i + 1]))
                    .collect();
                let blocked_nodes: std::collections::HashSet<u32> =
                    root[..i].iter().copied().collect();
                let directed = walk.directed;
                let step_blocked = |a: u32, b: u32| {
                    blocked_steps
                        .iter()
                        .any(|&(x, y)| (x, y) == (a, b) || (!directed && (x, y) == (b, a)))
                };
                let spur_walk = Walk {
                    directed,
                    max_hops: Some(limit.saturating_sub(i)),
                };
                if let Some(spur_path) = self.shortest_avoiding(
                    spur,
                    t,
                    spur_walk,
                    &|v| blocked_nodes.contains(&v),
                    &step_blocked,
                ) {
                    let mut total = root[..i].to_vec();
                    total.extend(spur_path);
                    if !found.contains(&total) {
                        candidates.insert((total.len(), total));
                    }
                }
            }
            let Some(best) = candidates.pop_first() else {
                break;
            };
            found.push(best.1);
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RelationLabel::*;

    /// Nodes 0..n with ids 10, 20, ...; relations given as (subject, label, object).
    fn graph(n: u32, rels: &[(u32, RelationLabel, u32)]) -> GraphData {
        let mut relations = RelationColumns::default();
        for (i, &(s, l, o)) in rels.iter().enumerate() {
            relations.push(RelationId(i as i64 + 1), s, label_code(l), o, 0.5, 20190101);
        }
        relations.sort();
        GraphData {
            node_ids: (0..n).map(|i| EntityId(i64::from(i + 1) * 10)).collect(),
            node_kinds: vec![0; n as usize],
            relations,
        }
    }

    /// The sample graph of `test_support`, as indexes: Velayati 0, Putin 1, Russia 2, Lavrov 3,
    /// Iran 4, al-Assad 5, Syria 6, Soleimani 7.
    fn sample() -> CompactGraph {
        let data = graph(
            8,
            &[
                (0, Communicated, 1),
                (1, LeaderOf, 2),
                (3, OfficialOf, 2),
                (0, AdviserTo, 4),
                (5, LeaderOf, 6),
                (6, Cooperated, 2),
                (1, Met, 0),
                (4, Cooperated, 2),
            ],
        );
        CompactGraph::build(&data, &EdgeFilter::default())
    }

    fn walk(directed: bool, max_hops: Option<usize>) -> Walk {
        Walk { directed, max_hops }
    }

    #[test]
    fn shortest_paths_in_the_sample_graph() {
        let g = sample();
        let mut s = g.searcher();
        #[rustfmt::skip]
        let cases: Vec<(&str, u32, u32, Walk, Option<usize>)> = vec![
            ("one hop", 0, 1, walk(false, None), Some(1)),
            ("against the edge", 2, 1, walk(false, None), Some(1)),
            ("two hops", 0, 2, walk(false, None), Some(2)),
            ("three hops", 0, 3, walk(false, None), Some(3)),
            ("across countries", 5, 3, walk(false, None), Some(3)),
            ("isolated target", 0, 7, walk(false, None), None),
            ("zero hops", 3, 3, walk(false, None), Some(0)),
            ("max_hops too small", 0, 3, walk(false, Some(2)), None),
            ("max_hops just enough", 0, 3, walk(false, Some(3)), Some(3)),
            ("max_hops zero", 0, 1, walk(false, Some(0)), None),
            ("directed along", 0, 2, walk(true, None), Some(2)),
            ("directed against", 2, 0, walk(true, None), None),
            ("directed needs a wrong-way edge", 0, 3, walk(true, None), None),
            ("unknown node", 0, 99, walk(false, None), None),
        ];
        for (name, from, to, w, expected) in cases {
            let got = s.shortest_path(from, to, w);
            assert_eq!(got.as_ref().map(|p| p.len() - 1), expected, "{name}");
            if let Some(p) = got {
                assert_eq!((p[0], p[p.len() - 1]), (from, to), "{name}");
                for pair in p.windows(2) {
                    assert!(
                        g.best_step(pair[0], pair[1], w.directed).is_some(),
                        "{name}"
                    );
                }
            }
        }
    }

    #[test]
    fn bounded_search_stops_early_on_a_long_chain() {
        let rels: Vec<_> = (0..999).map(|i| (i, Met, i + 1)).collect();
        let g = CompactGraph::build(&graph(1000, &rels), &EdgeFilter::default());
        let mut s = g.searcher();
        assert_eq!(s.shortest_path(0, 999, walk(false, Some(3))), None);
        assert!(s.expanded <= 3, "expanded {}", s.expanded);
        assert_eq!(
            s.shortest_path(0, 999, walk(false, None)).map(|p| p.len()),
            Some(1000)
        );
    }

    #[test]
    fn filters_fold_and_drop_relations() {
        let mut data = graph(3, &[(0, Met, 1), (0, Met, 1), (1, Attacked, 2)]);
        data.relations.confidence = vec![0.9, 0.4, 0.2];
        data.relations.date = vec![20190101, 0, 20200101];
        type Case = (&'static str, EdgeFilter, Vec<(u32, u32, u32)>);
        let cases: Vec<Case> = vec![
            ("all", EdgeFilter::default(), vec![(0, 1, 2), (1, 2, 1)]),
            (
                "exclude",
                EdgeFilter {
                    exclude: vec![Attacked],
                    ..EdgeFilter::default()
                },
                vec![(0, 1, 2)],
            ),
            (
                "min confidence",
                EdgeFilter {
                    min_confidence: Some(0.5),
                    ..EdgeFilter::default()
                },
                vec![(0, 1, 1)],
            ),
            (
                "since drops undated",
                EdgeFilter {
                    since: Some(20190601),
                    ..EdgeFilter::default()
                },
                vec![(1, 2, 1)],
            ),
            (
                "until",
                EdgeFilter {
                    until: Some(20191231),
                    ..EdgeFilter::default()
                },
                vec![(0, 1, 1)],
            ),
        ];
        for (name, f, expected) in cases {
            let g = CompactGraph::build(&data, &f);
            let got: Vec<_> = g
                .edges()
                .map(|e| (e.subject, e.object, e.support))
                .collect();
            assert_eq!(got, expected, "{name}");
        }
    }

    #[test]
    fn all_shortest_and_k_shortest_on_a_diamond() {
        // 0-1-3, 0-2-3, and a longer 0-4-5-3.
        let g = CompactGraph::build(
            &graph(
                6,
                &[
                    (0, Met, 1),
                    (1, Met, 3),
                    (0, Met, 2),
                    (2, Met, 3),
                    (0, Met, 4),
                    (4, Met, 5),
                    (5, Met, 3),
                ],
            ),
            &EdgeFilter::default(),
        );
        let mut s = g.searcher();
        assert_eq!(
            s.all_shortest(0, 3, walk(false, None), 10),
            vec![vec![0, 1, 3], vec![0, 2, 3]]
        );
        assert_eq!(s.all_shortest(0, 3, walk(false, None), 1).len(), 1);
        let k = s.k_shortest(0, 3, walk(false, None), 5);
        let lens: Vec<usize> = k.iter().map(Vec::len).collect();
        assert_eq!(lens, [3, 3, 4], "{k:?}");
        assert_eq!(k[2], vec![0, 4, 5, 3]);
    }

    #[test]
    fn degree_components_and_rankings() {
        let g = sample();
        assert_eq!(g.degree(2), 4);
        assert_eq!(g.degree(1), 2, "met and communicated collapse");
        let (comp, sizes) = g.components();
        assert_eq!(sizes, [7, 1]);
        assert_eq!(comp[7], 1);
        let pr = g.pagerank();
        assert!((pr.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        let top = (0..8).max_by(|&a, &b| pr[a].total_cmp(&pr[b])).unwrap_or(0);
        assert_eq!(top, 2, "Russia is where the links point");
        // A path 0-1-2: node 1 lies on the one shortest path between 0 and 2.
        let line = CompactGraph::build(
            &graph(3, &[(0, Met, 1), (1, Met, 2)]),
            &EdgeFilter::default(),
        );
        assert_eq!(line.betweenness(None, &mut |_, _| {}), vec![0.0, 1.0, 0.0]);
        let exact = g.betweenness(None, &mut |_, _| {});
        let sampled = g.betweenness(Some(&[0, 1, 2, 3, 4, 5, 6, 7]), &mut |_, _| {});
        assert_eq!(exact, sampled);
    }

    #[test]
    fn dates_parse_to_numbers() {
        for (s, d) in [
            ("2019-07-16", Some(20190716)),
            ("2019-07", Some(20190700)),
            ("2019", Some(20190000)),
            ("2019-13-01", None),
            ("19-01-01", None),
            ("soon", None),
        ] {
            assert_eq!(date_code(s), d, "{s}");
        }
    }

    #[test]
    fn best_step_prefers_support_then_confidence_then_label() {
        let mut data = graph(2, &[(0, Criticized, 1), (1, Warned, 0), (1, Warned, 0)]);
        data.relations.confidence = vec![0.9, 0.3, 0.3];
        let g = CompactGraph::build(&data, &EdgeFilter::default());
        let step = g
            .best_step(0, 1, false)
            .map(|s| (g.edge(s.edge).label, s.forward));
        assert_eq!(step, Some((Warned, false)));
    }
}
