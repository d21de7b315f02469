#!/usr/bin/python3
"""OptSuite's trust-region Newton vs LIBLINEAR's primal trust-region Newton (-s 0, -s 2), side by side in one run.

    /usr/bin/python3 benchmarks/newton/compare_liblinear.py [--repeat 3] [--eps 0.01] [--only a9a,logreg_l2]
                                                            [--threads 1] [--no-build] [--out benchmarks/results/newton.md]

For every case (problem, data, LIBLINEAR solver) and LIBLINEAR tolerance eps (its default for -s 0 / -s 2 is 0.01):
  1. LIBLINEAR 2.3.0 through ../shared/peers/run_peer.py (ll_fit: only train() is timed), C = 1 (lam = 1/n), no bias,
     objective re-scored by run_peer; best of --repeat runs of the wall-clock and of the CPU-clock build — the same
     pieces as benchmarks/dual-coordinate/compare_liblinear.py (imported from there). Its Newton steps and CG steps are
     read from `liblinear-train`'s log (same solver and options; its time is not used).
  2. OptSuite (`OptSuite.Benchmarks newton`, --threads kernel threads, 1 by default as LIBLINEAR): wall and CPU seconds of
     constructing the solver state (first value, gradient, preconditioner) and running exactly the Newton steps needed to
     reach an objective <= LIBLINEAR's (found by a traced run first), best of --repeat; its steps and Hessian products.
The ratio LIBLINEAR / OptSuite > 1 means OptSuite is faster (the issue-18 goal is >= 1.43, i.e. OptSuite <= 0.7x).
Both sides exclude data loading and include their set-up. The load average is recorded before and after and per row.
"""
import argparse
import importlib.util
import json
import lzma
import os
import re
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("dual_compare", os.path.join(HERE, "..", "dual-coordinate", "compare_liblinear.py"))
dual = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(dual)

REPO, DATA, BENCH_DLL, BINARY, fmt, load = dual.REPO, dual.DATA, dual.BENCH_DLL, dual.BINARY, dual.fmt, dual.load
CASES = [("logreg_l2", 0, name, path) for name, path in BINARY] + [("svm_sqhinge_l2", 2, name, path) for name, path in BINARY]


def plain_copy(path):
    """An uncompressed copy for liblinear-train (cached in .build/ next to this file)."""
    if not path.endswith(".xz"):
        return path
    out = os.path.join(HERE, ".build", os.path.basename(path)[:-3])
    if not os.path.exists(out) or os.path.getmtime(out) < os.path.getmtime(path):
        os.makedirs(os.path.dirname(out), exist_ok=True)
        with lzma.open(path, "rb") as src, open(out + ".part", "wb") as dst:
            dst.write(src.read())
        os.replace(out + ".part", out)
    return out


def liblinear_counts(solver, data, eps):
    """LIBLINEAR's Newton steps and total CG steps, from `liblinear-train`'s log of the same fit."""
    log = subprocess.run(["liblinear-train", "-s", str(solver), "-c", "1", "-e", repr(eps), "-B", "-1", plain_copy(data), os.devnull],
                         check=True, capture_output=True, text=True).stdout
    cg = [int(m.group(1)) for m in re.finditer(r"CG\s+(\d+)", log)]
    return len(cg), sum(cg)


def optsuite(problem, data, target, repeat, threads):
    cmd = ["dotnet", BENCH_DLL, "newton", "--problem", problem, "--data", data, "--target", repr(target),
           "--repeat", str(repeat), "--threads", str(threads)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--eps", default="0.01", help="LIBLINEAR tolerances (-e), comma-separated")
    ap.add_argument("--only", default=None, help="comma-separated dataset names, problems or problem:data pairs")
    ap.add_argument("--threads", type=int, default=1, help="OptSuite kernel threads (LIBLINEAR 2.3.0 uses one)")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--out", default=os.path.join(REPO, "benchmarks", "results", "newton.md"))
    a = ap.parse_args()
    if not a.no_build:
        subprocess.run(["dotnet", "build", "-c", "Release", "-v", "q", os.path.join(REPO, "benchmarks/OptSuite.Benchmarks")],
                       check=True, stdout=subprocess.DEVNULL)
    only = set(a.only.split(",")) if a.only else None
    load_before = load()
    rows = []
    for problem, solver, name, path in CASES:
        if not dual.selected(only, problem, name):
            continue
        data = os.path.join(DATA, path)
        for eps in (float(e) for e in a.eps.split(",")):
            wall = [dual.liblinear(problem, solver, data, eps, False) for _ in range(a.repeat)]
            cpu = [dual.liblinear(problem, solver, data, eps, True) for _ in range(a.repeat)]
            ll = wall[0]
            steps, cg = liblinear_counts(solver, data, eps)
            ours = optsuite(problem, data, ll["objective"], a.repeat, a.threads)
            row = {
                "problem": problem, "data": name, "liblinear": f"-s {solver} -e {eps:g}", "objective": ll["objective"],
                "ll_status": ll["status"], "ll_wall": min(r["seconds"] for r in wall), "ll_cpu": min(r["seconds"] for r in cpu),
                "ll_steps": steps, "ll_cg": cg,
                "ours_wall": ours.get("seconds_to_target"), "ours_cpu": ours.get("cpu_seconds_to_target"),
                "ours_steps": ours.get("steps_to_target"), "ours_cg": ours.get("hessian_products_to_target"),
                "ours_objective": ours.get("objective_at_target"), "load": os.getloadavg()[0],
            }
            rows.append(row)
            print(json.dumps(row), flush=True)
    write(a, rows, load_before, load())


SCRIPT = "/usr/bin/python3 benchmarks/newton/compare_liblinear.py"


def write(a, rows, before, after):
    options = f" --repeat {a.repeat} --eps {a.eps} --threads {a.threads}"
    lines = dual.header("Trust-region Newton vs LIBLINEAR -s 0 / -s 2", SCRIPT, options, a.only, before, after) + [
        "λ = 1/n (C = 1), no bias. LIBLINEAR 2.3.0 (Debian) via ../shared/peers/run_peer.py `ll_fit` (train() only), its "
        "steps / CG steps from `liblinear-train`'s log; OptSuite `TrustRegionNewton` (state construction and run, "
        f"{a.threads} kernel thread{'s' if a.threads > 1 else ''}) for exactly the Newton steps needed to reach LIBLINEAR's "
        "re-scored objective, loading excluded on both sides. Best of the repeats; seconds. ratio = LIBLINEAR / OptSuite "
        "(> 1: OptSuite faster; the goal is ≥ 1.43). CPU seconds are the steadier figure on a loaded machine. "
        "Where the time goes, the figures before the changes of issue 18 and what is left: benchmarks/newton/README.md.",
        "",
        "| problem | data | LIBLINEAR | objective reached | LIBLINEAR wall | OptSuite wall | ratio wall | LIBLINEAR CPU | "
        "OptSuite CPU | ratio CPU | steps / CG LIBLINEAR | steps / CG OptSuite | load | command |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(dual.race_row(r, [], [f"{r['ll_steps']} / {r['ll_cg']}", f"{r['ours_steps']} / {r['ours_cg']}"],
                                   dual.row_command(SCRIPT, options, r)))
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    with open(a.out, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {a.out}")


if __name__ == "__main__":
    main()
