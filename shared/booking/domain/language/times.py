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
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any, Literal
from zoneinfo import ZoneInfo

import dateparser

from booking.domain.language.model import Clarification, ClarificationCode

DateOrder = Literal["MDY", "DMY"]
_Day = date  # ``Extraction.date`` shadows the type name inside that class

PAST_GRACE = timedelta(minutes=5)  # a request for "2pm" sent at 2:03 is not "in the past"
RECENT_PAST_DAYS = 30  # "March 4" on March 10 is a slip, not a request for next year
MAX_DAYS_AHEAD = 5 * 366  # further than this is a typo ("12/31/9999"), and near datetime's limit
SMALL_HOURS_END = 6  # an "after 1am" window runs until morning starts

WEEKDAYS: tuple[str, ...] = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)

DAY_PARTS: dict[str, tuple[int, int]] = {
    # name -> (start hour, end hour) local wall time; 24 means the next midnight
    "morning": (6, 12),
    "afternoon": (12, 17),
    "evening": (17, 22),
    "night": (17, 24),
}

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_ORD = r"(?:st|nd|rd|th)?"
_WD = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?(?:'s)?"

_ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_NUM_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?\b")
_MONTH_DATE = re.compile(
    rf"\b(?:{_MONTH}\s+(?:the\s+)?\d{{1,2}}{_ORD}|(?:the\s+)?\d{{1,2}}{_ORD}\s+(?:of\s+)?{_MONTH})"
    rf"(?:,?\s+\d{{4}})?(?![\w])"
)
_DAY_OF_MONTH = re.compile(r"\b(?:on\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)\b")
_DAY_AFTER_TOMORROW = re.compile(r"\b(?:the\s+)?day after tomorrow\b")
_RELATIVE_DAY = re.compile(r"\b(today|tonight|tomorrow|yesterday)(?:'s)?\b")
_THIS_DAYPART = re.compile(r"\bthis\s+(?=morning|afternoon|evening)")
_IN_DAYS = re.compile(r"\bin\s+(\d{1,2}|an?)\s+(days?|weeks?)\b")
_DAYS_FROM_NOW = re.compile(r"\b(\d{1,2}|an?)\s+(days?|weeks?)\s+from\s+(?:now|today)\b")
_WEEKDAY = re.compile(
    rf"\b(?:(this coming|this|next|coming|upcoming)\s+)?{_WD}(\s+next week)?(?![\w])"
)
_DAY_PART = re.compile(r"\b(morning|afternoon|evening|night)\b")
_WEEK_SPAN = re.compile(
    r"\b(?:(this coming|this|next|the|coming|upcoming)\s+)?(?:(?:whole|entire)\s+)?"
    r"(weekend|week)\b"
)

_IN_OFFSET = re.compile(r"\bin\s+(\d{1,3}|an?|half an)\s*(hours?|minutes?)\b")
_NOW = re.compile(r"\b(?:right now|now|asap|immediately|right away)\b")

_SHIFT = re.compile(
    r"\b(?:(?:back|forward|later|earlier)\s+(?:by\s+)?(an?|\d{1,3})\s+(hours?|minutes?)|"
    r"(?:by\s+)?(an?|\d{1,3})\s+(hours?|minutes?)\s+(later|earlier|back|forward))\b"
)
_SHIFT_DIRECTION = re.compile(r"\b(back|forward|later|earlier)\b")

_DURATIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:for\s+)?(?:an?|1)\s+hours?\s+and\s+(?:a\s+)?half\b"), "90"),
    (re.compile(r"\b(?:for\s+)?(\d{1,2})\s+and\s+(?:a\s+)?half\s+hours?\b"), "n_half"),
    (re.compile(r"\b(?:for\s+)?half\s+(?:an\s+)?hour\b"), "30"),
    (re.compile(r"\b(?:for\s+)?a\s+couple\s+(?:of\s+)?hours\b"), "120"),
    (
        re.compile(
            r"\b(?:for\s+)?(\d{1,2}(?:\.\d{1,2})?)\s*(?:-\s*)?(?:hours?|h)\b"
            r"(?:\s*(?:and\s+)?(\d{1,2})\s*(?:minutes?|m)\b)?"
        ),
        "hours",
    ),
    (re.compile(r"\b(?:for\s+)?(\d{2,3})\s*(?:-\s*)?(?:minutes?|m)\b"), "minutes"),
    (re.compile(r"\b(?:for\s+)?an?\s+hour\b"), "60"),
)

