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

# Webhook secrets are made once per checkout and kept, so restarts keep signatures valid.
"$PY" - "$URLS" "$RUN" <<'PYEOF'
import json
import os
import secrets
import sys
from pathlib import Path

import requests

urls = json.loads(Path(sys.argv[1]).read_text())
run = Path(sys.argv[2])
secret_file = run / "webhook_secrets.json"
if secret_file.exists():
    hooks = json.loads(secret_file.read_text())
else:
    hooks = {"hubspot_client_secret": secrets.token_hex(16), "unifi_webhook_secret": secrets.token_hex(16)}
    secret_file.write_text(json.dumps(hooks))
    secret_file.chmod(0o600)

# The demo members' HubSpot contacts (ids as in booking.adapters.postgres.seed).
try:
    from booking.adapters.postgres.seed import MEMBERS

    contacts = [
        {"id": m["hubspot_id"], "properties": {"email": m["email"], "firstname": m["name"].split()[0]}}
        for m in MEMBERS
        if m.get("hubspot_id")
    ]
    requests.post(urls["hubspot"] + "/_contacts", json={"contacts": contacts}, timeout=10)
except Exception as exc:  # the fakes still serve; only the contact seed is missing
    print(f"[fakes] could not seed HubSpot contacts: {exc}", file=sys.stderr)

# The clubs' doors on the UniFi console (the seed's door ids), so door access can be granted.
try:
    from booking.adapters.postgres.connection import Database
    from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork

    db = Database(os.environ["DATABASE_URL"])
    uow = PostgresUnitOfWork(db)
    with uow:
        door_ids = sorted({d for r in uow.resources.list() for d in r.unifi_door_ids})
    db.close()
    doors = [{"id": d, "name": d.replace("-", " ").title()} for d in door_ids]
    requests.post(urls["unifi"] + "/_doors", json={"doors": doors}, timeout=10)
except Exception as exc:
    print(f"[fakes] could not seed UniFi doors: {exc}", file=sys.stderr)

creds = urls["credentials"]
(run / "endpoints.extra.json").write_text(
    json.dumps({"fakes": {k: urls[k] for k in ("hubspot", "unifi", "ninjaone", "clubos")},
                "webhook_secrets": hooks}, indent=2)
)
overrides = {
    "HubSpotBaseUrl": urls["hubspot"],
    "HubSpotToken": creds["hubspot"]["token"],
    "HubSpotClientSecret": hooks["hubspot_client_secret"],
    "UnifiBaseUrl": urls["unifi"],
    "UnifiToken": creds["unifi"]["token"],
    "UnifiWebhookSecret": hooks["unifi_webhook_secret"],
    "NinjaOneBaseUrl": urls["ninjaone"],
    "NinjaOneClientId": creds["ninjaone"]["client_id"],
    "NinjaOneClientSecret": creds["ninjaone"]["client_secret"],
    "ClubOSBaseUrl": urls["clubos"],
    "ClubOSEmail": creds["clubos"]["email"],
    "ClubOSPassword": creds["clubos"]["password"],
}
for key, value in overrides.items():
    print(f"{key}={value}")
PYEOF
