#!/usr/bin/env bash
# Run LocalStack in host mode (no Docker) with Python Lambdas executed as local processes.
#
# Usage: infra/local/localstack.sh start|stop|status|endpoint|logs
#   LOCALSTACK_PORT        port on 127.0.0.1 (default 4566); start fails if it is taken
#   LAMBDA_PROCESS_PYTHON  interpreter that runs the functions (default: the project's .venv)
#   LOCALSTACK_STATE_DIR   where pid, log and LocalStack's files live (default: .localstack)
# Needs infra/local/install.sh to have run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="${LOCALSTACK_STATE_DIR:-$ROOT/.localstack}"
VENV="$ROOT/.venvs/localstack"
PID_FILE="$STATE/localstack.pid"
PORT_FILE="$STATE/localstack.port"
LOG_FILE="$STATE/localstack.log"
START_TIMEOUT=60
STOP_GRACE=20

log() { printf '[localstack] %s\n' "$*" >&2; }
die() { printf '[localstack] ERROR: %s\n' "$*" >&2; exit 1; }

# PID of our LocalStack if it is running, else nothing (and a stale pid file is removed).
running_pid() {
    [[ -f "$PID_FILE" ]] || return 0
    local pid
    pid="$(cat "$PID_FILE")"
    # Check the command line too: after a reboot the PID may belong to something else.
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null \
        && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'localstack.runtime.main'; then
        echo "$pid"
    else
        rm -f "$PID_FILE"
    fi
}

endpoint() { echo "http://127.0.0.1:$(cat "$PORT_FILE")"; }

healthy() {
    "$VENV/bin/python" - "$1" <<'EOF'
import sys, urllib.request
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
try:
    with opener.open(sys.argv[1] + "/_localstack/health", timeout=2) as response:
        sys.exit(0 if response.status == 200 else 1)
except Exception:
    sys.exit(1)
EOF
}

port_free() {
    "$VENV/bin/python" - "$1" <<'EOF'
import socket, sys
with socket.socket() as s:
    # Like the server itself: a port left in TIME_WAIT by a previous run counts as free.
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        s.bind(("127.0.0.1", int(sys.argv[1])))
    except OSError:
        sys.exit(1)
EOF
}

start() {
    local pid port="${LOCALSTACK_PORT:-4566}"
    pid="$(running_pid)"
    if [[ -n "$pid" ]]; then
        log "already running (pid $pid) at $(endpoint)"
        endpoint
        return
    fi
    [[ -x "$VENV/bin/python" ]] || die "no LocalStack venv at $VENV: run infra/local/install.sh first"
    local function_python="${LAMBDA_PROCESS_PYTHON:-$ROOT/.venv/bin/python}"
    [[ -x "$function_python" ]] \
        || die "no interpreter for the functions at $function_python (set LAMBDA_PROCESS_PYTHON)"
    port_free "$port" || die "port $port on 127.0.0.1 is taken: stop what uses it or set LOCALSTACK_PORT"

    # LocalStack keeps no state across restarts here, so start from clean directories (the
    # unzipped code of every function version would otherwise pile up).
    rm -rf "$STATE/filesystem" "$STATE/tmp"
    mkdir -p "$STATE/filesystem" "$STATE/tmp"
    : >"$LOG_FILE"
    log "starting on 127.0.0.1:$port (log: $LOG_FILE)"
    local started=$SECONDS
    # Why each variable: see infra/localstack/README.md.
    env \
        GATEWAY_LISTEN="127.0.0.1:$port" \
        LOCALSTACK_HOST="127.0.0.1:$port" \
        OVERRIDE_IN_DOCKER=0 \
        FILESYSTEM_ROOT="$STATE/filesystem" \
        TMPDIR="$STATE/tmp" \
        DISABLE_EVENTS=1 \
        SKIP_SSL_CERT_DOWNLOAD=1 \
        SQS_ENDPOINT_STRATEGY=path \
        LAMBDA_RUNTIME_EXECUTOR=process \
        LAMBDA_PROCESS_PYTHON="$function_python" \
        setsid "$VENV/bin/python" -m localstack.runtime.main >>"$LOG_FILE" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$PID_FILE"
    echo "$port" >"$PORT_FILE"

    while ! healthy "http://127.0.0.1:$port"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            rm -f "$PID_FILE"
            tail -n 30 "$LOG_FILE" >&2
            die "LocalStack exited during startup (log above)"
        fi
        if ((SECONDS - started > START_TIMEOUT)); then
            tail -n 30 "$LOG_FILE" >&2
            stop
            die "LocalStack was not healthy after ${START_TIMEOUT} s"
        fi
        sleep 0.3
    done
    log "ready in $((SECONDS - started)) s (pid $pid)"
    endpoint
}

stop() {
    local pid
    pid="$(running_pid)"
    if [[ -z "$pid" ]]; then
        log "not running"
        return
    fi
    log "stopping pid $pid"
    kill -TERM "$pid" 2>/dev/null || true
    local waited=0
    while kill -0 "$pid" 2>/dev/null; do
        if ((waited >= STOP_GRACE * 10)); then
            # A shutdown hook hangs now and then; the state is disposable, so don't wait for it.
            log "still running after ${STOP_GRACE} s: SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
            break
        fi
        sleep 0.1
        waited=$((waited + 1))
    done
    rm -f "$PID_FILE"
    log "stopped"
}

status() {
    local pid
    pid="$(running_pid)"
    if [[ -z "$pid" ]]; then
        log "not running"
        return 3
    fi
    if healthy "$(endpoint)"; then
        log "running (pid $pid) at $(endpoint)"
    else
        log "process $pid is up but $(endpoint) does not answer"
        return 1
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    endpoint) [[ -n "$(running_pid)" ]] || die "not running"; endpoint ;;
    logs) tail -n "${2:-100}" "$LOG_FILE" ;;
    *) die "usage: $0 start|stop|status|endpoint|logs [lines]" ;;
esac
