#!/usr/bin/env bash
# What the java-concurrent module adds per hand-off of work to another thread
# (ExecutorHandOffBenchmark), in a JVM without the agent and in one with it:
#   benchmarks/run-handoff-jmh.sh                 # build the jars if missing, run both
#   benchmarks/run-handoff-jmh.sh -i 10 -f 2      # JMH options instead of the short default
#   REBUILD=1 benchmarks/run-handoff-jmh.sh       # rebuild them first
# The agent sends spans nowhere (otel.traces.exporter=none): only the context travels here.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=benchmarks/target/warren-benchmarks.jar
agent=agent/target/warren-agent.jar
if [[ ! -f "$jar" || ! -f "$agent" || "${REBUILD:-0}" == "1" ]]; then
  echo "Building $jar and $agent (mvn -B -q -DskipTests package -pl benchmarks,agent/packaging -am)..."
  mvn -B -q -DskipTests package -pl benchmarks,agent/packaging -am
fi

options=("$@")
if [[ ${#options[@]} -eq 0 ]]; then
  options=(-wi 3 -w 1s -i 5 -r 1s -f 1)
fi

# The agent's jar first on the class path, as -javaagent puts it there: the benchmarks' jar holds
# unshaded copies of the agent's classes, which must not stand in for the agent's own.
run() {
  local label=$1 jvm_args=$2
  echo "==> $label"
  java -cp "$agent:$jar" org.openjdk.jmh.Main -prof gc "${options[@]}" -jvmArgsAppend "$jvm_args" \
      ExecutorHandOffBenchmark \
    | tee "benchmarks/target/handoff-$label.txt" \
    | grep -E '^(Benchmark|ExecutorHandOffBenchmark\.[a-zA-Z]+ |ExecutorHandOffBenchmark\.[a-zA-Z]+:gc\.alloc\.rate\.norm)'
}
run without-agent "-Dwarren.bench=without-agent"
run with-agent "-javaagent:$agent -Dotel.traces.exporter=none -Dotel.service.name=handoff-bench"
