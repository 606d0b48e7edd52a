#!/usr/bin/env bash
# Starts a throwaway Redis server on 127.0.0.1 for the Pub/Sub proof and prints two lines: its directory
# (pass it to stop.sh) and a StackExchange.Redis configuration string. Nothing is persisted. Installs Debian's
# redis-server package first when it is missing and this runs as root.
set -euo pipefail

if ! command -v redis-server >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing redis-server from Debian's packages" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >&2
  else
    echo "Redis not found; install redis-server (Debian: apt-get install redis-server) or set RACE_REDIS" >&2
    exit 1
  fi
fi

# Below 32768, outside Linux's range of ephemeral ports: a port in that range can be taken at any moment as the
# local end of an outgoing connection (the node's own to epmd), which no check for a listener sees.
port=26379
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
dir=$(mktemp -d /tmp/raceanalyzers-redis.XXXXXX)
redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
  --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >/dev/null
for _ in $(seq 1 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done
echo "$port" > "$dir/port"
echo "$dir"
echo "127.0.0.1:$port"
