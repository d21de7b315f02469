#!/usr/bin/python3
"""Gram mode of OptSuite's coordinate descent on n >> p data: full lasso / L1-logistic paths and single fits with
Gram = Never, Auto and Always, next to glmnet on the same lambda grid.

    /usr/bin/python3 benchmarks/cd/gram_paths.py [--repeat 3] [--only abalone_scale,...]

OptSuite side: `OptSuite.Benchmarks cd-gram` (CoordinateDescentPath: glmnet's grid of 100 lambdas down to 1e-4
lambda_max, intercept, warm starts, strong rules, relative-gap tolerance 1e-7 per point; one thread: OPTSUITE_THREADS=1;
best of --repeat, data load excluded, column copy included). glmnet side: glmnet 4.1.6 in R on the SAME lambda grid
(gaussian: y and lambda rescaled as in ../shared/peers/run_peer.py glmnet_map; standardize=FALSE, intercept=TRUE,
default thresh 1e-7 and type.gaussian (covariance for p < 500)); proc.time() around the glmnet() call only, best of
--repeat; its last-point objective is re-scored in the common convention with run_peer.objective. Prints Markdown rows
and the 1-minute load average of each.
"""
import argparse, json, os, subprocess, sys, tempfile, time

import numpy as np
import scipy.sparse as sp

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SHARED = os.path.abspath(os.environ.get("OPTSUITE_SHARED") or os.path.join(REPO, "..", "shared"))
PEERS, DATA = os.path.join(SHARED, "peers"), os.path.join(SHARED, "datasets")
BENCH = os.path.join(REPO, "benchmarks", "OptSuite.Benchmarks")
sys.path.insert(0, PEERS)
import run_peer  # noqa: E402  (load_data, glmnet_map, objective)

CASES = [
    ("lasso", "regression/abalone_scale"),
    ("lasso", "regression/cpusmall.svm"),
    ("lasso", "regression/cal_housing.svm.xz"),
    ("logreg_l1", "binary/australian_scale"),
    ("logreg_l1", "binary/heart_scale"),
    ("logreg_l1", "binary/spambase.svm"),
    ("logreg_l1", "binary/caravan.svm.xz"),
    ("logreg_l1", "binary/a9a.xz"),
    ("logreg_l1", "binary/w8a.xz"),
]

R_PATH = r"""
suppressMessages({library(Matrix); library(glmnet)})
args <- commandArgs(trailingOnly = TRUE)
td <- args[1]
meta <- read.table(file.path(td, "meta.txt"), header = TRUE, stringsAsFactors = FALSE)
n <- meta$n; p <- meta$p; nnz <- meta$nnz
if (meta$dense == 1) {
  X <- matrix(readBin(file.path(td, "X.bin"), "double", n * p), n, p)
} else {
  X <- new("dgCMatrix", i = readBin(file.path(td, "i.bin"), "integer", nnz), p = readBin(file.path(td, "p.bin"), "integer", p + 1),
           x = readBin(file.path(td, "x.bin"), "double", nnz), Dim = c(as.integer(n), as.integer(p)))
}
y <- readBin(file.path(td, "y.bin"), "double", n)
if (meta$family == "binomial") y <- factor(y, levels = c(-1, 1))
lams <- readBin(file.path(td, "lam.bin"), "double", meta$nlam)
best <- Inf
for (r in seq_len(meta$repeats)) {
  t0 <- proc.time()[["elapsed"]]
  fit <- glmnet(x = X, y = y, family = meta$family, alpha = 1, lambda = lams, standardize = FALSE, intercept = TRUE)
  best <- min(best, proc.time()[["elapsed"]] - t0)
}
L <- length(fit$lambda)
writeBin(as.numeric(fit$beta[, L]), file.path(td, "beta.bin"))
writeBin(as.numeric(fit$a0[L]), file.path(td, "a0.bin"))
cat(sprintf("%.9f %d %d\n", best, L, fit$npasses))
"""


