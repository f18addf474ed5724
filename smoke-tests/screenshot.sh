#!/usr/bin/env bash
# Retakes the README's screenshot, docs/zipkin-trace.png: runs the demo (demo.sh; its options
# apply, e.g. --no-build) and has headless Chromium (ensure-chromium.sh) capture the first trace's
# page in Zipkin's UI before Zipkin stops. With --metrics, also docs/prometheus-graph.png:
# Prometheus's graph of the demo's handling-time p99.
set -euo pipefail
cd "$(dirname "$0")/.."

smoke-tests/ensure-chromium.sh
mkdir -p docs
extra=()
for arg in "$@"; do
  if [[ "$arg" == --metrics ]]; then
    extra+=(--metrics-screenshot=docs/prometheus-graph.png)
  fi
done
exec smoke-tests/demo.sh --screenshot=docs/zipkin-trace.png "${extra[@]}" "$@"