_ISH = r"(\s*-?\s*ish)?"
_HALF_PAST = re.compile(
    r"\b(half|quarter)\s+(past|after|to|til)\s+(\d{1,2})(?:\s+(am|pm))?\b" + _ISH
)
_NOON = re.compile(r"\b(?:12\s+)?(noon|midday)\b")
_MIDNIGHT = re.compile(r"\b(?:12\s+)?midnight\b")
_MERIDIEM_TIME = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)\b" + _ISH)
_COLON_TIME = re.compile(r"\b(\d{1,2}):(\d{2})\b" + _ISH)
_AT_FOUR_DIGITS = re.compile(r"\b(?:at|@)\s*([01]\d|2[0-3])([0-5]\d)\b")
_PREFIXED_HOUR = re.compile(
    r"(?:\b(?:at|around|about|by|from|after|before|starting|say)|@)\s*(\d{1,2})\b"
    r"(?!\s*(?:days?|weeks?|hours?|minutes?|people|persons|players|guests|golfers|of\b|/|:|\.\d))"
    + _ISH
)
_ISH_HOUR = re.compile(r"\b(\d{1,2})\s*-?\s*ish\b")
# "around 7", "7pm or so": approximate like "7ish". "how about 7pm" is a proposal, not a guess.
_APPROX = re.compile(
    r"\b(?:around|roughly|approximately|approx|circa|(?<!how )(?<!what )about)\s+"
    r"(?=(?:\d|noon|midday|midnight))|\d\s*(?:am|pm)?\s+or\s+so\b"
)
# "tomorrow 1930": four digits as a 24-hour time, only next to a day and on a quarter hour
# so that a year ("2026") is never read as a time.
_COMPACT_24H = re.compile(r"\b([01]\d|2[0-3])(00|15|30|45)\b(?!\s*(?:/|-\d))")


def _endpoint(tag: str) -> str:
    return (
        rf"(?:(?P<{tag}h>\d{{1,2}})(?:[:.](?P<{tag}m>\d{{2}}))?(?:\s*(?P<{tag}mer>am|pm))?"
        rf"|(?P<{tag}sp>noon|midday|midnight))"
    )


_BOUND = re.compile(
    rf"(?<!half )(?<!quarter )\b(?:(?:any\s?time|sometime|anything|something|only)\s+)?"
    rf"(?P<bound>after|before|later than|earlier than|not before|not after)\s+"
    rf"{_endpoint('a')}\b" + _ISH
)

_RANGE = re.compile(
    rf"\b(?:(?P<pre>from|between)\s+)?{_endpoint('a')}\s*(?P<conn>-|to|till|til|until|and)\s*"
    rf"{_endpoint('b')}\b"
)
_BARE_HOUR = re.compile(r"(?:^|(?<=\s))(\d{1,2})(?=\s*(?:$|[?!.,]|(?:please|thanks|pls)\b))")

_MINUTE_SUFFIX_DAY = 1440


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


def _fmt_day(day: date) -> str:
    return f"{day:%A}, {day:%B} {day.day}"


