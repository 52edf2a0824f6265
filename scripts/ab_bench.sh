#!/usr/bin/env bash
# Interleaved A/B of `kg bench nlp` for several kg binaries (the host is noisy, so the order
# alternates each round and each round's figure is also given as a ratio to the first binary).
#   scripts/ab_bench.sh ROUNDS KG_A KG_B [KG_C ...]     (run from the repository root)
set -euo pipefail
rounds=$1
shift
bins=("$@")
declare -A res
for ((i = 0; i < rounds; i++)); do
    if ((i % 2)); then order=($(printf '%s\n' "${bins[@]}" | tac)); else order=("${bins[@]}"); fi
    for b in "${order[@]}"; do
        r=$("$b" bench nlp ../shared/corpora/bbc/politics ../shared/corpora/bbc/business --repeat 3 |
            sed -E 's/.*= ([0-9]+) tokens.*/\1/')
        res[$b]="${res[$b]:-} $r"
    done
done
base=(${res[${bins[0]}]})
for b in "${bins[@]}"; do
    v=(${res[$b]})
    ratios=""
    for ((i = 0; i < ${#v[@]}; i++)); do
        ratios="$ratios $(awk -v a="${v[i]}" -v b="${base[i]}" 'BEGIN { printf "%.2f", a / b }')"
    done
    echo "$b: tokens/s${res[$b]} | ratio to ${bins[0]}:$ratios"
done
