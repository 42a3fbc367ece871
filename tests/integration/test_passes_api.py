"""Access pass routes, called in-process: issue a rotating pass, verify it at the door."""

from __future__ import annotations

import base64
import copy
import json
import os
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from api_client import FakeContext, call, claims_for, sample

from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking.api import context
from booking.domain.passes import ROTATION_STEP_SECONDS

KEYS = json.dumps({"current": {"kid": "test-1", "key": base64.b64encode(os.urandom(32)).decode()}})


@pytest.fixture(autouse=True)
def _api_env(monkeypatch, seeded_database_url):
    from booking import config

    monkeypatch.setenv("DATABASE_URL", seeded_database_url)
    monkeypatch.setenv("JWT_SECRET", "test-secret-" + uuid.uuid4().hex)
    monkeypatch.setenv("PASS_KEYS", KEYS)
    monkeypatch.delenv("PASS_KEYS_SECRET_ARN", raising=False)
    config.settings.cache_clear()
    config.database_url.cache_clear()


@pytest.fixture
def now(monkeypatch):
    """The API's clock, settable by the test (starts at the real time)."""
    moment = {"now": datetime.now(UTC)}
    monkeypatch.setattr(context, "now", lambda: moment["now"])
    return moment


def _booking_now(db, world, *, bay: int = 0, starts_in: int = 10, member: int = 0):
    """A confirmed booking starting ``starts_in`` minutes from now, inserted directly."""
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=starts_in)
    uow = PostgresUnitOfWork(db)
    with uow:
        booking = uow.bookings.add(
            user_id=world.members[member].id,
            resource_id=world.bays[bay].id,
            start=start,
            end=start + timedelta(hours=1),
            party_size=1,
            source="api",
            credit_cost=0,
            metadata={},
        )
        uow.commit()
    return booking


def _get_pass(world, booking, member: int = 0, query=None):
    return call(
        "passes",
        "passes/get",
        claims=claims_for("member", world.members[member].id),
        path_params={"booking_id": str(booking.id)},
        query=query,
    )


def _verify(world, body, role: str = "kiosk"):
    return call(
        "passes",
        "passes/verify",
        claims=claims_for(role, None, [world.location.id]),
        body=body,
    )


def test_member_gets_a_rotating_pass_and_the_door_checks_them_in(db, make_world, now):
    world = make_world()
    booking = _booking_now(db, world)

    status, issued = _get_pass(world, booking)

    assert status == 200, issued
    assert issued["door_ids"] == ["door-1"]
    assert issued["qr"]["svg"].startswith("<svg")
    assert base64.b64decode(issued["qr"]["png_base64"]).startswith(b"\x89PNG")
    assert 0 < issued["refresh_after_seconds"] <= ROTATION_STEP_SECONDS
    valid_until = datetime.fromisoformat(issued["valid_until"])
    assert valid_until == booking.end + timedelta(minutes=30)

    status, verified = _verify(world, {"token": issued["token"], "door_id": "door-1"})
    assert status == 200, verified
    assert verified["booking"]["status"] == "checked_in"
    # Re-entry with the next step's token is fine; the booking stays checked in.
    now["now"] += timedelta(seconds=ROTATION_STEP_SECONDS)
    _, fresh = _get_pass(world, booking)
    status, again = _verify(world, {"token": fresh["token"], "door_id": "door-1"})
    assert (status, again["booking"]["status"]) == (200, "checked_in")


def test_svg_and_png_formats_return_the_image_alone(db, make_world, now):
    world = make_world()
    booking = _booking_now(db, world)
    from functions.passes.handler import handler

    for fmt, content_type in (("svg", "image/svg+xml"), ("png", "image/png")):
        event = copy.deepcopy(sample("passes/get"))
        event["requestContext"]["authorizer"] = claims_for("member", world.members[0].id)
        event["pathParameters"] = {"booking_id": str(booking.id)}
        event["path"] = f"/bookings/{booking.id}/pass"
        event["queryStringParameters"] = {"format": fmt}
        event["multiValueQueryStringParameters"] = {"format": [fmt]}
        response = handler(event, FakeContext())
        assert response["statusCode"] == 200
        headers = response.get("headers") or {
            k: v[0] for k, v in response["multiValueHeaders"].items()
        }
        assert headers["Content-Type"] == content_type
        assert headers["Cache-Control"] == "no-store"
        body = response["body"]
        if fmt == "png":
            assert response["isBase64Encoded"] is True
            assert base64.b64decode(body).startswith(b"\x89PNG")
        else:
            assert body.startswith("<svg")


