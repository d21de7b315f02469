#!/usr/bin/python3
"""Frozen optima of penalised Poisson, binary logistic, Gamma and Tweedie (power 1.5) regression with offsets.

Run from the repository root:  /usr/bin/python3 datasets/reference/make_offset_references.py
Writes datasets/reference/offset.json. Needs NumPy and Rscript with glmnet (datasets/reference/offset_glmnet.R).

OptSuite's objective with offsets o_i (z_i = x_i.w + b + o_i, b unpenalised):
    poisson:  F(w, b) = (1/n) sum (exp(z_i) - y_i z_i)            + lam (a ||w||_1 + (1 - a)/2 ||w||^2)
    logistic: F(w, b) = (1/n) sum log(1 + exp(-s_i z_i)), s = +-1 + lam (a ||w||_1 + (1 - a)/2 ||w||^2)
    gamma:    F(w, b) = (1/n) sum (y_i exp(-z_i) + z_i)           + lam (...)
    tweedie:  F(w, b) = (1/n) sum (exp((2-p) z_i)/(2-p) - y_i exp((1-p) z_i)/(1-p)) + lam (...), p = 1.5
glmnet 4.1-6 (family = "poisson" / "binomial" / Gamma(link = "log") / the Tweedie family of glm_families.R, offset = o,
standardize = FALSE, thresh = 1e-14) minimises -loglik/n (the family objects: (1/2n) deviance)
+ lam ((1 - a)/2 ||w||^2 + a ||w||_1), i.e. F up to a constant, so lambda = lam and alpha = a. glmnet's result is
polished by Newton's method on its support (signs fixed) and the KKT conditions are checked at the polished point.

Offsets (deterministic, i = 0..n-1):
    PoissonExample: exposure t_i = 0.5 + (i mod 7)/4, offset o_i = log t_i (glmnet's exposure idiom)
    heart_scale:    o_i = 0.5 sin(i + 1)
    abalone_scale:  exposure t_i = 0.5 + (i mod 7)/4, offset o_i = log t_i (ring counts > 0: Gamma and Tweedie)
"""
import datetime, json, os, subprocess, sys, tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from make_references import glm_kkt, glm_loss, glm_objective, glm_polish, load_svmlight, max_relative_difference  # noqa: E402

SCRIPT = "datasets/reference/make_offset_references.py"
POISSON = "datasets/glmnet_synthetic/PoissonExample.svm"
BINARY = "datasets/binary/heart_scale"
POSITIVE = "datasets/regression/abalone_scale"
OFFSETS = {
    POISSON: ("log(0.5 + (i mod 7)/4), i = 0..n-1 (log exposure)", lambda n: np.log(0.5 + (np.arange(n) % 7) / 4.0)),
    POSITIVE: ("log(0.5 + (i mod 7)/4), i = 0..n-1 (log exposure)", lambda n: np.log(0.5 + (np.arange(n) % 7) / 4.0)),
    BINARY: ("0.5 sin(i + 1), i = 0..n-1", lambda n: 0.5 * np.sin(np.arange(n) + 1.0)),
}


GLMNET_FAMILY = {"poisson": "'poisson'", "binomial": "'binomial'", "gamma": "Gamma(link = 'log')",
                 "tweedie:1.5": "tweedie_log(1.5) (datasets/reference/glm_families.R)"}


