#!/usr/bin/env bash
# Builds the jar if needed and starts Touchmark with demo data on embedded H2 (data in ./data).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f target/touchmark.jar ] || [ -n "$(find src pom.xml -newer target/touchmark.jar -print -quit)" ]; then
  mvn -B -q -DskipTests package
fi
exec java -jar target/touchmark.jar demo "$@"
