#!/usr/bin/env bash
# Latency from a scan to its alert on the live SSE feed, under a steady load of genuine scans, on embedded H2.
# Usage: scripts/bench-alerts.sh [scans per second, default 1000] [seconds, default 30]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "# $(date -u +%FT%TZ) $(nproc) cores; ${1:-1000} scans/s for ${2:-30} s"
TOUCHMARK_PORT=0 TOUCHMARK_DATA_DIR="$work" TOUCHMARK_RATE_VERIFY_PER_MINUTE=0 \
  java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  dev.touchmark.bench.AlertLatencyBenchmark "${1:-1000}" "${2:-30}" 2>&1 | grep -v " WARN "
