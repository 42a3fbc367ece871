"""Free slots of a location's bays: opening hours, bookings plus buffers, blackouts, limits.

Candidates step through real instants (UTC) aligned to the step on the local wall clock, so on
the spring-forward day the missing hour simply has no instants, and on the fall-back day the
repeated hour yields distinct instants that never overlap. A slot may cross midnight whenever
the opening intervals (merged across days) allow it.
"""

from __future__ import annotations

import bisect
import math
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple
from uuid import UUID
from zoneinfo import ZoneInfo

from booking.domain.errors import InvalidRequest
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


class BlockedSeconds(NamedTuple):
    """One bay's blocked ranges as the database sends them: POSIX seconds, starts and ends in
    two lists (the i-th start and the i-th end are one range), in no order."""

    starts: list[float]
    ends: list[float]

    def ranges(self) -> Iterator[tuple[float, float]]:
        """(start, end) of each range."""
        return zip(self.starts, self.ends, strict=True)


@dataclass(frozen=True)
class BusyTimes:
    """What already holds each bay: blocked ranges of bookings (buffer included) and blackouts."""

    # Blocked ranges of bookings: as the database sends them, or as datetimes.
    bookings: Mapping[UUID, BlockedSeconds | Sequence[tuple[datetime, datetime]]]
    resource_blackouts: Mapping[UUID, Sequence[tuple[datetime, datetime]]]
    location_blackouts: Sequence[tuple[datetime, datetime]]


FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)
"""Local days the platform answers for; beyond them a day plus a time zone and the search
window around it would overflow ``datetime``."""


