"""Change a booking: reschedule or move it, preview the refund, cancel it."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from booking.domain.actors import Actor, Role
from booking.domain.credits import cancellation_refund, reschedule_terms
from booking.domain.errors import (
    BookingRejected,
    Conflict,
    Forbidden,
    InvalidRequest,
    SlotTaken,
    VersionMismatch,
)
from booking.domain.lifecycle import ensure_modifiable, ensure_transition
from booking.domain.models import Booking, BookingStatus
from booking.services import events
from booking.services.bookings.common import (
    ModifyBooking,
    _assess,
    _Facts,
    _load_facts,
    _locked_visible,
    _refuse_kiosk,
    _with_alternatives,
    retry_transient,
)
from booking.services.bookings.queries import get_booking
from booking.services.ports import UnitOfWork
from booking.services.staff_audit import record_booking_action, who
from booking.services.waitlist_offers import offer_freed


@retry_transient
def modify_booking(cmd: ModifyBooking, uow: UnitOfWork, actor: Actor, now: datetime) -> Booking:
    """Reschedule or change bay with the same checks as a new booking (version + 1).

    The credit difference is charged, or refunded by the cancellation policy, in the same
    transaction; moving a booking inside the policy's window also caps what cancelling it
    later refunds (``booking.domain.credits.reschedule_terms``). Staff move bookings only to
    bays of their own locations; kiosks change nothing.
    """
    _refuse_kiosk(actor, "change a booking")
    facts: _Facts | None = None  # what the check read, for the alternatives of a conflict
    start = end = now
    try:
        with uow:
            current = _locked_visible(uow, cmd.booking_id, actor)
            if cmd.expected_version is not None and cmd.expected_version != current.version:
                raise VersionMismatch(
                    f"booking is at version {current.version}, not {cmd.expected_version}",
                    details={"version": current.version},
                )
            ensure_modifiable(current.status)
            if current.start <= now:
                raise Conflict(
                    "a booking that has started cannot be changed", code="BOOKING_STARTED"
                )
            start = cmd.start or current.start
            end = cmd.end or (start + (current.end - current.start) if cmd.start else current.end)
            facts = _load_facts(
                uow,
                current.user_id,
                cmd.resource_id or current.resource_id,
                lock_user=True,
                now=now,
                start=start,
                end=end,
                exclude=current.id,
            )
            user, resource = facts.user, facts.resource
            if actor.role is not Role.MEMBER and resource.location_id != current.location_id:
                actor.require_location(
                    resource.location_id, "the new bay is at a location that is not yours"
                )
            party = cmd.party_size or current.party_size
            assessment = _assess(
                facts, start=start, end=end, party_size=party, source=current.source, now=now
            )
            if not assessment.allowed:
                raise BookingRejected(assessment.reasons)
            policy_location = (
                facts.location
                if facts.location.id == current.location_id
                else uow.locations.get(current.location_id) or facts.location
            )
            delta, cap = reschedule_terms(
                policy_location.settings.cancellation_policy,
                current_start=current.start,
                current_cap=current.refund_cap_percent,
                credit_change=assessment.credit_cost - current.credit_cost,
                now=now,
            )
            updated = uow.bookings.reschedule(
                current.id,
                resource_id=resource.id,
                start=start,
                end=end,
                credit_cost=assessment.credit_cost,
                party_size=party,
                refund_cap_percent=cap,
            )
            if delta:
                uow.credits.record(
                    user_id=user.id,
                    delta=delta,
                    reason="booking_modify",
                    booking_id=current.id,
                )
            events.booking_event(uow, events.BOOKING_MODIFIED, updated, previous=current)
            # The old time is free now (where the new one does not cover it): the waitlist's.
            offer_freed(
                uow, resource_id=current.resource_id, start=current.start, end=current.end, now=now
            )
            record_booking_action(
                uow,
                actor,
                "moved",
                updated,
                reason=cmd.reason,
                details={
                    "from": {
                        "start": current.start.isoformat(),
                        "end": current.end.isoformat(),
                        "resource_id": str(current.resource_id),
                    },
                    "to": {
                        "start": updated.start.isoformat(),
                        "end": updated.end.isoformat(),
                        "resource_id": str(updated.resource_id),
                    },
                },
            )
            uow.commit()
            return updated
    except SlotTaken as exc:
        assert facts is not None
        raise _with_alternatives(uow, exc, facts, start, end, now) from exc


def refund_preview(
    booking_id: UUID, uow: UnitOfWork, actor: Actor, now: datetime
) -> dict[str, Any]:
    """What cancelling ``booking_id`` at ``now`` would refund, by the location's policy.

    The same computation ``cancel_booking`` applies, so the figure shown is the figure paid.
    """
    current = get_booking(booking_id, uow, actor)
    ensure_transition(current.status, BookingStatus.CANCELLED)
    with uow:
        location = uow.locations.get(current.location_id)
    assert location is not None  # foreign key
    policy = location.settings.cancellation_policy
    refund = cancellation_refund(current.credit_cost, policy, start=current.start, now=now)
    return {
        "booking_id": current.id,
        "credit_cost": current.credit_cost,
        "refund_credits": refund,
        "refund_percent": refund * 100 // current.credit_cost if current.credit_cost else 100,
        "hours_before_start": round((current.start - now).total_seconds() / 3600, 2),
        "policy": [
            {"hours_before": s.hours_before, "refund_percent": s.refund_percent} for s in policy
        ],
    }


@retry_transient
def cancel_booking(
    booking_id: UUID,
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    *,
    reason: str = "",
    full_refund: bool = False,
    refund_credits: int | None = None,
) -> Booking:
    """Cancel and refund by the location's policy.

    Staff and admins may override the refund (``full_refund``, or ``refund_credits`` between 0
    and what was paid); an override needs a reason, and who gave it and why is recorded in the
    ledger row, the event and the staff record.
    """
    _refuse_kiosk(actor, "cancel a booking")
    override = full_refund or refund_credits is not None
    if override and actor.role not in (Role.STAFF, Role.ADMIN):
        raise Forbidden("only staff may override the refund")
    if override and not reason.strip():
        raise InvalidRequest("say why the refund is overridden", code="OVERRIDE_REASON_REQUIRED")
    if refund_credits is not None and refund_credits < 0:
        raise InvalidRequest("refund_credits cannot be negative", code="INVALID_REFUND")
    with uow:
        current = _locked_visible(uow, booking_id, actor)
        ensure_transition(current.status, BookingStatus.CANCELLED)
        location = uow.locations.get(current.location_id)
        assert location is not None
        by_policy = cancellation_refund(
            current.credit_cost,
            location.settings.cancellation_policy,
            start=current.start,
            now=now,
            cap_percent=current.refund_cap_percent,
        )
        refund = by_policy
        if full_refund:
            refund = current.credit_cost
        if refund_credits is not None:
            if refund_credits > current.credit_cost:
                raise InvalidRequest(
                    f"the booking cost {current.credit_cost} credits; cannot refund more",
                    code="INVALID_REFUND",
                    details={"credit_cost": current.credit_cost},
                )
            refund = refund_credits
        cancelled = uow.bookings.set_status(current.id, BookingStatus.CANCELLED, at=now)
        extra: dict[str, Any] = {"refunded_credits": refund, "reason": reason}
        note = ""
        if override:
            extra["refund_override"] = {
                "by": who(actor),
                "reason": reason,
                "policy_credits": by_policy,
                "credits": refund,
            }
            note = f"refund override by {who(actor)}: {reason}"
        if refund:
            uow.credits.record(
                user_id=current.user_id,
                delta=refund,
                reason="cancellation_refund",
                booking_id=current.id,
                note=note,
                actor=who(actor) if override else "",
            )
        events.booking_event(uow, events.BOOKING_CANCELLED, cancelled, extra=extra)
        # In the same transaction: nobody can book the freed slot before the waitlist is offered it.
        offer_freed(
            uow,
            resource_id=current.resource_id,
            start=max(current.start, now),
            end=current.end,
            now=now,
        )
        record_booking_action(
            uow,
            actor,
            "cancelled",
            cancelled,
            reason=reason,
            details={"refunded_credits": refund, "policy_credits": by_policy, "override": override},
        )
        uow.commit()
        return cancelled
