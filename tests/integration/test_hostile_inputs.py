"""Inputs that used to reach a 500: each gets a 4xx with a machine-readable code instead."""

from __future__ import annotations

import base64
import copy
import json
import os
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from api_client import FakeContext, claims_for, sample

from booking.api.app import build_docs
from booking.domain.signatures import verify_hubspot_v3, verify_unifi

TZ = ZoneInfo("America/Toronto")


@pytest.fixture(autouse=True)
def _api_env(monkeypatch, seeded_database_url):
    from booking import config

    monkeypatch.setenv("DATABASE_URL", seeded_database_url)
    monkeypatch.setenv("JWT_SECRET", "inputs-" + uuid.uuid4().hex)
    monkeypatch.setenv("UNIFI_WEBHOOK_SECRET", "unifi-secret")
    monkeypatch.setenv("HUBSPOT_CLIENT_SECRET", "hubspot-secret")
    monkeypatch.setenv(
        "PASS_KEYS",
        json.dumps({"current": {"kid": "k1", "key": base64.b64encode(os.urandom(32)).decode()}}),
    )
    config.settings.cache_clear()
    config.database_url.cache_clear()


_APP = None


def request(
    method: str,
    path: str,
    *,
    claims: dict[str, str] | None = None,
    body: Any = None,
    raw_body: str | None = None,
    query: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, Any]:
    """Send one request through the resolver holding every route; (status, JSON body)."""
    global _APP
    if _APP is None:
        _APP = build_docs()
    event = copy.deepcopy(sample("bookings/list"))
    event["httpMethod"] = method
    event["path"] = path
    event["requestContext"]["authorizer"] = claims or {}
    event["queryStringParameters"] = query
    event["multiValueQueryStringParameters"] = {k: [v] for k, v in (query or {}).items()} or None
    all_headers = {"Content-Type": "application/json", **(headers or {})}
    event["headers"] = all_headers
    event["multiValueHeaders"] = {k: [v] for k, v in all_headers.items()}
    event["body"] = raw_body if raw_body is not None else None if body is None else json.dumps(body)
    response = _APP.resolve(event, FakeContext())
    return response["statusCode"], json.loads(response.get("body") or "null")


def _slot(days: int = 3, hour: int = 18) -> tuple[str, str]:
    day = (datetime.now(TZ) + timedelta(days=days)).date()
    start = datetime(day.year, day.month, day.day, hour, tzinfo=TZ)
    return start.isoformat(), (start + timedelta(hours=1)).isoformat()


def _booking_body(world: Any, **extra: Any) -> dict[str, Any]:
    s, e = _slot()
    return {"resource_id": str(world.bays[0].id), "start": s, "end": e, **extra}


def _code(reply: Any) -> str:
    return str(reply["error"]["code"])


@pytest.mark.parametrize("minutes", [10**12, 10**7])
def test_rule_with_absurd_min_notice_is_refused(make_world, minutes):
    admin = claims_for("admin")
    status, reply = request(
        "POST",
        "/rules",
        claims=admin,
        body={
            "name": f"notice-{uuid.uuid4().hex[:6]}",
            "scope": "location",
            "scope_ref": str(uuid.uuid4()),
            "action": {"type": "min_notice", "minutes": minutes},
        },
    )
    assert status == 422 and _code(reply) == "INVALID_RULE", reply


def test_database_refuses_unbounded_limits(make_world, db):
    """A rule written around the API cannot store a limit that overflows date arithmetic."""
    import psycopg

    world = make_world()
    conn = db.connection()
    try:
        with pytest.raises(psycopg.errors.CheckViolation):
            conn.execute(
                "INSERT INTO booking_rules (name, scope, scope_ref, condition, action, priority)"
                " VALUES (%s, 'location', %s, 'true', %s, 150)",
                (
                    f"legacy-{uuid.uuid4().hex[:6]}",
                    str(world.location.id),
                    json.dumps({"type": "min_notice", "minutes": 10**12}),
                ),
            )
    finally:
        conn.rollback()


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_availability_at_the_ends_of_the_calendar(make_world, day):
    world = make_world()
    for claims in (claims_for("member", world.members[0].id), claims_for("admin")):
        status, reply = request(
            "GET",
            "/availability",
            claims=claims,
            query={"location_id": str(world.location.id), "date": day},
        )
        assert status == 422 and _code(reply) == "DATE_OUT_OF_RANGE", reply


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_staff_day_list_at_the_ends_of_the_calendar(make_world, day):
    world = make_world()
    status, reply = request(
        "GET",
        "/bookings",
        claims=claims_for("admin"),
        query={"location_id": str(world.location.id), "date": day},
    )
    assert status == 422 and _code(reply) == "DATE_OUT_OF_RANGE", reply


