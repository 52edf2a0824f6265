#!/bin/sh
# Feature-group ablation of the CoNLL recogniser on CoNLL-2003 dev (README "Trained models"):
# one model, seed 1, each group list trained from scratch. ~15 s per row on a 2-core machine.
# Usage: scripts/ablate_ner.sh [path/to/kg]   (run from the repository root)
set -eu
KG=${1:-target/release/kg}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
for g in base base,context base,context,gazetteer base,context,gazetteer,clusters \
    base,context,gazetteer,clusters,pos base,context,gazetteer,clusters,pos,document all \
    base,gazetteer,clusters,pos,document,aggregate base,context,clusters,pos,document,aggregate \
    base,context,gazetteer,pos,document,aggregate base,context,gazetteer,clusters,document,aggregate \
    base,context,gazetteer,clusters,pos,aggregate; do
    f1=$("$KG" train ner --groups "$g" --model "$OUT/ner.bin" --epochs 12 --models 1 | tail -1 |
        sed 's/.*dev F1 \([0-9.]*\).*/\1/')
    printf '%-55s dev F1 %s\n' "$g" "$f1"
done
