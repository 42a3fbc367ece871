"""Operations reads: the outbox's backlog, failed lifecycle steps, bays' device health."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from booking.adapters.postgres.repositories.base import BaseRepository

Row = dict[str, Any]


class OperationsRepository(BaseRepository):
    """Health figures on the unit of work's connection."""

    def outbox(self, now: datetime) -> Row:
        """Pending events, the oldest one's age, those that failed to publish, the last publish."""
        row: Row | None = self._execute(
            "SELECT"
            " (SELECT count(*) FROM outbox WHERE published_at IS NULL) AS pending,"
            " (SELECT extract(epoch FROM %(now)s - min(created_at)) FROM outbox"
            "   WHERE published_at IS NULL) AS oldest_pending_seconds,"
            " (SELECT count(*) FROM outbox WHERE published_at IS NULL AND attempts > 0) AS failing,"
            " (SELECT max(published_at) FROM outbox) AS last_published_at,"
            " (SELECT last_error FROM outbox WHERE published_at IS NULL AND last_error IS NOT NULL"
            "   ORDER BY id DESC LIMIT 1) AS last_error",
            {"now": now},
        ).fetchone()
        assert row is not None
        return row

    def failed_lifecycle(self, location_ids: Sequence[UUID] | None, limit: int = 100) -> list[Row]:
        """Unresolved failed lifecycle steps at the given locations (None: all), newest first."""
        rows: list[Row] = self._execute(
            "SELECT a.id, a.booking_id, a.version, a.state, a.error, a.cause, a.created_at,"
            " b.location_id, b.starts_at, r.name AS resource_name"
            " FROM lifecycle_alerts a LEFT JOIN bookings b ON b.id = a.booking_id"
            " LEFT JOIN resources r ON r.id = b.resource_id"
            " WHERE a.resolved_at IS NULL"
            " AND (%(locs)s::uuid[] IS NULL OR b.location_id = ANY(%(locs)s))"
            " ORDER BY a.id DESC LIMIT %(lim)s",
            {"locs": list(location_ids) if location_ids is not None else None, "lim": limit},
        ).fetchall()
        return rows

    def device_health(self, location_ids: Sequence[UUID] | None) -> list[Row]:
        """Each bay's status, its PC, the last unhealthy report and the last cleanup."""
        rows: list[Row] = self._execute(
            "SELECT r.id, r.location_id, l.name AS location_name, r.name, r.type, r.status,"
            " r.ninjaone_device_id,"
            " (SELECT jsonb_build_object('at', o.created_at, 'reason', o.detail->>'reason')"
            "   FROM outbox o WHERE o.aggregate_id = r.id AND o.detail_type = 'device.unhealthy'"
            "   ORDER BY o.id DESC LIMIT 1) AS last_unhealthy,"
            " (SELECT max(a.pc_cleaned_at) FROM booking_access a JOIN bookings b"
            "   ON b.id = a.booking_id WHERE b.resource_id = r.id) AS last_cleanup_at"
            " FROM resources r JOIN locations l ON l.id = r.location_id"
            " WHERE (%(locs)s::uuid[] IS NULL OR r.location_id = ANY(%(locs)s))"
            " ORDER BY l.name, r.name",
            {"locs": list(location_ids) if location_ids is not None else None},
        ).fetchall()
        return rows

    def state(self, key: str) -> Row | None:
        """An integration state value and when it was written."""
        row: Row | None = self._execute(
            "SELECT value, updated_at FROM integration_state WHERE key = %s", (key,)
        ).fetchone()
        return row
