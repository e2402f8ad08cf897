#!/usr/bin/env bash
# Label export speed and memory with -Xmx256m, each measurement in its own JVM, all in one run:
# raw ZXing encoding (the baseline), PDF sheets and CSV for 100,000 and 1,000,000 codes.
# Usage: scripts/bench-labels.sh [small]   ("small" uses 10x fewer codes for a quick check)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
cp="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
scale=1
[ "${1:-}" = "small" ] && scale=10
run() { java -Xmx256m -Djava.awt.headless=true -cp "$cp" dev.touchmark.bench.LabelExportBenchmark "$@"; }
echo "# $(date -u +%FT%TZ) $(nproc) cores, $(java -version 2>&1 | head -1)"
run zxing $((50000 / scale))
run pdf $((100000 / scale))
run pdf $((1000000 / scale))
run csv $((100000 / scale))
run csv $((1000000 / scale))
