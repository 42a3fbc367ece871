"""Free slots of a location's bays: opening hours, bookings plus buffers, blackouts, limits.

Candidates step through real instants (UTC) aligned to the step on the local wall clock, so on
the spring-forward day the missing hour simply has no instants, and on the fall-back day the
repeated hour yields distinct instants that never overlap. A slot may cross midnight whenever
the opening intervals (merged across days) allow it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from booking.domain.models import Location, Resource
from booking.domain.opening_hours import merge


@dataclass(frozen=True)
class Slot:
    """A bookable [start, end) on one bay."""

    resource_id: UUID
    start: datetime
    end: datetime


@dataclass(frozen=True)
class SlotLimits:
    """How soon and how far ahead a member may book (from the rules)."""

    min_notice: timedelta = timedelta(hours=1)
    advance: timedelta = timedelta(days=14)


@dataclass(frozen=True)
class BusyTimes:
    """What already holds each bay: blocked ranges of bookings (buffer included) and blackouts."""

    bookings: Mapping[UUID, Sequence[tuple[datetime, datetime]]]
    resource_blackouts: Mapping[UUID, Sequence[tuple[datetime, datetime]]]
    location_blackouts: Sequence[tuple[datetime, datetime]]


def day_bounds(tz: ZoneInfo, first_day: date, last_day: date) -> tuple[datetime, datetime]:
    """UTC instants of local midnight on ``first_day`` and after ``last_day``."""
    start = datetime.combine(first_day, time(0), tzinfo=tz).astimezone(UTC)
    end = datetime.combine(last_day + timedelta(days=1), time(0), tzinfo=tz).astimezone(UTC)
    return start, end


def _align(t: datetime, tz: ZoneInfo, step_minutes: int) -> datetime:
    """The first instant at or after ``t`` whose local wall time is a multiple of the step."""
    local = t.astimezone(tz)
    seconds = local.hour * 3600 + local.minute * 60 + local.second
    remainder = (seconds + local.microsecond / 1e6) % (step_minutes * 60)
    if remainder == 0:
        return t
    return (t + timedelta(seconds=step_minutes * 60 - remainder)).replace(microsecond=0)


def free_slots(
    *,
    location: Location,
    resources: Iterable[Resource],
    busy: BusyTimes,
    first_day: date,
    last_day: date,
    duration: timedelta,
    now: datetime,
    limits: Mapping[UUID, SlotLimits] | SlotLimits = SlotLimits(),
    step_minutes: int | None = None,
    allowed: Callable[[Resource, datetime, datetime], bool] | None = None,
) -> list[Slot]:
    """Every free slot of ``duration`` on the given bays whose start falls on the local days.

    Inactive bays yield nothing; ``allowed`` (when given) drops slots the member's rules deny.
    Results are ordered by start, then bay.
    """
    tz = ZoneInfo(location.time_zone)
    step = step_minutes or location.settings.slot_step_minutes
    range_start, range_end = day_bounds(tz, first_day, last_day)
    # Hours of the last day may run past midnight, so look one day further for slot ends.
    opening = location.opening_hours.intervals(tz, first_day, last_day + timedelta(days=1))
    step_delta = timedelta(minutes=step)
    slots: list[Slot] = []
    for resource in resources:
        if not resource.bookable:
            continue
        lim = limits if isinstance(limits, SlotLimits) else limits.get(resource.id, SlotLimits())
        earliest = max(range_start, now + lim.min_notice)
        latest_start = min(range_end - timedelta(microseconds=1), now + lim.advance)
        buffer = timedelta(minutes=resource.buffer_minutes)
        booked = sorted(busy.bookings.get(resource.id, ()))
        blackouts = merge([*busy.location_blackouts, *busy.resource_blackouts.get(resource.id, ())])
        bi = ki = 0
        for opens, closes in opening:
            if closes <= earliest or opens > latest_start:
                continue
            t = _align(max(opens, earliest), tz, step)
            while t <= latest_start and t + duration <= closes:
                end = t + duration
                # Bookings' blocked ranges never overlap each other (the exclusion), so the
                # first one ending after t is the only one that can collide next.
                while bi < len(booked) and booked[bi][1] <= t:
                    bi += 1
                while ki < len(blackouts) and blackouts[ki][1] <= t:
                    ki += 1
                if bi < len(booked) and booked[bi][0] < end + buffer:
                    t = _align(max(t + step_delta, booked[bi][1]), tz, step)
                    continue
                if ki < len(blackouts) and blackouts[ki][0] < end:
                    t = _align(max(t + step_delta, blackouts[ki][1]), tz, step)
                    continue
                if allowed is None or allowed(resource, t, end):
                    slots.append(Slot(resource.id, t, end))
                t += step_delta
    slots.sort(key=lambda s: (s.start, str(s.resource_id)))
    return slots


def nearest(
    slots: Sequence[Slot], wanted: datetime, limit: int = 5, prefer_resource: UUID | None = None
) -> list[Slot]:
    """The ``limit`` slots closest in time to ``wanted`` (the same bay first on a tie)."""
    return sorted(
        slots,
        key=lambda s: (abs((s.start - wanted).total_seconds()), s.resource_id != prefer_resource),
    )[:limit]
