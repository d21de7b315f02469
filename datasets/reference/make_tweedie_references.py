#!/usr/bin/python3
"""Frozen optima of penalised Tweedie regression (log link, power p in (1, 2)), for OptSuite's TweedieRegressor.

Run from the repository root:  /usr/bin/python3 datasets/reference/make_tweedie_references.py
Writes datasets/reference/tweedie.json. Needs scikit-learn >= 1.2 (TweedieRegressor with solver='newton-cholesky'),
SciPy, NumPy and, for the L1 / elastic-net cases, Rscript with glmnet (datasets/reference/tweedie_glmnet.R).

Data: abalone_scale (rings 1..29, all > 0) as shipped, and cpusmall (8192 x 12, y in [0, 99] with 283 exact zeros, the
case the compound Poisson-Gamma is for) with every column mapped to [0, 1] first by x' = (x - min x) / (max x - min x)
(`scale` in each entry; the raw columns reach 2.5e6, far from a usable log-linear scale).

OptSuite's objective, with z = Xw + b (b unpenalised, absent without intercept) and p in (1, 2):
    F(w, b) = (1/n) sum l_p(y_i, z_i) + lam (a ||w||_1 + (1 - a)/2 ||w||^2),
    l_p(y, z) = exp((2-p) z)/(2-p) - y exp((1-p) z)/(1-p)   (half the Tweedie deviance minus y^(2-p)/((1-p)(2-p))).
* L2 (a = 0): scikit-learn's TweedieRegressor(power=p, link='log') minimises (1/n) sum HalfTweedieLoss + alpha/2 ||w||^2,
  and its HalfTweedieLoss (as evaluated, constant terms skipped) is l_p, so lam = alpha. Checked three ways: scikit-learn's
  own LinearModelLoss.loss at the solution equals F (`sklearn_objective_minus_F`),
  the gradient of F vanishes there (`gradient_max_abs`), and solver='lbfgs' (tol 1e-12) agrees in F. The reference is
  solver='newton-cholesky' (tol 1e-12); sklearn 1.2's lbfgs stops on ftol = 64 eps (see gamma.json).
* L1 / elastic net: scikit-learn has no such option; glmnet 4.1 with a hand-written family object (Tweedie variance
  mu^p, log link, the unit deviance above; statmod is not installed), standardize = FALSE, minimises
  (1/2n) deviance + lam (a ||w||_1 + (1 - a)/2 ||w||^2), i.e. F up to a constant. glmnet's result is polished by Newton's
  method on its support with the signs fixed, and the KKT conditions of the full problem are checked there.
* Power p = 3 (inverse Gaussian, log link; abalone, all y > 0): l_p as above is NOT convex in z (l'' < 0 where
  exp(z) > (p-1) y/(p-2)), so there is no duality gap. scikit-learn's TweedieRegressor(power=3, solver='lbfgs', tol=1e-12)
  is the peer; its point is polished by Newton's method on the full gradient, and the result is checked to be a strict
  local minimum (gradient_max_abs < 1e-11, the Hessian's smallest eigenvalue > 0, `hessian_min_eigenvalue`).
* Power p = 3, L1 and elastic net: glmnet 4.1 with R's own family object inverse.gaussian(link = "log") (unit deviance
  (y - mu)^2 / (y mu^2), variance mu^3), standardize = FALSE, minimises (1/2n) deviance + the penalty, i.e. F plus the
  constant mean(1/(2y)) — checked at glmnet's point from glmnet's own deviance before freezing. Its IRLS uses Fisher
  weights (always positive), so it runs although the loss is not convex; the point is polished by Newton on its support
  and checked as for p in (1, 2) (KKT, zeros strictly inside their bound), plus a positive definite Hessian on the
  support: a strict local minimum, the stationary point OptSuite's proximal solvers must reach.
* Power p = 0 (normal, link 'auto' = identity; abalone): l_0 = (y - z)^2 / 2, the squared loss of ridge regression, so
  TweedieRegressor(power=0, alpha) equals Ridge(alpha = n alpha) (checked: `ridge_coef_max_abs_difference`); the
  reference is the closed form (X'X/n + alpha I) w = X'(y - b)/n with the centred intercept.
Powers in (0, 1) have no Tweedie distribution: no cases.
"""
import datetime, json, os, subprocess, sys, warnings

