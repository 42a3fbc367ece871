"""Catalog edits of the dashboard: a location's hours and policies, a bay's settings."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import psycopg
from psycopg.types.json import Jsonb

from booking.adapters.postgres.repositories.base import BaseRepository
from booking.adapters.postgres.repositories.rows import location_from_row, resource_from_row
from booking.domain.errors import Conflict
from booking.domain.models import Location, Resource
from booking.domain.opening_hours import OpeningHours
from booking.domain.settings import LocationSettings

Row = dict[str, Any]


class CatalogAdminRepository(BaseRepository):
    """Updates of locations and bays on the unit of work's connection."""

    def update_location(
        self,
        location_id: UUID,
        *,
        name: str,
        address: str,
        opening_hours: OpeningHours,
        settings: LocationSettings,
    ) -> Location | None:
        """Replace a location's editable fields."""
        row: Row | None = self._execute(
            "UPDATE locations SET name = %s, address = %s, opening_hours = %s, settings = %s,"
            " updated_at = now() WHERE id = %s RETURNING *",
            (
                name,
                address,
                Jsonb(opening_hours.to_json()),
                Jsonb(settings.model_dump(mode="json")),
                location_id,
            ),
        ).fetchone()
        return location_from_row(row) if row else None

    def update_resource(
        self,
        resource_id: UUID,
        *,
        name: str,
        type: str,
        capacity: int,
        buffer_minutes: int,
        status: str,
    ) -> Resource | None:
        """Replace a bay's editable fields (the blocked ranges of later bookings keep theirs)."""
        try:
            row: Row | None = self._execute(
                "UPDATE resources SET name = %s, type = %s, capacity = %s, buffer_minutes = %s,"
                " status = %s, updated_at = now() WHERE id = %s RETURNING *",
                (name, type, capacity, buffer_minutes, status, resource_id),
            ).fetchone()
        except psycopg.errors.UniqueViolation as exc:
            raise Conflict(
                f"the location already has a bay named {name!r}", code="RESOURCE_NAME_TAKEN"
            ) from exc
        return resource_from_row(row) if row else None

    def blackout_location(self, blackout_id: UUID) -> UUID | None:
        """The location a blackout belongs to (directly or through its bay); None if unknown."""
        row: Row | None = self._execute(
            "SELECT coalesce(b.location_id, r.location_id) AS location_id FROM blackouts b"
            " LEFT JOIN resources r ON r.id = b.resource_id WHERE b.id = %s",
            (blackout_id,),
        ).fetchone()
        return row["location_id"] if row else None
