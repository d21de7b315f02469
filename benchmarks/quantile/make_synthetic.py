#!/usr/bin/python3
"""Synthetic dense quantile-regression data: x ~ N(0, 1)^p, y = x.beta + 1 + t_3 noise (heavy tails), beta_j = 1/(1+j).
Usage: make_synthetic.py N P OUT.svm (seed 0)."""
import sys
import numpy as np
n, p, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = np.random.default_rng(0)
X = rng.standard_normal((n, p))
y = X @ (1.0 / (1.0 + np.arange(p))) + 1 + rng.standard_t(3, n)
with open(out, "w") as f:
    for i in range(n):
        f.write(f"{y[i]:.6g} " + " ".join(f"{j + 1}:{X[i, j]:.6g}" for j in range(p)) + "\n")
