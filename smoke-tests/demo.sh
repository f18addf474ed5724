#!/usr/bin/env bash
# The Warren demo, as a newcomer would run it from the repository root:
#   smoke-tests/demo.sh               # build, trace two services, print the trace, stop Zipkin
#   smoke-tests/demo.sh --keep-zipkin # same, but leave Zipkin running to browse the UI
set -euo pipefail
cd "$(dirname "$0")/.."

smoke-tests/ensure-rabbitmq.sh
echo "Building the agent (mvn -B -q -DskipTests package)..."
mvn -B -q -Dstyle.color=never -DskipTests package

exec java -cp "smoke-tests/target/classes:$(cat smoke-tests/target/harness-classpath.txt)" \
  io.warren.smoketest.Demo "$@"
