#!/usr/bin/env bash
# Verification latency on an idle server and while label exports run, in one run (issue 20, finding 6): 8 clients
# of one brand each ask for a PDF export of 20,000 labels again and again (after a 429 they wait 1 s), while wrk
# verifies real codes at a fixed rate. Idle and loaded steps alternate (ROUNDS, default 3) so that the machine's
# own noise shows in the spread; the medians of the rounds' median and p99 latencies end the report, with their
# ratio (loaded / idle). Needs wrk and curl, and the packaged server (mvn -DskipTests package).
# Usage: scripts/bench-export-verify.sh [seconds per step, default 15]; RATE (default 200 verifications/s),
# EXPORTS_AT_ONCE and EXPORTS_PER_BRAND (default: the server's defaults, 3 and 1) set the load and the caps.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-15}
rate=${RATE:-200}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
[ -f target/touchmark.jar ] || { echo "target/touchmark.jar is missing: mvn -DskipTests package" >&2; exit 2; }
[ -d target/test-classes/dev/touchmark/bench ] || mvn -B -q test-compile
cp="target/test-classes:target/touchmark.jar"
work=$(mktemp -d)
# A free port (and the next one, for VerifyLoadServer's baselines): other benchmarks may hold the usual ones.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export CODES="$work/codes.txt"
env TOUCHMARK_PORT=$port TOUCHMARK_DATA_DIR="$work" TOUCHMARK_RATE_VERIFY_PER_MINUTE=0 \
  ${EXPORTS_AT_ONCE:+TOUCHMARK_EXPORTS_AT_ONCE=$EXPORTS_AT_ONCE} ${EXPORTS_PER_BRAND:+TOUCHMARK_EXPORTS_PER_BRAND=$EXPORTS_PER_BRAND} \
  java ${JAVA_OPTS--XX:+UseZGC -Xmx1g -XX:ThreadPriorityPolicy=1} -Djava.awt.headless=true -Dtm.exportFile="$work/export.txt" \
  -cp "$cp" dev.touchmark.bench.VerifyLoadServer "$CODES" > "$work/server.log" 2>&1 &
server=$!
loops=()
stop_exports() { for p in "${loops[@]}"; do kill "$p" 2>/dev/null || true; done; for p in "${loops[@]}"; do wait "$p" 2>/dev/null || true; done; loops=(); }
trap 'stop_exports; kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 600); do grep -qs READY "$work/server.log" && break; kill -0 $server 2>/dev/null || break; sleep 0.5; done
grep READY "$work/server.log" || { echo "the server did not start:" >&2; tail -20 "$work/server.log" >&2; exit 1; }
key=$(sed -n 1p "$work/export.txt")
batch=$(sed -n 2p "$work/export.txt")
export_url="http://127.0.0.1:$port/api/v1/batches/$batch/labels?format=pdf&count=20000"
api="http://127.0.0.1:$port/api/v1/verify"
echo "# $(date -u +%FT%TZ) $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg); verify at $rate/s (wrk -t2 -c16, ${secs}s a step)"
export_loop() { # one client: export, and after a 429 wait a second; one line per answer: status and seconds
  local c=
  trap 'kill $c 2>/dev/null; exit 0' TERM # stopping a client aborts its download, as a user closing the page
  while true; do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $key" "$export_url" >> "$work/exports-$1.txt" &
    c=$!
    wait $c || true
    if tail -1 "$work/exports-$1.txt" 2>/dev/null | grep -q '^429'; then sleep 1 & c=$!; wait $c; fi
  done
}
ms() { awk '{ v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) }
  else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } print v }'; }
step() { # name
  RATE=$rate THREADS=2 wrk -t2 -c16 -d"${secs}s" --latency -s scripts/verify.lua "$api" > "$work/step.txt"
  grep -E '^ +50%' "$work/step.txt" | ms >> "$work/p50-$1.txt"
  grep -E '^ +99%' "$work/step.txt" | ms >> "$work/p99-$1.txt"
  echo "## $1: $(grep -oE 'Requests/sec: +[0-9.]+' "$work/step.txt"), p50 $(tail -1 "$work/p50-$1.txt") ms, p99 $(tail -1 "$work/p99-$1.txt") ms, load average $(cut -d' ' -f1 /proc/loadavg)"
}
RATE=$rate THREADS=2 wrk -t2 -c16 -d5s -s scripts/verify.lua "$api" > /dev/null # warm-up
rounds=${ROUNDS:-3}
for round in $(seq 1 "$rounds"); do
  echo "# round $round"
  step idle
  for i in $(seq 1 8); do export_loop "$i" & loops+=($!); done
  sleep 2 # the exports have started
  step exports
  stop_exports
  sleep 2 # aborted exports have ended
done
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { printf "%.2f", v[int((NR + 1) / 2)] }'; }
echo "## medians of $rounds rounds (every round's in order)"
for q in p50 p99; do
  idle=$(median "$work/$q-idle.txt"); loaded=$(median "$work/$q-exports.txt")
  echo "verify $q: idle $idle ms ($(tr '\n' ' ' < "$work/$q-idle.txt")), during exports $loaded ms ($(tr '\n' ' ' < "$work/$q-exports.txt")), ratio $(awk -v a="$loaded" -v b="$idle" 'BEGIN { printf "%.2f", a / b }')x"
done
cat "$work"/exports-*.txt | awk '{ n[$1]++; if ($1 == 200) { t += $2; c++ } } END { for (s in n) printf "exports answered %s: %d\n", s, n[s];
  if (c) printf "finished exports took %.1f s on average\n", t / c }'
grep -c "Label export of batch" "$work/server.log" | xargs echo "exports cut short (clients stopped at the end of a step):"
