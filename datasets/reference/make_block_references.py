#!/usr/bin/python3
"""Freeze reference optima for block-separable problems (multi-task lasso / elastic net, group lasso).

Run from the repository root:  /usr/bin/python3 datasets/reference/make_block_references.py
Writes multitask_lasso.json and group_lasso.json next to this file. Needs scikit-learn (1.2.1 here) and, for the
second multi-task peer, R glmnet (../shared/peers set-up). Every fit is re-scored in NumPy with ONE formula:

  multi-task: F(W, b) = 1/(2n) ||Y - X W - 1 b^T||_F^2 + alpha*rho * sum_j ||W_j.||_2 + alpha*(1-rho)/2 ||W||_F^2
              (W p x k; scikit-learn's coef_ is W^T; glmnet family "mgaussian", standardize = FALSE)
  group lasso: F(w, b) = (1/n) sum_i loss(y_i, x_i.w + b) + lam * sum_g sqrt(|g|) ||w_g||_2,
              loss = 1/2 (z - y)^2 or log(1 + exp(-y z))

Multi-task data: linnerud (X = exercise, Y = physiological, 20 x 3 each; scikit-learn's multi-output example) and
dna.scale with one-hot class targets (2000 x 180, k = 3: multi-output least squares on the class indicators).
Group lasso: scikit-learn, glmnet, celer and skglm have no group lasso here, so the reference is a NumPy FISTA solve
(Beck & Teboulle 2009) stopped on its relative duality gap (<= 1e-14), with a NumPy block coordinate descent run to
the same gap as the agreement check; groups are dna's 60 DNA positions (features 3g..3g+2, each position one-hot over
three indicators), labels +1 for class 3 ("neither") and -1 otherwise.
"""
import datetime, json, os, subprocess, sys, tempfile, warnings

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
from make_references import load_svmlight  # noqa: E402

TODAY = datetime.date.today().isoformat()
SCRIPT = "/usr/bin/python3 datasets/reference/make_block_references.py"


def linnerud():
    def read(name):
        with open(os.path.join(REPO, "datasets", "regression", "linnerud", name)) as f:
            next(f)
            return np.array([[float(v) for v in line.split()] for line in f if line.strip()])
    return read("linnerud_exercise.csv"), read("linnerud_physiological.csv")


def dna():
    X, labels = load_svmlight(os.path.join(REPO, "datasets", "multiclass", "dna.scale"))
    return X, labels.astype(int) - 1


def mt_objective(X, Y, W, b, alpha, rho):
    R = Y - X @ W - (b if b is not None else 0.0)
    n = X.shape[0]
    return 0.5 / n * np.sum(R * R) + alpha * rho * np.sum(np.linalg.norm(W, axis=1)) + 0.5 * alpha * (1 - rho) * np.sum(W * W)


def mt_alpha_max(X, Y, intercept, rho):
    Xc, Yc = (X - X.mean(0), Y - Y.mean(0)) if intercept else (X, Y)
    return np.max(np.linalg.norm(Xc.T @ Yc, axis=1)) / (X.shape[0] * rho)


def run_sklearn_mt(X, Y, alpha, rho, intercept, tol, max_iter):
    import sklearn
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import MultiTaskElasticNet, MultiTaskLasso
    model = (MultiTaskLasso(alpha=alpha, fit_intercept=intercept, tol=tol, max_iter=max_iter) if rho == 1 else
             MultiTaskElasticNet(alpha=alpha, l1_ratio=rho, fit_intercept=intercept, tol=tol, max_iter=max_iter))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        model.fit(X, Y)
    status = "ok" if not any(issubclass(w.category, ConvergenceWarning) for w in caught) else "not_converged"
    W, b = model.coef_.T.copy(), (model.intercept_.copy() if intercept else None)
    name = type(model).__name__
    cmd = f"sklearn.linear_model.{name}(alpha={alpha!r}{'' if rho == 1 else f', l1_ratio={rho!r}'}, fit_intercept={intercept}, tol={tol!r}, max_iter={max_iter}).fit(X, Y)"
    return W, b, {"tool": f"sklearn {name}", "version": {"sklearn_version": sklearn.__version__}, "status": status,
                  "n_iter": int(model.n_iter_), "command": cmd, "tolerance": tol}


