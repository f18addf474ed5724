#!/usr/bin/env bash
# The HTTP-request-to-publish benchmark, from the repository root:
#   smoke-tests/http-benchmark.sh                         # 5 rounds, 20000 requests after 5000
#   smoke-tests/http-benchmark.sh --rounds=2 --requests=5000 --warmup=2000   # a quick look
#   SKIP_BUILD=1 smoke-tests/http-benchmark.sh ...        # reuse what the last build left
# Runs the HttpWorkload app (a JDK HttpServer whose handler publishes each request's body) with no
# agent, with Warren and with the OpenTelemetry Java agent, interleaved, against the local broker
# and one Zipkin, driven by a closed-loop HTTP client in the benchmark's JVM; prints a markdown
# table and writes it to smoke-tests/target/http-benchmark.md (raw runs:
# smoke-tests/target/http-benchmark-runs.csv). Options: --rounds=5 --requests=20000
# --warmup=5000 --concurrency=2 --size=256.
set -euo pipefail
cd "$(dirname "$0")/.."

source smoke-tests/bench-prepare.sh
bench_prepare package smoke-tests/target/zipkin/zipkin-server.jar

# Zipkin keeps spans in memory; each run's spans are counted right after it (at most 2 x 25000
# by default), so Zipkin only has to hold about one run.
export MEM_MAX_SPANS="${MEM_MAX_SPANS:-70000}"

exec java -cp "smoke-tests/target/classes:$(cat smoke-tests/target/harness-classpath.txt)" \
  io.warren.smoketest.bench.HttpBenchmark "$@"
