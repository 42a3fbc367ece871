"""JSON shapes of domain objects, shared by the API replies and the events."""

from __future__ import annotations

from typing import Any

from booking.domain.models import Booking, Location, Resource, User


def iso(value: Any) -> Any:
    """ISO 8601 for datetimes, str for UUIDs, everything else unchanged."""
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def booking_to_dict(b: Booking) -> dict[str, Any]:
    """The booking as clients and event consumers see it."""
    return {
        "id": str(b.id),
        "user_id": str(b.user_id),
        "resource_id": str(b.resource_id),
        "location_id": str(b.location_id),
        "start": iso(b.start),
        "end": iso(b.end),
        "party_size": b.party_size,
        "status": b.status.value,
        "version": b.version,
        "source": b.source.value,
        "credit_cost": b.credit_cost,
        "metadata": b.metadata,
        "created_at": iso(b.created_at),
        "updated_at": iso(b.updated_at),
        "checked_in_at": iso(b.checked_in_at),
        "cancelled_at": iso(b.cancelled_at),
    }


def resource_to_dict(r: Resource) -> dict[str, Any]:
    """A bay as clients see it."""
    return {
        "id": str(r.id),
        "location_id": str(r.location_id),
        "name": r.name,
        "type": r.type,
        "capacity": r.capacity,
        "buffer_minutes": r.buffer_minutes,
        "status": r.status.value,
        "unifi_door_ids": list(r.unifi_door_ids),
        "ninjaone_device_id": r.ninjaone_device_id,
    }


def location_to_dict(loc: Location, resources: list[Resource] | None = None) -> dict[str, Any]:
    """A location (with its bays when given) as clients see it."""
    out: dict[str, Any] = {
        "id": str(loc.id),
        "slug": loc.slug,
        "name": loc.name,
        "address": loc.address,
        "time_zone": loc.time_zone,
        "opening_hours": loc.opening_hours.to_json(),
        "settings": loc.settings.model_dump(mode="json"),
    }
    if resources is not None:
        out["resources"] = [resource_to_dict(r) for r in resources]
    return out


def user_to_dict(u: User) -> dict[str, Any]:
    """A member's profile."""
    return {
        "id": str(u.id),
        "email": u.email,
        "name": u.name,
        "phone": u.phone,
        "tier": u.tier,
        "tags": list(u.tags),
        "hubspot_id": u.hubspot_id,
        "preferences": u.preferences,
    }
