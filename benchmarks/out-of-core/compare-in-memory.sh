#!/usr/bin/env bash
# The same L2 fit out of core (a shard directory, read a shard at a time) and in memory (the shards loaded as CSR),
# both to a 1e-12 relative duality gap; prints one markdown row per dataset × loss × solver: both objectives, their
# relative difference, passes, and the time of one pass out of core and in memory with their ratio: for L-BFGS and
# Newton one value-and-gradient evaluation (the fastest of 5; one fused pass out of core), for dual CD a round out of
# core against an epoch in memory (one permutation of all rows, with shrinking: a different schedule).
#   benchmarks/out-of-core/compare-in-memory.sh BENCHMARKS_DLL DIR...
set -euo pipefail
dll=$1; shift
runs=("logistic newton" "logistic lbfgs" "logistic dual-cd" "squared-hinge newton" "squared-hinge dual-cd")
field() { awk -v k="$1:" '$1 == k { print $2 }' "$2"; }
echo "| data | loss | solver | objective out of core | in memory | relative difference | passes or epochs (ooc / mem) | s/pass (ooc / mem) | ratio |"
echo "|---|---|---|---|---|---|---|---|---|"
for dir in "$@"; do
  for run in "${runs[@]}"; do
    set -- $run
    ooc=$(mktemp); mem=$(mktemp)
    dotnet "$dll" out-of-core --data "$dir" --loss "$1" --solver "$2" --tolerance 1e-12 --time-gradient 5 > "$ooc" 2>/dev/null
    dotnet "$dll" out-of-core --data "$dir" --loss "$1" --solver "$2" --tolerance 1e-12 --time-gradient 5 --in-memory > "$mem" 2>/dev/null
    python3 - "$(basename "$dir")" "$1" "$2" "$ooc" "$mem" <<'PY'
import sys
name, loss, solver, a, b = sys.argv[1:]
def read(p):
    d = {}
    for line in open(p):
        k, _, v = line.partition(':')
        d[k.strip()] = v.strip()
    return d
o, m = read(a), read(b)
fo, fm = float(o['objective']), float(m['objective'])
stop = lambda d: d['stop'].split()[0]
iters = lambda d: int(d['stop'].split()[2])
po = float(o['passes'])
if solver == 'dual-cd':
    pm = iters(m)
    so, sm = float(o['seconds']) / po, float(m['seconds']) / pm
else:
    pm = float('nan')
    so, sm = float(o['gradient_seconds']), float(m['gradient_seconds'])
print(f"| {name} | {loss} | {solver} | {fo:.15g} ({stop(o)}, gap {o['relative_gap']}) | {fm:.15g} ({stop(m)}) | {abs(fo - fm) / abs(fm):.1e} | {po:.0f} / {'—' if pm != pm else f'{pm:.0f}'} | {so:.4f} / {sm:.4f} | {so / sm:.2f} |")
PY
    rm -f "$ooc" "$mem"
  done
done
