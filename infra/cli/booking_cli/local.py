"""The steps of ``make run`` that need Python (``python -m booking_cli.local <step>``).

* ``jwt-secret``: the local JWT secret (made once per checkout, kept in ``.run/jwt_secret``);
* ``pass-keys FILE``: the access-pass keyring (made once, kept in FILE), printed as unpadded
  URL-safe base64 because SAM's parameter overrides mangle the quotes of raw JSON;
* ``stack-output FILE KEY``: one output of the deployed stack (FILE as ``deploy.sh`` wrote it);
* ``endpoints API_URL LOCALSTACK_URL``: write ``.run/endpoints.json`` (API URL, the web apps'
  URLs under ``apps``, database URL, a dev token per role, and whatever ``fakes`` added);
* ``first-location API_URL``: the id of the first location the API lists (for the examples);
* ``fakes FAKES_JSON``: seed the SaaS fakes with the demo members' contacts and the clubs'
  doors, write ``.run/endpoints.extra.json`` and print the SAM parameter overrides
  (``Key=Value`` per line) that point the deployed functions at the fakes.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import secrets
import sys
from pathlib import Path
from typing import Any

import requests

from booking.adapters.postgres.connection import Database
from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking_cli.devtokens import local_secret, token_for
from booking_cli.seed import MEMBERS

RUN = Path(".run")
ROLES = ("member", "member2", "staff", "admin", "kiosk", "service")


def pass_keys(path: Path) -> str:
    """The keyring in ``path`` (a fresh AES-256 key the first time), encoded for SAM."""
    if not path.exists():
        key = base64.b64encode(os.urandom(32)).decode()
        path.write_text(
            json.dumps({"current": {"kid": "local-1", "key": key}}, separators=(",", ":"))
        )
        path.chmod(0o600)
    return base64.urlsafe_b64encode(path.read_text().strip().encode()).decode().rstrip("=")


def stack_output(path: Path, key: str) -> str:
    """One output of the stack."""
    return str(json.loads(path.read_text())[key])


def write_endpoints(api_url: str, localstack_url: str) -> Path:
    """Write ``.run/endpoints.json`` with a dev token per role."""
    secret, db = local_secret(), os.environ["DATABASE_URL"]
    data: dict[str, Any] = {
        "api_url": api_url,
        "database_url": db,
        "localstack": localstack_url,
        "tokens": {r: token_for(r, None, secret=secret, database_url=db) for r in ROLES},
    }
    apps = RUN / "apps.json"  # written by booking_cli.web_apps when it uploaded the apps
    if apps.exists():
        data["apps"] = json.loads(apps.read_text())
    for extra in (RUN / "endpoints.extra.json", RUN / "endpoints.live.json"):
        if extra.exists():
            data.update(json.loads(extra.read_text()))
    out = RUN / "endpoints.json"
    out.write_text(json.dumps(data, indent=2))
    return out


def first_location(api_url: str) -> str:
    """The first location's id as the API lists it to the demo member."""
    token = json.loads((RUN / "endpoints.json").read_text())["tokens"]["member"]
    answer = requests.get(
        f"{api_url}/locations", headers={"Authorization": f"Bearer {token}"}, timeout=30
    )
    answer.raise_for_status()
    return str(answer.json()["locations"][0]["id"])


def _webhook_secrets() -> dict[str, str]:
    # Made once per checkout and kept, so restarts keep webhook signatures valid.
    path = RUN / "webhook_secrets.json"
    if path.exists():
        hooks: dict[str, str] = json.loads(path.read_text())
        return hooks
    hooks = {
        "hubspot_client_secret": secrets.token_hex(16),
        "unifi_webhook_secret": secrets.token_hex(16),
    }
    path.write_text(json.dumps(hooks))
    path.chmod(0o600)
    return hooks


def _seed_fakes(urls: dict[str, Any]) -> None:
    # The fakes still serve when a seed fails; only the demo contacts or doors are missing.
    try:
        contacts = [
            {
                "id": m["hubspot_id"],
                "properties": {"email": m["email"], "firstname": m["name"].split()[0]},
            }
            for m in MEMBERS
            if m.get("hubspot_id")
        ]
        requests.post(urls["hubspot"] + "/_contacts", json={"contacts": contacts}, timeout=10)
    except Exception as exc:
        print(f"[fakes] could not seed HubSpot contacts: {exc}", file=sys.stderr)
    try:
        db = Database(os.environ["DATABASE_URL"])
        uow = PostgresUnitOfWork(db)
        with uow:
            door_ids = sorted({d for r in uow.resources.list() for d in r.unifi_door_ids})
        db.close()
        doors = [{"id": d, "name": d.replace("-", " ").title()} for d in door_ids]
        requests.post(urls["unifi"] + "/_doors", json={"doors": doors}, timeout=10)
    except Exception as exc:
        print(f"[fakes] could not seed UniFi doors: {exc}", file=sys.stderr)


def fakes_overrides(urls_file: Path) -> dict[str, str]:
    """Seed the running fakes, write ``.run/endpoints.extra.json``, return the SAM overrides."""
    urls = json.loads(urls_file.read_text())
    hooks = _webhook_secrets()
    _seed_fakes(urls)
    creds = urls["credentials"]
    (RUN / "endpoints.extra.json").write_text(
        json.dumps(
            {
                "fakes": {k: urls[k] for k in ("hubspot", "unifi", "ninjaone", "clubos")},
                "webhook_secrets": hooks,
            },
            indent=2,
        )
    )
    return {
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


def main(argv: list[str] | None = None) -> int:
    """Run one step and print its result."""
    parser = argparse.ArgumentParser(description=__doc__)
    steps = parser.add_subparsers(dest="step", required=True)
    steps.add_parser("jwt-secret")
    steps.add_parser("pass-keys").add_argument("file", type=Path)
    out = steps.add_parser("stack-output")
    out.add_argument("file", type=Path)
    out.add_argument("key")
    ends = steps.add_parser("endpoints")
    ends.add_argument("api_url")
    ends.add_argument("localstack_url")
    steps.add_parser("first-location").add_argument("api_url")
    steps.add_parser("fakes").add_argument("urls_file", type=Path)
    args = parser.parse_args(argv)
    RUN.mkdir(exist_ok=True)
    match args.step:
        case "jwt-secret":
            print(local_secret(create=True))
        case "pass-keys":
            print(pass_keys(args.file))
        case "stack-output":
            print(stack_output(args.file, args.key))
        case "endpoints":
            write_endpoints(args.api_url, args.localstack_url)
        case "first-location":
            print(first_location(args.api_url))
        case "fakes":
            for key, value in fakes_overrides(args.urls_file).items():
                print(f"{key}={value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