def case(family, data, a, lam_spec):
    X, y = load_svmlight(os.path.join(REPO, data))
    n, p = X.shape
    formula, make = OFFSETS[data]
    o = make(n)
    if family == "binomial":
        y = np.where(y == y.max(), 1.0, -1.0)
    loss = {"poisson": "poisson", "binomial": "logistic", "gamma": "gamma", "tweedie:1.5": ("tweedie", 1.5)}[family]
    name = {"poisson": "poisson", "binomial": "logistic", "gamma": "gamma", "tweedie:1.5": "tweedie"}[family]
    # lam_max with an intercept and the offsets: w = 0, b0 solving sum l'(y, b0 + o) = 0.
    if family == "poisson":
        b0 = np.log(y.sum() / np.exp(o).sum())
    else:
        b0 = np.log(y.mean()) - o.mean() if family != "binomial" else 0.0
        for _ in range(100):
            d1, d2, _ = glm_loss(loss, y, b0 + o)
            b0 -= d1.sum() / d2.sum()
    g0 = np.abs(X.T @ glm_loss(loss, y, b0 + o)[0]).max() / n
    if isinstance(lam_spec, str):
        lam = float(g0 / max(a, 1e-3) / float(lam_spec.split("/")[1]))
    else:
        lam = float(lam_spec)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join(repr(float(v)) for v in o) + "\n")
        offset_file = f.name
    cmd = ["Rscript", os.path.join(HERE, "offset_glmnet.R"), os.path.join(REPO, data), family, repr(a), repr(lam), offset_file]
    out = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1])
    os.unlink(offset_file)
    wg, bg = np.array(out["coef"]), float(out["intercept"])
    Fg = glm_objective(loss, X, y, wg, bg, lam, a, o)
    w, b = glm_polish(loss, X, y, wg, bg, lam, a, o)
    F = glm_objective(loss, X, y, w, b, lam, a, o)
    kkt, margin = glm_kkt(loss, X, y, w, b, lam, a, o)
    assert kkt < 1e-12 and (margin > 0 or a == 0), (kkt, margin)
    assert F <= Fg + 1e-14 * abs(Fg), (F, Fg)
    return {
        "problem": f"{name}_{'l1' if a == 1 else 'l2' if a == 0 else 'enet'}_offset",
        "data": data, "family": family, "offset_formula": formula, "offset": [float(v) for v in o],
        "lam": lam, "lam_spec": lam_spec if isinstance(lam_spec, str) else repr(lam_spec), "l1_ratio": a, "fit_intercept": True,
        "formula": "(1/n) sum l(y_i, x_i.w + b + o_i) + lam (l1_ratio ||w||_1 + (1 - l1_ratio)/2 ||w||^2); "
                   + {"poisson": "l = exp(z) - y z", "binomial": "l = log(1 + exp(-y z)), y = +-1 (larger label +1)",
                      "gamma": "l = y exp(-z) + z",
                      "tweedie:1.5": "l = exp((2-p) z)/(2-p) - y exp((1-p) z)/(1-p), p = 1.5"}[family],
        "n": n, "p": p, "objective": F, "coef": [float(v) for v in w], "intercept": b,
        "tool": f"glmnet family={GLMNET_FAMILY[family]} with offset, polished by Newton on its support",
        "glmnet_call": f"glmnet(X, y, family = {GLMNET_FAMILY[family]}, offset = o, alpha = {a!r}, lambda = {lam!r}, standardize = FALSE, "
                       "thresh = 1e-14, maxit = 1e7) after glmnet.control(epsnr = 1e-13, mxitnr = 10000)",
        "version": {"glmnet": out["glmnet_version"], "R": out["r_version"], "numpy": np.__version__},
        "command": f"/usr/bin/python3 {SCRIPT} (runs Rscript datasets/reference/offset_glmnet.R)",
        "tolerance": "glmnet thresh 1e-14, epsnr 1e-13; Newton polish to a step of 1e-16",
        "checks": {"kkt_max": kkt, "zero_margin": margin if np.isfinite(margin) else None, "glmnet_npasses": out["npasses"]},
        "agreement": {
            "peer": "glmnet before polishing", "peer_objective": Fg, "objective_relative_difference": (Fg - F) / abs(F),
            "coef_max_relative_difference": max_relative_difference(np.append(wg, bg), np.append(w, b)),
        },
        "date": datetime.date.today().isoformat(),
    }


def main():
    cases = [case("poisson", POISSON, 1.0, "lammax/10"), case("poisson", POISSON, 0.0, 0.05),
             case("binomial", BINARY, 1.0, "lammax/10"), case("binomial", BINARY, 0.0, 0.01),
             case("gamma", POSITIVE, 1.0, "lammax/10"), case("gamma", POSITIVE, 0.5, "lammax/20"),
             case("tweedie:1.5", POSITIVE, 1.0, "lammax/10"), case("tweedie:1.5", POSITIVE, 0.0, 0.01)]
    with open(os.path.join(HERE, "offset.json"), "w") as f:
        json.dump(cases, f, indent=1)
        f.write("\n")
    for c in cases:
        print(f"{c['problem']:22s} lam={c['lam']:.6g} F={c['objective']:.17g} nnz={sum(v != 0 for v in c['coef'])} "
              f"peer dF={c['agreement']['objective_relative_difference']:.1e} dcoef={c['agreement']['coef_max_relative_difference']:.1e}")


if __name__ == "__main__":
    main()