import numpy as np
import scipy
import sklearn
from sklearn.linear_model import TweedieRegressor

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from make_references import (glm_kkt, glm_loss, glm_objective, glm_polish, glm_sklearn_case, glm_smooth_gradient,  # noqa: E402
                             load_svmlight, max_relative_difference)

ABALONE = "datasets/regression/abalone_scale"
CPUSMALL = "datasets/regression/cpusmall.svm"
SCRIPT = "datasets/reference/make_tweedie_references.py"
FORMULA = ("(1/n) sum (exp((2-p) z_i)/(2-p) - y_i exp((1-p) z_i)/(1-p)) + lam (l1_ratio ||w||_1 + (1 - l1_ratio)/2 ||w||^2), "
           "z = Xw + b, b unpenalised")
SCALE = "column min-max: x' = (x - min x) / (max x - min x) over the file's rows"


def load(data, scale):
    X, y = load_svmlight(os.path.join(REPO, data))
    if scale:
        lo, hi = X.min(axis=0), X.max(axis=0)
        X = (X - lo) / (hi - lo)
    return X, y


def sklearn_case(data, scale, p, alpha, fit_intercept):
    X, y = load(data, scale)
    call = f"TweedieRegressor(power={p!r}, alpha={alpha!r}, link='log', fit_intercept={fit_intercept}, solver='%s', tol=1e-12, max_iter=100000)"
    head = {"problem": f"tweedie_l2_{'cpusmall' if scale else 'abalone'}_p{p}_lam{alpha}{'' if fit_intercept else '_nob'}",
            "data": data, "scale": SCALE if scale else None, "power": p}
    return glm_sklearn_case(
        ("tweedie", p), lambda solver: TweedieRegressor(power=p, alpha=alpha, link="log", fit_intercept=fit_intercept,
                                                        solver=solver, tol=1e-12, max_iter=100000),
        call, X, y, alpha, fit_intercept, head, FORMULA, "scikit-learn TweedieRegressor(link='log', solver='newton-cholesky')",
        f"/usr/bin/python3 {SCRIPT}", 1e-11)


def hessian(X, y, w, b, lam, p):
    """Hessian of the L2 objective in (w, b)."""
    n = len(y)
    X1 = np.hstack([X, np.ones((n, 1))])
    H = (X1 * glm_loss(("tweedie", p), y, X1 @ np.append(w, b))[1][:, None]).T @ X1 / n
    H[np.arange(X.shape[1]), np.arange(X.shape[1])] += lam
    return H


