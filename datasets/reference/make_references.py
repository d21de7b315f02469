#!/usr/bin/python3
"""Freeze reference optima computed by other libraries, for OptSuite's solver tests.

Run from the repository root:  /usr/bin/python3 datasets/reference/make_references.py [file ...]
(no argument: every JSON file; otherwise only the named ones, e.g. lasso_path enet_path logreg_l1_path)
Needs ../shared/peers set up (its setup.sh): scikit-learn, LIBLINEAR, glmnet. Writes one JSON file per problem here.
`--only svm_hinge_l2,cs_svm,logreg_l2@w8a` recomputes those problems (problem@text: only cases whose data path
contains text) and leaves the other JSON files as they are. LIBLINEAR runs go
through benchmarks/dual-coordinate/liblinear_peer.py (run_peer.py with its `ll_fit` compiled locally when the shared one
is missing).

Each case is solved by two independent peers at tight native tolerance; the lower objective (all peers are re-scored by
run_peer.py with one formula, see ../shared/peers/README.md) is the reference and the relative difference between the two
is recorded as `agreement`. LinearSVC on the hinge loss runs at tol 1e-6 with max_iter 1e6: at 1e-12 its shrinking
thresholds stay stale and it ends further from the optimum (w8a: 5e-6 above it after 1e5 iterations). Hinge-loss problems (svm_hinge_l2, cs_svm) have no peer that reaches a tight tolerance
(LIBLINEAR's dual CD stops at its hard-coded iteration cap, see the peers README): there the lowest re-scored objective of
all peers is kept, whatever their status, as an upper bound of the optimum (`reference_kind`); the OptSuite tests pair it
with their own duality-gap certificate. Huber regression has no peer with our objective (sklearn's HuberRegressor also fits a scale),
so it is solved with SciPy's L-BFGS-B on the exact objective written in NumPy (gtol 1e-13) and checked by a second run
from a different start.
"""
import datetime, json, lzma, os, subprocess, sys

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
_SHARED_ROOT = os.environ.get("OPTSUITE_SHARED") or next(
    (p for p in (os.path.join(REPO, "..", "shared"), os.path.join(REPO, "..", "..", "shared")) if os.path.isdir(p)), "")
PEERS = os.path.abspath(os.path.join(_SHARED_ROOT, "peers"))
SHARED = os.path.abspath(os.path.join(_SHARED_ROOT, "datasets"))
LL_PEER = os.path.join(REPO, "benchmarks", "dual-coordinate", "liblinear_peer.py")

