//! petgraph's view of the compact graph: its visit traits on [`View`], so petgraph's
//! algorithms (A*, Dijkstra, union-find components, `all_simple_paths`, `Bfs`) run on the CSR
//! arrays directly, without copying a million nodes into a `petgraph::Graph`.

use super::compact::{CompactGraph, Step, StepIter};
use crate::model::EntityId;
use petgraph::visit::{
    Data, EdgeRef, GraphBase, IntoEdgeReferences, IntoEdges, IntoEdgesDirected, IntoNeighbors,
    IntoNeighborsDirected, IntoNodeIdentifiers, NodeCompactIndexable, NodeCount, NodeIndexable,
    VisitMap, Visitable,
};
use petgraph::Direction;

/// The compact graph as petgraph sees it, walked either way (`directed: false`, kg's default:
/// a relation links its two entities whichever is the subject) or subject → object only.
/// Node ids are the graph's `u32` indexes; edge weights are the edges' highest confidences.
#[derive(Debug, Clone, Copy)]
pub struct View<'g> {
    graph: &'g CompactGraph,
    directed: bool,
}

impl CompactGraph {
    /// petgraph's view of this graph, walking edges only subject → object when `directed`.
    pub fn view(&self, directed: bool) -> View<'_> {
        View {
            graph: self,
            directed,
        }
    }
}

impl<'g> View<'g> {
    /// The graph seen.
    pub fn graph(&self) -> &'g CompactGraph {
        self.graph
    }

    /// The steps out of `v` that this view walks in `dir` (both ways when undirected).
    fn steps(&self, v: u32, dir: Direction) -> Steps<'g> {
        let only = self.directed.then_some(matches!(dir, Direction::Outgoing));
        Steps {
            inner: self.graph.steps_where(v, only),
        }
    }
}

/// Steps out of one node, as petgraph's neighbour and edge iterators need a named type.
#[derive(Clone)]
pub struct Steps<'g> {
    inner: StepIter<'g>,
}

impl Iterator for Steps<'_> {
    type Item = Step;
    #[inline]
    fn next(&mut self) -> Option<Step> {
        self.inner.next()
    }
}

/// Neighbours of a node in ascending index order (a neighbour linked by several labels
/// comes once per edge).
#[derive(Clone)]
pub struct Neighbors<'g>(Steps<'g>);

impl Iterator for Neighbors<'_> {
    type Item = u32;
    #[inline]
    fn next(&mut self) -> Option<u32> {
        self.0.next().map(|s| s.to)
    }
}

/// One edge as petgraph's algorithms see it: `source` is the node it was reached from, so an
/// undirected walk can take an edge against its direction.
#[derive(Debug, Clone, Copy)]
pub struct EdgeReference<'g> {
    source: u32,
    target: u32,
    id: u32,
    weight: &'g f32,
}

impl EdgeRef for EdgeReference<'_> {
    type NodeId = u32;
    type EdgeId = u32;
    type Weight = f32;
    fn source(&self) -> u32 {
        self.source
    }
    fn target(&self) -> u32 {
        self.target
    }
    fn weight(&self) -> &f32 {
        self.weight
    }
    fn id(&self) -> u32 {
        self.id
    }
}

/// The edges out of one node.
#[derive(Clone)]
pub struct Edges<'g> {
    graph: &'g CompactGraph,
    from: u32,
    steps: Steps<'g>,
}

impl<'g> Iterator for Edges<'g> {
    type Item = EdgeReference<'g>;
    fn next(&mut self) -> Option<EdgeReference<'g>> {
        self.steps.next().map(|s| EdgeReference {
            source: self.from,
            target: s.to,
            id: s.edge,
            weight: self.graph.confidence_ref(s.edge),
        })
    }
}

/// Every edge, subject → object, in (subject, label, object) order.
#[derive(Clone)]
pub struct AllEdges<'g> {
    graph: &'g CompactGraph,
    next: u32,
}

impl<'g> Iterator for AllEdges<'g> {
    type Item = EdgeReference<'g>;
    fn next(&mut self) -> Option<EdgeReference<'g>> {
        if self.next as usize >= self.graph.edge_count() {
            return None;
        }
        let e = self.graph.edge(self.next);
        self.next += 1;
        Some(EdgeReference {
            source: e.subject,
            target: e.object,
            id: e.index,
            weight: self.graph.confidence_ref(e.index),
        })
    }
}

/// Visited marks that reset in O(1) by moving to a new stamp, so one map serves many queries
/// on a million-node graph without clearing it each time.
#[derive(Debug, Clone)]
pub struct Marks {
    stamp: u32,
    seen: Vec<u32>,
}

impl Marks {
    fn new(n: usize) -> Self {
        Marks {
            stamp: 1,
            seen: vec![0; n],
        }
    }

