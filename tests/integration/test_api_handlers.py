"""The API functions, called in-process with the sample events, on the real PostgreSQL."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from api_client import call, claims_for

from booking.api.auth import issue_token

TZ = ZoneInfo("America/Toronto")
SECRET = "test-secret-" + uuid.uuid4().hex


@pytest.fixture(autouse=True)
def _api_env(monkeypatch, seeded_database_url):
    from booking import config

    monkeypatch.setenv("DATABASE_URL", seeded_database_url)
    monkeypatch.setenv("JWT_SECRET", SECRET)
    config.settings.cache_clear()
    config.database_url.cache_clear()


def _slot(days: int = 3, hour: int = 18) -> tuple[str, str]:
    day = (datetime.now(TZ) + timedelta(days=days)).date()
    start = datetime(day.year, day.month, day.day, hour, tzinfo=TZ)
    return start.isoformat(), (start + timedelta(hours=1)).isoformat()


def _create(world, i=0, *, start=None, end=None, bay=0, key=None):
    s, e = (start, end) if start else _slot()
    headers = {"Idempotency-Key": key} if key else {}
    return call(
        "bookings",
        "bookings/create",
        claims=claims_for("member", world.members[i].id),
        body={"resource_id": str(world.bays[bay].id), "start": s, "end": e},
        headers=headers or {"Idempotency-Key": ""},
    )


def test_create_get_list_modify_cancel(make_world):
    world = make_world(members=2)
    member = claims_for("member", world.members[0].id)
    status, booking = _create(world)
    assert status == 201, booking
    assert {"id", "resource_id", "user_id", "start", "end", "status"} <= set(booking)
    assert booking["status"] == "confirmed" and booking["user_id"] == str(world.members[0].id)
    bid = booking["id"]
    status, got = call("bookings", "bookings/get", claims=member, path_params={"booking_id": bid})
    assert (status, got["id"]) == (200, bid)
    status, listed = call("bookings", "bookings/list", claims=member)
    assert status == 200 and [b["id"] for b in listed["bookings"]] == [bid]
    s, e = _slot(hour=20)
    status, moved = call(
        "bookings",
        "bookings/modify",
        claims=member,
        path_params={"booking_id": bid},
        body={"start": s, "end": e},
    )
    assert status == 200 and moved["version"] == 2
    assert datetime.fromisoformat(moved["start"]) == datetime.fromisoformat(s)
    status, cancelled = call(
        "bookings", "bookings/cancel", claims=member, path_params={"booking_id": bid}, body=None
    )
    assert (status, cancelled["status"]) == (200, "cancelled")
    status, again = call(
        "bookings", "bookings/cancel", claims=member, path_params={"booking_id": bid}, body={}
    )
    assert status == 409 and again["error"]["code"] == "INVALID_STATUS_TRANSITION"


def test_member_cannot_see_or_cancel_anothers_booking(make_world):
    world = make_world(members=2)
    _, booking = _create(world, 0)
    other = claims_for("member", world.members[1].id)
    for fn, ev, body in [
        ("bookings", "bookings/get", ...),
        ("bookings", "bookings/cancel", {}),
    ]:
        status, err = call(
            fn, ev, claims=other, path_params={"booking_id": booking["id"]}, body=body
        )
        assert status == 404 and err["error"]["code"] == "BOOKING_NOT_FOUND"
    # Members never check in by API (not even their own booking), so nothing leaks either.
    status, err = call(
        "bookings", "bookings/check_in", claims=other, path_params={"booking_id": booking["id"]}
    )
    assert status == 403 and err["error"]["code"] == "PRESENCE_REQUIRED"
    staff = claims_for("staff", locations=[world.location.id])
    status, _ = call(
        "bookings", "bookings/get", claims=staff, path_params={"booking_id": booking["id"]}
    )
    assert status == 200
    elsewhere = claims_for("staff", locations=[uuid.uuid4()])
    status, _ = call(
        "bookings", "bookings/get", claims=elsewhere, path_params={"booking_id": booking["id"]}
    )
    assert status == 404


def test_idempotency_key_returns_first_result(make_world, db):
    world = make_world()
    key = "retry-" + uuid.uuid4().hex
    s1, b1 = _create(world, key=key)
    s2, b2 = _create(world, key=key)
    assert (s1, s2) == (201, 201) and b1 == b2
    s3, b3 = call(
        "bookings",
        "bookings/create",
        claims=claims_for("member", world.members[0].id),
        body={"resource_id": str(world.bays[1].id), "start": _slot()[0], "end": _slot()[1]},
        headers={"Idempotency-Key": key},
    )
    assert s3 == 422 and b3["error"]["code"] == "IDEMPOTENCY_KEY_REUSED"
    from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork

    uow = PostgresUnitOfWork(db)
    with uow:
        n = uow.connection.execute(
            "SELECT count(*) AS n FROM bookings WHERE user_id = %s", (world.members[0].id,)
        ).fetchone()
    assert n["n"] == 1


def test_concurrent_posts_for_one_slot_give_one_201(make_world):
    world = make_world(bays=1, members=10)
    s, e = _slot(days=4)

    def attempt(i: int) -> int:
        status, _ = _create(world, i, start=s, end=e)
        return status

    with ThreadPoolExecutor(max_workers=10) as pool:
        statuses = sorted(pool.map(attempt, range(10)))
    assert statuses == [201] + [409] * 9


def test_taken_slot_409_carries_alternatives(make_world):
    world = make_world(bays=2, members=2)
    s, e = _slot()
    assert _create(world, 0, start=s, end=e)[0] == 201
    status, err = _create(world, 1, start=s, end=e)
    assert status == 409 and err["error"]["code"] == "SLOT_TAKEN"
    alternatives = err["error"]["details"]["alternatives"]
    assert alternatives and alternatives[0]["resource_id"] == str(world.bays[1].id)


@pytest.mark.parametrize(
    ("kwargs", "status", "code"),
    [
        ({"raw_body": "{not json"}, 400, "MALFORMED_JSON"),
        ({"body": {"resource_id": "x", "start": 5, "end": "soon"}}, 422, "VALIDATION_FAILED"),
        ({"body": {"start": "2026-12-01T18:00:00-05:00"}}, 422, "VALIDATION_FAILED"),
        (
            {
                "body": {
                    "resource_id": str(uuid.uuid4()),
                    "start": "2030-01-01T18:00:00-05:00",
                    "end": "2030-01-01T19:00:00-05:00",
                }
            },
            404,
            "RESOURCE_NOT_FOUND",
        ),
        (
            {
                "body": {
                    "resource_id": "BAY",
                    "start": "2026-12-01T18:00:00",
                    "end": "2026-12-01T19:00:00",
                }
            },
            422,
            "VALIDATION_FAILED",
        ),
        ({"body": None}, 400, "BODY_REQUIRED"),
        ({"body": [1, 2]}, 422, "VALIDATION_FAILED"),
    ],
)
def test_bad_input_gets_a_clear_4xx(make_world, kwargs, status, code):
    world = make_world()
    got, err = call(
        "bookings", "bookings/create", claims=claims_for("member", world.members[0].id), **kwargs
    )
    assert (got, err["error"]["code"]) == (status, code), err
    assert err["error"]["message"]


def test_past_and_inverted_times(make_world):
    world = make_world()
    member = claims_for("member", world.members[0].id)
    past = datetime.now(UTC) - timedelta(days=1)
    status, err = call(
        "bookings",
        "bookings/create",
        claims=member,
        body={
            "resource_id": str(world.bays[0].id),
            "start": past.isoformat(),
            "end": (past + timedelta(hours=1)).isoformat(),
        },
    )
    assert status == 422 and "START_IN_PAST" in [
        r["code"] for r in err["error"]["details"]["reasons"]
    ]
    s, e = _slot()
    status, err = call(
        "bookings",
        "bookings/create",
        claims=member,
        body={"resource_id": str(world.bays[0].id), "start": e, "end": s},
    )
    assert (status, err["error"]["code"]) == (422, "END_BEFORE_START")


def test_auth_missing_invalid_and_valid_tokens(make_world):
    world = make_world()
    status, err = call("bookings", "bookings/list", authorization="")
    assert (status, err["error"]["code"]) == (401, "UNAUTHORIZED")
    status, err = call("bookings", "bookings/list", authorization="Bearer not-a-jwt")
    assert status == 401
    forged = issue_token(role="admin", sub="x", secret="wrong-secret")
    status, _ = call("bookings", "bookings/list", authorization=f"Bearer {forged}")
    assert status == 401
    good = issue_token(role="member", sub=str(world.members[0].id), secret=SECRET)
    status, body = call("bookings", "bookings/list", authorization=f"Bearer {good}")
    assert status == 200 and body == {"bookings": [], "next_cursor": None}


def test_member_cannot_write_rules_admin_can(make_world):
    member = claims_for("member", make_world().members[0].id)
    body = {
        "name": f"r-{uuid.uuid4().hex[:6]}",
        "condition": "booking.party_size > 3",
        "action": {"type": "deny", "code": "SMALL_GROUPS", "message": "At most 3"},
        "scope": "location",
        "scope_ref": str(uuid.uuid4()),
    }
    status, err = call("rules", "rules/create", claims=member, body=body)
    assert (status, err["error"]["code"]) == (403, "FORBIDDEN")
    status, rule = call("rules", "rules/create", claims=claims_for("admin"), body=body)
    assert status == 201 and rule["name"] == body["name"]
    status, err = call(
        "rules",
        "rules/create",
        claims=claims_for("admin"),
        body={**body, "name": "bad-cel", "condition": "booking.party_size >"},
    )
    assert status == 422 and err["error"]["code"] == "INVALID_RULE"
    assert "Syntax error" in err["error"]["message"]


def test_rules_check_dry_run(make_world):
    world = make_world()
    s, e = _slot(hour=4)
    status, result = call(
        "rules",
        "rules/check",
        claims=claims_for("member", world.members[0].id),
        body={"resource_id": str(world.bays[0].id), "start": s, "end": e},
    )
    assert status == 200
    assert result["allowed"] is False
    assert [r["code"] for r in result["reasons"]] == ["EARLY_ACCESS_REQUIRED"]


def test_availability_and_locations_and_me(make_world):
    world = make_world()
    member = claims_for("member", world.members[0].id)
    day = (datetime.now(TZ) + timedelta(days=2)).date().isoformat()
    status, body = call(
        "availability",
        "availability/get",
        claims=member,
        query={"location_id": str(world.location.id), "date": day, "duration_minutes": "60"},
    )
    assert (
        status == 200 and len(body["slots"]) == 2 * 36
    )  # two bays, 24/7, no starts before 06:00 (early access)
    assert set(body["slots"][0]) >= {"resource_id", "start", "end"}
    status, err = call(
        "availability",
        "availability/get",
        claims=member,
        query={"location_id": str(world.location.id), "date": "2026-13-45"},
    )
    assert (status, err["error"]["code"]) == (422, "VALIDATION_FAILED")
    status, err = call(
        "availability",
        "availability/get",
        claims=member,
        query={"location_id": str(world.location.id), "date": day, "duration_minutes": "30"},
    )
    assert status == 422 and err["error"]["details"]["reasons"][0]["code"] == "DURATION_TOO_SHORT"
    status, locs = call("catalog", "catalog/list_locations", claims=member)
    mine = [loc for loc in locs["locations"] if loc["id"] == str(world.location.id)]
    assert status == 200 and len(mine[0]["resources"]) == 2
    _create(world)
    status, me = call("members", "members/me", claims=member)
    assert status == 200 and me["credits"] == 49 and len(me["upcoming_bookings"]) == 1


def test_openapi_and_docs():
    status, spec = call("docs", "docs/openapi")
    assert status == 200 and spec["openapi"].startswith("3.")
    assert {"/bookings", "/availability", "/rules/check", "/me"} <= set(spec["paths"])
    from api_client import FakeContext, sample

    from functions.docs.handler import handler

    event = sample("docs/openapi")
    event["path"] = "/docs"
    html = handler(event, FakeContext())
    assert html["statusCode"] == 200 and "swagger" in html["body"].lower()


def test_unknown_route_is_404():
    status, err = call(
        "bookings", "bookings/list", claims=claims_for("admin"), path="/nothing-here"
    )
    assert (status, err["error"]["code"]) == (404, "ROUTE_NOT_FOUND")


def test_form_encoded_body_gets_415(make_world):
    world = make_world()
    status, err = call(
        "bookings",
        "bookings/create",
        claims=claims_for("member", world.members[0].id),
        raw_body="resource_id=1&start=2",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert (status, err["error"]["code"]) == (415, "UNSUPPORTED_MEDIA_TYPE")