# (problem, data (repo-relative or shared:...), lam spec, extra args, peers [(solver, tol, max_iter)], fit_intercept)
BINARY_DUAL = ["shared:binary/a9a.xz", "shared:binary/w8a.xz", "shared:derived/news20_binary_l2.svm.xz"]
# -s 4 at eps 1e-12 runs to its 100000-iteration cap (tens of minutes on usps); eps 1e-6 bounds the largest KKT
# violation of the full set and stops long before.
MULTICLASS_DUAL = ["datasets/multiclass/dna.scale", "shared:multiclass/zip_usps_train.svm.xz", "shared:derived/news20_l2.svm.xz"]
UPPER_BOUND = {"svm_hinge_l2", "cs_svm"}
# Cases frozen in a file of their own (default: <problem>.json), so a test can pick its solvers per file: the larger
# logistic cases are for the dual CD and L-BFGS tests, not for every logreg_l2 solver.
FILES = {("logreg_l2", "shared:binary/w8a.xz"): "logreg_l2_dcd", ("logreg_l2", "shared:derived/news20_binary_l2.svm.xz"): "logreg_l2_dcd"}
CD = ("sk_cd", "1e-14", "1000000")
GLMNET = ("glmnet", "1e-14", "10000000")
CASES = [
    ("lasso", "datasets/peers/heart_scale.svm", "lammax/20", [], [CD, GLMNET], False),
    ("lasso", "datasets/peers/diabetes.svm", "lammax/20", [], [CD, GLMNET], False),
    ("lasso", "datasets/regression/prostate_train.svm", "lammax/10", [], [CD, GLMNET], False),
    ("lasso", "shared:regression/riboflavin.svm.xz", "lammax/20", [], [CD, GLMNET], False),
    ("lasso", "datasets/peers/heart_scale.svm", "lammax/20", [], [CD, ("sk_cd", "1e-13", "1000000")], True),
    ("enet", "datasets/peers/heart_scale.svm", "lammax/20", ["--l1-ratio", "0.5"], [CD, GLMNET], False),
    ("enet", "datasets/peers/diabetes.svm", "lammax/20", ["--l1-ratio", "0.5"], [CD, GLMNET], False),
    ("ridge", "datasets/peers/diabetes.svm", "1/n", [], [("sk_cholesky", None, None), ("sk_lsqr", "1e-14", "100000")], False),
    ("ridge", "datasets/peers/breast_cancer_scale.svm", "1/n", [], [("sk_cholesky", None, None), ("sk_lsqr", "1e-14", "100000")], False),
    ("ridge", "datasets/regression/cpusmall.svm", "1/n", [], [("sk_cholesky", None, None), ("sk_lsqr", "1e-14", "100000")], False),
    ("logreg_l2", "datasets/peers/heart_scale.svm", "1/n", [], [("ll_fit:s0", "1e-12", None), ("sk_newton-cg", "1e-10", "10000")], False),
    ("logreg_l2", "datasets/peers/breast_cancer_scale.svm", "1/n", [], [("ll_fit:s0", "1e-12", None), ("sk_newton-cg", "1e-10", "10000")], False),
    ("logreg_l2", "shared:binary/a9a.xz", "1/n", [], [("ll_fit:s0", "1e-12", None), ("sk_newton-cg", "1e-10", "10000")], False),
    ("logreg_l2", "datasets/peers/heart_scale.svm", "1/n", [], [("sk_newton-cg", "1e-10", "10000"), ("sk_lbfgs", "1e-12", "100000")], True),
    ("logreg_l1", "datasets/peers/heart_scale.svm", "1/n", [], [("sk_liblinear", "1e-12", "100000"), GLMNET], False),
    ("logreg_l1", "datasets/peers/breast_cancer_scale.svm", "1/n", [], [("sk_liblinear", "1e-12", "100000"), GLMNET], False),
    ("logreg_l1", "shared:binary/a9a.xz", "1/n", [], [("sk_liblinear", "1e-12", "100000"), GLMNET], False),
    ("multinomial_l2", "datasets/peers/wine_scale.svm", "1/n", [], [("sk_newton-cg", "1e-10", "10000"), ("sk_lbfgs", "1e-12", "100000")], False),
    ("multinomial_l2", "datasets/peers/digits_scale.svm", "1/n", [], [("sk_newton-cg", "1e-10", "10000"), ("sk_lbfgs", "1e-12", "100000")], False),
    ("multinomial_l2", "datasets/multiclass/dna.scale", "1/n", [], [("sk_newton-cg", "1e-10", "10000"), ("sk_lbfgs", "1e-12", "100000")], False),
    # Dual coordinate ascent (LIBLINEAR -s 1, 3, 4, 7) cases: a9a, w8a, a binary split of news20 (unit-norm rows); C = 1.
    ("logreg_l2", "shared:binary/w8a.xz", "1/n", [], [("ll_fit:s0", "1e-12", None), ("ll_fit:s7", "1e-12", None)], False),
    ("logreg_l2", "shared:derived/news20_binary_l2.svm.xz", "1/n", [], [("ll_fit:s0", "1e-12", None), ("ll_fit:s7", "1e-12", None)], False),
] + [("svm_hinge_l2", d, "1/n", [], [("ll_fit:s3", "1e-12", None), ("sk_linearsvc", "1e-6", "1000000")], False) for d in BINARY_DUAL] \
  + [("svm_sqhinge_l2", d, "1/n", [], [("ll_fit:s2", "1e-12", None), ("ll_fit:s1", "1e-12", None)], False) for d in BINARY_DUAL] \
  + [("cs_svm", "datasets/multiclass/dna.scale", "1/n", [], [("ll_fit:s4", "1e-12", None), ("sk_linearsvc", "1e-9", "20000")], False)] \
  + [("cs_svm", d, "1/n", [], [("ll_fit:s4", "1e-6", None), ("sk_linearsvc", "1e-6", "20000")], False) for d in MULTICLASS_DUAL[1:]]
