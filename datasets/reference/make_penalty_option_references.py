#!/usr/bin/python3
"""glmnet optima with per-feature penalty options (issue 19): penalty_options.json.

Run from the repository root (needs Rscript with glmnet 4.1-6 and Matrix):
    /usr/bin/python3 datasets/reference/make_penalty_option_references.py
Each case runs datasets/reference/penalty_options_glmnet.R once per lambda list and re-scores glmnet's (w, b) with
NumPy in OptSuite's convention:

    F(w, b) = (1/n) sum_i loss(y_i, x_i.w + b) + lam sum_j v_j (alpha |w_j| + (1 - alpha)/2 w_j^2)   (+ bounds l_j <= w_j <= u_j)

with loss the half squared error (gaussian), log(1 + exp(-s_i z_i)), s = +-1 with the larger label +1 (binomial), or
exp(z_i) - y_i z_i (poisson) or y_i exp(-z_i) + z_i (gamma: glmnet's family Gamma(link = "log")), the last two used by
make_path_option_references.py, and
v the penalty factors rescaled to sum to p (glmnet's Fortran: vp = vp * ni / sum(vp); OptSuite does the same).
Gaussian: glmnet divides y by its (1/n) standard deviation sd internally; y/sd is passed with lambda' = lam alpha/sd +
lam (1 - alpha), alpha' = lam alpha/(sd lambda') so that the elastic net's ridge part is the one above, the limits
divided by sd, and the coefficients are multiplied back by sd (shared/peers/README.md). thresh = 1e-14, maxit = 1e7.
Each record holds kkt_max, the largest violation of the optimality conditions of F at the frozen point (intercept
included). glmnet stops at a KKT residual of 1e-8 to 1e-7 on the ill-conditioned abalone columns (coefficients ~1e-5
relative from the optimum), so gaussian points are polished: on glmnet's support, signs and active bounds the problem is
smooth and its optimum solves one linear system; the polished point is kept when signs and bounds hold and the KKT
violation drops (polished: true), glmnet's own point stays in glmnet_coef / glmnet_intercept / glmnet_kkt_max.
"""
import datetime, json, os, subprocess, sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from make_references import load_svmlight  # noqa: E402

SCRIPT = "datasets/reference/make_penalty_option_references.py"
R_SCRIPT = "datasets/reference/penalty_options_glmnet.R"
FORMULA = "(1/n) sum loss(y_i, x_i.w + b) + lam sum_j v_j (alpha |w_j| + (1 - alpha)/2 w_j^2), v = factors * p / sum(factors)"


def rescaled(factors, p):
    v = np.ones(p) if factors is None else np.asarray(factors, float)
    return v * (p / v.sum())


def data_term(family, X, y, w, b):
    z = X @ w + b
    if family == "gaussian":
        return float(0.5 * np.mean((y - z) ** 2)), (z - y) / len(y)
    if family == "poisson":
        return float(np.mean(np.exp(z) - y * z)), (np.exp(z) - y) / len(y)
    if family == "gamma":
        e = y * np.exp(-z)
        return float(np.mean(e + z)), (1 - e) / len(y)
    s = np.where(y == y.max(), 1.0, -1.0)
    m = s * z
    return float(np.mean(np.logaddexp(0.0, -m))), -s / (1.0 + np.exp(m)) / len(y)


def objective(family, X, y, w, b, lam, alpha, v, s=None):
    """F; with standardize, s_j (the 1/n deviation of column j) turns the penalty on s_j w_j into the original scale."""
    s = np.ones(len(w)) if s is None else s
    f, _ = data_term(family, X, y, w, b)
    return f + lam * float(np.sum(v * (alpha * s * np.abs(w) + 0.5 * (1 - alpha) * s * s * w * w)))


