"""Schemathesis in-process: generated requests through every route with the real database.

The same property as the e2e fuzz test (no 5xx, one error shape), without LocalStack, so a
failure comes with its traceback. Requests go through one resolver holding every route.

Every generated case is sent as each caller (member, staff, admin, kiosk, service and no one),
and every other case has its ids replaced by real ones (the member's booking, the location, a
bay, the member), so requests get past "not found" into the services and the database.
"""

from __future__ import annotations

import base64
import copy
import itertools
import json
import time
import uuid
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from api_client import FakeContext, claims_for, sample

from booking import runtime
from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking.api.app import build_docs
from booking.services import bookings as svc
from tests.schema_fuzz import FuzzReport, fuzz

EXAMPLES = 12  # generated cases per operation and mode; each is sent once per caller
MIN_REQUESTS = 2000


@pytest.fixture(autouse=True)
def _api_env(monkeypatch, seeded_database_url):
    import os

    from booking import config

    monkeypatch.setenv("DATABASE_URL", seeded_database_url)
    # The property is about inputs, not speed: on a loaded machine a report's query may pass
    # the default statement timeout and answer 503 (as it should); here it may take its time.
    monkeypatch.setenv("DATABASE_STATEMENT_TIMEOUT_MS", "60000")
    monkeypatch.setenv("JWT_SECRET", "fuzz-" + uuid.uuid4().hex)
    monkeypatch.setenv(
        "PASS_KEYS",
        json.dumps({"current": {"kid": "k1", "key": base64.b64encode(os.urandom(32)).decode()}}),
    )
    config.settings.cache_clear()
    config.database_url.cache_clear()
    _reset_runtime()  # the database opened again with this test's session limits
    yield
    _reset_runtime()


def _reset_runtime() -> None:
    if runtime.default.cache_info().currsize:
        runtime.default().close()
    runtime.default.cache_clear()


def _event(case: Any, claims: dict[str, str], path: str, body: Any) -> dict[str, Any]:
    event = copy.deepcopy(sample("bookings/list"))
    event["httpMethod"] = case.method.upper()
    event["path"] = path
    event["requestContext"]["authorizer"] = claims
    query = {k: str(v) for k, v in (case.query or {}).items()}
    event["queryStringParameters"] = query or None
    event["multiValueQueryStringParameters"] = {k: [v] for k, v in query.items()} or None
    headers = {"Content-Type": "application/json"}
    headers.update({k: str(v) for k, v in (case.headers or {}).items()})
    event["headers"] = headers
    event["multiValueHeaders"] = {k: [v] for k, v in headers.items()}
    if body is None or type(body).__name__ == "NotSet":
        event["body"] = None
    elif isinstance(body, bytes):
        # As API Gateway passes a binary body: base64, flagged.
        event["body"] = base64.b64encode(body).decode()
        event["isBase64Encoded"] = True
    else:
        event["body"] = json.dumps(body)
    return event


def _with_real_ids(case: Any, real: dict[str, str]) -> tuple[str, Any]:
    """The case's path and body with every id the world has replaced by a real one."""
    params = {k: real.get(k, v) for k, v in (case.path_parameters or {}).items()}
    path = case.operation.path
    for name, value in params.items():
        path = path.replace("{" + name + "}", str(value))
    body = case.body
    if isinstance(body, dict):
        body = {k: real.get(k, v) if isinstance(v, str) else v for k, v in body.items()}
    return path, body


def _world_ids(make_world: Any, db: Any) -> tuple[Any, dict[str, str]]:
    world = make_world(bays=2, credits=500)
    tz = ZoneInfo(world.location.time_zone)
    day = (datetime.now(tz) + timedelta(days=2)).date()
    start = datetime(day.year, day.month, day.day, 18, tzinfo=tz)
    booking = svc.create_booking(
        svc.CreateBooking(
            resource_id=world.bays[0].id, start=start, end=start + timedelta(hours=1)
        ),
        PostgresUnitOfWork(db),
        world.actor(),
        datetime.now(tz),
    )
    real = {
        "booking_id": str(booking.id),
        "location_id": str(world.location.id),
        "resource_id": str(world.bays[1].id),
        "user_id": str(world.members[0].id),
    }
    return world, real


def test_generated_requests_never_get_5xx_for_any_caller(make_world, db):
    world, real = _world_ids(make_world, db)
    member = world.members[0].id
    here = [world.location.id]
    callers = {
        "member": claims_for("member", member),
        "staff": claims_for("staff", locations=here),
        "admin": claims_for("admin"),
        "kiosk": claims_for("kiosk", locations=here),
        "service": claims_for("service"),
        "anonymous": {},
    }
    app = build_docs()
    operations: set[str] = set()
    alternate = itertools.count()

    def send(case: Any, report: FuzzReport) -> None:
        operations.add(f"{case.method.upper()} {case.operation.path}")
        if next(alternate) % 2:
            path, body = _with_real_ids(case, real)
        else:
            path, body = case.formatted_path, case.body
        for role, claims in callers.items():
            response = app.resolve(_event(case, claims, path, body), FakeContext())
            headers = response.get("headers") or {}
            report.check(
                f"{role} {case.method} {path} {body!r:.200}",
                response["statusCode"],
                headers.get("Content-Type", "application/json"),
                response.get("body"),
            )

    began_wall, began_cpu = time.monotonic(), time.process_time()
    spec = json.loads(app.get_openapi_json_schema())
    report = fuzz(spec, send, EXAMPLES)
    wall, cpu = time.monotonic() - began_wall, time.process_time() - began_cpu

    every = {
        f"{method.upper()} {path}"
        for path, item in spec["paths"].items()
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    }
    print(
        f"\nfuzz: {report.calls} requests ({report.calls // len(callers)} generated cases x"
        f" {len(callers)} callers) over {len(operations)} operations in {wall:.0f} s"
        f" ({cpu:.0f} s CPU)"
    )
    assert operations == every
    assert report.calls >= MIN_REQUESTS, report.calls
    assert not report.problems, f"{len(report.problems)} of {report.calls}:\n" + "\n".join(
        report.problems[:25]
    )
