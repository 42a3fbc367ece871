"""Blackout periods of a location or one of its bays."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from booking.adapters.postgres.repositories.base import BaseRepository
from booking.adapters.postgres.repositories.rows import blackout_from_row
from booking.domain.models import (
    Blackout,
)


class BlackoutRepository(BaseRepository):
    """Blackout periods."""

    def add(
        self,
        *,
        location_id: UUID | None,
        resource_id: UUID | None,
        start: datetime,
        end: datetime,
        reason: str,
    ) -> Blackout:
        """Insert a blackout for a location or one resource."""
        row = self._one(
            "INSERT INTO blackouts (location_id, resource_id, period, reason)"
            " VALUES (%s, %s, tstzrange(%s, %s, '[)'), %s) RETURNING *",
            (location_id, resource_id, start, end, reason),
        )
        assert row
        return blackout_from_row(row)

    def overlapping(self, location_id: UUID, start: datetime, end: datetime) -> list[Blackout]:
        """Blackouts of the location or any of its resources overlapping [start, end)."""
        rows = self._all(
            "SELECT b.* FROM blackouts b LEFT JOIN resources r ON r.id = b.resource_id"
            " WHERE (b.location_id = %s OR r.location_id = %s)"
            " AND b.period && tstzrange(%s, %s, '[)') ORDER BY lower(b.period)",
            (location_id, location_id, start, end),
        )
        return [blackout_from_row(r) for r in rows]

    def list(self, location_id: UUID | None = None) -> list[Blackout]:
        """All blackouts (of one location and its resources when given)."""
        rows = self._all(
            "SELECT b.* FROM blackouts b LEFT JOIN resources r ON r.id = b.resource_id"
            " WHERE %(l)s::uuid IS NULL OR b.location_id = %(l)s OR r.location_id = %(l)s"
            " ORDER BY lower(b.period)",
            {"l": location_id},
        )
        return [blackout_from_row(r) for r in rows]

    def delete(self, blackout_id: UUID) -> bool:
        """Delete a blackout; False when it did not exist."""
        return (
            self._one("DELETE FROM blackouts WHERE id = %s RETURNING id", (blackout_id,))
            is not None
        )
