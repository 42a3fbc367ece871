#!/usr/bin/env bash
# Install the local cloud tools into the repo's .venvs/ directory:
#   .venvs/localstack  Python 3.13, LocalStack (host mode) + the process runtime executor plugin
#   .venvs/sam         Python 3.12, the AWS SAM CLI
# Idempotent: each venv carries a stamp keyed on its pins, so a second run only checks stamps.
#
# Usage: infra/local/install.sh [all|localstack|sam]   (default: all)
# Interpreters: python3.13 / python3.12 on PATH, else the newest matching pyenv version;
# override with LOCALSTACK_PYTHON=/path/to/python3.13 or SAM_PYTHON=/path/to/python3.12.
# Exit status: 0 done, 3 no suitable interpreter on this machine, 1 anything else.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENVS="$ROOT/.venvs"
EXECUTOR_DIR="$ROOT/infra/localstack/executor"

LOCALSTACK_VERSION="2026.3.0"
# Without these upper bounds LocalStack 2026.3.0 does not start (newer releases changed APIs it uses).
LOCALSTACK_PINS=("cbor2<6" "cryptography<45" "pyopenssl<25" "service_identity<24.3")
SAM_CLI_VERSION="1.170.0"

log() { printf '[install] %s\n' "$*" >&2; }
die() { printf '[install] ERROR: %s\n' "$*" >&2; exit 1; }
# Exit status 3: the machine lacks the interpreter (callers may skip rather than fail).
no_python() { printf '[install] ERROR: %s\n' "$*" >&2; exit 3; }

# Print the absolute path of a working interpreter for version $1 (e.g. 3.13), or fail.
find_python() {
    local version="$1" override="$2" candidate exe
    if [[ -n "$override" ]]; then
        "$override" -c 'import sys' 2>/dev/null || die "$override does not run"
        "$override" -c 'import sys; print(sys.executable)'
        return
    fi
    # A pyenv shim named python3.13 may exist on PATH yet refuse to run, so try it, don't trust it.
    if command -v "python$version" >/dev/null 2>&1; then
        exe="$("python$version" -c 'import sys; print(sys.executable)' 2>/dev/null || true)"
        if [[ -n "$exe" ]]; then echo "$exe"; return; fi
    fi
    if command -v pyenv >/dev/null 2>&1; then
        for candidate in $(ls -d "$(pyenv root)/versions/$version"* 2>/dev/null | sort -rV); do
            if "$candidate/bin/python" -c 'import sys' 2>/dev/null; then
                echo "$candidate/bin/python"
                return
            fi
        done
    fi
    return 1
}

file_hash() { sha256sum "$1" | cut -c1-16; }

# ensure_venv NAME PYTHON STAMP-KEY PIP-ARGS...: (re)create .venvs/NAME unless its stamp matches.
ensure_venv() {
    local name="$1" python="$2" key="$3"
    shift 3
    local venv="$VENVS/$name" stamp="$VENVS/$name/.install-stamp"
    if [[ -x "$venv/bin/python" ]] && "$venv/bin/python" -c 'import sys' 2>/dev/null \
        && [[ -f "$stamp" ]] && [[ "$(cat "$stamp")" == "$key" ]]; then
        log "$name: up to date ($venv)"
        return
    fi
    local started=$SECONDS
    log "$name: creating $venv with $python"
    rm -rf "$venv"
    mkdir -p "$VENVS"
    "$python" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
    log "$name: pip install $* (takes a few minutes the first time)"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$@"
    echo "$key" >"$stamp"
    log "$name: installed in $((SECONDS - started)) s"
}

install_localstack() {
    local python
    python="$(find_python 3.13 "${LOCALSTACK_PYTHON:-}")" \
        || no_python "LocalStack $LOCALSTACK_VERSION needs Python 3.13: none found (python3.13 on PATH or \
pyenv). Install one (e.g. 'pyenv install 3.13') or run LocalStack in Docker where an engine exists."
    local key="python=$("$python" -c 'import sys; print(sys.version.split()[0])') \
localstack-core[runtime]==$LOCALSTACK_VERSION ${LOCALSTACK_PINS[*]}"
    ensure_venv localstack "$python" "$key" \
        "localstack-core[runtime]==$LOCALSTACK_VERSION" "${LOCALSTACK_PINS[@]}"

    # The executor plugin is installed editable, so code changes take effect on the next
    # LocalStack start; only a change of its metadata (entry points) needs a reinstall.
    local stamp="$VENVS/localstack/.executor-stamp"
    local executor_key
    executor_key="$(file_hash "$EXECUTOR_DIR/pyproject.toml") $EXECUTOR_DIR"
    if [[ -f "$stamp" ]] && [[ "$(cat "$stamp")" == "$executor_key" ]]; then
        log "executor plugin: up to date"
    else
        log "executor plugin: installing from $EXECUTOR_DIR"
        "$VENVS/localstack/bin/python" -m pip install --quiet --disable-pip-version-check \
            --no-deps -e "$EXECUTOR_DIR"
        echo "$executor_key" >"$stamp"
    fi
}

install_sam() {
    local python
    python="$(find_python 3.12 "${SAM_PYTHON:-}")" \
        || no_python "the SAM CLI venv needs Python 3.12: none found (python3.12 on PATH or pyenv)."
    local key="python=$("$python" -c 'import sys; print(sys.version.split()[0])') \
aws-sam-cli==$SAM_CLI_VERSION"
    ensure_venv sam "$python" "$key" "aws-sam-cli==$SAM_CLI_VERSION"
}

case "${1:-all}" in
    all) install_localstack; install_sam ;;
    localstack) install_localstack ;;
    sam) install_sam ;;
    *) die "usage: $0 [all|localstack|sam]" ;;
esac
