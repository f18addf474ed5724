#!/usr/bin/env bash
# JMH microbenchmarks of Warren's per-message hot path (benchmarks), from anywhere:
#   benchmarks/run-jmh.sh                 # build the jar if missing, run all, -prof gc
#   benchmarks/run-jmh.sh -p tracer=otel  # extra arguments go to JMH
#   REBUILD=1 benchmarks/run-jmh.sh       # rebuild the jar first
# Short by default (3 warm-up and 5 measured iterations of 1 s, 1 fork): good for allocation per
# operation (gc.alloc.rate.norm, exact), rough for time per operation on a noisy machine.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=benchmarks/target/warren-benchmarks.jar
if [[ ! -f "$jar" || "${REBUILD:-0}" == "1" ]]; then
  echo "Building $jar (mvn -B -q -DskipTests package -pl benchmarks -am)..."
  mvn -B -q -DskipTests package -pl benchmarks -am
fi

out=benchmarks/target/jmh-result.txt
java -jar "$jar" -prof gc -wi 3 -w 1s -i 5 -r 1s -f 1 -rf json -rff benchmarks/target/jmh-result.json \
  "$@" 'io\.warren\.benchmarks\.(HotPath|ExecutorHandOff|Metrics)Benchmark' | tee "$out"

echo
echo "Allocated bytes per operation (gc.alloc.rate.norm):"
# Summary lines only ("Class.method:gc.alloc.rate.norm  param  avgt  cnt  score ± error  B/op").
grep -E '^[A-Za-z0-9_.]+:gc\.alloc\.rate\.norm ' "$out" \
  | awk '{ name = $1; sub(/:gc\.alloc\.rate\.norm$/, "", name); param = $2;
           $1 = $2 = $3 = $4 = ""; sub(/^ +/, ""); printf "  %-28s %-6s %s\n", name, param, $0 }'
