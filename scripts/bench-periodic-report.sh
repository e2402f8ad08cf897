#!/usr/bin/env bash
# A brand's monthly and weekly reports generated through POST /api/v1/periodic-reports, timed, for a brand whose
# rollups hold 10,000,000 scans in the last whole month. The scans are not recorded one by one: the rollup tables
# (scan_day, scan_cell_day, scan_hour), alerts, their status changes and shopper reports are seeded directly with
# SQL, as the scan writer would have left them; reports read nothing else.
# Usage: scripts/bench-periodic-report.sh [scans in the month, default 10000000]
#   On PostgreSQL: TOUCHMARK_DB_URL=jdbc:postgresql://127.0.0.1:5432/DB TOUCHMARK_DB_USER=postgres scripts/bench-periodic-report.sh
#   (a fresh, empty database; embedded H2 in a temporary folder otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "# $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d" " -f1-3 /proc/loadavg); ${1:-10000000} scans in the month; ${TOUCHMARK_DB_URL:-embedded H2}"
TOUCHMARK_PORT=0 TOUCHMARK_DATA_DIR="$work" java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  dev.touchmark.bench.PeriodicReportBenchmark "${1:-10000000}" 2>&1 | grep -E "^seeded|report from|PeriodicReportService|Exception|^\s+at "
