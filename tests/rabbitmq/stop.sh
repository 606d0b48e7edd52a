#!/usr/bin/env bash
# Stops and removes a node started by start.sh: stop.sh NODE_DIRECTORY
set -u
dir=${1:?node directory}
if [ -f "$dir/env" ]; then
  # shellcheck disable=SC1091
  source "$dir/env"
  timeout 60 /usr/lib/rabbitmq/bin/rabbitmqctl -n "$RABBITMQ_NODENAME" stop >/dev/null 2>&1 || true
  # The node's own epmd (on its own port) goes too.
  epmd -kill >/dev/null 2>&1 || true
fi
rm -rf "$dir"
