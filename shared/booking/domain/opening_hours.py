"""Opening hours per weekday in the location's zone, turned into UTC instants.

Hours are wall-clock times: ``{"mon": [["06:00", "02:00"]]}`` opens Monday 06:00 and closes
Tuesday 02:00 (a close at or before the open is after midnight); ``"24:00"`` is the end of the day.
Converting with ``zoneinfo`` day by day is what keeps DST days right: a local day is 23 or 25
hours long, and intervals of consecutive days that touch are merged, so 24/7 stays continuous.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from booking.domain.errors import InvalidRequest

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$|^24:00$")


def _minutes(value: str) -> int:
    if not isinstance(value, str) or not _HHMM.match(value):
        raise InvalidRequest(f"invalid time of day {value!r}, expected HH:MM", code="INVALID_HOURS")
    hours, minutes = value.split(":")
    return int(hours) * 60 + int(minutes)


def local_to_utc(day: date, minute_of_day: int, tz: ZoneInfo) -> datetime:
    """The UTC instant of a wall-clock time; a time in a DST gap moves forward past the gap."""
    extra_days, minute = divmod(minute_of_day, 24 * 60)
    wall = datetime.combine(day + timedelta(days=extra_days), time(minute // 60, minute % 60))
    # fold=0 picks the first of two repeated times; for a time that does not exist, zoneinfo
    # uses the offset from before the gap, which lands after the gap once converted.
    return wall.replace(tzinfo=tz).astimezone(UTC)


@dataclass(frozen=True)
class OpeningHours:
    """Opening intervals per weekday as (open_minute, close_minute) pairs."""

    days: tuple[tuple[tuple[int, int], ...], ...]  # index 0 = Monday

    @classmethod
    def always(cls) -> OpeningHours:
        """Open around the clock."""
        return cls(days=tuple(((0, 24 * 60),) for _ in WEEKDAYS))

    @classmethod
    def from_json(cls, data: Mapping[str, Sequence[Sequence[str]]]) -> OpeningHours:
        """Parse the stored JSON form; raises ``InvalidRequest`` on a malformed value."""
        if not isinstance(data, Mapping):
            raise InvalidRequest(
                "opening hours must be an object keyed by weekday", code="INVALID_HOURS"
            )
        unknown = set(data) - set(WEEKDAYS)
        if unknown:
            raise InvalidRequest(f"unknown weekday(s) {sorted(unknown)}", code="INVALID_HOURS")
        days: list[tuple[tuple[int, int], ...]] = []
        for name in WEEKDAYS:
            pairs = []
            for pair in data.get(name, []):
                if len(pair) != 2:
                    raise InvalidRequest(
                        "each opening interval is [open, close]", code="INVALID_HOURS"
                    )
                opens, closes = _minutes(pair[0]), _minutes(pair[1])
                if opens == 24 * 60:
                    raise InvalidRequest("a day cannot open at 24:00", code="INVALID_HOURS")
                if closes <= opens:
                    closes += 24 * 60  # closes after midnight
                pairs.append((opens, closes))
            days.append(tuple(sorted(pairs)))
        return cls(days=tuple(days))

    def to_json(self) -> dict[str, list[list[str]]]:
        """The stored JSON form."""

        def fmt(m: int) -> str:
            m = m if m <= 24 * 60 else m - 24 * 60
            return f"{m // 60:02d}:{m % 60:02d}"

        return {
            name: [[fmt(o), fmt(c)] for o, c in self.days[i]] for i, name in enumerate(WEEKDAYS)
        }

    def intervals(
        self, tz: ZoneInfo, first_day: date, last_day: date
    ) -> list[tuple[datetime, datetime]]:
        """Merged UTC open intervals for local days ``first_day``..``last_day`` (inclusive).

        The day before ``first_day`` is included too, since its hours may run past midnight.
        """
        raw: list[tuple[datetime, datetime]] = []
        day = first_day - timedelta(days=1)
        while day <= last_day:
            for opens, closes in self.days[day.weekday()]:
                start, end = local_to_utc(day, opens, tz), local_to_utc(day, closes, tz)
                if end > start:
                    raw.append((start, end))
            day += timedelta(days=1)
        return merge(raw)

    def contains(self, tz: ZoneInfo, start: datetime, end: datetime) -> bool:
        """True when [start, end) lies inside one (merged) opening interval."""
        local_start = start.astimezone(tz).date()
        local_end = end.astimezone(tz).date()
        return any(
            o <= start and end <= c for o, c in _cached_intervals(self, tz, local_start, local_end)
        )


@functools.lru_cache(maxsize=1024)
def _cached_intervals(
    hours: OpeningHours, tz: ZoneInfo, first_day: date, last_day: date
) -> tuple[tuple[datetime, datetime], ...]:
    """``hours.intervals`` computed once per (hours, zone, days): every booking check asks for
    its day's intervals, and a location's hours seldom change."""
    return tuple(hours.intervals(tz, first_day, last_day))


def merge(intervals: Iterable[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    """Sort and merge intervals that overlap or touch."""
    merged: list[tuple[datetime, datetime]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged
