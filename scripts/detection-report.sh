#!/usr/bin/env bash
# Detection quality: generates a month of scans with known truth (genuine shoppers, families, resellers, tourists,
# a clone ring, a diverted batch, a printer leak, forged codes) and, over several seeds, the adversarial patterns of
# issue 24 (slow clones, unscanned-owner clones, cookie-carrying fakes, fakes checked without a device id, printer
# overrun, duplicate print run, laundered and thin diversion) with multi-browser households; replays each against a
# real server on a fresh H2 database with a simulated clock, and rewrites docs/detection.md.
# Usage: scripts/detection-report.sh [--seed N] [--genuine-codes N] [--seeds N|A,B,C] [--pattern-codes N]
#        [--no-month] [--no-adversarial] [--strict]
# About 2.5 minutes for the month and 1 minute per adversarial seed on 2 cores (about 6 minutes by default).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
cp="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
exec java -Xmx768m -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$cp" dev.touchmark.detection.DetectionReport \
  --out docs/detection.md "$@"
