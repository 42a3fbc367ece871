"""Time done right: DST days, bookings across midnight, availability in the location's zone."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from booking.domain.actors import Actor, Role
from booking.domain.errors import BookingRejected, SlotTaken
from booking.services.availability import AvailabilityQuery, find_slots
from booking.services.bookings import CreateBooking, create_booking

TORONTO = ZoneInfo("America/Toronto")
LONDON = ZoneInfo("Europe/London")
STAFF_VIEW = None  # find_slots(user=None): no member limits


def _local(slots, tz):
    return [s.start.astimezone(tz) for s in slots]


def test_spring_forward_day_has_no_missing_hour(uow, make_world):
    world = make_world(bays=1)
    now = datetime(2026, 3, 1, tzinfo=UTC)
    slots, _ = find_slots(
        AvailabilityQuery(world.location.id, date(2026, 3, 8), 60), uow, user=STAFF_VIEW, now=now
    )
    local = _local(slots, TORONTO)
    assert all(t.date() == date(2026, 3, 8) for t in local)
    assert not [t for t in local if t.hour == 2], "02:00-02:59 does not exist that day"
    # A 23-hour day in 30-minute steps: 46 starts, every one a distinct instant 30 min apart
    # except across the gap (01:30 EST -> 03:00 EDT is 30 real minutes too).
    assert len(slots) == 46
    gaps = {b.start - a.start for a, b in itertools.pairwise(slots)}
    assert gaps == {timedelta(minutes=30)}


def test_fall_back_day_repeated_hour_has_no_duplicates_or_overlaps(uow, make_world):
    world = make_world(bays=1)
    now = datetime(2026, 10, 25, tzinfo=UTC)
    slots, _ = find_slots(
        AvailabilityQuery(world.location.id, date(2026, 11, 1), 60), uow, user=STAFF_VIEW, now=now
    )
    starts = [s.start for s in slots]
    assert len(starts) == len(set(starts)) == 50  # a 25-hour day
    local_one_am = [t for t in _local(slots, TORONTO) if t.hour == 1 and t.minute == 0]
    assert len(local_one_am) == 2 and local_one_am[0].utcoffset() != local_one_am[1].utcoffset()
    gaps = {b.start - a.start for a, b in itertools.pairwise(slots)}
    assert gaps == {timedelta(minutes=30)}


def test_booking_across_spring_forward_lasts_real_minutes(uow, make_world):
    world = make_world(bays=1, tags=("EARLY_ACCESS",))
    now = datetime(2026, 3, 1, tzinfo=UTC)
    start = datetime(2026, 3, 8, 1, 30, tzinfo=TORONTO)  # EST
    end = start.astimezone(UTC) + timedelta(hours=1)  # 03:30 EDT
    booking = create_booking(CreateBooking(world.bays[0].id, start, end), uow, world.actor(), now)
    assert booking.duration_minutes == 60
    assert booking.end.astimezone(TORONTO).hour == 3
    assert booking.credit_cost == 1


def test_london_spring_forward_and_other_zone(uow, make_world):
    world = make_world(bays=1, tz="Europe/London")
    now = datetime(2026, 3, 20, tzinfo=UTC)
    slots, _ = find_slots(
        AvailabilityQuery(world.location.id, date(2026, 3, 29), 60), uow, user=STAFF_VIEW, now=now
    )
    local = _local(slots, LONDON)
    assert not [t for t in local if t.hour == 1]
    assert len(slots) == 46
    assert local[0] == datetime(2026, 3, 29, 0, 0, tzinfo=LONDON)


def test_booking_from_23_to_01_crosses_midnight(uow, make_world):
    world = make_world(bays=1, tz="America/Vancouver")
    tz = ZoneInfo("America/Vancouver")
    now = datetime(2026, 6, 1, tzinfo=UTC)
    start = datetime(2026, 6, 5, 23, 0, tzinfo=tz)
    booking = create_booking(
        CreateBooking(world.bays[0].id, start, start + timedelta(hours=2)), uow, world.actor(), now
    )
    assert booking.end.astimezone(tz) == datetime(2026, 6, 6, 1, 0, tzinfo=tz)
    # And availability for that day offers a 2 h slot at 22:00? No: it would overlap.
    slots, _ = find_slots(
        AvailabilityQuery(world.location.id, date(2026, 6, 5), 120), uow, user=STAFF_VIEW, now=now
    )
    late = [s for s in slots if s.start.astimezone(tz).hour >= 21]
    assert [s.start.astimezone(tz).strftime("%H:%M") for s in late] == ["21:00"]


def test_hours_closing_after_midnight(uow, make_world):
    hours = {d: [["18:00", "02:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    world = make_world(bays=1, hours=hours)
    now = datetime(2026, 6, 1, tzinfo=UTC)
    slots, _ = find_slots(
        AvailabilityQuery(world.location.id, date(2026, 6, 5), 60), uow, user=STAFF_VIEW, now=now
    )
    local = [t.strftime("%H:%M") for t in _local(slots, TORONTO)]
    # The small hours of the 5th belong to the 4th's evening, which runs until 02:00.
    assert local[:4] == ["00:00", "00:30", "01:00", "18:00"]
    assert local[-1] == "23:30"  # 23:30-00:30 crosses midnight
    assert "01:30" not in local and "17:30" not in local
    start = datetime(2026, 6, 5, 23, 0, tzinfo=TORONTO)
    ok = create_booking(
        CreateBooking(world.bays[0].id, start, start + timedelta(hours=2)), uow, world.actor(), now
    )
    assert ok.end.astimezone(TORONTO).hour == 1
    late = datetime(2026, 6, 6, 1, 30, tzinfo=TORONTO)
    with pytest.raises(BookingRejected) as exc:
        create_booking(
            CreateBooking(world.bays[0].id, late, late + timedelta(hours=1)),
            uow,
            world.actor(),
            now,
        )
    assert "OUTSIDE_OPENING_HOURS" in [r.code for r in exc.value.reasons]


def test_availability_honours_bookings_buffers_blackouts_and_inactive_bays(uow, make_world, db):
    from booking.services.catalog import add_blackout

    world = make_world(bays=3, buffer=30)
    bay1, bay2, bay3 = world.bays
    now = datetime(2026, 6, 1, tzinfo=UTC)
    day = date(2026, 6, 4)
    start = datetime(2026, 6, 4, 10, tzinfo=TORONTO)
    create_booking(
        CreateBooking(bay1.id, start, start + timedelta(hours=1)), uow, world.actor(), now
    )
    admin = Actor(role=Role.ADMIN)
    add_blackout(
        uow,
        admin,
        resource_id=bay2.id,
        start=start,
        end=start + timedelta(hours=2),
        reason="repair",
    )
    with uow:
        uow.connection.execute(
            "UPDATE resources SET status = 'maintenance' WHERE id = %s", (bay3.id,)
        )
        uow.commit()
    slots, _ = find_slots(
        AvailabilityQuery(world.location.id, day, 60), uow, user=STAFF_VIEW, now=now
    )
    by_bay: dict = {}
    for s in slots:
        by_bay.setdefault(s.resource_id, []).append(s.start.astimezone(TORONTO).strftime("%H:%M"))
    assert bay3.id not in by_bay
    # Bay 1: 10:00-11:00 booked + 30 min buffer: 09:00 would end at 10:00 and its buffer runs
    # to 10:30 -> taken; 08:30 ok; next free start 11:30.
    assert "08:30" in by_bay[bay1.id] and "09:00" not in by_bay[bay1.id]
    assert "11:00" not in by_bay[bay1.id] and "11:30" in by_bay[bay1.id]
    # Bay 2: blackout 10:00-12:00 -> 09:00 ends at 10:00 (fine), 12:00 is the next.
    assert "09:00" in by_bay[bay2.id] and "11:30" not in by_bay[bay2.id]
    assert "12:00" in by_bay[bay2.id]


def test_member_view_applies_notice_and_advance_window(uow, make_world):
    world = make_world(bays=1)
    from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork  # noqa: F401

    with uow:
        member = uow.users.get(world.members[0].id)
    now = datetime(2026, 6, 1, 14, 10, tzinfo=TORONTO)
    slots, _ = find_slots(
        AvailabilityQuery(world.location.id, date(2026, 6, 1), 60), uow, user=member, now=now
    )
    first = slots[0].start.astimezone(TORONTO)
    assert first == datetime(2026, 6, 1, 15, 30, tzinfo=TORONTO)  # 1 h notice, aligned
    far, _ = find_slots(
        AvailabilityQuery(world.location.id, date(2026, 6, 16), 60), uow, user=member, now=now
    )
    assert far == []  # beyond 14 days for a standard member


def test_taken_slot_answers_with_nearest_alternatives(uow, make_world):
    world = make_world(bays=2, members=2)
    now = datetime(2026, 6, 1, tzinfo=UTC)
    start = datetime(2026, 6, 4, 19, tzinfo=TORONTO)
    create_booking(
        CreateBooking(world.bays[0].id, start, start + timedelta(hours=1)), uow, world.actor(0), now
    )
    with pytest.raises(SlotTaken) as exc:
        create_booking(
            CreateBooking(world.bays[0].id, start, start + timedelta(hours=1)),
            uow,
            world.actor(1),
            now,
        )
    alternatives = exc.value.alternatives
    assert alternatives, "a taken slot should come with alternatives"
    assert alternatives[0]["resource_id"] == str(world.bays[1].id)
    assert datetime.fromisoformat(alternatives[0]["start"]) == start


def test_member_view_drops_slots_their_rules_deny(uow, make_world):
    world = make_world(bays=1)
    early = make_world(bays=1, tags=("EARLY_ACCESS",))
    now = datetime(2026, 6, 1, 12, tzinfo=TORONTO)
    day = date(2026, 6, 3)
    with uow:
        member = uow.users.get(world.members[0].id)
        early_member = uow.users.get(early.members[0].id)
    plain, _ = find_slots(AvailabilityQuery(world.location.id, day, 60), uow, user=member, now=now)
    hours = {s.start.astimezone(TORONTO).hour for s in plain}
    assert min(hours) == 6  # the early-access rule denies starts before 06:00
    tagged, _ = find_slots(
        AvailabilityQuery(early.location.id, day, 60), uow, user=early_member, now=now
    )
    assert min(s.start.astimezone(TORONTO).hour for s in tagged) == 0


def test_alternatives_never_offer_a_slot_this_process_just_booked(uow, make_world):
    # Offers come from a briefly cached floor view; a booking change must drop it.
    world = make_world(bays=2, members=3)
    now = datetime(2026, 6, 1, tzinfo=UTC)
    start = datetime(2026, 6, 4, 19, tzinfo=TORONTO)
    hour = timedelta(hours=1)
    create_booking(CreateBooking(world.bays[0].id, start, start + hour), uow, world.actor(0), now)
    with pytest.raises(SlotTaken) as first:
        create_booking(
            CreateBooking(world.bays[0].id, start, start + hour), uow, world.actor(1), now
        )
    offered = first.value.alternatives[0]
    assert (offered["resource_id"], datetime.fromisoformat(offered["start"])) == (
        str(world.bays[1].id),
        start,
    )
    create_booking(CreateBooking(world.bays[1].id, start, start + hour), uow, world.actor(1), now)
    with pytest.raises(SlotTaken) as second:
        create_booking(
            CreateBooking(world.bays[0].id, start, start + hour), uow, world.actor(2), now
        )
    assert all(datetime.fromisoformat(a["start"]) != start for a in second.value.alternatives), (
        "the bay booked a moment ago is offered again"
    )
