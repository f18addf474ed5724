#!/usr/bin/env bash
# The overhead benchmark, from the repository root:
#   smoke-tests/benchmark.sh                                  # 5 rounds, roundtrip 20000 x 256 B
#   smoke-tests/benchmark.sh --rounds=2 --messages=2000 --chain-messages=500   # a quick look
#   SKIP_BUILD=1 smoke-tests/benchmark.sh ...                 # reuse what the last build left
# Runs the Workload app with no agent, with Warren and with the OpenTelemetry Java agent,
# interleaved, against the local broker and one Zipkin; prints a markdown table and writes it
# to smoke-tests/target/benchmark.md (raw runs: smoke-tests/target/benchmark-runs.csv).
set -euo pipefail
cd "$(dirname "$0")/.."

smoke-tests/ensure-rabbitmq.sh
if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  echo "Building (mvn -B -q -DskipTests install)..."
  mvn -B -q -DskipTests install
fi

# Zipkin keeps spans in memory; each run's spans are counted right after it, so Zipkin only has
# to hold about one run (at most 60000 spans: 20000 messages x publish, process, ack) and may
# forget older ones. More would not fit the 384 MB heap the harness gives it.
export MEM_MAX_SPANS="${MEM_MAX_SPANS:-70000}"

exec java -cp "smoke-tests/target/classes:$(cat smoke-tests/target/harness-classpath.txt)" \
  io.warren.smoketest.bench.OverheadBenchmark "$@"
