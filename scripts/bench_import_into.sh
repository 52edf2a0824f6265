#!/usr/bin/env bash
# Times `kg import triples` into a store that already holds events (README "Performance on a
# 5M-edge graph"): a store of the first million lines of bench_import.sh's triples, then, each
# into a fresh copy of it, 500k new lines (2,000,001 to 2,500,000) and a million lines half of
# which the store holds (500,001 to 1,500,000). This checkout's release binary, then the binary
# BASE_KG if given; the load average at each start.
#
#   scripts/bench_import_into.sh [BASE_KG]
#
# Needs $KG_BENCH_DIR/triples-5000000.tsv (default /tmp/kg-bench-import; bench_import.sh
# writes it).
set -euo pipefail
work=${KG_BENCH_DIR:-/tmp/kg-bench-import}
root=$(cd "$(dirname "$0")/.." && pwd)
all="$work/triples-5000000.tsv"
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
sed -n 1,1000000p "$all" >"$work/into-store.tsv"
sed -n 2000001,2500000p "$all" >"$work/into-new.tsv"
sed -n 500001,1500000p "$all" >"$work/into-overlap.tsv"
for which in "this=$root/target/release/kg" ${1:+"base=$1"}; do
    name=${which%%=*}
    bin=${which#*=}
    db="$work/into.db"
    rm -f "$db" "$db-wal" "$db-shm"
    "$bin" --db "$db" import triples "$work/into-store.tsv" >/dev/null
    for file in into-new.tsv into-overlap.tsv; do
        rm -f "$work/x.db" "$work/x.db-wal" "$work/x.db-shm"
        cp "$db" "$work/x.db"
        if [ -f "$db-wal" ]; then cp "$db-wal" "$work/x.db-wal"; fi
        load=$(cut -d' ' -f1 /proc/loadavg)
        /usr/bin/time -f "$name $file: %e s wall, %U s user, %M KB peak (load $load at start)" \
            "$bin" --db "$work/x.db" import triples "$work/$file" >/dev/null
    done
    rm -f "$db" "$db-wal" "$db-shm" "$work/x.db" "$work/x.db-wal" "$work/x.db-shm"
done
