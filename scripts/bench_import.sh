#!/usr/bin/env bash
# Times `kg import triples` on the synthetic graph of README "Performance on a 5M-edge graph":
# this checkout's release binary against the binary of another commit (default 4bad910, from
# before events were stored), alternating runs, with the load average at each start.
#
#   scripts/bench_import.sh [RUNS] [LINES] [BASE_COMMIT]     # defaults: 2 5000000 4bad910
#
# Everything it writes (the base checkout and its build, the triples, the stores) goes under
# $KG_BENCH_DIR (default /tmp/kg-bench-import); the base binary and the triples are reused.
set -euo pipefail
runs=${1:-2}
lines=${2:-5000000}
base=${3:-4bad910}
work=${KG_BENCH_DIR:-/tmp/kg-bench-import}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$work"

cargo build --release --quiet --manifest-path "$root/Cargo.toml"
new="$root/target/release/kg"
old="$work/$base/target/release/kg"
if [ ! -x "$old" ]; then
    rm -rf "${work:?}/$base"
    mkdir -p "$work/$base"
    git -C "$root" archive "$base" | tar -x -C "$work/$base"
    cargo build --release --quiet --manifest-path "$work/$base/Cargo.toml"
fi

triples="$work/triples-$lines.tsv"
if [ ! -s "$triples" ]; then
    "$new" bench gen --nodes 1000000 --edges 5000000 --seed 42 -o "$work/triples.tsv" >&2
    head -n "$lines" "$work/triples.tsv" >"$triples"
fi

db="$work/bench.db"
for i in $(seq "$runs"); do
    for which in "$base=$old" "this=$new"; do
        name=${which%%=*}
        bin=${which#*=}
        rm -f "$db" "$db-wal" "$db-shm"
        load=$(cut -d' ' -f1 /proc/loadavg)
        /usr/bin/time -f "$name run $i: %e s wall, %U s user, %S s sys, %M KB peak (load $load at start)" \
            "$bin" --db "$db" import triples "$triples" >/dev/null
    done
done
rm -f "$db" "$db-wal" "$db-shm"
