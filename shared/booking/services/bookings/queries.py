"""Read bookings: one, or a page of a member's or a location's day."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID
from zoneinfo import ZoneInfo

from booking.domain.actors import Actor, Role
from booking.domain.availability import day_bounds
from booking.domain.errors import (
    Forbidden,
    InvalidRequest,
    NotFound,
)
from booking.domain.models import Booking
from booking.domain.pagination import (
    Page,
    PageRequest,
    decode_cursor,
    fingerprint,
    page_of,
    parse_instant,
)
from booking.services.bookings.common import (
    _not_found,
    _refuse_kiosk,
)
from booking.services.ports import UnitOfWork


def get_booking(booking_id: UUID, uow: UnitOfWork, actor: Actor) -> Booking:
    """One booking the caller may see (404 for anyone else's, so ids do not leak)."""
    with uow:
        booking = uow.bookings.get(booking_id)
    if booking is None or not actor.can_see_booking(booking.user_id, booking.location_id):
        raise _not_found(booking_id)
    return booking


def _booking_order(b: Booking) -> tuple[datetime, UUID]:
    return (b.start, b.id)


def _after(kind: str, query: str, page: PageRequest) -> tuple[datetime, UUID] | None:
    """The (start, id) a bookings cursor names, or None on the first page."""
    if page.cursor is None:
        return None
    start, booking_id = decode_cursor(kind, query, page.cursor, arity=2)
    try:
        return parse_instant(start), UUID(booking_id)
    except ValueError:
        raise InvalidRequest(
            "the cursor is not one this list handed out for this query", code="INVALID_CURSOR"
        ) from None


def list_bookings(
    uow: UnitOfWork,
    actor: Actor,
    *,
    now: datetime,
    location_id: UUID | None = None,
    day: date | None = None,
    user_id: UUID | None = None,
    include_past: bool = False,
    page: PageRequest | None = None,
) -> Page[Booking]:
    """A member's own bookings, or (staff, admin) a location's bookings on a local day.

    By start then id, a page at a time; staff listing a member see only bookings at their own
    locations (filtered in the query, so pages stay full).
    """
    _refuse_kiosk(actor, "list bookings")
    page = page or PageRequest()
    since = None if include_past else now
    with uow:
        if actor.role is Role.MEMBER or (location_id is None and user_id is None):
            if actor.user_id is None:
                raise InvalidRequest("location_id is required", code="LOCATION_ID_REQUIRED")
            kind, query = "bookings.mine", fingerprint(actor.user_id, include_past)
            fetched = uow.bookings.for_user(
                actor.user_id,
                since=since,
                after=_after(kind, query, page),
                limit=page.limit + 1,
            )
            return page_of(fetched, page, kind=kind, query=query, key=_booking_order)
        if location_id is None:
            assert user_id is not None
            if actor.role not in (Role.ADMIN, Role.SERVICE, Role.STAFF):
                raise Forbidden("only staff may list another member's bookings")
            scope = None if actor.is_privileged or actor.all_locations else actor.location_ids
            kind = "bookings.member"
            query = fingerprint(user_id, include_past, sorted(map(str, scope or ())))
            fetched = uow.bookings.for_user(
                user_id,
                since=since,
                after=_after(kind, query, page),
                limit=page.limit + 1,
                location_ids=scope,
            )
            return page_of(fetched, page, kind=kind, query=query, key=_booking_order)
        actor.require_location(location_id, "this location is not yours to see")
        location = uow.locations.get(location_id)
        if location is None:
            raise NotFound(f"location {location_id} not found", code="LOCATION_NOT_FOUND")
        tz = ZoneInfo(location.time_zone)
        local_day = day or now.astimezone(tz).date()
        start, end = day_bounds(tz, local_day, local_day)
        kind, query = "bookings.day", fingerprint(location_id, local_day, user_id)
        fetched = uow.bookings.for_location(
            location_id,
            start,
            end,
            user_id=user_id,
            after=_after(kind, query, page),
            limit=page.limit + 1,
        )
        return page_of(fetched, page, kind=kind, query=query, key=_booking_order)
