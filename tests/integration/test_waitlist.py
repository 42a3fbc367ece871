"""The waitlist on real PostgreSQL: holds under the bookings' exclusion constraint, the queue
order under concurrent offers, expiry that needs nothing to run, accepting in one statement."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from booking.adapters.postgres.connection import Database
from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking.domain.actors import Actor, Role
from booking.domain.errors import (
    BookingRejected,
    Conflict,
    Forbidden,
    InvalidRequest,
    NotFound,
    SlotTaken,
)
from booking.domain.models import Booking, BookingStatus
from booking.services import availability, staff_bookings
from booking.services.bookings import (
    CreateBooking,
    ModifyBooking,
    cancel_booking,
    create_booking,
    modify_booking,
)
from booking.services.integrations.clubos import clubos_item
from booking.services.waitlist import (
    JoinWaitlist,
    accept_offer,
    join_waitlist,
    leave_waitlist,
    my_waitlist,
)
from booking.services.waitlist_offers import sweep_expired_holds

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)
START = datetime(2026, 6, 3, 23, tzinfo=UTC)  # 19:00 in Toronto
END = START + timedelta(hours=1)
HOLD = timedelta(minutes=10)
SCHEMAS = Path(__file__).resolve().parents[2] / "events" / "schemas"


def _book(uow: PostgresUnitOfWork, world, i: int, bay: int = 0) -> Booking:
    return create_booking(CreateBooking(world.bays[bay].id, START, END), uow, world.actor(i), NOW)


def _join(uow: PostgresUnitOfWork, world, i: int, **kw: Any):
    cmd = JoinWaitlist(
        location_id=world.location.id,
        start=kw.pop("start", START),
        end=kw.pop("end", END),
        resource_id=kw.pop("resource_id", world.bays[0].id),
        **kw,
    )
    return join_waitlist(cmd, uow, world.actor(i), kw.pop("now", NOW))


def _holds(uow: PostgresUnitOfWork, resource_id: UUID) -> list[dict[str, Any]]:
    with uow:
        return uow.connection.execute(
            "SELECT id, user_id, status, hold_expires_at FROM bookings"
            " WHERE resource_id = %s AND status = 'held' ORDER BY created_at",
            (resource_id,),
        ).fetchall()


def _entry_status(uow: PostgresUnitOfWork, entry_id: UUID) -> str:
    with uow:
        entry = uow.waitlist.get(entry_id)
    assert entry is not None
    return entry.status


def _balance(uow: PostgresUnitOfWork, user_id: UUID) -> int:
    with uow:
        return uow.credits.balance(user_id)


def _free_starts(uow: PostgresUnitOfWork, world, now: datetime) -> set[datetime]:
    slots, _ = availability.find_slots(
        availability.AvailabilityQuery(
            location_id=world.location.id,
            first_day=START.astimezone(ZoneInfo("America/Toronto")).date(),
            duration_minutes=60,
        ),
        uow,
        user=world.members[-1],
        now=now,
    )
    return {s.start for s in slots if s.resource_id == world.bays[0].id}


def test_a_cancellation_holds_the_slot_for_the_first_in_line_who_accepts_it(uow, make_world):
    world = make_world(bays=1, members=3)
    booked = _book(uow, world, 0)
    first = _join(uow, world, 1)
    second = _join(uow, world, 2)

    cancel_booking(booked.id, uow, world.actor(0), NOW)

    [hold] = _holds(uow, world.bays[0].id)
    assert hold["user_id"] == world.members[1].id
    assert hold["hold_expires_at"] == NOW + HOLD
    assert _entry_status(uow, first.id) == "offered"
    assert _entry_status(uow, second.id) == "waiting"
    [view] = [v for v in my_waitlist(uow, world.actor(1), NOW) if v.entry.id == first.id]
    assert view.hold is not None and (view.hold.start, view.hold.end) == (START, END)
    # Nobody else can book over the hold.
    with pytest.raises(SlotTaken):
        _book(uow, world, 2)

    before = _balance(uow, world.members[1].id)
    booking = accept_offer(first.id, uow, world.actor(1), NOW + timedelta(minutes=5))

    assert booking.id == hold["id"]
    assert booking.status is BookingStatus.CONFIRMED
    assert booking.credit_cost > 0
    assert _balance(uow, world.members[1].id) == before - booking.credit_cost
    assert _entry_status(uow, first.id) == "booked"
    assert _entry_status(uow, second.id) == "waiting"
    with uow:
        kinds = [
            r["detail_type"]
            for r in uow.connection.execute(
                "SELECT detail_type FROM outbox WHERE aggregate_id = %s ORDER BY id",
                (booking.id,),
            ).fetchall()
        ]
        mine = uow.bookings.for_user(world.members[1].id)
    assert kinds == ["waitlist.offered", "booking.created"]
    assert [b.id for b in mine] == [booking.id]


def test_an_unanswered_hold_passes_to_the_next_in_line(uow, make_world):
    world = make_world(bays=1, members=3)
    booked = _book(uow, world, 0)
    first = _join(uow, world, 1)
    second = _join(uow, world, 2)
    cancel_booking(booked.id, uow, world.actor(0), NOW)

    with pytest.raises(Conflict) as late:
        accept_offer(first.id, uow, world.actor(1), NOW + HOLD)
    assert late.value.code == "HOLD_EXPIRED"

    assert sweep_expired_holds(uow, NOW + HOLD) == 1
    [hold] = _holds(uow, world.bays[0].id)
    assert hold["user_id"] == world.members[2].id
    assert (_entry_status(uow, first.id), _entry_status(uow, second.id)) == ("lapsed", "offered")
    with pytest.raises(Conflict) as gone:
        accept_offer(first.id, uow, world.actor(1), NOW + HOLD)
    assert gone.value.code == "NO_OFFER"
    assert accept_offer(second.id, uow, world.actor(2), NOW + HOLD).user_id == world.members[2].id


def test_declining_passes_the_slot_on_at_once(uow, make_world):
    world = make_world(bays=1, members=3)
    booked = _book(uow, world, 0)
    first = _join(uow, world, 1)
    second = _join(uow, world, 2)
    cancel_booking(booked.id, uow, world.actor(0), NOW)

    left = leave_waitlist(first.id, uow, world.actor(1), NOW + timedelta(minutes=1))

    assert left.status == "left"
    [hold] = _holds(uow, world.bays[0].id)
    assert hold["user_id"] == world.members[2].id
    assert _entry_status(uow, second.id) == "offered"


def test_an_expired_hold_blocks_nothing_even_when_no_sweep_runs(uow, make_world):
    world = make_world(bays=1, members=3)
    booked = _book(uow, world, 0)
    first = _join(uow, world, 1)
    cancel_booking(booked.id, uow, world.actor(0), NOW)

    assert START not in _free_starts(uow, world, NOW + timedelta(minutes=9))
    later = NOW + HOLD + timedelta(seconds=1)
    assert START in _free_starts(uow, world, later)

    # Nobody swept: the booking attempt lapses the hold itself and books.
    booking = create_booking(
        CreateBooking(world.bays[0].id, START, END), uow, world.actor(2), later
    )
    assert booking.status is BookingStatus.CONFIRMED
    assert _holds(uow, world.bays[0].id) == []
    assert _entry_status(uow, first.id) == "lapsed"


def test_a_booking_attempt_on_an_expired_hold_offers_it_to_the_next_in_line_first(uow, make_world):
    world = make_world(bays=1, members=4)
    booked = _book(uow, world, 0)
    _join(uow, world, 1)
    second = _join(uow, world, 2)
    cancel_booking(booked.id, uow, world.actor(0), NOW)

    with pytest.raises(SlotTaken):
        create_booking(CreateBooking(world.bays[0].id, START, END), uow, world.actor(3), NOW + HOLD)
    assert _entry_status(uow, second.id) == "offered"


def test_moving_a_booking_offers_its_old_time(uow, make_world):
    world = make_world(bays=1, members=2)
    booked = _book(uow, world, 0)
    entry = _join(uow, world, 1)

    modify_booking(
        ModifyBooking(booked.id, start=START + timedelta(hours=2)), uow, world.actor(0), NOW
    )

    assert _entry_status(uow, entry.id) == "offered"


def test_joining_is_checked(uow, make_world):
    world = make_world(bays=2, members=3)
    _book(uow, world, 0, bay=0)

    with pytest.raises(Conflict) as free:
        _join(uow, world, 1, resource_id=None)  # bay 2 is free at that time
    assert free.value.code == "SLOT_AVAILABLE"
    with pytest.raises(InvalidRequest) as past:
        _join(uow, world, 1, start=NOW - timedelta(hours=2), end=NOW - timedelta(hours=1))
    assert past.value.code == "WINDOW_IN_PAST"
    with pytest.raises(InvalidRequest) as long:
        _join(uow, world, 1, minutes=90)
    assert long.value.code == "INVALID_DURATION"
    with pytest.raises(InvalidRequest) as kind:
        _join(uow, world, 1, resource_id=None, resource_type="bowling")
    assert kind.value.code == "UNKNOWN_BAY_TYPE"
    with pytest.raises(BookingRejected):  # beyond how far ahead members may book
        _join(uow, world, 1, start=START + timedelta(days=90), end=END + timedelta(days=90))
    kiosk = Actor(role=Role.KIOSK, location_ids=frozenset({world.location.id}))
    with pytest.raises(Forbidden):
        join_waitlist(
            JoinWaitlist(world.location.id, START, END, resource_id=world.bays[0].id),
            uow,
            kiosk,
            NOW,
        )

    entry = _join(uow, world, 1)
    with pytest.raises(Conflict) as twice:
        _join(uow, world, 1)
    assert twice.value.code == "ALREADY_WAITING"
    # Another member sees no such entry.
    with pytest.raises(NotFound):
        leave_waitlist(entry.id, uow, world.actor(2), NOW)
    with pytest.raises(NotFound):
        accept_offer(entry.id, uow, world.actor(2), NOW)
    with uow:
        assert uow.waitlist.get(entry.id).status == "waiting"  # type: ignore[union-attr]


def test_the_waitlist_events_keep_their_published_contracts(uow, make_world):
    world = make_world(bays=1, members=3)
    booked = _book(uow, world, 0)
    first = _join(uow, world, 1)
    _join(uow, world, 2)
    cancel_booking(booked.id, uow, world.actor(0), NOW)
    leave_waitlist(first.id, uow, world.actor(1), NOW)
    with uow:
        rows = uow.connection.execute(
            "SELECT detail_type, detail FROM outbox WHERE detail_type LIKE 'waitlist.%%'"
            " AND detail -> 'booking' ->> 'location_id' = %s ORDER BY id",
            (str(world.location.id),),
        ).fetchall()
    assert [r["detail_type"] for r in rows] == [
        "waitlist.offered",
        "waitlist.lapsed",
        "waitlist.offered",
    ]
    for r in rows:
        schema = json.loads((SCHEMAS / f"{r['detail_type']}.json").read_text())
        Draft202012Validator(schema, format_checker=FormatChecker()).validate(r["detail"])
    assert rows[1]["detail"]["reason"] == "left"


def test_the_offer_reaches_clubos_in_the_clubs_time(uow, make_world):
    world = make_world(bays=1, members=2)
    booked = _book(uow, world, 0)
    _join(uow, world, 1)
    cancel_booking(booked.id, uow, world.actor(0), NOW)
    with uow:
        row = uow.connection.execute(
            "SELECT detail FROM outbox WHERE detail_type = 'waitlist.offered'"
            " AND detail -> 'booking' ->> 'location_id' = %s",
            (str(world.location.id),),
        ).fetchone()
        item = clubos_item(uow, "waitlist.offered", row["detail"])
    assert item["type"] == "waitlist.offered"
    assert item["booking"]["status"] == "held"
    assert "7:00 PM" in item["message"] and "until 8:10 AM" in item["message"]


# ---- the race: 100 members waiting on one freed slot ----


def test_a_hundred_members_waiting_get_one_hold_at_a_time_in_queue_order(
    db: Database, make_world
) -> None:
    world = make_world(bays=1, members=102, credits=20)
    booked = _book(PostgresUnitOfWork(db), world, 0)
    waiting = range(1, 101)

    def join(i: int):
        try:
            return _join(PostgresUnitOfWork(db), world, i)
        finally:
            db.close()

    with ThreadPoolExecutor(8) as pool:
        entries = list(pool.map(join, waiting))
    queue = [e.user_id for e in sorted(entries, key=lambda e: e.position)]
    assert sorted(queue) == sorted(world.members[i].id for i in waiting)

    def race(now: datetime, with_cancel: bool) -> None:
        """Four sweeps at once (and the cancellation, the first time) at ``now``."""
        barrier = threading.Barrier(5 if with_cancel else 4)

        def sweep() -> None:
            try:
                barrier.wait()
                sweep_expired_holds(PostgresUnitOfWork(db), now)
            finally:
                db.close()

        def cancel() -> None:
            try:
                barrier.wait()
                cancel_booking(booked.id, PostgresUnitOfWork(db), world.actor(0), now)
            finally:
                db.close()

        with ThreadPoolExecutor(5) as pool:
            futures = [pool.submit(sweep) for _ in range(4)]
            if with_cancel:
                futures.append(pool.submit(cancel))
            for f in futures:
                f.result()

    uow = PostgresUnitOfWork(db)
    holders = []
    now = NOW
    for turn in range(len(queue)):
        race(now, with_cancel=turn == 0)
        holds = _holds(uow, world.bays[0].id)
        assert len(holds) == 1, f"turn {turn}: {len(holds)} holds"
        holders.append(holds[0]["user_id"])
        now += HOLD + timedelta(minutes=1)
    assert holders == queue

    race(now, with_cancel=False)  # the last hold lapses; nobody is left to offer
    assert _holds(uow, world.bays[0].id) == []
    with uow:
        statuses = uow.connection.execute(
            "SELECT status, count(*) AS n FROM waitlist_entries WHERE location_id = %s"
            " GROUP BY status",
            (world.location.id,),
        ).fetchall()
    assert {r["status"]: r["n"] for r in statuses} == {"lapsed": 100}
    # The slot is free again for anyone.
    create_booking(CreateBooking(world.bays[0].id, START, END), uow, world.actor(101), now)


def test_staff_see_a_standing_hold_on_the_floor_but_not_among_bookings(uow, make_world):
    world = make_world(bays=1, members=2)
    booked = _book(uow, world, 0)
    _join(uow, world, 1)
    cancel_booking(booked.id, uow, world.actor(0), NOW)
    staff = Actor(role=Role.STAFF, location_ids=frozenset({world.location.id}))
    day = START.astimezone(ZoneInfo("America/Toronto")).date()

    floor = staff_bookings.floor(world.location.id, day, uow, staff, NOW)

    held = [b for b in floor["bookings"] if b["status"] == "held"]
    assert [b["user_id"] for b in held] == [str(world.members[1].id)]
    [waiting] = floor["waitlist"]
    assert waiting["member"]["name"] == world.members[1].name
    assert (waiting["status"], waiting["hold_expires_at"]) == ("offered", (NOW + HOLD).isoformat())
    with uow:
        listed = uow.bookings.for_location(world.location.id, START, END)
    assert [b.status for b in listed] == [BookingStatus.CANCELLED]


def test_the_floor_lists_who_waits_that_day_in_queue_order(uow, make_world):
    world = make_world(bays=1, members=4)
    _book(uow, world, 0)
    entries = [_join(uow, world, i) for i in (2, 1, 3)]
    next_day = CreateBooking(world.bays[0].id, START + timedelta(days=1), END + timedelta(days=1))
    create_booking(next_day, uow, world.actor(0), NOW)
    other_day = _join(uow, world, 1, start=START + timedelta(days=1), end=END + timedelta(days=1))
    staff = Actor(role=Role.STAFF, location_ids=frozenset({world.location.id}))
    day = START.astimezone(ZoneInfo("America/Toronto")).date()

    floor = staff_bookings.floor(world.location.id, day, uow, staff, NOW)

    assert [w["id"] for w in floor["waitlist"]] == [str(e.id) for e in entries]
    assert str(other_day.id) not in {w["id"] for w in floor["waitlist"]}
    assert {w["status"] for w in floor["waitlist"]} == {"waiting"}
    elsewhere = Actor(role=Role.STAFF, location_ids=frozenset({make_world().location.id}))
    with pytest.raises((Forbidden, NotFound)):
        staff_bookings.floor(world.location.id, day, uow, elsewhere, NOW)


def test_a_member_waits_for_at_most_five_times_at_once(uow, make_world):
    world = make_world(bays=1, members=2, tier="platinum", credits=200)
    starts = [START - timedelta(hours=h) for h in range(6)]  # 2 pm to 7 pm in Toronto
    for s in starts:
        create_booking(
            CreateBooking(world.bays[0].id, s, s + timedelta(hours=1)), uow, world.actor(0), NOW
        )
    entries = [_join(uow, world, 1, start=s, end=s + timedelta(hours=1)) for s in starts[:5]]
    with pytest.raises(Conflict) as full:
        _join(uow, world, 1, start=starts[5], end=starts[5] + timedelta(hours=1))
    assert full.value.code == "WAITLIST_LIMIT"
    leave_waitlist(entries[0].id, uow, world.actor(1), NOW)
    assert _join(uow, world, 1, start=starts[5], end=starts[5] + timedelta(hours=1))
