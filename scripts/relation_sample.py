#!/usr/bin/env python3
"""Precision on text nobody tuned for: seeded random samples of the relations kg finds, and
what changes between two binaries, on documents that scripts/unseen_diff.py does not read.

    scripts/relation_sample.py KG --bbc --sample N --seed SEED
    scripts/relation_sample.py KG --reuters /tmp/reuters.jsonl --sample N --seed SEED [--skip leader_of,located_in]
    scripts/relation_sample.py KG --reuters /tmp/reuters.jsonl --diff BASE_KG [--names]

--bbc reads BBC politics 300-417 and business 300-510 (in that order) of ../shared/corpora/bbc;
--reuters the first 3,000 wires of the JSONL of scripts/reuters_to_jsonl.py, the eval's wires
left out. A sample prints N relations of the ontology (CONTRACT.md), drawn with Python's
random.sample after random.seed(SEED), with rule, confidence and sentence, for a person to judge.
--diff prints every relation only one binary finds, then the entity names (per document) that
only one of them has, with counts: a name BASE_KG has and KG lacks was joined to another entity
or dropped.

The corpora's text is research-only: this prints to the terminal and writes only to a
temporary folder.
"""
import argparse
import json
import os
import random
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import unseen_diff  # noqa: E402  (runs kg extract the same way)

ONTOLOGY = {
    "leader_of", "official_of", "adviser_to", "member_of", "works_for", "citizen_of", "located_in",
    "met", "visited", "hosted", "communicated", "stated", "supported", "criticized", "warned",
    "threatened", "cooperated", "negotiated", "aided", "demanded", "opposed", "sanctioned", "attacked",
}


def bbc_files():
    bbc = unseen_diff.BBC
    return [os.path.join(bbc, "politics", f"{n:03d}.txt") for n in range(300, 418)] + [
        os.path.join(bbc, "business", f"{n:03d}.txt") for n in range(300, 511)
    ]


def reuters_first(path, first=3000):
    """The first `first` wires, the eval's left out, as a JSONL file in a temporary folder."""
    evals = {f[len("reuters-"):-len(".txt")] for f in os.listdir(unseen_diff.EVAL_DOCS) if f.startswith("reuters-")}
    with open(path, encoding="utf-8") as f:
        lines = [l for _, l in zip(range(first), f) if str(json.loads(l)["id"]) not in evals]
    out = os.path.join(tempfile.mkdtemp(prefix="kg-sample-"), f"reuters{first}.jsonl")
    with open(out, "w", encoding="utf-8") as f:
        f.writelines(lines)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("kg")
    ap.add_argument("--sample", type=int, metavar="N")
    ap.add_argument("--seed", type=int)
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--bbc", action="store_true")
    src.add_argument("--reuters")
    ap.add_argument("--skip", default="", help="labels left out of the sample, comma-separated")
    ap.add_argument("--diff", metavar="BASE_KG")
    ap.add_argument("--names", action="store_true", help="with --diff: list the entity names too")
    a = ap.parse_args()
    inputs = bbc_files() if a.bbc else [reuters_first(a.reuters)]
    if a.diff:
        old, new = unseen_diff.extracted(a.diff, inputs), unseen_diff.extracted(a.kg, inputs)
        rel = lambda docs: {(d["doc"], r["subject"], r["relation"], r["object"]) for d in docs for r in d["relations"]}
        ent = lambda docs: {(d["doc"], e["name"]) for d in docs for e in d["entities"]}
        for sign, got in (("-", rel(old) - rel(new)), ("+", rel(new) - rel(old))):
            for t in sorted(got):
                print(sign, *t)
        print(f"relations: {len(rel(new) - rel(old))} added, {len(rel(old) - rel(new))} removed")
        gone, came = ent(old) - ent(new), ent(new) - ent(old)
        print(f"entity names: {len(gone)} only in BASE_KG, {len(came)} only in KG")
        if a.names:
            for sign, got in (("-", gone), ("+", came)):
                for t in sorted(got):
                    print(sign, *t)
        return
    if a.sample is None or a.seed is None:
        ap.error("give --sample N and --seed SEED, or --diff BASE_KG")
    skip = set(filter(None, a.skip.split(",")))
    rels = [
        (d["doc"], r)
        for d in unseen_diff.extracted(a.kg, inputs)
        for r in d["relations"]
        if r["relation"] in ONTOLOGY and r["relation"] not in skip
    ]
    print(len(rels), "relations")
    random.seed(a.seed)
    for i, (doc, r) in enumerate(random.sample(rels, a.sample)):
        print(f"{i}. [{doc}] {r['subject']} -{r['relation']}-> {r['object']}  ({r['rule']} {r['confidence']})")
        print("    ", " ".join(r["evidence"].split())[:300])


if __name__ == "__main__":
    main()
