#!/usr/bin/env bash
# CSV export of a brand's scan log over HTTP: time and the server's peak heap for 2 of 20 days and for all of them, on
# PostgreSQL (a fresh database on 127.0.0.1:5432, user postgres) or with --h2 on embedded H2; then a client that stalls.
# Usage: scripts/bench-export.sh [scans, default 1000000] [--h2]
set -euo pipefail
cd "$(dirname "$0")/.."
scans=${1:-1000000}
mvn -B -q -o -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
work=$(mktemp -d)
db=""
cleanup() {
  rm -rf "$work"
  if [ -n "$db" ]; then psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT
if [ "${2:-}" != "--h2" ]; then
  db="touchmark_bench_export_$$"
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $db" >/dev/null
  export TOUCHMARK_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" TOUCHMARK_DB_USER=postgres
fi
echo "# $(date -u +%FT%TZ) $(nproc) cores; $scans scans; ${TOUCHMARK_DB_URL:-embedded H2}; server heap -Xmx256m"
TOUCHMARK_PORT=0 TOUCHMARK_DATA_DIR="$work" java -Xmx256m -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  dev.touchmark.bench.ExportBenchmark "$scans" 2>&1 | grep -v " WARN \| INFO "
