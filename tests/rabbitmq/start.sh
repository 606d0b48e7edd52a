#!/usr/bin/env bash
# Starts a throwaway RabbitMQ node on 127.0.0.1 for the broker proofs and prints two lines: the node's
# directory (pass it to stop.sh) and an AMQP URI. Data, logs, the Erlang cookie and the node name are the
# node's own, so it neither sees nor disturbs another RabbitMQ on the machine. Installs Debian's
# rabbitmq-server package first when it is missing and this runs as root.
set -euo pipefail

bin=/usr/lib/rabbitmq/bin
if [ ! -x "$bin/rabbitmq-server" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing rabbitmq-server from Debian's packages" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rabbitmq-server >&2
  else
    echo "RabbitMQ not found; install rabbitmq-server (Debian: apt-get install rabbitmq-server) or set RACE_RABBITMQ_URI" >&2
    exit 1
  fi
fi

free_port() {
  local port=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

dir=$(mktemp -d /tmp/raceanalyzers-rabbitmq.XXXXXX)
# Below 32768, outside Linux's range of ephemeral ports: a port in that range can be taken at any moment as the
# local end of an outgoing connection (the node's own to epmd), which no check for a listener sees.
port=$(free_port 25673)
dist=$(free_port $((port + 100)))
epmd=$(free_port 24369)
node="race$(basename "$dir" | tr -dc 'a-zA-Z0-9')@localhost"
cat > "$dir/env" <<ENV
export HOME="$dir"
export RABBITMQ_NODENAME="$node"
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_NODE_PORT=$port
export RABBITMQ_DIST_PORT=$dist
export ERL_EPMD_PORT=$epmd
export ERL_EPMD_ADDRESS=127.0.0.1
export RABBITMQ_MNESIA_BASE="$dir/mnesia"
export RABBITMQ_LOG_BASE="$dir/log"
export RABBITMQ_PID_FILE="$dir/node.pid"
export RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins"
export RABBITMQ_CONFIG_FILE="$dir/rabbitmq"
ENV
echo "[]." > "$dir/enabled_plugins"
echo "log.console = false" > "$dir/rabbitmq.conf"
mkdir -p "$dir/mnesia" "$dir/log"

# shellcheck disable=SC1091
source "$dir/env"
"$bin/rabbitmq-server" -detached >/dev/null 2>&1
# The node answers only once it has registered with epmd: ask again until it does (two minutes at most).
started=""
for _ in $(seq 1 60); do
  if "$bin/rabbitmqctl" -n "$node" await_startup --timeout 10 >/dev/null 2>&1; then started=1; break; fi
  sleep 2
done
if [ -z "$started" ]; then
  echo "RabbitMQ did not start; its log:" >&2
  tail -n 40 "$dir"/log/* >&2 || true
  bash "$(dirname "$0")/stop.sh" "$dir" # the node may be half up, and its epmd is
  exit 1
fi

echo "$dir"
echo "amqp://guest:guest@127.0.0.1:$port/"
