"""Session fixtures for end-to-end tests: one database, one set of SaaS fakes, one deployed stack.

Every e2e module shares them, so the template is deployed once per test session:

* ``e2e_db`` - URL of a fresh database of this session (migrated and seeded), dropped at the end;
* ``fakes`` - base URLs of the HubSpot, UniFi Access, NinjaOne and ClubOS fakes, served from this
  process on loopback (the deployed functions run as local processes and reach them there);
* ``stack`` - the deployed template: ``outputs`` (stack outputs), ``api_url`` (REST API stage
  base URL), ``endpoint`` (LocalStack), ``stack_name``, ``jwt_secret`` and ``parameters`` (the
  overrides it was deployed with, e.g. the webhook secrets); booking lifecycles are
  compressed by ``LIFECYCLE_TIME_SCALE`` (parameter ``LifecycleTimeScale``);
* ``tokens`` - a dev JWT per role (``member``/``member2`` are alice and bob of the seed);
* ``live_gateway`` - the local stand-in for the WebSocket API (LocalStack has none), serving
  on loopback and calling the stack's ``LiveFunction``; ``stack["live_ws_url"]`` is its URL.

When the machine cannot run the local cloud, every test using ``stack`` is skipped.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import localcloud
import pytest
from psycopg.conninfo import conninfo_to_dict

from booking.adapters.postgres.migrate import migrate
from booking_cli.devtokens import token_for
from booking_cli.seed import seed
from live_gateway import LiveGateway, invoke_in_localstack
from saas_fakes import ClubOSFake, FakeApp, FakeServer, HubSpotFake, NinjaOneFake, UnifiAccessFake
from saas_fakes.clubos import DEFAULT_EMAIL as CLUBOS_EMAIL
from saas_fakes.clubos import DEFAULT_PASSWORD as CLUBOS_PASSWORD
from saas_fakes.hubspot import DEFAULT_TOKEN as HUBSPOT_TOKEN
from saas_fakes.ninjaone import DEFAULT_CLIENT_ID as NINJAONE_CLIENT_ID
from saas_fakes.ninjaone import DEFAULT_CLIENT_SECRET as NINJAONE_CLIENT_SECRET
from saas_fakes.unifi import DEFAULT_TOKEN as UNIFI_TOKEN
from tests.conftest import create_database, drop_database

TEMPLATE = Path(__file__).resolve().parents[2] / "template.yaml"
STACK_NAME = "booking-e2e"
STAGE = "e2e"
ROLES = ("member", "member2", "staff", "admin", "kiosk", "service")
# HubSpot signs the public URL it was configured to call, which is not the LocalStack URL the
# test posts to; the stack is told this one, as production is told its custom domain.
HUBSPOT_WEBHOOK_URL = "https://hooks.booking.example/webhooks/hubspot"
# Booking lifecycles run 120 times faster than real time: an hour of a booking's timeline takes
# 30 s, so a booking an hour ahead is granted, set up, checked and cleaned up within a minute.
# Other modules book a day or more ahead, which puts their lifecycles past the session's end.
LIFECYCLE_TIME_SCALE = 1 / 120
# The seeded people's password on the local sign-in (the browser tests sign in with it).
LOCAL_SIGN_IN_PASSWORD = "e2e-" + secrets.token_hex(8)


@pytest.fixture(scope="session")
def e2e_db(pg_server_url: str) -> Iterator[str]:
    """A fresh database for the deployed stack: migrated, seeded, dropped after the session."""
    url = _as_url(create_database(pg_server_url, prefix="booking_e2e"))
    try:
        migrate(url)
        seed(url)
        yield url
    finally:
        drop_database(pg_server_url, url)


def _as_url(conninfo: str) -> str:
    """A ``postgresql://`` URL: a key=value conninfo has spaces, which parameter overrides split."""
    from urllib.parse import quote

    p = conninfo_to_dict(conninfo)
    auth = quote(str(p.get("user", "postgres")))
    if p.get("password"):
        auth += ":" + quote(str(p["password"]))
    return f"postgresql://{auth}@{p.get('host', '127.0.0.1')}:{p.get('port', 5432)}/{p['dbname']}"


@pytest.fixture(scope="session")
def fake_servers() -> Iterator[dict[str, FakeServer]]:
    """The four SaaS fakes, running in this process until the session ends."""
    apps: dict[str, FakeApp] = {
        "hubspot": HubSpotFake(),
        "unifi": UnifiAccessFake(),
        "ninjaone": NinjaOneFake(),
        "clubos": ClubOSFake(),
    }
    servers = {name: FakeServer(app).start() for name, app in apps.items()}
    try:
        yield servers
    finally:
        for server in servers.values():
            server.stop()


