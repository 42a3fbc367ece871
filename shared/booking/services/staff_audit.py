"""The record of what staff and admins did to bookings and credits, with who and why."""

from __future__ import annotations

from typing import Any

from booking.domain.actors import Actor, Role
from booking.domain.models import Booking
from booking.services.ports import UnitOfWork

AUDITED_ROLES = (Role.STAFF, Role.ADMIN)


def who(actor: Actor) -> str:
    """How the record names the caller: the token's subject, else the role."""
    return actor.subject or (str(actor.user_id) if actor.user_id else actor.role.value)


def record_booking_action(
    uow: UnitOfWork,
    actor: Actor,
    action: str,
    booking: Booking,
    *,
    reason: str = "",
    details: dict[str, Any] | None = None,
) -> None:
    """Record a staff or admin action on a booking in the open transaction (others: nothing)."""
    if actor.role not in AUDITED_ROLES:
        return
    uow.staff.record_action(
        actor=who(actor),
        action=action,
        reason=reason,
        booking_id=booking.id,
        user_id=booking.user_id,
        location_id=booking.location_id,
        details={"role": actor.role.value, **(details or {})},
    )
