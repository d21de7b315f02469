#!/usr/bin/python3
"""The issue-5 path race: full lasso and elastic-net paths on leukemia, riboflavin and the news20 binary split, OptSuite
against glmnet and scikit-learn on the SAME λ grid, in one run on this machine.

    /usr/bin/python3 benchmarks/cd/paths.py [--repeat 2] [--warm 8] [--only leukemia,riboflavin,news20] [--count 100] [--no-build]

Every path: intercept fitted, no standardisation, glmnet's grid (count values from λ_max down to 1e-2·λ_max as n < p),
λ in the common convention (1/2n)‖y − Xw − b‖² + λ(α‖w‖₁ + (1 − α)/2‖w‖²), α = 1 (lasso) or 0.5 (elastic net); y is
the ±1 class code for the binary sets (regression on the class code).
- OptSuite: `OptSuite.Benchmarks cd-gram --modes auto --no-single` (CoordinateDescentPath: warm starts, strong rules,
  gap-certified points), at relative-gap tolerance 1e-7 and 1e-4; one thread (OPTSUITE_THREADS=1); data loading
  excluded, the column copy included; one cold run (JIT compilation included, shown in brackets), then the best of
  --warm runs (default 8: tiered compilation needs a few runs to reach its optimised code; this is the steady state
  of a long-lived process, which glmnet's compiled code always is).
- glmnet 4.1.6 (R): glmnet(standardize = FALSE, intercept = TRUE) on the same grid mapped as in
  ../shared/peers/run_peer.py glmnet_map (y/s, λ' and α' so the solution is the common-convention one), default
  thresh 1e-7; proc.time() around glmnet() only; best of --repeat. glmnet may end a path early (its dev-ratio rules).
- scikit-learn 1.2.1: Lasso/ElasticNet(fit_intercept=True, warm_start=True) refitted down the grid at its default
  tol 1e-4 and max_iter 1000 (what a user writes for a path with intercept on sparse data); perf_counter around the
  loop; best of --repeat.
Every peer's coefficients are re-scored with run_peer.objective at every point it returned; the table gives each peer's
worst and last-point objective relative to OptSuite's tight path (positive: the peer is above, i.e. less optimal).
"""
import argparse, json, os, subprocess, sys, tempfile, time, warnings

import numpy as np
import scipy.sparse as sp

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SHARED = os.path.abspath(os.environ.get("OPTSUITE_SHARED") or os.path.join(REPO, "..", "shared"))
PEERS, DATA = os.path.join(SHARED, "peers"), os.path.join(SHARED, "datasets")
BENCH = os.path.join(REPO, "benchmarks", "OptSuite.Benchmarks")
sys.path.insert(0, PEERS)
import run_peer  # noqa: E402  (load_data, glmnet_map, objective)

SETS = [("leukemia", "binary/leukemia_train.svm.xz"), ("riboflavin", "regression/riboflavin.svm.xz"),
        ("news20", "derived/news20_binary_l2.svm.xz")]

R_PATH = r"""
suppressMessages({library(Matrix); library(glmnet)})
td <- commandArgs(trailingOnly = TRUE)[1]
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
  fit <- glmnet(x = X, y = y, family = meta$family, alpha = meta$alpha, lambda = lams, standardize = FALSE, intercept = TRUE)
  best <- min(best, proc.time()[["elapsed"]] - t0)
}
s <- summary(fit$beta)
writeBin(as.integer(s$i - 1), file.path(td, "bi.bin")); writeBin(as.integer(s$j - 1), file.path(td, "bj.bin"))
writeBin(as.numeric(s$x), file.path(td, "bx.bin")); writeBin(as.numeric(fit$a0), file.path(td, "a0.bin"))
cat(sprintf("%.9f %d %d %d\n", best, length(fit$lambda), nrow(s), fit$npasses))
"""


def glmnet_path(problem, X, y, grid, l1, repeat):
    """glmnet's path on the grid (common-convention λ) for problem lasso, enet or logreg_l1 (y = ±1): its seconds (best of
    repeat) and, per point it returned, (w, b) in the common convention. Also used by gram_paths.py."""
    n, p = X.shape
    yg, lam_g, alpha_g, s, family = run_peer.glmnet_map(problem, 1.0, l1, y, True)
    lams = np.asarray(grid) * lam_g      # lam_g is linear in λ for a fixed α
    dense = not sp.issparse(X)
    with tempfile.TemporaryDirectory() as td:
        if dense:
            np.asfortranarray(X, dtype=np.float64).ravel(order="F").tofile(os.path.join(td, "X.bin")); nnz = n * p
        else:
            Xc = sp.csc_matrix(X); Xc.sort_indices()
            Xc.indices.astype(np.int32).tofile(os.path.join(td, "i.bin"))
            Xc.indptr.astype(np.int32).tofile(os.path.join(td, "p.bin"))
            Xc.data.astype(np.float64).tofile(os.path.join(td, "x.bin")); nnz = Xc.nnz
        np.asarray(yg, dtype=np.float64).tofile(os.path.join(td, "y.bin"))
        lams.astype(np.float64).tofile(os.path.join(td, "lam.bin"))
        with open(os.path.join(td, "meta.txt"), "w") as f:
            f.write("n p nnz dense family alpha nlam repeats\n")
            f.write(f"{n} {p} {nnz} {int(dense)} {family} {alpha_g!r} {len(lams)} {repeat}\n")
        with open(os.path.join(td, "run.R"), "w") as f:
            f.write(R_PATH)
        out = subprocess.run(["Rscript", os.path.join(td, "run.R"), td], check=True, capture_output=True, text=True).stdout
        sec, points, count, npasses = out.split()
        points, count = int(points), int(count)
        bi = np.fromfile(os.path.join(td, "bi.bin"), dtype=np.int32)[:count]
        bj = np.fromfile(os.path.join(td, "bj.bin"), dtype=np.int32)[:count]
        bx = np.fromfile(os.path.join(td, "bx.bin"))[:count]
        a0 = np.fromfile(os.path.join(td, "a0.bin"))[:points]
    B = sp.csc_matrix((bx, (bi, bj)), shape=(p, points)).toarray() * s
    return float(sec), [(B[:, k], a0[k] * s) for k in range(points)]