def _fmt_time(hour: int, minute: int) -> str:
    suffix = "am" if hour < 12 else "pm"
    h12 = hour % 12 or 12
    return f"{h12}:{minute:02d} {suffix}" if minute else f"{h12} {suffix}"


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
            f"Did you mean {_fmt_day(ex.date)} or {_fmt_day(value)}?",
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
                    f"{_fmt_day(this_year)} has already passed. Which day did you mean?",
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

    shift = buf.first(_SHIFT)
    if shift:
        amount = shift.group(1) or shift.group(3)
        unit = shift.group(2) or shift.group(4)
        direction_match = _SHIFT_DIRECTION.search(shift.group(0))
        direction = direction_match.group(1) if direction_match else "later"
        minutes = _count(amount) * (60 if unit.startswith("hour") else 1)
        ex.shift_minutes = -minutes if direction in ("earlier", "forward") else minutes

    days_ahead: list[int] = []
    for pattern in (_IN_DAYS, _DAYS_FROM_NOW):
        while match := buf.first(pattern):
            days_ahead.append(_count(match[1]) * (7 if match[2].startswith("week") else 1))

    offset = buf.first(_IN_OFFSET)
    if offset:
        amount = offset.group(1)
        unit = offset.group(2)
        minutes = (
            30 if amount == "half an" else _count(amount) * (60 if unit.startswith("hour") else 1)
        )
        ex.offset_start = now.replace(second=0, microsecond=0) + timedelta(minutes=minutes)
    elif buf.first(_NOW):
        ex.offset_start = now.replace(second=0, microsecond=0)

    for pattern, kind in _DURATIONS:
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
    while match := buf.first(_ISO_DATE):
        try:
            iso = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            ex.clarifications.append(
                Clarification(ClarificationCode.INVALID_DATE, f"There is no date {match[0]!r}.")
            )
            continue
        if not _too_far(ex, today, iso, match[0]):
            _add_date(ex, iso, "explicit")
    while match := buf.first(_NUM_DATE):
        first, second = int(match[1]), int(match[2])
        month, day = (first, second) if date_order == "MDY" else (second, first)
        if month > 12 >= day:  # "13/3" can only be day/month
            month, day = day, month
        year = match[3]
        full_year = None if year is None else int(year) + (2000 if len(year) == 2 else 0)
        _month_day(ex, today, month, day, full_year, match[0])
    while match := buf.first(_MONTH_DATE):
        parts = _parse_month_name_date(match[0], today)
        if parts is None:
            ex.clarifications.append(
                Clarification(ClarificationCode.INVALID_DATE, f"There is no date {match[0]!r}.")
            )
        else:
            _month_day(ex, today, parts[0], parts[1], parts[2], match[0])
    while match := buf.first(_DAY_OF_MONTH):
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
    if buf.first(_DAY_AFTER_TOMORROW):
        _add_date(ex, today + timedelta(days=2), "relative")
    while match := buf.first(_RELATIVE_DAY):
        word = match[1]
        delta = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}[word]
        _add_date(ex, today + timedelta(days=delta), "relative")
        if word == "tonight":
            ex.day_part = "night"
    if buf.first(_THIS_DAYPART):
        _add_date(ex, today, "relative")
    for days in days_ahead:
        _add_date(ex, today + timedelta(days=days), "relative")
    while match := buf.first(_WEEKDAY):
        weekday = WEEKDAYS.index(match[2])
        _add_date(ex, _weekday_date(today, weekday, match[1], bool(match[3])), "weekday")

    span = buf.first(_WEEK_SPAN)
    if span:
        _add_span(ex, today, span[1], span[2])

    part = buf.first(_DAY_PART)
    if part:
        ex.day_part = part[1]

    # Checked without consuming: "around" is also a prefix that marks an hour below.
    ex.approx = _APPROX.search(buf.text) is not None

    bound = buf.first(_BOUND)
    if bound:
        ex.bound = "after" if bound["bound"] in ("after", "later than", "not before") else "before"
        ex.start_clock = _range_endpoint(bound, "a")
        if bound.group(bound.re.groups):
            ex.approx = True
        return ex

    # Clock times: ranges first, so that "7 to 9pm" lends its "pm" to the 7.
    for match in _RANGE.finditer(buf.text):
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
        compact = buf.first(_COMPACT_24H)
        if compact:
            ex.start_clock = Clock(hour=int(compact[1]), minute=int(compact[2]), h24=True)
    if ex.start_clock is None and allow_bare_hour and (ex.date is not None or ex.day_part):
        bare = buf.first(_BARE_HOUR)
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
                f"{_fmt_day(ex.date)} is not in that {unit}. Which day did you mean?",
            )
        )
        return
    ex.span = (first, last)


def _single_clock(buf: _Buffer) -> Clock | None:
    match = buf.first(_HALF_PAST)
    if match:
        hour = int(match[3])
        minute = 30 if match[1] == "half" else 15
        if match[2] in ("to", "til"):
            hour, minute = (hour - 1) % 12 or 12, 45
        return Clock(hour=hour, minute=minute, meridiem=match[4], approx=bool(match[5]))
    if buf.first(_NOON):
        return Clock(hour=12, special="noon")
    if buf.first(_MIDNIGHT):
        return Clock(hour=12, special="midnight")
    match = buf.first(_MERIDIEM_TIME)
    if match:
        return _clock_from_hour(match[1], match[2], match[3], match[4])
    match = buf.first(_COLON_TIME)
    if match:
        return _clock_from_hour(match[1], match[2], None, match[3])
    match = buf.first(_AT_FOUR_DIGITS)
    if match:
        return Clock(hour=int(match[1]), minute=int(match[2]), h24=True)
    match = buf.first(_PREFIXED_HOUR)
    if match:
        return _clock_from_hour(match[1], None, None, match[2])
    match = buf.first(_ISH_HOUR)
    if match:
        return _clock_from_hour(match[1], None, None, "ish")
    return None


