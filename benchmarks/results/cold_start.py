#!/usr/bin/env python3
"""Cold-start timing of one-shot commands, for benchmarks/results/cold-start.md.

Usage: python3 benchmarks/results/cold_start.py RUNS 'label=[VAR=value ...] command ...' ...

Each round runs every command once, in the order given (interleaved, so a burst of load on this shared machine hits
all of them alike). Prints per command the best and the median wall time over RUNS rounds, the CPU time (user + system,
from wait4) of the same runs, and the 1-minute load average seen during the rounds. A command that prints JSON with a
"seconds" field (`optsuite fit ... --json`: the fit time it reports, objective construction and solve) adds that
field's best and median: the part of the process a fresh fit spends in the fit itself.
"""
import json
import os
import statistics
import subprocess
import sys
import time


def parse(spec):
    label, command = spec.split("=", 1)
    env, words = dict(os.environ), command.split()
    while words and "=" in words[0] and not words[0].startswith(("/", ".")):
        key, value = words.pop(0).split("=", 1)
        env[key] = value
    return label, words, env


def main():
    runs, specs = int(sys.argv[1]), [parse(s) for s in sys.argv[2:]]
    wall = {label: [] for label, _, _ in specs}
    cpu = {label: [] for label, _, _ in specs}
    fit = {label: [] for label, _, _ in specs}
    loads = []
    for _ in range(runs):
        for label, words, env in specs:
            start = time.perf_counter()
            child = subprocess.Popen(words, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
            out = child.stdout.read()
            _, status, usage = os.wait4(child.pid, 0)
            wall[label].append(time.perf_counter() - start)
            child.stdout.close()
            seconds = reported_seconds(out)
            if seconds is not None:
                fit[label].append(seconds)
            cpu[label].append(usage.ru_utime + usage.ru_stime)
            if status != 0:
                sys.exit(f"{label}: exit status {status}")
        with open("/proc/loadavg") as f:
            loads.append(float(f.read().split()[0]))
    fits = any(fit.values())
    print("| command | wall best s | wall median s | CPU best s | CPU median s |" + (" fit best s | fit median s |" if fits else ""))
    print("|---|---:|---:|---:|---:|" + ("---:|---:|" if fits else ""))
    for label, _, _ in specs:
        w, c, f = wall[label], cpu[label], fit[label]
        extra = (f" {min(f):.3f} | {statistics.median(f):.3f} |" if f else " – | – |") if fits else ""
        print(f"| {label} | {min(w):.3f} | {statistics.median(w):.3f} | {min(c):.3f} | {statistics.median(c):.3f} |{extra}")
    print(f"\n1-minute load average during the rounds: {min(loads):.2f}-{max(loads):.2f} ({runs} rounds)")


def reported_seconds(out):
    """The "seconds" field of the last line when it is a JSON object, else None."""
    lines = out.decode(errors="replace").strip().splitlines()
    try:
        value = json.loads(lines[-1]).get("seconds") if lines else None
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, (int, float)) else None


if __name__ == "__main__":
    main()
