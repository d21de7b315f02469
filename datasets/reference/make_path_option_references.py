#!/usr/bin/python3
"""glmnet paths and cross-validation with per-feature penalty options (issue 19): path_options.json.

Run from the repository root (needs Rscript with glmnet 4.1-6 and Matrix):
    /usr/bin/python3 datasets/reference/make_path_option_references.py
Each path is glmnet's own: datasets/reference/penalty_options_glmnet.R in its "path" mode (glmnet(X, y, family, alpha,
nlambda, lambda.min.ratio, standardize, penalty.factor, lower.limits, upper.limits, thresh = 1e-14, maxit = 1e7) on glmnet's
own lambda grid, early stop included) or "cv" mode (cv.glmnet with the same arguments, lambda = that path's grid, a fixed
foldid and grouped = TRUE: every fold solves at the full path's lambdas, OptSuite's convention; with lambda = NULL
cv.glmnet would give each fold its own grid and interpolate its coefficients, which moves cvm by ~1e-4 relative here).
Every point is re-scored with NumPy in OptSuite's convention by make_penalty_option_references.py's helpers:

    F(w, b) = (1/n) sum_i loss(y_i, x_i.w + b) + lam sum_j v_j (alpha s_j |w_j| + (1 - alpha)/2 s_j^2 w_j^2)

v the factors rescaled to sum to p, s_j the (1/n) deviation of column j with standardize (else 1). Gaussian: glmnet
divides y by its own (1/n) deviation, which changes the elastic net's ridge part; the elastic-net path is therefore
fitted to y / y_scale (y_scale = the (1/n) deviation of y, recorded), whose deviation is 1, and the consumer divides y by
y_scale too; lasso paths (alpha = 1, invariant) use y as it is (y_scale = 1). glmnet's points (thresh 1e-14) keep KKT
violations up to ~4e-5 on boston's raw y, so gaussian points are polished on glmnet's support and signs
(make_penalty_option_references.polish_gaussian; kept when the KKT violation drops): coef / intercept / objective / kkt_max
are the polished point, glmnet_coef / glmnet_intercept / glmnet_objective / glmnet_kkt_max glmnet's own.

The single Poisson fits with factors and bounds (the first outside reference for them), and the single Gamma fits
(glmnet's family object Gamma(link = "log")) with factors, bounds and standardize, use
make_penalty_option_references.case, whose records they share (problem names poisson_*, gamma_*).
"""
import datetime, json, os, subprocess, sys, tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from make_references import load_svmlight  # noqa: E402
from make_penalty_option_references import FORMULA, R_SCRIPT, case, kkt, objective, polish_gaussian, rescaled  # noqa: E402

SCRIPT = "datasets/reference/make_path_option_references.py"


def fmt(v):
    return "-" if v is None else ",".join(repr(float(x)) for x in v)


def glmnet_path(name, data, family, alpha, factors=None, lower=None, upper=None, standardize=False, y_scale=1.0,
                nlambda=30, ratio=1e-3, foldid=None, measure=None):
    X, y = load_svmlight(os.path.join(REPO, data))
    n, p = X.shape
    yy = y / y_scale
    v = rescaled(factors, p)
    lo = np.full(p, -np.inf) if lower is None else np.broadcast_to(np.asarray(lower, float), (p,))
    hi = np.full(p, np.inf) if upper is None else np.broadcast_to(np.asarray(upper, float), (p,))
    scales = np.sqrt(np.mean(X * X, axis=0) - np.mean(X, axis=0) ** 2) if standardize else None
    cmd = ["Rscript", R_SCRIPT, data, family, repr(alpha), "-", fmt(factors), fmt(lower), fmt(upper),
           "TRUE" if standardize else "FALSE", "FALSE", repr(y_scale), "cv" if foldid is not None else "path", str(nlambda), repr(ratio)]
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        if foldid is not None:
            f.write("\n".join(str(int(k)) for k in foldid) + "\n")
        fold_file = f.name
    try:
        run = cmd + ([fold_file, measure] if foldid is not None else [])
        lines = [json.loads(l) for l in subprocess.run(run, cwd=REPO, check=True, capture_output=True, text=True).stdout.splitlines() if l.strip()]
    finally:
        os.unlink(fold_file)
    fit = lines[-1]
    points = []
    for k, lam in enumerate(fit["lambda"]):
        c = np.array(fit["coef"][k])
        b, w = float(c[0]), c[1:]
        glmnet_obj, glmnet_kkt = objective(family, X, yy, w, b, lam, alpha, v, scales), kkt(family, X, yy, w, b, lam, alpha, v, lo, hi, scales)
        point = {"lam": lam, "glmnet_objective": glmnet_obj, "glmnet_kkt_max": glmnet_kkt, "glmnet_coef": [float(t) for t in w],
                 "glmnet_intercept": b, "dev_ratio": fit["dev_ratio"][k], "polished": False}
        if family == "gaussian" and np.any(w != 0):
            ok, wp, bp = polish_gaussian(X, yy, w, lam, alpha, v, scales, lo, hi)
            if ok and kkt(family, X, yy, wp, bp, lam, alpha, v, lo, hi, scales) < glmnet_kkt:
                w, b, point["polished"] = wp, bp, True
        point.update({"objective": objective(family, X, yy, w, b, lam, alpha, v, scales), "coef": [float(t) for t in w], "intercept": b,
                      "kkt_max": kkt(family, X, yy, w, b, lam, alpha, v, lo, hi, scales)})
        points.append(point)
    record = {
        "problem": name, "data": data, "family": family, "alpha": alpha, "y_scale": y_scale,
        "penalty_factors": factors, "penalty_factors_rescaled": [float(t) for t in v] if factors is not None else None,
        "lower_limits": lower, "upper_limits": upper, "standardize": standardize, "fit_intercept": True,
        "nlambda": nlambda, "lambda_min_ratio": ratio, "formula": FORMULA + " (s_j: column deviation with standardize)",
        "n": n, "p": p, "lambda": fit["lambda"], "points": points,
        "column_scales": None if scales is None else [float(t) for t in scales],
        "tool": "glmnet (R)", "version": {"glmnet": fit["glmnet_version"], "R": fit["r_version"], "Matrix": fit["matrix_version"]},
        "command": " ".join(cmd + (["<foldid file: this record's foldid, one per line>", measure] if foldid is not None else [])),
        "generator": f"/usr/bin/python3 {SCRIPT}", "tolerance": "thresh 1e-14, maxit 1e7",
    }
    if foldid is not None:
        cv = lines[0]
        record.update({"foldid": [int(k) for k in foldid], "type_measure": measure, "cvm": cv["cvm"], "cvsd": cv["cvsd"],
                       "lambda_min": cv["lambda_min"], "lambda_1se": cv["lambda_1se"]})
        assert cv["cv_lambda"] == fit["lambda"]
    return record


