#!/bin/sh
# QuantileRegressor wall time: OptSuite (interior point, `ipm`) vs scikit-learn 1.2.1 QuantileRegressor(solver="highs"),
# best of REPEAT (default 3) after one untimed warm-up fit each, same data; prints the markdown table of
# benchmarks/results/quantile.md, with the load average before and after each part on stderr.
#   run.sh        n ≫ p: boston, abalone, cpusmall, cal_housing, synthetic t₃ (SYNTH_N × SYNTH_P); dense X on both sides
#   run.sh wide   p large: gasoline NIR (60 × 401), we8there (6166 × 2640 sparse text), riboflavin (71 × 4088); CSR X
# Run from the repository root after `dotnet build benchmarks/OptSuite.Benchmarks -c Release`.
set -e
PART=${1:-main}
DATA=${OPTSUITE_SHARED:-/work/shared/datasets}/regression
TMP=${TMPDIR:-/tmp}/optsuite-quantile
REPEAT=${REPEAT:-3}
N=${SYNTH_N:-20000}
P=${SYNTH_P:-50}
mkdir -p "$TMP"
[ -f "$TMP/cal_housing.svm" ] || xz -dc "$DATA/cal_housing.svm.xz" > "$TMP/cal_housing.svm"
SYN="$TMP/synthetic_t3_${N}x${P}.svm"
[ -f "$SYN" ] || /usr/bin/python3 benchmarks/quantile/make_synthetic.py "$N" "$P" "$SYN"
PROBLEMS=""
if [ "$PART" = wide ]; then
  [ -f "$TMP/riboflavin.svm" ] || xz -dc "$DATA/riboflavin.svm.xz" > "$TMP/riboflavin.svm"
  FORMAT=""
  for f in "$DATA/gasoline_nir.svm" "$DATA/we8there_overall.svm" "$TMP/riboflavin.svm"; do PROBLEMS="$PROBLEMS $f 0.5 0.01"; done
else
  FORMAT=--dense
  for f in "$DATA/boston_housing.svm" "$DATA/abalone_scale" "$DATA/cpusmall.svm" "$TMP/cal_housing.svm" "$SYN"; do
    for tau in 0.5 0.9; do
      for alpha in 0 0.01; do PROBLEMS="$PROBLEMS $f $tau $alpha"; done
    done
  done
fi
BENCH=benchmarks/OptSuite.Benchmarks/bin/Release/net10.0/OptSuite.Benchmarks.dll
load() { echo "# $1: $(date -u +%FT%TZ) $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2; }
load "OptSuite, 1 thread"
OPTSUITE_THREADS=1 dotnet "$BENCH" quantile $FORMAT --repeat "$REPEAT" $PROBLEMS > "$TMP/$PART-optsuite-1.csv"
load "OptSuite, default threads"
dotnet "$BENCH" quantile $FORMAT --repeat "$REPEAT" $PROBLEMS > "$TMP/$PART-optsuite-default.csv"
load "scikit-learn"
/usr/bin/python3 benchmarks/quantile/sklearn_quantile.py $FORMAT --repeat "$REPEAT" $PROBLEMS > "$TMP/$PART-sklearn.csv"
load "done"
/usr/bin/python3 benchmarks/quantile/table.py "$TMP/$PART-sklearn.csv" "$TMP/$PART-optsuite-1.csv" "$TMP/$PART-optsuite-default.csv"