def kkt(family, X, y, w, b, lam, alpha, v, lower, upper, s=None):
    """max_j dist(-g_j, d r_j(w_j)) with r_j = lam v_j (alpha |w| + (1-alpha)/2 w^2) + box, and |dF/db|."""
    _, r = data_term(family, X, y, w, b)
    g = X.T @ r
    worst = abs(r.sum())
    s = np.ones(len(w)) if s is None else s
    for j in range(len(w)):
        a, bb, l, u, x, gj = lam * alpha * v[j] * s[j], lam * (1 - alpha) * v[j] * s[j] ** 2, lower[j], upper[j], w[j], g[j]
        if l == u: viol = 0.0
        elif x == 0 and l < 0 < u: viol = max(abs(gj) - a, 0.0)
        elif x == u: viol = max(gj - a, 0.0) if x == 0 else max(a + bb * x + gj, 0.0)
        elif x == l: viol = max(-gj - a, 0.0) if x == 0 else max(a - bb * x - gj, 0.0)
        else: viol = abs(gj + (a if x > 0 else -a) + bb * x)
        worst = max(worst, viol)
    return float(worst)


def polish_gaussian(X, y, w, lam, alpha, v, s, lo, hi):
    """The exact optimum on glmnet's support and signs: the smooth restricted problem (non-zeros off their bounds free,
    coefficients at a bound fixed) is a linear system. Accepted only if the signs and bounds hold and the full problem's
    KKT violation drops; glmnet's own point stays in the record (glmnet_coef)."""
    n, p = X.shape
    s = np.ones(p) if s is None else s
    a, bq = lam * alpha * v * s, lam * (1 - alpha) * v * s * s
    free = (w != 0) & (w != lo) & (w != hi)
    fixed = (w != 0) & ~free
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    F = np.flatnonzero(free)
    rhs = Xc[:, F].T @ (yc - Xc[:, fixed] @ w[fixed]) / n - a[F] * np.sign(w[F])
    A = Xc[:, F].T @ Xc[:, F] / n + np.diag(bq[F])
    wp = w.copy()
    wp[F] = np.linalg.solve(A, rhs)
    bp = float(y.mean() - X.mean(axis=0) @ wp)
    ok = np.all(np.sign(wp[F]) == np.sign(w[F])) and np.all(wp >= lo) and np.all(wp <= hi)
    return ok, wp, bp


def run_r(data, family, alpha, lams, factors, lower, upper, standardize, sparse, yscale):
    fmt = lambda v: "-" if v is None else ",".join(repr(float(x)) for x in v)
    cmd = ["Rscript", R_SCRIPT, data, family, repr(alpha), ",".join(repr(l) for l in lams), fmt(factors), fmt(lower), fmt(upper),
           "TRUE" if standardize else "FALSE", "TRUE" if sparse else "FALSE", repr(yscale)]
    out = subprocess.run(cmd, cwd=REPO, check=True, capture_output=True, text=True).stdout
    return cmd, [json.loads(line) for line in out.splitlines() if line.strip()]


