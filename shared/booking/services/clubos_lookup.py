"""ClubOS's door question: which booking does the customer with this phone have right now?

ClubOS V3 decides "unlock the door" from a customer's booking found by phone: the row it reads
has ``user_phone``, ``status``, ``start_time``, ``duration`` (minutes), ``location`` (the name)
and ``bay_id`` (``bay-3``), and it takes the earliest booking starting between 30 minutes ago and
24 hours ahead. The platform answers the same question from its own bookings, in that shape:
the earliest confirmed or checked-in booking that has not ended and starts within 24 hours.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from booking.domain.clubos_names import clubos_bay_name, clubos_location_name
from booking.domain.errors import InvalidRequest, NotFound
from booking.services.clubos import CustomerRef, resolve_customer
from booking.services.ports import UnitOfWork

HORIZON = timedelta(hours=24)
ACTIVE = ("confirmed", "checked_in")


def active_booking_by_phone(phone: str, uow: UnitOfWork, now: datetime) -> dict[str, Any]:
    """The customer's active booking in ClubOS's shape; ``NotFound`` when there is none."""
    if not any(ch.isdigit() for ch in phone):
        raise InvalidRequest("phone must contain digits", code="INVALID_PHONE")
    user = resolve_customer(CustomerRef(phone=phone), uow)
    with uow:
        upcoming = uow.bookings.for_user(user.id, since=now, statuses=ACTIVE, limit=20)
        booking = next((b for b in upcoming if b.start <= now + HORIZON), None)
        if booking is None:
            raise NotFound("this customer has no active booking", code="NO_ACTIVE_BOOKING")
        location = uow.locations.get(booking.location_id)
        resource = uow.resources.get(booking.resource_id)
    assert location is not None and resource is not None
    return {
        "booking_id": str(booking.id),
        "user_phone": user.phone,
        "status": booking.status.value,
        "start_time": booking.start.isoformat(),
        "end_time": booking.end.isoformat(),
        "duration": int((booking.end - booking.start).total_seconds() // 60),
        "location": clubos_location_name(location),
        "bay_id": clubos_bay_name(location, resource),
    }
