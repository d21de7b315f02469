#!/usr/bin/python3
"""Class-weighted optima (issue 19, class weights): class_weight.json.

Three peers, three conventions, one objective. Class weights multiply each sample's loss by its class's weight, as
LIBLINEAR's -wi (C_i = w_i * C) and scikit-learn's class_weight do:

    LIBLINEAR, scikit-learn:  min (1/2)||w||^2 + C * sum_i cw(y_i) * loss_i
    OptSuite:                 min (1/S) sum_i cw(y_i) * loss_i + (lam/2)||w||^2,  S = sum_i cw(y_i),  lam = 1/(C * S)

The two have the same minimiser (OptSuite's F is the peers' divided by C*S); with C given, OptSuite maps C to
lam = 1/(C * S), so the class weights act as LIBLINEAR's per-class C. Cases:

  * liblinear-train -s 0 -c 1 -w1 3 -e 1e-10 heart_scale           L2 logistic (TRON), no intercept, +1 weighted 3
  * liblinear-train -s 2 -c 0.5 -w-1 0.5 -w1 2 -e 1e-10 heart_scale  L2 squared hinge (TRON), no intercept
  * scikit-learn 1.2.1 LogisticRegression(C=1, class_weight="balanced", fit_intercept=True, solver="newton-cg", tol=1e-12)
    on ionosphere (126 / 225): balanced weights n / (k * n_c), S = n, the intercept unpenalised
  * liblinear-train -s 3 -c 0.05 -w1 2 heart_scale                    L2 hinge (dual CD; converged in 284 of its 1000 iterations)
  * liblinear-train -s 4 -c 1 -w0 2 -w2 0.5 iris                      Crammer-Singer (dual), no intercept: C_i = w_{y_i} C
  * liblinear-train -s 2 -c 1 -w0 2 -w2 0.5 iris                      one-vs-rest squared hinge (TRON), no intercept
  * scikit-learn LogisticRegression(multi_class="multinomial", class_weight="balanced") on glass (6 classes, 9 to 76 rows
    each), and with a dict of weights on iris; intercepts unpenalised

One-vs-rest, as LIBLINEAR (and scikit-learn's LinearSVC, which runs it) weighs it: in the problem of class c only class
c's rows take w_c (C_c = w_c * C); the rest keep weight 1 (plain C). Problem c is then
    (1/S_c) sum_i v_i loss(s_i z_i) + (lam_c/2)||w_c||^2,  v_i = w_c if y_i = c else 1,  S_c = sum_i v_i,  lam_c = 1/(C * S_c),
and the record's objective is the sum over c (OptSuite's FitReport.Objective of a one-vs-rest fit); "objectives" has
each problem's.

Each record: the objective F in OptSuite's convention at the peer's (w, b), re-scored with NumPy; w, b; the class
weights by label; lam; the command and versions.

Run (needs ../shared/peers/setup.sh): /usr/bin/python3 datasets/reference/make_class_weight_references.py
"""
import datetime, json, os, re, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from make_references import load_svmlight  # noqa: E402


def binary_losses(m, loss):
    import numpy as np
    if loss == "logistic": return np.logaddexp(0.0, -m)
    if loss == "hinge": return np.maximum(0.0, 1.0 - m)
    return np.maximum(0.0, 1.0 - m) ** 2


def objective(X, y, w, b, weights, lam, loss):
    import numpy as np
    s = np.where(y > 0, 1.0, -1.0)
    m = s * (X @ w + b)
    cw = np.array([weights[v] for v in y])
    return float((cw * binary_losses(m, loss)).sum() / cw.sum() + 0.5 * lam * (w @ w))


def train(data, solver, c, weights):
    """liblinear-train -s solver -c c -wi ... -e 1e-10 on data (no bias): the command, its output and the model's lines."""
    with tempfile.TemporaryDirectory() as tmp:
        model = os.path.join(tmp, "model")
        flags = []
        for label, wt in sorted(weights.items()):
            flags += [f"-w{int(label)}", repr(wt)]
        cmd = ["liblinear-train", "-s", str(solver), "-c", repr(c), *flags, "-e", "1e-10", os.path.join(REPO, data), model]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        return cmd, out, open(model).read().splitlines()


def read_liblinear_model(lines, classes):
    """W as p x k in the order of `classes` (sorted labels, OptSuite's order), from a LIBLINEAR model's lines (k > 2)."""
    import numpy as np
    labels = [float(v) for v in next(l for l in lines if l.startswith("label ")).split()[1:]]
    rows = [[float(v) for v in l.split()] for l in lines[lines.index("w") + 1:] if l.strip()]
    W = np.array(rows)
    return W[:, [labels.index(c) for c in classes]]