def glmnet_path(problem, data, grid, repeat):
    X, y, _ = run_peer.load_data(os.path.join(DATA, data))
    n, p = X.shape
    if problem == "logreg_l1":
        y = np.where(y == y.max(), 1.0, -1.0)
    yg, _, _, s, fam = run_peer.glmnet_map(problem, 1.0, 1.0, y, True)
    lams = np.asarray(grid) / s  # lasso: lambda' = lambda/s on y/s; binomial: s = 1
    dense = X.nnz >= 0.5 * n * p
    with tempfile.TemporaryDirectory() as td:
        if dense:
            np.asfortranarray(X.toarray()).ravel(order="F").tofile(os.path.join(td, "X.bin"))
            nnz = n * p
        else:
            Xc = sp.csc_matrix(X); Xc.sort_indices()
            Xc.indices.astype(np.int32).tofile(os.path.join(td, "i.bin"))
            Xc.indptr.astype(np.int32).tofile(os.path.join(td, "p.bin"))
            Xc.data.astype(np.float64).tofile(os.path.join(td, "x.bin"))
            nnz = Xc.nnz
        np.asarray(yg, dtype=np.float64).tofile(os.path.join(td, "y.bin"))
        lams.astype(np.float64).tofile(os.path.join(td, "lam.bin"))
        with open(os.path.join(td, "meta.txt"), "w") as f:
            f.write("n p nnz dense family nlam repeats\n")
            f.write(f"{n} {p} {nnz} {int(dense)} {fam} {len(lams)} {repeat}\n")
        with open(os.path.join(td, "run.R"), "w") as f:
            f.write(R_PATH)
        out = subprocess.run(["Rscript", os.path.join(td, "run.R"), td], check=True, capture_output=True, text=True).stdout
        sec, points, npasses = out.split()
        w = np.fromfile(os.path.join(td, "beta.bin")) * s
        b = float(np.fromfile(os.path.join(td, "a0.bin"))[0]) * s
    last = run_peer.objective(problem, X, y, w, b, grid[int(points) - 1], 1.0)
    return float(sec), int(points), int(npasses), last, dense


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--only", default="")
    a = ap.parse_args()
    subprocess.run(["dotnet", "build", BENCH, "-c", "Release"], check=True, capture_output=True)
    dll = os.path.join(BENCH, "bin", "Release", "net10.0", "OptSuite.Benchmarks.dll")
    env = dict(os.environ, OPTSUITE_THREADS="1")
    print("| problem | data | n×p | load | path: Never s | Auto s | Always s | glmnet s (points, last F rel. to ours) | "
          "single λ_min: Never s | Auto s | Always s | updates | Auto Gram solves/outer |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for problem, data in CASES:
        if a.only and not any(o in data for o in a.only.split(",")): continue
        path = os.path.join(DATA, data)
        if not os.path.exists(path): continue
        load = os.getloadavg()[0]
        cmd = ["dotnet", dll, "cd-gram", "--data", path, "--problem", problem, "--repeat", str(a.repeat)]
        o = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True, env=env).stdout.strip().splitlines()[-1])
        g_sec, g_pts, g_passes, g_last, g_dense = glmnet_path(problem, data, o["grid"], a.repeat)
        load = max(load, os.getloadavg()[0])
        ours_last = o["path_auto"]["last_objective"]
        rel = (g_last - ours_last) / abs(ours_last) if g_pts == o["path_auto"]["points"] else float("nan")
        s = o["single_smallest"]
        print(f"| {problem} | {os.path.basename(data)} | {o['n']}×{o['p']} | {load:.1f} | {o['path_never']['seconds']:.3g} | "
              f"{o['path_auto']['seconds']:.3g} | {o['path_always']['seconds']:.3g} | {g_sec:.3g} ({g_pts}, {rel:+.1e}) | "
              f"{s['never']['seconds']:.3g} | {s['auto']['seconds']:.3g} | {s['always']['seconds']:.3g} | {s['auto']['updates']} | "
              f"{s['auto']['gram_solves']}/{s['auto']['outer']} |", flush=True)
        for mode in ("auto", "always"):
            d = o[f"path_{mode}"]["max_rel_objective_diff_vs_never"]
            if d > 1e-9:
                print(f"<!-- {data}: path {mode} objectives differ from Never by {d:.1e} -->", flush=True)


if __name__ == "__main__":
    main()
