#!/usr/bin/env bash
# Detection quality: generates a month of scans with known truth (genuine shoppers, families, resellers, tourists,
# a clone ring, a diverted batch, a printer leak, forged codes), replays it against a real server on a fresh H2
# database with a simulated clock, and rewrites docs/detection.md with precision and recall per rule.
# Usage: scripts/detection-report.sh [--seed N] [--genuine-codes N] [--strict]  (about 2 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
cp="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
exec java -Xmx768m -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$cp" dev.touchmark.detection.DetectionReport \
  --out docs/detection.md "$@"
