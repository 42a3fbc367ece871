"""Extend from the bay on real PostgreSQL: the window, the charge, the race for the next slot."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest

from booking.adapters.postgres.connection import Database
from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking.domain.errors import BookingRejected, Conflict, InvalidRequest, SlotTaken
from booking.domain.models import Booking
from booking.services.bookings import CreateBooking, create_booking
from booking.services.bookings.extend import ExtendBooking, extend_booking
from booking.services.events import BOOKING_MODIFIED

BOOKED_AT = datetime(2026, 6, 1, 12, tzinfo=UTC)
END = datetime(2026, 6, 3, 19, tzinfo=UTC)
IN_WINDOW = END - timedelta(minutes=10)


def _booked(uow: PostgresUnitOfWork, world, i: int = 0, hours: int = 1) -> Booking:
    """Member ``i``'s booking on the first bay, ending at END."""
    return create_booking(
        CreateBooking(world.bays[0].id, END - timedelta(hours=hours), END),
        uow,
        world.actor(i),
        BOOKED_AT,
    )


def _balance(uow: PostgresUnitOfWork, user_id) -> int:
    with uow:
        return uow.credits.balance(user_id)


def test_extending_moves_the_end_charges_and_tells_the_timeline(uow, make_world) -> None:
    world = make_world(members=1)
    booking = _booked(uow, world)
    before = _balance(uow, world.members[0].id)

    longer = extend_booking(ExtendBooking(booking.id, 30), uow, world.actor(0), IN_WINDOW)

    assert (longer.start, longer.end) == (booking.start, END + timedelta(minutes=30))
    assert longer.version == booking.version + 1
    charged = before - _balance(uow, world.members[0].id)
    assert charged == longer.credit_cost - booking.credit_cost
    assert charged > 0, "a longer booking costs more by the default rules"
    with uow:
        events = uow.connection.execute(
            "SELECT detail_type FROM outbox WHERE aggregate_id = %s ORDER BY id", (booking.id,)
        ).fetchall()
    assert [e["detail_type"] for e in events][-1] == BOOKING_MODIFIED


@pytest.mark.parametrize(
    ("now", "code"),
    [
        (END - timedelta(minutes=16), "EXTEND_NOT_OPEN"),
        (END, "EXTEND_NOT_OPEN"),
    ],
)
def test_extending_outside_the_window_is_refused(uow, make_world, now, code) -> None:
    world = make_world(members=1)
    booking = _booked(uow, world)
    with pytest.raises(Conflict) as refused:
        extend_booking(ExtendBooking(booking.id, 30), uow, world.actor(0), now)
    assert refused.value.code == code


@pytest.mark.parametrize("minutes", [0, 7, 150])
def test_extending_by_an_odd_amount_is_refused(uow, make_world, minutes) -> None:
    world = make_world(members=1)
    booking = _booked(uow, world)
    with pytest.raises(InvalidRequest):
        extend_booking(ExtendBooking(booking.id, minutes), uow, world.actor(0), IN_WINDOW)


def test_the_next_booking_blocks_the_extension_and_nothing_changes(uow, make_world) -> None:
    world = make_world(members=2)
    booking = _booked(uow, world, 0)
    create_booking(
        CreateBooking(world.bays[0].id, END, END + timedelta(hours=1)),
        uow,
        world.actor(1),
        BOOKED_AT,
    )
    before = _balance(uow, world.members[0].id)
    with pytest.raises(SlotTaken):
        extend_booking(ExtendBooking(booking.id, 30), uow, world.actor(0), IN_WINDOW)
    with uow:
        again = uow.bookings.get(booking.id)
    assert again is not None and again.end == END and again.version == booking.version
    assert _balance(uow, world.members[0].id) == before


def test_another_member_cannot_extend_my_booking(uow, make_world) -> None:
    world = make_world(members=2)
    booking = _booked(uow, world, 0)
    with pytest.raises(Exception) as refused:
        extend_booking(ExtendBooking(booking.id, 30), uow, world.actor(1), IN_WINDOW)
    assert getattr(refused.value, "code", "") == "BOOKING_NOT_FOUND"


def test_the_rules_still_bound_the_whole_booking(uow, make_world) -> None:
    # Bookings last at most 4 h (default rules): 3 h + 90 min is refused, by the rule.
    world = make_world(members=1)
    booking = _booked(uow, world, hours=3)
    with pytest.raises(BookingRejected) as refused:
        extend_booking(ExtendBooking(booking.id, 90), uow, world.actor(0), IN_WINDOW)
    assert "DURATION_TOO_LONG" in [r.code for r in refused.value.reasons]


def test_an_extension_racing_a_booking_of_the_next_slot_exactly_one_wins(
    db: Database, make_world
) -> None:
    for _ in range(5):
        _extension_race(db, make_world(members=2))


def _extension_race(db: Database, world) -> None:
    booking = _booked(PostgresUnitOfWork(db), world, 0)
    barrier = threading.Barrier(2)

    def extend() -> str:
        uow = PostgresUnitOfWork(db)
        barrier.wait()
        try:
            extend_booking(ExtendBooking(booking.id, 30), uow, world.actor(0), IN_WINDOW)
            return "extended"
        except SlotTaken:
            return "taken"
        finally:
            db.close()

    def book_next() -> str:
        uow = PostgresUnitOfWork(db)
        barrier.wait()
        try:
            create_booking(
                CreateBooking(world.bays[0].id, END, END + timedelta(hours=1)),
                uow,
                world.actor(1),
                BOOKED_AT,
            )
            return "booked"
        except SlotTaken:
            return "taken"
        finally:
            db.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcome = sorted(f.result() for f in [pool.submit(extend), pool.submit(book_next)])
    assert outcome in (["extended", "taken"], ["booked", "taken"]), outcome
    uow = PostgresUnitOfWork(db)
    with uow:
        rows = uow.connection.execute(
            "SELECT count(*) AS n FROM bookings WHERE resource_id = %s AND status = 'confirmed'"
            " AND tstzrange(starts_at, ends_at) && tstzrange(%s, %s)",
            (world.bays[0].id, END, END + timedelta(minutes=30)),
        ).fetchone()
    assert rows["n"] == 1
