"""Property: availability never offers a slot that overlaps a booking plus its buffer, a
blackout, or time outside the opening hours, in any zone and across DST days."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from booking.domain.availability import BusyTimes, free_slots
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
    loc_id, res_id = uuid.uuid4(), uuid.uuid4()
    location = Location(
        loc_id, "x", "X", "", zone, OpeningHours.from_json(opening), LocationSettings()
    )
    resource = Resource(res_id, loc_id, "Bay", "simulator", 4, buffer, ResourceStatus.ACTIVE)
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
    loc_id, res_id = uuid.uuid4(), uuid.uuid4()
    location = Location(loc_id, "x", "X", "", zone, OpeningHours.always(), LocationSettings())
    resource = Resource(res_id, loc_id, "Bay", "simulator", 4, 0, ResourceStatus.ACTIVE)
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