GLMNET_R = r"""
suppressMessages(library(glmnet))
td <- commandArgs(trailingOnly = TRUE)[1]
m <- read.table(file.path(td, "meta.txt"), header = TRUE)
X <- matrix(readBin(file.path(td, "X.bin"), "double", m$n * m$p), m$n, m$p)
Y <- matrix(readBin(file.path(td, "Y.bin"), "double", m$n * m$k), m$n, m$k)
fit <- glmnet(X, Y, family = "mgaussian", alpha = m$alpha, lambda = m$lambda, standardize = FALSE,
              standardize.response = FALSE, intercept = (m$intercept == 1), thresh = m$thresh, maxit = as.integer(m$maxit))
B <- sapply(fit$beta, function(b) as.numeric(b[, 1]))
writeBin(as.numeric(B), file.path(td, "B.bin"))
writeBin(as.numeric(fit$a0[, 1]), file.path(td, "a0.bin"))
cat(as.character(packageVersion("glmnet")), fit$npasses, "\n")
"""


def run_glmnet_mt(X, Y, alpha, rho, intercept, thresh, maxit):
    n, p = X.shape
    k = Y.shape[1]
    with tempfile.TemporaryDirectory() as td:
        np.asfortranarray(X).ravel(order="F").tofile(os.path.join(td, "X.bin"))
        np.asfortranarray(Y).ravel(order="F").tofile(os.path.join(td, "Y.bin"))
        with open(os.path.join(td, "meta.txt"), "w") as f:
            f.write("n p k lambda alpha intercept thresh maxit\n")
            f.write(f"{n} {p} {k} {alpha!r} {rho!r} {int(intercept)} {thresh!r} {maxit}\n")
        with open(os.path.join(td, "run.R"), "w") as f:
            f.write(GLMNET_R)
        out = subprocess.run(["Rscript", os.path.join(td, "run.R"), td], check=True, capture_output=True, text=True).stdout.split()
        W = np.fromfile(os.path.join(td, "B.bin")).reshape(k, p).T.copy()   # R wrote p x k column-major
        b = np.fromfile(os.path.join(td, "a0.bin")) if intercept else None
    cmd = (f"glmnet(X, Y, family = 'mgaussian', alpha = {rho!r}, lambda = {alpha!r}, standardize = FALSE, standardize.response = FALSE, "
           f"intercept = {str(intercept).upper()}, thresh = {thresh!r}, maxit = {maxit})")
    return W, b, {"tool": "glmnet mgaussian", "version": {"glmnet_version": out[0]}, "status": "ok", "npasses": int(out[1]),
                  "command": cmd, "tolerance": thresh}


def multitask_cases():
    Xl, Yl = linnerud()
    Xd, classes = dna()
    Yd = np.eye(3)[classes]
    cases = [("linnerud", "datasets/regression/linnerud/linnerud_{exercise,physiological}.csv", Xl, Yl, intercept, spec, 1.0)
             for intercept in (True, False) for spec in (10, 100)]
    cases += [("dna_onehot", "datasets/multiclass/dna.scale (one-hot targets)", Xd, Yd, intercept, 20, 1.0) for intercept in (False, True)]
    cases += [("dna_onehot", "datasets/multiclass/dna.scale (one-hot targets)", Xd, Yd, True, 20, 0.5)]
    out = []
    for name, data, X, Y, intercept, spec, rho in cases:
        alpha = mt_alpha_max(X, Y, intercept, rho) / spec
        fits = [run_sklearn_mt(X, Y, alpha, rho, intercept, 1e-14, 1_000_000)]
        # glmnet mgaussian minimises the same objective with alpha = rho, lambda = alpha (no response scaling with
        # standardize.response = FALSE: solving the Y/s problem with the mapped penalties gives the same optimum).
        fits.append(run_glmnet_mt(X, Y, alpha, rho, intercept, 1e-14, 10_000_000))
        scored = [(mt_objective(X, Y, W, b, alpha, rho), W, b, meta) for W, b, meta in fits]
        ok = sorted([s for s in scored if s[3]["status"] == "ok"], key=lambda s: s[0])
        best = ok[0]
        entry = {"problem": "multitask_lasso" if rho == 1 else "multitask_enet", "name": name, "data": data,
                 "n": X.shape[0], "p": X.shape[1], "tasks": Y.shape[1], "alpha": alpha, "alpha_spec": f"alpha_max/{spec}",
                 "l1_ratio": rho, "fit_intercept": intercept, "objective": best[0],
                 "formula": "1/(2n)||Y - XW - 1b^T||_F^2 + alpha*l1_ratio*sum_j ||W_j.||_2 + alpha*(1-l1_ratio)/2 ||W||_F^2",
                 "coef": best[1].ravel().tolist(), "intercept": None if best[2] is None else list(map(float, best[2])),
                 **{k: best[3][k] for k in ("tool", "version", "command", "tolerance", "status")},
                 "generated_by": SCRIPT,
                 "agreement": [{"tool": s[3]["tool"], "objective": s[0], "status": s[3]["status"],
                                "relative_difference": abs(s[0] - best[0]) / abs(best[0]), "command": s[3]["command"]}
                               for s in scored if s is not best],
                 "date": TODAY}
        print(f"{entry['problem']:15s} {name:11s} b={intercept!s:5s} {spec:>4} F={best[0]:.17g} {best[3]['tool']} "
              f"agree {[a['relative_difference'] for a in entry['agreement']]}")
        out.append(entry)
    return out


