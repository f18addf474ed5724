#!/usr/bin/env bash
# The overhead benchmark, from the repository root:
#   smoke-tests/benchmark.sh                                  # 5 rounds, roundtrip 20000 x 256 B
#   smoke-tests/benchmark.sh --rounds=2 --messages=2000 --chain-messages=500 --spring-messages=1000
#                                                             # a quick look
#   SKIP_BUILD=1 smoke-tests/benchmark.sh ...                 # reuse what the last build left
#   smoke-tests/benchmark.sh --rounds=3 --steady --steady.rounds=3 --steady.warmup=20 --steady.window=30
#                                   # both benchmarks, one after the other: burst and start-up, then
#                                   # steady state (steady-benchmark.sh; its options as --steady.X)
# Runs the Workload app, and the Spring Boot 3 sample app (role bench, as a fat jar), with no
# agent, with Warren (to Zipkin, and over OTLP to a receiver inside the benchmark's JVM) and with
# the OpenTelemetry Java agent, interleaved, against the local broker and one Zipkin; prints a markdown table and writes it to smoke-tests/target/benchmark.md (raw
# runs: smoke-tests/target/benchmark-runs.csv).
set -euo pipefail
cd "$(dirname "$0")/.."

burst_args=()
steady_args=()
steady=0
for arg in "$@"; do
  case "$arg" in
    --steady) steady=1 ;;
    --steady.*) steady=1; steady_args+=("--${arg#--steady.}") ;;
    *) burst_args+=("$arg") ;;
  esac
done

# Builds the agent, the Workload (smoke-tests/target/classes) and, in the same reactor, the
# Spring Boot fat jar smoke-tests/spring-boot-3-app/target/spring-app.jar: that module skips
# install, but install still runs its package phase, where spring-boot:repackage makes the jar.
source smoke-tests/bench-prepare.sh
bench_prepare install smoke-tests/spring-boot-3-app/target/spring-app.jar

# Zipkin keeps spans in memory; each run's spans are counted right after it, so Zipkin only has
# to hold about one run (at most 60000 spans: 20000 messages x publish, process, ack) and may
# forget older ones. More would not fit the 384 MB heap the harness gives it.
export MEM_MAX_SPANS="${MEM_MAX_SPANS:-70000}"

java -cp "smoke-tests/target/classes:$(cat smoke-tests/target/harness-classpath.txt)" \
  io.warren.smoketest.bench.OverheadBenchmark ${burst_args[@]+"${burst_args[@]}"}
if [[ "$steady" == "1" ]]; then
  SKIP_BUILD=1 smoke-tests/steady-benchmark.sh ${steady_args[@]+"${steady_args[@]}"}
fi
