#!/usr/bin/env bash
# Called by infra/local/run.sh: start the SaaS contract fakes (HubSpot, UniFi Access, NinjaOne,
# ClubOS V3) on loopback in the background, seed the HubSpot fake with the demo members'
# contacts, write .run/endpoints.extra.json and print the SAM parameter overrides (Key=Value,
# one per line, on stdout) that point the deployed functions at the fakes.
# infra/local/stop-extras.sh stops them.
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
