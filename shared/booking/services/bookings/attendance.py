"""Attendance: check in (with proof of presence), no-show, completion."""

from __future__ import annotations

import enum
from datetime import datetime, timedelta
from uuid import UUID

from booking.domain.actors import Actor, Role
from booking.domain.errors import (
    Conflict,
    Forbidden,
)
from booking.domain.lifecycle import ensure_transition
from booking.domain.models import Booking, BookingStatus
from booking.services import events
from booking.services.bookings.common import (
    _locked_visible,
)
from booking.services.ports import UnitOfWork
from booking.services.staff_audit import record_booking_action
from booking.services.waitlist_offers import offer_freed


class Presence(enum.StrEnum):
    """How a check-in proves the member is at the club."""

    DOOR = "door"
    """A signed door-unlock webhook matched the member at the bay's door."""
    PASS_SCAN = "pass_scan"
    """A door reader or kiosk scanned the member's current pass (``POST /access/verify``)."""
    KIOSK = "kiosk"
    """The club's kiosk checked the member in."""
    STAFF = "staff"
    """Staff (or an admin) checked the member in at the desk."""


# Who may vouch for each proof. A member's own word is none of them: a remote check-in would
# dodge the no-show forfeit.
PRESENCE_WITNESSES: dict[Presence, frozenset[Role]] = {
    Presence.DOOR: frozenset({Role.SERVICE}),
    Presence.PASS_SCAN: frozenset({Role.KIOSK, Role.SERVICE, Role.STAFF, Role.ADMIN}),
    Presence.KIOSK: frozenset({Role.KIOSK}),
    Presence.STAFF: frozenset({Role.STAFF, Role.ADMIN}),
}
_OWN_PRESENCE = {Role.KIOSK: Presence.KIOSK, Role.STAFF: Presence.STAFF, Role.ADMIN: Presence.STAFF}


def _presence(actor: Actor, presence: Presence | None) -> Presence:
    proof = presence or _OWN_PRESENCE.get(actor.role)
    if proof is None or actor.role not in PRESENCE_WITNESSES[proof]:
        raise Forbidden(
            "check-in needs proof of presence: scan the pass at the door or the kiosk, "
            "or ask staff at the desk",
            code="PRESENCE_REQUIRED",
            details={
                "role": actor.role.value,
                "presence": proof.value if proof else None,
                "accepted": [p.value for p in Presence],
            },
        )
    return proof


def check_in(
    booking_id: UUID,
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    *,
    presence: Presence | None = None,
) -> Booking:
    """Check a member in, from the door window's opening until the booking ends.

    Only a proof of presence checks in (``presence``; kiosks and staff vouch by being there):
    a member cannot check in remotely. The proof travels in ``booking.checked_in``.
    """
    proof = _presence(actor, presence)
    with uow:
        current = _locked_visible(uow, booking_id, actor)
        if current.status is BookingStatus.CHECKED_IN:
            return current  # a second door scan is not an error
        ensure_transition(current.status, BookingStatus.CHECKED_IN)
        location = uow.locations.get(current.location_id)
        assert location is not None
        opens = current.start - timedelta(minutes=location.settings.access_before_minutes)
        if not opens <= now < current.end:
            raise Conflict(
                "check-in is open from the door window's start until the booking ends",
                code="OUTSIDE_CHECK_IN_WINDOW",
                details={"opens": opens.isoformat(), "closes": current.end.isoformat()},
            )
        updated = uow.bookings.set_status(current.id, BookingStatus.CHECKED_IN, at=now)
        events.booking_event(
            uow, events.BOOKING_CHECKED_IN, updated, extra={"presence": proof.value}
        )
        record_booking_action(uow, actor, "checked_in", updated)
        uow.commit()
        return updated


def mark_no_show(booking_id: UUID, uow: UnitOfWork, actor: Actor, now: datetime) -> Booking:
    """Mark a confirmed booking nobody checked in to as a no-show; its credits are forfeited."""
    actor.require(Role.SERVICE, Role.ADMIN, Role.STAFF)
    with uow:
        current = _locked_visible(uow, booking_id, actor)
        ensure_transition(current.status, BookingStatus.NO_SHOW)
        location = uow.locations.get(current.location_id)
        assert location is not None
        due = current.start + timedelta(minutes=location.settings.no_show_grace_minutes)
        if now < due:
            raise Conflict(
                "the no-show grace period has not passed",
                code="NO_SHOW_NOT_DUE",
                details={"due": due.isoformat()},
            )
        updated = uow.bookings.set_status(current.id, BookingStatus.NO_SHOW, at=now)
        events.booking_event(
            uow, events.BOOKING_NO_SHOW, updated, extra={"forfeited_credits": current.credit_cost}
        )
        # The rest of the no-show's time goes to the waitlist.
        offer_freed(uow, resource_id=current.resource_id, start=now, end=current.end, now=now)
        uow.commit()
        return updated


def complete_booking(booking_id: UUID, uow: UnitOfWork, actor: Actor, now: datetime) -> Booking:
    """Close a booking after it ended."""
    actor.require(Role.SERVICE, Role.ADMIN, Role.STAFF)
    with uow:
        current = _locked_visible(uow, booking_id, actor)
        ensure_transition(current.status, BookingStatus.COMPLETED)
        updated = uow.bookings.set_status(current.id, BookingStatus.COMPLETED, at=now)
        events.booking_event(uow, events.BOOKING_COMPLETED, updated)
        uow.commit()
        return updated