    fn reset(&mut self, n: usize) {
        if self.seen.len() != n || self.stamp == u32::MAX {
            self.seen.clear();
            self.seen.resize(n, 0);
            self.stamp = 0;
        }
        self.stamp += 1;
    }
}

impl VisitMap<u32> for Marks {
    fn visit(&mut self, a: u32) -> bool {
        let first = self.seen[a as usize] != self.stamp;
        self.seen[a as usize] = self.stamp;
        first
    }
    fn is_visited(&self, a: &u32) -> bool {
        self.seen[*a as usize] == self.stamp
    }
    fn unvisit(&mut self, a: u32) -> bool {
        let was = self.is_visited(&a);
        self.seen[a as usize] = 0;
        was
    }
}

impl GraphBase for View<'_> {
    type NodeId = u32;
    type EdgeId = u32;
}

impl petgraph::visit::GraphRef for View<'_> {}

impl Data for View<'_> {
    type NodeWeight = EntityId;
    type EdgeWeight = f32;
}

impl NodeCount for View<'_> {
    fn node_count(&self) -> usize {
        self.graph.node_count()
    }
}

impl NodeIndexable for View<'_> {
    fn node_bound(&self) -> usize {
        self.graph.node_count()
    }
    fn to_index(&self, a: u32) -> usize {
        a as usize
    }
    fn from_index(&self, i: usize) -> u32 {
        i as u32
    }
}

impl NodeCompactIndexable for View<'_> {}

impl IntoNodeIdentifiers for View<'_> {
    type NodeIdentifiers = std::ops::Range<u32>;
    fn node_identifiers(self) -> Self::NodeIdentifiers {
        0..self.graph.node_count() as u32
    }
}

impl<'g> IntoNeighbors for View<'g> {
    type Neighbors = Neighbors<'g>;
    fn neighbors(self, a: u32) -> Neighbors<'g> {
        Neighbors(self.steps(a, Direction::Outgoing))
    }
}

impl<'g> IntoNeighborsDirected for View<'g> {
    type NeighborsDirected = Neighbors<'g>;
    fn neighbors_directed(self, a: u32, dir: Direction) -> Neighbors<'g> {
        Neighbors(self.steps(a, dir))
    }
}

impl<'g> IntoEdgeReferences for View<'g> {
    type EdgeRef = EdgeReference<'g>;
    type EdgeReferences = AllEdges<'g>;
    fn edge_references(self) -> AllEdges<'g> {
        AllEdges {
            graph: self.graph,
            next: 0,
        }
    }
}

impl<'g> IntoEdges for View<'g> {
    type Edges = Edges<'g>;
    fn edges(self, a: u32) -> Edges<'g> {
        Edges {
            graph: self.graph,
            from: a,
            steps: self.steps(a, Direction::Outgoing),
        }
    }
}

impl<'g> IntoEdgesDirected for View<'g> {
    type EdgesDirected = Edges<'g>;
    fn edges_directed(self, a: u32, dir: Direction) -> Edges<'g> {
        Edges {
            graph: self.graph,
            from: a,
            steps: self.steps(a, dir),
        }
    }
}

impl Visitable for View<'_> {
    type Map = Marks;
    fn visit_map(&self) -> Marks {
        Marks::new(self.graph.node_count())
    }
    fn reset_map(&self, map: &mut Marks) {
        map.reset(self.graph.node_count());
    }
}

/// Connected components (edges walked both ways) by petgraph's union-find: a component number
/// per node, numbered in order of each component's smallest member, and each one's size.
pub fn components(graph: &CompactGraph) -> (Vec<u32>, Vec<u32>) {
    let n = graph.node_count();
    let mut sets = petgraph::unionfind::UnionFind::<u32>::new(n);
    for e in graph.view(false).edge_references() {
        sets.union(e.source(), e.target());
    }
    let roots = sets.into_labeling();
    let mut number = vec![u32::MAX; n];
    let mut comp = vec![0u32; n];
    let mut sizes: Vec<u32> = Vec::new();
    for v in 0..n {
        let r = roots[v] as usize;
        if number[r] == u32::MAX {
            number[r] = sizes.len() as u32;
            sizes.push(0);
        }
        comp[v] = number[r];
        sizes[number[r] as usize] += 1;
    }
    (comp, sizes)
}