def _valid(clock: Clock) -> bool:
    if clock.special:
        return True
    if clock.minute > 59:
        return False
    if clock.meridiem:
        return 1 <= clock.hour <= 12
    return 0 <= clock.hour <= 23


def clock_minutes(clock: Clock, hint: str | None) -> list[int]:
    """Possible start minutes counted from 00:00 of the requested day (1440+ = next day)."""
    if clock.special == "noon":
        return [720]
    if clock.special == "midnight":
        return [_MINUTE_SUFFIX_DAY]
    h, m = clock.hour, clock.minute
    if clock.h24 or h > 12:
        return [h * 60 + m]
    if clock.meridiem == "am":
        if h == 12 or (hint == "night" and h <= 5):  # "tonight at 1am" is after midnight
            return [_MINUTE_SUFFIX_DAY + h % 12 * 60 + m]
        return [h * 60 + m]
    if clock.meridiem == "pm":
        return [720 + m] if h == 12 else [(h + 12) * 60 + m]
    if hint == "morning":
        return [h * 60 + m] if h < 12 else [720 + m]
    if hint == "afternoon":
        return [720 + m] if h == 12 else [(h + 12) * 60 + m]
    if hint == "evening":
        return [_MINUTE_SUFFIX_DAY + m] if h == 12 else [(h + 12) * 60 + m]
    if hint == "night":
        if h == 12:
            return [_MINUTE_SUFFIX_DAY + m]
        if h <= 4:
            return [_MINUTE_SUFFIX_DAY + h * 60 + m]
        return [(h + 12) * 60 + m]
    if h == 12:
        return [720 + m, _MINUTE_SUFFIX_DAY + m]
    return [h * 60 + m, (h + 12) * 60 + m]


def _pairs(ex: Extraction, clock: Clock) -> list[tuple[int, int | None]]:
    starts = clock_minutes(clock, ex.day_part)
    if ex.end_clock is None:
        return [(s, None) for s in starts]
    end_clock = ex.end_clock
    # Only one side said am/pm: the other follows it (shortest positive span wins below).
    if clock.meridiem and not end_clock.meridiem and not end_clock.h24 and not end_clock.special:
        ends = clock_minutes(end_clock, None)
    elif end_clock.meridiem and not clock.meridiem and not clock.h24 and not clock.special:
        starts = clock_minutes(clock, None) if ex.day_part is None else starts
        ends = clock_minutes(end_clock, ex.day_part)
    else:
        ends = clock_minutes(end_clock, ex.day_part)
    spans: list[tuple[int, int]] = []
    for s in starts:
        for e in ends:
            end = e
            while end <= s:
                end += _MINUTE_SUFFIX_DAY
            spans.append((s, end))
    shortest = min(e - s for s, e in spans)
    return list(dict.fromkeys((s, e) for s, e in spans if e - s == shortest))


