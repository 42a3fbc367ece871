#!/usr/bin/env bash
# The local stand-in for API Gateway's WebSocket API (infra/fakes/live_gateway), for make run.
#   live-gateway.sh start <localstack-endpoint> <stack-name>
#       starts it in the background (ports: LIVE_WS_PORT / LIVE_HTTP_PORT, default free ones),
#       writes .run/endpoints.live.json and prints the SAM parameter override
#       (LiveManagementEndpoint=...) on stdout. It calls the stack's LiveFunction, looked up on
#       the first connection, so it can start before the stack is deployed.
#   live-gateway.sh stop
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
PY="$ROOT/.venv/bin/python"
RUN="$ROOT/.run"
PIDFILE="$RUN/live.pid"
URLS="$RUN/live.json"
LOG="$RUN/live.log"
mkdir -p "$RUN"
log() { printf '[live] %s\n' "$*" >&2; }

running() { [[ -f "$PIDFILE" ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

case "${1:-}" in
start)
    endpoint="$2" stack="$3"
    if running && [[ -s "$URLS" ]]; then
        log "already running (pid $(cat "$PIDFILE"))"
    else
        rm -f "$URLS" "$PIDFILE"
        nohup "$PY" -m live_gateway --localstack "$endpoint" --stack-name "$stack" \
            --ws-port "${LIVE_WS_PORT:-0}" --http-port "${LIVE_HTTP_PORT:-0}" \
            --urls-file "$URLS" --pidfile "$PIDFILE" >"$LOG" 2>&1 </dev/null &
        for _ in $(seq 1 100); do
            [[ -s "$URLS" && -s "$PIDFILE" ]] && break
            sleep 0.1
        done
        [[ -s "$URLS" ]] || { log "did not start; see $LOG"; exit 1; }
        log "started (pid $(cat "$PIDFILE")), URLs in $URLS"
    fi
    # .run/endpoints.json takes this file in under "live" (booking_cli.local endpoints).
    printf '{"live": %s}\n' "$(cat "$URLS")" >"$RUN/endpoints.live.json"
    echo "LiveManagementEndpoint=$("$PY" -m booking_cli.local stack-output "$URLS" management_url)"
    ;;
stop)
    if running; then
        pid="$(cat "$PIDFILE")"
        if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'live_gateway'; then
            kill -TERM "$pid"
            for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
            kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
            log "stopped (pid $pid)"
        fi
    fi
    rm -f "$PIDFILE" "$URLS" "$RUN/endpoints.live.json"
    ;;
*)
    echo "usage: $0 start <localstack-endpoint> <stack-name> | stop" >&2
    exit 2
    ;;
esac
