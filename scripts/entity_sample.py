#!/usr/bin/env python3
"""What a change to the mention rules does to the entities of text nobody tuned for.

Runs kg binaries over the unseen documents of scripts/unseen_diff.py (540 BBC politics and
business articles, 600 Reuters wires; the eval's articles left out) and prints, for a person
to read, each name (a canonical name or an alias, per document) whose type differs between two
binaries or that only one of them finds, with the first sentence it occurs in:

    scripts/entity_sample.py BASE_KG NEW_KG [--reuters /tmp/reuters.jsonl] [--out /tmp/unseen]

or, with one binary, a seeded random sample of N of its entities to classify by hand:

    scripts/entity_sample.py KG --sample 150 [--seed 1]

The corpora's text is research-only: everything this writes goes to --out, outside the repo.
"""
import argparse
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import unseen_diff  # noqa: E402  (the same document sets, picked the same way)


def texts(inputs):
    """Document name (as `kg extract` prints it) → text."""
    out = {}
    for path in inputs:
        if path.endswith(".jsonl"):
            for line in open(path, encoding="utf-8"):
                d = json.loads(line)
                out[str(d["id"])] = d["text"]
        else:
            out[os.path.basename(path)] = open(path, encoding="utf-8", errors="replace").read()
    return out


def entities(kg, inputs):
    """(doc, surface) → (type, canonical name, aliases), one per name and alias of every entity."""
    found = {}
    for d in unseen_diff.extracted(kg, inputs):
        for e in d["entities"]:
            names = sorted({e["name"], *e.get("aliases", [])}, key=lambda n: (-len(n), n))
            for name in names:
                found[(d["doc"], name)] = (e["type"], e["name"], names)
    return found


def context(text, names, width=90):
    """The text around the first whole-word occurrence of the first of `names` found in it."""
    for name in [names] if isinstance(names, str) else names:
        # Wires break lines inside names.
        words = r"\s+".join(re.escape(w) for w in name.split())
        # Case ignored where the exact form is absent ("Public Accounts Committee" named
        # from "public accounts committee").
        m = re.search(r"(?<!\w)" + words + r"(?!\w)", text) or re.search(r"(?<!\w)" + words + r"(?!\w)", text, re.I)
        if m:
            break
    else:
        return "(not found in the text)"
    a, b = max(0, m.start() - width), min(len(text), m.end() + width)
    return " ".join((text[a : m.start()] + "[" + m.group() + "]" + text[m.end() : b]).split())


def document_sets(a):
    os.makedirs(a.out, exist_ok=True)
    # One set per BBC section: kg names a document by its file name, and both sections have a
    # 001.txt.
    bbc = unseen_diff.bbc_files()
    sets = [(f"BBC {s}", [f for f in bbc if os.path.basename(os.path.dirname(f)) == s]) for s in ("politics", "business")]
    if os.path.exists(a.reuters):
        sets.append(("Reuters", [unseen_diff.reuters_sample(a.reuters, a.out)]))
    else:
        print(f"no {a.reuters}: run scripts/reuters_to_jsonl.py {a.reuters} for the Reuters sample", file=sys.stderr)
    return sets


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("kgs", nargs="+", metavar="KG", help="one binary with --sample, else BASE_KG NEW_KG")
    ap.add_argument("--sample", type=int, help="print N random entities of the one binary")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--reuters", default="/tmp/reuters.jsonl")
    ap.add_argument("--out", default="/tmp/unseen")
    a = ap.parse_args()
    if (a.sample is None) != (len(a.kgs) == 2) or len(a.kgs) > 2:
        ap.error("give BASE_KG NEW_KG, or one KG with --sample N")
    sets = document_sets(a)
    if a.sample is not None:
        pool = []
        for name, inputs in sets:
            docs = texts(inputs)
            found = entities(a.kgs[0], inputs)
            # One row per entity (its canonical name), not per alias.
            pool += [(name, doc, e, docs.get(doc, "")) for (doc, s), e in sorted(found.items()) if s == e[1]]
        random.seed(a.seed)
        for i, (name, doc, (t, canon, names), text) in enumerate(random.sample(pool, min(a.sample, len(pool))), 1):
            print(f"{i:3} {name} {doc} | {t} | {canon} | {context(text, names)}")
        return
    for name, inputs in sets:
        docs = texts(inputs)
        base, new = entities(a.kgs[0], inputs), entities(a.kgs[1], inputs)
        rows = []
        for k in sorted(set(base) | set(new)):
            b, n = base.get(k, ("-",)), new.get(k, ("-",))
            if b[0] != n[0]:
                rows.append((k, b[0], n[0]))
        print(f"== {name}: {len(rows)} names of a changed type or found by one binary only")
        for (doc, surface), b, n in rows:
            print(f"{b} -> {n} | {doc} | {surface} | {context(docs.get(doc, ''), surface)}")


if __name__ == "__main__":
    main()