@pytest.mark.parametrize(
    "start",
    ["9999-12-31T23:00:00-05:00", "0001-01-01T00:30:00+05:00", "9999-12-31T22:00:00+00:00"],
)
def test_bookings_at_the_ends_of_the_calendar(make_world, start):
    world = make_world()
    body = {"resource_id": str(world.bays[0].id), "start": start, "end": start.replace("T2", "T2")}
    begin = datetime.fromisoformat(start)
    body["end"] = (begin + timedelta(minutes=30)).isoformat() if begin.year < 9999 else start
    status, reply = request(
        "POST", "/bookings", claims=claims_for("member", world.members[0].id), body=body
    )
    assert 400 <= status < 500, reply


def _deep(levels: int) -> dict[str, Any]:
    value: dict[str, Any] = {}
    for _ in range(levels):
        value = {"a": value}
    return value


@pytest.mark.parametrize("levels", [300, 5000])
def test_deeply_nested_metadata(make_world, levels):
    world = make_world()
    status, reply = request(
        "POST",
        "/bookings",
        claims=claims_for("member", world.members[0].id),
        body=None,
        raw_body=json.dumps(_booking_body(world, metadata=_deep(min(levels, 300))))
        if levels <= 300
        else '{"metadata": ' + '{"a": ' * levels + "{}" + "}" * levels + "}",
    )
    assert 400 <= status < 500 and _code(reply) in ("METADATA_TOO_DEEP", "MALFORMED_JSON"), reply


def test_five_thousand_digit_integer(make_world):
    world = make_world()
    raw = json.dumps(_booking_body(world))[:-1] + ', "party_size": ' + "9" * 5000 + "}"
    status, reply = request(
        "POST", "/bookings", claims=claims_for("member", world.members[0].id), raw_body=raw
    )
    assert 400 <= status < 500 and _code(reply) == "MALFORMED_JSON", reply


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused_not_stored_as_null(make_world, db, constant):
    world = make_world()
    raw = json.dumps(_booking_body(world, metadata={"x": 1}))
    raw = raw.replace('{"x": 1}', '{"x": ' + constant + "}")
    status, reply = request(
        "POST", "/bookings", claims=claims_for("member", world.members[0].id), raw_body=raw
    )
    assert 400 <= status < 500 and _code(reply) == "MALFORMED_JSON", reply
    conn = db.connection()
    try:
        stored = conn.execute(
            "SELECT count(*) AS n FROM bookings WHERE user_id = %s", (world.members[0].id,)
        ).fetchone()
    finally:
        conn.rollback()
    assert stored["n"] == 0


@pytest.mark.parametrize(
    "timestamp",
    ["\u00b2", "\u0661\u0662\u0663", "\U0001d7d9\U0001d7da\U0001d7db", "9" * 5000],
)
def test_unicode_digits_in_webhook_timestamps(timestamp):
    now = datetime.now(UTC)
    assert not verify_unifi(f"t={timestamp},v1=00", b"{}", "s", now)
    assert not verify_hubspot_v3("POST", "https://x/y", b"[]", timestamp, "sig", "s", now)
    for path, headers in (
        ("/webhooks/unifi", {"Signature": f"t={timestamp},v1=00"}),
        (
            "/webhooks/hubspot",
            {"X-HubSpot-Request-Timestamp": timestamp, "X-HubSpot-Signature-v3": "abc"},
        ),
    ):
        status, reply = request("POST", path, raw_body="{}", headers=headers)
        assert status == 401 and _code(reply) == "UNAUTHORIZED", (path, reply)
