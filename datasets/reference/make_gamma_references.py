#!/usr/bin/python3
"""Frozen optima of penalised Gamma regression (log link) on abalone_scale, for OptSuite's GammaLoss / GammaRegressor.

Run from the repository root:  /usr/bin/python3 datasets/reference/make_gamma_references.py
Writes datasets/reference/gamma.json. Needs scikit-learn >= 1.2 (GammaRegressor with solver='newton-cholesky'),
SciPy, NumPy and, for the L1 / elastic-net cases, Rscript with glmnet (datasets/reference/gamma_glmnet.R).

OptSuite's objective, with z = Xw + b (b unpenalised, absent without intercept):
    F(w, b) = (1/n) sum (y_i e^{-z_i} + z_i) + lam (a ||w||_1 + (1 - a)/2 ||w||^2).
* L2 (a = 0): scikit-learn's GammaRegressor minimises (1/n) sum HalfGammaLoss + alpha/2 ||w||^2 with
  HalfGammaLoss(y, z) = y e^{-z} + z (constant terms in y dropped), i.e. F with lam = alpha. The script checks this
  three ways: scikit-learn's own LinearModelLoss.loss evaluated at the solution equals F (`sklearn_objective`), the
  gradient of F with lam = alpha vanishes there (`gradient_max_abs`), and two sklearn solvers agree.
  The reference is solver='newton-cholesky' (tol 1e-12): solver='lbfgs' at tol 1e-12 is recorded as the second peer,
  but sklearn 1.2 passes ftol = 64 eps to SciPy's L-BFGS-B, so lbfgs stops once F stalls in double precision, with
  coefficients only ~1e-5 relative from the optimum (its F agrees to ~1e-15).
* L1 / elastic net: scikit-learn has no Gamma option; glmnet 4.1 with family = Gamma(link = "log"), standardize = FALSE,
  minimises (1/2n) deviance + lam (a ||w||_1 + (1 - a)/2 ||w||^2), i.e. F up to a constant. glmnet's IRLS stops at a
  KKT residual of ~1e-9 (coefficients ~1e-6 relative from the optimum), so its support and signs are then polished by
  Newton's method on the smooth restricted problem (the sign of each non-zero fixed), and the KKT conditions of the
  full problem are checked at the polished point (`kkt_max`, zeros strictly inside their subdifferential bound).
"""
import datetime, json, os, subprocess, sys

import numpy as np
from sklearn.linear_model import GammaRegressor

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from make_references import glm_kkt, glm_objective, glm_polish, glm_sklearn_case, load_svmlight, max_relative_difference  # noqa: E402

DATA = "datasets/regression/abalone_scale"
SCRIPT = "datasets/reference/make_gamma_references.py"
FORMULA = "(1/n) sum (y_i exp(-z_i) + z_i) + lam (l1_ratio ||w||_1 + (1 - l1_ratio)/2 ||w||^2), z = Xw + b, b unpenalised"


def sklearn_case(X, y, alpha, fit_intercept):
    call = f"GammaRegressor(alpha={alpha!r}, fit_intercept={fit_intercept}, solver='%s', tol=1e-12, max_iter=100000)"
    return glm_sklearn_case(
        "gamma", lambda solver: GammaRegressor(alpha=alpha, fit_intercept=fit_intercept, solver=solver, tol=1e-12, max_iter=100000),
        call, X, y, alpha, fit_intercept, {"problem": "gamma_l2", "data": DATA}, FORMULA,
        "scikit-learn GammaRegressor(solver='newton-cholesky')", f"/usr/bin/python3 {SCRIPT}", 1e-12)


def glmnet_case(X, y, a, divisor):
    n, p = X.shape
    # lam_max with an intercept: the largest |(1/n) X^T (1 - y / mean(y))| over a (w = 0, b = log mean y).
    lam_max = float(np.abs(X.T @ (1 - y / y.mean())).max() / n / a)
    lam = lam_max / divisor
    cmd = ["Rscript", os.path.join(HERE, "gamma_glmnet.R"), os.path.join(REPO, DATA), repr(a), repr(lam)]
    out = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1])
    wg, bg = np.array(out["coef"]), float(out["intercept"])
    Fg = glm_objective("gamma", X, y, wg, bg, lam, a)
    w, b = glm_polish("gamma", X, y, wg, bg, lam, a)
    F = glm_objective("gamma", X, y, w, b, lam, a)
    kkt, margin = glm_kkt("gamma", X, y, w, b, lam, a)   # margin > 0: every zero strictly inside its bound
    assert kkt < 1e-12 and margin > 0, (kkt, margin)
    assert F <= Fg * (1 + 1e-14), (F, Fg)
    return {
        "problem": "gamma_l1" if a == 1 else "gamma_enet", "data": DATA, "lam": lam, "lam_spec": f"lammax/{divisor}",
        "lam_max": lam_max, "l1_ratio": a, "fit_intercept": True, "formula": FORMULA, "n": n, "p": p,
        "objective": F, "coef": [float(v) for v in w], "intercept": b,
        "tool": "glmnet family=Gamma(link='log'), polished by Newton on its support",
        "glmnet_call": f"glmnet(X, y, family = Gamma(link = 'log'), alpha = {a!r}, lambda = {lam!r}, standardize = FALSE, "
                       "thresh = 1e-16, maxit = 1e7) after glmnet.control(epsnr = 1e-13, mxitnr = 10000)",
        "version": {"glmnet": out["glmnet_version"], "R": out["r_version"], "numpy": np.__version__},
        "command": f"/usr/bin/python3 {SCRIPT} (runs Rscript datasets/reference/gamma_glmnet.R)",
        "tolerance": "glmnet thresh 1e-16, epsnr 1e-13; Newton polish to a step of 1e-16",
        "checks": {"kkt_max": kkt, "zero_margin": margin, "glmnet_npasses": out["npasses"]},
        "agreement": {
            "peer": "glmnet before polishing", "peer_objective": Fg, "objective_relative_difference": (Fg - F) / abs(F),
            "coef_max_relative_difference": max_relative_difference(np.append(wg, bg), np.append(w, b)),
        },
        "date": datetime.date.today().isoformat(),
    }


def main():
    X, y = load_svmlight(os.path.join(REPO, DATA))
    assert y.min() > 0
    cases = [sklearn_case(X, y, 1.0, True), sklearn_case(X, y, 0.01, True), sklearn_case(X, y, 0.01, False),
             glmnet_case(X, y, 1.0, 20), glmnet_case(X, y, 0.5, 20)]
    with open(os.path.join(HERE, "gamma.json"), "w") as f:
        json.dump(cases, f, indent=1)
        f.write("\n")
    for c in cases:
        print(f"{c['problem']:10s} lam={c['lam']:.17g} b={'yes' if c['fit_intercept'] else 'no ':3s} F={c['objective']:.17g} "
              f"peer dF={c['agreement']['objective_relative_difference']:.1e} dcoef={c['agreement']['coef_max_relative_difference']:.1e}")


if __name__ == "__main__":
    main()
