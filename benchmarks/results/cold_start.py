#!/usr/bin/env python3
"""Cold-start timing of one-shot commands, for benchmarks/results/cold-start.md.

Usage: python3 benchmarks/results/cold_start.py RUNS 'label=[VAR=value ...] command ...' ...

Each round runs every command once, in the order given (interleaved, so a burst of load on this shared machine hits
all of them alike), output discarded. Prints per command the best and the median wall time over RUNS rounds, the CPU
time (user + system, from wait4) of the same runs, and the 1-minute load average seen during the rounds.
"""
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
    loads = []
    for _ in range(runs):
        for label, words, env in specs:
            start = time.perf_counter()
            child = subprocess.Popen(words, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
            _, status, usage = os.wait4(child.pid, 0)
            wall[label].append(time.perf_counter() - start)
            cpu[label].append(usage.ru_utime + usage.ru_stime)
            if status != 0:
                sys.exit(f"{label}: exit status {status}")
        with open("/proc/loadavg") as f:
            loads.append(float(f.read().split()[0]))
    print("| command | wall best s | wall median s | CPU best s | CPU median s |")
    print("|---|---:|---:|---:|---:|")
    for label, _, _ in specs:
        w, c = wall[label], cpu[label]
        print(f"| {label} | {min(w):.3f} | {statistics.median(w):.3f} | {min(c):.3f} | {statistics.median(c):.3f} |")
    print(f"\n1-minute load average during the rounds: {min(loads):.2f}-{max(loads):.2f} ({runs} rounds)")


if __name__ == "__main__":
    main()
