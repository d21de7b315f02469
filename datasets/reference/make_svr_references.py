#!/usr/bin/python3
"""Linear support vector regression optima from LIBLINEAR 2.3.0: svr.json.

    LIBLINEAR (-s 11, 12, 13):  min (1/2)||w||^2 + C * sum_i loss_i
    OptSuite (LinearSvr):       min (1/n) sum_i loss_i + (lam/2)||w||^2,   lam = 1/(n*C)

with loss_i = max(0, |r_i| - eps) (-s 13, "epsilon-insensitive") or max(0, |r_i| - eps)^2 (-s 11 primal TRON and
-s 12 dual CD, "squared-epsilon-insensitive"), r_i = x_i.w - y_i, eps = -p. With -B 1 LIBLINEAR appends a constant
feature 1 whose weight w_B is penalised like the others: w below then holds the p feature weights, b = w_B, and
||w||^2 in both formulas includes w_B^2 (OptSuite: LinearSvr { InterceptScaling = 1 }).

The data are the scaled copies datasets/regression/{cpusmall,cal_housing}_scale.svm.xz (make_svr_scaled.py); each is
decompressed to a temporary file for liblinear-train. Every record re-scores LIBLINEAR's model (w read from the model
file) with NumPy by the one formula above: "objective" in OptSuite's units, "objective_liblinear" = C*n times it. For the
dual solvers (-s 12, -s 13) LIBLINEAR also prints its dual objective f(beta); -f is a lower bound on the optimum, so
"peer_gap" = objective_liblinear + f bounds how far LIBLINEAR's w is from the optimum (in LIBLINEAR's units). LIBLINEAR
2.3.0's dual SVR solvers stop after 1000 outer iterations (a hard-coded cap; it prints "reaching max number of
iterations"): such records say "capped": true, and their objective is an upper bound, not an optimum.

Run (needs ../shared/peers/setup.sh): /usr/bin/python3 datasets/reference/make_svr_references.py
"""
import datetime, json, os, re, subprocess, sys, tempfile, lzma

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from make_references import load_svmlight  # noqa: E402

LOSS = {11: "squared-epsilon-insensitive", 12: "squared-epsilon-insensitive", 13: "epsilon-insensitive"}


def per_sample(r, eps, loss):
    import numpy as np
    t = np.maximum(0.0, np.abs(r) - eps)
    return t if loss == "epsilon-insensitive" else t * t


def case(data, solver, c, eps, bias, tol):
    import numpy as np
    X, y = load_svmlight(os.path.join(REPO, data))
    n, p = X.shape
    loss = LOSS[solver]
    with tempfile.TemporaryDirectory() as tmp:
        plain = os.path.join(tmp, "data.svm")
        with lzma.open(os.path.join(REPO, data), "rb") as f, open(plain, "wb") as g:
            g.write(f.read())
        model = os.path.join(tmp, "model")
        flags = ["-B", "1"] if bias else []
        cmd = ["liblinear-train", "-s", str(solver), "-c", repr(c), "-p", repr(eps), "-e", repr(tol), *flags, plain, model]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        lines = open(model).read().splitlines()
    coef = np.array([float(l.split()[0]) for l in lines[lines.index("w") + 1:] if l.strip()])
    w, b = (coef[:p], float(coef[p])) if bias else (coef, 0.0)
    assert len(w) == p, (len(w), p)
    r = X @ w + b - y
    primal = 0.5 * float(coef @ coef) + c * float(per_sample(r, eps, loss).sum())
    lam = 1.0 / (n * c)
    dual = re.findall(r"Objective value = (\S+)", out)
    version = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "liblinear-tools"], capture_output=True, text=True).stdout
    rec = {
        "problem": f"svr_s{solver}{'_bias' if bias else ''}_{os.path.basename(data).split('_scale')[0]}",
        "data": data, "n": n, "p": p, "C": c, "epsilon": eps, "loss": loss, "lam": lam,
        "intercept_scaling": 1.0 if bias else None, "fit_intercept": bool(bias),
        "objective": primal / (c * n), "objective_liblinear": primal,
        "w": w.tolist(), "b": b,
        "objective_definition": "(1/n) sum loss(x_i.w + b - y_i) + (lam/2)(||w||^2 + b^2 if -B 1), lam = 1/(n*C); "
                                "loss = max(0,|r|-eps) or max(0,|r|-eps)^2",
        "tool": "liblinear-train (LIBLINEAR)", "version": {"liblinear-tools": version, "numpy": np.__version__},
        "command": " ".join(cmd[:-2] + [data + " (decompressed)", "MODEL"]) + "; objective re-scored from MODEL with NumPy",
        "capped": "reaching max number of iterations" in out,
        "tolerance": "LIBLINEAR -e " + repr(tol) + ("" if solver == 11 else "; dual stopping rule, see peer_gap"),
    }
    if dual:
        rec["dual_liblinear"] = -float(dual[-1])
        rec["peer_gap"] = primal + float(dual[-1])
    it = re.findall(r"#iter = (\d+)", out) or re.findall(r"iter\s+(\d+)", out)
    rec["iterations_output"] = [int(it[-1])] if it else None
    return rec


def main():
    out = []
    for data, c, eps in [("datasets/regression/cpusmall_scale.svm.xz", 1.0, 0.1), ("datasets/regression/cal_housing_scale.svm.xz", 1.0, 0.1)]:
        for solver in (11, 12, 13):
            for bias in (False, True):
                out.append(case(data, solver, c, eps, bias, 1e-10))
    for e in out:
        e["generator"] = "/usr/bin/python3 datasets/reference/make_svr_references.py"
        e["date"] = datetime.date.today().isoformat()
        print(f"{e['problem']:34s} F {e['objective']:.15g} peer_gap {e.get('peer_gap', float('nan')):.3g} capped {e['capped']}")
    json.dump(out, open(os.path.join(HERE, "svr.json"), "w"), indent=1)


if __name__ == "__main__":
    main()
