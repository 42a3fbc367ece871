"""Property: availability never offers a slot that overlaps a booking plus its buffer, a
blackout, or time outside the opening hours, in any zone and across DST days."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from booking.domain.availability import BlockedSeconds, BusyTimes, Slot, free_slots, nearest_first
from booking.domain.models import Location, Resource, ResourceStatus
from booking.domain.opening_hours import WEEKDAYS, OpeningHours
from booking.domain.settings import LocationSettings

ZONES = [
    "America/Toronto",
    "America/Vancouver",
    "Europe/London",
    "Asia/Kolkata",
    "Australia/Lord_Howe",
    "UTC",
]
# Days around DST changes in several zones, and ordinary days.
DAYS = [
    date(2026, 3, 8),
    date(2026, 3, 29),
    date(2026, 11, 1),
    date(2026, 10, 25),
    date(2026, 4, 5),
    date(2026, 6, 15),
]

hhmm = st.integers(0, 47).map(lambda h: f"{h // 2:02d}:{30 * (h % 2):02d}")


@st.composite
def hours(draw: st.DrawFn) -> dict[str, list[list[str]]]:
    if draw(st.booleans()):
        return {d: [["00:00", "24:00"]] for d in WEEKDAYS}
    out = {}
    for d in WEEKDAYS:
        if draw(st.booleans()):
            opens, closes = draw(hhmm), draw(hhmm)
            if opens != closes:
                out[d] = [[opens, closes]]
    return out


@st.composite
def intervals(draw: st.DrawFn, base: datetime, n: int) -> list[tuple[datetime, datetime]]:
    out = []
    for _ in range(draw(st.integers(0, n))):
        start = base + timedelta(minutes=draw(st.integers(-24 * 60, 72 * 60)))
        out.append((start, start + timedelta(minutes=draw(st.integers(1, 300)))))
    return out


def _one_bay(zone: str, hours: OpeningHours, buffer: int) -> tuple[Location, Resource]:
    """A location in ``zone`` with one active simulator bay of ``buffer`` minutes' turnover."""
    loc_id = uuid.uuid4()
    location = Location(loc_id, "x", "X", "", zone, hours, LocationSettings())
    return location, Resource(
        uuid.uuid4(), loc_id, "Bay", "simulator", 4, buffer, ResourceStatus.ACTIVE
    )