@pytest.mark.parametrize(
    ("case", "code", "http"),
    [
        ("tampered", "PASS_TAMPERED", 403),
        ("stale", "PASS_STALE", 403),
        ("expired", "PASS_EXPIRED", 403),
        ("other_booking", "PASS_OTHER_BOOKING", 403),
        ("wrong_door", "PASS_WRONG_DOOR", 403),
        ("garbage", "PASS_TAMPERED", 403),
    ],
)
def test_refused_passes(db, make_world, now, case, code, http):
    world = make_world(members=2)
    booking = _booking_now(db, world)
    other = _booking_now(db, world, bay=1, member=1)
    _, issued = _get_pass(world, booking)
    token, body = issued["token"], {"door_id": "door-1"}
    if case == "tampered":
        token = token[:40] + ("A" if token[40] != "A" else "B") + token[41:]
    elif case == "stale":
        now["now"] += timedelta(seconds=3 * ROTATION_STEP_SECONDS)
    elif case == "expired":
        now["now"] = booking.end + timedelta(minutes=31)
    elif case == "other_booking":
        body["booking_id"] = str(other.id)
    elif case == "wrong_door":
        body["door_id"] = "door-elsewhere"
    elif case == "garbage":
        token = "not a token"

    status, answer = _verify(world, {"token": token, **body})

    assert (status, answer["error"]["code"]) == (http, code)
    uow = PostgresUnitOfWork(db)
    with uow:
        assert uow.bookings.get(booking.id).status.value == "confirmed"


def test_only_the_member_and_staff_get_the_pass(db, make_world, now):
    world = make_world(members=2)
    booking = _booking_now(db, world)
    status, _ = _get_pass(world, booking, member=1)
    assert status == 404
    status, _ = call(
        "passes",
        "passes/get",
        claims=claims_for("staff", None, [world.location.id]),
        path_params={"booking_id": str(booking.id)},
    )
    assert status == 200


def test_pass_before_the_door_window_or_for_a_cancelled_booking_is_refused(db, make_world, now):
    world = make_world()
    early = _booking_now(db, world, starts_in=120)
    status, answer = _get_pass(world, early)
    assert (status, answer["error"]["code"]) == (409, "PASS_NOT_YET_VALID")
    assert answer["error"]["details"]["valid_from"]
    cancelled = _booking_now(db, world, bay=1)
    uow = PostgresUnitOfWork(db)
    with uow:
        from booking.domain.models import BookingStatus

        uow.bookings.set_status(cancelled.id, BookingStatus.CANCELLED, at=datetime.now(UTC))
        uow.commit()
    status, answer = _get_pass(world, cancelled)
    assert (status, answer["error"]["code"]) == (409, "PASS_NOT_AVAILABLE")


def test_members_cannot_open_doors_with_the_verify_route(db, make_world, now):
    world = make_world()
    booking = _booking_now(db, world)
    _, issued = _get_pass(world, booking)
    status, answer = call(
        "passes",
        "passes/verify",
        claims=claims_for("member", world.members[0].id),
        body={"token": issued["token"], "door_id": "door-1"},
    )
    assert (status, answer["error"]["code"]) == (403, "FORBIDDEN")


def test_verify_after_the_booking_was_cancelled_is_a_conflict(db, make_world, now):
    world = make_world()
    booking = _booking_now(db, world)
    _, issued = _get_pass(world, booking)
    from booking.domain.models import BookingStatus

    uow = PostgresUnitOfWork(db)
    with uow:
        uow.bookings.set_status(booking.id, BookingStatus.CANCELLED, at=datetime.now(UTC))
        uow.commit()
    status, answer = _verify(world, {"token": issued["token"], "door_id": "door-1"})
    assert (status, answer["error"]["code"]) == (409, "BOOKING_NOT_ACTIVE")


def test_a_captured_pass_cannot_be_replayed_in_its_step_or_the_grace_step(db, make_world, now):
    world = make_world()
    booking = _booking_now(db, world, starts_in=-5)
    _, issued = _get_pass(world, booking)
    status, _ = _verify(world, {"token": issued["token"], "door_id": "door-1"})
    assert status == 200

    replay_now = _verify(world, {"token": issued["token"], "door_id": "door-1"})
    now["now"] += timedelta(seconds=ROTATION_STEP_SECONDS)  # the grace step: still verifies
    replay_grace = _verify(world, {"token": issued["token"], "door_id": "door-1"})

    assert (replay_now[0], replay_now[1]["error"]["code"]) == (409, "PASS_REPLAYED")
    assert (replay_grace[0], replay_grace[1]["error"]["code"]) == (409, "PASS_REPLAYED")
    uow = PostgresUnitOfWork(db)
    with uow:
        uses = uow.connection.execute(
            "SELECT count(*) AS n FROM pass_uses WHERE booking_id = %s", (booking.id,)
        ).fetchone()
    assert uses["n"] == 1
