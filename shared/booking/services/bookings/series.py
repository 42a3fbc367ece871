"""League series: staff book the same bays at the same local time every week, as one decision.

A series is planned first: every occurrence (week x bay) at the club's wall-clock time (so 19:00
stays 19:00 across a DST change), each marked free or in conflict with why. It is then booked
all or nothing in one transaction, leaving out exactly the occurrences the staff confirmed to
skip; a conflict that was not confirmed (including one that appears between plan and booking,
settled by the exclusion constraint) books nothing and answers with the conflict report. Every
occurrence is an ordinary booking of the member (its own credits, events and lifecycle) with
``metadata.series_id``; one occurrence is cancelled like any booking, the rest of a series with
``cancel_series``.

The member's own limits (how many upcoming bookings, how far ahead, how soon) are waived: staff
decide a league's schedule. What the bays physically allow still applies: opening hours,
blackouts, the slot step, capacity, and the deny rules.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from booking.domain.actors import Actor, Role
from booking.domain.errors import Conflict, Forbidden, InvalidRequest, NotFound, SlotTaken
from booking.domain.models import Booking, BookingStatus, Source
from booking.services import events
from booking.services.bookings.changes import cancel_booking
from booking.services.bookings.common import _assess, _load_facts, retry_transient
from booking.services.ports import UnitOfWork
from booking.services.staff_audit import record_booking_action

MAX_WEEKS = 26
MAX_OCCURRENCES = 200
# Limits on the member's own booking habits, not on what the bay allows: staff waive them.
_WAIVED = frozenset(
    {"TOO_MANY_ACTIVE_BOOKINGS", "TOO_FAR_AHEAD", "TOO_LATE_TO_BOOK", "START_IN_PAST"}
)


@dataclass(frozen=True)
class CreateSeries:
    """Every week for ``weeks`` weeks from ``first_day``, ``start_time`` local, on the bays."""

    user_id: UUID
    resource_ids: tuple[UUID, ...]
    first_day: date
    start_time: str  # "HH:MM", the club's wall-clock time
    duration_minutes: int
    weeks: int
    skip: frozenset[str] = field(default_factory=frozenset)  # occurrence keys to leave out


@dataclass(frozen=True)
class Occurrence:
    """One week on one bay; ``key`` is ``YYYY-MM-DD/<resource id>``."""

    key: str
    resource_id: UUID
    start: datetime
    end: datetime
    conflict: str | None = None  # SLOT_TAKEN or a rule's code; None when free
    credit_cost: int = 0

    def as_dict(self) -> dict[str, Any]:
        """The occurrence as the API shows it."""
        return {
            "key": self.key,
            "resource_id": str(self.resource_id),
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "conflict": self.conflict,
            "credit_cost": self.credit_cost,
        }


def _check(cmd: CreateSeries, actor: Actor) -> None:
    if actor.role not in (Role.STAFF, Role.ADMIN):
        raise Forbidden("only staff book league series", code="STAFF_ONLY")
    if not 1 <= cmd.weeks <= MAX_WEEKS:
        raise InvalidRequest(f"a series runs 1 to {MAX_WEEKS} weeks", code="INVALID_SERIES")
    if not cmd.resource_ids or len(set(cmd.resource_ids)) != len(cmd.resource_ids):
        raise InvalidRequest("name each bay once", code="INVALID_SERIES")
    if cmd.weeks * len(cmd.resource_ids) > MAX_OCCURRENCES:
        raise InvalidRequest(
            f"a series holds at most {MAX_OCCURRENCES} occurrences", code="INVALID_SERIES"
        )
    if not 15 <= cmd.duration_minutes <= 12 * 60:
        raise InvalidRequest("a league slot lasts 15 minutes to 12 hours", code="INVALID_SERIES")


def _times(cmd: CreateSeries, zone: str) -> list[tuple[datetime, datetime]]:
    try:
        hour, minute = (int(x) for x in cmd.start_time.split(":"))
    except ValueError as exc:
        raise InvalidRequest("start_time is HH:MM", code="INVALID_SERIES") from exc
    tz = ZoneInfo(zone)
    out = []
    for week in range(cmd.weeks):
        day = cmd.first_day + timedelta(weeks=week)
        start = datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)
        out.append((start, start + timedelta(minutes=cmd.duration_minutes)))
    return out


def _plan(cmd: CreateSeries, uow: UnitOfWork, actor: Actor, now: datetime) -> list[Occurrence]:
    """Every occurrence with its conflict, in the open transaction (the member locked)."""
    occurrences: list[Occurrence] = []
    location_id: UUID | None = None
    for n, resource_id in enumerate(cmd.resource_ids):
        resource = uow.resources.get(resource_id)
        if resource is None:
            raise NotFound(f"resource {resource_id} not found", code="RESOURCE_NOT_FOUND")
        if location_id is None:
            location_id = resource.location_id
            actor.require_location(location_id, "this location is not yours to book")
        elif resource.location_id != location_id:
            raise InvalidRequest("a series' bays are all at one club", code="INVALID_SERIES")
        location = uow.locations.get(resource.location_id)
        assert location is not None  # foreign key
        for start, end in _times(cmd, location.time_zone):
            key = f"{start.date().isoformat()}/{resource_id}"
            facts = _load_facts(
                uow,
                cmd.user_id,
                resource_id,
                lock_user=n == 0 and not occurrences,
                now=now,
                start=start,
                end=end,
            )
            assessment = _assess(
                facts, start=start, end=end, party_size=1, source=Source.ADMIN, now=now
            )
            refused = [r for r in assessment.reasons if r.code not in _WAIVED]
            blocked_end = end + timedelta(minutes=facts.resource.buffer_minutes)
            if start < now:
                conflict: str | None = "START_IN_PAST"
            elif refused:
                conflict = refused[0].code
            elif uow.bookings.overlapping(resource_id, start, blocked_end):
                conflict = "SLOT_TAKEN"
            else:
                conflict = None
            occurrences.append(
                Occurrence(key, resource_id, start, end, conflict, assessment.credit_cost)
            )
    return occurrences


def plan_series(
    cmd: CreateSeries, uow: UnitOfWork, actor: Actor, now: datetime
) -> list[Occurrence]:
    """The conflict report: every occurrence, free or why not (nothing is written)."""
    _check(cmd, actor)
    with uow:
        return _plan(cmd, uow, actor, now)


class SeriesConflicts(Conflict):
    """Occurrences in conflict that the staff did not confirm to skip (nothing was booked)."""

    code = "SERIES_CONFLICTS"


@retry_transient
def create_series(
    cmd: CreateSeries, uow: UnitOfWork, actor: Actor, now: datetime
) -> tuple[str, list[Booking]]:
    """Book the series (all its occurrences but the confirmed skips) in one transaction.

    Raises ``SeriesConflicts`` (409, ``details.conflicts``) when an occurrence not in
    ``cmd.skip`` is in conflict, and ``InsufficientCredits`` (402) when the member cannot pay
    for them all; nothing is written then.
    """
    _check(cmd, actor)
    series_id = str(uuid.uuid4())
    with uow:
        plan = _plan(cmd, uow, actor, now)
        unconfirmed = [o for o in plan if o.conflict and o.key not in cmd.skip]
        if unconfirmed:
            raise SeriesConflicts(
                f"{len(unconfirmed)} occurrences are in conflict: skip them or change the series",
                details={"conflicts": [o.as_dict() for o in unconfirmed]},
            )
        made: list[Booking] = []
        for o in plan:
            if o.key in cmd.skip:
                continue
            try:
                booking = uow.bookings.add(
                    user_id=cmd.user_id,
                    resource_id=o.resource_id,
                    start=o.start,
                    end=o.end,
                    party_size=1,
                    source=Source.ADMIN.value,
                    credit_cost=o.credit_cost,
                    metadata={"series_id": series_id},
                )
            except SlotTaken as exc:
                # Booked by someone else since the plan: the whole series waits for the staff.
                raise SeriesConflicts(
                    "an occurrence was booked meanwhile: nothing was booked",
                    details={"conflicts": [{**o.as_dict(), "conflict": "SLOT_TAKEN"}]},
                ) from exc
            if booking.credit_cost:
                uow.credits.record(
                    user_id=cmd.user_id,
                    delta=-booking.credit_cost,
                    reason="booking_debit",
                    booking_id=booking.id,
                )
            made.append(booking)
        for booking in made:
            events.booking_event(uow, events.BOOKING_CREATED, booking)
            record_booking_action(uow, actor, "booked_series", booking)
        uow.commit()
    return series_id, made


def cancel_series(
    series_id: str, uow: UnitOfWork, actor: Actor, now: datetime, *, from_day: date | None = None
) -> list[Booking]:
    """Cancel the series' active occurrences from ``from_day`` (all upcoming when None).

    Each is cancelled like any booking (refund by the policy), one after the other, so a
    retry after a failure cancels what is left.
    """
    if actor.role not in (Role.STAFF, Role.ADMIN):
        raise Forbidden("only staff cancel league series", code="STAFF_ONLY")
    with uow:
        occurrences = uow.bookings.in_series(series_id)
    if not occurrences:
        raise NotFound(f"series {series_id} not found", code="SERIES_NOT_FOUND")
    cancelled = []
    for b in occurrences:
        active = b.status in (BookingStatus.CONFIRMED,) and b.start > now
        if active and (from_day is None or b.start.date() >= from_day):
            cancelled.append(
                cancel_booking(b.id, uow, actor, now, reason=f"series {series_id} cancelled")
            )
    return cancelled
