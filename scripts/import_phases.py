#!/usr/bin/env python3
"""Splits a profile of `kg import triples` into its phases (README "Performance on a 5M-edge
graph"): each sample goes to the outermost kg step on its stack.

    CARGO_TARGET_DIR=/tmp/kg-prof RUSTFLAGS="-C force-frame-pointers=yes" \
      CFLAGS="-fno-omit-frame-pointer" CARGO_PROFILE_RELEASE_DEBUG=line-tables-only \
      cargo build --release
    perf record -F 499 -g -o perf.data /tmp/kg-prof/release/kg --db x.db import triples FILE
    perf script -i perf.data -F ip,sym > perf.txt && scripts/import_phases.py perf.txt
"""
import sys, collections
def phase(stack):
    syms = [s for s in stack]
    outer = list(reversed(syms))  # outermost first
    def has(x): return any(x in s for s in syms)
    def first_after(name):
        for i, s in enumerate(outer):
            if name in s:
                return outer[i+1] if i + 1 < len(outer) else ''
        return None
    if has('Transaction::commit'): return 'commit (WAL frames + checkpoint)'
    if has('refold_all') or has('refold_imported'):
        if has('FoldedEvents::write'): return 'events+event_sources insert'
        if has('execute_batch'): return 'events/event_sources index build'
        if has('FoldedEvents::add') or has('events::fold'): return 'fold'
        if has('sqlite3_step'): return 'refold: other sql (delete, read)'
        return 'refold: sort/collect/etc'
    if has('import_lines'):
        if has('execute_batch'): return 'relations index build (+drop)'
        if has('BulkInsert::flush'): return 'relations insert'
        if has('import_lines::{{closure}}'): return 'entity resolve (+alias/entity insert)'
        if has('sqlite3'): return 'import_lines other sql'
        return 'import_lines rust (rows, known vec)'
    if has('import_triples'): return 'read+parse file'
    if has('Store::open'): return 'open'
    return 'other'
counts = collections.Counter()
stack = []
n = 0
for line in open(sys.argv[1]):
    line = line.strip()
    if not line:
        if stack:
            counts[phase(stack)] += 1; n += 1
        stack = []
        continue
    parts = line.split(None, 1)
    stack.append(parts[1] if len(parts) > 1 else '')
if stack: counts[phase(stack)] += 1; n += 1
for k, v in counts.most_common():
    print(f"{100*v/n:5.1f}%  {k}")
print(n, "samples")