def nonconvex_case(data, p, alpha):
    """p > 2: scikit-learn's lbfgs, polished by full Newton steps; the point must be a strict local minimum."""
    from sklearn.linear_model._linear_loss import LinearModelLoss
    X, y = load(data, False)
    n, d = X.shape
    call = f"TweedieRegressor(power={p!r}, alpha={alpha!r}, link='log', solver='lbfgs', tol=1e-12, max_iter=100000)"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        m = TweedieRegressor(power=p, alpha=alpha, link="log", solver="lbfgs", tol=1e-12, max_iter=100000).fit(X, y)
    caught = [str(c.message) for c in caught]
    wl, bl = m.coef_.copy(), float(m.intercept_)
    Fl = glm_objective(("tweedie", p), X, y, wl, bl, alpha, 0.0)
    v = np.append(wl, bl)
    for _ in range(100):
        gw, gb = glm_smooth_gradient(("tweedie", p), X, y, v[:-1], v[-1], alpha, 0.0)
        step = np.linalg.solve(hessian(X, y, v[:-1], v[-1], alpha, p), np.append(gw, gb))
        v -= step
        if np.abs(step).max() <= 1e-16 * max(1.0, np.abs(v).max()):
            break
    w, b = v[:-1], float(v[-1])
    F = glm_objective(("tweedie", p), X, y, w, b, alpha, 0.0)
    gw, gb = glm_smooth_gradient(("tweedie", p), X, y, w, b, alpha, 0.0)
    grad = float(max(np.abs(gw).max(), abs(gb)))
    eig = float(np.linalg.eigvalsh(hessian(X, y, w, b, alpha, p)).min())
    concave = int(np.sum(glm_loss(("tweedie", p), y, X @ w + b)[1] < 0))
    lml = LinearModelLoss(base_loss=m._get_loss(), fit_intercept=True)
    sk_obj = float(lml.loss(v, X, y.astype(float), np.full(n, 1.0 / n), l2_reg_strength=alpha))
    assert grad < 1e-11 and eig > 0, (grad, eig)
    assert abs(sk_obj - F) <= 1e-13 * abs(F), (sk_obj, F)
    assert F <= Fl * (1 + 1e-15) if Fl > 0 else F <= Fl * (1 - 1e-15), (F, Fl)
    return {
        "problem": f"tweedie_l2_abalone_p{p}_lam{alpha}", "data": data, "scale": None, "power": p, "lam": alpha,
        "lam_spec": repr(alpha), "l1_ratio": None, "fit_intercept": True, "formula": FORMULA, "n": n, "p": d,
        "objective": F, "coef": [float(c) for c in w], "intercept": b,
        "tool": "scikit-learn TweedieRegressor(link='log', solver='lbfgs'), polished by Newton's method (a strict local minimum)",
        "sklearn_call": call,
        "version": {"scikit-learn": sklearn.__version__, "scipy": scipy.__version__, "numpy": np.__version__},
        "command": f"/usr/bin/python3 {SCRIPT}", "tolerance": "tol 1e-12; Newton polish to a step of 1e-16",
        "n_iter": int(m.n_iter_), "warnings": caught,
        "checks": {
            "sklearn_objective": sk_obj, "sklearn_objective_minus_F": sk_obj - F, "gradient_max_abs": grad,
            "hessian_min_eigenvalue": eig, "samples_with_negative_curvature": concave,
        },
        "agreement": {
            "peer": call, "peer_objective": Fl, "objective_relative_difference": (Fl - F) / abs(F),
            "coef_max_relative_difference": max_relative_difference(np.append(wl, bl), v),
            "note": "the loss is not convex for p > 2: no duality gap; the peer and the polished point are one local minimum",
        },
        "date": datetime.date.today().isoformat(),
    }


