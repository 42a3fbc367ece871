"""The words of time in customer messages: patterns and limits they are read with, and how
days and clock times are written back.

Conventions are in :mod:`booking.domain.language.times`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Literal

DateOrder = Literal["MDY", "DMY"]

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

ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
NUM_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?\b")
MONTH_DATE = re.compile(
    rf"\b(?:{_MONTH}\s+(?:the\s+)?\d{{1,2}}{_ORD}|(?:the\s+)?\d{{1,2}}{_ORD}\s+(?:of\s+)?{_MONTH})"
    rf"(?:,?\s+\d{{4}})?(?![\w])"
)
DAY_OF_MONTH = re.compile(r"\b(?:on\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)\b")
DAY_AFTER_TOMORROW = re.compile(r"\b(?:the\s+)?day after tomorrow\b")
RELATIVE_DAY = re.compile(r"\b(today|tonight|tomorrow|yesterday)(?:'s)?\b")
THIS_DAYPART = re.compile(r"\bthis\s+(?=morning|afternoon|evening)")
IN_DAYS = re.compile(r"\bin\s+(\d{1,2}|an?)\s+(days?|weeks?)\b")
DAYS_FROM_NOW = re.compile(r"\b(\d{1,2}|an?)\s+(days?|weeks?)\s+from\s+(?:now|today)\b")
WEEKDAY = re.compile(
    rf"\b(?:(this coming|this|next|coming|upcoming)\s+)?{_WD}(\s+next week)?(?![\w])"
)
DAY_PART = re.compile(r"\b(morning|afternoon|evening|night)\b")
WEEK_SPAN = re.compile(
    r"\b(?:(this coming|this|next|the|coming|upcoming)\s+)?(?:(?:whole|entire)\s+)?"
    r"(weekend|week)\b"
)

IN_OFFSET = re.compile(r"\bin\s+(\d{1,3}|an?|half an)\s*(hours?|minutes?)\b")
NOW = re.compile(r"\b(?:right now|now|asap|immediately|right away)\b")

SHIFT = re.compile(
    r"\b(?:(?:back|forward|later|earlier)\s+(?:by\s+)?(an?|\d{1,3})\s+(hours?|minutes?)|"
    r"(?:by\s+)?(an?|\d{1,3})\s+(hours?|minutes?)\s+(later|earlier|back|forward))\b"
)
SHIFT_DIRECTION = re.compile(r"\b(back|forward|later|earlier)\b")

DURATIONS: tuple[tuple[re.Pattern[str], str], ...] = (
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
HALF_PAST = re.compile(
    r"\b(half|quarter)\s+(past|after|to|til)\s+(\d{1,2})(?:\s+(am|pm))?\b" + _ISH
)
NOON = re.compile(r"\b(?:12\s+)?(noon|midday)\b")
MIDNIGHT = re.compile(r"\b(?:12\s+)?midnight\b")
MERIDIEM_TIME = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)\b" + _ISH)
COLON_TIME = re.compile(r"\b(\d{1,2}):(\d{2})\b" + _ISH)
AT_FOUR_DIGITS = re.compile(r"\b(?:at|@)\s*([01]\d|2[0-3])([0-5]\d)\b")
PREFIXED_HOUR = re.compile(
    r"(?:\b(?:at|around|about|by|from|after|before|starting|say)|@)\s*(\d{1,2})\b"
    r"(?!\s*(?:days?|weeks?|hours?|minutes?|people|persons|players|guests|golfers|of\b|/|:|\.\d))"
    + _ISH
)
ISH_HOUR = re.compile(r"\b(\d{1,2})\s*-?\s*ish\b")
# "around 7", "7pm or so": approximate like "7ish". "how about 7pm" is a proposal, not a guess.
APPROX = re.compile(
    r"\b(?:around|roughly|approximately|approx|circa|(?<!how )(?<!what )about)\s+"
    r"(?=(?:\d|noon|midday|midnight))|\d\s*(?:am|pm)?\s+or\s+so\b"
)
# "tomorrow 1930": four digits as a 24-hour time, only next to a day and on a quarter hour
# so that a year ("2026") is never read as a time.
COMPACT_24H = re.compile(r"\b([01]\d|2[0-3])(00|15|30|45)\b(?!\s*(?:/|-\d))")


def _endpoint(tag: str) -> str:
    return (
        rf"(?:(?P<{tag}h>\d{{1,2}})(?:[:.](?P<{tag}m>\d{{2}}))?(?:\s*(?P<{tag}mer>am|pm))?"
        rf"|(?P<{tag}sp>noon|midday|midnight))"
    )


BOUND = re.compile(
    rf"(?<!half )(?<!quarter )\b(?:(?:any\s?time|sometime|anything|something|only)\s+)?"
    rf"(?P<bound>after|before|later than|earlier than|not before|not after)\s+"
    rf"{_endpoint('a')}\b" + _ISH
)

RANGE = re.compile(
    rf"\b(?:(?P<pre>from|between)\s+)?{_endpoint('a')}\s*(?P<conn>-|to|till|til|until|and)\s*"
    rf"{_endpoint('b')}\b"
)
BARE_HOUR = re.compile(r"(?:^|(?<=\s))(\d{1,2})(?=\s*(?:$|[?!.,]|(?:please|thanks|pls)\b))")

MINUTE_SUFFIX_DAY = 1440


def fmt_day(day: date) -> str:
    return f"{day:%A}, {day:%B} {day.day}"


def fmt_time(hour: int, minute: int) -> str:
    suffix = "am" if hour < 12 else "pm"
    h12 = hour % 12 or 12
    return f"{h12}:{minute:02d} {suffix}" if minute else f"{h12} {suffix}"
