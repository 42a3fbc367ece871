"""Catalog use cases: locations, resources (bays) and blackouts. Admins write, everyone reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import ValidationError

from booking.domain.actors import Actor, Role
from booking.domain.errors import InvalidRequest, NotFound
from booking.domain.models import Blackout, Location, Resource, ResourceStatus
from booking.domain.opening_hours import OpeningHours
from booking.domain.pagination import Page, PageRequest, fingerprint, paginate, parse_instant
from booking.domain.settings import LocationSettings
from booking.services.catalog_admin import require_blackout_location
from booking.services.ports import UnitOfWork
from booking.services.waitlist_offers import bay_back_in_service


@dataclass(frozen=True)
class CreateLocation:
    """A new club."""

    slug: str
    name: str
    time_zone: str
    opening_hours: dict[str, list[list[str]]]
    address: str = ""
    settings: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CreateResource:
    """A new bay (or other resource) at a location."""

    location_id: UUID
    name: str
    type: str = "simulator"
    capacity: int = 4
    buffer_minutes: int = 0
    unifi_door_ids: tuple[str, ...] = ()
    ninjaone_device_id: str | None = None


def validate_time_zone(name: str) -> ZoneInfo:
    """The zone for an IANA name, or ``InvalidRequest``."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidRequest(f"unknown time zone {name!r}", code="INVALID_TIME_ZONE") from exc


def create_location(cmd: CreateLocation, uow: UnitOfWork, actor: Actor) -> Location:
    """Add a location (admin)."""
    actor.require(Role.ADMIN)
    validate_time_zone(cmd.time_zone)
    hours = OpeningHours.from_json(cmd.opening_hours)
    try:
        settings = LocationSettings.from_json(cmd.settings)
    except ValidationError as exc:
        raise InvalidRequest(
            "invalid settings",
            code="INVALID_SETTINGS",
            details={"errors": exc.errors(include_url=False, include_context=False)},
        ) from exc
    with uow:
        location = uow.locations.add(
            slug=cmd.slug,
            name=cmd.name,
            address=cmd.address,
            time_zone=cmd.time_zone,
            opening_hours=hours,
            settings=settings,
        )
        uow.commit()
    return location


def _location_order(entry: tuple[Location, list[Resource]]) -> tuple[str, str]:
    return (entry[0].name, str(entry[0].id))


def list_locations(
    uow: UnitOfWork, page: PageRequest | None = None
) -> Page[tuple[Location, list[Resource]]]:
    """Locations by name with their resources, a page at a time."""
    with uow:
        locations = uow.locations.list()
        resources = uow.resources.list()
    by_location: dict[UUID, list[Resource]] = {}
    for r in resources:
        by_location.setdefault(r.location_id, []).append(r)
    entries = sorted(((loc, by_location.get(loc.id, [])) for loc in locations), key=_location_order)
    return paginate(
        entries,
        page or PageRequest(),
        kind="locations",
        query=fingerprint(),
        key=_location_order,
        parse=lambda a: (a[0], a[1]),
        arity=2,
    )


def get_location(location_id: UUID, uow: UnitOfWork) -> tuple[Location, list[Resource]]:
    """One location with its resources."""
    with uow:
        location = uow.locations.get(location_id)
        if location is None:
            raise NotFound(f"location {location_id} not found", code="LOCATION_NOT_FOUND")
        return location, uow.resources.list(location_id)


def create_resource(cmd: CreateResource, uow: UnitOfWork, actor: Actor) -> Resource:
    """Add a resource to a location (admin)."""
    actor.require(Role.ADMIN)
    with uow:
        if uow.locations.get(cmd.location_id) is None:
            raise NotFound(f"location {cmd.location_id} not found", code="LOCATION_NOT_FOUND")
        resource = uow.resources.add(
            location_id=cmd.location_id,
            name=cmd.name,
            type=cmd.type,
            capacity=cmd.capacity,
            buffer_minutes=cmd.buffer_minutes,
            unifi_door_ids=cmd.unifi_door_ids,
            ninjaone_device_id=cmd.ninjaone_device_id,
        )
        uow.commit()
    return resource


def set_resource_status(
    resource_id: UUID, status: ResourceStatus, uow: UnitOfWork, actor: Actor
) -> Resource:
    """Take a bay out of service or bring it back (staff of its location, admin, service)."""
    actor.require(Role.ADMIN, Role.STAFF, Role.SERVICE)
    with uow:
        current = uow.resources.get(resource_id)
        if current is None or not actor.can_see_location(current.location_id):
            raise NotFound(f"resource {resource_id} not found", code="RESOURCE_NOT_FOUND")
        updated = uow.resources.set_status(resource_id, status)
        if status is ResourceStatus.ACTIVE and current.status is not ResourceStatus.ACTIVE:
            bay_back_in_service(uow, resource_id, datetime.now(UTC))
        uow.commit()
    assert updated is not None
    return updated


def add_blackout(
    uow: UnitOfWork,
    actor: Actor,
    *,
    start: datetime,
    end: datetime,
    reason: str,
    location_id: UUID | None = None,
    resource_id: UUID | None = None,
) -> Blackout:
    """Block a location or one resource for a period (admin, or staff of that location)."""
    actor.require(Role.ADMIN, Role.STAFF)
    if (location_id is None) == (resource_id is None):
        raise InvalidRequest(
            "give exactly one of location_id and resource_id", code="BLACKOUT_TARGET"
        )
    if end <= start:
        raise InvalidRequest("end must be after start", code="END_BEFORE_START")
    with uow:
        require_blackout_location(uow, actor, location_id=location_id, resource_id=resource_id)
        if location_id is not None and uow.locations.get(location_id) is None:
            raise NotFound(f"location {location_id} not found", code="LOCATION_NOT_FOUND")
        if resource_id is not None and uow.resources.get(resource_id) is None:
            raise NotFound(f"resource {resource_id} not found", code="RESOURCE_NOT_FOUND")
        blackout = uow.blackouts.add(
            location_id=location_id, resource_id=resource_id, start=start, end=end, reason=reason
        )
        uow.commit()
    return blackout


def _blackout_order(b: Blackout) -> tuple[datetime, str]:
    return (b.start, str(b.id))


def list_blackouts(
    uow: UnitOfWork, location_id: UUID | None = None, page: PageRequest | None = None
) -> Page[Blackout]:
    """Blackouts by start, of one location and its resources when given, a page at a time."""
    with uow:
        blackouts = sorted(uow.blackouts.list(location_id), key=_blackout_order)
    return paginate(
        blackouts,
        page or PageRequest(),
        kind="blackouts",
        query=fingerprint(location_id),
        key=_blackout_order,
        parse=lambda a: (parse_instant(a[0]), a[1]),
        arity=2,
    )


def delete_blackout(blackout_id: UUID, uow: UnitOfWork, actor: Actor) -> None:
    """Remove a blackout (admin, or staff of its location)."""
    actor.require(Role.ADMIN, Role.STAFF)
    with uow:
        require_blackout_location(uow, actor, blackout_id=blackout_id)
        if not uow.blackouts.delete(blackout_id):
            raise NotFound(f"blackout {blackout_id} not found", code="BLACKOUT_NOT_FOUND")
        uow.commit()


def blackout_to_dict(b: Blackout) -> dict[str, Any]:
    """A blackout as clients see it."""
    return {
        "id": str(b.id),
        "location_id": str(b.location_id) if b.location_id else None,
        "resource_id": str(b.resource_id) if b.resource_id else None,
        "start": b.start.isoformat(),
        "end": b.end.isoformat(),
        "reason": b.reason,
    }
