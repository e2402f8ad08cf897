#!/usr/bin/env bash
# Builds the jar if needed and starts Touchmark with demo data on embedded H2 (data in ./data).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f target/touchmark.jar ] || [ -n "$(find src pom.xml -newer target/touchmark.jar -print -quit)" ]; then
  mvn -B -q -DskipTests package
fi
# ZGC: garbage-collection pauses under a millisecond (docs/operations.md, JVM settings).
exec java -XX:+UseZGC -jar target/touchmark.jar demo "$@"