/// The cheapest path from `s` to `t` by petgraph's A* (no heuristic: Dijkstra that stops at
/// `t`), each hop costing `1 + (1 − confidence)` of its most confident edge: among chains of
/// equal length the surest wins, and a hop is never free. Returns the cost and the nodes.
pub fn weighted_path(view: View<'_>, s: u32, t: u32) -> Option<(f64, Vec<u32>)> {
    let n = view.graph.node_count() as u32;
    if s >= n || t >= n {
        return None;
    }
    petgraph::algo::astar(
        view,
        s,
        |v| v == t,
        |e| 2.0 - f64::from(super::compact::confidence_key(*e.weight()).clamp(0.0, 1.0)),
        |_| 0.0,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::compact::{label_code, EdgeFilter, GraphData, RelationColumns, Walk};
    use crate::model::{RelationId, RelationLabel};
    use petgraph::algo::{all_simple_paths, connected_components, dijkstra};
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    /// A compact graph of `n` nodes from (subject, label index, object, confidence) tuples.
    fn build(n: u32, rels: &[(u32, usize, u32, f32)]) -> CompactGraph {
        let mut relations = RelationColumns::default();
        for (i, &(s, l, o, c)) in rels.iter().enumerate() {
            let label = RelationLabel::ALL[l % RelationLabel::ALL.len()];
            relations.push(
                RelationId(i as i64 + 1),
                s % n,
                label_code(label),
                o % n,
                c,
                20190101,
            );
        }
        relations.sort();
        let data = GraphData {
            node_ids: (0..n).map(|i| EntityId(i64::from(i + 1))).collect(),
            node_kinds: vec![0; n as usize],
            relations,
        };
        CompactGraph::build(&data, &EdgeFilter::default())
    }

    fn arb_graph(max_nodes: u32, max_rels: usize) -> impl Strategy<Value = CompactGraph> {
        (1..=max_nodes).prop_flat_map(move |n| {
            prop::collection::vec((0..n, 0usize..4, 0..n, 0.0f32..=1.0), 0..max_rels)
                .prop_map(move |rels| build(n, &rels))
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// kg's bidirectional BFS, kg's bounded reach, petgraph's Dijkstra (unit weights) and
        /// petgraph's union-find components agree on path lengths and reachability.
        #[test]
        fn kg_and_petgraph_agree_on_distances_and_components(
            g in arb_graph(24, 60), s in 0u32..24, t in 0u32..24, directed in any::<bool>()
        ) {
            let n = g.node_count() as u32;
            let (s, t) = (s % n, t % n);
            let view = g.view(directed);
            let walk = Walk { directed, max_hops: None };
            let mut searcher = g.searcher();
            let kg_len = searcher.shortest_path(s, t, walk).map(|p| p.len() - 1);
            let pet = dijkstra(view, s, None, |_| 1usize);
            prop_assert_eq!(kg_len, pet.get(&t).copied());
            let reached = searcher.reach(s, n as usize, directed, false);
            prop_assert_eq!(reached.len(), pet.len());
            for &v in &reached {
                prop_assert_eq!(searcher.distance(v, false).map(|d| d as usize), pet.get(&v).copied());
            }
            let (comp, sizes) = g.components();
            prop_assert_eq!(sizes.len(), connected_components(g.view(false)));
            let undirected = dijkstra(g.view(false), s, None, |_| 1usize);
            for v in 0..n {
                prop_assert_eq!(comp[v as usize] == comp[s as usize], undirected.contains_key(&v));
            }
        }

        /// kg's all-shortest and Yen's k-shortest paths agree with petgraph's all_simple_paths,
        /// and A* finds a path as cheap as Dijkstra's.
        #[test]
        fn kg_and_petgraph_agree_on_path_sets(
            g in arb_graph(7, 14), s in 0u32..7, t in 0u32..7, directed in any::<bool>()
        ) {
            let n = g.node_count() as u32;
            let (s, t) = (s % n, t % n);
            prop_assume!(s != t);
            let walk = Walk { directed, max_hops: None };
            let simple: BTreeSet<Vec<u32>> =
                all_simple_paths::<Vec<u32>, _, std::hash::RandomState>(g.view(directed), s, t, 0, None)
                    .collect();
            let mut searcher = g.searcher();
            let shortest: BTreeSet<Vec<u32>> =
                searcher.all_shortest(s, t, walk, usize::MAX).into_iter().collect();
            let min = simple.iter().map(Vec::len).min();
            let expected: BTreeSet<Vec<u32>> =
                simple.iter().filter(|p| Some(p.len()) == min).cloned().collect();
            prop_assert_eq!(&shortest, &expected);
            let k = searcher.k_shortest(s, t, walk, 4);
            let mut lens: Vec<usize> = simple.iter().map(Vec::len).collect();
            lens.sort_unstable();
            lens.truncate(4);
            prop_assert_eq!(k.iter().map(Vec::len).collect::<Vec<_>>(), lens);
            prop_assert!(k.iter().all(|p| simple.contains(p)));
            let costs = dijkstra(g.view(directed), s, None, |e| {
                2.0 - f64::from(e.weight().clamp(0.0, 1.0))
            });
            let a = weighted_path(g.view(directed), s, t);
            prop_assert_eq!(a.as_ref().map(|x| x.0), costs.get(&t).copied());
            if let Some((_, p)) = a {
                prop_assert_eq!((p[0], p[p.len() - 1]), (s, t));
            }
        }
    }
}
