#!/usr/bin/python3
"""Reference optima on raw (unscaled, ill-conditioned) data, by Newton's method at machine precision.

Run from the repository root:  /usr/bin/python3 datasets/reference/make_raw_references.py > datasets/reference/raw.json

Problems (conventions of ../shared/peers/README.md: mean loss over samples, labels ±1 with the larger original label +1,
lam = 1/n i.e. C = 1, intercept unpenalised):
  logreg_l2      (1/n) sum log(1 + exp(-y_i z_i)) + lam/2 ||w||^2
  svm_sqhinge_l2 (1/n) sum max(0, 1 - y_i z_i)^2 + lam/2 ||w||^2       (generalised Newton: the loss is C^1, piecewise C^2)
  multinomial_l2 (1/n) sum (logsumexp(s_i) - s_{i,y_i}) + lam/2 ||W||_F^2, classes = sorted unique labels
Newton: exact Hessian, Cholesky solve, Armijo backtracking; stopped when the gradient's max-norm is below 1e-13 or the
decrease stalls at rounding level. The final gradient norm and Newton decrement are recorded per case.
"""
import json, lzma, sys, os, datetime
import numpy as np, scipy, sklearn
from scipy.special import logsumexp, expit
from sklearn.datasets import load_svmlight_file

ROOT = os.getcwd()
SHARED = os.path.join(ROOT, "..", "shared", "datasets")


def load(path, rows_with=None, n_features=None):
    opener = lzma.open if path.endswith(".xz") else open
    with opener(path, "rb") as f:
        X, y = load_svmlight_file(f, n_features=n_features)
    X = X.toarray()
    if rows_with is not None:
        keep = np.isin(y, rows_with)
        X, y = X[keep], y[keep]
    return X, y


def newton(f_grad_hess, d, max_iter=200):
    w = np.zeros(d)
    f, g, H = f_grad_hess(w)
    for it in range(max_iter):
        step = np.linalg.solve(H, -g)
        decrement = float(-g @ step)
        t = 1.0
        while True:
            w_new = w + t * step
            f_new, g_new, H_new = f_grad_hess(w_new)
            if f_new <= f - 1e-4 * t * decrement or t < 1e-12:
                break
            t *= 0.5
        if f_new > f:
            break
        w, f, g, H = w_new, f_new, g_new, H_new
        if np.max(np.abs(g)) < 1e-13 or decrement < 1e-30:
            break
    return w, f, float(np.max(np.abs(g))), decrement, it + 1


def binary(X, y, lam, intercept, loss):
    n, p = X.shape
    A = np.hstack([X, np.ones((n, 1))]) if intercept else X
    d = A.shape[1]
    pen = np.ones(d)
    if intercept:
        pen[-1] = 0

    def fgh(w):
        z = A @ w
        m = y * z
        if loss == "logistic":
            f = np.mean(np.logaddexp(0, -m))
            s = expit(-m)                       # -dl/dm
            g = A.T @ (-y * s) / n
            c = s * (1 - s)
        else:
            r = np.maximum(0, 1 - m)
            f = np.mean(r * r)
            g = A.T @ (-2 * y * r) / n
            c = 2.0 * (r > 0)
        f += 0.5 * lam * np.sum(pen * w * w)
        g = g + lam * pen * w
        H = (A * c[:, None]).T @ A / n + lam * np.diag(pen)
        return f, g, H

    return newton(fgh, d)


def multinomial(X, y, lam, intercept):
    n, p = X.shape
    classes = np.unique(y)
    k = len(classes)
    Y = (y[:, None] == classes[None, :]).astype(float)
    A = np.hstack([X, np.ones((n, 1))]) if intercept else X
    d = A.shape[1]
    pen = np.ones((d, k))
    if intercept:
        pen[-1, :] = 0

    def fgh(wflat):
        W = wflat.reshape(d, k)
        S = A @ W
        lse = logsumexp(S, axis=1)
        f = np.mean(lse - np.sum(S * Y, axis=1)) + 0.5 * lam * np.sum(pen * W * W)
        P = np.exp(S - lse[:, None])
        G = A.T @ (P - Y) / n + lam * pen * W
        # H[(a,c),(b,e)] = (1/n) sum_i A_ia A_ib (P_ic δ_ce - P_ic P_ie) + lam pen δ
        H = np.einsum("ia,ib,ic->acb", A, A, P, optimize=True)
        H = np.einsum("acb,ce->acbe", H, np.eye(k))
        H -= np.einsum("ia,ib,ic,ie->acbe", A, A, P, P, optimize=True)
        H = H.reshape(d * k, d * k) / n + lam * np.diag(pen.ravel())
        return f, G.ravel(), H

    return newton(fgh, d * k)


CASES = [
    # problem, data (repo-relative or shared:), rows_with, fit_intercept
    ("logreg_l2", "datasets/peers/breast_cancer.svm", None, False),
    ("logreg_l2", "datasets/peers/breast_cancer.svm", None, True),
    ("svm_sqhinge_l2", "datasets/peers/breast_cancer.svm", None, False),
    ("svm_sqhinge_l2", "datasets/peers/breast_cancer.svm", None, True),
    ("multinomial_l2", "datasets/peers/digits.svm", None, False),
    ("multinomial_l2", "datasets/peers/digits.svm", None, True),
    ("multinomial_l2", "datasets/multiclass/vehicle.svm", None, True),
    ("logreg_l2", "shared:multiclass/fashion_mnist_test.svm.xz", [0, 6], True),
]

out = []
for problem, data, rows_with, intercept in CASES:
    path = os.path.join(SHARED, data[len("shared:"):]) if data.startswith("shared:") else os.path.join(ROOT, data)
    X, y = load(path, rows_with, n_features=784 if "fashion" in data else None)
    n, p = X.shape
    lam = 1.0 / n
    if problem == "multinomial_l2":
        w, f, gmax, dec, its = multinomial(X, y, lam, intercept)
    else:
        yb = np.where(y == y.max(), 1.0, -1.0)
        w, f, gmax, dec, its = binary(X, yb, lam, intercept, "logistic" if problem == "logreg_l2" else "sqhinge")
    out.append({
        "problem": problem, "data": data, "rows_with_labels": rows_with, "lam": lam, "lam_spec": "1/n",
        "fit_intercept": intercept, "n": int(n), "p": int(p), "objective": float(f),
        "tool": "Newton's method (exact Hessian, numpy.linalg.solve, Armijo backtracking) in make_raw_references.py",
        "version": {"numpy": np.__version__, "scipy": scipy.__version__, "sklearn (svmlight loader)": sklearn.__version__},
        "command": "/usr/bin/python3 datasets/reference/make_raw_references.py > datasets/reference/raw.json",
        "tolerance": "max|gradient| < 1e-13 or stalled at rounding", "final_max_gradient": gmax, "final_newton_decrement": dec,
        "newton_iterations": its,
        "conventions": "../shared/peers/README.md (mean loss; labels ±1, larger original label +1; classes = sorted unique labels)",
        "date": datetime.date.today().isoformat(),
    })
    print(problem, data, intercept, repr(f), gmax, its, file=sys.stderr)
json.dump(out, sys.stdout, indent=1)
print()
