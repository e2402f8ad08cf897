#!/usr/bin/env bash
# What the detection rules cost: verification throughput with every rule on over that with the rules off, in ONE
# server run on embedded H2 (durable recording either way). The server is bench/RulesLoadServer: the same scan writer,
# transaction, scan log and dashboard counts (scan/ScanCounts) in both; with the rules off its judge is ScanJudge.NONE
# (every scan clean, no alert, none of the detector's lookups or sightings), turned from the control port between steps (a code seam, not a setting).
# The load is a month's kind of scans (RulesLoadServer says which): 16,000 codes of 8 batches, households, travellers,
# resales, diverted and cloned codes; a quarter GETs of the page by a browser, the rest POST /api/v1/verify, two in five
# of those located; every request a different scan. A warm-up sends the whole file once with the rules on, so codes
# have history (and the JIT is warm) before anything is measured; then rounds alternate on/off, off/on, ... so drift
# of the machine's other load falls on both. Target: median "on" / median "off" >= 0.8.
# Needs wrk and curl (and psql with DB=postgres). Usage: scripts/bench-rules.sh [seconds per step, default 20];
# DB=postgres runs the server on a fresh database of the PostgreSQL at 127.0.0.1:5432 instead of H2; ROUNDS (default 4) rounds of
# one "on" and one "off" step; CONNECTIONS (default 64); WARM_S (default 30) the warm-up; JAVA_OPTS the server JVM's
# options (default as scripts/bench-verify.sh); JFR=file records the server's whole run with Java Flight Recorder.
# The server runs on the wall clock (a faster clock would defeat the caches' freshness checks), so a code's scans
# come seconds apart: its travellers and resales cross to neighbouring countries only and share no place from there,
# else every one would be impossible travel; cloned codes move between continents and do raise it.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-20}
rounds=${ROUNDS:-4}
conns=${CONNECTIONS:-64}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
command -v curl >/dev/null || { echo "curl is missing: apt-get install -y curl" >&2; exit 2; }
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
cp="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
work=$(mktemp -d)
db=""
if [ "${DB:-h2}" = postgres ]; then
  command -v psql >/dev/null || { echo "psql is missing: apt-get install -y postgresql-client" >&2; exit 2; }
  db="touchmark_bench_rules_$$"
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $db" >/dev/null
  export TOUCHMARK_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" TOUCHMARK_DB_USER=postgres
fi
port=${PORT:-7796}
export SCANS="$work/scans.txt"
jfr=${JFR:+-XX:StartFlightRecording=filename=$(realpath -m "$JFR"),settings=profile,dumponexit=true}
TOUCHMARK_PORT=$port TOUCHMARK_DATA_DIR="$work" TOUCHMARK_RATE_VERIFY_PER_MINUTE=0 TOUCHMARK_COUNTRY_HEADER=CF-IPCountry \
  TOUCHMARK_CLIENT_IP_HEADER=X-Forwarded-For \
  java ${JAVA_OPTS--XX:+UseZGC -Xmx1g -XX:ThreadPriorityPolicy=1} $jfr -cp "$cp" dev.touchmark.bench.RulesLoadServer "$SCANS" \
  > "$work/server.log" 2>&1 &
server=$!
cleanup() {
  kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"
  if [ -n "$db" ]; then psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT
for _ in $(seq 1 240); do grep -q READY "$work/server.log" && break; kill -0 $server 2>/dev/null || break; sleep 0.5; done
grep READY "$work/server.log" || { echo "the server did not start:" >&2; cat "$work/server.log" >&2; exit 1; }
control="http://127.0.0.1:$((port + 1))"
url="http://127.0.0.1:$port"
echo "# $(date -u +%FT%TZ) $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); ${TOUCHMARK_DB_URL:-embedded H2}; wrk -t2 -c$conns -d${secs}s after a" \
  "3 s warm-up of each step; $rounds rounds; scans in the file: $(grep -c . "$SCANS")"
curl -sf -X POST "$control/rules/on" > /dev/null
START=0 wrk -t2 -c"$conns" -d"${WARM_S:-30}s" -s scripts/rules.lua "$url" | grep -E 'requests in' | sed 's/^ */# warm-up, rules on: /'
echo "# after the warm-up: $(curl -sf "$control/facts")"
# The server's CPU time (user + system, in clock ticks) so far: a step's share per scan is steadier than its rate when the
# machine's other load varies, and is what the rules add; the rate is the target's measure.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server/stat"; }
rate() { grep -oE 'Requests/sec: +[0-9.]+' "$1" | grep -oE '[0-9.]+$'; }
step() { # on|off
  curl -sf -X POST "$control/rules/$1" > /dev/null
  local began
  began=$(date -u +%T)
  wrk -t2 -c"$conns" -d3s -s scripts/rules.lua "$url" > /dev/null
  local cpu0 cpu1
  cpu0=$(cpu_ticks)
  wrk -t2 -c"$conns" -d"${secs}s" --latency -s scripts/rules.lua "$url" > "$work/step.txt"
  cpu1=$(cpu_ticks)
  local r p99 bad n us
  r=$(rate "$work/step.txt")
  n=$(grep -oE '[0-9]+ requests in' "$work/step.txt" | grep -oE '^[0-9]+')
  us=$(awk -v t=$((cpu1 - cpu0)) -v hz="$(getconf CLK_TCK)" -v n="$n" 'BEGIN { printf "%.0f", t / hz * 1e6 / n }')
  echo "$us" >> "$work/$1-cpu.txt"
  p99=$(grep -E '^ +99%' "$work/step.txt" | awk '{ print $2 }')
  bad=$(grep -oE 'Non-2xx or 3xx responses: [0-9]+' "$work/step.txt" | grep -oE '[0-9]+$' || echo 0)
  echo "$r" >> "$work/$1.txt"
  printf 'rules %-3s %10s/s  server CPU %5s us/scan  p99 %8s  non-2xx %s  (from %s UTC)\n' "$1" "$r" "$us" "$p99" "$bad" "$began"
}
for round in $(seq 1 "$rounds"); do
  echo "# round $round"
  if [ $((round % 2)) = 1 ]; then step on; step off; else step off; step on; fi
done
curl -sf -X POST "$control/rules/on" > /dev/null
echo "# at the end: $(curl -sf "$control/facts")"
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
on=$(median "$work/on.txt")
off=$(median "$work/off.txt")
echo "## medians of $rounds rounds (target on / off >= 0.8)"
awk -v a="$on" -v b="$off" -v all_a="$(tr '\n' ' ' < "$work/on.txt")" -v all_b="$(tr '\n' ' ' < "$work/off.txt")" \
  'BEGIN { printf "rules on %.0f/s, rules off %.0f/s: ratio %.3f   (on: %s| off: %s)\n", a, b, a / b, all_a, all_b }'
paste "$work/on.txt" "$work/off.txt" | awk '{ printf "%.3f\n", $1 / $2 }' > "$work/ratios.txt"
printf "median of the rounds' own ratios: %.3f   (%s)\n" "$(median "$work/ratios.txt")" "$(tr '\n' ' ' < "$work/ratios.txt")"
paste "$work/off-cpu.txt" "$work/on-cpu.txt" | awk '{ printf "%.3f\n", $1 / $2 }' > "$work/cpu-ratios.txt"
printf "server CPU per scan, off / on, median of the rounds: %.3f   (%s)\n" "$(median "$work/cpu-ratios.txt")" \
  "$(tr '\n' ' ' < "$work/cpu-ratios.txt")"
grep -E 'ERROR|Exception' "$work/server.log" | head -5 || true
