#!/usr/bin/env python3
"""Times NetworkX 3 on the same graph and queries as `kg bench graph`.

    kg bench gen --nodes 1000000 --edges 5000000 --seed 42 -o graph.tsv
    kg --db big.db import triples graph.tsv
    kg --db big.db bench graph --queries 1000 --seed 7 --pairs-out pairs.tsv
    python3 scripts/bench_networkx.py graph.tsv pairs.tsv

The graph is an undirected simple graph (nx.Graph) of the TSV's subject and object columns;
queries are nx.shortest_path for every pair and nx.ego_graph(radius=2) around every pair's
first entity. The totals printed (hops, neighbourhood nodes and edges) must equal kg's.
"""

import argparse
import sys
import time

import networkx as nx


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("graph", help="triples TSV (subject, relation, object, ...)")
    ap.add_argument("pairs", help="query pairs, A<TAB>B per line (kg bench graph --pairs-out)")
    ap.add_argument("--radius", type=int, default=2)
    ap.add_argument("--ego-queries", type=int, default=None,
                    help="time only the first N neighbourhoods (the figure is then per query)")
    args = ap.parse_args()

    t = time.perf_counter()
    edges = []
    with open(args.graph, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            edges.append((cols[0], cols[2]))
    read = time.perf_counter() - t
    t = time.perf_counter()
    g = nx.Graph()
    g.add_edges_from(edges)
    del edges
    build = time.perf_counter() - t
    print(f"networkx {nx.__version__}: read {read:.1f} s + build {build:.1f} s = {read + build:.1f} s"
          f" — {g.number_of_nodes()} nodes, {g.number_of_edges()} edges")

    with open(args.pairs, encoding="utf-8") as f:
        pairs = [tuple(line.rstrip("\n").split("\t")[:2]) for line in f if line.strip()]

    t = time.perf_counter()
    found = hops = 0
    for a, b in pairs:
        try:
            p = nx.shortest_path(g, a, b)
        except (nx.NetworkXNoPath, nx.NodeNotFound):
            continue
        found += 1
        hops += len(p) - 1
    paths = time.perf_counter() - t
    print(f"{len(pairs)} shortest paths: {paths:.3f} s ({paths * 1000 / len(pairs):.3f} ms each)"
          f" — {found} found, {hops} hops in all")

    centres = [a for a, _ in pairs][: args.ego_queries]
    t = time.perf_counter()
    nodes = edges_in = 0
    for a in centres:
        if a not in g:
            continue
        h = nx.ego_graph(g, a, radius=args.radius)
        nodes += h.number_of_nodes()
        edges_in += h.number_of_edges()
    hoods = time.perf_counter() - t
    print(f"{len(centres)} {args.radius}-hop neighbourhoods: {hoods:.3f} s"
          f" ({hoods * 1000 / max(len(centres), 1):.3f} ms each) — {nodes} nodes, {edges_in} edges in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
