"""Dates, clock times, ranges, durations and day parts in customer messages.

Conventions (the bridge's reply should always repeat the resolved day and time back):

* Weekdays. A bare weekday or "this <weekday>" is the nearest such day from today on,
  today included. "next <weekday>" is that weekday in the following Monday-to-Sunday week:
  on Wednesday 4 March 2026 "next Friday" is 13 March and "this Friday" is 6 March; on
  Saturday 7 March "next Sunday" is 15 March while "Sunday" is 8 March.
* Numeric dates are month/day ("3/12" is 12 March) because the clubs are in North America;
  ``date_order="DMY"`` switches that, and "13/3" can only be 13 March either way.
  A date without a year is the next such day from today; one that fell in the last 30 days
  is taken as a mistake and asked about rather than moved a year ahead.
* "12am" and "midnight" attached to a day mean the midnight that ends that day ("Friday at
  midnight" is 00:00 on Saturday); 24-hour "00:30" is literal.
* A clock hour of 1-12 with no am/pm, no 24-hour form and no day part ("at 7") is ambiguous
  when both readings are still ahead; when only one is in the future it is taken.
  "7ish" always asks. Day parts settle it: morning means am; afternoon/evening mean pm; with
  "tonight"/"night", 12 is midnight and 1-4 are the small hours after it.
* Day parts: morning 06-12, afternoon 12-17, evening 17-22, night/tonight 17-24.
* Durations ("for 2 hours") are elapsed time, so on a change-over day the end's wall clock
  moves with the offset; an end given as a clock time ("7 to 9pm") is a wall time and is
  checked like a start.
* Every wall time is checked against the zone: one skipped by spring-forward, or one that
  occurs twice on fall-back day, is asked about rather than guessed.
* "this weekend" (or "the weekend") is Saturday 00:00 to Monday 00:00 of the current
  Monday-to-Sunday week; "next weekend" is the one in the following week, like "next
  Saturday". "this week" runs from today to next Monday, "next week" from next Monday for
  seven days. They are windows, never a start: a clock time with one ("this weekend at 2pm")
  asks which day.
* "after 5pm" is a window from 17:00 to the end of that day; "before noon" one from the
  start of the day (or of the day part) to 12:00. An after-midnight bound ("after 1am")
  ends at 06:00. The am/pm of a bare hour is settled as for a start.
* "around 7pm", "about 7", "7pm or so" are approximate and ask, like "7ish" ("how about 7pm"
  is not).
* "12:30am" with no day, sent when today's 00:30 is still ahead (just after midnight), asks
  whether the coming one or the one after tonight is meant.
* Dates more than five years ahead are asked about (``date_out_of_range``) rather than read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from booking.domain.language.model import Clarification, ClarificationCode
from booking.domain.language.time_words import (
    APPROX,
    AT_FOUR_DIGITS,
    BARE_HOUR,
    BOUND,
    COLON_TIME,
    COMPACT_24H,
    DAY_AFTER_TOMORROW,
    DAY_OF_MONTH,
    DAY_PART,
    DAYS_FROM_NOW,
    DURATIONS,
    HALF_PAST,
    IN_DAYS,
    IN_OFFSET,
    ISH_HOUR,
    ISO_DATE,
    MAX_DAYS_AHEAD,
    MERIDIEM_TIME,
    MIDNIGHT,
    MONTH_DATE,
    NOON,
    NOW,
    NUM_DATE,
    PREFIXED_HOUR,
    RANGE,
    RECENT_PAST_DAYS,
    RELATIVE_DAY,
    SHIFT,
    SHIFT_DIRECTION,
    THIS_DAYPART,
    WEEK_SPAN,
    WEEKDAY,
    WEEKDAYS,
    DateOrder,
    fmt_day,
)

_Day = date  # ``Extraction.date`` shadows the type name inside that class


@dataclass(frozen=True)
class Clock:
    """A clock time as written: hour, minute and what the customer said about the half-day."""

    hour: int
    minute: int = 0
    meridiem: str | None = None  # "am" / "pm"
    h24: bool = False  # written as a 24-hour time ("14:30", "07:00")
    special: str | None = None  # "noon" / "midnight"
    approx: bool = False  # "7ish"


@dataclass
class Extraction:
    """Everything time-related found in one segment of a message."""

    date: date | None = None
    date_kind: str | None = None
    day_part: str | None = None
    start_clock: Clock | None = None
    end_clock: Clock | None = None
    duration_minutes: int | None = None
    offset_start: datetime | None = None
    shift_minutes: int | None = None
    span: tuple[_Day, _Day] | None = None  # a week or weekend: first day, day after the last
    bound: str | None = None  # "after" / "before": start_clock bounds a window, not a start
    approx: bool = False  # "around 7pm"
    clarifications: list[Clarification] = field(default_factory=list)

    @property
    def has_time(self) -> bool:
        """True when anything about when was said."""
        return (
            self.date is not None
            or self.day_part is not None
            or self.start_clock is not None
            or self.offset_start is not None
            or self.span is not None
            or bool(self.clarifications)
        )


@dataclass
class Resolution:
    """Resolved, zone-checked times for one segment."""

    start: datetime | None = None
    end: datetime | None = None
    date: date | None = None
    day_part: str | None = None
    window_start: datetime | None = None
    window_end: datetime | None = None
    time_of_day: time | None = None
    duration_minutes: int | None = None
    clarifications: list[Clarification] = field(default_factory=list)


class _Buffer:
    """Text being parsed; consumed matches are blanked so later patterns cannot reuse them."""

    def __init__(self, text: str) -> None:
        self.text = text

    def take(self, match: re.Match[str]) -> None:
        start, end = match.span()
        self.text = self.text[:start] + " " * (end - start) + self.text[end:]

    def first(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        match = pattern.search(self.text)
        if match:
            self.take(match)
        return match


def _count(word: str) -> int:
    return 1 if word in ("a", "an") else int(word)


def _add_date(ex: Extraction, value: date, kind: str) -> None:
    """Record a date; two different dates in one request are asked about."""
    if ex.date is None or ex.date == value:
        ex.date, ex.date_kind = value, ex.date_kind or kind
        return
    if {ex.date_kind, kind} == {"explicit", "weekday"}:
        # "Friday Dec 4": the explicit date wins if it is that weekday.
        explicit = ex.date if ex.date_kind == "explicit" else value
        other = value if ex.date_kind == "explicit" else ex.date
        if explicit.weekday() == other.weekday():
            ex.date, ex.date_kind = explicit, "explicit"
            return
    ex.clarifications.append(
        Clarification(
            ClarificationCode.CONFLICTING_DATES,
            f"Did you mean {fmt_day(ex.date)} or {fmt_day(value)}?",
        )
    )


def _month_day(
    ex: Extraction, today: date, month: int, day: int, year: int | None, text: str
) -> None:
    """Add a month/day date, choosing the year as documented in the module docstring."""
    try:
        this_year = date(year or today.year, month, day)
    except ValueError:
        ex.clarifications.append(
            Clarification(ClarificationCode.INVALID_DATE, f"There is no such date as {text!r}.")
        )
        return
    value = this_year
    if _too_far(ex, today, value, text):
        return
    if year is None and this_year < today:
        if (today - this_year).days <= RECENT_PAST_DAYS:
            ex.clarifications.append(
                Clarification(
                    ClarificationCode.PAST_TIME,
                    f"{fmt_day(this_year)} has already passed. Which day did you mean?",
                )
            )
            return
        try:
            value = date(today.year + 1, month, day)
        except ValueError:  # 29 February
            ex.clarifications.append(
                Clarification(ClarificationCode.INVALID_DATE, f"There is no {text!r} next year.")
            )
            return
    _add_date(ex, value, "explicit")


def _too_far(ex: Extraction, today: date, value: date, text: str) -> bool:
    """Refuse a date too far ahead to be meant (and too close to datetime's limits to use)."""
    if (value - today).days <= MAX_DAYS_AHEAD:
        return False
    ex.clarifications.append(
        Clarification(
            ClarificationCode.DATE_OUT_OF_RANGE,
            f"{text!r} is too far ahead to book. Which date did you mean?",
        )
    )
    return True


def _parse_month_name_date(span: str, today: date) -> tuple[int, int, int | None] | None:
    """Read "Dec 3rd", "3 December 2026", "the 3rd of Dec" through dateparser.

    Only month and day are taken from it (and the year when one was written): choosing the
    year is done by ``_month_day`` so that today's date counts as upcoming.
    """
    # Imported here: dateparser loads its language data at import (the largest part of the
    # ClubOS and kiosk functions' cold start), and only a message naming a month needs it.
    import dateparser

    settings: Any = {
        "PREFER_DATES_FROM": "future",
        "RELATIVE_BASE": datetime.combine(today, time()),
        "REQUIRE_PARTS": ["day", "month"],
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DAY_OF_MONTH": "first",
    }
    parsed = dateparser.parse(span, languages=["en"], settings=settings)
    if parsed is None:
        return None
    year = parsed.year if re.search(r"\d{4}", span) else None
    return parsed.month, parsed.day, year


def _weekday_date(today: date, weekday: int, qualifier: str | None, next_week: bool) -> date:
    if qualifier == "next" or next_week:
        monday_next_week = today - timedelta(days=today.weekday()) + timedelta(days=7)
        return monday_next_week + timedelta(days=weekday)
    return today + timedelta(days=(weekday - today.weekday()) % 7)


def _clock_from_hour(hour: str, minute: str | None, meridiem: str | None, ish: str | None) -> Clock:
    h24 = meridiem is None and (
        int(hour) > 12 or int(hour) == 0 or (len(hour) == 2 and hour[0] == "0")
    )
    return Clock(
        hour=int(hour),
        minute=int(minute) if minute else 0,
        meridiem=meridiem,
        h24=h24,
        approx=bool(ish),
    )


def _range_endpoint(match: re.Match[str], tag: str) -> Clock:
    special = match.group(f"{tag}sp")
    if special:
        return Clock(hour=12, special="midnight" if special == "midnight" else "noon")
    return _clock_from_hour(
        match.group(f"{tag}h"), match.group(f"{tag}m"), match.group(f"{tag}mer"), None
    )


def extract(
    text: str,
    *,
    now: datetime,
    date_order: DateOrder = "MDY",
    allow_bare_hour: bool = True,
) -> Extraction:
    """Find the day, day part, clock times, duration and offsets in a normalized segment.

    ``now`` is the current instant in the location's zone. Matches are consumed in a fixed
    order (dates, durations and offsets before clock times) so that "in 3 days" or "for 2
    hours" are never read as a time of day.
    """
    buf = _Buffer(text)
    ex = Extraction()
    today = now.date()

    shift = buf.first(SHIFT)
    if shift:
        amount = shift.group(1) or shift.group(3)
        unit = shift.group(2) or shift.group(4)
        direction_match = SHIFT_DIRECTION.search(shift.group(0))
        direction = direction_match.group(1) if direction_match else "later"
        minutes = _count(amount) * (60 if unit.startswith("hour") else 1)
        ex.shift_minutes = -minutes if direction in ("earlier", "forward") else minutes

    days_ahead: list[int] = []
    for pattern in (IN_DAYS, DAYS_FROM_NOW):
        while match := buf.first(pattern):
            days_ahead.append(_count(match[1]) * (7 if match[2].startswith("week") else 1))

    offset = buf.first(IN_OFFSET)
    if offset:
        amount = offset.group(1)
        unit = offset.group(2)
        minutes = (
            30 if amount == "half an" else _count(amount) * (60 if unit.startswith("hour") else 1)
        )
        ex.offset_start = now.replace(second=0, microsecond=0) + timedelta(minutes=minutes)
    elif buf.first(NOW):
        ex.offset_start = now.replace(second=0, microsecond=0)

    for pattern, kind in DURATIONS:
        found = buf.first(pattern)
        if not found:
            continue
        if kind == "n_half":
            ex.duration_minutes = int(found.group(1)) * 60 + 30
        elif kind == "hours":
            ex.duration_minutes = round(float(found.group(1)) * 60) + int(found.group(2) or 0)
        elif kind == "minutes":
            ex.duration_minutes = int(found.group(1))
        else:
            ex.duration_minutes = int(kind)
        break

    # Dates
    while match := buf.first(ISO_DATE):
        try:
            iso = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            ex.clarifications.append(
                Clarification(ClarificationCode.INVALID_DATE, f"There is no date {match[0]!r}.")
            )
            continue
        if not _too_far(ex, today, iso, match[0]):
            _add_date(ex, iso, "explicit")
    while match := buf.first(NUM_DATE):
        first, second = int(match[1]), int(match[2])
        month, day = (first, second) if date_order == "MDY" else (second, first)
        if month > 12 >= day:  # "13/3" can only be day/month
            month, day = day, month
        year = match[3]
        full_year = None if year is None else int(year) + (2000 if len(year) == 2 else 0)
        _month_day(ex, today, month, day, full_year, match[0])
    while match := buf.first(MONTH_DATE):
        parts = _parse_month_name_date(match[0], today)
        if parts is None:
            ex.clarifications.append(
                Clarification(ClarificationCode.INVALID_DATE, f"There is no date {match[0]!r}.")
            )
        else:
            _month_day(ex, today, parts[0], parts[1], parts[2], match[0])
    while match := buf.first(DAY_OF_MONTH):
        day = int(match[1])
        month_start = today.replace(day=1)
        month, year = (
            (today.month, today.year)
            if day >= today.day
            else (
                (month_start + timedelta(days=32)).month,
                (month_start + timedelta(days=32)).year,
            )
        )
        _month_day(ex, today, month, day, year, match[0])
    if buf.first(DAY_AFTER_TOMORROW):
        _add_date(ex, today + timedelta(days=2), "relative")
    while match := buf.first(RELATIVE_DAY):
        word = match[1]
        delta = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}[word]
        _add_date(ex, today + timedelta(days=delta), "relative")
        if word == "tonight":
            ex.day_part = "night"
    if buf.first(THIS_DAYPART):
        _add_date(ex, today, "relative")
    for days in days_ahead:
        _add_date(ex, today + timedelta(days=days), "relative")
    while match := buf.first(WEEKDAY):
        weekday = WEEKDAYS.index(match[2])
        _add_date(ex, _weekday_date(today, weekday, match[1], bool(match[3])), "weekday")

    span = buf.first(WEEK_SPAN)
    if span:
        _add_span(ex, today, span[1], span[2])

    part = buf.first(DAY_PART)
    if part:
        ex.day_part = part[1]

    # Checked without consuming: "around" is also a prefix that marks an hour below.
    ex.approx = APPROX.search(buf.text) is not None

    bound = buf.first(BOUND)
    if bound:
        ex.bound = "after" if bound["bound"] in ("after", "later than", "not before") else "before"
        ex.start_clock = _range_endpoint(bound, "a")
        if bound.group(bound.re.groups):
            ex.approx = True
        return ex

    # Clock times: ranges first, so that "7 to 9pm" lends its "pm" to the 7.
    for match in RANGE.finditer(buf.text):
        if match["conn"] == "and" and match["pre"] != "between":
            continue
        marked = (
            match["pre"]
            or match["amer"]
            or match["bmer"]
            or match["am"]
            or match["bm"]
            or match["asp"]
            or match["bsp"]
        )
        # "tomorrow 7-9" is a range too, but a bare "2-3" elsewhere may be anything.
        if not marked and ex.date is None and ex.day_part is None:
            continue
        if not marked and match["conn"] not in ("-", "to"):
            continue
        ex.start_clock = _range_endpoint(match, "a")
        ex.end_clock = _range_endpoint(match, "b")
        buf.take(match)
        break

    if ex.start_clock is None:
        ex.start_clock = _single_clock(buf)
    if ex.start_clock is None and (ex.date is not None or ex.day_part):
        compact = buf.first(COMPACT_24H)
        if compact:
            ex.start_clock = Clock(hour=int(compact[1]), minute=int(compact[2]), h24=True)
    if ex.start_clock is None and allow_bare_hour and (ex.date is not None or ex.day_part):
        bare = buf.first(BARE_HOUR)
        if bare and 1 <= int(bare[1]) <= 23:
            ex.start_clock = _clock_from_hour(bare[1], None, None, None)
    return ex


