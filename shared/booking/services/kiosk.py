"""Kiosk walk-ins: the next free bay right now, booked at the door, with its access pass.

The member at the kiosk is the one a kiosk session was opened for
(``booking.services.kiosk_sign_in``): a kiosk cannot name a member by e-mail, phone or id, so a
passer-by who knows someone's e-mail cannot book on their credits or get a pass to their bay.
Admins (support at the desk) may still name a member directly.

A walk-in starts at the next whole minute (never in the past, so the booking check accepts it)
and lasts the asked duration. It is booked with ``Source.KIOSK``, which the default
``last-minute-cutoff`` rule exempts; every other rule (blocked members, early-access hours,
weekly hours, credits) applies as for any booking. The pass opens the bay's doors from now until
the booking's end plus the location's ``pass_valid_after_minutes``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from booking.domain.actors import Actor, Role
from booking.domain.errors import Conflict, Forbidden, InvalidRequest, NotFound
from booking.domain.models import Booking, Location, Resource, Source, User
from booking.domain.passes import Pass, PassFacts, PassKeyring, issue_pass
from booking.services import bookings as booking_service
from booking.services.availability import AvailabilityQuery, find_slots
from booking.services.first_free import book_first_free
from booking.services.kiosk_sign_in import SignInRefused, member_of_session
from booking.services.ports import UnitOfWork
from booking.services.recommendations import free_bays_at


@dataclass(frozen=True)
class WalkIn:
    """``POST /kiosk/walk-in``: a member at the door wants a bay now.

    A kiosk gives the ``session`` its member signed in with; an admin gives ``user_id``.
    """

    user_id: UUID | None = None
    session: str | None = None
    duration_minutes: int = 60
    location_id: UUID | None = None
    resource_type: str = "simulator"
    party_size: int = 1


@dataclass(frozen=True)
class WalkInResult:
    """The booking made, its bay and location, and the pass (None when the bay has no door)."""

    booking: Booking
    resource: Resource
    location: Location
    access_pass: Pass | None


def start_now(now: datetime) -> datetime:
    """The walk-in's start: ``now`` rounded up to the whole minute."""
    whole = now.replace(second=0, microsecond=0)
    return whole if whole == now else whole + timedelta(minutes=1)


def _who_and_where(cmd: WalkIn, uow: UnitOfWork, actor: Actor, now: datetime) -> tuple[UUID, UUID]:
    """The member and the location of a walk-in: from the kiosk session, or as an admin named."""
    if actor.role is Role.KIOSK:
        if cmd.session is None:
            raise SignInRefused(
                "the member signs in at the kiosk first (the code their app shows)",
                code="KIOSK_SIGN_IN_REQUIRED",
            )
        member = member_of_session(uow, actor, cmd.session, now)
        if cmd.location_id is not None and cmd.location_id != member.location_id:
            raise Forbidden("this kiosk does not serve that location", code="LOCATION_FORBIDDEN")
        return member.user_id, member.location_id
    if cmd.user_id is None:
        raise InvalidRequest("name the member (user_id)", code="NO_CUSTOMER")
    return cmd.user_id, _kiosk_location(cmd, actor)


def _kiosk_location(cmd: WalkIn, actor: Actor) -> UUID:
    if cmd.location_id is not None:
        if not actor.can_see_location(cmd.location_id):
            raise Forbidden("this kiosk does not serve that location")
        return cmd.location_id
    if len(actor.location_ids) == 1:
        return next(iter(actor.location_ids))
    raise InvalidRequest(
        "location_id is required (the kiosk's token names no single location)",
        code="LOCATION_ID_REQUIRED",
    )


def _next_free(
    uow: UnitOfWork, location: Location, bays: list[Resource], duration: int, now: datetime
) -> dict[str, Any] | None:
    """When the first bay frees up today or tomorrow (staff view), to tell the member."""
    today = now.astimezone(ZoneInfo(location.time_zone)).date()
    slots, _ = find_slots(
        AvailabilityQuery(
            location_id=location.id,
            first_day=today,
            last_day=today + timedelta(days=1),
            duration_minutes=duration,
            resource_type=bays[0].type,
        ),
        uow,
        user=None,
        now=now,
    )
    if not slots:
        return None
    names = {b.id: b.name for b in bays}
    first = slots[0]
    return {
        "resource_id": str(first.resource_id),
        "resource_name": names.get(first.resource_id),
        "start": first.start.isoformat(),
        "end": first.end.isoformat(),
    }


