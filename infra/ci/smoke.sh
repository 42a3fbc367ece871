#!/usr/bin/env bash
# Smoke test of a deployed stage: the public docs, a signed-in read and an availability query.
# Usage: infra/ci/smoke.sh <api base url>   (SMOKE_TOKEN: a staff or service JWT of that stage)
# Exit status 0 when every check answered as expected.
set -euo pipefail
base="${1:?usage: smoke.sh <api base url>}"
token="${SMOKE_TOKEN:-}"
fail() { printf '[smoke] FAIL: %s\n' "$*" >&2; exit 1; }
check() {  # check NAME EXPECTED-STATUS CURL-ARGS...
    local name="$1" expected="$2"
    shift 2
    local status
    status="$(curl -s -o /tmp/smoke-body -w '%{http_code}' --max-time 15 "$@")"
    [[ "$status" == "$expected" ]] || fail "$name: HTTP $status (expected $expected): $(head -c 300 /tmp/smoke-body)"
    printf '[smoke] ok: %s (%s)\n' "$name" "$status" >&2
}
check "openapi document" 200 "$base/openapi.json"
check "no token is refused" 401 "$base/locations"
if [[ -n "$token" ]]; then
    check "locations" 200 -H "Authorization: Bearer $token" "$base/locations"
    location="$(python3 -c 'import json; print(json.load(open("/tmp/smoke-body"))["locations"][0]["id"])')"
    tomorrow="$(date -u -d tomorrow +%F)"
    check "availability" 200 -H "Authorization: Bearer $token" \
        "$base/availability?location_id=$location&date=$tomorrow&duration_minutes=60"
else
    printf '[smoke] no SMOKE_TOKEN: signed-in checks skipped\n' >&2
fi
