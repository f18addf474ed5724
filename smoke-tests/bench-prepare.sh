# Sourced by the benchmark scripts, from the repository root: makes sure the broker runs, builds
# what the benchmarks run (skipped with SKIP_BUILD=1), and stops with one clear line when a
# piece is missing.
#   bench_prepare GOAL FILE...   # GOAL: the mvn phase that builds them (package, or install
#                                # where a fat jar of the reactor is needed); FILE: what must exist
bench_prepare() {
  local goal="$1"
  shift
  smoke-tests/ensure-rabbitmq.sh
  if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
    echo "Building (mvn -B -q -DskipTests $goal)..."
    mvn -B -q -DskipTests "$goal"
  fi
  local built
  for built in agent/target/warren-agent.jar smoke-tests/target/otel/opentelemetry-javaagent.jar \
      smoke-tests/target/harness-classpath.txt "$@"; do
    if [[ ! -e "$built" ]]; then
      echo "$built is missing: build with mvn -B -DskipTests $goal (or run without SKIP_BUILD=1)" >&2
      exit 1
    fi
  done
}
