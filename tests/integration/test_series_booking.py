"""League series on real PostgreSQL: the conflict report, all or nothing, confirmed skips, DST,
cancelling one occurrence or the rest, and a series racing a single booking."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from booking.adapters.postgres.connection import Database
from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking.domain.actors import Actor, Role
from booking.domain.errors import Forbidden, SlotTaken
from booking.domain.models import BookingStatus
from booking.services.bookings import CreateBooking, cancel_booking, create_booking
from booking.services.bookings.series import (
    CreateSeries,
    SeriesConflicts,
    cancel_series,
    create_series,
    plan_series,
)

TZ = ZoneInfo("America/Toronto")
NOW = datetime(2027, 2, 1, 12, tzinfo=UTC)
FIRST = date(2027, 2, 2)  # a Tuesday; ten weeks run past the DST change of 14 March


def _staff(world) -> Actor:
    return Actor(role=Role.STAFF, subject="s", location_ids=frozenset({world.location.id}))


def _series(world, weeks: int = 10, skip: frozenset[str] = frozenset()) -> CreateSeries:
    return CreateSeries(
        user_id=world.members[0].id,
        resource_ids=tuple(b.id for b in world.bays),
        first_day=FIRST,
        start_time="19:00",
        duration_minutes=120,
        weeks=weeks,
        skip=skip,
    )


def _single(world, i: int, bay: int, week: int) -> CreateBooking:
    day = FIRST + timedelta(weeks=week)
    start = datetime(day.year, day.month, day.day, 19, 30, tzinfo=TZ)
    return CreateBooking(world.bays[bay].id, start, start + timedelta(hours=1))


def _count(uow, world) -> int:
    with uow:
        row = uow.connection.execute(
            "SELECT count(*) AS n FROM bookings WHERE resource_id = ANY(%s)"
            " AND metadata ? 'series_id' AND status = 'confirmed'",
            ([b.id for b in world.bays],),
        ).fetchone()
    return int(row["n"])


def test_a_series_books_every_week_at_the_club_s_local_time(uow, make_world) -> None:
    world = make_world(bays=4, members=1, credits=200)
    series_id, made = create_series(_series(world), uow, _staff(world), NOW)
    assert len(made) == 40
    assert {b.metadata["series_id"] for b in made} == {series_id}
    # 19:00 in Toronto before and after the clocks change (EST, then EDT).
    assert {b.start.astimezone(TZ).strftime("%H:%M") for b in made} == {"19:00"}
    assert {b.start.astimezone(TZ).utcoffset() for b in made} == {
        timedelta(hours=-5),
        timedelta(hours=-4),
    }
    with uow:
        assert uow.credits.balance(world.members[0].id) == 200 - sum(b.credit_cost for b in made)


def test_a_conflict_books_nothing_and_reports_every_conflict(uow, make_world) -> None:
    world = make_world(bays=4, members=2, credits=200, tier="platinum")
    create_booking(_single(world, 1, 2, 3), uow, world.actor(1), NOW)
    report = plan_series(_series(world), uow, _staff(world), NOW)
    conflicts = [o for o in report if o.conflict]
    assert [(o.conflict, o.resource_id) for o in conflicts] == [("SLOT_TAKEN", world.bays[2].id)]
    with pytest.raises(SeriesConflicts) as refused:
        create_series(_series(world), uow, _staff(world), NOW)
    assert [c["key"] for c in refused.value.details["conflicts"]] == [conflicts[0].key]
    assert _count(uow, world) == 0

    # Confirmed: exactly the other 39 occurrences are booked.
    _, made = create_series(
        _series(world, skip=frozenset({conflicts[0].key})), uow, _staff(world), NOW
    )
    assert len(made) == 39 and _count(uow, world) == 39


def test_cancel_one_occurrence_or_the_rest(uow, make_world) -> None:
    world = make_world(bays=1, members=1, credits=200)
    staff = _staff(world)
    series_id, made = create_series(_series(world, weeks=6), uow, staff, NOW)
    cancel_booking(made[0].id, uow, staff, NOW, reason="rained out")
    rest = cancel_series(series_id, uow, staff, NOW, from_day=made[3].start.date())
    assert [b.id for b in rest] == [b.id for b in made[3:]]
    with uow:
        statuses = [b.status for b in uow.bookings.in_series(series_id)]
    assert (
        statuses
        == [BookingStatus.CANCELLED] + [BookingStatus.CONFIRMED] * 2 + [BookingStatus.CANCELLED] * 3
    )


def test_members_do_not_book_series(uow, make_world) -> None:
    world = make_world(bays=1, members=1)
    with pytest.raises(Forbidden):
        create_series(_series(world), uow, world.actor(0), NOW)


def test_a_series_racing_a_single_booking_writes_all_or_nothing(db: Database, make_world) -> None:
    for _ in range(5):
        _series_race(db, make_world(bays=2, members=2, credits=200, tier="platinum"))


def _series_race(db: Database, world) -> None:
    barrier = threading.Barrier(2)

    def series() -> str:
        uow = PostgresUnitOfWork(db)
        barrier.wait()
        try:
            create_series(_series(world, weeks=8), uow, _staff(world), NOW)
            return "series"
        except SeriesConflicts:
            return "conflict"
        finally:
            db.close()

    def single() -> str:
        uow = PostgresUnitOfWork(db)
        barrier.wait()
        try:
            create_booking(_single(world, 1, 1, 3), uow, world.actor(1), NOW)
            return "single"
        except SlotTaken:
            return "taken"
        finally:
            db.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcome = [f.result() for f in (pool.submit(series), pool.submit(single))]
    booked = _count(PostgresUnitOfWork(db), world)
    if outcome[0] == "series":
        assert (outcome[1], booked) == ("taken", 16), outcome
    else:
        assert (outcome[1], booked) == ("single", 0), outcome


def test_the_series_routes(make_world, monkeypatch, seeded_database_url) -> None:
    import uuid

    from api_client import call, claims_for

    from booking import config

    monkeypatch.setenv("DATABASE_URL", seeded_database_url)
    monkeypatch.setenv("JWT_SECRET", "test-secret-" + uuid.uuid4().hex)
    config.settings.cache_clear()
    config.database_url.cache_clear()

    world = make_world(bays=2, members=1, credits=200)
    today = datetime.now(TZ).date()
    body = {
        "user_id": str(world.members[0].id),
        "resource_ids": [str(b.id) for b in world.bays],
        "first_day": (today + timedelta(days=7)).isoformat(),
        "start_time": "19:00",
        "duration_minutes": 120,
        "weeks": 4,
    }
    staff = claims_for("staff", locations=[world.location.id])
    status, denied = call(
        "staff", "staff/series_plan", claims=claims_for("member", world.members[0].id), body=body
    )
    assert (status, denied["error"]["code"]) == (403, "STAFF_ONLY")
    other = claims_for("staff", locations=[uuid.uuid4()])
    status, _ = call("staff", "staff/series_plan", claims=other, body=body)
    assert status == 403

    status, plan = call("staff", "staff/series_plan", claims=staff, body=body)
    assert status == 200, plan
    assert (len(plan["occurrences"]), plan["conflicts"]) == (8, 0)

    status, booked = call("staff", "staff/series_book", claims=staff, body=body)
    assert status == 201, booked
    assert len(booked["bookings"]) == 8

    status, again = call("staff", "staff/series_book", claims=staff, body=body)
    assert (status, again["error"]["code"]) == (409, "SERIES_CONFLICTS")
    assert len(again["error"]["details"]["conflicts"]) == 8

    status, cancelled = call(
        "staff",
        "staff/series_cancel",
        claims=staff,
        path_params={"series_id": booked["series_id"]},
        body={},
    )
    assert status == 200 and len(cancelled["bookings"]) == 8
