#!/bin/sh
# Times `kg extract` on one long document (0.1, 0.4 and 1.6 MB of repeated news sentences with
# pronouns and titles): the time should grow linearly with the size.
# Usage: scripts/long_document.sh [path/to/kg]
set -eu
KG=${1:-target/release/kg}
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
S="Sergey Lavrov met Mike Pompeo in Moscow on Tuesday. He said that Russia would not accept new sanctions. The minister told reporters he had delivered a letter from Vladimir Putin. "
for n in 100000 400000 1600000; do
    : > "$DIR/doc.txt"
    while [ "$(wc -c < "$DIR/doc.txt")" -lt "$n" ]; do printf '%s' "$S$S$S$S$S$S$S$S" >> "$DIR/doc.txt"; done
    start=$(date +%s.%N)
    "$KG" extract "$DIR/doc.txt" --format jsonl > /dev/null
    end=$(date +%s.%N)
    awk -v b="$(wc -c < "$DIR/doc.txt")" -v s="$start" -v e="$end" 'BEGIN { printf "%d bytes: %.2f s\n", b, e - s }'
done
