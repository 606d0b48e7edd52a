#!/usr/bin/env bash
# Stops and removes a cluster started by start.sh: stop.sh DATA_DIRECTORY
set -u
data=${1:?data directory}
bin=""
for dir in /usr/lib/postgresql/*/bin; do [ -x "$dir/pg_ctl" ] && bin=$dir; done
[ -n "$bin" ] || bin=$(dirname "$(readlink -f "$(command -v pg_ctl)")")
run=()
[ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
"${run[@]}" "$bin/pg_ctl" -D "$data/db" -m fast -w stop >/dev/null 2>&1 || true
rm -rf "$data"
