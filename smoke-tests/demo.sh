#!/usr/bin/env bash
# The Warren demo, as a newcomer would run it from the repository root:
#   smoke-tests/demo.sh               # build, send 3 HTTP requests through three traced services, print
#                                     # one trace per request, stop Zipkin
#   smoke-tests/demo.sh --keep-zipkin # same, but leave Zipkin running to browse the UI
# It needs only Java (and Maven for the build): it uses the AMQP broker that answers on
# 127.0.0.1:5672, or else starts an embedded AMQP 0-9-1 broker (Apache Qpid Broker-J, in memory,
# inside the demo's JVM) there for the run. Other options:
#   --amqp-port=N  the broker's port on 127.0.0.1 (default 5672)
#   --rabbitmq     first make sure RabbitMQ runs on 5672 (smoke-tests/ensure-rabbitmq.sh installs
#                  and starts it if needed) instead of using the embedded broker
#   --no-build     skip the Maven build (everything is built already)
#   --metrics      also start Prometheus (smoke-tests/ensure-prometheus.sh installs it if needed),
#                  turn on the services' metrics endpoints, and print the consumer's handling-time
#                  p99 as Prometheus has it (opt in: without it the demo needs only Java)
#   --screenshot=FILE, --metrics-screenshot=FILE, --messages=N, --queue=NAME: see
#                  io.warren.smoketest.Demo
set -euo pipefail
cd "$(dirname "$0")/.."

rabbitmq=false
metrics=false
build=true
demo_args=()
for arg in "$@"; do
  case "$arg" in
    --rabbitmq) rabbitmq=true ;;
    --no-build) build=false ;;
    --metrics) metrics=true; demo_args+=("$arg") ;;
    --amqp-port=*)
      if ! [[ "${arg#--amqp-port=}" =~ ^[0-9]+$ ]]; then
        echo "demo.sh: --amqp-port needs a port number, got: $arg" >&2
        exit 2
      fi
      demo_args+=("$arg") ;;
    *) demo_args+=("$arg") ;;
  esac
done

if [[ "$rabbitmq" == true ]]; then
  for arg in "${demo_args[@]}"; do
    if [[ "$arg" == --amqp-port=* && "$arg" != --amqp-port=5672 ]]; then
      echo "demo.sh: --rabbitmq runs RabbitMQ on port 5672 only, not with $arg" >&2
      exit 2
    fi
  done
  smoke-tests/ensure-rabbitmq.sh
fi
if [[ "$metrics" == true ]]; then
  smoke-tests/ensure-prometheus.sh
fi
if [[ "$build" == true ]]; then
  echo "Building the agent (mvn -B -q -DskipTests package)..."
  mvn -B -q -Dstyle.color=never -DskipTests package
fi

exec java -cp "smoke-tests/target/classes:$(cat smoke-tests/target/harness-classpath.txt)" \
  io.warren.smoketest.Demo "${demo_args[@]}"
