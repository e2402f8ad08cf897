#!/usr/bin/env bash
# Memory under requests an unauthenticated client makes unique: the packaged server on embedded
# H2 with a small heap, behind a configured X-Forwarded-For header, gets REQUESTS requests (default 10,000,000) from
# wrk with scripts/unique.lua (unique paths, codes, tokens, e-mails, cookies, client addresses, header values).
# After every slice of requests it forces a full collection (jcmd GC.class_histogram) and prints the live heap and
# the process's resident memory. The last line compares the highest live heap after the first 20% of the requests
# (when every bounded cache, rate-limit buckets included, has had the time to fill) with the live heap then.
# Needs wrk and the JDK's jcmd. Usage: scripts/bench-memory.sh [requests] [connections, default 64]
set -euo pipefail
cd "$(dirname "$0")/.."
total=${1:-10000000}
conns=${2:-64}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
if [ ! -f target/touchmark.jar ] || [ -n "$(find src pom.xml -newer target/touchmark.jar -print -quit)" ]; then
  mvn -B -q -DskipTests package
fi
work=$(mktemp -d)
# A copy: a build during the run must not change the classes under the running server.
cp target/touchmark.jar "$work/touchmark.jar"
port=${PORT:-7795}
TOUCHMARK_PORT=$port TOUCHMARK_DATA_DIR="$work" TOUCHMARK_CLIENT_IP_HEADER=X-Forwarded-For \
  java ${JAVA_OPTS--Xmx256m -XX:+UseG1GC} -jar "$work/touchmark.jar" serve > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$port/healthz" >/dev/null || { cat "$work/server.log"; exit 1; }
live() { jcmd "$server" GC.class_histogram | awk '/^Total/ { printf "%.1f", $3 / 1048576 }'; }
rss() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$server/status"; }
echo "# $(date -u +%FT%TZ) $(nproc) cores, commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown); ${JAVA_OPTS--Xmx256m -XX:+UseG1GC}; $total requests, $conns connections"
printf '%12s %10s %8s %8s  %s\n' requests req/s live-MB rss-MB 'answers of the slice (404, 401 and 429 expected)'
echo "$(printf '%12d %10s %8s %8s' 0 - "$(live)" "$(rss)")"
sent=0
base=""
secs=${SLICE_SECONDS:-60}
while [ "$sent" -lt "$total" ]; do
  out=$(wrk -t2 -c"$conns" -d"${secs}s" -s scripts/unique.lua --timeout 10s "http://127.0.0.1:$port")
  n=$(echo "$out" | grep -oE '^ +[0-9]+ requests in' | grep -oE '[0-9]+')
  sent=$((sent + n))
  odd=$(echo "$out" | grep -oE 'Non-2xx or 3xx responses: [0-9]+' | grep -oE '[0-9]+$' || echo 0)
  errors=$(echo "$out" | grep -E 'Socket errors' | sed 's/^ *//' || true)
  heap=$(live)
  printf '%12d %10d %8s %8s  %s non-2xx %s\n' "$sent" $((n / secs)) "$heap" "$(rss)" "$odd" "$errors"
  if [ -n "$base" ]; then
    highest=$(echo "$heap $highest" | awk '{ print ($1 > $2) ? $1 : $2 }')
  elif [ "$sent" -ge $((total / 5)) ]; then
    base=$heap
    highest=$heap
  fi
done
echo "live heap after 20% of the requests: $base MB; highest after that: $highest MB ($(echo "scale=2; $highest / $base" | bc)x); at the end: $heap MB"
grep -E "OutOfMemory|Exception" "$work/server.log" | head -5 || true
