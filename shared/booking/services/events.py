"""Event rows written to the outbox in the same transaction as the change."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from booking.domain.models import Booking
from booking.domain.serialization import booking_to_dict
from booking.services.availability import forget
from booking.services.ports import UnitOfWork

SCHEMA_VERSION = 1

BOOKING_CREATED = "booking.created"
BOOKING_MODIFIED = "booking.modified"
BOOKING_CANCELLED = "booking.cancelled"
BOOKING_CHECKED_IN = "booking.checked_in"
BOOKING_NO_SHOW = "booking.no_show"
BOOKING_COMPLETED = "booking.completed"
WAITLIST_OFFERED = "waitlist.offered"
"""A freed slot is held for a member on the waitlist (the event's booking is the hold)."""
WAITLIST_LAPSED = "waitlist.lapsed"
"""A hold expired or was declined: the slot is free again, or held for the next in line."""


def _event_booking(booking: Booking) -> dict[str, Any]:
    """The booking as events carry it: without ``metadata``, the caller's free-form notes.

    Consumers read the booking from the API when they need those; keeping them out keeps
    every entry far below EventBridge's 256 KB limit and out of every subscriber's logs.
    """
    data = booking_to_dict(booking)
    data.pop("metadata", None)
    return data


def booking_event(
    uow: UnitOfWork,
    detail_type: str,
    booking: Booking,
    *,
    previous: Booking | None = None,
    extra: dict[str, Any] | None = None,
) -> uuid.UUID:
    """Write one booking event to the outbox and return its ``event_id``."""
    event_id = uuid.uuid4()
    detail: dict[str, Any] = {
        "event_id": str(event_id),
        "occurred_at": datetime.now(UTC).isoformat(),
        "version": SCHEMA_VERSION,
        "booking": _event_booking(booking),
    }
    if previous is not None:
        detail["previous"] = _event_booking(previous)
    if extra:
        detail.update(extra)
    # Every booking change passes here: offers computed from the old state are dropped.
    forget(booking.location_id)
    uow.outbox.add(
        event_id=event_id, aggregate_id=booking.id, detail_type=detail_type, detail=detail
    )
    return event_id
