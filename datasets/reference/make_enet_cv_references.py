#!/usr/bin/python3
"""Elastic-net cross-validation over an L1-ratio grid (issue 19, "elastic-net CV over an l1_ratio grid"): enet_cv.json.

scikit-learn 1.2.1's ElasticNetCV on datasets/peers/diabetes.svm (scikit-learn's diabetes set, 442 x 10) with the folds
and the alpha grid fixed, so that OptSuite's ElasticNetPath.CrossValidate(x, y, l1Ratios, options: FoldIds) solves the
same problems:

    ElasticNetCV(l1_ratio=[0.1, 0.5, 0.9, 1.0], alphas=ALPHAS, cv=PredefinedSplit(i % 5), tol=1e-15, max_iter=1000000,
                 fit_intercept=True, selection="cyclic")

with ALPHAS 30 values geometric from lambda_max(l1_ratio = 1) down by 1e-3 (lambda_max = max_j |x_j^T (y - mean y)| / n).
Both minimise (1/2n)||y - Xw - b||^2 + alpha (r ||w||_1 + (1 - r)/2 ||w||^2) per fold (the intercept unpenalised), and
both report the held-out mean squared error per fold and alpha (scikit-learn's mse_path_, OptSuite's FoldLoss).

Recorded: the fold ids, the alphas (descending), mse_path_ [ratio][alpha][fold], the chosen l1_ratio_ and alpha_, and
the refitted coef_ / intercept_.

Run: /usr/bin/python3 datasets/reference/make_enet_cv_references.py
"""
import datetime, json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from make_references import load_svmlight  # noqa: E402


def main():
    import numpy as np
    import sklearn
    from sklearn.linear_model import ElasticNetCV
    from sklearn.model_selection import PredefinedSplit
    data = "datasets/peers/diabetes.svm"
    X, y = load_svmlight(os.path.join(REPO, data))
    X = np.asarray(X.todense()) if hasattr(X, "todense") else np.asarray(X)
    n, p = X.shape
    folds = np.arange(n) % 5
    lmax = np.max(np.abs(X.T @ (y - y.mean()))) / n
    alphas = np.geomspace(lmax, lmax * 1e-3, 30)
    ratios = [0.1, 0.5, 0.9, 1.0]
    m = ElasticNetCV(l1_ratio=ratios, alphas=alphas, cv=PredefinedSplit(folds), tol=1e-15, max_iter=1000000,
                     fit_intercept=True, selection="cyclic").fit(X, y)
    record = {
        "problem": "enet_cv_diabetes",
        "data": data, "n": int(n), "p": int(p),
        "tool": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}",
        "command": "ElasticNetCV(l1_ratio=[0.1, 0.5, 0.9, 1.0], alphas=geomspace(lmax, 1e-3 lmax, 30), "
                   "cv=PredefinedSplit(i % 5), tol=1e-15, max_iter=1000000).fit(X, y)",
        "date": datetime.date.today().isoformat(),
        "tolerance": "fold mse to 1e-7 relative; l1_ratio_ and alpha_ equal; coefficients to 1e-6 of max |w|",
        "fold_ids": folds.tolist(),
        "l1_ratios": ratios,
        "alphas": m.alphas_[0].tolist() if m.alphas_.ndim == 2 else m.alphas_.tolist(),
        "mse_path": m.mse_path_.tolist(),
        "l1_ratio": float(m.l1_ratio_),
        "alpha": float(m.alpha_),
        "w": m.coef_.tolist(),
        "b": float(m.intercept_),
    }
    with open(os.path.join(HERE, "enet_cv.json"), "w") as f:
        json.dump([record], f, indent=1)
        f.write("\n")
    print(record["l1_ratio"], record["alpha"], record["b"])


if __name__ == "__main__":
    main()