def case(name, data, family, alpha, lam_fractions, factors=None, lower=None, upper=None, standardize=False, sparse=False):
    X, y = load_svmlight(os.path.join(REPO, data))
    n, p = X.shape
    v = rescaled(factors, p)
    lo = np.full(p, -np.inf) if lower is None else np.broadcast_to(np.asarray(lower, float), (p,))
    hi = np.full(p, np.inf) if upper is None else np.broadcast_to(np.asarray(upper, float), (p,))
    # lam_max of the unweighted problem (a scale for the lambdas; the factors move the actual first kink)
    t = (y - y.mean() if family in ("gaussian", "poisson") else 1 - y / y.mean() if family == "gamma"
         else (y == y.max()) - np.mean(y == y.max()))
    lam_max = float(np.abs(X.T @ t).max() / n / max(alpha, 1e-3))
    lams = [lam_max * f for f in lam_fractions]
    records = []
    # glmnet's standardize: the (1/n) deviation of each column (centred also without intercept, as its Fortran)
    scales = np.sqrt(np.mean(X * X, axis=0) - np.mean(X, axis=0) ** 2) if standardize else None
    sd = float(np.sqrt(np.mean((y - y.mean()) ** 2))) if family == "gaussian" else 1.0
    for frac, lam in zip(lam_fractions, lams):
        # glmnet's (lambda, alpha) for y/sd (gaussian) so that OptSuite's lam, alpha result
        if family == "gaussian":
            lam_r = lam * alpha / sd + lam * (1 - alpha)
            alpha_r = (lam * alpha / sd) / lam_r
        else:
            lam_r, alpha_r = lam, alpha
        # gaussian: glmnet's coefficients are for y/sd, so are the limits it is given
        div = (lambda b: None if b is None else [x / sd for x in b]) if family == "gaussian" else (lambda b: b)
        cmd, fits = run_r(data, family, alpha_r, [lam_r], factors, div(lower), div(upper), standardize, sparse, sd)
        fit = fits[0]
        w, b = np.array(fit["coef"]), fit["intercept"]
        # glmnet clips in the y/sd scale: multiplied back, a clipped value is the bound to rounding; snap it
        w = np.where(np.isfinite(lo) & (np.abs(w - lo) <= 1e-12 * np.maximum(1, np.abs(lo))), lo, w)
        w = np.where(np.isfinite(hi) & (np.abs(w - hi) <= 1e-12 * np.maximum(1, np.abs(hi))), hi, w)
        assert np.all(w >= lo) and np.all(w <= hi), "glmnet left the box"
        glmnet_w, glmnet_b = [float(c) for c in w], float(b)
        glmnet_kkt = kkt(family, X, y, w, b, lam, alpha, v, lo, hi, scales)
        polished = False
        if family == "gaussian":
            ok, wp, bp = polish_gaussian(X, y, w, lam, alpha, v, scales, lo, hi)
            if ok and kkt(family, X, y, wp, bp, lam, alpha, v, lo, hi, scales) < glmnet_kkt:
                w, b, polished = wp, bp, True
        glmnet_family = "Gamma(link = 'log')" if family == "gamma" else repr(family)
        records.append({
            "problem": f"{name}_alpha{alpha:g}_lam{frac:g}", "data": data, "family": family, "alpha": alpha, "lam": lam, "lam_over_lam_max": lam / lam_max,
            "penalty_factors": factors, "penalty_factors_rescaled": [float(x) for x in v] if factors is not None else None,
            "lower_limits": lower, "upper_limits": upper, "standardize": standardize, "sparse": sparse,
            "fit_intercept": True, "formula": FORMULA, "n": n, "p": p,
            "objective": objective(family, X, y, w, b, lam, alpha, v, scales), "coef": [float(c) for c in w], "intercept": float(b),
            "kkt_max": kkt(family, X, y, w, b, lam, alpha, v, lo, hi, scales),
            "glmnet_coef": glmnet_w, "glmnet_intercept": glmnet_b, "glmnet_kkt_max": glmnet_kkt, "polished": polished,
            "column_scales": None if scales is None else [float(c) for c in scales],
            "tool": "glmnet (R)", "version": {"glmnet": fit["glmnet_version"], "R": fit["r_version"], "Matrix": fit["matrix_version"]},
            "glmnet_call": f"glmnet(X, {'y/' + repr(sd) if family == 'gaussian' else 'factor(y)' if family == 'binomial' else 'y'}, family={glmnet_family}, alpha={alpha_r!r}, "
                           f"lambda={lam_r!r}, standardize={'TRUE' if standardize else 'FALSE'}, intercept=TRUE, penalty.factor=pf, "
                           f"lower.limits=lo, upper.limits=up, thresh=1e-14, maxit=1e7)" + (" then coef * sd" if family == "gaussian" else ""),
            "command": " ".join(cmd), "generator": f"/usr/bin/python3 {SCRIPT}",
            "tolerance": "thresh 1e-14", "npasses": fit["npasses"],
        })
    return records


