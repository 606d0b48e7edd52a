#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1 for the integration tests and prints two lines:
# the cluster's data directory (pass it to stop.sh) and an Npgsql connection string.
# Installs Debian's postgresql package first when no server binaries are found and this runs as root.
set -euo pipefail

find_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
  done
  if command -v initdb >/dev/null 2>&1; then dirname "$(readlink -f "$(command -v initdb)")"; return 0; fi
  return 1
}

bin=$(find_bin || true)
if [ -z "$bin" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing postgresql from Debian's packages" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    bin=$(find_bin)
  else
    echo "PostgreSQL server binaries not found; install postgresql (Debian: apt-get install postgresql) or set RACE_PG_CONNECTION" >&2
    exit 1
  fi
fi

# A free port on loopback, from 25432 up.
# Below 32768, outside Linux's range of ephemeral ports: a port in that range can be taken at any moment as the
# local end of an outgoing connection (the node's own to epmd), which no check for a listener sees.
port=25432
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done

data=$(mktemp -d /tmp/raceanalyzers-pg.XXXXXX)
run=()
if [ "$(id -u)" = 0 ]; then
  # initdb refuses to run as root: the cluster belongs to the postgres user (the package creates it).
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$data"
  run=(runuser -u postgres --)
fi

"${run[@]}" "$bin/initdb" -D "$data/db" -A trust -U race --no-sync >/dev/null
"${run[@]}" "$bin/pg_ctl" -D "$data/db" -l "$data/db/server.log" -w -t 60 \
  -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null

echo "$data"
echo "Host=127.0.0.1;Port=$port;Username=race;Database=postgres;Pooling=true;Maximum Pool Size=100"
