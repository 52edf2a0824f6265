#!/usr/bin/env bash
# Scores `kg extract` on ../shared/eval: all 25 articles, the first five (the articles the rules
# were first written against) and the twenty added since, then precision by confidence bucket,
# by label and by rule. The figures of the README's "Current scores" section come from here.
#
#   scripts/eval_report.sh            # release build (cargo build --release first)
#   KG=target/debug/kg scripts/eval_report.sh
set -euo pipefail
cd "$(dirname "$0")/.."
KG=${KG:-target/release/kg}
SHARED=${SHARED:-../shared}
FIRST5="khamenei-adviser reuters-1290 reuters-3560 bbc-politics-058 bbc-politics-189"
pred=$(mktemp)
trap 'rm -f "$pred"' EXIT
"$KG" extract "$SHARED"/eval/docs/*.txt --format jsonl > "$pred"
score() { python3 "$SHARED/eval/score.py" "$@" --pred "$pred"; }
first=() later=()
for g in "$SHARED"/eval/gold/*.json; do
    name=$(basename "$g" .json)
    if [[ " $FIRST5 " == *" $name "* ]]; then first+=("$g"); else later+=("$g"); fi
done
echo "== all 25 articles"; score "$SHARED/eval/gold"
echo "== the first five"; score "${first[@]}"
echo "== the twenty added since"; score "${later[@]}"
echo
python3 scripts/confidence_table.py "$SHARED/eval/gold" "$pred" --by-label --by-rule