def sklearn_path(X, y, grid, l1, repeat):
    from sklearn.linear_model import ElasticNet, Lasso
    from sklearn.exceptions import ConvergenceWarning
    best, fits = float("inf"), None
    for _ in range(repeat):
        m = Lasso(warm_start=True) if l1 == 1 else ElasticNet(l1_ratio=l1, warm_start=True)
        out = []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            t0 = time.perf_counter()
            for lam in grid:
                m.set_params(alpha=lam)
                m.fit(X, y)
                out.append((m.coef_.copy(), float(m.intercept_)))
            best = min(best, time.perf_counter() - t0)
        fits = out
    return best, fits


def ours(path, problem, l1, count, tol, repeat):
    dll = os.path.join(BENCH, "bin", "Release", "net10.0", "OptSuite.Benchmarks.dll")
    cmd = ["dotnet", dll, "cd-gram", "--data", path, "--problem", problem, "--l1-ratio", str(l1), "--count", str(count),
           "--ratio", "1e-2", "--tol", str(tol), "--repeat", str(repeat), "--modes", "auto", "--no-single"]
    env = dict(os.environ, OPTSUITE_THREADS="1")
    return json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True, env=env).stdout.strip().splitlines()[-1])


def relative(problem, X, y, fits, grid, l1, reference):
    diffs = [(run_peer.objective(problem, X, y, w, b, grid[k], l1) - reference[k]) / abs(reference[k])
             for k, (w, b) in enumerate(fits)]
    return max(diffs), diffs[-1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--only", default="")
    ap.add_argument("--warm", type=int, default=8, help="OptSuite's timed runs after its cold run (best is reported)")
    ap.add_argument("--sklearn-repeat", type=int, default=None, help="repeats for scikit-learn (default --repeat; 0 skips it)")
    ap.add_argument("--no-build", action="store_true", help="use the benchmarks as built (build them first, e.g. under a shared lock)")
    a = ap.parse_args()
    sk_repeat = a.repeat if a.sklearn_repeat is None else a.sklearn_repeat
    if not a.no_build:
        subprocess.run(["dotnet", "build", BENCH, "-c", "Release"], check=True, capture_output=True)
    print("| path | data | n×p | load | OptSuite s (tol 1e-7; cold run) | glmnet s (points; worst, last F) | "
          "OptSuite / glmnet (goal ≤ 1.0) | OptSuite s (tol 1e-4; worst, last F) | scikit-learn s (worst, last F) | command |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, data in SETS:
        if a.only and name not in a.only.split(","): continue
        path = os.path.join(DATA, data)
        X, y, _ = run_peer.load_data(path)
        if X.nnz >= 0.5 * X.shape[0] * X.shape[1]: X = X.toarray()
        for problem, l1 in (("lasso", 1.0), ("enet", 0.5)):
            load = os.getloadavg()[0]
            tight = ours(path, problem, l1, a.count, 1e-7, a.warm)
            loose = ours(path, problem, l1, a.count, 1e-4, a.warm)
            grid, ref = tight["grid"], tight["path_auto"]["objectives"]
            lo = loose["path_auto"]["objectives"]
            lw = max((lo[k] - ref[k]) / abs(ref[k]) for k in range(len(lo))); ll = (lo[-1] - ref[-1]) / abs(ref[-1])
            g_sec, g_fits = glmnet_path(problem, X, y, grid, l1, a.repeat)
            gw, gl = relative(problem, X, y, g_fits, grid, l1, ref)
            if sk_repeat > 0:
                s_sec, s_fits = sklearn_path(X, y, grid, l1, sk_repeat)
                sw, sl = relative(problem, X, y, s_fits, grid, l1, ref)
            else:
                s_sec = sw = sl = float("nan")
            load = max(load, os.getloadavg()[0])
            command = f"`paths.py --repeat {a.repeat} --warm {a.warm} --sklearn-repeat {sk_repeat} --only {name}`"
            print(f"| {problem} | {name} | {X.shape[0]}×{X.shape[1]} | {load:.1f} | {tight['path_auto']['seconds']:.3g} "
                  f"({tight['path_auto']['converged']}/{len(ref)} certified; {tight['path_auto']['cold_seconds']:.3g}) | "
                  f"{g_sec:.3g} ({len(g_fits)}; {gw:+.1e}, {gl:+.1e}) | {tight['path_auto']['seconds'] / g_sec:.2f} | "
                  f"{loose['path_auto']['seconds']:.3g} ({lw:+.1e}, {ll:+.1e}) | {s_sec:.3g} ({sw:+.1e}, {sl:+.1e}) | {command} |", flush=True)


if __name__ == "__main__":
    main()
