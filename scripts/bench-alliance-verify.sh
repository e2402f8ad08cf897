#!/usr/bin/env bash
# Does the alliance intelligence stay off the verification path? Verification throughput (POST /api/v1/verify, with
# durable recording) without an alliance and with an alliance of 20 brands sharing every class while
# IntelService.refresh() runs, in ONE server run on embedded H2, interleaved: round 1's "without" runs before the
# alliance exists, later rounds' "without" with the alliance in place and the refresh loop stopped; every "with" runs the
# loop. The loop refreshes back to back (PAUSE_MS=0, the default): far harsher than the real job, which refreshes once a
# minute on one node; PAUSE_MS=60000 gives the job's cadence. The application's own job is kept from refreshing (the
# benchmark holds its lease), so "without" means no refresh at all.
# Target: median "with" / median "without" >= 0.95. A CPU-bound control (the verification's checks without recording,
# on the control port) is measured the same way: if it drops as much, the loss is CPU taken by the refresh, not the
# database.
# Needs wrk (apt-get install wrk). Usage: scripts/bench-alliance-verify.sh [seconds per step, default 20];
# ROUNDS (default 3) sets how many rounds; JAVA_OPTS the server JVM's options (default as scripts/bench-verify.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-20}
rounds=${ROUNDS:-3}
pause=${PAUSE_MS:-0}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
command -v curl >/dev/null || { echo "curl is missing: apt-get install -y curl" >&2; exit 2; }
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
cp="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
work=$(mktemp -d)
port=${PORT:-7794}
export CODES="$work/codes.txt"
TOUCHMARK_PORT=$port TOUCHMARK_DATA_DIR="$work" TOUCHMARK_RATE_VERIFY_PER_MINUTE=0 \
  java ${JAVA_OPTS--XX:+UseZGC -Xmx1g -XX:ThreadPriorityPolicy=1} -cp "$cp" dev.touchmark.bench.AllianceLoadServer "$CODES" > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 240); do grep -q READY "$work/server.log" && break; kill -0 $server 2>/dev/null || break; sleep 0.5; done
grep READY "$work/server.log" || { echo "the server did not start:" >&2; cat "$work/server.log" >&2; exit 1; }
control="http://127.0.0.1:$((port + 1))"
api="http://127.0.0.1:$port/api/v1/verify"
echo "# $(date -u +%FT%TZ) $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); wrk -t2 -d${secs}s after a 3 s warm-up of each step;" \
  "$rounds rounds; codes in rotation: $(grep -c . "$CODES"); refresh loop pause: $pause ms"
rate() { grep -oE 'Requests/sec: +[0-9.]+' "$1" | grep -oE '[0-9.]+$'; }
step() { # phase name connections url
  wrk -t2 -c"$3" -d3s -s scripts/verify.lua "$4" > /dev/null
  wrk -t2 -c"$3" -d"${secs}s" --latency -s scripts/verify.lua "$4" > "$work/step.txt"
  local r p99
  r=$(rate "$work/step.txt")
  p99=$(grep -E '^ +99%' "$work/step.txt" | awk '{ print $2 }')
  echo "$r" >> "$work/$1-$2-$3.txt"
  printf '%-8s %-26s %4d connections: %10s/s  p99 %s\n' "$1" "$2" "$3" "$r" "$p99"
}
phase() { # without|with
  step "$1" verify-recorded 64 "$api"
  step "$1" verify-recorded 256 "$api"
  step "$1" verify-without-recording 64 "$control/verify-without-recording"
}
# The JIT's warm-up before anything is measured: round 1's "without" would otherwise pay for it.
wrk -t2 -c64 -d15s -s scripts/verify.lua "$api" > /dev/null
wrk -t2 -c64 -d5s -s scripts/verify.lua "$control/verify-without-recording" > /dev/null
for round in $(seq 1 "$rounds"); do
  echo "# round $round"
  phase without
  if [ "$round" = 1 ]; then
    curl -sf -X POST "$control/alliance"
  fi
  curl -sf -X POST "$control/refresh/start?pauseMs=$pause" > /dev/null
  phase with
  curl -sf -X POST "$control/refresh/stop" | tee -a "$work/refresh.txt"
done
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
echo "## medians of $rounds rounds (with / without; target for verify-recorded >= 0.95)"
for s in verify-recorded-64 verify-recorded-256 verify-without-recording-64; do
  without=$(median "$work/without-$s.txt")
  with=$(median "$work/with-$s.txt")
  awk -v s="$s" -v a="$without" -v b="$with" -v all_a="$(tr '\n' ' ' < "$work/without-$s.txt")" \
    -v all_b="$(tr '\n' ' ' < "$work/with-$s.txt")" \
    'BEGIN { printf "%-30s without %9.0f/s  with %9.0f/s  ratio %.3f   (without: %s| with: %s)\n", s, a, b, b / a, all_a, all_b }'
done
# Each round's "with" against the "without" just before it: on a machine whose other load drifts, neighbours in time
# compare better than medians over the whole run.
echo "## median of the rounds' own ratios (with / the without just before it)"
for s in verify-recorded-64 verify-recorded-256 verify-without-recording-64; do
  paste "$work/without-$s.txt" "$work/with-$s.txt" | awk '{ printf "%.3f\n", $2 / $1 }' > "$work/ratios-$s.txt"
  printf '%-30s %.3f   (%s)\n' "$s" "$(median "$work/ratios-$s.txt")" "$(tr '\n' ' ' < "$work/ratios-$s.txt")"
done
echo "## refresh loop (pause $pause ms) over the \"with\" phases"
awk '{ delete f; for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
       n += f["count"]; wall += f["wall_s"]; ms += f["mean_ms"] * f["count"]; cpu += f["cpu_share"] * f["wall_s"]
       if (f["max_ms"] + 0 > mx) mx = f["max_ms"] + 0; matches += f["new_matches"]; failed += f["failures"] }
  END { printf "refreshes %d in %.0f s: %.2f/s, mean %.0f ms, max %.0f ms, refresh thread CPU %.2f of a core, new matches %d, failures %d\n",
        n, wall, n / wall, n ? ms / n : 0, mx, cpu / wall, matches, failed }' "$work/refresh.txt"
grep -E 'REFRESH failed' "$work/server.log" | head -3 || true