def gl_parts(X, y, loss):
    n = X.shape[0]
    if loss == "squared":
        return (lambda z: 0.5 * np.mean((z - y) ** 2), lambda z: (z - y) / n, 1.0,
                lambda u: np.mean(0.5 * u * u + u * y))   # conjugate term (1/n) sum l*(y_i, u_i)
    def conj(u):
        t = np.clip(-u * y, 0, 1)
        with np.errstate(divide="ignore", invalid="ignore"):
            h = np.where(t > 0, t * np.log(t), 0) + np.where(t < 1, (1 - t) * np.log1p(-t), 0)
        return np.mean(h)
    return (lambda z: np.mean(np.logaddexp(0, -y * z)), lambda z: -y / (1 + np.exp(y * z)) / n, 0.25, conj)


def group_reference(X, y, lam, loss, groups, intercept):
    """FISTA (and BCD) to a relative duality gap <= 1e-14; returns (F, w, b, iterations, final gap)."""
    value, grad, smooth, conj = gl_parts(X, y, loss)
    n, p = X.shape
    Xt = np.hstack([X, np.ones((n, 1))]) if intercept else X
    L = smooth * np.linalg.eigvalsh(Xt.T @ Xt / n).max()
    weights = np.array([np.sqrt(len(g)) for g in groups])

    def penalty(w):
        return lam * sum(wg * np.linalg.norm(w[g]) for wg, g in zip(weights, groups))

    def prox(v, step):
        out = v.copy()
        for wg, g in zip(weights, groups):
            nv = np.linalg.norm(v[g])
            out[g] = 0 if nv <= step * lam * wg else (1 - step * lam * wg / nv) * v[g]
        return out

    def gap(x):
        w, b = (x[:p], x[p]) if intercept else (x, 0.0)
        z = X @ w + b
        u = grad(z) * n
        if intercept:   # shrink the side in excess so that sum u = 0 (keeps u in dom l*)
            pos, neg = u[u > 0].sum(), -u[u < 0].sum()
            if pos > neg: u = np.where(u > 0, u * neg / pos, u)
            elif neg > pos: u = np.where(u < 0, u * pos / neg, u)
        v = -X.T @ u / n
        s = max(1.0, max(np.linalg.norm(v[g]) / (lam * wg) for wg, g in zip(weights, groups)))
        F = value(z) + penalty(w)
        return F, F + conj(u / s)

    x = np.zeros(p + (1 if intercept else 0))
    yk, t = x.copy(), 1.0
    for it in range(1, 2_000_000):
        z = Xt @ yk
        g = Xt.T @ grad(z)
        nxt = yk - g / L
        nxt[:p] = prox(nxt[:p], 1 / L)
        tn = (1 + np.sqrt(1 + 4 * t * t)) / 2
        restart = np.dot(yk - nxt, nxt - x) > 0
        yk = nxt + (0 if restart else (t - 1) / tn) * (nxt - x)
        t = 1.0 if restart else tn
        x = nxt
        if it % 50 == 0:
            F, G = gap(x)
            if G <= 1e-14 * F: break
    F, G = gap(x)
    return F, x, it, G


