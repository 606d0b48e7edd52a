#!/usr/bin/env bash
# Stops and removes a server started by start.sh: stop.sh DIRECTORY
set -u
dir=${1:?directory}
[ -f "$dir/redis.pid" ] && kill "$(cat "$dir/redis.pid")" >/dev/null 2>&1
sleep 0.2
rm -rf "$dir"
