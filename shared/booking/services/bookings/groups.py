"""Several bays at once: N bays for the same time, booked as one group, all or nothing.

Each bay becomes an ordinary booking (its own credits, events and lifecycle) carrying the
group's id in its metadata (``group_id``), and all of them are written in one transaction: if
any bay is taken (the exclusion constraint) or refused by the rules, nothing is written. Each
booking counts against the member's limits like any other, so a rule such as "at most 2
upcoming bookings" allows a 2-bay group and refuses a 3-bay one.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from booking.domain.actors import Actor, Role
from booking.domain.errors import (
    BookingRejected,
    Forbidden,
    InvalidRequest,
    Reason,
    SlotTaken,
)
from booking.domain.models import Booking
from booking.services import events
from booking.services.bookings.common import (
    _assess,
    _booker,
    _load_facts,
    retry_transient,
    source_for,
)
from booking.services.ports import UnitOfWork
from booking.services.staff_audit import record_booking_action

MAX_GROUP_BAYS = 8


@dataclass(frozen=True)
class CreateGroup:
    """Book ``resource_ids`` (distinct bays of one location) for [start, end)."""

    resource_ids: tuple[UUID, ...]
    start: datetime
    end: datetime
    party_size: int = 1
    user_id: UUID | None = None


def _check_request(cmd: CreateGroup, actor: Actor) -> None:
    if actor.role is Role.KIOSK:
        raise Forbidden("a kiosk books one walk-in bay at a time", code="KIOSK_NOT_ALLOWED")
    if not 2 <= len(cmd.resource_ids) <= MAX_GROUP_BAYS:
        raise InvalidRequest(
            f"a group books 2 to {MAX_GROUP_BAYS} bays",
            code="INVALID_GROUP_SIZE",
            details={"min": 2, "max": MAX_GROUP_BAYS},
        )
    if len(set(cmd.resource_ids)) != len(cmd.resource_ids):
        raise InvalidRequest("each bay may appear once in a group", code="DUPLICATE_BAY")
    if cmd.party_size < 1:
        raise InvalidRequest("party_size must be at least 1", code="INVALID_PARTY_SIZE")


@retry_transient
def create_group(cmd: CreateGroup, uow: UnitOfWork, actor: Actor, now: datetime) -> list[Booking]:
    """Book every bay of ``cmd`` for the same time in one transaction, or none of them.

    Raises ``SlotTaken`` (409, ``details.resource_id`` names the first bay found taken),
    ``BookingRejected`` (422, every reason, each prefixed with its bay's name) or
    ``InsufficientCredits`` (402) for the group as a whole; nothing is written then.
    """
    _check_request(cmd, actor)
    source = source_for(actor, None)
    user_id = _booker(cmd.user_id, actor)
    group_id = str(uuid.uuid4())
    made: list[Booking] = []
    with uow:
        location_id: UUID | None = None
        reasons: list[Reason] = []
        for i, resource_id in enumerate(cmd.resource_ids):
            facts = _load_facts(
                uow,
                user_id,
                resource_id,
                lock_user=i == 0,
                now=now,
                start=cmd.start,
                end=cmd.end,
            )
            if location_id is None:
                location_id = facts.location.id
                if actor.role is not Role.MEMBER:
                    actor.require_location(location_id, "this location is not yours to book")
            elif facts.location.id != location_id:
                raise InvalidRequest(
                    "a group's bays are all at one location", code="GROUP_ACROSS_LOCATIONS"
                )
            assessment = _assess(
                facts,
                start=cmd.start,
                end=cmd.end,
                party_size=cmd.party_size,
                source=source,
                now=now,
            )
            if not assessment.allowed:
                reasons.extend(
                    Reason(r.code, f"{facts.resource.name}: {r.message}")
                    for r in assessment.reasons
                )
                continue
            try:
                booking = uow.bookings.add(
                    user_id=user_id,
                    resource_id=resource_id,
                    start=cmd.start,
                    end=cmd.end,
                    party_size=cmd.party_size,
                    source=source.value,
                    credit_cost=assessment.credit_cost,
                    metadata={"group_id": group_id, "group_size": len(cmd.resource_ids)},
                )
            except SlotTaken as exc:
                taken = SlotTaken(
                    f"{facts.resource.name} is taken at that time: the group was not booked"
                )
                taken.details["resource_id"] = str(resource_id)
                raise taken from exc
            if assessment.credit_cost:
                uow.credits.record(
                    user_id=user_id,
                    delta=-assessment.credit_cost,
                    reason="booking_debit",
                    booking_id=booking.id,
                )
            made.append(booking)
        if reasons:
            raise BookingRejected(reasons)
        for booking in made:
            events.booking_event(uow, events.BOOKING_CREATED, booking)
            record_booking_action(uow, actor, "booked_for_member", booking)
        uow.commit()
    return made
