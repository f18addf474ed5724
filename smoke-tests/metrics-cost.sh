#!/usr/bin/env bash
# What recording messaging metrics costs per message, from the repository root:
#   smoke-tests/metrics-cost.sh                      # 4000 msg/s, 2 s phases, 160 s window
#   smoke-tests/metrics-cost.sh 4000 2000 160 -Dwarren.messaging.origin.header=false
#   SKIP_BUILD=1 smoke-tests/metrics-cost.sh ...     # reuse what the last build left
# Runs the steady benchmark's workload (SteadyWorkload: a publisher at a fixed rate, a consumer
# acking each message) in one JVM with Warren, spans made but not exported, and metrics on; in the
# window, MetricsToggle takes the metrics backend out and puts it back every PHASE_MS, and prints
# the CPU per message metrics add (application threads, and whole process): the median and the
# mean with its 95 % interval over the pairs of neighbouring phases. Extra arguments are JVM
# options for the workload (Warren settings, say).
set -euo pipefail
cd "$(dirname "$0")/.."
rate="${1:-4000}"
phase_ms="${2:-2000}"
window_s="${3:-160}"
shift $(( $# < 3 ? $# : 3 ))

source smoke-tests/bench-prepare.sh
bench_prepare package

result=$(java -javaagent:agent/target/warren-agent.jar -Dotel.service.name=metrics-cost \
  -Dotel.traces.exporter=none -Dotel.metrics.exporter=prometheus \
  -Dotel.exporter.prometheus.host=127.0.0.1 -Dotel.exporter.prometheus.port=0 \
  -Dbench.metrics-toggle-ms="$phase_ms" "$@" \
  -cp "smoke-tests/target/classes:$(cat smoke-tests/target/harness-classpath.txt)" \
  io.warren.smoketest.bench.SteadyWorkload "$rate" 20 "$window_s" | grep '^STEADY ')
python3 - "$result" "$rate" <<'PY'
import json, sys
r = json.loads(sys.argv[1].split(' ', 1)[1])
print(f"{sys.argv[2]} msg/s, {r['toggleAppPairs']} pairs of phases: metrics on add per message")
for what, label in (("App", "application threads"), ("Process", "whole process")):
    print(f"  {label}: median {r[f'toggle{what}AddedMedianUs']:+.2f} µs, mean "
          f"{r[f'toggle{what}AddedMeanUs']:+.2f} µs (95 % interval {r[f'toggle{what}AddedLowUs']:+.2f} "
          f"to {r[f'toggle{what}AddedHighUs']:+.2f})")
print(f"  (whole run: {r['cpuPerMsgUs']:.1f} µs per message; kept up: {r['keptUp']})")
PY