def liblinear(problem, data, solver, c, weights, loss):
    import numpy as np
    X, y = load_svmlight(os.path.join(REPO, data))
    n, p = X.shape
    cmd, out, lines = train(data, solver, c, weights)
    labels = [float(v) for v in next(l for l in lines if l.startswith("label ")).split()[1:]]
    w = np.array([float(l.split()[0]) for l in lines[lines.index("w") + 1:] if l.strip()])
    if labels[0] != max(labels):      # LIBLINEAR: the first label seen is +1; OptSuite: the larger one
        w = -w
    S = sum(weights[v] for v in y)
    lam = 1.0 / (c * S)
    version = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "liblinear-tools"], capture_output=True, text=True).stdout
    return {
        "problem": problem, "data": data, "n": n, "p": p, "C": c, "class_weight": {str(int(k)): v for k, v in weights.items()},
        "lam": lam, "fit_intercept": False, "loss": loss,
        "objective": objective(X, y, w, 0.0, weights, lam, loss), "w": w.tolist(), "b": 0.0,
        "objective_definition": "(1/S) sum cw(y_i) loss_i + (lam/2)||w||^2, S = sum cw(y_i), lam = 1/(C*S)",
        "tool": "liblinear-train (LIBLINEAR)", "version": {"liblinear-tools": version},
        "command": " ".join(cmd[:-2] + [data, "MODEL"]) + "; objective re-scored from MODEL with NumPy",
        "iterations_output": re.findall(r"iter\s+(\d+)", out)[-1:] or None,
    }


def sklearn_balanced(data):
    import numpy as np, sklearn
    from sklearn.linear_model import LogisticRegression
    X, y = load_svmlight(os.path.join(REPO, data))
    n, p = X.shape
    classes, counts = np.unique(y, return_counts=True)
    weights = {float(k): n / (len(classes) * c) for k, c in zip(classes, counts)}
    C = 1.0
    m = LogisticRegression(C=C, class_weight="balanced", fit_intercept=True, solver="newton-cg", tol=1e-12, max_iter=100000).fit(X, y)
    w, b = m.coef_[0], float(m.intercept_[0])     # sklearn: classes_[1] (the larger label) is the positive class
    S = sum(weights[v] for v in y)
    lam = 1.0 / (C * S)
    return {
        "problem": "logreg_l2_balanced", "data": data, "n": n, "p": p, "C": C,
        "class_weight": {str(int(k)): v for k, v in weights.items()}, "class_weight_spec": "balanced: n / (k * n_c)",
        "lam": lam, "fit_intercept": True, "loss": "logistic",
        "objective": objective(X, y, w, b, weights, lam, "logistic"), "w": w.tolist(), "b": b,
        "objective_definition": "(1/S) sum cw(y_i) loss_i + (lam/2)||w||^2, S = sum cw(y_i) (= n when balanced), lam = 1/(C*S), intercept unpenalised",
        "tool": "scikit-learn", "version": {"scikit-learn": sklearn.__version__, "numpy": np.__version__},
        "command": f"LogisticRegression(C={C}, class_weight='balanced', fit_intercept=True, solver='newton-cg', tol=1e-12, max_iter=100000).fit(X, y) on {data}",
        "iterations_output": [int(m.n_iter_[0])],
    }


def liblinear_multiclass(problem, data, solver, c, weights, kind):
    """-s 4 (Crammer-Singer) or one-vs-rest (-s 2 squared hinge) with -wi on a k > 2 class set, no bias."""
    import numpy as np
    X, y = load_svmlight(os.path.join(REPO, data))
    n, p = X.shape
    classes = sorted(set(y.tolist()))
    cmd, out, lines = train(data, solver, c, weights)
    W = read_liblinear_model(lines, classes)
    cls = np.array([classes.index(v) for v in y])
    rec = {"problem": problem, "data": data, "n": n, "p": p, "C": c, "class_weight": {str(int(k)): v for k, v in weights.items()},
           "fit_intercept": False, "classes": classes, "W": W.tolist()}
    cw = lambda v: weights.get(v, 1.0)
    if kind == "crammer_singer":
        Z = X @ W
        margins = Z + 1.0 - np.eye(len(classes))[cls]
        per = margins.max(axis=1) - Z[np.arange(n), cls]
        v = np.array([cw(t) for t in y])
        S = v.sum()
        lam = 1.0 / (c * S)
        rec.update(loss="crammer_singer", lam=lam, objective=float((v * per).sum() / S + 0.5 * lam * (W * W).sum()),
                   objective_definition="(1/S) sum cw(y_i) max_m(w_m.x_i + 1 - [m = y_i]) - w_{y_i}.x_i + (lam/2)||W||_F^2, "
                                        "S = sum cw(y_i), lam = 1/(C*S)")
    else:
        objectives, lams = [], []
        for k, label in enumerate(classes):
            v = np.where(cls == k, cw(label), 1.0)
            S = v.sum()
            lam = 1.0 / (c * S)
            m = np.where(cls == k, 1.0, -1.0) * (X @ W[:, k])
            objectives.append(float((v * binary_losses(m, "squared_hinge")).sum() / S + 0.5 * lam * (W[:, k] @ W[:, k])))
            lams.append(lam)
        rec.update(loss="squared_hinge", strategy="one-vs-rest", lams=lams, objectives=objectives, objective=float(sum(objectives)),
                   objective_definition="sum over classes c of (1/S_c) sum_i v_i loss(s_i z_i) + (lam_c/2)||w_c||^2, "
                                        "v_i = w_c if y_i = c else 1 (LIBLINEAR: C_c for the positive class, C for the rest), "
                                        "S_c = sum v_i, lam_c = 1/(C*S_c)")
    version = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "liblinear-tools"], capture_output=True, text=True).stdout
    rec.update(tool="liblinear-train (LIBLINEAR)", version={"liblinear-tools": version},
               command=" ".join(cmd[:-2] + [data, "MODEL"]) + "; objective re-scored from MODEL with NumPy",
               iterations_output=re.findall(r"iter\s+(\d+)", out)[-1:] or None)
    return rec


