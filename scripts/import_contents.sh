#!/usr/bin/env bash
# What a store holds after four imports of a million lines of bench_import.sh's triples into
# it (undated, dated, overlapping, each file again with another date), as md5s of table dumps
# and of query outputs, in DIR/md5.txt: two binaries whose md5.txt files agree stored the same.
# `membership.txt` is the event of every relation, however event_sources stores it.
#
#   scripts/import_contents.sh KG DIR
#
# Needs $KG_BENCH_DIR/triples-5000000.tsv (default /tmp/kg-bench-import) and sqlite3.
set -euo pipefail
kg=$(realpath "$1"); out=$(realpath -m "$2")
work=${KG_BENCH_DIR:-/tmp/kg-bench-import}
mkdir -p "$out"; db="$out/s.db"; rm -f "$db" "$db-wal" "$db-shm"
cd "$work"
sed -n 1,1000000p triples-5000000.tsv >a.tsv
sed -n 500001,1500000p triples-5000000.tsv >b.tsv
"$kg" --db "$db" import triples a.tsv >/dev/null
"$kg" --db "$db" import triples b.tsv --date 1987-03-02 >/dev/null
"$kg" --db "$db" import triples a.tsv --date 1987-03-04 >/dev/null
"$kg" --db "$db" import triples b.tsv --date 1987-03-06 >/dev/null
for t in entities aliases relations events; do
  sqlite3 "$db" ".dump $t" | grep -v '^CREATE\|^PRAGMA\|^BEGIN\|^COMMIT' > "$out/dump-$t.sql"
done
# event of every relation, whatever the storage of event_sources
sqlite3 "$db" "SELECT r.id, coalesce((SELECT event_id FROM event_sources es WHERE es.relation_id = r.id), (SELECT id FROM events e WHERE e.id = r.id)) FROM relations r ORDER BY r.id" > "$out/membership.txt"
"$kg" --db "$db" events --count > "$out/q-count.txt"
"$kg" --db "$db" events --format json > "$out/q-events.json"
"$kg" --db "$db" events --label located_in --format csv > "$out/q-events-located.csv"
"$kg" --db "$db" timeline "Country 0" --format json > "$out/q-timeline.json"
"$kg" --db "$db" timeline "Country 0" "Place 1" > "$out/q-timeline2.txt" || true
"$kg" --db "$db" diff --since 1987-03-03 --format json > "$out/q-diff.json"
"$kg" --db "$db" relations --subject "Country 0" --format json > "$out/q-relations.json"
"$kg" --db "$db" export events > "$out/q-export-events.tsv"
cd "$out" && md5sum dump-*.sql membership.txt q-* > md5.txt
