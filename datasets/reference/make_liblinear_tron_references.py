#!/usr/bin/python3
"""LIBLINEAR 2.3.0's primal trust-region Newton (-s 0, -s 2) at its default -e 0.01 (issue 18): liblinear_tron.json.

For every case, C = 1 (lam = 1/n), no bias:

    liblinear_peer.py --problem P --data FILE --lam 1/n --solver ll_fit:sS --tol 0.01   (train() of liblinear 2.3.0)
    liblinear-train -s S -c 1 -e 0.01 -B -1 FILE MODEL                                (the same fit: its log)

objective: the re-scored primal objective in OptSuite's mean-loss convention (../shared/peers/README.md: the larger label
+1); newton_steps / cg_steps: the accepted Newton steps and the total conjugate-gradient steps of LIBLINEAR's log (one
Hessian-vector product each). TRON is deterministic, so both runs are the same run. The pieces are those of
benchmarks/newton/compare_liblinear.py (imported).

Run (needs ../shared/peers/setup.sh): /usr/bin/python3 datasets/reference/make_liblinear_tron_references.py
"""
import datetime
import importlib.util
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from make_references import data_path  # noqa: E402

_spec = importlib.util.spec_from_file_location("newton_compare", os.path.join(REPO, "benchmarks", "newton", "compare_liblinear.py"))
newton = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(newton)

EPS = 0.01
CASES = [(problem, data, solver) for problem, solver in (("logreg_l2", 0), ("svm_sqhinge_l2", 2))
         for data in ("shared:binary/a9a.xz", "shared:binary/w8a.xz")]


def case(problem, data, solver):
    path = data_path(data)
    rec = newton.dual.liblinear(problem, solver, path, EPS, False)
    steps, cg = newton.liblinear_counts(solver, path, EPS)
    version = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "liblinear-tools"], capture_output=True, text=True).stdout
    return {
        "problem": problem, "data": data, "lam": rec["lam"], "lam_spec": "1/n (C = 1)", "fit_intercept": False,
        "n": rec["n"], "p": rec["p"], "objective": rec["objective"], "newton_steps": steps, "cg_steps": cg,
        "status": rec["status"],
        "tool": f"ll_fit:s{solver} and liblinear-train -s {solver} (LIBLINEAR, primal trust-region Newton)",
        "version": {"liblinear-tools": version},
        "command": f"/usr/bin/python3 <repo>/benchmarks/dual-coordinate/liblinear_peer.py --problem {problem} --data {data} "
                   f"--lam 1/n --solver ll_fit:s{solver} --tol {EPS}; liblinear-train -s {solver} -c 1 -e {EPS} -B -1 FILE MODEL "
                   "(its log: iterations and CG steps)",
        "tolerance": f"-e {EPS} (LIBLINEAR's default for -s {solver})",
        "generator": "/usr/bin/python3 datasets/reference/make_liblinear_tron_references.py",
        "date": datetime.date.today().isoformat(),
    }


def main():
    out = [case(*c) for c in CASES]
    with open(os.path.join(HERE, "liblinear_tron.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    for r in out:
        print(r["problem"], r["data"], r["objective"], r["newton_steps"], r["cg_steps"])


if __name__ == "__main__":
    main()