def check_day(day: date) -> None:
    """Refuse a day outside ``FIRST_DAY..LAST_DAY`` with ``DATE_OUT_OF_RANGE``."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise InvalidRequest(
            f"dates must lie between {FIRST_DAY} and {LAST_DAY}",
            code="DATE_OUT_OF_RANGE",
            details={"date": day.isoformat()},
        )


def day_bounds(tz: ZoneInfo, first_day: date, last_day: date) -> tuple[datetime, datetime]:
    """UTC instants of local midnight on ``first_day`` and after ``last_day``."""
    check_day(first_day)
    check_day(last_day)
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
    opening = [
        (o.timestamp(), c.timestamp())
        for o, c in location.opening_hours.intervals(tz, first_day, last_day + timedelta(days=1))
    ]
    # The loop below works in POSIX seconds: an order of magnitude cheaper than datetimes.
    step_s, duration_s = step * 60, int(duration.total_seconds())
    align = _aligner(tz, step, first_day, last_day)
    range_start_s, range_end_s = range_start.timestamp(), range_end.timestamp()
    # (start, the bay's id as text for the order, the bay): the text made once per bay.
    slots: list[tuple[int, str, Resource]] = []
    for resource in resources:
        if not resource.bookable:
            continue
        lim = limits if isinstance(limits, SlotLimits) else limits.get(resource.id, SlotLimits())
        # Added to ``now`` as datetimes, exactly as the booking check does.
        earliest = max(range_start_s, (now + lim.min_notice).timestamp())
        latest_start = (now + lim.advance).timestamp()
        buffer_s = resource.buffer_minutes * 60
        order = str(resource.id)
        booked = _blocked_seconds(busy.bookings.get(resource.id, ()), duration_s + buffer_s)
        blackouts = [
            (s.timestamp(), e.timestamp())
            for s, e in merge(
                [*busy.location_blackouts, *busy.resource_blackouts.get(resource.id, ())]
            )
        ]
        n_booked, n_black = len(booked), len(blackouts)
        bi = ki = 0
        for opens, closes in opening:
            if closes <= earliest or opens > latest_start:
                continue
            t = align(math.ceil(max(opens, earliest)))
            while t < range_end_s and t <= latest_start and t + duration_s <= closes:
                end = t + duration_s
                # The merged blocked ranges never overlap each other, so the first one
                # ending after t is the only one that can collide next.
                while bi < n_booked and booked[bi][1] <= t:
                    bi += 1
                while ki < n_black and blackouts[ki][1] <= t:
                    ki += 1
                if bi < n_booked and booked[bi][0] < end + buffer_s:
                    t = align(math.ceil(max(t + step_s, booked[bi][1])))
                    continue
                if ki < n_black and blackouts[ki][0] < end:
                    t = align(math.ceil(max(t + step_s, blackouts[ki][1])))
                    continue
                slots.append((t, order, resource))
                t += step_s
    slots.sort(key=operator.itemgetter(0, 1))
    out: list[Slot] = []
    for t, _, resource in slots:
        start, end_dt = _instant(t), _instant(t + duration_s)
        if allowed is None or allowed(resource, start, end_dt):
            out.append(Slot(resource.id, start, end_dt))
    return out


def _blocked_seconds(
    ranges: BlockedSeconds | Sequence[tuple[datetime, datetime]], min_gap: float
) -> list[tuple[float, float]]:
    """A bay's blocked time in POSIX seconds, sorted, with every gap shorter than ``min_gap``
    (a slot plus its buffer) closed.

    No slot fits in such a gap, so closing it changes no answer; it leaves the sweep a few
    ranges a day instead of one per booking. Starts and ends are sorted apart (in C, no
    tuples): the union of intervals has a gap at ``i`` exactly when ``starts[i]`` is at or
    after ``ends[i - 1]``, overlapping ranges included.
    """
    if isinstance(ranges, BlockedSeconds):
        starts, ends = sorted(ranges.starts), sorted(ranges.ends)
    else:
        starts = sorted(s.timestamp() for s, _ in ranges)
        ends = sorted(e.timestamp() for _, e in ranges)
    if not starts:
        return []
    cuts = [i for i, gap in enumerate(map(operator.sub, starts[1:], ends), 1) if gap >= min_gap]
    firsts, lasts = [0, *cuts], [*cuts, len(starts)]
    return [(starts[a], ends[b - 1]) for a, b in zip(firsts, lasts, strict=True)]


def _instant(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def _aligner(
    tz: ZoneInfo, step_minutes: int, first_day: date, last_day: date
) -> Callable[[int], int]:
    """Round POSIX seconds up to the next instant on the step grid of the local wall clock.

    When the zone keeps one UTC offset over the whole range (no DST change in it, the usual
    case) this is arithmetic; otherwise each instant goes through the zone.
    """
    step_s = step_minutes * 60
    days = [first_day + timedelta(days=n) for n in range(-1, (last_day - first_day).days + 3)]
    offsets = {datetime.combine(d, time(0), tzinfo=tz).utcoffset() for d in days}
    if len(offsets) == 1:
        offset = next(iter(offsets))
        assert offset is not None
        off = int(offset.total_seconds())
        return lambda t: t + (-(t + off)) % step_s
    return lambda t: int(_align(_instant(t), tz, step_minutes).timestamp())


def nearest_first(
    slots: Sequence[Slot], wanted: datetime, prefer_resource: UUID | None = None
) -> Iterator[Slot]:
    """``slots`` (ordered by start, as ``free_slots`` returns them) nearest to ``wanted``
    first, lazily: a binary search for ``wanted``, then outwards from it.

    A caller that stops after a few (alternatives to a taken slot, filtered by the member's
    rules) touches a few slots instead of sorting the whole day. At equal distance the
    preferred bay comes first, then the order of ``slots`` (earlier first).
    """
    right = bisect.bisect_left(slots, wanted, key=lambda s: s.start)
    left = right - 1

    def distance(i: int) -> timedelta:
        return abs(slots[i].start - wanted)

    while left >= 0 or right < len(slots):
        d = min(distance(i) for i in (left, right) if 0 <= i < len(slots))
        tied: list[int] = []
        while left >= 0 and distance(left) == d:
            tied.append(left)
            left -= 1
        while right < len(slots) and distance(right) == d:
            tied.append(right)
            right += 1
        tied.sort(key=lambda i: (slots[i].resource_id != prefer_resource, i))
        for i in tied:
            yield slots[i]
