#!/usr/bin/env python3
"""Convert Reuters-21578 SGML files to kg's JSON Lines input, one object per <BODY>.

Usage:
    python3 scripts/reuters_to_jsonl.py OUT.jsonl [SGM_DIR] [--title-in-text]

SGM_DIR defaults to ../shared/corpora/reuters21578 beside the repository. OUT is required and
must not be inside the repository: the corpus is for research use only and is never committed.

Each record: {"id": NEWID, "title": TITLE, "date": "YYYY-MM-DD", "text": BODY}, where BODY
starts with the wire's <DATELINE> ("TOKYO, April 17 - "), as the eval's Reuters articles do
(without it, the rest of the first line stands alone and reads as a headline), and has
HTML entities decoded, control characters (other than tab and line feed) removed and the
trailing "Reuter" sign-off (any case, repeated in a few articles) dropped. Files are read as latin-1 (one byte in reut2-017 is not
UTF-8). Records are written in file order, then in order of appearance.

--title-in-text writes each title at the top of its text (a paragraph of its own) and no
"title" field: a kg that does not read JSONL titles then reads the same text as one that
does, so two binaries from either side of that change can be compared (scripts/unseen_diff.py,
scripts/relation_sample.py).
"""

import glob
import html
import json
import os
import re
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ARTICLE = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.S)
NEWID = re.compile(r'NEWID="(\d+)"')
MONTHS = {m: i + 1 for i, m in enumerate(
    "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split())}
DATE = re.compile(r"<DATE>\s*(\d{1,2})-([A-Z]{3})-(\d{4})")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
SIGN_OFF = re.compile(r"(?:\s*\bReuter\b)+\s*$", re.I)


def tag(name, body):
    m = re.search(rf"<{name}>(.*?)</{name}>", body, re.S)
    return m.group(1) if m else None


def clean(raw):
    text = CONTROL.sub("", html.unescape(raw))
    return text


def records(path):
    with open(path, encoding="latin-1") as f:
        data = f.read()
    for attrs, body in ARTICLE.findall(data):
        raw = tag("BODY", body)
        if raw is None:
            continue
        newid = NEWID.search(attrs)
        text = SIGN_OFF.sub("", clean(raw)).strip()
        dateline = tag("DATELINE", body)
        if text and dateline is not None and clean(dateline).strip():
            text = clean(dateline).strip() + " " + text
        rec = {"id": newid.group(1) if newid else None}
        title = tag("TITLE", body)
        if title is not None:
            rec["title"] = clean(title).strip()
        d = DATE.search(body)
        if d and d.group(2) in MONTHS:
            rec["date"] = "%s-%02d-%02d" % (d.group(3), MONTHS[d.group(2)], int(d.group(1)))
        rec["text"] = text
        yield rec


def main(argv):
    title_in_text = "--title-in-text" in argv
    argv = [a for a in argv if a != "--title-in-text"]
    if len(argv) not in (2, 3):
        sys.exit(__doc__)
    out = os.path.abspath(argv[1])
    if out == REPO or out.startswith(REPO + os.sep):
        sys.exit(f"refusing to write corpus text into the repository: {out}")
    src = argv[2] if len(argv) == 3 else os.path.join(REPO, "..", "shared", "corpora", "reuters21578")
    files = sorted(glob.glob(os.path.join(src, "*.sgm")))
    if not files:
        sys.exit(f"no .sgm files in {src}")
    n = 0
    with open(out, "w", encoding="utf-8") as f:
        for path in files:
            for rec in records(path):
                if not rec["text"]:
                    continue
                if title_in_text and "title" in rec:
                    rec["text"] = rec.pop("title") + "\n\n" + rec["text"]
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
    print(f"{n} records from {len(files)} files -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
