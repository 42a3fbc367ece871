#!/usr/bin/env bash
# The SaaS contract fakes (HubSpot, UniFi Access, NinjaOne, ClubOS V3) of `make run`.
#   fakes.sh start: start them on loopback in the background (once), seed them with the demo
#     members' contacts and the clubs' doors, write .run/endpoints.extra.json and print the SAM
#     parameter overrides (Key=Value, one per line, on stdout) that point the functions at them;
#   fakes.sh stop: stop them (by their pidfile).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
PY="$ROOT/.venv/bin/python"
RUN="$ROOT/.run"
PIDFILE="$RUN/fakes.pid"
URLS="$RUN/fakes.json"
LOG="$RUN/fakes.log"
mkdir -p "$RUN"
log() { printf '[fakes] %s\n' "$*" >&2; }

if [[ "${1:-start}" == "stop" ]]; then
    [[ -f "$PIDFILE" ]] || exit 0
    pid="$(cat "$PIDFILE")"
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null \
        && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'saas_fakes'; then
        kill -TERM "$pid"
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
        log "stopped (pid $pid)"
    fi
    rm -f "$PIDFILE" "$RUN/endpoints.extra.json"
    exit 0
fi

if [[ -f "$PIDFILE" ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null && [[ -f "$URLS" ]]; then
    log "already running (pid $(cat "$PIDFILE"))"
else
    rm -f "$URLS" "$PIDFILE"
    nohup "$PY" -m saas_fakes --host 127.0.0.1 --port-base 0 --urls-file "$URLS" --pidfile "$PIDFILE" \
        >"$LOG" 2>&1 </dev/null &
    for _ in $(seq 1 100); do
        [[ -s "$URLS" && -s "$PIDFILE" ]] && break
        sleep 0.1
    done
    [[ -s "$URLS" ]] || { log "fakes did not start; see $LOG"; exit 1; }
    log "started (pid $(cat "$PIDFILE")), URLs in $URLS"
fi

# Seed the fakes (demo contacts, the clubs' doors), keep the webhook secrets (made once per
# checkout, so restarts keep signatures valid) and print the overrides.
"$PY" -m booking_cli.local fakes "$URLS"