# Coordinate-descent paths (a few λ along each path; the tests solve them as one warm-started path, largest λ first).
# (output file, problem, data, lam spec, extra args, peers, fit_intercept)
LEU, RIBO, NEWS = "shared:binary/leukemia_train.svm.xz", "shared:regression/riboflavin.svm.xz", "shared:derived/news20_binary_l2.svm.xz"
PATH_CASES = (
    # news20 stops at λ_max/20: scikit-learn at tol 1e-14 needs many minutes further down that path.
    [("lasso_path", "lasso", d, f"lammax/{k}", [], [CD, GLMNET], False) for d in (LEU, RIBO, NEWS) for k in ((5, 20) if d == NEWS else (5, 20, 100))]
    + [("enet_path", "enet", d, f"lammax/{k}", ["--l1-ratio", "0.5"], [CD, GLMNET], False) for d in (LEU, RIBO, NEWS)
       for k in ((5, 20) if d == NEWS else (5, 20, 100))]
    # LIBLINEAR (via sklearn) at tol 1e-12 ran for over an hour on dorothea without finishing; 1e-8 agrees with glmnet to ~1e-15.
    + [("logreg_l1_path", "logreg_l1", "shared:binary/dorothea_train.svm.xz", f"lammax/{k}", [], [("sk_liblinear", "1e-8", "1000"), GLMNET], False)
       for k in (5, 20, 100)]
)
HUBER = [("datasets/regression/prostate_train.svm", 1.0, "1/n"), ("datasets/regression/abalone_scale", 1.0, "1/n")]


def data_path(spec):
    return os.path.join(SHARED, spec[len("shared:"):]) if spec.startswith("shared:") else os.path.join(REPO, spec)


def run_peer(problem, data, lam, extra, solver, tol, max_iter, intercept):
    cmd = ["/usr/bin/python3", LL_PEER if solver.startswith("ll_fit:") else "run_peer.py", "--problem", problem, "--data", data_path(data), "--lam", lam, "--solver", solver]
    cmd += extra
    if tol: cmd += ["--tol", tol]
    if max_iter: cmd += ["--max-iter", max_iter]
    if intercept: cmd += ["--fit-intercept"]
    out = subprocess.run(cmd, cwd=PEERS, capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
    rec = json.loads(out)
    shown = " ".join(c if not c.startswith(REPO) and not c.startswith(SHARED) else
                     c.replace(REPO, "<repo>").replace(SHARED, "<shared>/datasets") for c in cmd)
    shown = shown.replace(LL_PEER, "<repo>/benchmarks/dual-coordinate/liblinear_peer.py")
    rec["command"] = f"cd ../shared/peers && {shown}"
    return rec


def versions(rec):
    return {k: v for k, v in rec.items() if k.endswith("version") or k.endswith("versions")}


def peer_versions(peer):
    """LIBLINEAR runs report no version: take it from the Debian package the ll_fit wrapper links against."""
    if not peer.startswith(("ll_fit:", "liblinear-train:")):
        return {}
    try:
        v = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "liblinear4"], capture_output=True, text=True).stdout.strip()
        return {"liblinear_version": v or "unknown"}
    except OSError:
        return {}


def load_svmlight(path):
    import numpy as np
    opener = lzma.open if path.endswith(".xz") else open
    rows, y = [], []
    p = 0
    with opener(path, "rt") as f:
        for line in f:
            parts = line.split()
            if not parts: continue
            y.append(float(parts[0]))
            r = {}
            for t in parts[1:]:
                j, v = t.split(":"); r[int(j) - 1] = float(v); p = max(p, int(j))
            rows.append(r)
    X = np.zeros((len(rows), p))
    for i, r in enumerate(rows):
        for j, v in r.items(): X[i, j] = v
    return X, np.array(y)


