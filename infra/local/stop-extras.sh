#!/usr/bin/env bash
# Called by infra/local/stop.sh: stop the SaaS fakes run-extras.sh started (by their pidfile).
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PIDFILE="$ROOT/.run/fakes.pid"
[[ -f "$PIDFILE" ]] || exit 0
pid="$(cat "$PIDFILE")"
if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null \
    && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'saas_fakes'; then
    kill -TERM "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    echo "[fakes] stopped (pid $pid)" >&2
fi
rm -f "$PIDFILE" "$ROOT/.run/endpoints.extra.json"
