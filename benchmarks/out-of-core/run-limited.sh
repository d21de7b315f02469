#!/usr/bin/env bash
# Runs a command inside a cgroup-v1 memory group limited to LIMIT (default 2G: page cache included, so the shards
# cannot stay cached and every pass reads the disk), with the page cache dropped first, and prints the group's peak.
#   sudo benchmarks/out-of-core/run-limited.sh [--limit 2G] -- dotnet OptSuite.Benchmarks.dll out-of-core --data DIR ...
set -euo pipefail
limit=2G
if [[ "${1:-}" == "--limit" ]]; then limit=$2; shift 2; fi
[[ "${1:-}" == "--" ]] && shift
group=/sys/fs/cgroup/memory/optsuite-ooc-$$
mkdir "$group"
trap 'rmdir "$group" 2>/dev/null || true' EXIT
echo "$limit" > "$group/memory.limit_in_bytes"
echo 0 > "$group/memory.swappiness" 2>/dev/null || true
sync; echo 3 > /proc/sys/vm/drop_caches
echo "limit: $(cat "$group/memory.limit_in_bytes") bytes"
bash -c 'echo $$ > '"$group"'/cgroup.procs; exec "$@"' _ "$@"
echo "cgroup_peak_mb: $(( $(cat "$group/memory.max_usage_in_bytes") / 1048576 ))"
echo "cgroup_oom_kills: $(grep -c . "$group/memory.oom_control" >/dev/null && awk '/oom_kill /{print $2}' "$group/memory.oom_control")"