# Penalised GLMs, re-scored by one formula (make_gamma_references.py, make_offset_references.py,
# make_tweedie_references.py): F(w, b) = (1/n) sum l(y_i, x_i.w + b + o_i) + lam (a ||w||_1 + (1 - a)/2 ||w||^2), with
# l the loss of OptSuite's estimator (its terms in y alone dropped), o the offsets (0 when none).
def glm_loss(family, y, z):
    """l'(z), l''(z) and l(z) per sample. family: 'poisson', 'logistic' (y = +-1), 'gamma' or ('tweedie', p)."""
    import numpy as np
    if family == "poisson":
        e = np.exp(z)
        return e - y, e, e - y * z
    if family == "logistic":
        m = y * z
        sig = 1.0 / (1.0 + np.exp(m))          # sigma(-m)
        return -y * sig, sig * (1 - sig), np.logaddexp(0.0, -m)
    if family == "gamma":
        e = y * np.exp(-z)
        return 1 - e, e, e + z
    _, p = family
    return (np.exp((2 - p) * z) - y * np.exp((1 - p) * z), (2 - p) * np.exp((2 - p) * z) + (p - 1) * y * np.exp((1 - p) * z),
            np.exp((2 - p) * z) / (2 - p) - y * np.exp((1 - p) * z) / (1 - p))


def glm_objective(family, X, y, w, b, lam, a, o=0.0):
    import numpy as np
    return float(np.mean(glm_loss(family, y, X @ w + b + o)[2]) + lam * (a * np.abs(w).sum() + 0.5 * (1 - a) * w @ w))


def glm_smooth_gradient(family, X, y, w, b, lam, a, o=0.0):
    """Gradient of the smooth part (data term + ridge share) in w, and in b."""
    r = glm_loss(family, y, X @ w + b + o)[0] / len(y)
    return X.T @ r + lam * (1 - a) * w, r.sum()


def glm_polish(family, X, y, w, b, lam, a, o=0.0):
    """Newton on the support of w with its signs fixed (the L1 term is linear there); the intercept is free."""
    import numpy as np
    n = len(y)
    S = np.flatnonzero(w)
    s = np.sign(w[S])
    v = np.append(w[S], b)
    XS = np.hstack([X[:, S], np.ones((n, 1))])
    for _ in range(100):
        d1, d2, _ = glm_loss(family, y, XS @ v + o)
        g = XS.T @ d1 / n
        g[:-1] += lam * (a * s + (1 - a) * v[:-1])
        H = (XS * d2[:, None]).T @ XS / n
        H[np.arange(len(S)), np.arange(len(S))] += lam * (1 - a)
        step = np.linalg.solve(H, g)
        v -= step
        if np.abs(step).max() <= 1e-16 * max(1.0, np.abs(v).max()):
            break
    wp = np.zeros_like(w)
    wp[S] = v[:-1]
    assert np.all(np.sign(wp[S]) == s), "a polished coefficient changed sign"
    return wp, float(v[-1])


def glm_kkt(family, X, y, w, b, lam, a, o=0.0):
    """The largest KKT violation (free intercept) and the smallest margin lam a - |g_j| over the zero coefficients."""
    import numpy as np
    gw, gb = glm_smooth_gradient(family, X, y, w, b, lam, a, o)
    nz = w != 0
    kkt = float(max(np.abs(gw[nz] + lam * a * np.sign(w[nz])).max(initial=0.0), np.maximum(np.abs(gw[~nz]) - lam * a, 0).max(initial=0.0), abs(gb)))
    return kkt, float((lam * a - np.abs(gw[~nz])).min(initial=np.inf))


def max_relative_difference(peer, reference):
    """max |peer - reference| / max |reference| over two coefficient vectors (intercept appended by the caller)."""
    import numpy as np
    return float(np.abs(peer - reference).max() / np.abs(reference).max())


