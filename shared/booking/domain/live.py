"""Live updates: which days a booking event touches, and what each subscriber may be told.

Pure functions over the booking as events carry it (``booking_to_dict``): no I/O here.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

MESSAGE_TYPE = "slots.changed"
MAX_SUBSCRIPTIONS = 16
"""Days a connection may follow at once (a grid shows one, a week view seven)."""
SUBSCRIBE_DAYS_BACK = 1
SUBSCRIBE_DAYS_AHEAD = 400
"""Days outside today - 1 .. today + 400 in the location's zone are refused (nobody books there)."""


def local_days(start: datetime, end: datetime, time_zone: str) -> set[date]:
    """The wall-clock days in ``time_zone`` that ``[start, end)`` overlaps."""
    tz = ZoneInfo(time_zone)
    first = start.astimezone(tz).date()
    last = (end - timedelta(microseconds=1)).astimezone(tz).date() if end > start else first
    days = {first}
    day = first
    while day < last:
        day += timedelta(days=1)
        days.add(day)
    return days


def days_touched(detail: dict[str, Any], time_zone: str) -> set[date]:
    """The location's days whose slots a booking event changes (both sides of a move)."""
    days: set[date] = set()
    for key in ("booking", "previous"):
        b = detail.get(key)
        if isinstance(b, dict) and b.get("start") and b.get("end"):
            days |= local_days(
                datetime.fromisoformat(b["start"]), datetime.fromisoformat(b["end"]), time_zone
            )
    return days


def _slot(b: dict[str, Any]) -> dict[str, Any]:
    return {
        "resource_id": b["resource_id"],
        "start": b["start"],
        "end": b["end"],
        "status": b["status"],
    }


def slot_change(detail_type: str, detail: dict[str, Any], days: set[date]) -> dict[str, Any]:
    """The message every subscriber may see: which bay and times changed, not whose booking."""
    booking = detail["booking"]
    previous = detail.get("previous")
    return {
        "type": MESSAGE_TYPE,
        "event": detail_type,
        "event_id": detail.get("event_id"),
        "location_id": booking["location_id"],
        "days": sorted(d.isoformat() for d in days),
        "slot": _slot(booking),
        "previous": _slot(previous) if isinstance(previous, dict) else None,
    }


def message_for(
    base: dict[str, Any],
    detail: dict[str, Any],
    *,
    role: str,
    user_id: UUID | None,
    location_ids: frozenset[UUID],
    all_locations: bool = False,
) -> dict[str, Any]:
    """``base`` plus the booking's id and version for those who may see the booking itself.

    Staff, kiosks and admins of the location, and the member whose booking it is, get the id
    (the staff floor and "my bookings" update that row); other members only see the slot.
    """
    booking = detail["booking"]
    location = UUID(booking["location_id"])
    own = user_id is not None and str(user_id) == booking.get("user_id")
    privileged = role in ("admin", "service")
    serves = role in ("staff", "kiosk") and (all_locations or location in location_ids)
    if not (own or privileged or serves):
        return base
    return {
        **base,
        "booking": {
            "id": booking["id"],
            "version": booking.get("version"),
            "status": booking["status"],
            "checked_in_at": booking.get("checked_in_at"),
        },
    }
