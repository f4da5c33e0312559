#!/usr/bin/env bash
# A border post beside the demo HQ on one machine (see docs/operations.md).
# HQ: `make run` (var/, port 8000). This post: var/post/, port 8001, syncing every 10 s.
set -euo pipefail
BIN=${BIN:-.venv/bin}
HQ_VAR=${HQ_VAR:-$PWD/var}
POST_VAR=${POST_VAR:-$PWD/var/post}
HQ_URL=${HQ_URL:-http://127.0.0.1:8000}
POST_HOST=${POST_HOST:-127.0.0.1:8001}
NAME=${POST_NAME:-demo-post-air}

hq() { PASSAGE_DEBUG=1 PASSAGE_ROLE=hq PASSAGE_VAR_DIR="$HQ_VAR" "$BIN/passage" "$@"; }
post() { PASSAGE_DEBUG=1 PASSAGE_ROLE=node PASSAGE_VAR_DIR="$POST_VAR" "$BIN/passage" "$@"; }

mkdir -p "$POST_VAR"
post setup
post demo --crossings 0 --quiet-logins
if [ ! -s "$POST_VAR/joined" ]; then
    out=$(hq sync enrol "$NAME" --crossing-point UTO-AIR)
    node=$(printf '%s\n' "$out" | awk '/^node /{print $NF; exit}')
    key=$(printf '%s\n' "$out" | awk '/^key /{print $NF; exit}')
    post sync join --hq "$HQ_URL" --node "$node" --key="$key"
    echo "$node" > "$POST_VAR/joined"
fi
post sync --loop --interval 10 &
sync_pid=$!
trap 'kill "$sync_pid" 2>/dev/null || true' EXIT
echo
echo "The post is starting at http://$POST_HOST/ (officer / passage-demo); it syncs with $HQ_URL every 10 s."
post runserver "$POST_HOST"