def glm_sklearn_case(family, estimator, call, X, y, alpha, fit_intercept, head, formula, tool, command, gradient_limit):
    """An L2-penalised GLM by scikit-learn, re-scored by glm_objective (make_gamma_references.py, make_tweedie_references.py).

    estimator(solver) is the unfitted scikit-learn model, call the text of its call with %s for the solver. The reference is
    solver='newton-cholesky' (tol 1e-12), checked three ways: scikit-learn's own LinearModelLoss.loss at the solution equals
    F (sample weights 1/n, as fit normalises them), the gradient of F vanishes there (below gradient_limit), and
    solver='lbfgs' is recorded as the second peer (sklearn 1.2 passes ftol = 64 eps to L-BFGS-B: it stops on a stalled F).
    head: the record's leading fields (problem, data, ...), before lam.
    """
    import datetime, warnings
    import numpy as np, scipy, sklearn
    from sklearn.linear_model._linear_loss import LinearModelLoss
    n, d = X.shape
    fits = {}
    for solver in ("newton-cholesky", "lbfgs"):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            m = estimator(solver).fit(X, y)
        fits[solver] = (m, [str(c.message) for c in caught])
    m, caught = fits["newton-cholesky"]
    w, b = m.coef_.copy(), float(m.intercept_)
    F = glm_objective(family, X, y, w, b, alpha, 0.0)
    gw, gb = glm_smooth_gradient(family, X, y, w, b, alpha, 0.0)
    grad = float(max(np.abs(gw).max(), abs(gb) if fit_intercept else 0.0))
    lml = LinearModelLoss(base_loss=m._get_loss(), fit_intercept=fit_intercept)
    coef = np.concatenate([w, [b]]) if fit_intercept else w
    sk_obj = float(lml.loss(coef, X, y.astype(float), np.full(n, 1.0 / n), l2_reg_strength=alpha))
    ml, caught_l = fits["lbfgs"]
    wl, bl = ml.coef_, float(ml.intercept_)
    Fl = glm_objective(family, X, y, wl, bl, alpha, 0.0)
    assert grad < gradient_limit, grad
    assert abs(sk_obj - F) <= 1e-14 * abs(F), (sk_obj, F)
    return {
        **head, "lam": alpha, "lam_spec": repr(alpha), "l1_ratio": None, "fit_intercept": fit_intercept, "formula": formula,
        "n": n, "p": d, "objective": F, "coef": [float(v) for v in w], "intercept": b,
        "tool": tool, "sklearn_call": call % "newton-cholesky",
        "version": {"scikit-learn": sklearn.__version__, "scipy": scipy.__version__, "numpy": np.__version__},
        "command": command, "tolerance": "tol 1e-12", "n_iter": int(m.n_iter_), "warnings": caught,
        "checks": {
            "sklearn_objective": sk_obj, "sklearn_objective_minus_F": sk_obj - F, "gradient_max_abs": grad,
        },
        "agreement": {
            "peer": call % "lbfgs", "peer_objective": Fl, "objective_relative_difference": (Fl - F) / abs(F),
            "coef_max_relative_difference": max_relative_difference(np.append(wl, bl), np.append(w, b)),
            "peer_n_iter": int(ml.n_iter_), "peer_warnings": caught_l,
            "note": "sklearn 1.2 lbfgs uses ftol = 64 eps: it stops on a stalled F, not on tol",
        },
        "date": datetime.date.today().isoformat(),
    }


def huber_case(data, delta, lam_spec):
    import numpy as np, scipy, scipy.optimize as so
    X, y = load_svmlight(data_path(data))
    n, p = X.shape
    lam = 1.0 / n if lam_spec == "1/n" else float(lam_spec)

    def f(w):
        r = X @ w - y
        a = np.abs(r)
        loss = np.where(a <= delta, 0.5 * r * r, delta * (a - 0.5 * delta))
        d = np.clip(r, -delta, delta)
        return loss.mean() + 0.5 * lam * w @ w, X.T @ d / n + lam * w

    best = None
    for start in (np.zeros(p), np.full(p, 0.1)):
        res = so.minimize(f, start, jac=True, method="L-BFGS-B", options={"gtol": 1e-13, "ftol": 0, "maxiter": 100000, "maxcor": 30})
        if best is None or res.fun < best[0]: second = best; best = (res.fun, res)
        else: second = (res.fun, res)
    agreement = abs(best[0] - second[0]) / abs(best[0])
    return {
        "problem": "huber_l2", "data": data, "lam": lam, "lam_spec": lam_spec, "delta": delta, "fit_intercept": False,
        "formula": "(1/n) sum H_delta(x_i.w - y_i) + lam/2 ||w||^2, H_delta(r) = r^2/2 if |r| <= delta else delta(|r| - delta/2)",
        "objective": float(best[0]), "n": n, "p": p,
        "tool": "scipy.optimize.minimize(method='L-BFGS-B') on the NumPy objective", "version": {"scipy": scipy.__version__, "numpy": np.__version__},
        "command": "/usr/bin/python3 datasets/reference/make_references.py (function huber_case)",
        "tolerance": "gtol 1e-13, ftol 0", "agreement": {"second_start_objective": float(second[0]), "relative_difference": agreement},
        "date": datetime.date.today().isoformat(),
    }


