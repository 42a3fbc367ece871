"""Locations and their bays (resources)."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

import psycopg
from psycopg.types.json import Jsonb

from booking.adapters.postgres.repositories.base import BaseRepository
from booking.adapters.postgres.repositories.rows import (
    cached_bays,
    cached_location,
    location_from_row,
    resource_from_row,
)
from booking.domain.errors import Conflict
from booking.domain.models import (
    Location,
    Resource,
    ResourceStatus,
)
from booking.domain.opening_hours import OpeningHours
from booking.domain.settings import LocationSettings


class LocationRepository(BaseRepository):
    """Locations."""

    def get(self, location_id: UUID) -> Location | None:
        """One location or None."""
        row = self._one("SELECT * FROM locations WHERE id = %s", (location_id,))
        return location_from_row(row) if row else None

    def with_bays(
        self, location_id: UUID, resource_type: str | None = None
    ) -> tuple[Location, list[Resource]] | None:
        """A location and its bays (of one type when given) by name, in one round trip; None
        when there is no such location. Both are parsed once per distinct row text."""
        row = self._one(
            "SELECT to_jsonb(l)::text AS l, (SELECT coalesce(jsonb_agg(to_jsonb(r)"
            "   ORDER BY r.name), '[]')::text FROM resources r WHERE r.location_id = l.id"
            "   AND (%(type)s::text IS NULL OR r.type = %(type)s)) AS bays"
            " FROM locations l WHERE l.id = %(loc)s",
            {"loc": location_id, "type": resource_type},
        )
        if row is None:
            return None
        return cached_location(row["l"]), list(cached_bays(row["bays"]))

    def list(self) -> list[Location]:
        """All locations by name."""
        return [location_from_row(r) for r in self._all("SELECT * FROM locations ORDER BY name")]

    def add(
        self,
        *,
        slug: str,
        name: str,
        address: str,
        time_zone: str,
        opening_hours: OpeningHours,
        settings: LocationSettings,
    ) -> Location:
        """Insert a location."""
        row = self._one(
            "INSERT INTO locations (slug, name, address, time_zone, opening_hours, settings)"
            " VALUES (%s, %s, %s, %s, %s, %s) RETURNING *",
            (
                slug,
                name,
                address,
                time_zone,
                Jsonb(opening_hours.to_json()),
                Jsonb(settings.model_dump(mode="json")),
            ),
        )
        assert row
        return location_from_row(row)


class ResourceRepository(BaseRepository):
    """Bays and other resources."""

    def get(self, resource_id: UUID) -> Resource | None:
        """One resource or None."""
        row = self._one("SELECT * FROM resources WHERE id = %s", (resource_id,))
        return resource_from_row(row) if row else None

    def list(
        self, location_id: UUID | None = None, resource_type: str | None = None
    ) -> list[Resource]:
        """Resources, optionally of one location and type, by name."""
        rows = self._all(
            "SELECT * FROM resources WHERE (%(loc)s::uuid IS NULL OR location_id = %(loc)s)"
            " AND (%(type)s::text IS NULL OR type = %(type)s) ORDER BY location_id, name",
            {"loc": location_id, "type": resource_type},
        )
        return [resource_from_row(r) for r in rows]

    def add(
        self,
        *,
        location_id: UUID,
        name: str,
        type: str,
        capacity: int,
        buffer_minutes: int,
        unifi_door_ids: Sequence[str] = (),
        ninjaone_device_id: str | None = None,
        status: str = "active",
    ) -> Resource:
        """Insert a resource; a name its location already uses is ``RESOURCE_NAME_TAKEN``."""
        try:
            row = self._one(
                "INSERT INTO resources (location_id, name, type, capacity, buffer_minutes,"
                " unifi_door_ids, ninjaone_device_id, status) VALUES (%s,%s,%s,%s,%s,%s,%s,%s)"
                " RETURNING *",
                (
                    location_id,
                    name,
                    type,
                    capacity,
                    buffer_minutes,
                    list(unifi_door_ids),
                    ninjaone_device_id,
                    status,
                ),
            )
        except psycopg.errors.UniqueViolation as exc:
            raise Conflict(
                f"this location already has a resource named {name!r}",
                code="RESOURCE_NAME_TAKEN",
            ) from exc
        assert row
        return resource_from_row(row)

    def set_status(self, resource_id: UUID, status: ResourceStatus) -> Resource | None:
        """Change a bay's status (active / maintenance / unhealthy)."""
        row = self._one(
            "UPDATE resources SET status = %s, updated_at = now() WHERE id = %s RETURNING *",
            (status.value, resource_id),
        )
        return resource_from_row(row) if row else None
