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

Each record: the objective F in OptSuite's convention at the peer's (w, b), re-scored with NumPy; w, b; the class
weights by label; lam; the command and versions.

Run (needs ../shared/peers/setup.sh): /usr/bin/python3 datasets/reference/make_class_weight_references.py
"""
import datetime, json, os, re, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from make_references import load_svmlight  # noqa: E402


def objective(X, y, w, b, weights, lam, loss):
    import numpy as np
    s = np.where(y > 0, 1.0, -1.0)
    m = s * (X @ w + b)
    cw = np.array([weights[v] for v in y])
    per = np.logaddexp(0.0, -m) if loss == "logistic" else np.maximum(0.0, 1.0 - m) ** 2
    return float((cw * per).sum() / cw.sum() + 0.5 * lam * (w @ w))


def liblinear(problem, data, solver, c, weights, loss):
    import numpy as np
    X, y = load_svmlight(os.path.join(REPO, data))
    n, p = X.shape
    with tempfile.TemporaryDirectory() as tmp:
        model = os.path.join(tmp, "model")
        flags = []
        for label, wt in sorted(weights.items()):
            flags += [f"-w{int(label)}", repr(wt)]
        cmd = ["liblinear-train", "-s", str(solver), "-c", repr(c), *flags, "-e", "1e-10", os.path.join(REPO, data), model]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        lines = open(model).read().splitlines()
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


def main():
    out = [
        liblinear("logreg_l2_w", "datasets/binary/heart_scale", 0, 1.0, {-1.0: 1.0, 1.0: 3.0}, "logistic"),
        liblinear("svm_sqhinge_l2_w", "datasets/binary/heart_scale", 2, 0.5, {-1.0: 0.5, 1.0: 2.0}, "squared_hinge"),
        sklearn_balanced("datasets/binary/ionosphere.svm"),
    ]
    for e in out:
        e["generator"] = "/usr/bin/python3 datasets/reference/make_class_weight_references.py"
        e["date"] = datetime.date.today().isoformat()
        print(f"{e['problem']:20s} {e['data']:36s} F {e['objective']:.15g} lam {e['lam']:.6g}")
    json.dump(out, open(os.path.join(HERE, "class_weight.json"), "w"), indent=1)


if __name__ == "__main__":
    main()
