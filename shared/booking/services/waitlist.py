"""The waitlist: join for a bay, a bay type or any bay; a freed slot is held for the first in
line, who accepts it (a booking) or lets it pass to the next.

How it holds under races and crashes:

* A hold is a ``bookings`` row (status ``held``) under the bookings' exclusion constraint, so no
  booking and no second hold can overlap it; it is made in the same transaction that frees the
  slot (cancel, no-show, move, bay back in service, a hold lapsing), so nobody books the gap.
* Offers take the waiting entries in queue order with ``FOR UPDATE`` (no ``SKIP LOCKED``): a
  concurrent offer for the same slot waits for the first, then finds the slot held.
* A hold blocks nothing after its expiry, even if nothing runs: availability shows the slot
  free, the next booking attempt on it lapses the hold (and offers it to the next in line)
  before trying again, and the housekeeping sweep lapses the rest every minute.
* Accepting is one ``UPDATE`` of the hold to ``confirmed`` (only while unexpired), charged by
  the rules in the same transaction, and then an ordinary ``booking.created``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from uuid import UUID

from booking.adapters.postgres.repositories import WaitlistEntry
from booking.domain.actors import Actor, Role
from booking.domain.errors import BookingRejected, Conflict, InvalidRequest, NotFound
from booking.domain.models import Booking, BookingStatus, Resource, ResourceStatus, Source
from booking.services import events
from booking.services.bookings.common import (
    _assess,
    _booker,
    _load_facts,
    _refuse_kiosk,
    retry_transient,
)
from booking.services.ports import UnitOfWork
from booking.services.staff_audit import record_booking_action
from booking.services.waitlist_offers import (
    _lapsed,
)

MAX_OPEN_ENTRIES = 5
"""Entries one member may have waiting or offered at once."""
MAX_WINDOW = timedelta(hours=24)
"""The widest window one entry may wait in."""


@dataclass(frozen=True)
class JoinWaitlist:
    """Wait for ``minutes`` somewhere in [start, end) at a club: on one bay, a bay type, or any."""

    location_id: UUID
    start: datetime
    end: datetime
    minutes: int | None = None
    """None: the whole window."""
    resource_id: UUID | None = None
    resource_type: str | None = None
    party_size: int = 1
    user_id: UUID | None = None


@dataclass(frozen=True)
class WaitlistView:
    """An entry with the hold offered on it, if one stands."""

    entry: WaitlistEntry
    hold: Booking | None


def _not_found(entry_id: UUID) -> NotFound:
    return NotFound(f"waitlist entry {entry_id} not found", code="WAITLIST_ENTRY_NOT_FOUND")


def _visible(uow: UnitOfWork, entry_id: UUID, actor: Actor) -> WaitlistEntry:
    entry = uow.waitlist.get(entry_id, for_update=True)
    if entry is None:
        raise _not_found(entry_id)
    if actor.role is Role.MEMBER:
        if entry.user_id != actor.user_id:
            raise _not_found(entry_id)
    elif not actor.can_see_location(entry.location_id):
        raise _not_found(entry_id)
    return entry


def _matching_bays(uow: UnitOfWork, cmd: JoinWaitlist) -> list[Resource]:
    bays = uow.resources.list(cmd.location_id)
    if cmd.resource_id is not None:
        bays = [b for b in bays if b.id == cmd.resource_id]
        if not bays:
            raise NotFound(
                f"resource {cmd.resource_id} not found at this location",
                code="RESOURCE_NOT_FOUND",
            )
    if cmd.resource_type is not None:
        bays = [b for b in bays if b.type == cmd.resource_type]
        if not bays:
            raise InvalidRequest(
                f"this location has no {cmd.resource_type!r} bay", code="UNKNOWN_BAY_TYPE"
            )
    if not bays:
        raise InvalidRequest("this location has no bays", code="UNKNOWN_BAY_TYPE")
    return bays


def _free_bay(
    uow: UnitOfWork, bays: list[Resource], start: datetime, end: datetime, now: datetime
) -> Resource | None:
    """A bookable bay free for [start, end) plus its own turnover buffer (one read for all)."""
    active = [b for b in bays if b.status is ResourceStatus.ACTIVE]
    if not active:
        return None
    widest = end + timedelta(minutes=max(b.buffer_minutes for b in active))
    blocked = uow.bookings.blocked_ranges(
        active[0].location_id, [b.id for b in active], start, widest, now
    )
    lo = start.timestamp()
    for bay in active:
        hi = (end + timedelta(minutes=bay.buffer_minutes)).timestamp()
        ranges = blocked.get(bay.id)
        if ranges is None or not any(s < hi and e > lo for s, e in ranges.ranges()):
            return bay
    return None


def join_waitlist(cmd: JoinWaitlist, uow: UnitOfWork, actor: Actor, now: datetime) -> WaitlistEntry:
    """Queue the member (at the end) for a slot that is taken now.

    The window is checked like a booking at its first possible start (opening hours, how far
    ahead, the member's rules), so nobody waits for a slot they could never be given. A slot
    that is free already is answered ``SLOT_AVAILABLE``: book it instead.
    """
    _refuse_kiosk(actor, "join a waitlist")
    user_id = _booker(cmd.user_id, actor)
    if cmd.end <= cmd.start:
        raise InvalidRequest("end must be after start", code="INVALID_TIME_RANGE")
    if cmd.end - cmd.start > MAX_WINDOW:
        raise InvalidRequest("a waitlist window is at most 24 hours", code="WINDOW_TOO_LONG")
    window_minutes = int((cmd.end - cmd.start).total_seconds() // 60)
    minutes = cmd.minutes if cmd.minutes is not None else window_minutes
    if not 15 <= minutes <= 720 or minutes > window_minutes:
        raise InvalidRequest(
            "minutes must be between 15 and 720 and fit in the window",
            code="INVALID_DURATION",
            details={"window_minutes": window_minutes},
        )
    first_start = max(cmd.start, now)
    if first_start + timedelta(minutes=minutes) > cmd.end:
        raise InvalidRequest("that window has passed", code="WINDOW_IN_PAST")
    if not 1 <= cmd.party_size <= 50:
        raise InvalidRequest("party_size must be 1 to 50", code="INVALID_PARTY_SIZE")
    with uow:
        location = uow.locations.get(cmd.location_id)
        if location is None:
            raise NotFound(f"location {cmd.location_id} not found", code="LOCATION_NOT_FOUND")
        if actor.role is not Role.MEMBER:
            actor.require_location(location.id, "this location is not yours")
        bays = _matching_bays(uow, cmd)
        # Step onto the club's grid: the first slot start at or after the window's start.
        step = timedelta(minutes=location.settings.slot_step_minutes)
        offset = (first_start - cmd.start) % step
        start = first_start + (step - offset if offset else timedelta(0))
        if start + timedelta(minutes=minutes) > cmd.end:
            start = first_start
        end = start + timedelta(minutes=minutes)
        facts = _load_facts(uow, user_id, bays[0].id, lock_user=True, now=now, start=start, end=end)
        assessment = _assess(
            facts, start=start, end=end, party_size=cmd.party_size, source=Source.API, now=now
        )
        if not assessment.allowed:
            raise BookingRejected(assessment.reasons)
        if uow.waitlist.same_window(
            user_id, location.id, cmd.resource_id, cmd.resource_type, cmd.start, cmd.end
        ):
            raise Conflict("you are already waiting for this", code="ALREADY_WAITING")
        if uow.waitlist.open_count(user_id) >= MAX_OPEN_ENTRIES:
            raise Conflict(
                f"at most {MAX_OPEN_ENTRIES} waitlist entries at once; leave one first",
                code="WAITLIST_LIMIT",
            )
        free = _free_bay(uow, bays, start, end, now)
        if free is not None:
            raise Conflict(
                "that slot is free: book it instead",
                code="SLOT_AVAILABLE",
                details={"resource_id": str(free.id), "start": start.isoformat()},
            )
        entry = uow.waitlist.add(
            user_id=user_id,
            location_id=location.id,
            resource_id=cmd.resource_id,
            resource_type=cmd.resource_type,
            window_start=cmd.start,
            window_end=cmd.end,
            minutes=minutes,
            party_size=cmd.party_size,
        )
        uow.commit()
        return entry


def my_waitlist(uow: UnitOfWork, actor: Actor, now: datetime) -> list[WaitlistView]:
    """The member's open entries (and those settled in the last day), with standing holds."""
    _refuse_kiosk(actor, "read a waitlist")
    user_id = _booker(None, actor)
    with uow:
        entries = uow.waitlist.for_user(user_id, since=now - timedelta(days=1))
        offered = [e.hold_id for e in entries if e.hold_id and e.status == "offered"]
        holds = uow.waitlist.holds(offered)
    return [
        WaitlistView(e, holds.get(e.hold_id) if e.hold_id and e.status == "offered" else None)
        for e in entries
    ]


@retry_transient
def accept_offer(entry_id: UUID, uow: UnitOfWork, actor: Actor, now: datetime) -> Booking:
    """Turn the hold offered on ``entry_id`` into a booking, charged by the rules.

    409 ``NO_OFFER`` when nothing is held for the entry, ``HOLD_EXPIRED`` when the hold's time
    is up (it goes to the next in line); 422 when the rules refuse the booking now.
    """
    _refuse_kiosk(actor, "accept a waitlist offer")
    with uow:
        entry = _visible(uow, entry_id, actor)
        if entry.status != "offered" or entry.hold_id is None:
            raise Conflict(
                "nothing is held for this entry",
                code="NO_OFFER",
                details={"status": entry.status},
            )
        hold = uow.bookings.get(entry.hold_id, for_update=True)
        assert hold is not None  # foreign key
        if (
            hold.status is not BookingStatus.HELD
            or hold.hold_expires_at is None
            or hold.hold_expires_at <= now
        ):
            raise Conflict("the hold has expired", code="HOLD_EXPIRED")
        facts = _load_facts(
            uow,
            entry.user_id,
            hold.resource_id,
            lock_user=True,
            now=now,
            start=hold.start,
            end=hold.end,
            exclude=hold.id,
        )
        assessment = _assess(
            facts,
            start=hold.start,
            end=hold.end,
            party_size=hold.party_size,
            source=Source.API,
            now=now,
        )
        if not assessment.allowed:
            raise BookingRejected(assessment.reasons)
        booking = uow.waitlist.confirm_hold(
            hold.id, user_id=entry.user_id, credit_cost=assessment.credit_cost, now=now
        )
        if booking is None:
            raise Conflict("the hold has expired", code="HOLD_EXPIRED")
        if assessment.credit_cost:
            uow.credits.record(
                user_id=entry.user_id,
                delta=-assessment.credit_cost,
                reason="booking_debit",
                booking_id=booking.id,
            )
        uow.waitlist.settle(entry.id, "booked")
        events.booking_event(
            uow, events.BOOKING_CREATED, booking, extra={"waitlist_entry_id": str(entry.id)}
        )
        record_booking_action(uow, actor, "booked_for_member", booking)
        uow.commit()
        return booking


@retry_transient
def leave_waitlist(entry_id: UUID, uow: UnitOfWork, actor: Actor, now: datetime) -> WaitlistEntry:
    """Leave the queue; an offered hold is declined and goes to the next in line."""
    _refuse_kiosk(actor, "leave a waitlist")
    with uow:
        entry = _visible(uow, entry_id, actor)
        if entry.status not in ("waiting", "offered"):
            raise Conflict(
                "this entry is closed already",
                code="WAITLIST_ENTRY_CLOSED",
                details={"status": entry.status},
            )
        uow.waitlist.settle(entry.id, "left")
        if entry.status == "offered" and entry.hold_id is not None:
            hold = uow.waitlist.lapse(entry.hold_id)
            if hold is not None:
                _lapsed(uow, hold, entry_status="left", now=now)
        uow.commit()
    return replace(entry, status="left")
