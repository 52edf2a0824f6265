#!/usr/bin/env python3
"""Automatically parsed news sentences for tri-training the parser (Weiss et al. 2015).

Tokenises, tags and parses unlabelled news text with two parsers (`kg parse`), and keeps the
sentences on whose whole labelled tree the two agree, as CoNLL-U (kg's predicted UPOS in the
UPOS column). `kg train parse --extra FILE` adds them to EWT train.

    scripts/uptrain_parse.py KG TEACHER_A TEACHER_B --out DIR [--min-words 4] [--every 1]

(The same model twice keeps every sentence it parses: plain uptraining, Petrov et al. 2010.)

Text: Reuters-21578 titles and bodies, the BBC articles and the sentences of CoNLL-2003 train
(../shared/corpora), in a fixed order; the documents of ../shared/eval are left out. Writes
DIR/text.txt, DIR/a.conllu, DIR/b.conllu and DIR/agreed.conllu; the corpora's text is
research-only, so DIR belongs outside the repository. Deterministic: same inputs and models,
same bytes.
"""
import argparse
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "shared")
CORPORA = os.path.join(SHARED, "corpora")
EVAL_DOCS = os.path.join(SHARED, "eval", "docs")


def unescape_sgml(s):
    s = re.sub(r"&#\d+;", " ", s)
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def reuters_texts(evals):
    skip = {f[len("reuters-"):-len(".txt")] for f in evals if f.startswith("reuters-")}
    for i in range(22):
        path = os.path.join(CORPORA, "reuters21578", f"reut2-{i:03d}.sgm")
        with open(path, encoding="latin-1") as f:
            sgml = f.read()
        for doc in re.findall(r"<REUTERS[^>]*NEWID=\"(\d+)\"[^>]*>(.*?)</REUTERS>", sgml, re.S):
            newid, body = doc
            if newid in skip:
                continue
            for tag in ("TITLE", "BODY"):
                for m in re.findall(rf"<{tag}>(.*?)</{tag}>", body, re.S):
                    yield unescape_sgml(m).replace("Reuter\n", "\n")


def bbc_texts(evals):
    for section in ("business", "entertainment", "politics", "sport", "tech"):
        folder = os.path.join(CORPORA, "bbc", section)
        for name in sorted(os.listdir(folder)):
            if f"bbc-{section}-{name}" in evals:
                continue
            with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as f:
                yield f.read()


def conll_texts():
    words = []
    with open(os.path.join(CORPORA, "conll2003", "train.txt"), encoding="utf-8") as f:
        for line in f:
            cols = line.split()
            if not cols:
                if words:
                    yield " ".join(words)
                words = []
            elif cols[0] != "-DOCSTART-":
                words.append(cols[0])
    if words:
        yield " ".join(words)


def sentences(path):
    """CoNLL-U blocks: (text, [(form, upos, head, deprel)])."""
    block = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if block:
                    yield block
                block = []
            else:
                block.append(line)
    if block:
        yield block


def rows(block):
    return [l.split("\t") for l in block if not l.startswith("#")]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("kg")
    ap.add_argument("teacher_a")
    ap.add_argument("teacher_b")
    ap.add_argument("--out", required=True)
    # Sentences shorter than this teach little (titles, datelines).
    ap.add_argument("--min-words", type=int, default=4)
    ap.add_argument("--every", type=int, default=1, help="keep every K-th agreed sentence")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    evals = set(os.listdir(EVAL_DOCS))
    text = os.path.join(args.out, "text.txt")
    with open(text, "w", encoding="utf-8") as f:
        for t in (*reuters_texts(evals), *bbc_texts(evals), *conll_texts()):
            # Blank lines end sentences in kg; one document's paragraphs stay apart.
            f.write(t.strip() + "\n\n")
    parsed = []
    for name, model in (("a", args.teacher_a), ("b", args.teacher_b)):
        path = os.path.join(args.out, f"{name}.conllu")
        with open(text, encoding="utf-8") as src, open(path, "w", encoding="utf-8") as dst:
            subprocess.run([args.kg, "parse", "-", "--model", model], stdin=src, stdout=dst, check=True)
        parsed.append(path)
    kept = total = words = agreed = 0
    with open(os.path.join(args.out, "agreed.conllu"), "w", encoding="utf-8") as out:
        for a, b in zip(sentences(parsed[0]), sentences(parsed[1])):
            total += 1
            ra, rb = rows(a), rows(b)
            if [r[1] for r in ra] != [r[1] for r in rb]:
                sys.exit("the two parses tokenised differently")
            if len(ra) < args.min_words or [r[6:8] for r in ra] != [r[6:8] for r in rb]:
                continue
            agreed += 1
            if agreed % args.every:
                continue
            kept += 1
            words += len(ra)
            out.write("\n".join(a) + "\n\n")
    print(f"{agreed} of {total} sentences agreed; kept {kept} ({words} words) → {args.out}/agreed.conllu")


if __name__ == "__main__":
    main()
