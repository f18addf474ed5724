#!/usr/bin/env bash
# Makes sure a RabbitMQ broker answers on 127.0.0.1:5672: starts rabbitmq-server (installing the
# Debian package first if needed) when nothing listens there, then waits up to about 60 s. Then
# makes sure its stream plugin is on (the Stream Java client's port, 127.0.0.1:5552), which the
# stream smoke tests need; enabling it again is harmless.
set -euo pipefail

port_open() {
  (exec 3<>/dev/tcp/127.0.0.1/"${1:-5672}") 2>/dev/null
}

ensure_stream_plugin() {
  if port_open 5552; then
    echo "RabbitMQ Streams answer on 127.0.0.1:5552"
    return 0
  fi
  if ! command -v rabbitmq-plugins >/dev/null 2>&1; then
    echo "rabbitmq-plugins not found: cannot enable rabbitmq_stream (the stream tests will fail)" >&2
    return 0
  fi
  echo "Enabling the rabbitmq_stream plugin..."
  rabbitmq-plugins enable rabbitmq_stream >/dev/null
  local deadline=$((SECONDS + 30))
  until port_open 5552; do
    if (( SECONDS >= deadline )); then
      echo "RabbitMQ Streams did not answer on 127.0.0.1:5552 within 30 s" >&2
      exit 1
    fi
    sleep 1
  done
  echo "RabbitMQ Streams answer on 127.0.0.1:5552"
}

if port_open; then
  echo "RabbitMQ answers on 127.0.0.1:5672"
  ensure_stream_plugin
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
ensure_stream_plugin
