#!/usr/bin/env bash
# Verification latency with and without 1,000 slow or stalled clients on the public endpoints, in one run: a real
# server on embedded H2 (rate limits off, as if every slow client came from its own address), verification's p99 at a
# fixed rate unloaded, then again while SlowClients holds 1,000 connections (the report form and the photo upload
# announcing large bodies, a report of a real form's size, the verify API a small body, a GET trickling its headers;
# half send a byte every 5 s, half nothing; one closed is opened again a second later). ROUNDS (default 3) pairs of
# steps, interleaved; the figure is the median loaded p99 over the median unloaded one (target: at most 2x).
# Needs wrk (apt-get install wrk). Usage: scripts/bench-slow-clients.sh [seconds per step, default 20]
# [slow clients, default 1000]; RATE (default 200) is the verification rate of every step.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-20}
slow=${2:-1000}
rate=${RATE:-200}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
# Each slow client is a socket here and one in the server (and wrk's, the JVMs' own files).
[ "$(ulimit -n)" -ge $((2 * slow + 1000)) ] || ulimit -n $((2 * slow + 1000)) ||
  { echo "raise the open-files limit (ulimit -n) to $((2 * slow + 1000))" >&2; exit 2; }
mvn -B -q -o -DskipTests package
cp="target/test-classes:target/touchmark.jar"
work=$(mktemp -d)
port=7890
export CODES="$work/codes.txt"
TOUCHMARK_PORT=$port TOUCHMARK_DATA_DIR="$work" TOUCHMARK_RATE_VERIFY_PER_MINUTE=0 TOUCHMARK_RATE_UPLOADS_PER_MINUTE=0 \
  TOUCHMARK_RATE_REPORTS_PER_HOUR=0 \
  java ${JAVA_OPTS--XX:+UseZGC -Xmx1g} -cp "$cp" dev.touchmark.bench.VerifyLoadServer "$CODES" > "$work/server.log" 2>&1 &
server=$!
driver=
trap 'kill $driver $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do grep -q READY "$work/server.log" && break; sleep 0.5; done
grep READY "$work/server.log"
api="http://127.0.0.1:$port/api/v1/verify"
echo "# $(date -u +%FT%TZ) $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg); verification at $rate/s on 16 connections for ${secs}s a step; $slow slow clients"
export DELAY_MS=0 RATE=$rate THREADS=2
# p99 in ms from wrk's report; a request wrk gave up on (10 s) is not in its latencies, so those are counted apart.
p99() { grep -E '^ +99%' "$1" | awk '{ v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) }
  else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.2f", v }'; }
step() { # name
  wrk -t2 -c16 -d${secs}s --timeout 10s --latency -s scripts/verify.lua "$api" > "$work/$1.txt" || true
  local done timeouts
  done=$(grep -oE '^ +[0-9]+ requests in' "$work/$1.txt" | grep -oE '[0-9]+' || echo 0)
  timeouts=$(grep -oE 'timeout [0-9]+' "$work/$1.txt" | grep -oE '[0-9]+' || echo 0)
  echo "## $1: p99 $(p99 "$work/$1.txt") ms, $done answered, $timeouts timed out (10 s), $(grep -oE 'Non-2xx or 3xx responses: [0-9]+' "$work/$1.txt" || echo 'all 2xx')"
}
health() { curl -s -o /dev/null -m 10 -w "/healthz: %{http_code} in %{time_total} s\n" "http://127.0.0.1:$port/healthz" || echo "/healthz: no answer in 10 s"; }
wrk -t2 -c16 -d5s -s scripts/verify.lua "$api" > /dev/null # warm-up
rounds=${ROUNDS:-3}
for round in $(seq 1 "$rounds"); do # interleaved: on a shared machine one pair of steps can be an outlier either way
  echo "# round $round"
  step "unloaded-$round"
  java -cp "$cp" dev.touchmark.bench.SlowClients 127.0.0.1 $port "$slow" $((secs + 30)) > "$work/slow-$round.log" 2>&1 &
  driver=$!
  # Past the grace the server gives a slow body (10 s), so what is measured is the steady state, not the first wave.
  sleep 20
  health
  step "loaded-$round"
  health
  tail -1 "$work/slow-$round.log"
  kill $driver 2>/dev/null; wait $driver 2>/dev/null || true
  driver=
  sleep 2
done
median() { # step name prefix: the median p99 over the rounds
  for r in $(seq 1 "$rounds"); do p99 "$work/$1-$r.txt"; echo; done | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
answered() { grep -oE '^ +[0-9]+ requests in' "$work/$1.txt" | grep -oE '[0-9]+' || echo 0; }
total() { for r in $(seq 1 "$rounds"); do answered "$1-$r"; done | awk '{ s += $1 } END { print s }'; }
# A p99 is only a figure if the requests were answered: wrk leaves the ones it gave up on out of its latencies.
awk -v b="$(median unloaded)" -v a="$(median loaded)" -v nb="$(total unloaded)" -v na="$(total loaded)" -v n="$slow" -v r="$rounds" 'BEGIN {
  printf "## verification p99 with %s slow clients / unloaded, medians of %d rounds: %.2f ms / %.2f ms = %.2fx (requests answered: %d loaded, %d unloaded)\n", n, r, a, b, a / b, na, nb
  if (na < 0.9 * nb) print "## NOT A FIGURE: fewer than 90% of the unloaded steps'"'"' requests were answered under load" }'
echo "server log warnings and errors: $(grep -c 'WARN\|ERROR' "$work/server.log" || true)"
grep 'WARN\|ERROR' "$work/server.log" | cut -c1-300 | sort | uniq -c | sort -rn | head -5 || true
