#!/usr/bin/python3
"""scikit-learn QuantileRegressor(solver='highs') fit times: one untimed warm-up fit, then best of --repeat, on svmlight
files; prints CSV data,n,p,tau,lambda,seconds,objective,nnz with the objective re-scored as
(1/n) sum rho_tau(y - Xw - b) + lambda ||w||_1 (QuantileRegressor's own objective, alpha = lambda).
--dense passes X as a dense ndarray (the usual form for these dense data sets); otherwise the CSR matrix as loaded.
Usage: sklearn_quantile.py [--repeat R] [--dense] FILE TAU LAMBDA [FILE TAU LAMBDA ...]"""
import os, sys, time, warnings
import numpy as np
from sklearn.datasets import load_svmlight_file
from sklearn.linear_model import QuantileRegressor

args = sys.argv[1:]
repeat, dense = 3, False
while args and args[0].startswith("--"):
    if args[0] == "--repeat":
        repeat = int(args[1]); args = args[2:]
    elif args[0] == "--dense":
        dense = True; args = args[1:]
    else:
        sys.exit(f"unknown option {args[0]}")
print("data,n,p,tau,lambda,seconds,objective,nnz", flush=True)
cache = {}
for k in range(0, len(args) - 2, 3):
    if args[k] not in cache:
        X, y = load_svmlight_file(args[k])
        cache[args[k]] = (X.toarray() if dense else X, y)
    X, y = cache[args[k]]
    tau, lam = float(args[k + 1]), float(args[k + 2])

    def fit():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return QuantileRegressor(quantile=tau, alpha=lam, solver="highs").fit(X, y)

    m = fit()
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        m = fit()
        best = min(best, time.perf_counter() - t)
    r = y - X @ m.coef_ - m.intercept_
    f = np.mean(np.maximum(tau * r, (tau - 1) * r)) + lam * np.abs(m.coef_).sum()
    print(f"{os.path.basename(args[k])},{X.shape[0]},{X.shape[1]},{tau!r},{lam!r},{best:.4g},{f!r},{np.count_nonzero(m.coef_)}", flush=True)
