#!/usr/bin/python3
"""Frozen optima for the estimators that datasets/reference/make_references.py does not cover.

* svm.json: linear SVM (hinge, squared hinge) and Crammer-Singer optima COPIED from ../shared/peers/references.json
  (built there by run_peer.py with LIBLINEAR 2.3.0 / scikit-learn 1.2.1 at tol 1e-12; see its README for the C = 1/(n*lam)
  map).  Hinge references are upper bounds there (dual CD stalls); the record keeps the peers' note.
* poisson_l2.json: (1/n) sum (exp(z_i) - y_i z_i) + lam/2 ||w||^2, z = Xw + b (intercept unpenalised), minimised
  with SciPy L-BFGS-B from two starts.

Run: /usr/bin/python3 datasets/reference/make_model_references.py   (from the repository root)
"""
import datetime, json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from make_references import load_svmlight  # noqa: E402

PEERS = "/work/shared/peers/references.json"


def svm_cases():
    refs = json.load(open(PEERS))
    out = []
    for key, e in refs.items():
        if e["problem"] not in ("svm_hinge_l2", "svm_sqhinge_l2", "cs_svm"): continue
        if e["data"] not in ("heart_scale.svm", "breast_cancer_scale.svm", "wine_scale.svm", "digits_scale.svm"): continue
        out.append({
            "problem": e["problem"], "data": "datasets/peers/" + e["data"], "lam": e["lam"], "lam_spec": e["lam_spec"],
            "fit_intercept": e.get("fit_intercept", False), "l1_ratio": None, "n": e["n"], "p": e["p"],
            "objective": e["objective"], "tool": e["best_peer"], "upper_bound": "upper bound" in (e.get("note") or ""),
            "note": e.get("note"), "candidates": e["candidates"],
            "command": f"copied from {PEERS} key {key!r} (run_peer.py, tol 1e-12)",
            "date": datetime.date.today().isoformat(),
        })
    return out


def poisson_case(data, lam_spec):
    import numpy as np, scipy, scipy.optimize as so
    X, y = load_svmlight(os.path.join(REPO, data))
    n, p = X.shape
    lam = 1.0 / n if lam_spec == "1/n" else float(lam_spec)

    def f(v):
        w, b = v[:p], v[p]
        z = X @ w + b
        e = np.exp(z)
        g = (e - y) / n
        return (e - y * z).mean() + 0.5 * lam * w @ w, np.concatenate([X.T @ g + lam * w, [g.sum()]])

    runs = []
    for start in (np.zeros(p + 1), np.concatenate([np.full(p, 0.05), [np.log(y.mean())]])):
        res = so.minimize(f, start, jac=True, method="L-BFGS-B", options={"gtol": 1e-13, "ftol": 0, "maxiter": 100000, "maxcor": 30})
        runs.append(res.fun)
    best, second = sorted(runs)
    return {
        "problem": "poisson_l2", "data": data, "lam": lam, "lam_spec": lam_spec, "fit_intercept": True, "l1_ratio": None,
        "formula": "(1/n) sum (exp(x_i.w + b) - y_i (x_i.w + b)) + lam/2 ||w||^2, b unpenalised",
        "objective": float(best), "n": n, "p": p,
        "tool": "scipy.optimize.minimize(method='L-BFGS-B') on the NumPy objective",
        "version": {"scipy": scipy.__version__, "numpy": np.__version__},
        "command": "/usr/bin/python3 datasets/reference/make_model_references.py (function poisson_case)",
        "tolerance": "gtol 1e-13, ftol 0",
        "agreement": {"second_start_objective": float(second), "relative_difference": abs(best - second) / abs(best)},
        "date": datetime.date.today().isoformat(),
    }


def main():
    svm = svm_cases()
    json.dump(svm, open(os.path.join(HERE, "svm.json"), "w"), indent=1)
    for e in svm: print(f"{e['problem']:15s} {e['data']:40s} {e['objective']:.17g} {e['tool']}{' (upper bound)' if e['upper_bound'] else ''}")
    pois = [poisson_case("datasets/peers/diabetes.svm", "1/n"), poisson_case("datasets/peers/diabetes.svm", "0.1")]
    json.dump(pois, open(os.path.join(HERE, "poisson_l2.json"), "w"), indent=1)
    for e in pois: print(f"poisson_l2      {e['data']:40s} {e['objective']:.17g} agree {e['agreement']['relative_difference']:.1e}")


if __name__ == "__main__":
    main()
