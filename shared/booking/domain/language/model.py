"""Value types for the ClubOS language layer: locations given to the parser and its result."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from zoneinfo import ZoneInfo


class Intent(StrEnum):
    """What the customer wants done."""

    CREATE = "create"
    AVAILABILITY = "availability"
    MODIFY = "modify"
    CANCEL = "cancel"
    LIST = "list"
    WAITLIST = "waitlist"
    UNKNOWN = "unknown"


class ClarificationCode(StrEnum):
    """Why the parser refused to pick a time (or a place) and asks instead."""

    AMBIGUOUS_TIME = "ambiguous_time"  # "at 7": am and pm are both possible
    APPROXIMATE_TIME = "approximate_time"  # "7ish"
    NONEXISTENT_TIME = "nonexistent_time"  # wall time skipped by a spring-forward change
    AMBIGUOUS_FOLD = "ambiguous_fold"  # wall time that happens twice on fall-back day
    INVALID_TIME = "invalid_time"  # "25:00", "13 pm"
    PAST_TIME = "past_time"
    INVALID_DATE = "invalid_date"  # "Feb 30"
    CONFLICTING_DATES = "conflicting_dates"  # "Friday Dec 3" when Dec 3 is a Thursday
    UNKNOWN_LOCATION = "unknown_location"
    AMBIGUOUS_LOCATION = "ambiguous_location"
    UNKNOWN_BAY = "unknown_bay"
    MISSING_TIME = "missing_time"  # create/modify with no date or time at all
    AMBIGUOUS_DATE = "ambiguous_date"  # "this weekend at 2pm": Saturday or Sunday?
    UNSUPPORTED_REQUEST = "unsupported_request"  # "book 2 bays"
    MISSING_DURATION = "missing_duration"  # "extend my booking" without how much longer
    DATE_OUT_OF_RANGE = "date_out_of_range"  # "12/31/9999": too far ahead to be meant


@dataclass(frozen=True)
class Clarification:
    """One reason to ask the customer before acting."""

    code: ClarificationCode
    message: str


@dataclass(frozen=True)
class BayRef:
    """A bookable resource of a location, as the parser needs to know it."""

    id: str
    number: int | None = None
    name: str = ""
    resource_type: str = "simulator"


@dataclass(frozen=True)
class LocationRef:
    """A club location: names the customer may use for it, its time zone and its resources."""

    id: str
    name: str
    tz: ZoneInfo
    aliases: tuple[str, ...] = ()
    bays: tuple[BayRef, ...] = ()


@dataclass(frozen=True)
class BookingRef:
    """How the customer points at an existing booking ("my 7pm", "tomorrow's booking").

    ``start`` is set only when both a day and a clock time were given; otherwise the service
    matches ``date`` and/or ``time_of_day`` against the customer's bookings.
    """

    date: date | None = None
    time_of_day: time | None = None
    start: datetime | None = None


@dataclass(frozen=True)
class ParsedRequest:
    """A structured booking request read from one customer message.

    Times are aware datetimes in the location's zone (``tz``); convert with
    ``.astimezone(UTC)`` to store. For ``modify`` the new time is in ``start``/``end``/``date``
    and the booking being changed in ``target``; for ``cancel`` only ``target`` is set. For
    ``list`` the period asked about is in ``date``/``window_*``. ``time_of_day`` is the local
    clock time asked for; for ``modify`` without a day it is the only new time known, and the
    day comes from the booking being moved. ``shift_minutes`` is a relative move ("an hour
    later" is +60, "30 minutes earlier" is -30). ``extend_minutes`` is time added to the end of
    the booking being played ("30 more minutes", "extend by an hour").
    """

    intent: Intent
    message: str
    tz: ZoneInfo
    start: datetime | None = None
    end: datetime | None = None
    date: date | None = None
    day_part: str | None = None
    window_start: datetime | None = None
    window_end: datetime | None = None
    time_of_day: time | None = None
    duration_minutes: int | None = None
    duration_given: bool = False
    shift_minutes: int | None = None
    extend_minutes: int | None = None
    location_id: str | None = None
    bay_number: int | None = None
    bay_count: int | None = None  # "2 bays at 7pm": a group booking of that many bays
    resource_id: str | None = None
    resource_type: str = "simulator"
    party_size: int | None = None
    target: BookingRef | None = None
    clarifications: tuple[Clarification, ...] = field(default=())

    @property
    def needs_clarification(self) -> bool:
        """True when the bridge must ask the customer before acting on this request."""
        return bool(self.clarifications)

    @property
    def clarification(self) -> str:
        """The reasons to ask, as one sentence block for the customer-facing reply."""
        return " ".join(c.message for c in self.clarifications)

    @property
    def clarification_codes(self) -> tuple[str, ...]:
        """Machine-readable reasons, in the order found."""
        return tuple(c.code.value for c in self.clarifications)