def group_bcd(X, y, lam, loss, groups, intercept, x0):
    """Cyclic block coordinate descent with step 1/L_g, L_g = L_loss * lambda_max(X_g^T X_g / n), to a gap <= 1e-14."""
    value, grad, smooth, conj = gl_parts(X, y, loss)
    n, p = X.shape
    w, b = np.zeros(p), 0.0
    Lg = [smooth * np.linalg.eigvalsh(X[:, g].T @ X[:, g] / n).max() for g in groups]
    z = X @ w + b
    for epoch in range(1, 200_000):
        for g, L in zip(groups, Lg):
            d = grad(z)
            v = w[g] - X[:, g].T @ d / L
            nv = np.linalg.norm(v)
            t = lam * np.sqrt(len(g)) / L
            new = 0 * v if nv <= t else (1 - t / nv) * v
            z += X[:, g] @ (new - w[g])
            w[g] = new
        if intercept:
            db = -np.sum(grad(z)) / smooth
            b += db
            z += db
        if epoch % 10 == 0:
            x = np.append(w, b) if intercept else w
            F, G = x0(x)
            if G <= 1e-14 * F: break
    return np.append(w, b) if intercept else w, epoch


def group_cases():
    import scipy
    X, classes = dna()
    y = np.where(classes == 2, 1.0, -1.0)
    groups = [np.arange(3 * g, 3 * g + 3) for g in range(60)]
    n = X.shape[0]
    out = []
    for loss, intercept in (("squared", False), ("squared", True), ("logistic", True)):
        if loss == "squared":
            yc = y - y.mean() if intercept else y
            lam = max(np.linalg.norm(X[:, g].T @ yc) / (n * np.sqrt(3)) for g in groups) / 10
            spec = "lam_max/10"
        else:
            lam, spec = 0.01, "0.01"
        F, x, iters, G = group_reference(X, y, lam, loss, groups, intercept)

        def gapf(xx):
            w, b = (xx[:-1], xx[-1]) if intercept else (xx, 0.0)
            _, grad, _, conj = gl_parts(X, y, loss)
            value = gl_parts(X, y, loss)[0]
            z = X @ w + b
            u = grad(z) * n
            if intercept:
                pos, neg = u[u > 0].sum(), -u[u < 0].sum()
                if pos > neg: u = np.where(u > 0, u * neg / pos, u)
                elif neg > pos: u = np.where(u < 0, u * pos / neg, u)
            v = -X.T @ u / n
            s = max(1.0, max(np.linalg.norm(v[g]) / (lam * np.sqrt(3)) for g in groups))
            Fv = value(z) + lam * sum(np.sqrt(3) * np.linalg.norm(w[g]) for g in groups)
            return Fv, Fv + conj(u / s)
        xb, epochs = group_bcd(X, y, lam, loss, groups, intercept, gapf)
        Fb, Gb = gapf(xb)
        entry = {"problem": "group_lasso" if loss == "squared" else "group_logistic", "data": "datasets/multiclass/dna.scale",
                 "labels": "+1 for class 3, -1 otherwise", "groups": "60 contiguous groups of 3 features (DNA positions), weights sqrt(3)",
                 "n": n, "p": X.shape[1], "lam": lam, "lam_spec": spec, "fit_intercept": intercept, "objective": F,
                 "formula": "(1/n) sum loss(y_i, x_i.w + b) + lam * sum_g sqrt(|g|) ||w_g||_2; loss " +
                            ("1/2 (z - y)^2" if loss == "squared" else "log(1 + exp(-y z))"),
                 "coef": x.tolist(), "tool": "NumPy FISTA with adaptive restart (make_block_references.py: group_reference)",
                 "version": {"numpy": np.__version__, "scipy": scipy.__version__}, "command": SCRIPT,
                 "tolerance": "relative duality gap <= 1e-14 (dual point: rescaled loss derivatives, as celer)",
                 "final_relative_gap": G / F, "iterations": iters, "status": "ok",
                 "agreement": [{"tool": "NumPy cyclic block coordinate descent (group_bcd)", "objective": Fb,
                                "relative_difference": abs(Fb - F) / abs(F), "final_relative_gap": Gb / Fb, "epochs": epochs}],
                 "date": TODAY}
        print(f"{entry['problem']:15s} b={intercept!s:5s} lam={lam:.6g} F={F:.17g} gap {G / F:.1e} it {iters}; BCD {Fb:.17g} ({abs(Fb - F) / F:.1e})")
        out.append(entry)
    return out


def main():
    which = sys.argv[1:] or ["multitask", "group"]
    if "multitask" in which:
        with open(os.path.join(HERE, "multitask_lasso.json"), "w") as f:
            json.dump(multitask_cases(), f, indent=1)
    if "group" in which:
        with open(os.path.join(HERE, "group_lasso.json"), "w") as f:
            json.dump(group_cases(), f, indent=1)


if __name__ == "__main__":
    main()
