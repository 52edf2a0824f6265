#!/usr/bin/env python3
"""What a change to the rules does on text nobody tuned for.

Runs two kg binaries over the same unseen documents and prints every relation only one of
them finds, with its rule and sentence, for a person to read:

- 540 BBC articles (politics 1-299 and business 1-250 of ../shared/corpora/bbc, the articles
  of ../shared/eval left out);
- 600 Reuters-21578 wires drawn at random (seed 7) among those that name an office, talks, a
  visit or a statement (run scripts/reuters_to_jsonl.py first; the eval's wires left out).

    scripts/unseen_diff.py BASE_KG NEW_KG [--reuters /tmp/reuters.jsonl] [--out /tmp/unseen]

The corpora's text is research-only: everything this writes goes to --out, outside the repo.
"""
import argparse
import json
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "shared")
EVAL_DOCS = os.path.join(SHARED, "eval", "docs")
BBC = os.path.join(SHARED, "corpora", "bbc")
CUES = ("minister", "President", "talks", "visit", "said")


def bbc_files():
    evals = set(os.listdir(EVAL_DOCS))
    files = []
    for section, last in (("politics", 299), ("business", 250)):
        for n in range(1, last + 1):
            name = f"{n:03d}.txt"
            if f"bbc-{section}-{name}" not in evals:
                files.append(os.path.join(BBC, section, name))
    return [f for f in files if os.path.exists(f)]


def reuters_sample(path, out):
    evals = {f[len("reuters-"):-len(".txt")] for f in os.listdir(EVAL_DOCS) if f.startswith("reuters-")}
    lines = [l for l in open(path, encoding="utf-8") if any(c in l for c in CUES)]
    random.seed(7)
    random.shuffle(lines)
    picked = [l for l in lines[:600] if str(json.loads(l)["id"]) not in evals]
    sample = os.path.join(out, "reuters600.jsonl")
    with open(sample, "w", encoding="utf-8") as f:
        f.writelines(picked)
    return sample


def extracted(kg, inputs):
    """The documents `kg extract --format jsonl` prints for `inputs`, one dict each."""
    out = subprocess.run([kg, "extract", *inputs, "--format", "jsonl"], capture_output=True, text=True, check=True).stdout
    return [json.loads(line) for line in out.splitlines()]


def relations(kg, inputs):
    found = {}
    for d in extracted(kg, inputs):
        for r in d["relations"]:
            found[(d["doc"], r["subject"], r["relation"], r["object"])] = (r.get("rule"), " ".join(r["evidence"].split())[:220])
    return found


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("base_kg")
    ap.add_argument("new_kg")
    ap.add_argument("--reuters", default="/tmp/reuters.jsonl")
    ap.add_argument("--out", default="/tmp/unseen")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    sets = [("BBC", bbc_files())]
    if os.path.exists(a.reuters):
        sets.append(("Reuters", [reuters_sample(a.reuters, a.out)]))
    else:
        print(f"no {a.reuters}: run scripts/reuters_to_jsonl.py {a.reuters} for the Reuters sample", file=sys.stderr)
    for name, inputs in sets:
        base, new = relations(a.base_kg, inputs), relations(a.new_kg, inputs)
        gone, added = sorted(set(base) - set(new)), sorted(set(new) - set(base))
        print(f"== {name}: {len(added)} added, {len(gone)} removed")
        for k in gone:
            print("-", *k, "|", *base[k])
        for k in added:
            print("+", *k, "|", *new[k])


if __name__ == "__main__":
    main()
