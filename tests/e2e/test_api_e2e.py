"""The booking API through API Gateway on LocalStack, with the template really deployed.

Uses the session stack of tests/e2e/conftest.py (fresh database, fakes, deployed template).
"""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import requests

pytestmark = pytest.mark.e2e

TZ = ZoneInfo("America/Toronto")


class Api:
    """A tiny client for the deployed API."""

    def __init__(self, base: str, token: str | None) -> None:
        self.base = base.rstrip("/")
        self.session = requests.Session()
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"

    def __call__(self, method: str, path: str, **kw: Any) -> tuple[int, Any]:
        r = self.session.request(method, self.base + path, timeout=30, **kw)
        try:
            body = r.json() if r.content else None
        except ValueError:
            body = r.text
        return r.status_code, body


@pytest.fixture(scope="module")
def api(stack, tokens) -> dict[str, Api]:
    return {role: Api(stack["api_url"], token) for role, token in tokens.items()}


@pytest.fixture(scope="module")
def make_members(stack):
    """Create members with credits in the stack's database; returns their tokens."""
    from booking.adapters.postgres.connection import Database
    from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
    from booking.api.auth import issue_token

    def build(n: int) -> list[str]:
        db = Database(stack["database_url"])
        tokens = []
        uow = PostgresUnitOfWork(db)
        with uow:
            for _ in range(n):
                user = uow.users.add(email=f"e2e-{uuid.uuid4().hex[:10]}@example.com")
                uow.credits.record(user_id=user.id, delta=10, reason="grant")
                tokens.append(
                    issue_token(role="member", sub=str(user.id), secret=stack["jwt_secret"])
                )
            uow.commit()
        db.close()
        return tokens

    return build


@pytest.fixture(scope="module")
def location(api) -> dict[str, Any]:
    status, body = api["member"]("GET", "/locations")
    assert status == 200
    return next(loc for loc in body["locations"] if loc["time_zone"] == "America/Toronto")


def _bay(location: dict[str, Any], n: int) -> str:
    bays = [r for r in location["resources"] if r["type"] == "simulator"]
    return str(bays[n]["id"])


def _slot(days: int, hour: int, minutes: int = 60) -> tuple[str, str]:
    day = (datetime.now(TZ) + timedelta(days=days)).date()
    start = datetime(day.year, day.month, day.day, hour, tzinfo=TZ)
    return start.isoformat(), (start + timedelta(minutes=minutes)).isoformat()


def test_create_get_list_reschedule_cancel(api, location):
    member = api["member"]
    start, end = _slot(2, 19)
    status, booking = member(
        "POST", "/bookings", json={"resource_id": _bay(location, 0), "start": start, "end": end}
    )
    assert status == 201, booking
    assert {"id", "resource_id", "user_id", "start", "end", "status"} <= set(booking)
    bid = booking["id"]
    assert member("GET", f"/bookings/{bid}")[1]["id"] == bid
    status, listed = member("GET", "/bookings")
    assert status == 200 and bid in [b["id"] for b in listed["bookings"]]
    new_start, new_end = _slot(2, 20)
    status, moved = member(
        "PATCH",
        f"/bookings/{bid}",
        json={"start": new_start, "end": new_end, "expected_version": 1},
    )
    assert status == 200 and moved["version"] == 2, moved
    status, cancelled = member("POST", f"/bookings/{bid}/cancel", json={"reason": "e2e"})
    assert (status, cancelled["status"]) == (200, "cancelled")


def test_twenty_concurrent_posts_for_one_slot_give_one_201(api, location, stack, make_members):
    members = make_members(20)
    start, end = _slot(3, 18)
    bay = _bay(location, 1)

    def attempt(token: str) -> int:
        return Api(stack["api_url"], token)(
            "POST", "/bookings", json={"resource_id": bay, "start": start, "end": end}
        )[0]

    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = sorted(pool.map(attempt, members))
    assert statuses == [201] + [409] * 19


