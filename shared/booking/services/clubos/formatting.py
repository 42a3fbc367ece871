"""Days, clock times and spans as the replies write them."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

# --- formatting -------------------------------------------------------------------------------


def fmt_clock(t: datetime) -> str:
    """``2:00 pm`` (the wall clock of ``t`` as given)."""
    hour = t.hour % 12 or 12
    return f"{hour}:{t.minute:02d} {'am' if t.hour < 12 else 'pm'}"


def fmt_day(d: date) -> str:
    """``Thursday, March 5``."""
    return f"{d:%A}, {d:%B} {d.day}"


def fmt_span(start: datetime, end: datetime, tz: ZoneInfo) -> str:
    """``Thursday, March 5, 2:00 pm to 3:00 pm`` on the location's wall clock."""
    s, e = start.astimezone(tz), end.astimezone(tz)
    text = f"{fmt_day(s.date())}, {fmt_clock(s)} to {fmt_clock(e)}"
    if e.date() != s.date():
        text += f" ({fmt_day(e.date())})"
    return text


def fmt_moment(start: datetime, tz: ZoneInfo) -> str:
    s = start.astimezone(tz)
    return f"{fmt_day(s.date())} at {fmt_clock(s)}"
