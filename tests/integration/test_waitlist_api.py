"""The waitlist through the bookings function: join, the offer in ``GET /waitlist``, accept,
leave, and the 4xx answers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from api_client import call, claims_for

TZ = ZoneInfo("America/Toronto")


pytestmark = pytest.mark.usefixtures("api_env")


def _slot() -> tuple[datetime, datetime]:
    day = (datetime.now(TZ) + timedelta(days=2)).date()
    start = datetime(day.year, day.month, day.day, 19, tzinfo=TZ)
    return start, start + timedelta(hours=1)


def test_join_be_offered_accept(make_world) -> None:
    world = make_world(bays=1, members=3)
    start, end = _slot()
    holder, waiter, other = (claims_for("member", m.id) for m in world.members)
    status, booked = call(
        "bookings",
        "bookings/create",
        claims=holder,
        body={
            "resource_id": str(world.bays[0].id),
            "start": start.isoformat(),
            "end": end.isoformat(),
        },
    )
    assert status == 201, booked
    join = {
        "location_id": str(world.location.id),
        "start": start.isoformat(),
        "end": end.isoformat(),
        "resource_id": str(world.bays[0].id),
    }

    status, entry = call("bookings", "bookings/waitlist_join", claims=waiter, body=join)
    assert status == 201, entry
    assert (entry["status"], entry["minutes"], entry["hold"]) == ("waiting", 60, None)
    status, again = call("bookings", "bookings/waitlist_join", claims=waiter, body=join)
    assert (status, again["error"]["code"]) == (409, "ALREADY_WAITING")
    status, bad = call(
        "bookings", "bookings/waitlist_join", claims=waiter, body={**join, "minutes": 5}
    )
    assert status == 422, bad
    status, bad = call(
        "bookings", "bookings/waitlist_join", claims=waiter, body={**join, "start": "tomorrow"}
    )
    assert status == 422, bad

    status, _ = call(
        "bookings", "bookings/cancel", claims=holder, path_params={"booking_id": booked["id"]}
    )
    assert status == 200
    status, mine = call("bookings", "bookings/waitlist_list", claims=waiter)
    assert status == 200, mine
    [offered] = mine["items"]
    assert offered["status"] == "offered"
    hold = offered["hold"]
    assert datetime.fromisoformat(hold["start"]) == start
    assert datetime.fromisoformat(hold["expires_at"]) > datetime.now(UTC)
    status, theirs = call("bookings", "bookings/waitlist_list", claims=other)
    assert (status, theirs["items"]) == (200, [])

    ids = {"entry_id": entry["id"]}
    status, nope = call("bookings", "bookings/waitlist_accept", claims=other, path_params=ids)
    assert (status, nope["error"]["code"]) == (404, "WAITLIST_ENTRY_NOT_FOUND")
    status, booking = call("bookings", "bookings/waitlist_accept", claims=waiter, path_params=ids)
    assert status == 201, booking
    assert (booking["id"], booking["status"]) == (hold["booking_id"], "confirmed")
    status, twice = call("bookings", "bookings/waitlist_accept", claims=waiter, path_params=ids)
    assert (status, twice["error"]["code"]) == (409, "NO_OFFER")
    status, listed = call("bookings", "bookings/list", claims=waiter)
    assert status == 200
    assert [b["id"] for b in listed["bookings"]] == [booking["id"]]
    status, closed = call("bookings", "bookings/waitlist_leave", claims=waiter, path_params=ids)
    assert (status, closed["error"]["code"]) == (409, "WAITLIST_ENTRY_CLOSED")


def test_leave_while_waiting(make_world) -> None:
    world = make_world(bays=1, members=2)
    start, end = _slot()
    call(
        "bookings",
        "bookings/create",
        claims=claims_for("member", world.members[0].id),
        body={
            "resource_id": str(world.bays[0].id),
            "start": start.isoformat(),
            "end": end.isoformat(),
        },
    )
    waiter = claims_for("member", world.members[1].id)
    status, entry = call(
        "bookings",
        "bookings/waitlist_join",
        claims=waiter,
        body={
            "location_id": str(world.location.id),
            "start": start.isoformat(),
            "end": end.isoformat(),
        },
    )
    assert status == 201, entry
    status, left = call(
        "bookings", "bookings/waitlist_leave", claims=waiter, path_params={"entry_id": entry["id"]}
    )
    assert (status, left["status"]) == (200, "left")


def test_staff_put_a_member_on_the_waitlist_and_take_them_off(make_world) -> None:
    world = make_world(bays=1, members=2)
    other = make_world(bays=1, members=0)
    start, end = _slot()
    call(
        "bookings",
        "bookings/create",
        claims=claims_for("member", world.members[0].id),
        body={
            "resource_id": str(world.bays[0].id),
            "start": start.isoformat(),
            "end": end.isoformat(),
        },
    )
    staff = claims_for("staff", locations=[world.location.id])
    outsider = claims_for("staff", locations=[other.location.id])
    join = {
        "location_id": str(world.location.id),
        "start": start.isoformat(),
        "end": end.isoformat(),
        "user_id": str(world.members[1].id),
    }
    status, refused = call("bookings", "bookings/waitlist_join", claims=outsider, body=join)
    assert status == 403, refused
    status, entry = call("bookings", "bookings/waitlist_join", claims=staff, body=join)
    assert status == 201, entry
    status, mine = call(
        "bookings", "bookings/waitlist_list", claims=claims_for("member", world.members[1].id)
    )
    assert [e["id"] for e in mine["items"]] == [entry["id"]]

    ids = {"entry_id": entry["id"]}
    status, hidden = call("bookings", "bookings/waitlist_leave", claims=outsider, path_params=ids)
    assert (status, hidden["error"]["code"]) == (404, "WAITLIST_ENTRY_NOT_FOUND")
    status, left = call("bookings", "bookings/waitlist_leave", claims=staff, path_params=ids)
    assert (status, left["status"]) == (200, "left")
