#!/usr/bin/python3
"""Gram mode of OptSuite's coordinate descent on n >> p data: full lasso / L1-logistic paths and single fits with
Gram = Never, Auto and Always, next to glmnet on the same lambda grid.

    /usr/bin/python3 benchmarks/cd/gram_paths.py [--repeat 3] [--warm 8] [--only abalone_scale,...]

OptSuite side: `OptSuite.Benchmarks cd-gram` (CoordinateDescentPath: glmnet's grid of 100 lambdas down to 1e-4
lambda_max, intercept, warm starts, strong rules, relative-gap tolerance 1e-7 per point; one thread: OPTSUITE_THREADS=1;
one cold run that JIT-compiles, then the best of --warm runs (default 8), data load excluded, column copy included). glmnet side: glmnet 4.1.6 in R on the SAME lambda grid
(gaussian: y and lambda rescaled as in ../shared/peers/run_peer.py glmnet_map; standardize=FALSE, intercept=TRUE,
default thresh 1e-7 and type.gaussian (covariance for p < 500)); proc.time() around the glmnet() call only, best of
--repeat; its last-point objective is re-scored in the common convention with run_peer.objective. Prints Markdown rows
and the 1-minute load average of each.
"""
import argparse, json, os, subprocess, sys

import numpy as np

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SHARED = os.path.abspath(os.environ.get("OPTSUITE_SHARED") or os.path.join(REPO, "..", "shared"))
PEERS, DATA = os.path.join(SHARED, "peers"), os.path.join(SHARED, "datasets")
BENCH = os.path.join(REPO, "benchmarks", "OptSuite.Benchmarks")
sys.path.insert(0, PEERS)
import run_peer  # noqa: E402  (load_data, glmnet_map, objective)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import paths  # noqa: E402  (glmnet_path)

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



def glmnet_last(problem, data, grid, repeat):
    """glmnet on the same grid (paths.glmnet_path): seconds, points returned, and its last point's objective."""
    X, y, _ = run_peer.load_data(os.path.join(DATA, data))
    if problem == "logreg_l1":
        y = np.where(y == y.max(), 1.0, -1.0)
    if X.nnz >= 0.5 * X.shape[0] * X.shape[1]:
        X = X.toarray()
    sec, fits = paths.glmnet_path(problem, X, y, grid, 1.0, repeat)
    w, b = fits[-1]
    return sec, len(fits), run_peer.objective(problem, X, y, w, b, grid[len(fits) - 1], 1.0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--warm", type=int, default=8, help="OptSuite's timed runs after a cold (JIT) run; the best is reported")
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
        cmd = ["dotnet", dll, "cd-gram", "--data", path, "--problem", problem, "--repeat", str(a.warm)]
        o = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True, env=env).stdout.strip().splitlines()[-1])
        g_sec, g_pts, g_last = glmnet_last(problem, data, o["grid"], a.repeat)
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
