"""Extend from the bay: a member playing (or about to finish) adds time to the end of a booking.

From ``EXTEND_WINDOW`` before the end until the end, the booking's end moves later in one
transaction: the exclusion constraint decides against a booking of the following slot (one of
the two wins, never both), the credits for the longer booking are charged by the rules in the
same transaction, and ``booking.modified`` makes the door window and the PC cleanup follow (a new
lifecycle version). Nobody else's booking is touched.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from booking.domain.actors import Actor, Role
from booking.domain.errors import BookingRejected, Conflict, InvalidRequest
from booking.domain.models import Booking, BookingStatus
from booking.services import events
from booking.services.bookings.common import _assess, _load_facts, _locked_visible, retry_transient
from booking.services.ports import UnitOfWork
from booking.services.staff_audit import record_booking_action

EXTEND_WINDOW = timedelta(minutes=15)
"""How long before its end a booking can be extended (the member is at the bay by then)."""
MAX_EXTENSION_MINUTES = 120
EXTENDABLE = (BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN)


@dataclass(frozen=True)
class ExtendBooking:
    """Move ``booking_id``'s end ``minutes`` later."""

    booking_id: UUID
    minutes: int


def _check_request(cmd: ExtendBooking, current: Booking, step: int, now: datetime) -> None:
    if current.status not in EXTENDABLE:
        raise Conflict(
            f"a {current.status.value} booking cannot be extended",
            code="BOOKING_NOT_ACTIVE",
            details={"status": current.status.value},
        )
    if cmd.minutes <= 0 or cmd.minutes > MAX_EXTENSION_MINUTES or cmd.minutes % step:
        raise InvalidRequest(
            f"extend by a multiple of {step} minutes, up to {MAX_EXTENSION_MINUTES}",
            code="INVALID_EXTENSION",
            details={"step_minutes": step, "max_minutes": MAX_EXTENSION_MINUTES},
        )
    opens = current.end - EXTEND_WINDOW
    if now < opens or now >= current.end:
        raise Conflict(
            "a booking can be extended from 15 minutes before its end until it ends",
            code="EXTEND_NOT_OPEN",
            details={"opens_at": opens.isoformat(), "closes_at": current.end.isoformat()},
        )


@retry_transient
def extend_booking(cmd: ExtendBooking, uow: UnitOfWork, actor: Actor, now: datetime) -> Booking:
    """Extend a booking in place (version + 1), charging the rules' price of the longer booking.

    The longer booking is checked as a whole (opening hours, blackouts, maximum length, the
    member's deny rules) as it would have been when booked, so a rule about how soon a booking
    may start does not refuse time that is already being played. The following slot being
    taken raises ``SlotTaken`` (409); too few credits ``InsufficientCredits`` (402).
    """
    if actor.role is Role.KIOSK:
        raise Conflict("kiosks do not extend bookings", code="KIOSK_NOT_ALLOWED")
    with uow:
        current = _locked_visible(uow, cmd.booking_id, actor)
        location = uow.locations.get(current.location_id)
        assert location is not None  # foreign key
        _check_request(cmd, current, location.settings.slot_step_minutes, now)
        end = current.end + timedelta(minutes=cmd.minutes)
        facts = _load_facts(
            uow,
            current.user_id,
            current.resource_id,
            lock_user=True,
            now=now,
            start=current.start,
            end=end,
            exclude=current.id,
        )
        # Assessed as of just before it started: time already under way is not "in the past".
        assessment = _assess(
            facts,
            start=current.start,
            end=end,
            party_size=current.party_size,
            source=current.source,
            now=min(now, current.start - timedelta(seconds=1)),
        )
        refused = [r for r in assessment.reasons if r.code not in _TIMING_CODES]
        if refused:
            raise BookingRejected(refused)
        charge = max(0, assessment.credit_cost - current.credit_cost)
        updated = uow.bookings.reschedule(
            current.id,
            resource_id=current.resource_id,
            start=current.start,
            end=end,
            credit_cost=current.credit_cost + charge,
            party_size=current.party_size,
        )
        if charge:
            uow.credits.record(
                user_id=current.user_id,
                delta=-charge,
                reason="booking_modify",
                booking_id=current.id,
                note=f"extended by {cmd.minutes} min",
            )
        events.booking_event(uow, events.BOOKING_MODIFIED, updated, previous=current)
        record_booking_action(
            uow,
            actor,
            "extended",
            updated,
            details={"from_end": current.end.isoformat(), "to_end": end.isoformat()},
        )
        uow.commit()
        return updated


# Limits about when and how many bookings may be made, not what a booking is: they judged this
# one when it was made and do not apply to adding time to it (an extension adds no booking).
_TIMING_CODES = frozenset(
    {"START_IN_PAST", "TOO_LATE_TO_BOOK", "TOO_FAR_AHEAD", "TOO_MANY_ACTIVE_BOOKINGS"}
)
