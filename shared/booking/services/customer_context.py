"""What ClubOS needs to know about a customer: bookings, no-shows, credits, preferences.

Preferences are derived from the member's own bookings (cancelled ones excluded, no-shows
excluded too: a missed booking says little about what the member likes): the location and bay
they book most, and their usual local start time, weekday and length. Ties go to the most
recent booking, so a member who changed habits is followed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Mapping, Sequence
from datetime import datetime
from typing import Any, TypeVar
from uuid import UUID
from zoneinfo import ZoneInfo

from booking.domain.models import Booking, BookingStatus, Location, Resource, User
from booking.domain.serialization import booking_to_dict, user_to_dict
from booking.services.ports import UnitOfWork

HISTORY_FOR_PREFERENCES = 50
NO_SHOW_SCAN_LIMIT = 1000
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_IGNORED = frozenset({BookingStatus.CANCELLED, BookingStatus.NO_SHOW})

K = TypeVar("K", bound=Hashable)


def _day_part(hour: int) -> str:
    if 6 <= hour < 12:
        return "morning"
    if 12 <= hour < 17:
        return "afternoon"
    if 17 <= hour < 22:
        return "evening"
    return "night"


def _most_common(items: Sequence[Booking], key: Callable[[Booking], K]) -> tuple[K, int] | None:
    """The most frequent key; on a tie, the one booked most recently."""
    if not items:
        return None
    counts = Counter(key(b) for b in items)
    latest: dict[K, datetime] = {}
    for b in items:
        k = key(b)
        if k not in latest or b.start > latest[k]:
            latest[k] = b.start
    best = max(counts, key=lambda k: (counts[k], latest[k]))
    return best, counts[best]


def derive_preferences(
    bookings: Sequence[Booking], zones: Mapping[UUID, ZoneInfo]
) -> dict[str, Any]:
    """Favourite location, bay, local start time, weekday and length from ``bookings``.

    ``zones`` gives each location's time zone (times are read on the location's wall clock).
    Returns an empty dict when there is nothing to go on.
    """
    kept = [b for b in bookings if b.status not in _IGNORED]
    if not kept:
        return {}

    def local(b: Booking) -> datetime:
        return b.start.astimezone(zones.get(b.location_id, ZoneInfo("UTC")))

    location = _most_common(kept, lambda b: b.location_id)
    assert location is not None
    at_favourite = [b for b in kept if b.location_id == location[0]]
    bay = _most_common(at_favourite, lambda b: b.resource_id)
    clock = _most_common(kept, lambda b: local(b).strftime("%H:%M"))
    weekday = _most_common(kept, lambda b: local(b).weekday())
    duration = _most_common(kept, lambda b: b.duration_minutes)
    assert bay and clock and weekday and duration
    return {
        "location_id": str(location[0]),
        "resource_id": str(bay[0]),
        "time": clock[0],
        "day_part": _day_part(int(clock[0][:2])),
        "weekday": WEEKDAY_NAMES[weekday[0]],
        "duration_minutes": duration[0],
        "based_on_bookings": len(kept),
    }


def load_preferences(
    uow: UnitOfWork, user_id: UUID, *, now: datetime
) -> tuple[dict[str, Any], dict[UUID, Location], dict[UUID, Resource]]:
    """Preferences from the member's recent and upcoming bookings, with the places they name.

    Must be called inside an open unit of work.
    """
    past = uow.bookings.history_for_user(user_id, before=now, limit=HISTORY_FOR_PREFERENCES)
    upcoming = uow.bookings.for_user(user_id, since=now, statuses=("confirmed", "checked_in"))
    seen = {b.id for b in past}
    bookings = past + [b for b in upcoming if b.id not in seen]
    locations: dict[UUID, Location] = {}
    for location_id in {b.location_id for b in bookings}:
        loc = uow.locations.get(location_id)
        if loc is not None:
            locations[loc.id] = loc
    zones = {loc.id: ZoneInfo(loc.time_zone) for loc in locations.values()}
    prefs = derive_preferences(bookings, zones)
    resources: dict[UUID, Resource] = {}
    if prefs:
        loc = locations.get(UUID(prefs["location_id"]))
        prefs["location_name"] = loc.name if loc else None
        bay = uow.resources.get(UUID(prefs["resource_id"]))
        if bay is not None:
            resources[bay.id] = bay
        prefs["resource_name"] = bay.name if bay else None
    return prefs, locations, resources


def _with_names(
    b: Booking, locations: dict[UUID, Location], resources: dict[UUID, Resource]
) -> dict[str, Any]:
    out = booking_to_dict(b)
    loc = locations.get(b.location_id)
    res = resources.get(b.resource_id)
    out["location_name"] = loc.name if loc else None
    out["resource_name"] = res.name if res else None
    if loc is not None:
        tz = ZoneInfo(loc.time_zone)
        out["local_start"] = b.start.astimezone(tz).isoformat()
        out["local_end"] = b.end.astimezone(tz).isoformat()
    return out


def customer_context(
    user: User, uow: UnitOfWork, *, now: datetime, recent_limit: int = 10
) -> dict[str, Any]:
    """``GET /clubos/context``: profile, upcoming and recent bookings, no-shows, credits and
    preferences derived from history (plus any the member stored explicitly)."""
    with uow:
        upcoming = uow.bookings.for_user(user.id, since=now, statuses=("confirmed", "checked_in"))
        recent = uow.bookings.history_for_user(user.id, before=now, limit=recent_limit)
        no_shows = uow.bookings.for_user(user.id, statuses=("no_show",), limit=NO_SHOW_SCAN_LIMIT)
        credits = uow.credits.balance(user.id)
        prefs, locations, resources = load_preferences(uow, user.id, now=now)
        for b in [*upcoming, *recent]:
            if b.location_id not in locations:
                loc = uow.locations.get(b.location_id)
                if loc is not None:
                    locations[loc.id] = loc
            if b.resource_id not in resources:
                res = uow.resources.get(b.resource_id)
                if res is not None:
                    resources[res.id] = res
    return {
        "customer": user_to_dict(user),
        "credits": credits,
        "upcoming_bookings": [_with_names(b, locations, resources) for b in upcoming],
        "recent_bookings": [_with_names(b, locations, resources) for b in recent],
        "no_show_count": len(no_shows),
        "preferences": prefs,
        "stored_preferences": user.preferences,
    }
