#!/usr/bin/env bash
# Packs every OptSuite package into artifacts/packages, installs the optsuite tool from that feed and runs
# `optsuite info` through it (which must report ReadyToRun code), publishes the command as the README's main job does
# (self-contained, one composite ReadyToRun image) and fits with it, then builds and runs samples/QuickStart and samples/MLNetText against the packages (not the
# projects).
# A fresh NuGet cache is used so nothing already cached stands in for what was just packed.
# Usage: bash scripts/check-packages.sh [RIDs]   (default: this machine's RID only, e.g. linux-x64)
set -euo pipefail
cd "$(dirname "$0")/.."
rid="${1:-$(dotnet --info | awk '/^ *RID:/ {print $2; exit}')}"
feed="$PWD/artifacts/packages"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rm -rf "$feed"

echo "== dotnet pack (tool for $rid)"
dotnet pack OptSuite.sln -c Release -o "$feed" -v q -p:ToolPackageRuntimeIdentifiers="$rid"
max=$((30 * 1024 * 1024))
for f in "$feed"/*.nupkg; do
  size=$(stat -c %s "$f")
  echo "   $(basename "$f"): $((size / 1024)) KiB"
  if [ "$size" -gt "$max" ]; then echo "error: $(basename "$f") is larger than 30 MiB" >&2; exit 1; fi
done

echo "== dotnet tool install OptSuite.Cli from the local feed"
NUGET_PACKAGES="$work/nuget" dotnet tool install OptSuite.Cli --tool-path "$work/tool" --add-source "$feed" --prerelease
info=$("$work/tool/optsuite" info)
echo "$info"
# The tool packages are published ReadyToRun (cold start, benchmarks/results/cold-start.md): a tool that lost it still
# runs, only slower to start, so it is caught here.
if ! grep -q '^precompiled: ReadyToRun' <<<"$info"; then
  echo "error: the installed optsuite tool is not ReadyToRun ($(grep '^precompiled:' <<<"$info"))" >&2
  exit 1
fi

echo "== dotnet publish src/Cli as the README's main job does, and a fit with it"
dotnet publish src/Cli -c Release -o "$work/cli" -v q
info=$("$work/cli/optsuite" info)
if ! grep -q '^precompiled: ReadyToRun (.*composite image optsuite.r2r.dll, runtime included)' <<<"$info"; then
  echo "error: the published optsuite is not one composite ReadyToRun image with the runtime ($(grep '^precompiled:' <<<"$info"))" >&2
  exit 1
fi
grep '^precompiled:' <<<"$info"
"$work/cli/optsuite" fit --model lasso --data datasets/regression/abalone_scale --output "$work/lasso.model"
test -s "$work/lasso.model"

echo "== samples/QuickStart against the packages"
NUGET_PACKAGES="$work/nuget" dotnet run --project samples/QuickStart -c Release

echo "== samples/MLNetText (OptSuite.MLNet in an ML.NET pipeline) against the packages"
NUGET_PACKAGES="$work/nuget" dotnet run --project samples/MLNetText -c Release
