"""How ClubOS V3 names our places and events.

ClubOS keys a booking by the customer's phone and names the place by the location's name and the
bay as `bay-<n>`; our events name them by UUID. Each location may set its own ClubOS names in its
settings (`clubos_location`, `clubos_bays`: resource id -> ClubOS bay name); otherwise the
location's name and `bay-<number>` (the number from the bay's metadata or the digits ending its
name) are used.
"""

from __future__ import annotations

import re

from booking.domain.models import Location, Resource

_BAY_NUMBER = re.compile(r"(\d+)\s*$")
_SLUG = re.compile(r"[^a-z0-9]+")

# Our detail-types whose ClubOS name differs (ClubOS's plan calls the no-show `no.show`).
EVENT_NAMES: dict[str, str] = {"booking.no_show": "no.show"}


def clubos_event_name(detail_type: str) -> str:
    """The name ClubOS knows an event by."""
    return EVENT_NAMES.get(detail_type, detail_type)


def bay_number(resource: Resource) -> int | None:
    """A bay's number: ``metadata.number`` or the digits ending its name ("Bay 3")."""
    raw = resource.metadata.get("number") if resource.metadata else None
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    match = _BAY_NUMBER.search(resource.name)
    return int(match[1]) if match else None


def clubos_location_name(location: Location) -> str:
    """The location as ClubOS names it."""
    return location.settings.clubos_location or location.name


def clubos_bay_name(location: Location, resource: Resource) -> str:
    """The bay as ClubOS names it (`bay-3`)."""
    mapped = location.settings.clubos_bays.get(str(resource.id))
    if mapped:
        return mapped
    number = bay_number(resource)
    if number is not None:
        return f"bay-{number}"
    return _SLUG.sub("-", resource.name.lower()).strip("-") or str(resource.id)
