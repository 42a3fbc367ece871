"""Booking use cases' commands and what they share: the caller's channel, the facts a booking is
checked against, the rules' verdict with alternatives, retries of transient conflicts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from booking.domain.actors import Actor, Role
from booking.domain.checks import (
    Assessment,
    MemberStats,
    Proposal,
    assess,
    validate_times,
)
from booking.domain.errors import (
    Forbidden,
    InvalidRequest,
    NotFound,
    SlotTaken,
)
from booking.domain.models import Blackout, Booking, Location, Resource, Source, User
from booking.domain.rules import Rule
from booking.services.availability import alternatives_for
from booking.services.ports import UnitOfWork
from booking.services.retry import retry_transient as retry_transient


@dataclass(frozen=True)
class CreateBooking:
    """Book ``resource_id`` from ``start`` to ``end`` for ``user_id`` (the caller if a member)."""

    resource_id: UUID
    start: datetime
    end: datetime
    user_id: UUID | None = None
    party_size: int = 1
    source: Source | None = None
    """The channel; None takes the caller's own (see :func:`source_for`)."""
    metadata: dict[str, Any] = field(default_factory=dict)
    idempotency: IdempotencyStamp | None = None


@dataclass(frozen=True)
class IdempotencyStamp:
    """The caller's Idempotency-Key (hashed with the caller), a hash of the request, and how
    long the key stands for that request."""

    key: str
    request: str
    window: timedelta


@dataclass(frozen=True)
class ModifyBooking:
    """Reschedule and/or move a booking; unset fields keep their value."""

    booking_id: UUID
    start: datetime | None = None
    end: datetime | None = None
    resource_id: UUID | None = None
    party_size: int | None = None
    expected_version: int | None = None
    reason: str = ""


# The channels each role may book through; the first is the role's own, used when the request
# names none. A booking's source feeds the rules (kiosk walk-ins skip the last-minute cut-off),
# so it comes from who is asking, never from what they claim.
SOURCES: dict[Role, tuple[Source, ...]] = {
    Role.MEMBER: (Source.API,),
    Role.KIOSK: (Source.KIOSK,),
    Role.STAFF: (Source.ADMIN,),
    Role.ADMIN: (Source.ADMIN, Source.API, Source.KIOSK, Source.CLUBOS),
    Role.SERVICE: (Source.API, Source.CLUBOS),
}

WALK_IN_LEAD = timedelta(minutes=15)
"""How far ahead a kiosk may book: walk-ins start now, or while the member gets ready."""


def source_for(actor: Actor, requested: Source | None) -> Source:
    """The booking's channel: the caller's own, or one its role may use (else ``Forbidden``)."""
    allowed = SOURCES[actor.role]
    if requested is None:
        return allowed[0]
    if requested not in allowed:
        raise Forbidden(
            f"the {actor.role.value} role cannot book through {requested.value}",
            code="SOURCE_NOT_ALLOWED",
            details={"source": requested.value, "allowed": [x.value for x in allowed]},
        )
    return requested


def _refuse_kiosk(actor: Actor, what: str) -> None:
    """Kiosks make walk-ins, check members in and show passes; nothing else."""
    if actor.role is Role.KIOSK:
        raise Forbidden(
            f"a kiosk cannot {what}",
            code="KIOSK_NOT_ALLOWED",
            details={"role": actor.role.value},
        )


def _not_found(booking_id: UUID) -> NotFound:
    return NotFound(f"booking {booking_id} not found", code="BOOKING_NOT_FOUND")


def _booker(cmd_user: UUID | None, actor: Actor) -> UUID:
    """Members book for themselves; staff, admins, kiosks and services name the member."""
    if actor.role is Role.MEMBER:
        if cmd_user is not None and cmd_user != actor.user_id:
            raise Forbidden("members can only book for themselves")
        assert actor.user_id is not None
        return actor.user_id
    if cmd_user is None:
        if actor.user_id is not None:
            return actor.user_id
        raise InvalidRequest(
            "user_id is required when booking for a member", code="USER_ID_REQUIRED"
        )
    return cmd_user


@dataclass(frozen=True)
class _Facts:
    user: User
    resource: Resource
    location: Location
    stats: MemberStats
    blackouts: list[Blackout]
    rules: list[Rule]
    expired_hold: bool = False  # a hold past its expiry stands on the bay at that time


def _load_facts(
    uow: UnitOfWork,
    user_id: UUID,
    resource_id: UUID,
    *,
    lock_user: bool,
    now: datetime,
    start: datetime,
    end: datetime,
    exclude: UUID | None = None,
) -> _Facts:
    """Everything the booking check needs, in one read (rules from the per-process cache)."""
    validate_times(start, end)  # before any query uses the range
    facts = uow.proposals.facts(
        user_id=user_id,
        resource_id=resource_id,
        lock_user=lock_user,
        now=now,
        start=start,
        end=end,
        exclude=exclude,
    )
    if facts.user is None:
        raise NotFound(f"user {user_id} not found", code="USER_NOT_FOUND")
    if facts.resource is None:
        raise NotFound(f"resource {resource_id} not found", code="RESOURCE_NOT_FOUND")
    assert facts.location is not None  # foreign key
    return _Facts(
        user=facts.user,
        resource=facts.resource,
        location=facts.location,
        stats=MemberStats(
            active_bookings=facts.active_bookings, hours_this_week=facts.hours_this_week
        ),
        blackouts=facts.blackouts,
        rules=uow.rules.active_at(facts.rules_version),
        expired_hold=facts.expired_hold,
    )


def _assess(
    facts: _Facts,
    *,
    start: datetime,
    end: datetime,
    party_size: int,
    source: Source,
    now: datetime,
) -> Assessment:
    proposal = Proposal(
        user=facts.user,
        resource=facts.resource,
        location=facts.location,
        start=start,
        end=end,
        party_size=party_size,
        source=source.value,
    )
    return assess(
        proposal, now=now, rules=facts.rules, stats=facts.stats, blackouts=facts.blackouts
    )


def _with_alternatives(
    uow: UnitOfWork, exc: SlotTaken, facts: _Facts, start: datetime, end: datetime, now: datetime
) -> SlotTaken:
    """``exc`` with the nearest slots the member may book instead, from the facts the refused
    check read (its location and active rules are not read again)."""
    alternatives = alternatives_for(
        uow,
        resource=facts.resource,
        start=start,
        end=end,
        user=facts.user,
        now=now,
        location=facts.location,
        rules=facts.rules,
    )
    return SlotTaken(exc.message, alternatives=alternatives)


def _locked_visible(uow: UnitOfWork, booking_id: UUID, actor: Actor) -> Booking:
    booking = uow.bookings.get(booking_id, for_update=True)
    if booking is None or not actor.can_see_booking(booking.user_id, booking.location_id):
        raise _not_found(booking_id)
    return booking
