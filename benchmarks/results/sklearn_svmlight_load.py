#!/usr/bin/python3
"""Times scikit-learn's load_svmlight_file on svmlight files, for benchmarks/results/svmlight-reader.md.

usage: /usr/bin/python3 sklearn_svmlight_load.py [--repeat N] FILE.xz PLAIN_FILE [FILE.xz PLAIN_FILE ...]

For each pair: (c) load_svmlight_file(PLAIN_FILE) and (d) load_svmlight_file(lzma.open(FILE.xz)), zero_based=False
(the files are one-based LIBSVM). MB/s = uncompressed bytes / wall seconds. Prints one JSON line per measurement.
"""
import argparse
import json
import lzma
import os
import statistics
import time

import sklearn
from sklearn.datasets import load_svmlight_file


def timed(fn, repeat):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        X, y = fn()
        times.append(time.perf_counter() - t)
    return times, X, y


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    for xz, plain in zip(a.files[0::2], a.files[1::2]):
        size = os.path.getsize(plain)
        cases = {
            "sklearn_plain": lambda: load_svmlight_file(plain, zero_based=False),
            "sklearn_lzma_open": lambda: load_svmlight_file(lzma.open(xz, "rb"), zero_based=False),
        }
        for name, fn in cases.items():
            times, X, y = timed(fn, a.repeat)
            print(json.dumps({
                "case": name, "file": os.path.basename(xz), "uncompressed_bytes": size,
                "rows": X.shape[0], "columns": X.shape[1], "nnz": int(X.nnz),
                "best_s": round(min(times), 4), "median_s": round(statistics.median(times), 4),
                "best_mb_s": round(size / 1e6 / min(times), 1), "median_mb_s": round(size / 1e6 / statistics.median(times), 1),
                "sklearn": sklearn.__version__,
            }), flush=True)


if __name__ == "__main__":
    main()
