#!/usr/bin/env python3
"""Sentences where kg names two actors and finds no relation, for a person to read.

Runs `kg extract` over text files, splits each into sentences (a rough regex split), and
prints a seeded random sample of the sentences that name two or more people, countries or
organisations (by their names or aliases) and carry no relation's evidence. Reading them by
kind is how the constructions of the last round were found; a sentence may be silent rightly
(nothing of the ontology is said), which only reading tells.

    scripts/silent_sentences.py KG LIST [N] [SEED]

LIST is a file of text-file paths, one per line (for example BBC politics 300-417 of
../shared/corpora/bbc, which scripts/unseen_diff.py does not read), or the Reuters JSONL of
scripts/reuters_to_jsonl.py: then 200 wires drawn with seed 5 from those after the first 3,000
are written as text files to a temporary folder (outside the repository) and read. The corpora's text is
research-only: the output goes to the terminal, never into the repository.
"""
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import unseen_diff  # noqa: E402  (runs kg extract the same way)


def reuters_files(jsonl: str) -> list:
    """200 wires after the first 3,000, drawn with seed 5, as text files in a temporary folder."""
    import json
    import tempfile

    lines = [json.loads(line) for line in open(jsonl, encoding="utf-8") if line.strip()]
    random.seed(5)
    folder = tempfile.mkdtemp(prefix="kg-silent-")
    files = []
    for doc in random.sample(lines[3000:], 200):
        path = os.path.join(folder, f"r{doc['id']}.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(doc["text"])
        files.append(path)
    return files


def main() -> None:
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    kg, listing = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 40
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    if listing.endswith(".jsonl"):
        files = reuters_files(listing)
    else:
        files = [line.strip() for line in open(listing) if line.strip()]
    docs = {d["doc"]: d for d in unseen_diff.extracted(kg, files)}
    silent = []
    for path in files:
        doc = docs.get(path.rsplit("/", 1)[-1])
        if not doc:
            continue
        text = open(path, encoding="utf-8", errors="replace").read().replace("\n", " ")
        evidence = [r.get("evidence", "") for r in doc["relations"]]
        for sentence in re.split(r'(?<=[.!?"])\s+(?=[A-Z"])', text):
            sentence = sentence.strip()
            if len(sentence) < 20:
                continue
            named = set()
            for e in doc["entities"]:
                if e["type"] not in ("PERSON", "COUNTRY", "ORGANIZATION"):
                    continue
                for form in e["aliases"] + [e["name"]]:
                    if len(form) > 2 and re.search(r"\b" + re.escape(form) + r"\b", sentence):
                        named.add(e["name"])
                        break
            if len(named) < 2:
                continue
            if any(x and (sentence[:60] in x or x[:60] in sentence) for x in evidence):
                continue
            silent.append((doc["doc"], sorted(named), sentence))
    random.seed(seed)
    print(len(silent), "silent sentences")
    for name, named, sentence in random.sample(silent, min(n, len(silent))):
        print("-", name, named, "|", sentence[:300])


if __name__ == "__main__":
    main()
