#!/bin/sh
# Side-by-side svmlight loading speed: OptSuite vs scikit-learn's load_svmlight_file (see svmlight-reader.md).
# Run from the repository root after `dotnet build benchmarks/OptSuite.Benchmarks -c Release`.
set -e
DATA=${OPTSUITE_SHARED:-/work/shared/datasets}
TMP=${TMPDIR:-/tmp}
REPEAT=${REPEAT:-5}
for f in multiclass/fashion_mnist_train.svm multiclass/news20.svm; do
  [ -f "$TMP/$(basename $f)" ] || xz -dc "$DATA/$f.xz" > "$TMP/$(basename $f)"
done
echo "# $(date -u +%FT%TZ) $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet benchmarks/OptSuite.Benchmarks/bin/Release/net10.0/OptSuite.Benchmarks.dll svmlight-throughput --repeat "$REPEAT" \
  "$DATA/multiclass/fashion_mnist_train.svm.xz" "$TMP/fashion_mnist_train.svm" \
  "$DATA/multiclass/news20.svm.xz" "$TMP/news20.svm"
/usr/bin/python3 benchmarks/results/sklearn_svmlight_load.py --repeat "$REPEAT" \
  "$DATA/multiclass/fashion_mnist_train.svm.xz" "$TMP/fashion_mnist_train.svm" \
  "$DATA/multiclass/news20.svm.xz" "$TMP/news20.svm"
for f in "$DATA/multiclass/fashion_mnist_train.svm.xz" "$TMP/fashion_mnist_train.svm" "$DATA/multiclass/news20.svm.xz" "$TMP/news20.svm"; do
  dotnet src/Cli/bin/Release/net10.0/optsuite.dll inspect "$f" --json
done
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