def main():
    boston, heart, abalone = "datasets/regression/boston_housing.svm", "datasets/binary/heart_scale", "datasets/regression/abalone_scale"
    _, yb = load_svmlight(os.path.join(REPO, boston))
    sd = float(np.sqrt(np.mean((yb - yb.mean()) ** 2)))
    boston_factors = [1.0] * 13
    boston_factors[0], boston_factors[4], boston_factors[9], boston_factors[12] = 0.0, 2.0, 0.5, 3.0
    out = [
        glmnet_path("gaussian_lasso_factors_standardize", boston, "gaussian", 1.0, factors=boston_factors, standardize=True),
        glmnet_path("gaussian_enet_factors_standardize", boston, "gaussian", 0.5, factors=[f if f > 0 else 0.25 for f in boston_factors],
                    standardize=True, y_scale=sd),
        glmnet_path("binomial_lower0", heart, "binomial", 1.0, lower=[0.0]),
        glmnet_path("poisson_factors", abalone, "poisson", 1.0, factors=[1.0, 0.5, 2.0, 1.0, 1.0, 3.0, 1.0, 0.25]),
        glmnet_path("gaussian_lasso_factors_standardize_cv", boston, "gaussian", 1.0, factors=boston_factors, standardize=True,
                    foldid=np.random.RandomState(19).permutation(np.arange(506) % 5) + 1, measure="mse"),
    ]
    singles = case("poisson_factors_bounds", abalone, "poisson", 1.0, (0.1, 0.01), factors=[1.0, 0.5, 2.0, 1.0, 1.0, 3.0, 1.0, 0.25],
                   lower=[-0.5], upper=[1.0])
    singles += case("poisson_factors_bounds", abalone, "poisson", 0.5, (0.05,), factors=[0.0, 0.5, 2.0, 1.0, 1.0, 3.0, 1.0, 0.25],
                    lower=[-0.5], upper=[1.0])
    # Gamma (glmnet family Gamma(link = "log")) with factors (a zero among them), bounds and glmnet's standardize.
    gamma_factors = [0.0, 0.5, 2.0, 1.0, 1.0, 3.0, 1.0, 0.25]
    singles += case("gamma_factors_bounds_standardize", abalone, "gamma", 1.0, (0.1, 0.01), factors=gamma_factors,
                    lower=[-0.5], upper=[1.0], standardize=True)
    singles += case("gamma_factors_bounds_standardize", abalone, "gamma", 0.5, (0.05,), factors=gamma_factors,
                    lower=[-0.5], upper=[1.0], standardize=True)
    for r in out + singles:
        r["generated"] = datetime.date.today().isoformat()
    for r in singles:
        r["generator"] = f"/usr/bin/python3 {SCRIPT}"
    with open(os.path.join(HERE, "path_options.json"), "w") as f:
        json.dump(out + singles, f, indent=1)
        f.write("\n")
    for r in out:
        print(r["problem"], len(r["lambda"]), f"lam_max={r['lambda'][0]:.17g}", "kkt", f"{max(q['kkt_max'] for q in r['points']):.2e}")
    for r in singles:
        print(r["problem"], f"F={r['objective']:.17g}", f"kkt={r['kkt_max']:.2e}", "nnz", sum(1 for c in r["coef"] if c != 0))


if __name__ == "__main__":
    main()
