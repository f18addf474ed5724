#!/usr/bin/env bash
# RabbitMQ's own load tool, PerfTest, as the benchmark's second workload, from the repository root:
#   smoke-tests/perftest-benchmark.sh                       # 3 rounds of 30 s at 2000 msg/s
#   smoke-tests/perftest-benchmark.sh --rounds=6 --seconds=60
#   SKIP_BUILD=1 smoke-tests/perftest-benchmark.sh ...      # reuse what the last build left
# Runs PerfTest (1 producer at --rate msg/s, 1 consumer, --size B messages, --rate x --seconds
# messages, PerfTest's defaults otherwise, the JVM's default heap) with no agent, with Warren and
# with the OpenTelemetry Java agent, interleaved, against the local broker, each run with a Zipkin
# of its own; prints a markdown table and writes it to smoke-tests/target/perftest-benchmark.md
# (raw runs: smoke-tests/target/perftest-benchmark-runs.csv). Options: --rounds=3 --seconds=30
# --rate=2000 --size=256. PerfTest and its jars come from smoke-tests/perftest/pom.xml.
set -euo pipefail
cd "$(dirname "$0")/.."

source smoke-tests/bench-prepare.sh
bench_prepare package smoke-tests/target/zipkin/zipkin-server.jar
if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  echo "Building PerfTest (mvn -B -q -f smoke-tests/perftest/pom.xml package)..."
  mvn -B -q -f smoke-tests/perftest/pom.xml package
fi
if [[ ! -e smoke-tests/target/perftest ]]; then
  echo "smoke-tests/target/perftest is missing: build with mvn -B -f smoke-tests/perftest/pom.xml package" >&2
  exit 1
fi

exec java -cp "smoke-tests/target/classes:$(cat smoke-tests/target/harness-classpath.txt)" \
  io.warren.smoketest.bench.PerfTestBenchmark "$@"
