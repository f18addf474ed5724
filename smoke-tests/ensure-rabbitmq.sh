#!/usr/bin/env bash
# Makes sure a RabbitMQ broker answers on 127.0.0.1:5672: starts rabbitmq-server (installing the
# Debian package first if needed) when nothing listens there, then waits up to about 60 s.
set -euo pipefail

port_open() {
  (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null
}

if port_open; then
  echo "RabbitMQ answers on 127.0.0.1:5672"
  exit 0
fi

if ! command -v rabbitmq-server >/dev/null 2>&1; then
  echo "Installing rabbitmq-server..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q rabbitmq-server
fi

if ! port_open; then  # the package's install step may already have started it
  echo "Starting rabbitmq-server..."
  rabbitmq-server -detached || true
fi

deadline=$((SECONDS + 60))
until port_open; do
  if (( SECONDS >= deadline )); then
    echo "RabbitMQ did not answer on 127.0.0.1:5672 within 60 s" >&2
    exit 1
  fi
  sleep 1
done
if command -v rabbitmqctl >/dev/null 2>&1; then
  timeout $((deadline - SECONDS > 5 ? deadline - SECONDS : 5)) rabbitmqctl await_startup >/dev/null || true
fi
echo "RabbitMQ answers on 127.0.0.1:5672"
