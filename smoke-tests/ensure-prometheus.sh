#!/usr/bin/env bash
# Makes sure Prometheus is at /usr/bin/prometheus (the metrics smoke tests and demo.sh --metrics
# start their own, on a free loopback port): installs Debian's prometheus package when it is
# missing, and never leaves its system service running.
set -euo pipefail

if [[ ! -x /usr/bin/prometheus ]]; then
  echo "Installing prometheus..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  # policy-rc.d answers 101 ("not allowed") so the package's postinst starts no service.
  policy=/usr/sbin/policy-rc.d
  if [[ ! -e "$policy" ]]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy"
    chmod +x "$policy"
    trap 'rm -f "$policy"' EXIT
  fi
  apt-get install -y -q --no-install-recommends prometheus
fi
echo "Prometheus: $(/usr/bin/prometheus --version 2>&1 | head -1)"
