"""A create that committed but died before its idempotency record completed.

The retry (after the in-progress record expired) must return the caller's booking, not a 409
against it: the key is stored on the booking in the same transaction that creates it.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import psycopg
import pytest
from api_client import call, claims_for

from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking.api import context

TZ = ZoneInfo("America/Toronto")


pytestmark = pytest.mark.usefixtures("api_env")


def _body(world: Any, bay: int = 0, hour: int = 18) -> dict[str, str]:
    day = (datetime.now(TZ) + timedelta(days=3)).date()
    start = datetime(day.year, day.month, day.day, hour, tzinfo=TZ)
    return {
        "resource_id": str(world.bays[bay].id),
        "start": start.isoformat(),
        "end": (start + timedelta(hours=1)).isoformat(),
    }


def _post(world: Any, key: str, body: dict[str, str]) -> tuple[int, Any]:
    return call(
        "bookings",
        "bookings/create",
        claims=claims_for("member", world.members[0].id),
        body=body,
        headers={"Idempotency-Key": key},
    )


def _crash_before_the_record_completes(monkeypatch) -> None:
    """The process dies between the commit and Powertools marking the record COMPLETED."""

    def die(*args: Any, **kwargs: Any) -> None:
        raise SystemExit("function timed out")

    monkeypatch.setattr(type(context.idempotency_store()), "_update_record", die)


def _admin(statement: str) -> None:
    """A statement committed from a session of its own."""
    from booking.config import database_url

    with psycopg.connect(database_url(), autocommit=True) as conn:
        conn.execute(statement)


def _expire_in_progress_records() -> None:
    """What time does for a record whose invocation died: its in-progress expiry passes."""
    _admin(
        "UPDATE idempotency_record SET in_progress_expiry_timestamp = 0 WHERE status = 'INPROGRESS'"
    )


def _bookings_of(db, world: Any) -> list[dict[str, Any]]:
    uow = PostgresUnitOfWork(db)
    with uow:
        return list(
            uow.connection.execute(
                "SELECT id FROM bookings WHERE user_id = %s", (world.members[0].id,)
            ).fetchall()
        )


def test_a_retry_after_a_crash_returns_the_booking_already_made(make_world, db, monkeypatch):
    world = make_world()
    key = "crash-" + uuid.uuid4().hex
    body = _body(world)
    with monkeypatch.context() as crash:
        _crash_before_the_record_completes(crash)
        with pytest.raises(SystemExit):
            _post(world, key, body)
    made = _bookings_of(db, world)
    assert len(made) == 1  # committed before the crash
    _expire_in_progress_records()

    status, reply = _post(world, key, body)

    assert status == 201, reply
    assert reply["id"] == str(made[0]["id"])
    assert len(_bookings_of(db, world)) == 1
    # And the record now completes: a third try answers from it.
    status, again = _post(world, key, body)
    assert (status, again["id"]) == (201, reply["id"])


def test_the_same_key_for_another_booking_after_a_crash_is_refused(make_world, db, monkeypatch):
    world = make_world()
    key = "crash-" + uuid.uuid4().hex
    with monkeypatch.context() as crash:
        _crash_before_the_record_completes(crash)
        with pytest.raises(SystemExit):
            _post(world, key, _body(world))
    _expire_in_progress_records()
    # Powertools compares the body with the stored record's hash; with the record gone the
    # booking's own copy of the request decides.
    _admin("DELETE FROM idempotency_record WHERE status = 'INPROGRESS'")

    status, reply = _post(world, key, _body(world, bay=1, hour=20))

    assert status == 422 and reply["error"]["code"] == "IDEMPOTENCY_KEY_REUSED", reply
    assert len(_bookings_of(db, world)) == 1


def test_keys_are_per_caller(make_world, db):
    world = make_world(members=2)
    key = "shared-" + uuid.uuid4().hex
    first = _post(world, key, _body(world))
    second = call(
        "bookings",
        "bookings/create",
        claims=claims_for("member", world.members[1].id),
        body=_body(world, bay=1),
        headers={"Idempotency-Key": key},
    )
    assert first[0] == 201 and second[0] == 201 and first[1]["id"] != second[1]["id"]
