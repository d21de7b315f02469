#!/usr/bin/python3
"""glmnet's own log-link lasso paths at several lambdas of its grid: Poisson on PoissonExample (PoissonPath), Gamma and
Tweedie (power 1.5) on abalone (GammaPath, TweediePath; glmnet with R's Gamma(link = "log") and the Tweedie family
object of glm_families.R, whose objective is (1/2n) deviance: OptSuite's mean loss up to a constant in y).

Run from the repository root:  /usr/bin/python3 datasets/reference/make_poisson_path_references.py
Writes datasets/reference/poisson_path.json. Needs NumPy and Rscript with glmnet (poisson_path_glmnet.R).

glmnet 4.1-6 glmnet(X, y, family = F, alpha = 1, standardize = FALSE, thresh = 1e-14) on its own grid (100 values
from its lambda_max down, early stop as glmnet does); objective (1/n) sum l(y_i, z_i) + lam ||w||_1, z = Xw + b.
Each recorded point is polished by Newton's method on its support (signs fixed) and its KKT conditions checked.
"""
import datetime, json, os, subprocess, sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from make_references import glm_kkt, glm_objective, glm_polish, load_svmlight  # noqa: E402

SCRIPT = "datasets/reference/make_poisson_path_references.py"
PICK = [0, 4, 9, 19, 29, 44]
# (problem, data, glmnet family argument, loss for make_references' glm_* helpers, formula, glmnet's family in words)
PATHS = [
    ("poisson_l1_path", "datasets/glmnet_synthetic/PoissonExample.svm", "poisson", "poisson",
     "(1/n) sum (exp(z_i) - y_i z_i) + lam ||w||_1, z = Xw + b", "'poisson'"),
    ("gamma_l1_path", "datasets/regression/abalone_scale", "gamma", "gamma",
     "(1/n) sum (y_i exp(-z_i) + z_i) + lam ||w||_1, z = Xw + b", "Gamma(link = 'log')"),
    ("tweedie_l1_path", "datasets/regression/abalone_scale", "tweedie:1.5", ("tweedie", 1.5),
     "(1/n) sum (exp(z_i/2)/(1/2) - y_i exp(-z_i/2)/(-1/2)) + lam ||w||_1, z = Xw + b (power 1.5)",
     "tweedie_log(1.5) (datasets/reference/glm_families.R)"),
]


def path_entry(problem, data, family, loss, formula, words):
    X, y = load_svmlight(os.path.join(REPO, data))
    n, p = X.shape
    o = np.zeros(n)
    out = json.loads(subprocess.run(["Rscript", os.path.join(HERE, "poisson_path_glmnet.R"), os.path.join(REPO, data), "1", family],
                                    capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1])
    lambdas = out["lambda"]
    points = []
    for k in PICK:
        lam = lambdas[k]
        c = np.array(out["coef"][k])
        bg, wg = float(c[0]), c[1:]
        if np.any(wg != 0):
            w, b = glm_polish(loss, X, y, wg, bg, lam, 1.0, o)
        else:
            w, b = wg, float(np.log(y.mean()))
        kkt, _ = glm_kkt(loss, X, y, w, b, lam, 1.0)
        assert kkt < 1e-12, (problem, k, kkt)
        points.append({"index": k, "lam": lam, "objective": glm_objective(loss, X, y, w, b, lam, 1.0, o),
                       "coef": [float(v) for v in w], "intercept": b, "kkt_max": kkt,
                       "glmnet_coef_max_difference": float(np.abs(np.append(wg, bg) - np.append(w, b)).max())})
    for pt in points:
        print(f"{problem} k={pt['index']:3d} lam={pt['lam']:.6g} F={pt['objective']:.17g} nnz={sum(v != 0 for v in pt['coef'])} glmnet dcoef={pt['glmnet_coef_max_difference']:.1e}")
    return {
        "problem": problem, "data": data, "n": n, "p": p, "l1_ratio": 1.0, "fit_intercept": True,
        "formula": formula,
        "glmnet_lambda": lambdas, "points": points,
        "tool": f"glmnet family={words} path on its own grid, points polished by Newton on their support",
        "glmnet_call": f"glmnet(X, y, family = {words}, alpha = 1, standardize = FALSE, thresh = 1e-14, maxit = 1e7) after glmnet.control(epsnr = 1e-13, mxitnr = 10000)",
        "version": {"glmnet": out["glmnet_version"], "R": out["r_version"], "numpy": np.__version__},
        "command": f"/usr/bin/python3 {SCRIPT} (runs Rscript datasets/reference/poisson_path_glmnet.R)",
        "tolerance": "glmnet thresh 1e-14; Newton polish to a step of 1e-16; KKT < 1e-12",
        "date": datetime.date.today().isoformat(),
    }


def main():
    entries = [path_entry(*spec) for spec in PATHS]
    with open(os.path.join(HERE, "poisson_path.json"), "w") as f:
        json.dump(entries, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
