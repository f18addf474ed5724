#!/usr/bin/env bash
# The steady-state overhead benchmark, from the repository root:
#   smoke-tests/steady-benchmark.sh                  # 1000, 2000, 4000 msg/s x 6 rounds, 30 s + 60 s
#   smoke-tests/steady-benchmark.sh --rates=500,1000 --rounds=2 --warmup=5 --window=10
#                                                    # a quick look
#   SKIP_BUILD=1 smoke-tests/steady-benchmark.sh ... # reuse what the last build left
# Runs the SteadyWorkload app at fixed rates with no agent, with Warren and with the OpenTelemetry
# Java agent, interleaved, against the local broker and one Zipkin; prints a markdown table and
# writes it to smoke-tests/target/steady-benchmark.md (raw runs:
# smoke-tests/target/steady-benchmark-runs.csv). The burst benchmark is smoke-tests/benchmark.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

# Builds the agent jar, the workload (smoke-tests/target/classes) and copies the OpenTelemetry
# agent and Zipkin jars into smoke-tests/target.
source smoke-tests/bench-prepare.sh
bench_prepare package smoke-tests/target/zipkin/zipkin-server.jar

exec java -cp "smoke-tests/target/classes:$(cat smoke-tests/target/harness-classpath.txt)" \
  io.warren.smoketest.bench.SteadyStateBenchmark "$@"
