#!/usr/bin/env bash
# Verification throughput and latency against a running server on embedded H2, with durable recording,
# compared in the same run with a trivial endpoint and with verification without recording (answered on the
# request's thread, and through a future completed on another thread as the real endpoint answers).
# Needs wrk (apt-get install wrk). Usage: scripts/bench-verify.sh [seconds per step, default 20]; ROUNDS (default 5) sets
# how many interleaved rounds run at the scaled rate, whose median p99 per endpoint ends the report.
# JAVA_OPTS sets the server JVM's options (default: the ones docs/operations.md recommends for serving);
# the GC pauses of the whole run are summarised at the end from the server's GC log.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-20}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
cp="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
work=$(mktemp -d)
port=7790
export CODES="$work/codes.txt"
TOUCHMARK_PORT=$port TOUCHMARK_DATA_DIR="$work" TOUCHMARK_RATE_VERIFY_PER_MINUTE=0 \
  java ${JAVA_OPTS--XX:+UseZGC -Xmx1g -XX:ThreadPriorityPolicy=1} -Xlog:gc,gc+phases:file="$work/gc.log" -Dtm.stats=true -cp "$cp" dev.touchmark.bench.VerifyLoadServer "$CODES" > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do grep -q READY "$work/server.log" && break; sleep 0.5; done
grep READY "$work/server.log"
echo "# $(date -u +%FT%TZ) $(nproc) cores; wrk -t2 -d${secs}s after a 5 s warm-up of each; codes in rotation: $(grep -c . "$CODES")"
export DELAY_MS=0
run() { # name connections url [script]
  wrk -t2 -c"$2" -d5s ${4:+-s $4} "$3" > /dev/null
  echo "## $1, $2 connections"; wrk -t2 -c"$2" -d${secs}s --latency ${4:+-s $4} "$3" | grep -E "Requests/sec|Latency|99%|50%"
}
base="http://127.0.0.1:$((port + 1))"
api="http://127.0.0.1:$port/api/v1/verify"
run trivial 64 "$base/trivial" | tee "$work/trivial.txt"
run verify-without-recording 64 "$base/verify-without-recording" scripts/verify.lua
run verify-async-without-recording 64 "$base/verify-async-without-recording" scripts/verify.lua
run verify-recorded 64 "$api" scripts/verify.lua
run verify-recorded 256 "$api" scripts/verify.lua | tee "$work/max.txt"
run verify-recorded 512 "$api" scripts/verify.lua
paced() { # name url pause-ms
  echo "## $1, paced: 64 connections pausing $3 ms"
  DELAY_MS=$3 wrk -t2 -c64 -d${secs}s --latency -s scripts/verify.lua "$2" | grep -E "Requests/sec|Latency|90%|99%|50%"
}
# The server's CPU time (user + system, all its threads) over a step, per request answered: at a fixed rate the
# latency mostly follows how close the two cores are to busy, and this says what each endpoint costs there.
ticks() { awk '{ print $14 + $15 }' "/proc/$server/stat"; }
hz=$(getconf CLK_TCK)
at_rate() { # name url requests-per-second
  echo "## $1, at a fixed rate of $3/s (64 connections)"
  local before after
  before=$(ticks)
  DELAY_MS=0 RATE=$3 THREADS=2 wrk -t2 -c64 -d${secs}s --latency -s scripts/verify.lua "$2" > "$work/step.txt"
  after=$(ticks)
  grep -E "Requests/sec|Latency|90%|99%|50%" "$work/step.txt"
  grep -oE '^ +[0-9]+ requests in' "$work/step.txt" | awk -v t=$((after - before)) -v hz="$hz" \
    '{ printf "server CPU per request: %.0f us\n", t * 1e6 / hz / $1 }'
  # p99 in ms, one line per step, for the medians at the end
  grep -E '^ +99%' "$work/step.txt" | awk '{ v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) }
    else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } print v }' >> "$work/p99-$1.txt"
}
paced verify-recorded "$api" "${PACE_MS:=7}"
# The latency target is set at 6,000/s, 40% of the 15,000/s this server sustained on a quiet machine;
# on a slower or busier machine the same share of what this run sustained says more than a fixed rate.
rate() { grep -oE 'Requests/sec: +[0-9.]+' "$1" | grep -oE '[0-9.]+$'; }
max=$(rate "$work/max.txt")
rate40=$(awk -v m="$max" 'BEGIN { printf "%d", 0.4 * m }')
echo "# 40% of the $max/s recorded at 256 connections"
at_rate verify-recorded "$api" "$rate40"
# The same load relative to the machine: the target of 6,000 verifications a second was set on a machine whose
# trivial endpoint answered 66,000/s, so 9.1% of the trivial rate. All four endpoints at that rate, so what
# recording adds to the latency is read in one run. The rate is held by a schedule (RATE in scripts/verify.lua), so
# every endpoint is measured at the same rate (a fixed pause per connection would give slower endpoints a lower
# rate).
trivial=$(rate "$work/trivial.txt")
rate9=$(awk -v t="$trivial" 'BEGIN { printf "%d", t * 6000 / 66000 }')
echo "# at 6000/66000 of the $trivial/s the trivial endpoint answered: the 6,000/s target on this machine"
rounds=${ROUNDS:-5}
rm -f "$work"/p99-*.txt
for round in $(seq 1 "$rounds"); do # interleaved rounds: the spread between them shows how much of a difference is noise
  echo "# round $round"
  at_rate trivial "$base/trivial" "$rate9"
  at_rate verify-without-recording "$base/verify-without-recording" "$rate9"
  at_rate verify-async-without-recording "$base/verify-async-without-recording" "$rate9"
  at_rate verify-recorded "$api" "$rate9"
done
echo "## median p99 of the $rounds rounds at $rate9/s (every round's in order)"
for name in trivial verify-without-recording verify-async-without-recording verify-recorded; do
  sort -n "$work/p99-$name.txt" | awk -v n="$name" -v all="$(tr '\n' ' ' < "$work/p99-$name.txt")" \
    '{ v[NR] = $1 } END { printf "%s: %.2f ms (%s)\n", n, v[int((NR + 1) / 2)], all }'
done
echo "## server JVM: ${JAVA_OPTS--XX:+UseZGC -Xmx1g -XX:ThreadPriorityPolicy=1}; GC pauses over the whole run"
grep -E ' Pause .*[0-9]ms$' "$work/gc.log" | grep -oE '[0-9.]+ms$' | tr -d 'ms' | sort -n |
  awk '{ p[NR] = $1; s += $1 } END { if (NR == 0) { print "no pauses logged"; exit }
       i = int(NR * 0.99) + 1; if (i > NR) i = NR
       printf "pauses %d, total %.0f ms, p50 %.2f ms, p99 %.2f ms, max %.2f ms\n", NR, s, p[int(NR * 0.5) + 1], p[i], p[NR] }'
# The embedded database file after the whole run: with compaction it holds the data plus a minute or two of writes
# (docs/operations.md, "The embedded database file"); H2's own figures from the server's last STATS period.
metric() { curl -s "http://127.0.0.1:$port/metrics" | awk -v m="$1" '$1 == m { printf "%d", $2 }'; }
echo "## database file: $(metric touchmark_database_file_bytes) bytes after $(metric touchmark_scan_log_scans_total) recorded scans"
grep -E '^H2 ' "$work/server.log" | tail -1
