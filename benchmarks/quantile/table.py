#!/usr/bin/python3
"""Joins the CSV outputs of sklearn_quantile.py and `OptSuite.Benchmarks quantile` (1 thread, default threads) into the
markdown table of benchmarks/results/quantile.md. Usage: table.py SKLEARN.csv OPTSUITE_1T.csv OPTSUITE_DEFAULT.csv"""
import csv, sys

def rows(path):
    with open(path) as f:
        lines = [l for l in f if not l.startswith("#")]
    return {(r["data"], float(r["tau"]), float(r["lambda"])): r for r in csv.DictReader(lines)}

skl, one, default = (rows(p) for p in sys.argv[1:4])
print("| data | n × p | τ | α | scikit-learn highs (s) | OptSuite ipm, 1 thread (s) | OptSuite ipm, default threads (s) | "
      "speed-up (1 thread) | objective scikit-learn | objective OptSuite | (F_OptSuite − F_sklearn)/F_sklearn | ipm iterations | non-zeros skl / ours |")
print("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
for key, s in skl.items():
    o, d = one.get(key), default.get(key)
    if o is None: continue
    fs, fo = float(s["objective"]), float(o["objective"])
    ts, to = float(s["seconds"]), float(o["seconds"])
    td = d["seconds"] if d else "—"
    print(f"| {key[0].removesuffix('.svm')} | {s['n']} × {s['p']} | {key[1]:g} | {key[2]:g} | {ts:.4g} | {to:.4g} | {td} | "
          f"{ts / to:.3g}× | {fs:.12g} | {fo:.12g} | {(fo - fs) / abs(fs):+.1e} | {o['iterations']} ({o['stop']}) | {s['nnz']} / {o['nnz']} |")
