#!/usr/bin/env bash
# `make run`: bring the whole platform up locally and print what to try.
#   1. PostgreSQL: create the database if needed, migrate, seed (DATABASE_URL).
#   2. LocalStack on 127.0.0.1 (host mode, functions as local processes).
#   3. Start the SaaS contract fakes (infra/local/fakes.sh).
#   4. Deploy template.yaml with SAM, the functions pointed at the fakes.
#   5. Upload the built web apps (customer, admin, kiosk) to their S3 website buckets with a
#      config.json naming this stack's API and local sign-in.
#   6. Write .run/endpoints.json (API URL, apps, database URL, a dev token per role) and print
#      what to open.
# Everything keeps running in the background; `make stop` stops it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
PY="$ROOT/.venv/bin/python"
RUN="$ROOT/.run"
STACK="${STACK_NAME:-booking-local}"
STAGE="${STAGE:-v1}"
# The one password of the seeded people on the local sign-in (LocalStack has no Cognito).
LOCAL_SIGN_IN_PASSWORD="${LOCAL_SIGN_IN_PASSWORD:-golf-local}"
export DATABASE_URL="${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/booking}"
mkdir -p "$RUN"
started=$SECONDS
step() { printf '\n\033[1m==> %s\033[0m\n' "$*" >&2; }

step "PostgreSQL: migrate and seed ($DATABASE_URL)"
if ! "$PY" -m booking.adapters.postgres.migrate --create; then
    echo "PostgreSQL is not reachable at DATABASE_URL=$DATABASE_URL." >&2
    echo "Start a server (trust auth on 127.0.0.1:5432) or point DATABASE_URL at one." >&2
    exit 1
fi
"$PY" -m booking_cli.seed

step "Secrets for local tokens"
JWT_SECRET="$("$PY" -m booking_cli.local jwt-secret)"
export JWT_SECRET

# Access-pass keyring (AES-256 keys), made once per checkout like the JWT secret.
PASS_KEYS="$("$PY" -m booking_cli.local pass-keys "$RUN/pass_keys.json")"

step "LocalStack"
bash infra/local/localstack.sh start >/dev/null
ENDPOINT="$(bash infra/local/localstack.sh endpoint)"
echo "LocalStack at $ENDPOINT" >&2

step "SaaS fakes"
mapfile -t fake_overrides < <(bash infra/local/fakes.sh start)

step "WebSocket stand-in (live updates; LocalStack has no WebSocket APIs)"
mapfile -t live_overrides < <(bash infra/local/live-gateway.sh start "$ENDPOINT" "$STACK")

step "Deploying template.yaml as stack $STACK"
outputs="$(bash infra/local/deploy.sh template.yaml "$STACK" \
    "Stage=$STAGE" "DatabaseUrl=$DATABASE_URL" "JwtSecret=$JWT_SECRET" "LogLevel=INFO" \
    "DatabasePreparedStatements=true" "PassKeys=$PASS_KEYS" "LifecycleTimeScale=${LIFECYCLE_TIME_SCALE:-1}" \
    "LocalSignInPassword=$LOCAL_SIGN_IN_PASSWORD" \
    "${fake_overrides[@]}" "${live_overrides[@]}")"
echo "$outputs" >"$RUN/stack-outputs.json"
API_ID="$("$PY" -m booking_cli.local stack-output "$RUN/stack-outputs.json" ApiId)"
API_URL="$ENDPOINT/_aws/execute-api/$API_ID/$STAGE"

step "Uploading the web apps"
LIVE_WS_URL="$("$PY" -m booking_cli.local stack-output "$RUN/live.json" ws_url)"
"$PY" -m booking_cli.web_apps deploy "$ENDPOINT" "$RUN/stack-outputs.json" "$API_URL" "$STAGE" \
    --live-url "$LIVE_WS_URL" >"$RUN/apps.json"

step "Writing .run/endpoints.json"
"$PY" -m booking_cli.local endpoints "$API_URL" "$ENDPOINT"

LOCATION_ID="$("$PY" -m booking_cli.local first-location "$API_URL" 2>/dev/null || echo "<location-id>")"
TOMORROW="$(date -d tomorrow +%F)"
app_url() { "$PY" -c 'import json,sys; print(json.load(open(".run/apps.json"))[sys.argv[1]])' "$1"; }

cat <<MSG

The booking platform is up ($((SECONDS - started)) s).
  Customer app: $(app_url customer)   (open it in Chrome/Chromium or Firefox)
  Staff app:    $(app_url admin)
  Kiosk app:    $(app_url kiosk)
  Sign in as alice@example.com (a member; also bob@, carol@, dave@, erin@), staff@example.com,
  admin@example.com or kiosk@example.com, password: $LOCAL_SIGN_IN_PASSWORD
  API:        $API_URL
  Docs:       $API_URL/docs   (OpenAPI: $API_URL/openapi.json)
  Database:   $DATABASE_URL
  Live:       $LIVE_WS_URL/?token=<a token>   (WebSocket; then send {"action": "subscribe", "location_id": .., "day": ..})
  Endpoints and a dev token per role: .run/endpoints.json   (make token ROLE=staff)

Try:
  TOKEN=\$(python3 -c 'import json; print(json.load(open(".run/endpoints.json"))["tokens"]["member"])')
  curl -s -H "Authorization: Bearer \$TOKEN" $API_URL/locations
  curl -s -H "Authorization: Bearer \$TOKEN" "$API_URL/availability?location_id=$LOCATION_ID&date=$TOMORROW&duration_minutes=60"
  curl -s -X POST -H "Authorization: Bearer \$TOKEN" -H "Content-Type: application/json" -H "Idempotency-Key: demo-1" \\
       -d '{"resource_id": "<a resource_id from a slot>", "start": "<slot start>", "end": "<slot end>"}' $API_URL/bookings

Stop everything with: make stop
MSG