def walk_in(
    cmd: WalkIn,
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    keyring: PassKeyring,
) -> WalkInResult:
    """Book the first free bay from now for ``duration_minutes`` and issue its access pass.

    Raises ``Conflict`` (``NO_BAY_FREE``, with the next free slot in ``details``) when every bay
    is taken and ``BookingRejected`` when the member's rules refuse. The keyring is loaded by
    the caller first, so a missing pass configuration fails before anything is booked.
    """
    actor.require(Role.KIOSK, Role.ADMIN)
    if not 15 <= cmd.duration_minutes <= 24 * 60:
        raise InvalidRequest(
            "duration_minutes must be between 15 and 1440", code="INVALID_DURATION"
        )
    user_id, location_id = _who_and_where(cmd, uow, actor, now)
    with uow:
        location = uow.locations.get(location_id)
        if location is None:
            raise NotFound(f"location {location_id} not found", code="LOCATION_NOT_FOUND")
        user: User | None = uow.users.get(user_id)
        if user is None:
            raise NotFound(f"user {user_id} not found", code="USER_NOT_FOUND")
        bays = sorted(
            uow.resources.list(location.id, cmd.resource_type), key=lambda r: (r.name, str(r.id))
        )
    if not bays:
        raise NotFound(
            f"{location.name} has no {cmd.resource_type} to book", code="RESOURCE_NOT_FOUND"
        )
    start = start_now(now)
    end = start + timedelta(minutes=cmd.duration_minutes)
    free = free_bays_at(uow, location, bays, start, end)
    taken = book_first_free(
        free,
        lambda bay: booking_service.CreateBooking(
            resource_id=bay.id,
            start=start,
            end=end,
            user_id=user.id,
            party_size=cmd.party_size,
            source=Source.KIOSK,
            metadata={"channel": "kiosk", "kiosk": actor.subject},
        ),
        uow,
        actor,
        now,
    )
    if taken is None:
        raise Conflict(
            f"every {cmd.resource_type.replace('_', ' ')} at {location.name} is taken right now",
            code="NO_BAY_FREE",
            details={"next_free": _next_free(uow, location, bays, cmd.duration_minutes, now)},
        )
    booking, chosen = taken
    return WalkInResult(
        booking=booking,
        resource=chosen,
        location=location,
        access_pass=issue_walk_in_pass(booking, chosen, location, keyring, now),
    )


def issue_walk_in_pass(
    booking: Booking, bay: Resource, location: Location, keyring: PassKeyring, now: datetime
) -> Pass | None:
    """The rotating pass for the bay's doors (None when the bay has no door configured)."""
    if not bay.unifi_door_ids:
        return None
    facts = PassFacts(
        booking_id=str(booking.id),
        user_id=str(booking.user_id),
        door_ids=tuple(bay.unifi_door_ids),
        valid_from=min(
            now, booking.start - timedelta(minutes=location.settings.access_before_minutes)
        ),
        ends_at=booking.end,
        valid_until=booking.end + timedelta(minutes=location.settings.pass_valid_after_minutes),
    )
    return issue_pass(facts, keyring, now)


@dataclass(frozen=True)
class KioskCheckIn:
    """``POST /kiosk/check-in``: the signed-in member checks in to one of today's bookings."""

    session: str
    booking_id: UUID


@dataclass(frozen=True)
class CheckedIn:
    """The booking checked in to, its bay and location, and its pass."""

    booking: Booking
    resource: Resource
    location: Location
    access_pass: Pass | None


def todays_bookings(
    uow: UnitOfWork, user_id: UUID, location: Location, now: datetime
) -> list[tuple[Booking, Resource]]:
    """The member's bookings at the kiosk's location that are still on today (local day)."""
    tz = ZoneInfo(location.time_zone)
    local = now.astimezone(tz)
    day_end = datetime.combine(local.date() + timedelta(days=1), datetime.min.time(), tz)
    with uow:
        found = uow.bookings.for_user(user_id, since=now, statuses=("confirmed", "checked_in"))
        out: list[tuple[Booking, Resource]] = []
        for b in found:
            if b.location_id != location.id or b.start >= day_end or b.end <= now:
                continue
            bay = uow.resources.get(b.resource_id)
            if bay is not None:
                out.append((b, bay))
    return sorted(out, key=lambda pair: pair[0].start)


def check_in_at_kiosk(
    cmd: KioskCheckIn,
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    keyring: PassKeyring,
) -> CheckedIn:
    """Check the signed-in member in to their booking here and issue its pass.

    Only the session's member's own bookings at this kiosk's location; checking in again
    returns the same booking with a fresh pass (that is how the kiosk shows a pass).
    """
    member = member_of_session(uow, actor, cmd.session, now)
    with uow:
        booking = uow.bookings.get(cmd.booking_id)
    if booking is None or booking.user_id != member.user_id:
        raise NotFound(f"booking {cmd.booking_id} not found", code="BOOKING_NOT_FOUND")
    if booking.location_id != member.location_id:
        raise Forbidden("that booking is at another club", code="LOCATION_FORBIDDEN")
    checked = booking_service.check_in(booking.id, uow, actor, now)
    with uow:
        bay = uow.resources.get(checked.resource_id)
        location = uow.locations.get(checked.location_id)
    assert bay is not None and location is not None
    return CheckedIn(
        booking=checked,
        resource=bay,
        location=location,
        access_pass=issue_walk_in_pass(checked, bay, location, keyring, now),
    )


@dataclass(frozen=True)
class FloorNow:
    """What the kiosk's start screen shows: the location and which bays are free right now."""

    location: Location
    bays: list[Resource]
    free_ids: set[UUID]
    duration_minutes: int


def floor_now(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    *,
    location_id: UUID | None = None,
    duration_minutes: int = 60,
    resource_type: str = "simulator",
) -> FloorNow:
    """The kiosk location's bays, and which are free for a walk-in of ``duration_minutes`` now."""
    actor.require(Role.KIOSK, Role.ADMIN)
    where = _kiosk_location(WalkIn(location_id=location_id), actor)
    with uow:
        location = uow.locations.get(where)
        if location is None:
            raise NotFound(f"location {where} not found", code="LOCATION_NOT_FOUND")
        bays = sorted(
            uow.resources.list(location.id, resource_type), key=lambda r: (r.name, str(r.id))
        )
    start = start_now(now)
    free = free_bays_at(uow, location, bays, start, start + timedelta(minutes=duration_minutes))
    return FloorNow(
        location=location,
        bays=bays,
        free_ids={b.id for b in free},
        duration_minutes=duration_minutes,
    )
