"""The late-cancellation policy and the weekly-hours cap, on the real PostgreSQL and rules.

Times are fixed (``now`` is a parameter of every use case), so weeks and notice are exact:
2030-01-07 is a Monday; the location is in Toronto.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking.domain.actors import Actor, Role
from booking.domain.errors import BookingRejected
from booking.domain.rules import Rule, parse_action
from booking.services import bookings as svc

TZ = ZoneInfo("America/Toronto")
MONDAY = datetime(2030, 1, 7, tzinfo=TZ)
SERVICE = Actor(role=Role.SERVICE, subject="lifecycle")


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return MONDAY + timedelta(days=day, hours=hour, minutes=minute)


def _book(db, world, start: datetime, hours: int, now: datetime, bay: int = 0):
    return svc.create_booking(
        svc.CreateBooking(
            resource_id=world.bays[bay].id, start=start, end=start + timedelta(hours=hours)
        ),
        PostgresUnitOfWork(db),
        world.actor(),
        now,
    )


def _balance(db, world) -> int:
    uow = PostgresUnitOfWork(db)
    with uow:
        return uow.credits.balance(world.members[0].id)


# -- the late-cancellation policy (24 h: 100 %, 2 h: 50 %, later: nothing) ----------------------


def test_moving_a_late_booking_far_ahead_does_not_earn_a_full_refund(make_world, db):
    world = make_world(credits=20)
    start = _at(2, 18)
    now = start - timedelta(minutes=90)
    booking = _book(db, world, start, 4, now)
    assert _balance(db, world) == 16

    moved = svc.modify_booking(
        svc.ModifyBooking(booking_id=booking.id, start=start + timedelta(days=5)),
        PostgresUnitOfWork(db),
        world.actor(),
        now,
    )
    svc.cancel_booking(moved.id, PostgresUnitOfWork(db), world.actor(), now + timedelta(minutes=1))

    # Cancelling 90 minutes before the start refunds nothing; moving first changes nothing.
    assert _balance(db, world) == 16


def test_moving_inside_the_half_refund_window_keeps_at_most_half(make_world, db):
    world = make_world(credits=20)
    start = _at(2, 18)
    now = start - timedelta(hours=3)  # 50 % territory
    booking = _book(db, world, start, 4, now)
    moved = svc.modify_booking(
        svc.ModifyBooking(booking_id=booking.id, start=start + timedelta(days=5)),
        PostgresUnitOfWork(db),
        world.actor(),
        now,
    )
    svc.cancel_booking(moved.id, PostgresUnitOfWork(db), world.actor(), now + timedelta(hours=1))
    assert _balance(db, world) == 16 + 2


def test_shortening_a_late_booking_refunds_by_the_policy(make_world, db):
    world = make_world(credits=20)
    start = _at(2, 18)
    now = start - timedelta(minutes=90)
    booking = _book(db, world, start, 4, now)
    svc.modify_booking(
        svc.ModifyBooking(booking_id=booking.id, end=start + timedelta(hours=1)),
        PostgresUnitOfWork(db),
        world.actor(),
        now,
    )
    # Three hours given back 90 minutes before the start: the policy refunds none of them.
    assert _balance(db, world) == 16


def test_an_early_reschedule_keeps_the_full_refund(make_world, db):
    world = make_world(credits=20)
    now = _at(0, 9)
    start = _at(3, 18)
    booking = _book(db, world, start, 2, now)
    moved = svc.modify_booking(
        svc.ModifyBooking(booking_id=booking.id, start=start + timedelta(days=5)),
        PostgresUnitOfWork(db),
        world.actor(),
        now,
    )
    # Cancelled three days before the new start, long after the original one passed.
    later = moved.start - timedelta(days=3)
    assert later > start
    svc.cancel_booking(moved.id, PostgresUnitOfWork(db), world.actor(), later)
    assert _balance(db, world) == 20


# -- the weekly-hours cap ------------------------------------------------------------------------


@pytest.fixture
def capped_world(make_world, db):
    """A location whose members may hold many bookings but play at most 10 hours a week."""
    world = make_world(credits=100, bays=3)
    uow = PostgresUnitOfWork(db)
    with uow:
        for name, priority, condition, action in (
            ("many-active", 900, "true", {"type": "max_active_bookings", "count": 20}),
            (
                "ten-hours",
                900,
                "stats.hours_this_week + double(booking.duration_minutes) / 60.0 > 10.0",
                {"type": "deny", "code": "WEEKLY_HOURS_EXCEEDED", "message": "10 h a week"},
            ),
        ):
            import uuid

            uow.rules.upsert(
                Rule(
                    id=uuid.uuid4(),
                    name=f"{name}-{world.location.slug}",
                    scope="location",
                    scope_ref=str(world.location.id),
                    condition=condition,
                    action=parse_action(action),
                    priority=priority,
                )
            )
        uow.commit()
    return world


def _codes(exc: BookingRejected) -> set[str]:
    return {r.code for r in exc.reasons}


def test_the_cap_counts_the_week_of_the_booking_not_the_week_of_now(capped_world, db):
    world = capped_world
    now = _at(0, 9)  # Monday of this week; every booking is next week
    _book(db, world, _at(8, 10), 4, now)
    _book(db, world, _at(9, 10), 4, now)
    with pytest.raises(BookingRejected) as refused:
        _book(db, world, _at(10, 10), 4, now)
    assert "WEEKLY_HOURS_EXCEEDED" in _codes(refused.value)
    # Two hours still fit in that week, and another week is unaffected.
    _book(db, world, _at(10, 10), 2, now)
    _book(db, world, _at(14, 8), 4, now)


def test_completed_and_no_show_bookings_still_count(capped_world, db):
    world = capped_world
    morning = _at(0, 8)
    played = _book(db, world, _at(0, 10), 4, morning)
    skipped = _book(db, world, _at(0, 15), 4, morning, bay=1)
    evening = _at(0, 20)
    svc.complete_booking(played.id, PostgresUnitOfWork(db), SERVICE, evening)
    svc.mark_no_show(skipped.id, PostgresUnitOfWork(db), SERVICE, evening)
    with pytest.raises(BookingRejected) as refused:
        _book(db, world, _at(1, 10), 4, evening)
    assert "WEEKLY_HOURS_EXCEEDED" in _codes(refused.value)


def test_cancelled_bookings_do_not_count(capped_world, db):
    world = capped_world
    now = _at(0, 8)
    first = _book(db, world, _at(2, 10), 4, now)
    _book(db, world, _at(3, 10), 4, now)
    svc.cancel_booking(first.id, PostgresUnitOfWork(db), world.actor(), now)
    _book(db, world, _at(4, 10), 4, now)


def test_moving_a_booking_counts_it_once_in_its_new_week(capped_world, db):
    world = capped_world
    now = _at(0, 8)
    _book(db, world, _at(8, 10), 4, now)
    _book(db, world, _at(9, 10), 4, now)
    this_week = _book(db, world, _at(2, 10), 4, now)
    with pytest.raises(BookingRejected) as refused:
        svc.modify_booking(
            svc.ModifyBooking(booking_id=this_week.id, start=_at(10, 10)),
            PostgresUnitOfWork(db),
            world.actor(),
            now,
        )
    assert "WEEKLY_HOURS_EXCEEDED" in _codes(refused.value)
    # Rescheduling within its own week counts its old hours once, not twice.
    svc.modify_booking(
        svc.ModifyBooking(booking_id=this_week.id, start=_at(3, 10)),
        PostgresUnitOfWork(db),
        world.actor(),
        now,
    )