def sklearn_multinomial(problem, data, class_weight):
    import numpy as np, sklearn
    from sklearn.linear_model import LogisticRegression
    X, y = load_svmlight(os.path.join(REPO, data))
    n, p = X.shape
    classes, counts = np.unique(y, return_counts=True)
    if class_weight == "balanced":
        weights = {float(k): n / (len(classes) * c) for k, c in zip(classes, counts)}
    else:
        weights = {float(k): class_weight.get(float(k), 1.0) for k in classes}
    C = 1.0
    m = LogisticRegression(C=C, multi_class="multinomial", class_weight=class_weight, fit_intercept=True, solver="newton-cg",
                           tol=1e-12, max_iter=100000).fit(X, y)
    W, b = m.coef_.T, m.intercept_               # p x k and k, classes sorted as OptSuite's
    v = np.array([weights[t] for t in y])
    S = v.sum()
    lam = 1.0 / (C * S)
    Z = X @ W + b
    cls = np.searchsorted(classes, y)
    nll = np.logaddexp.reduce(Z, axis=1) - Z[np.arange(n), cls]
    spec = "balanced: n / (k * n_c)" if class_weight == "balanced" else {str(int(k)): w for k, w in class_weight.items()}
    return {
        "problem": problem, "data": data, "n": n, "p": p, "C": C, "classes": classes.tolist(),
        "class_weight": {str(int(k)): w for k, w in weights.items()}, "class_weight_spec": spec,
        "lam": lam, "fit_intercept": True, "loss": "multinomial",
        "objective": float((v * nll).sum() / S + 0.5 * lam * (W * W).sum()), "W": W.tolist(), "intercepts": b.tolist(),
        "objective_definition": "(1/S) sum cw(y_i) (-log softmax(W'x_i + b)_{y_i}) + (lam/2)||W||_F^2, S = sum cw(y_i), "
                                "lam = 1/(C*S), intercepts unpenalised (scikit-learn's symmetric k-column W)",
        "tool": "scikit-learn", "version": {"scikit-learn": sklearn.__version__, "numpy": np.__version__},
        "command": f"LogisticRegression(C={C}, multi_class='multinomial', class_weight={class_weight!r}, fit_intercept=True, "
                   f"solver='newton-cg', tol=1e-12, max_iter=100000).fit(X, y) on {data}",
        "iterations_output": [int(np.max(m.n_iter_))],
    }


def main():
    out = [
        liblinear("logreg_l2_w", "datasets/binary/heart_scale", 0, 1.0, {-1.0: 1.0, 1.0: 3.0}, "logistic"),
        liblinear("svm_sqhinge_l2_w", "datasets/binary/heart_scale", 2, 0.5, {-1.0: 0.5, 1.0: 2.0}, "squared_hinge"),
        sklearn_balanced("datasets/binary/ionosphere.svm"),
        liblinear("svm_hinge_l2_w", "datasets/binary/heart_scale", 3, 0.05, {-1.0: 1.0, 1.0: 2.0}, "hinge"),
        liblinear_multiclass("cs_svm_w", "datasets/multiclass/iris.svm", 4, 1.0, {0.0: 2.0, 2.0: 0.5}, "crammer_singer"),
        liblinear_multiclass("ovr_sqhinge_w", "datasets/multiclass/iris.svm", 2, 1.0, {0.0: 2.0, 2.0: 0.5}, "ovr"),
        sklearn_multinomial("multinomial_balanced", "datasets/multiclass/glass.svm", "balanced"),
        sklearn_multinomial("multinomial_w", "datasets/multiclass/iris.svm", {0.0: 2.0, 2.0: 0.5}),
    ]
    for e in out:
        e["generator"] = "/usr/bin/python3 datasets/reference/make_class_weight_references.py"
        e["date"] = datetime.date.today().isoformat()
        print(f"{e['problem']:20s} {e['data']:36s} F {e['objective']:.15g} lam {e.get('lam', e.get('lams'))}")
    json.dump(out, open(os.path.join(HERE, "class_weight.json"), "w"), indent=1)


if __name__ == "__main__":
    main()
