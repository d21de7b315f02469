#!/usr/bin/python3
"""LIBLINEAR's -B 1 optima for the SVM defaults (issue 14, item 10): liblinear_bias.json.

LinearSvm with the hinge loss and MulticlassSvm (Crammer-Singer) fit their intercept as LIBLINEAR's bias feature B = 1
by default.  This runs the Debian LIBLINEAR command-line tool on shipped data with C = 1 (lam = 1/n):

    liblinear-train -s 3 -B 1 -c 1 -e 1e-8 datasets/binary/heart_scale        (L2-regularised hinge, dual CD)
    liblinear-train -s 4 -B 1 -c 1 -e 1e-8 datasets/peers/wine_scale.svm      (Crammer-Singer, sequential dual)

and records, in OptSuite's mean-loss convention F = (1/n) sum loss + (lam/2)(||W||_F^2 + ||w_B||^2), b = B*w_B:
  * objective: F at LIBLINEAR's (W, b), re-scored with NumPy (an upper bound on the optimum);
  * dual_objective: LIBLINEAR's printed dual value divided by C*n (a lower bound on the optimum: weak duality), printed
    with 6 decimals, so known to dual_objective_rounding;
  * W, b, iterations and whether LIBLINEAR stopped at its hard-coded iteration cap (-s 3: 1000 epochs).
A solver that reaches the optimum has an objective between the two.  LIBLINEAR orders classes as first seen in the
file; the record is converted to OptSuite's order (sorted labels, the larger one +1 for binary problems).

Run (needs ../shared/peers/setup.sh): /usr/bin/python3 datasets/reference/make_liblinear_bias_references.py
"""
import datetime, json, os, re, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from make_references import load_svmlight  # noqa: E402

CASES = [
    ("svm_hinge_l2", "datasets/binary/heart_scale", 3),
    ("cs_svm", "datasets/peers/wine_scale.svm", 4),
]


def read_model(path):
    lines = open(path).read().splitlines()
    labels = [float(v) for v in next(l for l in lines if l.startswith("label ")).split()[1:]]
    start = lines.index("w") + 1
    rows = [[float(v) for v in l.split()] for l in lines[start:] if l.strip()]
    return labels, rows


def case(problem, data, solver):
    import numpy as np
    X, y = load_svmlight(os.path.join(REPO, data))
    n, p = X.shape
    c, eps = 1.0, 1e-8
    lam = 1.0 / (n * c)
    with tempfile.TemporaryDirectory() as tmp:
        model = os.path.join(tmp, "model")
        cmd = ["liblinear-train", "-s", str(solver), "-B", "1", "-c", str(c), "-e", str(eps), os.path.join(REPO, data), model]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        labels, rows = read_model(model)
    dual = -float(re.search(r"Objective value = (\S+)", out).group(1)) / (c * n)
    iterations = int(re.search(r"#iter = (\d+)", out).group(1))
    capped = "reaching max number of iterations" in out
    W = np.array(rows)                      # (p + 1) x m, row p = the bias weights, columns in LIBLINEAR's label order
    classes = sorted(set(y.tolist()))
    if problem == "svm_hinge_l2":
        w = W[:, 0] * (1.0 if labels[0] == max(classes) else -1.0)   # LIBLINEAR: the first label seen is +1
        s = np.where(y == max(classes), 1.0, -1.0)
        z = X @ w[:p] + w[p]
        F = np.maximum(0.0, 1.0 - s * z).mean() + 0.5 * lam * (w @ w)
        Wout, b = w[:p].tolist(), [float(w[p])]
    else:
        order = [labels.index(k) for k in classes]
        W = W[:, order]
        S = X @ W[:p] + W[p]
        yi = np.array([classes.index(v) for v in y])
        margin = S + (np.arange(len(classes))[None, :] != yi[:, None])
        F = (margin.max(axis=1) - S[np.arange(n), yi]).mean() + 0.5 * lam * (W * W).sum()
        Wout, b = W[:p].reshape(-1).tolist(), W[p].tolist()   # row-major p x k, OptSuite's Coefficients order
    version = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "liblinear-tools"], capture_output=True, text=True).stdout
    return {
        "problem": problem, "data": data, "lam": lam, "lam_spec": "1/n (C = 1)", "intercept_scaling": 1.0, "n": n, "p": p,
        "objective": float(F), "dual_objective": dual, "dual_objective_rounding": 0.5e-6 / (c * n),
        "objective_definition": "mean loss + (lam/2)(||W||_F^2 + ||w_B||^2), b = w_B (B = 1): LIBLINEAR -B 1, the bias penalised",
        "tool": "liblinear-train (LIBLINEAR)", "version": {"liblinear-tools": version},
        "command": " ".join(cmd[:-2] + [data, "MODEL"]) + "; objective re-scored from MODEL with NumPy, dual_objective = -(printed Objective value)/(C*n)",
        "tolerance": f"-e {eps}", "iterations": iterations, "hit_iteration_cap": capped,
        "W": Wout, "b": b, "classes": classes,
        "generator": "/usr/bin/python3 datasets/reference/make_liblinear_bias_references.py",
        "date": datetime.date.today().isoformat(),
    }


def main():
    out = [case(*c) for c in CASES]
    json.dump(out, open(os.path.join(HERE, "liblinear_bias.json"), "w"), indent=1)
    for e in out:
        print(f"{e['problem']:13s} {e['data']:38s} primal {e['objective']:.12g} dual {e['dual_objective']:.12g} "
              f"iter {e['iterations']}{' (cap)' if e['hit_iteration_cap'] else ''}")


if __name__ == "__main__":
    main()