def write(out, only):
    """Writes every file in `out` (keyed by file name); with --only, cases in it that were not recomputed are kept."""
    here = os.path.dirname(os.path.abspath(__file__))
    for problem, entries in out.items():
        if only is not None and os.path.exists(os.path.join(here, f"{problem}.json")):
            fresh = {(e["data"], e["lam_spec"], e["fit_intercept"]) for e in entries}
            kept = [e for e in json.load(open(os.path.join(here, f"{problem}.json")))
                    if (e["data"], e["lam_spec"], e["fit_intercept"]) not in fresh]
            entries = kept + entries
        with open(os.path.join(here, f"{problem}.json"), "w") as f:
            json.dump(entries, f, indent=1)
            f.write("\n")


def main():
    """No argument: every file. `name ...`: only those output files (e.g. lasso_path enet_path logreg_l1_path).
    `--only problem[@data],...`: only those problems (optionally only cases whose data path contains the text)."""
    only = None
    files = set()
    args = sys.argv[1:]
    if "--only" in args:
        only = set(args[args.index("--only") + 1].split(","))
        args = args[:args.index("--only")] + args[args.index("--only") + 2:]
    files = set(args)
    out = {}
    cases = [(FILES.get((c[0], c[1]), c[0]),) + c for c in CASES] + PATH_CASES
    for file, problem, data, lam, extra, peers, intercept in cases:
        if files and file not in files:
            continue
        if only is not None and not any(o == problem or (o.startswith(problem + "@") and o.split("@", 1)[1] in data) for o in only):
            continue
        recs = []
        for solver, tol, max_iter in peers:
            try:
                recs.append(run_peer(problem, data, lam, extra, solver, tol, max_iter, intercept))
            except subprocess.CalledProcessError as e:
                print(f"{problem} {data} {solver}: failed: {e.stderr[-400:]}", file=sys.stderr)
        ok = [r for r in recs if r.get("status") == "ok" or str(r.get("status", "")).startswith("ok")]
        if problem in UPPER_BOUND:
            ok = list(recs)
        if not ok:
            print(f"{problem} {data}: no peer converged: {[r.get('status') for r in recs]}", file=sys.stderr)
            continue
        ok.sort(key=lambda r: r["objective"])
        best = ok[0]
        others = [r for r in recs if r is not best]
        entry = {
            "problem": problem, "data": data, "lam": best["lam"], "lam_spec": lam, "fit_intercept": intercept,
            "l1_ratio": best.get("l1_ratio"), "n": best["n"], "p": best["p"], "objective": best["objective"],
            "tool": best["peer"], "version": versions(best) or peer_versions(best["peer"]), "command": best["command"],
            "tolerance": best.get("tol"), "status": best["status"], "nnz_coef": best.get("nnz_coef"),
            "agreement": [{"tool": r["peer"], "objective": r["objective"], "status": r["status"],
                           "relative_difference": abs(r["objective"] - best["objective"]) / abs(best["objective"]),
                           "command": r["command"]} for r in others],
            "conventions": "../shared/peers/README.md (mean loss over samples; lasso 1/(2n)||y - Xw||^2; labels y in {-1,+1} with the larger original label +1; multiclass classes = sorted unique labels)",
            "date": datetime.date.today().isoformat(),
        }
        if problem in UPPER_BOUND:
            entry["reference_kind"] = ("upper bound: lowest re-scored objective of all peers, whatever their status (no peer "
                                       "reaches a tight tolerance on the hinge loss); certify with a duality gap")
        out.setdefault(file, []).append(entry)
        if only is not None:
            write({file: [entry]}, only)   # after each case: a long run keeps what it has
        print(f"{file:15s} {data:45s} {best['objective']:.17g} {best['peer']} agree {[round(a['relative_difference'], 16) for a in entry['agreement']]}")
    for data, delta, lam in (HUBER if (only is None and not files) or "huber_l2" in (only or set()) | files else []):
        e = huber_case(data, delta, lam)
        out.setdefault("huber_l2", []).append(e)
        print(f"huber_l2        {data:45s} {e['objective']:.17g} scipy agree {e['agreement']['relative_difference']:.1e}")
    if only is None:
        write(out, only)
    elif "huber_l2" in out:
        write({"huber_l2": out["huber_l2"]}, only)


if __name__ == "__main__":
    main()
