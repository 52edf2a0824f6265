#!/usr/bin/env bash
# Issue 6 figures: Reuters-21578 (19,043 bodies) through `kg build`, cold and warm, with
# /usr/bin/time -v (Debian package `time`). Corpus-derived files go to $OUT (default /tmp),
# never into the repository.
#   scripts/bench_reuters.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
OUT=${OUT:-/tmp/kg-bench}
mkdir -p "$OUT"
python3 scripts/reuters_to_jsonl.py "$OUT/reuters.jsonl"
cargo build --release --quiet
KG=${KG:-target/release/kg}
tokens=$(python3 -c "import json,sys; print(sum(len(json.loads(l)['text'].split()) for l in open(sys.argv[1])))" "$OUT/reuters.jsonl")
echo "corpus: $(wc -l < "$OUT/reuters.jsonl") documents, $tokens whitespace tokens"
for i in $(seq "$RUNS"); do
    rm -f "$OUT/reuters.db" "$OUT/reuters.db-wal" "$OUT/reuters.db-shm"
    for phase in cold warm; do
        /usr/bin/time -v "$KG" --db "$OUT/reuters.db" build "$OUT/reuters.jsonl" \
            > "$OUT/$phase.out" 2> "$OUT/$phase.err"
        wall=$(grep "Elapsed (wall clock)" "$OUT/$phase.err" | awk '{print $NF}')
        rss=$(grep "Maximum resident" "$OUT/$phase.err" | awk '{print $NF}')
        secs=$(python3 -c "import sys; p=sys.argv[1].split(':'); print(sum(float(x)*60**i for i,x in enumerate(reversed(p))))" "$wall")
        rate=$(python3 -c "print(round($tokens/$secs))")
        echo "run $i $phase: ${secs} s wall, max RSS $((rss / 1024)) MB, $rate tokens/s  | $(head -1 "$OUT/$phase.out" | cut -c1-80)"
    done
done
