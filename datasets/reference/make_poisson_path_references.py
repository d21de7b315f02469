#!/usr/bin/python3
"""glmnet's own Poisson lasso path on PoissonExample, at several lambdas of its grid, for OptSuite's PoissonPath.

Run from the repository root:  /usr/bin/python3 datasets/reference/make_poisson_path_references.py
Writes datasets/reference/poisson_path.json. Needs NumPy and Rscript with glmnet (poisson_path_glmnet.R).

glmnet 4.1-6 glmnet(X, y, family = "poisson", alpha = 1, standardize = FALSE, thresh = 1e-14) on its own grid (100 values
from its lambda_max down, early stop as glmnet does); objective (1/n) sum (exp(z_i) - y_i z_i) + lam ||w||_1, z = Xw + b.
Each recorded point is polished by Newton's method on its support (signs fixed) and its KKT conditions checked.
"""
import datetime, json, os, subprocess, sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from make_references import glm_kkt, glm_objective, glm_polish, load_svmlight  # noqa: E402

DATA = "datasets/glmnet_synthetic/PoissonExample.svm"
SCRIPT = "datasets/reference/make_poisson_path_references.py"
PICK = [0, 4, 9, 19, 29, 44]


def main():
    X, y = load_svmlight(os.path.join(REPO, DATA))
    n, p = X.shape
    o = np.zeros(n)
    out = json.loads(subprocess.run(["Rscript", os.path.join(HERE, "poisson_path_glmnet.R"), os.path.join(REPO, DATA), "1"],
                                    capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1])
    lambdas = out["lambda"]
    points = []
    for k in PICK:
        lam = lambdas[k]
        c = np.array(out["coef"][k])
        bg, wg = float(c[0]), c[1:]
        if np.any(wg != 0):
            w, b = glm_polish("poisson", X, y, wg, bg, lam, 1.0, o)
        else:
            w, b = wg, float(np.log(y.mean()))
        kkt, _ = glm_kkt("poisson", X, y, w, b, lam, 1.0)
        assert kkt < 1e-12, (k, kkt)
        points.append({"index": k, "lam": lam, "objective": glm_objective("poisson", X, y, w, b, lam, 1.0, o),
                       "coef": [float(v) for v in w], "intercept": b, "kkt_max": kkt,
                       "glmnet_coef_max_difference": float(np.abs(np.append(wg, bg) - np.append(w, b)).max())})
    entry = [{
        "problem": "poisson_l1_path", "data": DATA, "n": n, "p": p, "l1_ratio": 1.0, "fit_intercept": True,
        "formula": "(1/n) sum (exp(z_i) - y_i z_i) + lam ||w||_1, z = Xw + b",
        "glmnet_lambda": lambdas, "points": points,
        "tool": "glmnet family='poisson' path on its own grid, points polished by Newton on their support",
        "glmnet_call": "glmnet(X, y, family = 'poisson', alpha = 1, standardize = FALSE, thresh = 1e-14, maxit = 1e7) after glmnet.control(epsnr = 1e-13, mxitnr = 10000)",
        "version": {"glmnet": out["glmnet_version"], "R": out["r_version"], "numpy": np.__version__},
        "command": f"/usr/bin/python3 {SCRIPT} (runs Rscript datasets/reference/poisson_path_glmnet.R)",
        "tolerance": "glmnet thresh 1e-14; Newton polish to a step of 1e-16; KKT < 1e-12",
        "date": datetime.date.today().isoformat(),
    }]
    with open(os.path.join(HERE, "poisson_path.json"), "w") as f:
        json.dump(entry, f, indent=1)
        f.write("\n")
    for pt in points:
        print(f"k={pt['index']:3d} lam={pt['lam']:.6g} F={pt['objective']:.17g} nnz={sum(v != 0 for v in pt['coef'])} glmnet dcoef={pt['glmnet_coef_max_difference']:.1e}")


if __name__ == "__main__":
    main()
