#!/usr/bin/env bash
# Dashboard API calls timed on a brand with 10,000,000 recorded scans (embedded H2).
# Usage: scripts/bench-dashboard.sh [scans, default 10000000]   (needs ~6 GB free disk and a few minutes to load)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "# $(date -u +%FT%TZ) $(nproc) cores; ${1:-10000000} scans"
TOUCHMARK_PORT=0 TOUCHMARK_DATA_DIR="$work" java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  dev.touchmark.bench.DashboardBenchmark "${1:-10000000}" 2>&1 | grep -v " WARN "