def normal_case(data, alpha):
    """p = 0, link 'auto' (identity): the squared loss; TweedieRegressor(power=0) = Ridge(alpha = n alpha)."""
    from sklearn.linear_model import Ridge
    X, y = load(data, False)
    n, d = X.shape
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    w = np.linalg.solve(Xc.T @ Xc / n + alpha * np.eye(d), Xc.T @ yc / n)
    b = float(y.mean() - X.mean(axis=0) @ w)
    F = float(0.5 * np.mean((y - X @ w - b) ** 2) + 0.5 * alpha * w @ w)
    call = f"TweedieRegressor(power=0, alpha={alpha!r}, solver='newton-cholesky', tol=1e-12, max_iter=100000)"
    m = TweedieRegressor(power=0, alpha=alpha, solver="newton-cholesky", tol=1e-12, max_iter=100000).fit(X, y)
    r = Ridge(alpha=n * alpha, tol=1e-12).fit(X, y)
    Fm = float(0.5 * np.mean((y - X @ m.coef_ - m.intercept_) ** 2) + 0.5 * alpha * m.coef_ @ m.coef_)
    ref = np.append(w, b)
    ridge_diff = float(np.abs(np.append(r.coef_, r.intercept_) - ref).max())
    assert ridge_diff < 1e-10 and abs(Fm - F) <= 1e-12 * F, (ridge_diff, Fm, F)
    return {
        "problem": f"tweedie_l2_abalone_p0_lam{alpha}", "data": data, "scale": None, "power": 0, "lam": alpha,
        "lam_spec": repr(alpha), "l1_ratio": None, "fit_intercept": True,
        "formula": "(1/n) sum (y_i - z_i)^2 / 2 + lam/2 ||w||^2, z = Xw + b, b unpenalised (power 0: identity link)",
        "n": n, "p": d, "objective": F, "coef": [float(c) for c in w], "intercept": b,
        "tool": "closed form (X'X/n + lam I) w = X'(y - ybar)/n on centred columns; peers scikit-learn TweedieRegressor(power=0) and Ridge(alpha = n lam)",
        "sklearn_call": call, "ridge_call": f"Ridge(alpha={n * alpha!r}, tol=1e-12)",
        "version": {"scikit-learn": sklearn.__version__, "scipy": scipy.__version__, "numpy": np.__version__},
        "command": f"/usr/bin/python3 {SCRIPT}", "tolerance": "exact (a linear solve)", "n_iter": int(m.n_iter_), "warnings": [],
        "checks": {"ridge_coef_max_abs_difference": ridge_diff},
        "agreement": {
            "peer": call, "peer_objective": Fm, "objective_relative_difference": (Fm - F) / abs(F),
            "coef_max_relative_difference": max_relative_difference(np.append(m.coef_, m.intercept_), ref),
        },
        "date": datetime.date.today().isoformat(),
    }


def glmnet_case(data, scale, p, a, divisor):
    X, y = load(data, scale)
    n, d = X.shape
    # lam_max with an intercept: w = 0, e^b = mean y, the largest |(1/n) X^T l_p'(y, b)| over a.
    mu = y.mean()
    lam_max = float(np.abs(X.T @ glm_loss(("tweedie", p), y, np.full(n, np.log(mu)))[0]).max() / n / a)
    lam = lam_max / divisor
    cmd = ["Rscript", os.path.join(HERE, "tweedie_glmnet.R"), os.path.join(REPO, data), repr(p), repr(a), repr(lam), "1" if scale else "0"]
    out = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1])
    wg, bg = np.array(out["coef"]), float(out["intercept"])
    Fg = glm_objective(("tweedie", p), X, y, wg, bg, lam, a)
    w, b = glm_polish(("tweedie", p), X, y, wg, bg, lam, a)
    F = glm_objective(("tweedie", p), X, y, w, b, lam, a)
    kkt, margin = glm_kkt(("tweedie", p), X, y, w, b, lam, a)
    assert kkt < 1e-12 and margin > 0, (kkt, margin)
    assert F <= Fg * (1 + 1e-14) if Fg > 0 else F <= Fg * (1 - 1e-14), (F, Fg)
    family = f"tweedie_log({p!r})"
    record = {
        "problem": f"tweedie_{'l1' if a == 1 else 'enet'}_{'cpusmall' if scale else 'abalone'}_p{p}",
        "data": data, "scale": SCALE if scale else None, "power": p, "lam": lam, "lam_spec": f"lammax/{divisor}",
        "lam_max": lam_max, "l1_ratio": a, "fit_intercept": True, "formula": FORMULA, "n": n, "p": d,
        "objective": F, "coef": [float(v) for v in w], "intercept": b,
        "tool": "glmnet with a hand-written Tweedie(p, log link) family object, polished by Newton on its support",
        "glmnet_call": None,
        "version": {"glmnet": out["glmnet_version"], "R": out["r_version"], "numpy": np.__version__},
        "command": f"/usr/bin/python3 {SCRIPT} (runs Rscript datasets/reference/tweedie_glmnet.R)",
        "tolerance": "glmnet thresh 1e-16, epsnr 1e-13; Newton polish to a step of 1e-16",
        "checks": {"kkt_max": kkt, "zero_margin": margin, "glmnet_npasses": out["npasses"]},
        "agreement": {
            "peer": "glmnet before polishing", "peer_objective": Fg, "objective_relative_difference": (Fg - F) / abs(F),
            "coef_max_relative_difference": max_relative_difference(np.append(wg, bg), np.append(w, b)),
        },
        "date": datetime.date.today().isoformat(),
    }
    if p == 3:
        # R's own inverse.gaussian(link = "log") family: the loss is not convex (no gap), so the polished point is checked
        # to be a strict local minimum on its support, and glmnet's own objective to be ours: its (1/2n) deviance equals
        # the mean of l_3 plus the constant mean(1 / (2 y)) at glmnet's point.
        family = "inverse.gaussian(link = 'log')"
        record["problem"] += f"_lam{divisor}"
        record["tool"] = ("glmnet with R's inverse.gaussian(link = 'log') family (Tweedie power 3), polished by Newton on its "
                          "support; a strict local minimum (the loss is not convex)")
        z = X @ wg + bg
        data_term = float(np.mean(glm_loss(("tweedie", p), y, z)[2]))
        half_deviance = out["deviance"] / (2 * n)
        constant = float(np.mean(1 / (2 * y)))
        S = np.flatnonzero(w)
        XS = np.hstack([X[:, S], np.ones((n, 1))])
        H = (XS * glm_loss(("tweedie", p), y, X @ w + b)[1][:, None]).T @ XS / n
        H[np.arange(len(S)), np.arange(len(S))] += lam * (1 - a)
        eig = float(np.linalg.eigvalsh(H).min())
        assert abs(half_deviance - constant - data_term) <= 1e-10 * abs(data_term), (half_deviance, constant, data_term)
        assert eig > 0, eig
        record["checks"].update({
            "glmnet_half_mean_deviance": half_deviance, "half_mean_deviance_minus_constant_minus_data_term":
                half_deviance - constant - data_term, "support_hessian_min_eigenvalue": eig,
            "samples_with_negative_curvature": int(np.sum(glm_loss(("tweedie", p), y, X @ w + b)[1] < 0)),
        })
        record["agreement"]["note"] = "the loss is not convex for p > 2: glmnet (IRLS with Fisher weights) and the polish reach one local minimum"
    record["glmnet_call"] = (f"glmnet(X, y, family = {family}, alpha = {a!r}, lambda = {lam!r}, standardize = FALSE, "
                             "thresh = 1e-16, maxit = 1e7) after glmnet.control(epsnr = 1e-13, mxitnr = 10000)"
                             + ("" if p == 3 else "; tweedie_log is defined in datasets/reference/tweedie_glmnet.R"))
    return record


