#!/usr/bin/env bash
# `make stop`: stop what `make run` started (LocalStack and its functions, local fakes).
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
bash infra/local/fakes.sh stop
bash infra/local/live-gateway.sh stop
bash infra/local/localstack.sh stop
echo "stopped" >&2
