#!/usr/bin/python3
"""Frozen optima for quantile regression, quantile.json.

Objective (OptSuite's QuantileRegressor, mean-over-samples convention, intercept b unpenalised):
    F(w, b) = (1/n) sum_i rho_tau(y_i - x_i.w - b) + lam * (l1_ratio ||w||_1 + (1 - l1_ratio)/2 ||w||^2),
    rho_tau(r) = max(tau r, (tau - 1) r).

* l1_ratio = 1 (L1 and plain quantile regression, lam = 0): scikit-learn 1.2.1 QuantileRegressor(quantile=tau,
  alpha=lam, solver='highs') -- its objective is exactly (1/n) sum rho + alpha ||w||_1 -- with HiGHS feasibility
  tolerances 1e-10.  The fit is re-scored with the formula above in NumPy, and checked against an independent LP
  solved here by scipy.optimize.linprog(method='highs-ipm') (interior point + crossover) on our own formulation
  (w = w+ - w-, r = u - v): both objectives are recorded, the reference is the smaller.
* l1_ratio < 1 (ridge / elastic net; scikit-learn has no such estimator): the dual box QP
    max_z  y.z - sum_j (|X_j.z| - lam l1_ratio)_+^2 / (2 lam (1 - l1_ratio)),  z_i in [(tau-1)/n, tau/n], sum z = 0,
  solved by scipy.optimize.minimize(method='SLSQP', ftol 1e-15); w_j = soft(X_j.z, lam l1_ratio)/(lam (1 - l1_ratio)),
  b = the exact minimiser for that w (a weighted tau-quantile of y - Xw).  The reference is F(w, b); the record keeps
  the dual value, so F - dual bounds its error.

Run: /usr/bin/python3 datasets/reference/make_quantile_references.py   (from the repository root, ~1 minute)
"""
import datetime, json, os, sys, warnings

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from make_references import load_svmlight  # noqa: E402

import numpy as np  # noqa: E402
import scipy  # noqa: E402
import scipy.optimize as so  # noqa: E402
import sklearn  # noqa: E402
from sklearn.linear_model import QuantileRegressor  # noqa: E402

