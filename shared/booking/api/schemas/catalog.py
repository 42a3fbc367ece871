"""The catalog routes' models: locations, resources and blackouts."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import AwareDatetime, Field, StringConstraints

from booking.api.schemas.common import _In, _Model, _Paged


class BlackoutList(_Paged):
    """A page of blackouts, by start."""

    blackouts: list[dict[str, Any]]


class LocationBody(_In):
    """A location to create."""

    slug: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)
    name: str = Field(min_length=1, max_length=200)
    address: str = ""
    time_zone: str
    opening_hours: dict[str, list[list[str]]]
    settings: dict[str, Any] = Field(default_factory=dict)


class ResourceBody(_In):
    """A resource to create."""

    location_id: UUID
    name: str = Field(min_length=1, max_length=100)
    type: str = Field("simulator", pattern=r"^[a-z][a-z_]*$")
    capacity: int = Field(4, ge=1, le=100)
    buffer_minutes: int = Field(0, ge=0, le=240)
    # Door ids travel inside signed passes (1..255 bytes each); 64 characters fit any id.
    unifi_door_ids: list[Annotated[str, StringConstraints(min_length=1, max_length=64)]] = Field(
        default_factory=list, max_length=16
    )
    ninjaone_device_id: str | None = Field(None, min_length=1, max_length=128)


class ResourceStatusBody(_In):
    """Change a resource's status."""

    status: Literal["active", "maintenance", "unhealthy"]


class BlackoutBody(_In):
    """A blackout to create."""

    location_id: UUID | None = None
    resource_id: UUID | None = None
    start: AwareDatetime
    end: AwareDatetime
    reason: str = Field("", max_length=500)


class ResourceOut(_Model):
    """A bay (or other resource)."""

    id: UUID
    location_id: UUID
    name: str
    type: str
    capacity: int
    buffer_minutes: int
    status: str
    unifi_door_ids: list[str]
    ninjaone_device_id: str | None = None


class LocationOut(_Model):
    """A location; ``resources`` when listed with its bays."""

    id: UUID
    slug: str
    name: str
    address: str
    time_zone: str = Field(description="IANA zone, e.g. America/Toronto")
    opening_hours: dict[str, Any]
    settings: dict[str, Any]
    resources: list[ResourceOut] | None = None


class LocationList(_Paged):
    """``GET /locations``: a page of locations (with their resources), by name."""

    locations: list[LocationOut]


# The staff dashboard's catalog routes.


class LocationPatchBody(_In):
    """A location's editable fields; those left out keep their value."""

    name: str | None = Field(None, min_length=1, max_length=200)
    address: str | None = Field(None, max_length=500)
    opening_hours: dict[str, list[list[str]]] | None = None
    settings: dict[str, Any] | None = None


class ResourcePatchBody(_In):
    """A bay's editable fields; those left out keep their value."""

    name: str | None = Field(None, min_length=1, max_length=100)
    type: str | None = Field(None, pattern=r"^[a-z][a-z_]*$", max_length=50)
    capacity: int | None = Field(None, ge=1, le=100)
    buffer_minutes: int | None = Field(None, ge=0, le=240)
    status: Literal["active", "maintenance", "unhealthy"] | None = None
