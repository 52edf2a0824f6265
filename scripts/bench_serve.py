#!/usr/bin/env python3
"""Issue 14 figure: latency of every `kg serve` API endpoint, p50/p95/max over N calls each.

Starts `kg serve --port 0` on a store, takes the 200 best-connected entities (`kg rank`), and
calls each endpoint N times (default 1,000) with varied entities, half of the graph calls with
a filter, over one keep-alive connection, one call at a time. Prints a table; exit code 1 when
some endpoint's p95 is over the budget (default 50 ms).

    scripts/bench_serve.py --db /tmp/r.db [--kg target/release/kg] [--calls 1000] [--budget 50]

Build the Reuters-21578 store first as in the README ("What kg finds in a year of 1987 news").
"""
import argparse
import http.client
import json
import random
import subprocess
import sys
import time
import urllib.parse


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--kg", default="target/release/kg")
    ap.add_argument("--calls", type=int, default=1000)
    ap.add_argument("--budget", type=float, default=50.0, help="p95 budget in ms")
    ap.add_argument("--seed", type=int, default=14)
    args = ap.parse_args()
    rng = random.Random(args.seed)

    ranked = json.loads(
        subprocess.run(
            [args.kg, "--db", args.db, "rank", "--by", "degree", "--limit", "200", "--format", "json"],
            check=True, capture_output=True, text=True,
        ).stdout
    )
    ids = [r["id"] for r in ranked]
    names = [r["name"] for r in ranked]

    server = subprocess.Popen(
        [args.kg, "--db", args.db, "serve", "--port", "0"], stdout=subprocess.PIPE, text=True
    )
    try:
        line = server.stdout.readline()
        url = next(w for w in line.split() if w.startswith("http://"))
        host, port = urllib.parse.urlsplit(url).hostname, urllib.parse.urlsplit(url).port
        conn = http.client.HTTPConnection(host, port, timeout=30)

        def call(path):
            t = time.perf_counter()
            conn.request("GET", path)
            res = conn.getresponse()
            body = res.read()
            ms = (time.perf_counter() - t) * 1000
            if res.status not in (200, 404):
                raise SystemExit(f"{path}: HTTP {res.status}: {body[:200]!r}")
            return ms

        def q(**kw):
            return urllib.parse.urlencode(kw)

        def filt():
            return "&min_confidence=0.5" if rng.random() < 0.5 else ""

        endpoints = {
            "search": lambda: f"/api/search?{q(q=rng.choice(names)[: rng.randint(2, 6)])}",
            "entity": lambda: f"/api/entity/{rng.choice(ids)}{'?min_confidence=0.5' if rng.random() < 0.5 else ''}",
            "neighbors": lambda: f"/api/neighbors?{q(entity='#%d' % rng.choice(ids))}{filt()}",
            "neighbors depth 2": lambda: f"/api/neighbors?{q(entity='#%d' % rng.choice(ids), depth=2)}{filt()}",
            "path": lambda: f"/api/path?{q(**{'from': '#%d' % rng.choice(ids), 'to': '#%d' % rng.choice(ids)})}{filt()}",
            "path k=3": lambda: f"/api/path?{q(**{'from': '#%d' % rng.choice(ids), 'to': '#%d' % rng.choice(ids), 'mode': 'k', 'k': 3})}",
            "relations": lambda: f"/api/relations?{q(subject='#%d' % rng.choice(ids), limit=100)}{filt()}",
            "documents": lambda: f"/api/documents?{q(entity='#%d' % rng.choice(ids))}",
            "stats": lambda: "/api/stats",
            "curations": lambda: "/api/curations",
        }
        # One warm-up call each: the first graph load reads the cache file.
        for make in endpoints.values():
            call(make())
        print(f"{args.calls} calls per endpoint on {args.db}, one at a time, keep-alive")
        print(f"{'endpoint':<20}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
        over = []
        for name, make in endpoints.items():
            times = sorted(call(make()) for _ in range(args.calls))
            p50 = times[len(times) // 2]
            p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
            print(f"{name:<20}{p50:>9.1f}{p95:>9.1f}{times[-1]:>9.1f}")
            if p95 > args.budget:
                over.append(name)
        if over:
            print(f"over the {args.budget:g} ms p95 budget: {', '.join(over)}")
            return 1
        print(f"every endpoint within the {args.budget:g} ms p95 budget")
        return 0
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    sys.exit(main())
