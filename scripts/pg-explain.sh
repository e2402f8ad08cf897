#!/usr/bin/env bash
# Times Touchmark's hot queries on a populated PostgreSQL database and prints their plans (docs/scaling.md, "Indexes").
# Usage: scripts/pg-explain.sh [database name prefix, default tm_explain]   (about 1.5 GB of disk per database, 2 x)
#
# Makes two databases with the same data (scripts/pg-explain/populate.sql, about 2 minutes): <prefix> with the
# portable migrations only (db/migration, what H2 also has) and <prefix>_pg with PostgreSQL's own on top
# (db/postgresql: partitioned scan log, alert indexes). Both are timed first without statistics (as a server
# with autovacuum off, or a table that grew faster than autovacuum analyses it, plans them), then after ANALYZE.
# Prints the milliseconds of one execution (planning included: a mean over up to 300 ms of runs) and the plans.
# Needs psql, createdb, dropdb; PGHOST/PGUSER as for any libpq tool (default 127.0.0.1, postgres).
set -euo pipefail
cd "$(dirname "$0")/.."
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
db=${1:-tm_explain}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dropdb --if-exists "$db"
dropdb --if-exists "${db}_pg"
createdb "$db"
for f in $(ls src/main/resources/db/migration/V*.sql | sort -V); do psql -q -v ON_ERROR_STOP=1 -d "$db" -f "$f"; done
psql -q -v ON_ERROR_STOP=1 -d "$db" -f scripts/pg-explain/populate.sql
createdb -T "$db" "${db}_pg"
for f in $(ls src/main/resources/db/postgresql/V*.sql | sort -V); do psql -q -v ON_ERROR_STOP=1 -d "${db}_pg" -f "$f"; done

run() { # database, output file: one "label|ms|plan" line per query
  local scan_id
  scan_id=$(psql -Atc "SELECT id FROM scan_event WHERE batch_id = 21 AND code_index = 14580 LIMIT 1" -d "$1")
  { cat scripts/pg-explain/bench.sql
    grep -v '^--' scripts/pg-explain/queries.sql | sed "s/:scan_id/$scan_id/" | while IFS='|' read -r label sql; do
      printf "SELECT pg_temp.bench(%s, %s);\n" "\$q\$$label\$q\$" "\$q\$$sql\$q\$"
    done
  } | psql -q -At -v ON_ERROR_STOP=1 -d "$1" > "$2"
}
run "$db" "$work/before-raw"
run "${db}_pg" "$work/after-raw"
psql -q -d "$db" -c ANALYZE
psql -q -d "${db}_pg" -c ANALYZE
run "$db" "$work/before-analysed"
run "${db}_pg" "$work/after-analysed"

echo "# $(date -u +%FT%TZ), $(psql -Atc 'SHOW server_version' -d "$db"), $(nproc) cores"
echo
echo "| query | V1-V8, no statistics | V1-V8, analysed | with db/postgresql, no statistics | with db/postgresql, analysed |"
echo "|---|---:|---:|---:|---:|"
paste -d'|' <(cut -d'|' -f1,2 "$work/before-raw") <(cut -d'|' -f2 "$work/before-analysed") \
  <(cut -d'|' -f2 "$work/after-raw") <(cut -d'|' -f2 "$work/after-analysed") | sed 's/|/ | /g; s/^/| /; s/$/ |/'
for state in before-raw before-analysed after-raw after-analysed; do
  echo
  echo "Plans, $state:"
  echo
  cut -d'|' -f1,3 "$work/$state" | sed 's/|/: /; s/^/- /'
done
