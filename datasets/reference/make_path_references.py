#!/usr/bin/python3
"""Frozen glmnet regularisation paths (datasets/reference/paths_glmnet.json) for the LassoPath / LogisticPath tests.

glmnet 4.1-6 (R, Debian) fits its own default path: nlambda = 100 values from lambda_max (the smallest lambda with
beta = 0, intercept at its optimum) down to lambda.min.ratio * lambda_max, lambda.min.ratio = 1e-2 if n < p else 1e-4,
log-spaced, warm-started, stopped early when the deviance explained saturates (change < 1e-5 relative, or > 0.999).
standardize = FALSE and intercept = TRUE, so its objective is ours (../shared/peers/README.md):
  gaussian  (1/(2n)) ||y - Xw - b||^2 + lambda ||w||_1        (alpha = 1; the y scaling glmnet applies internally is
                                                                 harmless for the lasso, lambda is reported on y's scale)
  binomial  (1/n) sum log(1 + exp(-y_i (x_i.w + b))) + lambda ||w||_1, y in {-1, +1} (larger label +1)
thresh = 1e-14 (relative to the null deviance) and maxit = 1e7, so each point is converged far below the tests' 1e-6.
Every lambda of the path is stored, the intercept, coefficients and our objective (numpy) at every 5th point and the last.

Run: /usr/bin/python3 datasets/reference/make_path_references.py   (from the repository root)
"""
import datetime, json, os, subprocess, sys, tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from make_references import load_svmlight  # noqa: E402

THRESH = 1e-14
MAXIT = 10_000_000

R_SCRIPT = r"""
suppressMessages(library(glmnet))
args <- commandArgs(trailingOnly = TRUE)
td <- args[1]; n <- as.integer(args[2]); p <- as.integer(args[3]); fam <- args[4]
thresh <- as.numeric(args[5]); maxit <- as.integer(args[6])
X <- matrix(readBin(file.path(td, "X.bin"), "double", n * p), n, p)
y <- readBin(file.path(td, "y.bin"), "double", n)
if (fam == "binomial") y <- factor(y, levels = c(-1, 1))
fit <- glmnet(X, y, family = fam, alpha = 1, standardize = FALSE, intercept = TRUE, thresh = thresh, maxit = maxit)
writeBin(as.numeric(fit$lambda), file.path(td, "lambda.bin"))
writeBin(as.numeric(fit$a0), file.path(td, "a0.bin"))
writeBin(as.numeric(as.matrix(fit$beta)), file.path(td, "beta.bin"))
writeBin(as.numeric(fit$dev.ratio), file.path(td, "dev.bin"))
cat(length(fit$lambda), fit$npasses, as.character(packageVersion("glmnet")), "\n")
"""


def glmnet_path(data, family):
    X, y = load_svmlight(os.path.join(REPO, data))
    n, p = X.shape
    if family == "binomial":
        classes = sorted(set(y))
        y = np.where(y == classes[-1], 1.0, -1.0)
    with tempfile.TemporaryDirectory() as td:
        np.asfortranarray(X).ravel(order="F").tofile(os.path.join(td, "X.bin"))
        y.astype(np.float64).tofile(os.path.join(td, "y.bin"))
        with open(os.path.join(td, "run.R"), "w") as f:
            f.write(R_SCRIPT)
        out = subprocess.run(["Rscript", os.path.join(td, "run.R"), td, str(n), str(p), family, repr(THRESH), str(MAXIT)],
                             check=True, capture_output=True, text=True).stdout.split()
        length, npasses, version = int(out[0]), int(out[1]), out[2]
        lam = np.fromfile(os.path.join(td, "lambda.bin"))
        a0 = np.fromfile(os.path.join(td, "a0.bin"))
        beta = np.fromfile(os.path.join(td, "beta.bin")).reshape(length, p)   # R wrote p x L column-major
        dev = np.fromfile(os.path.join(td, "dev.bin"))
    picked = sorted(set(list(range(0, length, 5)) + [length - 1]))

    def objective(k):   # ours, in numpy float64, at glmnet's point k
        z = X @ beta[k] + a0[k]
        data = 0.5 * np.mean((y - z) ** 2) if family == "gaussian" else np.mean(np.logaddexp(0, -y * z))
        return float(data + lam[k] * np.abs(beta[k]).sum())
    return {
        "problem": "lasso_path" if family == "gaussian" else "logreg_l1_path",
        "data": data, "family": family, "fit_intercept": True, "n": n, "p": p,
        "lambda_min_ratio": 1e-2 if n < p else 1e-4, "nlambda": 100,
        "lambdas": lam.tolist(), "dev_ratio": dev.tolist(),
        "points": [{"index": k, "lambda": float(lam[k]), "intercept": float(a0[k]), "objective": objective(k),
                    "coef": beta[k].tolist()} for k in picked],
        "tool": "glmnet", "version": version, "npasses": npasses, "tolerance": THRESH,
        "command": f"glmnet(X, y, family = '{family}', alpha = 1, standardize = FALSE, intercept = TRUE, "
                   f"thresh = {THRESH}, maxit = {MAXIT}) via /usr/bin/python3 datasets/reference/make_path_references.py",
        "conventions": "../shared/peers/README.md; binomial labels -1/+1 with the larger original label +1",
        "date": datetime.date.today().isoformat(),
    }


def main():
    cases = [glmnet_path("datasets/regression/prostate_train.svm", "gaussian"),
             glmnet_path("datasets/binary/heart_scale", "binomial")]
    with open(os.path.join(HERE, "paths_glmnet.json"), "w") as f:
        json.dump(cases, f, indent=1)
        f.write("\n")
    for c in cases:
        print(c["data"], c["family"], "points", len(c["lambdas"]), "lambda_max", c["lambdas"][0], "npasses", c["npasses"])


if __name__ == "__main__":
    main()
