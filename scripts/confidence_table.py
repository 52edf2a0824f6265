#!/usr/bin/env python3
"""Precision of predicted relations per confidence bucket (and per label) against the gold of
../shared/eval, using the project's scorer (score.py) on each subset.

usage: confidence_table.py GOLD_DIR PRED.jsonl [--by-label] [--by-rule]

A relation counts in the bucket of its confidence; precision = tp / (tp + fp) as score.py
counts them for that subset (duplicates and optional gold relations count neither way).
--by-label adds recall per gold label (all predictions against the gold relations of that
label); --by-rule gives the precision of each rule id kg stores with a relation."""
import importlib.util, json, sys
from pathlib import Path

def load_scorer(gold_dir):
    path = Path(gold_dir).resolve().parent / "score.py"
    spec = importlib.util.spec_from_file_location("score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod

def subset_scores(score, golds, preds, keep):
    tp = fp = 0
    for doc, gd in golds.items():
        pd = preds.get(doc, {"entities": [], "relations": []})
        sub = dict(pd, relations=[r for r in pd.get("relations", []) if keep(r)])
        res, _ = score.score_doc(gd, sub)
        tp += res["relations"]["tp"]; fp += res["relations"]["fp"]
    return tp, fp

def recall_of(score, golds, preds, label):
    tp = fn = 0
    for doc, gd in golds.items():
        sub = score.Gold({"doc": gd.doc, "entities": gd.entities,
                          "relations": [r for r in gd.relations if r["r"] == label]})
        res, _ = score.score_doc(sub, preds.get(doc, {"entities": [], "relations": []}))
        tp += res["relations"]["tp"]; fn += res["relations"]["fn"]
    return tp, fn

def main(argv):
    gold_dir, pred_path = argv[0], argv[1]
    by_label = "--by-label" in argv
    score = load_scorer(gold_dir)
    golds = {}
    for f in sorted(Path(gold_dir).glob("*.json")):
        g = score.Gold(json.loads(f.read_text()))
        golds[g.doc] = g
    preds = {}
    for line in Path(pred_path).read_text().splitlines():
        if line.strip():
            d = json.loads(line); preds[d["doc"]] = d
    buckets = [(0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 1.01)]
    print(f"{'confidence':<12}{'tp':>5}{'fp':>5}{'precision':>11}")
    for lo, hi in buckets:
        tp, fp = subset_scores(score, golds, preds, lambda r: lo <= r.get("confidence", 0) < hi)
        p = tp / (tp + fp) if tp + fp else float("nan")
        print(f"[{lo:.2f},{min(hi,1):.2f}){'':1}{tp:>5}{fp:>5}{p:>11.3f}")
    if by_label:
        labels = sorted({r["relation"] for d in preds.values() for r in d.get("relations", [])}
                        | {r["r"] for g in golds.values() for r in g.relations})
        labels = [l for l in labels if l in score.ONTOLOGY]
        print(f"\n{'label':<14}{'tp':>5}{'fp':>5}{'precision':>11}{'gold':>6}{'found':>6}{'recall':>8}")
        for lab in labels:
            tp, fp = subset_scores(score, golds, preds, lambda r: r["relation"] == lab)
            p = tp / (tp + fp) if tp + fp else float("nan")
            gtp, gfn = recall_of(score, golds, preds, lab)
            r = gtp / (gtp + gfn) if gtp + gfn else float("nan")
            print(f"{lab:<14}{tp:>5}{fp:>5}{p:>11.3f}{gtp + gfn:>6}{gtp:>6}{r:>8.3f}")
    if "--by-rule" in argv:
        rules = sorted({r.get("rule", "") for d in preds.values() for r in d.get("relations", [])
                        if r.get("relation") in score.ONTOLOGY})
        print(f"\n{'rule':<22}{'tp':>5}{'fp':>5}{'precision':>11}")
        for rule in rules:
            tp, fp = subset_scores(score, golds, preds, lambda r: r.get("rule", "") == rule)
            p = tp / (tp + fp) if tp + fp else float("nan")
            print(f"{rule or '-':<22}{tp:>5}{fp:>5}{p:>11.3f}")

if __name__ == "__main__":
    main(sys.argv[1:])
