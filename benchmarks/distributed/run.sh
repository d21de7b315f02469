#!/usr/bin/env bash
# Distributed fits on 1, 2 and 4 MPI ranks (mpiexec.hydra from MPICH), one markdown row per dataset × problem × K:
# iterations, all-reduces and the doubles they carried, seconds, the part spent inside all-reduces, and the objective.
#   benchmarks/distributed/run.sh BENCHMARKS_DLL "FILE:PROBLEM ..." [K ...]
set -euo pipefail
dll=$1; runs=$2; shift 2
ks=("${@:-1 2 4}")
[[ $# -eq 0 ]] && ks=(1 2 4)
echo "| data | problem | K | stop | iterations | all-reduces | doubles | seconds | in all-reduce | objective | relative gap |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for run in $runs; do
  file=${run%%:*}; problem=${run##*:}
  for k in "${ks[@]}"; do
    out=$(mpiexec.hydra -n "$k" -genv UCX_ERROR_SIGNALS "" dotnet "$dll" distributed --data "$file" --problem "$problem" --tolerance 1e-6)
    get() { awk -v key="$1:" '$1 == key { $1 = ""; sub(/^ /, ""); print }' <<< "$out"; }
    stop=$(get stop)
    echo "| $(basename "$file") | $problem | $k | ${stop%% *} | $(awk '{print $3}' <<< "$stop") | $(get allreduces) | $(get allreduce_doubles) | $(get seconds) | $(get allreduce_seconds) | $(get objective) | $(get relative_gap) |"
  done
done