def localize(day: date, minutes: int, tz: tzinfo) -> tuple[datetime, str | None]:
    """Build the local datetime ``minutes`` after 00:00 of ``day`` and check it.

    Returns the datetime (first occurrence when ambiguous) and ``None``, ``"gap"`` (the wall
    time does not exist: it round-trips through UTC to another wall time) or ``"fold"`` (it
    happens twice).
    """
    day = day + timedelta(days=minutes // _MINUTE_SUFFIX_DAY)
    wall = datetime.combine(day, time((minutes % _MINUTE_SUFFIX_DAY) // 60, minutes % 60))
    first = wall.replace(tzinfo=tz, fold=0)
    second = wall.replace(tzinfo=tz, fold=1)
    if first.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != wall:
        return first, "gap"
    if first.utcoffset() != second.utcoffset():
        return first, "fold"
    return first, None


def _zone_problem(kind: str, value: datetime, tz: tzinfo) -> Clarification:
    wall = value.replace(tzinfo=None)
    label = f"{_fmt_time(wall.hour, wall.minute)} on {_fmt_day(wall.date())}"
    if kind == "gap":
        later = (value.astimezone(UTC)).astimezone(tz)
        return Clarification(
            ClarificationCode.NONEXISTENT_TIME,
            f"{label} does not exist: the clocks spring forward that night. "
            f"Did you mean {_fmt_time(later.hour, later.minute)}?",
        )
    first = value.replace(fold=0)
    second = value.replace(fold=1)
    return Clarification(
        ClarificationCode.AMBIGUOUS_FOLD,
        f"{label} happens twice: the clocks fall back that night. Do you mean the first "
        f"({first.tzname()}) or the second ({second.tzname()})?",
    )


def resolve(
    ex: Extraction,
    *,
    now: datetime,
    tz: ZoneInfo,
    base_date: date | None = None,
    implicit_today: bool = True,
    check_past: bool = True,
    fill_end_minutes: int | None = None,
) -> Resolution:
    """Turn an extraction into zone-checked local datetimes.

    ``base_date`` is used when the segment named no day (a modify inheriting the day of the
    booking it moves). Without either, a clock time means today when ``implicit_today``,
    otherwise only ``time_of_day`` is returned. ``fill_end_minutes`` gives an end to a start
    that has neither an end nor a duration.
    """
    res = Resolution(clarifications=list(ex.clarifications), day_part=ex.day_part)
    if res.clarifications:
        return res
    now_local = now.astimezone(tz)
    today = now_local.date()
    day = ex.date or base_date
    res.date = day
    res.duration_minutes = ex.duration_minutes
    duration = ex.duration_minutes or fill_end_minutes

    if ex.offset_start is not None:
        res.start = ex.offset_start.astimezone(tz)
        res.date = res.start.date()
        res.time_of_day = res.start.time().replace(tzinfo=None)
        if duration:
            res.end = (res.start.astimezone(UTC) + timedelta(minutes=duration)).astimezone(tz)
        return res

    clock = ex.start_clock
    if ex.span is not None:
        return _resolve_span(ex, res, clock, tz)

    if clock is not None:
        bad = next((c for c in (clock, ex.end_clock) if c is not None and not _valid(c)), None)
        if bad is not None:
            res.clarifications.append(
                Clarification(
                    ClarificationCode.INVALID_TIME, "That time doesn't exist. Which time?"
                )
            )
            return res
        if clock.approx or ex.approx:
            res.clarifications.append(
                Clarification(
                    ClarificationCode.APPROXIMATE_TIME,
                    "What exact time should I book? Bookings start at a set time.",
                )
            )
            return res
        if ex.bound is not None:
            if day is None and not implicit_today:
                return res  # the caller asks: a window needs a day it can be placed on
            return _resolve_bound(ex, res, clock, day or today, now_local, tz, check_past)
        pairs = _pairs(ex, clock)
        if day is None and base_date is None and ex.day_part is None and implicit_today:
            # Just after midnight "12:30am" may be the coming 00:30 or the one after tonight.
            early = [(s - 1440, None if e is None else e - 1440) for s, e in pairs if s >= 1440]
            pairs = list(dict.fromkeys(early + pairs))
        if day is None and not implicit_today:
            if len(pairs) > 1:
                res.clarifications.append(_ambiguous(pairs))
                return res
            start_min, end_min = pairs[0]
            res.time_of_day = time((start_min % 1440) // 60, start_min % 60)
            if end_min is not None:
                res.duration_minutes = end_min - start_min
            return res
        day = day or today
        res.date = day
        candidates = []
        for start_min, end_min in pairs:
            start, problem = localize(day, start_min, tz)
            candidates.append((start_min, end_min, start, problem))
        if len(candidates) > 1 and check_past:
            future = [c for c in candidates if c[2] + PAST_GRACE >= now_local]
            candidates = future or candidates[:1]
        if len(candidates) > 1:
            days = {c[2].date() for c in candidates}
            res.clarifications.append(
                _ambiguous_days([c[2] for c in candidates])
                if len(days) > 1
                else _ambiguous([(c[0], c[1]) for c in candidates])
            )
            return res
        start_min, end_min, start, problem = candidates[0]
        res.time_of_day = time((start_min % 1440) // 60, start_min % 60)
        res.date = start.date()
        if problem:
            res.clarifications.append(_zone_problem(problem, start, tz))
            return res
        if check_past and start + PAST_GRACE < now_local:
            res.clarifications.append(
                Clarification(
                    ClarificationCode.PAST_TIME,
                    f"{_fmt_time(start.hour, start.minute)} on {_fmt_day(start.date())} "
                    "has already passed. When would you like it?",
                )
            )
            return res
        res.start = start
        if end_min is not None:
            end, end_problem = localize(day, end_min, tz)
            if end_problem:
                res.clarifications.append(_zone_problem(end_problem, end, tz))
                return res
            res.end = end
            res.duration_minutes = int(
                (end.astimezone(UTC) - start.astimezone(UTC)).total_seconds() // 60
            )
        elif duration:
            res.end = (start.astimezone(UTC) + timedelta(minutes=duration)).astimezone(tz)
        return res

    if day is not None or ex.day_part is not None:
        day = day or today
        res.date = day
        lo, hi = DAY_PARTS.get(ex.day_part or "", (0, 24))
        res.window_start, _ = localize(day, lo * 60, tz)
        res.window_end, _ = localize(day, hi * 60, tz)
        # A window bound inside a gap is normalised to the real instant.
        res.window_start = res.window_start.astimezone(UTC).astimezone(tz)
        res.window_end = res.window_end.astimezone(UTC).astimezone(tz)
        if check_past and (day < today or res.window_end <= now_local):
            res.clarifications.append(
                Clarification(
                    ClarificationCode.PAST_TIME,
                    f"{_fmt_day(day)}{' ' + ex.day_part if ex.day_part else ''} has already "
                    "passed. Which day did you mean?",
                )
            )
    return res


def _real(value: datetime, tz: ZoneInfo) -> datetime:
    """A window bound that fell in a gap, normalised to the real instant."""
    return value.astimezone(UTC).astimezone(tz)


def _resolve_span(ex: Extraction, res: Resolution, clock: Clock | None, tz: ZoneInfo) -> Resolution:
    """A week or weekend: a window over its days; with a clock time it asks which day."""
    assert ex.span is not None
    first, last = ex.span
    if clock is not None or ex.offset_start is not None:
        res.clarifications.append(
            Clarification(
                ClarificationCode.AMBIGUOUS_DATE,
                f"Which day between {_fmt_day(first)} and {_fmt_day(last - timedelta(days=1))}?",
            )
        )
        return res
    res.date = None
    res.window_start = _real(localize(first, 0, tz)[0], tz)
    res.window_end = _real(localize(last, 0, tz)[0], tz)
    return res


def _resolve_bound(
    ex: Extraction,
    res: Resolution,
    clock: Clock,
    day: date,
    now_local: datetime,
    tz: ZoneInfo,
    check_past: bool,
) -> Resolution:
    """ "after 5pm" / "before noon": a window on ``day`` bounded by the clock time."""
    minutes = clock_minutes(clock, ex.day_part)
    bounds = [(m, localize(day, m, tz)[0]) for m in minutes]
    if len(bounds) > 1 and check_past:
        # "after 5" sent at 4pm is after 5pm; when both have passed the later one is meant.
        bounds = [b for b in bounds if b[1] + PAST_GRACE >= now_local] or bounds[-1:]
    if len(bounds) > 1:
        label = " or ".join(f"{ex.bound} {_fmt_time((m % 1440) // 60, m % 60)}" for m, _ in bounds)
        res.clarifications.append(
            Clarification(ClarificationCode.AMBIGUOUS_TIME, f"Did you mean {label}?")
        )
        return res
    at = bounds[0][0]
    if ex.bound == "after":
        lo, hi = (
            at,
            (_MINUTE_SUFFIX_DAY if at < _MINUTE_SUFFIX_DAY else 1440 + SMALL_HOURS_END * 60),
        )
    else:
        part_lo = DAY_PARTS[ex.day_part][0] * 60 if ex.day_part in DAY_PARTS else 0
        lo, hi = (part_lo if part_lo < at else 0), at
    res.date = day
    res.window_start = _real(localize(day, lo, tz)[0], tz)
    res.window_end = _real(localize(day, hi, tz)[0], tz)
    if check_past and res.window_end <= now_local:
        res.window_start = res.window_end = None
        res.clarifications.append(
            Clarification(
                ClarificationCode.PAST_TIME,
                f"{_fmt_day(day)} {ex.bound} {_fmt_time((at % 1440) // 60, at % 60)} has "
                "already passed. Which day did you mean?",
            )
        )
    return res


def _ambiguous_days(starts: list[datetime]) -> Clarification:
    options = [f"{_fmt_time(s.hour, s.minute)} on {_fmt_day(s.date())}" for s in starts]
    return Clarification(ClarificationCode.AMBIGUOUS_TIME, f"Did you mean {' or '.join(options)}?")


def _ambiguous(pairs: list[tuple[int, int | None]]) -> Clarification:
    options = []
    for start_min, end_min in pairs:
        label = _fmt_time((start_min % 1440) // 60, start_min % 60)
        if end_min is not None:
            label += " to " + _fmt_time((end_min % 1440) // 60, end_min % 60)
        options.append(label)
    return Clarification(ClarificationCode.AMBIGUOUS_TIME, f"Did you mean {' or '.join(options)}?")
