"""``POST /bookings/{id}/extend`` and ``POST /bookings/groups`` through the bookings function."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from api_client import call, claims_for

from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork

TZ = ZoneInfo("America/Toronto")


pytestmark = pytest.mark.usefixtures("api_env")


def _under_way(db, world, *, ends_in: timedelta) -> str:
    """A booking already being played (written directly: the API books only future times)."""
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    uow = PostgresUnitOfWork(db)
    with uow:
        booking = uow.bookings.add(
            user_id=world.members[0].id,
            resource_id=world.bays[0].id,
            start=now + ends_in - timedelta(hours=1),
            end=now + ends_in,
            party_size=1,
            source="api",
            credit_cost=1,
            metadata={},
        )
        uow.commit()
    return str(booking.id)


def test_extend_from_the_bay(db, make_world) -> None:
    world = make_world(members=2, tags=("EARLY_ACCESS",))  # played now, at any hour
    bid = _under_way(db, world, ends_in=timedelta(minutes=10))
    member = claims_for("member", world.members[0].id)

    status, other = call(
        "bookings",
        "bookings/extend",
        claims=claims_for("member", world.members[1].id),
        path_params={"booking_id": bid},
    )
    assert (status, other["error"]["code"]) == (404, "BOOKING_NOT_FOUND")

    status, odd = call(
        "bookings",
        "bookings/extend",
        claims=member,
        path_params={"booking_id": bid},
        body={"minutes": 7},
    )
    assert (status, odd["error"]["code"]) == (422, "INVALID_EXTENSION")

    status, longer = call(
        "bookings", "bookings/extend", claims=member, path_params={"booking_id": bid}
    )
    assert status == 200, longer
    assert longer["version"] == 2


def test_extend_before_the_window_is_a_409_with_when_it_opens(db, make_world) -> None:
    world = make_world(members=1, tags=("EARLY_ACCESS",))  # played now, at any hour
    bid = _under_way(db, world, ends_in=timedelta(minutes=50))
    status, early = call(
        "bookings",
        "bookings/extend",
        claims=claims_for("member", world.members[0].id),
        path_params={"booking_id": bid},
    )
    assert (status, early["error"]["code"]) == (409, "EXTEND_NOT_OPEN")
    assert "opens_at" in early["error"]["details"]


def test_book_a_group_all_or_nothing(make_world) -> None:
    world = make_world(bays=3, members=2, tier="platinum")
    day = (datetime.now(TZ) + timedelta(days=3)).date()
    start = datetime(day.year, day.month, day.day, 18, tzinfo=TZ)
    body = {
        "resource_ids": [str(b.id) for b in world.bays[:2]],
        "start": start.isoformat(),
        "end": (start + timedelta(hours=1)).isoformat(),
    }
    member = claims_for("member", world.members[0].id)
    status, group = call("bookings", "bookings/book_group", claims=member, body=body)
    assert status == 201, group
    assert len(group["bookings"]) == 2
    assert {b["metadata"]["group_id"] for b in group["bookings"]} == {group["group_id"]}

    # The second bay is now taken: a group over bays 2 and 3 books neither.
    body["resource_ids"] = [str(b.id) for b in world.bays[1:]]
    status, taken = call(
        "bookings",
        "bookings/book_group",
        claims=claims_for("member", world.members[1].id),
        body=body,
    )
    assert (status, taken["error"]["code"]) == (409, "SLOT_TAKEN")
    status, listed = call(
        "bookings", "bookings/list", claims=claims_for("member", world.members[1].id)
    )
    assert status == 200 and listed["bookings"] == []

    body["resource_ids"] = [str(world.bays[2].id)]
    status, one = call("bookings", "bookings/book_group", claims=member, body=body)
    assert status in (400, 422) and one["error"]["code"]
