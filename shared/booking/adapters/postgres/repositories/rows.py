"""Rows of the core tables mapped to domain objects."""

from __future__ import annotations

import functools
import json
from datetime import datetime
from typing import Any
from uuid import UUID

from psycopg.types.range import Range

from booking.adapters.postgres.repositories.base import Row
from booking.domain.models import (
    Blackout,
    Booking,
    BookingStatus,
    Location,
    Resource,
    ResourceStatus,
    Source,
    User,
)
from booking.domain.opening_hours import OpeningHours
from booking.domain.rules import Rule, parse_action
from booking.domain.settings import LocationSettings


def location_from_row(row: Row) -> Location:
    return Location(
        id=row["id"],
        slug=row["slug"],
        name=row["name"],
        address=row["address"],
        time_zone=row["time_zone"],
        opening_hours=OpeningHours.from_json(row["opening_hours"]),
        settings=LocationSettings.from_json(row["settings"]),
    )


def resource_from_row(row: Row) -> Resource:
    return Resource(
        id=row["id"],
        location_id=row["location_id"],
        name=row["name"],
        type=row["type"],
        capacity=row["capacity"],
        buffer_minutes=row["buffer_minutes"],
        status=ResourceStatus(row["status"]),
        unifi_door_ids=tuple(row["unifi_door_ids"]),
        ninjaone_device_id=row["ninjaone_device_id"],
        metadata=row["metadata"],
    )


def user_from_row(row: Row) -> User:
    return User(
        id=row["id"],
        email=row["email"],
        name=row["name"],
        tier=row["tier"],
        tags=tuple(row["tags"]),
        hubspot_id=row["hubspot_id"],
        phone=row["phone"],
        preferences=row["preferences"],
    )


def booking_from_row(row: Row) -> Booking:
    return Booking(
        id=row["id"],
        user_id=row["user_id"],
        resource_id=row["resource_id"],
        location_id=row["location_id"],
        start=row["starts_at"],
        end=row["ends_at"],
        party_size=row["party_size"],
        status=BookingStatus(row["status"]),
        version=row["version"],
        source=Source(row["source"]),
        credit_cost=row["credit_cost"],
        metadata=row["metadata"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        checked_in_at=row["checked_in_at"],
        cancelled_at=row["cancelled_at"],
        refund_cap_percent=row.get("refund_cap_percent", 100),
        hold_expires_at=row.get("hold_expires_at"),
    )


def rule_from_row(row: Row) -> Rule:
    return Rule(
        id=row["id"],
        name=row["name"],
        scope=row["scope"],
        scope_ref=row["scope_ref"],
        condition=row["condition"],
        action=parse_action(row["action"]),
        priority=row["priority"],
        active=row["active"],
        description=row["description"],
    )


def blackout_from_row(row: Row) -> Blackout:
    period: Range[datetime] = row["period"]
    assert period.lower is not None and period.upper is not None
    return Blackout(
        id=row["id"],
        location_id=row["location_id"],
        resource_id=row["resource_id"],
        start=period.lower,
        end=period.upper,
        reason=row["reason"],
    )


def uuid_fields(data: dict[str, Any], *names: str) -> dict[str, Any]:
    """JSON rows carry UUIDs as text; the domain wants UUIDs."""
    return {**data, **{n: UUID(data[n]) for n in names if data.get(n) is not None}}


@functools.lru_cache(maxsize=256)
def cached_location(row_json: str) -> Location:
    """A location from its row as JSON text, parsed once per distinct row.

    Every column is in the text, so an edited location is a new key; ``Location`` is frozen,
    so one instance may serve every request. A create parsed the opening hours and settings
    on every request before.
    """
    return location_from_row(uuid_fields(json.loads(row_json), "id"))


@functools.lru_cache(maxsize=1024)
def cached_resource(row_json: str) -> Resource:
    """A bay from its row as JSON text, parsed once per distinct row (as ``cached_location``)."""
    return resource_from_row(uuid_fields(json.loads(row_json), "id", "location_id"))


@functools.lru_cache(maxsize=256)
def cached_bays(rows_json: str) -> tuple[Resource, ...]:
    """Bays from a JSON array of their rows, parsed once per distinct array (as
    ``cached_location``)."""
    return tuple(
        resource_from_row(uuid_fields(r, "id", "location_id")) for r in json.loads(rows_json)
    )
