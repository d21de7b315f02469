#!/usr/bin/python3
"""OptSuite's dual coordinate ascent vs LIBLINEAR -s 3, -s 1, -s 7 and -s 4, side by side in one run.

    /usr/bin/python3 benchmarks/dual-coordinate/compare_liblinear.py [--repeat 3] [--eps 0.1,0.01] [--only a9a,dna]
                                                                      [--threads 1,2] [--no-build] [--out benchmarks/results/dual-coordinate.md]

For every case (problem, data, LIBLINEAR solver) and LIBLINEAR tolerance eps:
  1. LIBLINEAR 2.3.0 through ../shared/peers/run_peer.py (ll_fit: only train() is timed), C = 1 (lam = 1/n), no bias
     (-B -1, the peers' convention), objective re-scored by run_peer in the common convention. Best of --repeat runs of
     the wall-clock build and of a CPU-clock build (LL_FIT_CLOCK=cpu, see liblinear_peer.py).
  2. OptSuite (`OptSuite.Benchmarks dual-coordinate`, seed 0): wall and CPU seconds of the whole Minimize call that runs
     exactly the epochs needed to reach an objective <= LIBLINEAR's (found by a traced run first), best of --repeat; one
     row per --threads value (DualCoordinateDescentOptions.Threads; the binary duals only, Crammer-Singer runs one). With
     more than one thread the runs are asynchronous and not reproducible, so the timed run of the traced epoch count
     may end above or below the target: the objective it reached is in the JSON.
  3. What a user sees (--defaults, LIBLINEAR's default -e 0.1 only): `optsuite fit` as a user runs it — a fresh process,
     default options (no --tol: dual CD stops by LIBLINEAR's own test at -e 0.1 and reports its gap), C = 1, no intercept —
     best of --repeat of the fit time it reports (objective construction and solve; loading excluded, as train() excludes
     it), its objective, and the whole process's wall time.
The ratio LIBLINEAR / OptSuite > 1 means OptSuite is faster. Both sides exclude data loading. On a shared machine the
CPU figures are the steadier ones; the load average is recorded before and after.
"""
import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
SHARED = os.environ.get("OPTSUITE_SHARED") or next(
    (p for p in (os.path.join(REPO, "..", "shared"), os.path.join(REPO, "..", "..", "shared")) if os.path.isdir(p)), "")
DATA = os.path.abspath(os.path.join(SHARED, "datasets"))
BENCH_DLL = os.path.join(REPO, "benchmarks", "OptSuite.Benchmarks", "bin", "Release", "net10.0", "OptSuite.Benchmarks.dll")
# The CLI as the README's main job publishes it (ReadyToRun, `dotnet publish src/Cli -c Release -o artifacts/cli`), else the build.
CLI_PUBLISHED = os.path.join(REPO, "artifacts", "cli", "optsuite")
CLI_BUILD = ["dotnet", os.path.join(REPO, "src", "Cli", "bin", "Release", "net10.0", "optsuite.dll")]
# `optsuite fit` options of each problem at the CLI's defaults (C = 1, the solver Auto picks, its default stop).
CLI_MODEL = {
    "svm_hinge_l2": ["--model", "linear-svm", "--loss", "hinge"],
    "svm_sqhinge_l2": ["--model", "linear-svm", "--loss", "squared-hinge"],
    "logreg_l2": ["--model", "logistic"],
    "cs_svm": ["--model", "multiclass-svm"],
}

BINARY = [("a9a", "binary/a9a.xz"), ("w8a", "binary/w8a.xz"), ("news20-binary", "derived/news20_binary_l2.svm.xz")]
MULTI = [("news20", "derived/news20_l2.svm.xz"), ("dna", "multiclass/dna.scale"), ("usps", "multiclass/zip_usps_train.svm.xz")]
CASES = ([("svm_hinge_l2", 3, name, path) for name, path in BINARY]
         + [("svm_sqhinge_l2", 1, name, path) for name, path in BINARY]
         + [("logreg_l2", 7, name, path) for name, path in BINARY]
         + [("cs_svm", 4, name, path) for name, path in MULTI])


def load():
    return os.getloadavg()


