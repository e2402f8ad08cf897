#!/usr/bin/env bash
# Crash test of the scan log: the packaged server (target/touchmark.jar) on embedded H2, on PostgreSQL at
# 127.0.0.1:5432 (a fresh database, dropped at the end) or both, under verification load from a few clients, is killed
# with SIGKILL (kill -9) at random moments, about one kill in ten while it is still starting, and started again each time.
# After every start it checks that every scan answered 200 so far is in scan_event, and it ends with one line per
# database for docs/benchmarks.md: stores opened, scans answered, scans recorded, answered scans missing.
#
# Usage: scripts/crash-test.sh [--db h2|postgres|both] [--kills N] [--clients N] [--start-kills PERCENT] [--seed N]
#   defaults: --db h2 --kills 100 --clients 8 --start-kills 10. A short run, e.g. for CI: scripts/crash-test.sh --kills 3
#   (about a minute per database after the build). Every kill costs a restart: 5-20 s on two busy cores.
# JAVA_OPTS sets the server JVM's options (default: the ones docs/operations.md recommends for serving).
# Logs of every start are kept in target/crash-test/<db>-<time>/. Exit status 1 when a store did not open or an
# answered scan is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

dbs=h2
pass=()
while [ $# -gt 0 ]; do
  case "$1" in
    --db) dbs=$2; shift 2 ;;
    --kills|--clients|--start-kills|--seed) pass+=("$1" "$2"); shift 2 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$dbs" in
  h2|postgres) ;;
  both) dbs="h2 postgres" ;;
  *) echo "--db must be h2, postgres or both" >&2; exit 2 ;;
esac

if [ ! -f target/touchmark.jar ] || [ ! -d target/test-classes ] \
   || [ -n "$(find src pom.xml -newer target/touchmark.jar -print -quit)" ]; then
  mvn -B -q -DskipTests package
fi
if [ ! -f target/test-classpath.txt ] || [ pom.xml -nt target/test-classpath.txt ]; then
  mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
fi
cp="target/test-classes:target/classes:$(cat target/test-classpath.txt)"

status=0
summaries=()
for db in $dbs; do
  log=$(mktemp)
  java -Xmx512m -cp "$cp" dev.touchmark.bench.CrashLoop --db "$db" "${pass[@]}" | tee "$log" || status=1
  summaries+=("$(grep '^crash-test ' "$log" || echo "crash-test $db: no summary (the run failed, see above)")")
  rm -f "$log"
done
echo
echo "# $(date -u +%FT%TZ), $(nproc) cores, commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
printf '%s\n' "${summaries[@]}"
exit $status
