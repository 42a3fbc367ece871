"""Create a booking, or check one without booking it (the rules' dry run)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from booking.domain.actors import Actor, Role
from booking.domain.errors import (
    BookingRejected,
    Forbidden,
    InvalidRequest,
    Reason,
    SlotTaken,
)
from booking.domain.metadata import check_metadata
from booking.domain.models import Booking
from booking.services import events
from booking.services.bookings.common import (
    WALK_IN_LEAD,
    CreateBooking,
    IdempotencyStamp,
    _assess,
    _booker,
    _load_facts,
    _refuse_kiosk,
    _with_alternatives,
    retry_transient,
    source_for,
)
from booking.services.ports import UnitOfWork
from booking.services.staff_audit import record_booking_action
from booking.services.waitlist_offers import lapse_expired_holds


@retry_transient
def create_booking(
    cmd: CreateBooking,
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    *,
    after_lapse: bool = False,
) -> Booking:
    """Create a confirmed booking, debit its credits and write ``booking.created``.

    The member's row is locked first, so a member's concurrent bookings are counted and charged
    one after the other; overlaps between members are settled by the exclusion constraint.
    When that constraint refuses because of a waitlist hold whose time is up, the hold is lapsed
    (its slot offered to the next in line) and the booking tried once more.
    """
    source = source_for(actor, cmd.source)
    if actor.role is Role.KIOSK and cmd.start > now + WALK_IN_LEAD:
        raise Forbidden(
            "a kiosk books walk-ins only: starting now, not later",
            code="KIOSK_NOT_ALLOWED",
            details={"latest_start": (now + WALK_IN_LEAD).isoformat()},
        )
    if cmd.party_size < 1:
        raise InvalidRequest("party_size must be at least 1", code="INVALID_PARTY_SIZE")
    check_metadata(cmd.metadata)
    user_id = _booker(cmd.user_id, actor)
    try:
        with uow:
            facts = _load_facts(
                uow,
                user_id,
                cmd.resource_id,
                lock_user=True,
                now=now,
                start=cmd.start,
                end=cmd.end,
            )
            user, resource, location = facts.user, facts.resource, facts.location
            if actor.role is not Role.MEMBER:
                actor.require_location(location.id, "this location is not yours to book")
            if cmd.idempotency is not None:
                made = _made_earlier(uow, cmd.idempotency, now)
                if made is not None:
                    return made
            assessment = _assess(
                facts,
                start=cmd.start,
                end=cmd.end,
                party_size=cmd.party_size,
                source=source,
                now=now,
            )
            if not assessment.allowed:
                raise BookingRejected(assessment.reasons)
            booking = uow.bookings.add(
                user_id=user.id,
                resource_id=resource.id,
                start=cmd.start,
                end=cmd.end,
                party_size=cmd.party_size,
                source=source.value,
                credit_cost=assessment.credit_cost,
                metadata=cmd.metadata,
                idempotency_key=cmd.idempotency.key if cmd.idempotency else None,
                idempotency_request=cmd.idempotency.request if cmd.idempotency else None,
            )
            if assessment.credit_cost:
                uow.credits.record(
                    user_id=user.id,
                    delta=-assessment.credit_cost,
                    reason="booking_debit",
                    booking_id=booking.id,
                )
            events.booking_event(uow, events.BOOKING_CREATED, booking)
            record_booking_action(uow, actor, "booked_for_member", booking)
            uow.commit()
            return booking
    except SlotTaken as exc:
        blocked_end = cmd.end + timedelta(minutes=resource.buffer_minutes)
        # Only a hold already expired when the check read the bay can be lapsed (the check
        # and the lapse judge expiry by the same ``now``): without one, no transaction here.
        if (
            not after_lapse
            and facts.expired_hold
            and lapse_expired_holds(
                uow, now, resource_id=resource.id, start=cmd.start, end=blocked_end
            )
        ):
            return create_booking(cmd, uow, actor, now, after_lapse=True)
        raise _with_alternatives(uow, exc, facts, cmd.start, cmd.end, now) from exc


def _made_earlier(uow: UnitOfWork, stamp: IdempotencyStamp, now: datetime) -> Booking | None:
    """The booking this key already created (its create committed, then the process died
    before the idempotency record completed), or None. Runs under the member's row lock, so
    a retry racing its own first attempt sees the committed booking."""
    found = uow.bookings.by_idempotency_key(stamp.key)
    if found is None:
        return None
    booking, request = found
    if booking.created_at < now - stamp.window:
        uow.bookings.release_idempotency_key(stamp.key)  # an old key, used again
        return None
    if request != stamp.request:
        raise InvalidRequest(
            "This Idempotency-Key was used with a different request body",
            code="IDEMPOTENCY_KEY_REUSED",
        )
    return booking


def check_booking(
    cmd: CreateBooking, uow: UnitOfWork, actor: Actor, now: datetime
) -> dict[str, Any]:
    """Dry run: would this booking pass, why not, and what would it cost? Writes nothing.

    The answer carries the member's balance, so staff only check at their own locations and
    kiosks not at all (a walk-in answers for itself).
    """
    _refuse_kiosk(actor, "check a booking in advance")
    source = source_for(actor, cmd.source)
    user_id = _booker(cmd.user_id, actor)
    with uow:
        facts = _load_facts(
            uow, user_id, cmd.resource_id, lock_user=False, now=now, start=cmd.start, end=cmd.end
        )
        user, resource = facts.user, facts.resource
        if actor.role is not Role.MEMBER:
            actor.require_location(facts.location.id, "this location is not yours to check")
        assessment = _assess(
            facts,
            start=cmd.start,
            end=cmd.end,
            party_size=cmd.party_size,
            source=source,
            now=now,
        )
        reasons = list(assessment.reasons)
        buffer = timedelta(minutes=resource.buffer_minutes)
        if uow.bookings.overlapping(resource.id, cmd.start, cmd.end + buffer):
            reasons.append(Reason("SLOT_TAKEN", "That time is already booked on this bay"))
        balance = uow.credits.balance(user.id)
        if assessment.credit_cost > balance:
            reasons.append(
                Reason(
                    "INSUFFICIENT_CREDITS",
                    f"Needs {assessment.credit_cost} credits, balance is {balance}",
                )
            )
    return {
        "allowed": not reasons,
        "reasons": [r.as_dict() for r in reasons],
        "credit_cost": assessment.credit_cost,
        "balance": balance,
    }