def _non_overlapping(items: list[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    """Keep what the exclusion constraint would have accepted."""
    kept: list[tuple[datetime, datetime]] = []
    for s, e in sorted(items):
        if not kept or s >= kept[-1][1]:
            kept.append((s, e))
    return kept


@settings(max_examples=300, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    day=st.sampled_from(DAYS),
    opening=hours(),
    buffer=st.sampled_from([0, 5, 10, 15, 30]),
    duration=st.sampled_from([30, 60, 90, 120, 180]),
    data=st.data(),
)
def test_no_slot_overlaps_busy_time_or_closed_time(zone, day, opening, buffer, duration, data):
    tz = ZoneInfo(zone)
    base = datetime(day.year, day.month, day.day, tzinfo=tz).astimezone(UTC)
    location, resource = _one_bay(zone, OpeningHours.from_json(opening), buffer)
    res_id = resource.id
    bookings = [(s, e + timedelta(minutes=buffer)) for s, e in data.draw(intervals(base, 6))]
    bookings = _non_overlapping(bookings)
    blackouts = data.draw(intervals(base, 2))
    now = base - timedelta(hours=data.draw(st.integers(0, 30)))
    slots = free_slots(
        location=location,
        resources=[resource],
        busy=BusyTimes({res_id: bookings}, {res_id: blackouts[:1]}, blackouts[1:]),
        first_day=day,
        last_day=day + timedelta(days=1),
        duration=timedelta(minutes=duration),
        now=now,
    )
    hours_obj = location.opening_hours
    starts = [s.start for s in slots]
    assert len(starts) == len(set(starts))
    for slot in slots:
        assert slot.end - slot.start == timedelta(minutes=duration)
        assert slot.start >= now
        blocked_end = slot.end + timedelta(minutes=buffer)
        for s, e in bookings:
            assert not (slot.start < e and s < blocked_end), "overlaps a booking + buffer"
        for s, e in blackouts:
            assert not (slot.start < e and s < slot.end), "overlaps a blackout"
        assert hours_obj.contains(tz, slot.start, slot.end), "outside opening hours"
        local = slot.start.astimezone(tz)
        assert local.date() in (day, day + timedelta(days=1))
        assert (local.hour * 60 + local.minute) % 30 == 0 and local.second == 0


def test_property_check_can_fail():
    """The assertions above are not vacuous: a slot over a booking is caught."""
    zone = "UTC"
    location, resource = _one_bay(zone, OpeningHours.always(), 0)
    res_id = resource.id
    start = datetime(2026, 6, 15, 10, tzinfo=UTC)
    slots = free_slots(
        location=location,
        resources=[resource],
        busy=BusyTimes({res_id: [(start, start + timedelta(hours=1))]}, {}, []),
        first_day=date(2026, 6, 15),
        last_day=date(2026, 6, 15),
        duration=timedelta(hours=1),
        now=start - timedelta(days=1),
    )
    taken = {s.start for s in slots}
    assert start not in taken and start - timedelta(minutes=30) not in taken
    assert start - timedelta(hours=1) in taken and start + timedelta(hours=1) in taken
    assert len(slots) == 48 - 3


@settings(max_examples=300, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    day=st.sampled_from(DAYS),
    opening=hours(),
    buffer=st.sampled_from([0, 5, 10, 15, 30]),
    duration=st.sampled_from([30, 60, 90, 120, 180]),
    data=st.data(),
)
def test_bookings_remove_exactly_the_slots_they_touch(zone, day, opening, buffer, duration, data):
    """Every free slot is offered: with bookings (overlapping ones too, in the database's
    seconds form or as datetimes) the answer is the bookings-free answer less exactly the
    slots whose time plus buffer meets a booking. The sweep skips whole runs of bookings
    whose gaps no slot fits in, so a wrong skip would lose slots here."""
    tz = ZoneInfo(zone)
    base = datetime(day.year, day.month, day.day, tzinfo=tz).astimezone(UTC)
    location, resource = _one_bay(zone, OpeningHours.from_json(opening), buffer)
    res_id = resource.id
    # A dense run of bookings whose gaps fall around a slot plus its buffer (where skipping a
    # gap wrongly would show), and a few anywhere, overlapping ones included.
    need = duration + buffer
    bookings = data.draw(intervals(base, 3))
    at = base + timedelta(minutes=data.draw(st.integers(-120, 24 * 60)))
    for gap, length in data.draw(
        st.lists(st.tuples(st.integers(0, 2 * need), st.integers(15, 120)), max_size=12)
    ):
        at += timedelta(minutes=gap)
        bookings.append((at, at + timedelta(minutes=length)))
        at += timedelta(minutes=length)
    blackouts = data.draw(intervals(base, 2))
    now = base - timedelta(hours=data.draw(st.integers(0, 30)))

    def slots(busy: BlockedSeconds | list[tuple[datetime, datetime]]) -> list[Slot]:
        return free_slots(
            location=location,
            resources=[resource],
            busy=BusyTimes({res_id: busy}, {res_id: blackouts[:1]}, blackouts[1:]),
            first_day=day,
            last_day=day + timedelta(days=1),
            duration=timedelta(minutes=duration),
            now=now,
        )

    pad = timedelta(minutes=buffer)
    expected = [
        s for s in slots([]) if not any(s.start < e and b < s.end + pad for b, e in bookings)
    ]
    assert slots(bookings) == expected
    as_seconds = BlockedSeconds(
        [b.timestamp() for b, _ in bookings], [e.timestamp() for _, e in bookings]
    )
    assert slots(as_seconds) == expected


def test_a_gap_exactly_a_slot_plus_its_buffer_is_offered():
    """Blocked until 11:30 and again from 12:40: a 60-minute slot with a 10-minute buffer fits
    at 11:30 exactly, and is offered from either form of the blocked ranges."""
    location, resource = _one_bay("UTC", OpeningHours.always(), 10)
    res_id = resource.id
    at = datetime(2026, 6, 15, tzinfo=UTC)
    blocked = [(at.replace(hour=10), at.replace(hour=11, minute=30))]
    blocked.append((at.replace(hour=12, minute=40), at.replace(hour=13, minute=50)))
    seconds = BlockedSeconds(
        [s.timestamp() for s, _ in blocked], [e.timestamp() for _, e in blocked]
    )
    for busy in (blocked, seconds):
        slots = free_slots(
            location=location,
            resources=[resource],
            busy=BusyTimes({res_id: busy}, {}, []),
            first_day=at.date(),
            last_day=at.date(),
            duration=timedelta(hours=1),
            now=at - timedelta(days=1),
        )
        starts = {s.start for s in slots}
        assert at.replace(hour=11, minute=30) in starts
        assert at.replace(hour=11) not in starts and at.replace(hour=12) not in starts


@settings(max_examples=300, deadline=None)
@given(
    offsets=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 3)), max_size=40),
    wanted=st.integers(-10, 90),
    prefer=st.integers(0, 4),
)
def test_nearest_first_is_the_whole_sort_by_distance(offsets, wanted, prefer):
    """Lazily from the middle, the same order as sorting every slot by (distance, not the
    preferred bay), stable: ties at the same distance on both sides included."""
    bays = [uuid.UUID(int=n + 1) for n in range(5)]
    base = datetime(2026, 6, 15, tzinfo=UTC)
    step = timedelta(minutes=30)
    slots = sorted(
        {Slot(bays[b], base + m * step, base + m * step + step) for m, b in offsets},
        key=lambda s: (s.start, str(s.resource_id)),
    )
    at = base + wanted * step / 2  # on a slot start, or halfway: ties on both sides
    expected = sorted(
        slots, key=lambda s: (abs((s.start - at).total_seconds()), s.resource_id != bays[prefer])
    )
    assert list(nearest_first(slots, at, bays[prefer])) == expected
