#!/usr/bin/env bash
# JMH: minting a code URL (sign + encode) versus Bouncy Castle's raw Ed25519 sign, both on 2 threads.
# Usage: scripts/bench-mint.sh [extra JMH options]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
exec java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" org.openjdk.jmh.Main \
  'dev.touchmark.bench.MintBenchmark' -t 2 -f 1 -wi 3 -w 3s -i 5 -r 5s "$@"