def sklearn_positive(data):
    """scikit-learn 1.2.1 Lasso / ElasticNet(positive=True): the same F with l = 0, no factors (alpha = lam, l1_ratio)."""
    import sklearn
    from sklearn.linear_model import ElasticNet, Lasso
    X, y = load_svmlight(os.path.join(REPO, data))
    n, p = X.shape
    out = []
    for name, ratio, lam in (("sklearn_positive_lasso", 1.0, 0.05), ("sklearn_positive_enet", 0.5, 0.1)):
        call = (f"Lasso(alpha={lam!r}, positive=True, fit_intercept=True, tol=1e-12, max_iter=1000000)" if ratio == 1 else
                f"ElasticNet(alpha={lam!r}, l1_ratio={ratio!r}, positive=True, fit_intercept=True, tol=1e-12, max_iter=1000000)")
        m = eval(call).fit(X, y)
        w, b = m.coef_.copy(), float(m.intercept_)
        v = np.ones(p)
        out.append({
            "problem": name, "data": data, "family": "gaussian", "alpha": ratio, "lam": lam, "penalty_factors": None,
            "penalty_factors_rescaled": None, "lower_limits": [0.0], "upper_limits": None, "standardize": False, "sparse": False,
            "fit_intercept": True, "formula": FORMULA, "n": n, "p": p,
            "objective": objective("gaussian", X, y, w, b, lam, ratio, v), "coef": [float(c) for c in w], "intercept": b,
            "kkt_max": kkt("gaussian", X, y, w, b, lam, ratio, v, np.zeros(p), np.full(p, np.inf)),
            "tool": "scikit-learn", "version": {"scikit-learn": sklearn.__version__, "numpy": np.__version__},
            "sklearn_call": call, "n_iter": int(m.n_iter_), "command": f"/usr/bin/python3 {SCRIPT}", "generator": f"/usr/bin/python3 {SCRIPT}",
            "tolerance": "tol 1e-12 (duality gap relative to ||y||^2/n)",
        })
    return out


def factors_for(p):
    v = [1.0] * p
    v[0], v[1], v[2], v[-1] = 0.0, 0.5, 2.0, 3.0
    return v


def main():
    quick, binom = "datasets/glmnet_synthetic/QuickStartExample.svm", "datasets/glmnet_synthetic/BinomialExample.svm"
    out = []
    for alpha in (1.0, 0.5):
        out += case("gaussian_factors", quick, "gaussian", alpha, (0.5, 0.1, 0.02), factors=factors_for(20))
        out += case("binomial_factors", binom, "binomial", alpha, (0.5, 0.1, 0.03), factors=factors_for(30))
    out += case("gaussian_bounds", quick, "gaussian", 1.0, (0.1, 0.02), lower=[-0.5], upper=[1.0])
    out += case("gaussian_bounds_factors", quick, "gaussian", 0.5, (0.05,), factors=factors_for(20), lower=[-0.3], upper=[0.8])
    out += case("binomial_bounds", binom, "binomial", 0.5, (0.1, 0.03), lower=[-0.3], upper=[0.5])
    out += case("binomial_positive", binom, "binomial", 1.0, (0.05,), lower=[0.0])
    out += sklearn_positive(quick)
    heart, abalone = "datasets/binary/heart_scale", "datasets/regression/abalone_scale"
    for sparse in (False, True):
        tag = "sparse" if sparse else "dense"
        out += case(f"gaussian_standardize_{tag}", abalone, "gaussian", 1.0, (0.1, 0.01), standardize=True, sparse=sparse)
        out += case(f"gaussian_standardize_{tag}", abalone, "gaussian", 0.5, (0.05,), standardize=True, sparse=sparse)
        out += case(f"binomial_standardize_{tag}", heart, "binomial", 1.0, (0.1, 0.02), standardize=True, sparse=sparse)
        out += case(f"binomial_standardize_{tag}", heart, "binomial", 0.5, (0.05,), standardize=True, sparse=sparse)
    out += case("gaussian_standardize_factors_bounds", abalone, "gaussian", 0.5, (0.02,), factors=[0, 1, 2, 1, 1, 1, 1, 3], lower=[-1.0], upper=[2.0], standardize=True)
    for r in out:
        r["generated"] = datetime.date.today().isoformat()
    with open(os.path.join(HERE, "penalty_options.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    for r in out:
        print(r["problem"], r["alpha"], f"{r['lam']:.6g}", f"F={r['objective']:.17g}", f"kkt={r['kkt_max']:.2e}",
              "nnz", sum(1 for c in r["coef"] if c != 0))


if __name__ == "__main__":
    main()