def main():
    cases = [
        sklearn_case(ABALONE, False, 1.5, 1.0, True),
        sklearn_case(ABALONE, False, 1.5, 0.01, True),
        sklearn_case(ABALONE, False, 1.5, 0.01, False),
        sklearn_case(CPUSMALL, True, 1.2, 0.01, True),
        sklearn_case(CPUSMALL, True, 1.8, 0.0001, True),
        glmnet_case(ABALONE, False, 1.5, 1.0, 20),
        glmnet_case(ABALONE, False, 1.5, 0.5, 20),
        glmnet_case(CPUSMALL, True, 1.2, 1.0, 50),
        nonconvex_case(ABALONE, 3.0, 0.01),
        nonconvex_case(ABALONE, 3.0, 1e-4),
        normal_case(ABALONE, 0.01),
        glmnet_case(ABALONE, False, 3.0, 1.0, 5),
        glmnet_case(ABALONE, False, 3.0, 1.0, 20),
        glmnet_case(ABALONE, False, 3.0, 0.5, 20),
    ]
    with open(os.path.join(HERE, "tweedie.json"), "w") as f:
        json.dump(cases, f, indent=1)
        f.write("\n")
    for c in cases:
        print(f"{c['problem']:36s} lam={c['lam']:.6g} F={c['objective']:.17g} "
              f"peer dF={c['agreement']['objective_relative_difference']:.1e} dcoef={c['agreement']['coef_max_relative_difference']:.1e}")


if __name__ == "__main__":
    main()
