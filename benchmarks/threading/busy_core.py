#!/usr/bin/env python3
"""Default OpenMP threading vs the alternatives, with one core kept busy by another process (issue 14, item 17).

Runs `optsuite fit --model logistic` (L2, default λ, auto solver) on a9a and binary news20 with each threading setting,
interleaved round-robin so that drift in the machine's load hits every setting alike, first with one core kept busy by
a spinning shell and then without it, and writes benchmarks/results/threading-busy-core.md. The fit's own "seconds"
(solver time, data already loaded) is the figure; wall time (process start, MKL load, reading .xz) is shown beside it.

Run from the repository root after a Release build, holding the build lock so that no build runs meanwhile:
    flock /tmp/optsuite-build.lock python3 benchmarks/threading/busy_core.py [--repeats 5]
"""
import argparse, json, os, statistics, subprocess, sys, time

CLI = "src/Cli/bin/Release/net10.0/optsuite.dll"
DATA = os.environ.get("OPTSUITE_SHARED", "/work/shared/datasets")
DATASETS = [("a9a", "binary/a9a.xz"), ("news20.binary (L2 rows)", "derived/news20_binary_l2.svm.xz")]
# name, extra environment, extra arguments. GOMP_SPINCOUNT=300000 is libgomp's own default when OMP_WAIT_POLICY is
# unset (what OptSuite used before it set PASSIVE), and a user-set GOMP_SPINCOUNT is left alone by OptSuite.
SETTINGS = [
    ("default (now: MKL, 2 threads, OMP_WAIT_POLICY=PASSIVE set by OptSuite)", {}, []),
    ("old default (libgomp spin: GOMP_SPINCOUNT=300000)", {"GOMP_SPINCOUNT": "300000"}, []),
    ("OMP_WAIT_POLICY=active", {"OMP_WAIT_POLICY": "active"}, []),
    ("--threads 1", {}, ["--threads", "1"]),
    ("sequential MKL (OPTSUITE_MKL_THREADING=sequential)", {"OPTSUITE_MKL_THREADING": "sequential"}, []),
    ("managed backend (OPTSUITE_DISABLE_MKL=1)", {"OPTSUITE_DISABLE_MKL": "1"}, []),
]
SCRUB = ("OPTSUITE_", "OMP_", "GOMP_", "MKL_")


def run(path, env_extra, args):
    env = {k: v for k, v in os.environ.items() if not k.startswith(SCRUB)}
    env.update(env_extra)
    cmd = ["dotnet", CLI, "fit", "--model", "logistic", "--data", os.path.join(DATA, path), "-o", "/tmp/optsuite-busy-core.json", "--json", *args]
    start = time.perf_counter()
    p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    wall = time.perf_counter() - start
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({p.returncode}): {p.stderr}")
    fit = json.loads(p.stdout.strip().splitlines()[-1])
    return fit["seconds"], wall, fit["iterations"], fit["objective"]


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def measure(repeats, busy):
    spinner = subprocess.Popen(["sh", "-c", "while :; do :; done"]) if busy else None
    try:
        if busy: time.sleep(1)
        before = loadavg()
        times = {(d, s[0]): [] for d in DATASETS for s in SETTINGS}
        info = {}
        for r in range(repeats):
            for d in DATASETS:
                for name, env, args in SETTINGS:
                    fit, wall, iterations, objective = run(d[1], env, args)
                    times[(d, name)].append((fit, wall))
                    info[(d, name)] = (iterations, objective)
        return times, info, before, loadavg()
    finally:
        if spinner:
            spinner.kill()
            spinner.wait()


def table(times, info):
    lines = []
    for d in DATASETS:
        medians = {name: statistics.median(f for f, _ in times[(d, name)]) for name, _, _ in SETTINGS}
        best = min(medians.values())
        lines += [f"**{d[0]}** (`{d[1]}`)", "",
                  "| setting | fit s (median) | fit s (min–max) | wall s (median) | × best | iterations | objective |",
                  "|---|---:|---:|---:|---:|---:|---:|"]
        for name, _, _ in SETTINGS:
            fits = [f for f, _ in times[(d, name)]]
            walls = [w for _, w in times[(d, name)]]
            it, obj = info[(d, name)]
            lines.append(f"| {name} | {medians[name]:.3f} | {min(fits):.3f}–{max(fits):.3f} | {statistics.median(walls):.2f} | "
                         f"{medians[name] / best:.2f} | {it} | {obj:.10g} |")
        lines.append("")
    return lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--out", default="benchmarks/results/threading-busy-core.md")
    a = ap.parse_args()
    info_out = subprocess.run(["dotnet", CLI, "info", "--json"], capture_output=True, text=True,
                              env={k: v for k, v in os.environ.items() if not k.startswith(SCRUB)}).stdout
    machine = json.loads(info_out)
    busy = measure(a.repeats, busy=True)
    idle = measure(a.repeats, busy=False)
    out = [
        "# Default threading on a busy machine (issue 14, item 17)", "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} with `flock /tmp/optsuite-build.lock python3 "
        f"benchmarks/threading/busy_core.py --repeats {a.repeats}`: {machine['processors']} logical processors "
        f"({machine['cpu']}), {machine['backend_description']}; default wait policy {machine['omp_wait_policy']}.",
        "`optsuite fit --model logistic --data FILE` (L2, default λ); settings interleaved round-robin; "
        "\"fit s\" is the fit's own time (`seconds` of `--json`), wall includes process start, MKL load and reading the .xz.",
        "Other engineers shared the machine during the runs: the load averages below include their work.", "",
        f"## One core kept busy (`sh -c 'while :; do :; done'`), load average {busy[2]} before, {busy[3]} after", "",
        *table(busy[0], busy[1]),
        f"## No spinner, load average {idle[2]} before, {idle[3]} after", "",
        *table(idle[0], idle[1]),
    ]
    with open(a.out, "w") as f:
        f.write("\n".join(out) + "\n")
    print("\n".join(out))


if __name__ == "__main__":
    main()
