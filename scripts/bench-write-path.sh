#!/usr/bin/env bash
# The scan write path's figures (docs/benchmarks.md), in one run: a server on embedded H2 answers verification
# without recording (the checks alone) and recorded verification at saturation; then a server on PostgreSQL
# (127.0.0.1:5432, a fresh database dropped afterwards) answers recorded verification the same way, and the H2
# server again, so that each ratio compares steps taken minutes apart at most. Needs wrk and psql.
# Usage: scripts/bench-write-path.sh [seconds per step, default 20] [connections, default 256]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-20}
conns=${2:-256}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
cp="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
work=$(mktemp -d)
db="tm_bench_$$"
psql -q -h 127.0.0.1 -U postgres -d test -c "CREATE DATABASE $db" >/dev/null
server=
stop() { if [ -n "$server" ]; then kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; server=; fi; }
trap 'stop; psql -q -h 127.0.0.1 -U postgres -d test -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null; rm -rf "$work"' EXIT
start() { # name port [db-url]
  mkdir -p "$work/$1"
  env TOUCHMARK_PORT="$2" TOUCHMARK_DATA_DIR="$work/$1" TOUCHMARK_RATE_VERIFY_PER_MINUTE=0 \
    ${3:+TOUCHMARK_DB_URL=$3 TOUCHMARK_DB_USER=postgres TOUCHMARK_DB_PASSWORD=} \
    java ${JAVA_OPTS--XX:+UseZGC -Xmx1g -XX:ThreadPriorityPolicy=1} -Dtm.stats=true -cp "$cp" \
    dev.touchmark.bench.VerifyLoadServer "$work/$1/codes.txt" > "$work/$1/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 120); do grep -q READY "$work/$1/server.log" && break; sleep 0.5; done
  grep -q READY "$work/$1/server.log" || { cat "$work/$1/server.log"; exit 1; }
  export CODES="$work/$1/codes.txt"
}
rate() { # url connections -> requests per second
  wrk -t2 -c"$2" -d5s -s scripts/verify.lua "$1" > /dev/null
  wrk -t2 -c"$2" -d"${secs}s" --latency -s scripts/verify.lua "$1" > "$work/step.txt"
  local errors
  errors=$(grep -oE 'Non-2xx or 3xx responses: [0-9]+' "$work/step.txt" | grep -oE '[0-9]+$' || true)
  [ -z "$errors" ] || echo "  ($errors answers were not 2xx)" >&2
  grep -E 'Requests/sec' "$work/step.txt" | awk '{ printf "%.0f", $2 }'
}
echo "# $(date -u +%FT%TZ) $(nproc) cores; wrk -t2 -d${secs}s after a 5 s warm-up of each step; recorded at $conns connections"
start h2 7790
h2_checks=$(rate "http://127.0.0.1:7791/verify-without-recording" 64)
h2_recorded=$(rate "http://127.0.0.1:7790/api/v1/verify" "$conns")
echo "H2: verification without recording $h2_checks/s, recorded $h2_recorded/s"
grep STATS "$work/h2/server.log" | tail -1
stop
start pg 7792 "jdbc:postgresql://127.0.0.1:5432/$db"
pg_recorded=$(rate "http://127.0.0.1:7792/api/v1/verify" "$conns")
echo "PostgreSQL: recorded $pg_recorded/s"
grep STATS "$work/pg/server.log" | tail -1
stop
start h2b 7794
h2b_recorded=$(rate "http://127.0.0.1:7794/api/v1/verify" "$conns")
echo "H2 again: recorded $h2b_recorded/s"
stop
size=$(stat -c %s "$work/h2/touchmark.mv.db")
scans=$(java -cp "$cp" org.h2.tools.Shell -url "jdbc:h2:file:$work/h2/touchmark;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE" \
  -user sa -password "$(cat "$work/h2/database.password")" -sql "SELECT count(*) FROM scan_event" | sed -n 2p | tr -dc 0-9)
awk -v c="$h2_checks" -v h="$h2_recorded" -v h2="$h2b_recorded" -v p="$pg_recorded" -v size="$size" -v scans="$scans" 'BEGIN {
  printf "H2 recorded / without recording: %.2f (target >= 0.5)\n", h / c
  printf "PostgreSQL recorded / H2 recorded (mean of the two H2 steps): %.2f (target >= 0.8)\n", p / ((h + h2) / 2)
  printf "H2 file after its steps: %.1f MB for %d scans (%.0f bytes a scan)\n", size / 1e6, scans, size / scans }'
