"""Dashboard edits of the catalog: a location's opening hours and refund policy (admins), a
bay's status, turnover buffer and type (staff of its location, admins)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from pydantic import ValidationError

from booking.domain.actors import Actor, Role
from booking.domain.errors import InvalidRequest, NotFound
from booking.domain.models import Location, Resource
from booking.domain.opening_hours import OpeningHours
from booking.domain.settings import LocationSettings
from booking.services.ports import UnitOfWork
from booking.services.waitlist_offers import bay_back_in_service


@dataclass(frozen=True)
class UpdateLocation:
    """Fields left None keep their value; ``settings`` is merged key by key."""

    location_id: UUID
    name: str | None = None
    address: str | None = None
    opening_hours: dict[str, list[list[str]]] | None = None
    settings: dict[str, Any] | None = None


@dataclass(frozen=True)
class UpdateResource:
    """Fields left None keep their value."""

    resource_id: UUID
    name: str | None = None
    type: str | None = None
    capacity: int | None = None
    buffer_minutes: int | None = None
    status: str | None = None


def update_location(cmd: UpdateLocation, uow: UnitOfWork, actor: Actor) -> Location:
    """Change a location's name, hours (wall clock in its zone) or settings (admin)."""
    actor.require(Role.ADMIN)
    with uow:
        current = uow.locations.get(cmd.location_id)
        if current is None:
            raise NotFound(f"location {cmd.location_id} not found", code="LOCATION_NOT_FOUND")
        hours = (
            OpeningHours.from_json(cmd.opening_hours)
            if cmd.opening_hours is not None
            else current.opening_hours
        )
        merged = {**current.settings.model_dump(mode="json"), **(cmd.settings or {})}
        try:
            settings = LocationSettings.from_json(merged)
        except ValidationError as exc:
            raise InvalidRequest(
                "invalid settings",
                code="INVALID_SETTINGS",
                details={"errors": exc.errors(include_url=False, include_context=False)},
            ) from exc
        updated = uow.catalog_admin.update_location(
            cmd.location_id,
            name=cmd.name if cmd.name is not None else current.name,
            address=cmd.address if cmd.address is not None else current.address,
            opening_hours=hours,
            settings=settings,
        )
        uow.commit()
    assert updated is not None
    return updated


def update_resource(cmd: UpdateResource, uow: UnitOfWork, actor: Actor) -> Resource:
    """Change a bay's name, type, capacity, buffer or status (staff of its location, admin)."""
    actor.require(Role.ADMIN, Role.STAFF)
    with uow:
        current = uow.resources.get(cmd.resource_id)
        if current is None or not actor.can_see_location(current.location_id):
            raise NotFound(f"resource {cmd.resource_id} not found", code="RESOURCE_NOT_FOUND")
        updated = uow.catalog_admin.update_resource(
            cmd.resource_id,
            name=cmd.name if cmd.name is not None else current.name,
            type=cmd.type if cmd.type is not None else current.type,
            capacity=cmd.capacity if cmd.capacity is not None else current.capacity,
            buffer_minutes=(
                cmd.buffer_minutes if cmd.buffer_minutes is not None else current.buffer_minutes
            ),
            status=cmd.status if cmd.status is not None else current.status.value,
        )
        if cmd.status == "active" and current.status.value != "active":
            bay_back_in_service(uow, current.id, datetime.now(UTC))
        uow.commit()
    assert updated is not None
    return updated


def require_blackout_location(
    uow: UnitOfWork,
    actor: Actor,
    *,
    location_id: UUID | None = None,
    resource_id: UUID | None = None,
    blackout_id: UUID | None = None,
) -> None:
    """Staff may manage blackouts of their own locations only (call inside ``with uow``)."""
    if actor.role is Role.ADMIN:
        return
    actor.require(Role.ADMIN, Role.STAFF)
    target = location_id
    if resource_id is not None:
        resource = uow.resources.get(resource_id)
        target = resource.location_id if resource else None
    if blackout_id is not None:
        target = uow.catalog_admin.blackout_location(blackout_id)
    if target is not None and not actor.can_see_location(target):
        raise NotFound("not found at your locations", code="NOT_FOUND")