HIGHS = {"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10}


def objective(X, y, w, b, tau, lam, l1_ratio):
    r = y - X @ w - b
    return float(np.mean(np.maximum(tau * r, (tau - 1) * r)) + lam * (l1_ratio * np.abs(w).sum() + 0.5 * (1 - l1_ratio) * w @ w))


def best_intercept(X, y, w, tau):
    """argmin_b mean rho_tau(y - Xw - b): a tau-quantile of the partial residuals (checked over the candidates)."""
    r = np.sort(y - X @ w)
    candidates = r[max(0, int(np.floor(tau * len(r))) - 2):int(np.ceil(tau * len(r))) + 2]
    vals = [np.mean(np.maximum(tau * (r - c), (tau - 1) * (r - c))) for c in candidates]
    return float(candidates[int(np.argmin(vals))])


def lp_case(X, y, tau, lam):
    n, p = X.shape
    m = QuantileRegressor(quantile=tau, alpha=lam, fit_intercept=True, solver="highs", solver_options=HIGHS).fit(X, y)
    f_sk = objective(X, y, m.coef_, m.intercept_, tau, lam, 1.0)
    # Independent LP: variables (w+, w-, b+, b-, u, v) >= 0, Xw + b + u - v = y, cost lam 1(w+ + w-) + (tau u + (1-tau) v)/n.
    c = np.concatenate([np.full(2 * p, lam), [0, 0], np.full(n, tau / n), np.full(n, (1 - tau) / n)])
    A = np.hstack([X, -X, np.ones((n, 1)), -np.ones((n, 1)), np.eye(n), -np.eye(n)])
    res = so.linprog(c, A_eq=A, b_eq=y, bounds=(0, None), method="highs-ipm", options=HIGHS)
    w = res.x[:p] - res.x[p:2 * p]
    b = res.x[2 * p] - res.x[2 * p + 1]
    f_lp = objective(X, y, w, b, tau, lam, 1.0)
    return min(f_sk, f_lp), {"sklearn_highs": f_sk, "linprog_highs_ipm": f_lp}, \
        "sklearn QuantileRegressor(quantile, alpha=lam, solver='highs', solver_options=%s); scipy linprog(method='highs-ipm')" % HIGHS


def qp_case(X, y, tau, lam, l1_ratio):
    n, p = X.shape
    l1, mu = lam * l1_ratio, lam * (1 - l1_ratio)

    def neg_dual(z):
        g = X.T @ z
        e = np.maximum(np.abs(g) - l1, 0)
        return -(y @ z - (e * e).sum() / (2 * mu)), -(y - X @ (np.sign(g) * e / mu))

    z0 = np.zeros(n)
    res = so.minimize(neg_dual, z0, jac=True, method="SLSQP", bounds=[((tau - 1) / n, tau / n)] * n,
                      constraints=[{"type": "eq", "fun": lambda z: z.sum(), "jac": lambda z: np.ones(n)}],
                      options={"ftol": 1e-15, "maxiter": 10000})
    g = X.T @ res.x
    w = np.sign(g) * np.maximum(np.abs(g) - l1, 0) / mu
    b = best_intercept(X, y, w, tau)
    return objective(X, y, w, b, tau, lam, l1_ratio), {"dual_slsqp": float(-res.fun)}, \
        "scipy.optimize.minimize(method='SLSQP', ftol=1e-15) on the dual box QP; primal w from the dual, exact b"


def main():
    cases = []
    plan = [
        ("datasets/regression/prostate_train.svm", [0.1, 0.5, 0.9], ["0", "0.01", "0.1"], [1.0, 0.0, 0.5]),
        ("datasets/regression/boston_housing.svm", [0.1, 0.5, 0.9], ["0", "0.01"], [1.0]),
        ("datasets/regression/concrete.svm", [0.1, 0.5, 0.9], ["0", "0.1"], [1.0]),
        ("datasets/regression/diabetes_raw.svm", [0.5], ["0", "1"], [1.0]),
        ("datasets/regression/boston_housing.svm", [0.5], ["0.1"], [0.0, 0.5]),
    ]
    for data, taus, lams, ratios in plan:
        X, y = load_svmlight(os.path.join(REPO, data))
        X = np.asarray(X.todense()) if hasattr(X, "todense") else np.asarray(X)
        n, p = X.shape
        for tau in taus:
            for lam_spec in lams:
                lam = float(lam_spec)
                for ratio in ratios:
                    if ratio < 1 and lam == 0: continue
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        if ratio == 1.0: f, candidates, command = lp_case(X, y, tau, lam)
                        else: f, candidates, command = qp_case(X, y, tau, lam, ratio)
                    print(f"{data} tau={tau} lam={lam} l1_ratio={ratio}: {f!r} {candidates}", flush=True)
                    cases.append({
                        "problem": "quantile", "data": data, "lam": lam, "lam_spec": lam_spec, "l1_ratio": ratio, "tau": tau,
                        "fit_intercept": True,
                        "formula": "(1/n) sum rho_tau(y_i - x_i.w - b) + lam (l1_ratio ||w||_1 + (1 - l1_ratio)/2 ||w||^2)",
                        "objective": f, "candidates": candidates, "n": n, "p": p,
                        "tool": "scikit-learn QuantileRegressor (HiGHS)" if ratio == 1.0 else "SciPy SLSQP (dual QP)",
                        "version": {"scikit-learn": sklearn.__version__, "scipy": scipy.__version__, "numpy": np.__version__},
                        "command": "/usr/bin/python3 datasets/reference/make_quantile_references.py: " + command,
                        "tolerance": "HiGHS primal/dual feasibility 1e-10" if ratio == 1.0 else "SLSQP ftol 1e-15",
                        "date": datetime.date.today().isoformat(),
                    })
    json.dump(cases, open(os.path.join(HERE, "quantile.json"), "w"), indent=1)


if __name__ == "__main__":
    main()
