#!/usr/bin/python3
"""scikit-learn QuantileRegressor(solver='highs') fit times, best of --repeat, on svmlight files; prints CSV
data,n,p,tau,lambda,seconds,objective,nnz with the objective re-scored as (1/n) sum rho_tau(y - Xw - b) + lambda ||w||_1.
Usage: sklearn_quantile.py [--repeat R] FILE TAU LAMBDA [FILE TAU LAMBDA ...]"""
import os, sys, time, warnings
import numpy as np
from sklearn.datasets import load_svmlight_file
from sklearn.linear_model import QuantileRegressor

args = sys.argv[1:]
repeat = 3
if args and args[0] == "--repeat":
    repeat = int(args[1]); args = args[2:]
print("data,n,p,tau,lambda,seconds,objective,nnz", flush=True)
for k in range(0, len(args) - 2, 3):
    X, y = load_svmlight_file(args[k])
    tau, lam = float(args[k + 1]), float(args[k + 2])
    best, m = float("inf"), None
    for _ in range(repeat):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            t = time.perf_counter()
            m = QuantileRegressor(quantile=tau, alpha=lam, solver="highs").fit(X, y)
            best = min(best, time.perf_counter() - t)
    r = y - X @ m.coef_ - m.intercept_
    f = np.mean(np.maximum(tau * r, (tau - 1) * r)) + lam * np.abs(m.coef_).sum()
    print(f"{os.path.basename(args[k])},{X.shape[0]},{X.shape[1]},{tau!r},{lam!r},{best:.4g},{f!r},{np.count_nonzero(m.coef_)}", flush=True)