def _add_span(ex: Extraction, today: date, qualifier: str | None, unit: str) -> None:
    """Record "this weekend" / "next week" as a span of days (see the module docstring)."""
    monday = today - timedelta(days=today.weekday())
    if qualifier == "next":
        monday += timedelta(days=7)
    if unit == "weekend":
        first, last = monday + timedelta(days=5), monday + timedelta(days=7)
    else:
        first, last = (monday if qualifier == "next" else today), monday + timedelta(days=7)
    if ex.date is not None:
        # "Saturday this weekend" names one day of the span: keep the day.
        if first <= ex.date < last:
            return
        ex.clarifications.append(
            Clarification(
                ClarificationCode.CONFLICTING_DATES,
                f"{fmt_day(ex.date)} is not in that {unit}. Which day did you mean?",
            )
        )
        return
    ex.span = (first, last)


def _single_clock(buf: _Buffer) -> Clock | None:
    match = buf.first(HALF_PAST)
    if match:
        hour = int(match[3])
        minute = 30 if match[1] == "half" else 15
        if match[2] in ("to", "til"):
            hour, minute = (hour - 1) % 12 or 12, 45
        return Clock(hour=hour, minute=minute, meridiem=match[4], approx=bool(match[5]))
    if buf.first(NOON):
        return Clock(hour=12, special="noon")
    if buf.first(MIDNIGHT):
        return Clock(hour=12, special="midnight")
    match = buf.first(MERIDIEM_TIME)
    if match:
        return _clock_from_hour(match[1], match[2], match[3], match[4])
    match = buf.first(COLON_TIME)
    if match:
        return _clock_from_hour(match[1], match[2], None, match[3])
    match = buf.first(AT_FOUR_DIGITS)
    if match:
        return Clock(hour=int(match[1]), minute=int(match[2]), h24=True)
    match = buf.first(PREFIXED_HOUR)
    if match:
        return _clock_from_hour(match[1], None, None, match[2])
    match = buf.first(ISH_HOUR)
    if match:
        return _clock_from_hour(match[1], None, None, "ish")
    return None