@pytest.fixture(scope="session")
def fakes(fake_servers: dict[str, FakeServer]) -> dict[str, str]:
    """Base URLs of the fakes: ``{"hubspot", "unifi", "ninjaone", "clubos"}``."""
    return {name: server.url for name, server in fake_servers.items()}


def _delete_stack(name: str) -> None:
    """Remove a stack an earlier session left behind.

    Updating it in place is not enough: warm function processes of the earlier session would
    keep its database URL and JWT secret. Fresh functions start clean.
    """
    from botocore.exceptions import ClientError

    cfn = localcloud.client("cloudformation")
    try:
        cfn.describe_stacks(StackName=name)
    except ClientError:
        return
    cfn.delete_stack(StackName=name)
    cfn.get_waiter("stack_delete_complete").wait(
        StackName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 120}
    )


@pytest.fixture(scope="session")
def live_gateway() -> Iterator[LiveGateway]:
    """The WebSocket stand-in; it calls the deployed LiveFunction once ``stack`` has deployed."""

    def not_deployed(event: dict[str, Any]) -> dict[str, Any]:
        return {"statusCode": 503}

    gateway = LiveGateway(not_deployed, stage=STAGE).start()
    try:
        yield gateway
    finally:
        gateway.stop()


@pytest.fixture(scope="session")
def stack(e2e_db: str, fakes: dict[str, str], live_gateway: LiveGateway) -> dict[str, Any]:
    """The template deployed once per session, pointed at ``e2e_db`` and the fakes."""
    try:
        endpoint = localcloud.ensure_localstack()
    except localcloud.LocalCloudUnavailable as exc:
        pytest.skip(f"local cloud unavailable on this machine: {exc}")
    jwt_secret = secrets.token_urlsafe(32)
    pass_keys = {"current": {"kid": "e2e", "key": base64.b64encode(os.urandom(32)).decode()}}
    parameters = {
        "Stage": STAGE,
        # As make run passes it: base64 of the JSON (SAM parameter overrides mangle quotes).
        "PassKeys": base64.urlsafe_b64encode(json.dumps(pass_keys).encode()).decode().rstrip("="),
        "DatabaseUrl": e2e_db,
        "JwtSecret": jwt_secret,
        "LogLevel": "INFO",
        "HubSpotBaseUrl": fakes["hubspot"],
        "HubSpotToken": HUBSPOT_TOKEN,
        "HubSpotClientSecret": secrets.token_hex(16),
        "HubSpotWebhookUrl": HUBSPOT_WEBHOOK_URL,
        "UnifiBaseUrl": fakes["unifi"],
        "UnifiToken": UNIFI_TOKEN,
        "UnifiWebhookSecret": secrets.token_hex(16),
        "NinjaOneBaseUrl": fakes["ninjaone"],
        "NinjaOneClientId": NINJAONE_CLIENT_ID,
        "NinjaOneClientSecret": NINJAONE_CLIENT_SECRET,
        "ClubOSBaseUrl": fakes["clubos"],
        "ClubOSEmail": CLUBOS_EMAIL,
        "ClubOSPassword": CLUBOS_PASSWORD,
        "ClubOSBatchWindowSeconds": "1",
        "LifecycleTimeScale": repr(LIFECYCLE_TIME_SCALE),
        "LiveManagementEndpoint": live_gateway.management_url,
        "LocalSignInPassword": LOCAL_SIGN_IN_PASSWORD,
    }
    _delete_stack(STACK_NAME)
    outputs = localcloud.deploy(TEMPLATE, STACK_NAME, parameters)
    live_gateway.invoke = invoke_in_localstack(outputs["LiveFunctionName"], endpoint)
    return {
        "live_ws_url": live_gateway.ws_url,
        "outputs": outputs,
        "api_url": localcloud.rest_api_url(outputs["ApiId"], STAGE),
        "endpoint": endpoint,
        "stack_name": STACK_NAME,
        "jwt_secret": jwt_secret,
        "database_url": e2e_db,
        "parameters": parameters,
    }


@pytest.fixture(scope="session")
def tokens(stack: dict[str, Any]) -> dict[str, str]:
    """A dev token per role, signed with the stack's JWT secret."""
    return {
        role: token_for(role, None, secret=stack["jwt_secret"], database_url=stack["database_url"])
        for role in ROLES
    }