def liblinear(problem, solver, data, eps, cpu):
    env = dict(os.environ)
    if cpu:
        env["LL_FIT_CLOCK"] = "cpu"
    cmd = ["/usr/bin/python3", os.path.join(HERE, "liblinear_peer.py"), "--problem", problem, "--data", data,
           "--lam", "1/n", "--solver", f"ll_fit:s{solver}", "--tol", repr(eps)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout
    return json.loads(out.strip().splitlines()[-1])


def optsuite(problem, data, target, repeat, threads=1):
    cmd = ["dotnet", BENCH_DLL, "dual-coordinate", "--problem", problem, "--data", data, "--target", repr(target),
           "--repeat", str(repeat), "--max-epochs", "100000", "--threads", str(threads), "--no-own-stop"]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def cli_default(problem, data, repeat):
    """`optsuite fit` at its defaults in a fresh process: best fit seconds, best process wall, objective, epochs, solver."""
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        cli = [CLI_PUBLISHED] if os.path.exists(CLI_PUBLISHED) else CLI_BUILD
        out = subprocess.run([*cli, "fit", *CLI_MODEL[problem], "--data", data, "--no-intercept", "--json"],
                             check=True, capture_output=True, text=True).stdout
        wall = time.perf_counter() - t0
        d = json.loads(out.strip().splitlines()[-1])
        runs.append((d["seconds"], wall, d))
    best = min(runs, key=lambda r: r[0])[2]
    return {"fit": min(r[0] for r in runs), "process": min(r[1] for r in runs), "objective": best["objective"],
            "gap": best["gap"], "epochs": best["iterations"], "solver": best["solver"], "stop": best["stop_reason"]}


def selected(only, problem, name):
    """--only: dataset names, problems, or problem:data pairs (one row each); shared with the Newton harness."""
    return not only or name in only or problem in only or f"{problem}:{name}" in only


def row_command(script, options, r):
    """The command that reruns one table row: the harness with this run's options and --only problem:data."""
    return f"`{script}{options} --only {r['problem']}:{r['data']} --no-build`"


def race_row(r, before_ours, after_cpu, command=None):
    """One oracle-race table row: problem, data, LIBLINEAR (and its cap), objective, LIBLINEAR wall, the cells
    `before_ours`, OptSuite wall, wall ratio, both CPU times, CPU ratio, the cells `after_cpu`, load and, when given, the
    command that reruns the row (shared with benchmarks/newton/compare_liblinear.py)."""
    rw = r["ll_wall"] / r["ours_wall"] if r["ours_wall"] else None
    rc = r["ll_cpu"] / r["ours_cpu"] if r["ours_cpu"] else None
    status = "" if r["ll_status"] == "ok" else " (hit LIBLINEAR's iteration cap)"
    cells = [r["problem"], r["data"], f"{r['liblinear']}{status}", f"{r['objective']:.10g}", fmt(r["ll_wall"]), *before_ours,
             fmt(r["ours_wall"]), fmt(rw, "{:.2f}"), fmt(r["ll_cpu"]), fmt(r["ours_cpu"]), fmt(rc, "{:.2f}"), *after_cpu, f"{r['load']:.1f}"]
    if command is not None:
        cells.append(command)
    return "| " + " | ".join(str(c) for c in cells) + " |"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--eps", default="0.1,0.01", help="LIBLINEAR tolerances (-e), comma-separated")
    ap.add_argument("--only", default=None, help="comma-separated dataset names, problems or problem:data pairs")
    ap.add_argument("--threads", default="1", help="OptSuite thread counts (DualCoordinateDescentOptions.Threads), comma-separated")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--defaults", action="store_true", help="also time `optsuite fit` at its defaults against LIBLINEAR's -e 0.1")
    ap.add_argument("--out", default=os.path.join(REPO, "benchmarks", "results", "dual-coordinate.md"))
    a = ap.parse_args()
    if not a.no_build:
        for project in ("benchmarks/OptSuite.Benchmarks", "src/Cli"):
            subprocess.run(["dotnet", "build", "-c", "Release", "-v", "q", os.path.join(REPO, project)], check=True, stdout=subprocess.DEVNULL)
    only = set(a.only.split(",")) if a.only else None
    load_before = load()
    rows = []
    for problem, solver, name, path in CASES:
        if not selected(only, problem, name):
            continue
        data = os.path.join(DATA, path)
        for eps in (float(e) for e in a.eps.split(",")):
            wall = [liblinear(problem, solver, data, eps, False) for _ in range(a.repeat)]
            cpu = [liblinear(problem, solver, data, eps, True) for _ in range(a.repeat)]
            ll = wall[0]
            counts = [1] if problem == "cs_svm" else [int(t) for t in a.threads.split(",")]
            for threads in counts:
                ours = optsuite(problem, data, ll["objective"], a.repeat, threads)
                row = {
                    "problem": problem, "data": name, "liblinear": f"-s {solver} -e {eps:g}", "objective": ll["objective"],
                    "ll_status": ll["status"], "ll_wall": min(r["seconds"] for r in wall), "ll_cpu": min(r["seconds"] for r in cpu),
                    "threads": threads, "ours_wall": ours.get("seconds_to_target"), "ours_cpu": ours.get("cpu_seconds_to_target"),
                    "ours_epochs": ours.get("epochs_to_target"), "ours_objective": ours.get("objective_at_target"),
                    "load": os.getloadavg()[0],
                }
                if a.defaults and eps == 0.1 and threads == counts[0]:
                    row["cli"] = cli_default(problem, data, a.repeat)
                    row["load"] = os.getloadavg()[0]
                rows.append(row)
                print(json.dumps(row), flush=True)
    load_after = load()
    write(a, rows, load_before, load_after)


def fmt(v, spec="{:.3f}"):
    return "—" if v is None else spec.format(v)


SCRIPT = "/usr/bin/python3 benchmarks/dual-coordinate/compare_liblinear.py"


def header(title, script, options, only, before, after):
    """A results file's first lines: title, date, the command (each row's last column reruns that row), the machine and
    the load before and after (shared with benchmarks/newton/compare_liblinear.py)."""
    return [
        f"# {title}",
        "",
        f"Generated {datetime.datetime.now().isoformat(timespec='minutes')} by",
        f"`{script}{options}" + (f" --only {only}" if only else "") + "`; each row's last column reruns that row alone.",
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, shared with other builds: load average "
        f"{before[0]:.1f} / {before[1]:.1f} / {before[2]:.1f} before, {after[0]:.1f} / {after[1]:.1f} / {after[2]:.1f} after "
        "(the per-row column is the 1-minute load when the row finished).",
        "",
    ]


def write(a, rows, before, after):
    options = f" --repeat {a.repeat} --eps {a.eps}" + (" --defaults" if a.defaults else "") + (f" --threads {a.threads}" if a.threads != "1" else "")
    lines = header("Dual coordinate ascent vs LIBLINEAR", SCRIPT, options, a.only, before, after) + [
        "λ = 1/n (C = 1), no bias. LIBLINEAR 2.3.0 (Debian) via ../shared/peers/run_peer.py `ll_fit` (train() only); "
        "OptSuite `DualCoordinateDescent.Minimize` (seed 0) run for exactly the epochs needed to reach LIBLINEAR's "
        "re-scored objective, set-up included, loading excluded on both sides. Best of the repeats; seconds. "
        "ratio = LIBLINEAR / OptSuite (> 1: OptSuite faster). CPU seconds are the steadier figure on a loaded machine.",
        "",
        "| problem | data | LIBLINEAR | objective reached | LIBLINEAR wall | OptSuite threads | OptSuite wall | ratio wall | LIBLINEAR CPU | OptSuite CPU | ratio CPU | OptSuite epochs | load | command |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(race_row(r, [r["threads"]], [r["ours_epochs"]], row_command(SCRIPT, options, r)))
    cli = [r for r in rows if "cli" in r]
    if cli:
        lines += [
            "",
            "## What a user sees: `optsuite fit` at its defaults against LIBLINEAR at its defaults",
            "",
            f"`{'artifacts/cli/optsuite' if os.path.exists(CLI_PUBLISHED) else 'dotnet src/Cli/bin/Release/net10.0/optsuite.dll'} fit --model M [--loss L] --data FILE --no-intercept --json` in a fresh "
            "process (C = 1, the solver Auto picks, no --tol: dual CD stops by LIBLINEAR's own test at -e 0.1), best of the "
            "repeats of the fit time it reports (objective construction and solve, loading excluded); the process column is "
            "the whole command's wall time (runtime start, JIT, reading the file). LIBLINEAR: the -e 0.1 row above (its "
            "default), train() only. ratio = LIBLINEAR / OptSuite fit; objective Δ = (OptSuite − LIBLINEAR) / LIBLINEAR "
            "(negative: OptSuite lower).",
            "",
            "| problem | data | OptSuite solver (epochs) | OptSuite fit s | process s | LIBLINEAR s | ratio | objective Δ | OptSuite rel. gap | load | command |",
            "|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for r in cli:
            c = r["cli"]
            delta = (c["objective"] - r["objective"]) / abs(r["objective"])
            lines.append(f"| {r['problem']} | {r['data']} | {c['solver']} ({c['epochs']}) | {c['fit']:.3f} | {c['process']:.2f} | "
                         f"{r['ll_wall']:.3f} | {r['ll_wall'] / c['fit']:.2f} | {delta:+.1e} | {c['gap'] / c['objective']:.1e} | {r['load']:.1f} | "
                         f"{row_command(SCRIPT, options, r)} |")
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    with open(a.out, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {a.out}")


if __name__ == "__main__":
    main()