def test_retried_post_with_idempotency_key_gives_one_booking(api, location):
    member = api["member2"]
    start, end = _slot(4, 18)
    key = "e2e-" + uuid.uuid4().hex
    body = {"resource_id": _bay(location, 2), "start": start, "end": end}
    first = member("POST", "/bookings", json=body, headers={"Idempotency-Key": key})
    second = member("POST", "/bookings", json=body, headers={"Idempotency-Key": key})
    assert first[0] == second[0] == 201 and first[1]["id"] == second[1]["id"]
    listed = member("GET", "/bookings")[1]["bookings"]
    assert [b["id"] for b in listed].count(first[1]["id"]) == 1
    assert len([b for b in listed if b["start"] == first[1]["start"]]) == 1


def test_member_a_cannot_read_or_cancel_member_bs_booking(api, location):
    start, end = _slot(5, 18)
    status, booking = api["member2"](
        "POST", "/bookings", json={"resource_id": _bay(location, 3), "start": start, "end": end}
    )
    assert status == 201, booking
    for method, path in [
        ("GET", f"/bookings/{booking['id']}"),
        ("POST", f"/bookings/{booking['id']}/cancel"),
    ]:
        status, err = api["member"](method, path)
        assert status == 404 and err["error"]["code"] == "BOOKING_NOT_FOUND"
    assert api["member2"]("GET", f"/bookings/{booking['id']}")[0] == 200


@pytest.mark.parametrize(
    ("request_kwargs", "status", "code"),
    [
        (
            {"data": "{not json", "headers": {"Content-Type": "application/json"}},
            400,
            "MALFORMED_JSON",
        ),
        ({"json": {"resource_id": 12, "start": True, "end": []}}, 422, "VALIDATION_FAILED"),
        (
            {
                "json": {
                    "resource_id": str(uuid.uuid4()),
                    "start": "2030-01-05T18:00:00-05:00",
                    "end": "2030-01-05T19:00:00-05:00",
                }
            },
            404,
            "RESOURCE_NOT_FOUND",
        ),
    ],
)
def test_malformed_and_unknown_get_4xx_with_codes(api, request_kwargs, status, code):
    got, err = api["member"]("POST", "/bookings", **request_kwargs)
    assert (got, err["error"]["code"]) == (status, code), err


def test_past_dates_and_end_before_start(api, location):
    past = (datetime.now(TZ) - timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
    status, err = api["member"](
        "POST",
        "/bookings",
        json={
            "resource_id": _bay(location, 0),
            "start": past.isoformat(),
            "end": (past + timedelta(hours=1)).isoformat(),
        },
    )
    assert status == 422
    assert "START_IN_PAST" in [r["code"] for r in err["error"]["details"]["reasons"]]
    start, end = _slot(2, 10)
    status, err = api["member"](
        "POST", "/bookings", json={"resource_id": _bay(location, 0), "start": end, "end": start}
    )
    assert (status, err["error"]["code"]) == (422, "END_BEFORE_START")


def test_unknown_ids_and_missing_auth(api, stack):
    status, err = api["member"]("GET", f"/bookings/{uuid.uuid4()}")
    assert (status, err["error"]["code"]) == (404, "BOOKING_NOT_FOUND")
    status, err = api["member"]("GET", "/bookings/not-a-uuid")
    assert status == 422
    status, err = Api(stack["api_url"], None)("GET", "/bookings")
    assert status == 401 and err["error"]["code"] == "UNAUTHORIZED"
    status, _ = Api(stack["api_url"], "forged.token.value")("GET", "/bookings")
    assert status == 401


def test_availability_and_docs(api, location, stack):
    day = (datetime.now(TZ) + timedelta(days=6)).date().isoformat()
    status, body = api["member"](
        "GET",
        "/availability",
        params={"location_id": location["id"], "date": day, "duration_minutes": 60},
    )
    assert status == 200 and body["slots"]
    assert set(body["slots"][0]) >= {"resource_id", "start", "end"}
    status, spec = Api(stack["api_url"], None)("GET", "/openapi.json")
    assert status == 200 and "/bookings" in spec["paths"]
    r = requests.get(stack["api_url"] + "/docs", timeout=30)
    assert r.status_code == 200 and "swagger" in r.text.lower()
