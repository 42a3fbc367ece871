"""SQL for the booking lifecycle: door access and PC state per booking, and lifecycle alerts.

Reached through the unit of work (``uow.lifecycle``), sharing its transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from psycopg.types.json import Jsonb

from booking.adapters.postgres.repositories.base import BaseRepository, Row


@dataclass(frozen=True)
class AccessRecord:
    """What the lifecycle did for one booking so far."""

    booking_id: UUID
    execution_version: int | None
    execution_arn: str | None
    visitor_id: str | None
    door_ids: tuple[str, ...]
    window_start: datetime | None
    window_end: datetime | None
    granted_at: datetime | None
    revoked_at: datetime | None
    pc_device_id: str | None
    pc_setup_at: datetime | None
    pc_cleaned_at: datetime | None

    @property
    def access_open(self) -> bool:
        """A visitor exists on the door system and has not been deleted."""
        return self.visitor_id is not None and self.revoked_at is None

    @property
    def pc_needs_cleanup(self) -> bool:
        """The PC was prepared for the member and not cleaned up since."""
        return self.pc_setup_at is not None and self.pc_cleaned_at is None


@dataclass(frozen=True)
class Alert:
    """A lifecycle step that failed after its retries."""

    id: int
    booking_id: UUID | None
    version: int | None
    state: str
    error: str
    cause: str
    created_at: datetime


def _record(row: Row) -> AccessRecord:
    return AccessRecord(
        booking_id=row["booking_id"],
        execution_version=row["execution_version"],
        execution_arn=row["execution_arn"],
        visitor_id=row["visitor_id"],
        door_ids=tuple(row["door_ids"]),
        window_start=row["window_start"],
        window_end=row["window_end"],
        granted_at=row["granted_at"],
        revoked_at=row["revoked_at"],
        pc_device_id=row["pc_device_id"],
        pc_setup_at=row["pc_setup_at"],
        pc_cleaned_at=row["pc_cleaned_at"],
    )


class LifecycleRepository(BaseRepository):
    """Rows of ``booking_access`` and ``lifecycle_alerts`` on the unit of work's connection."""

    def _upsert(self, booking_id: UUID, assignments: str, params: dict[str, Any]) -> AccessRecord:
        # The row is created on first use; ON CONFLICT keeps concurrent first uses from failing.
        self._execute(
            "INSERT INTO booking_access (booking_id) VALUES (%s) ON CONFLICT DO NOTHING",
            (booking_id,),
        )
        row = self._one(
            f"UPDATE booking_access SET {assignments}, updated_at = now()"
            " WHERE booking_id = %(id)s RETURNING *",
            {"id": booking_id, **params},
        )
        assert row
        return _record(row)

    def get(self, booking_id: UUID, *, for_update: bool = False) -> AccessRecord | None:
        """The booking's record, if any step ran yet; ``for_update`` serialises steps."""
        lock = " FOR UPDATE" if for_update else ""
        row = self._one("SELECT * FROM booking_access WHERE booking_id = %s" + lock, (booking_id,))
        return _record(row) if row else None

    def claim_execution(self, booking_id: UUID, version: int, execution_arn: str) -> bool:
        """Record the execution for ``version`` unless a newer version already holds the booking.

        Returns False for an older (late, re-delivered) version, so its starter does nothing.
        """
        row = self._one(
            "INSERT INTO booking_access AS a (booking_id, execution_version, execution_arn)"
            " VALUES (%(id)s, %(v)s, %(arn)s) ON CONFLICT (booking_id) DO UPDATE"
            " SET execution_version = excluded.execution_version,"
            " execution_arn = excluded.execution_arn, updated_at = now()"
            " WHERE a.execution_version IS NULL"
            " OR a.execution_version <= excluded.execution_version"
            " RETURNING *",
            {"id": booking_id, "v": version, "arn": execution_arn},
        )
        return row is not None

    def record_grant(
        self,
        booking_id: UUID,
        *,
        visitor_id: str,
        door_ids: Sequence[str],
        window_start: datetime,
        window_end: datetime,
        at: datetime,
    ) -> AccessRecord:
        """A visitor now holds the booking's doors for the window (revocation cleared)."""
        return self._upsert(
            booking_id,
            "visitor_id = %(vid)s, door_ids = %(doors)s, window_start = %(ws)s,"
            " window_end = %(we)s, granted_at = %(at)s, revoked_at = NULL",
            {
                "vid": visitor_id,
                "doors": list(door_ids),
                "ws": window_start,
                "we": window_end,
                "at": at,
            },
        )

    def record_revoke(self, booking_id: UUID, at: datetime) -> AccessRecord:
        """The visitor was deleted from the door system."""
        return self._upsert(booking_id, "revoked_at = %(at)s", {"at": at})

    def record_setup(self, booking_id: UUID, device_id: str, at: datetime) -> AccessRecord:
        """The PC was powered on and prepared for the member (a later cleanup is due)."""
        return self._upsert(
            booking_id,
            "pc_device_id = %(dev)s, pc_setup_at = %(at)s, pc_cleaned_at = NULL",
            {"dev": device_id, "at": at},
        )

    def record_cleanup(self, booking_id: UUID, at: datetime) -> AccessRecord:
        """The PC's session was saved and reset."""
        return self._upsert(booking_id, "pc_cleaned_at = %(at)s", {"at": at})

    def add_alert(
        self,
        *,
        booking_id: UUID | None,
        version: int | None,
        state: str,
        error: str,
        cause: str,
    ) -> int:
        """Store a failed step for staff; returns the alert id."""
        row = self._one(
            "INSERT INTO lifecycle_alerts (booking_id, version, state, error, cause)"
            " VALUES (%s, %s, %s, %s, %s) RETURNING id",
            (booking_id, version, state, error, cause[:4000]),
        )
        assert row
        return int(row["id"])

    def open_alerts(self, booking_id: UUID | None = None) -> list[Alert]:
        """Unresolved alerts, oldest first (optionally of one booking)."""
        rows: list[Row] = self._execute(
            "SELECT * FROM lifecycle_alerts WHERE resolved_at IS NULL"
            " AND (%(b)s::uuid IS NULL OR booking_id = %(b)s) ORDER BY id",
            {"b": booking_id},
        ).fetchall()
        return [
            Alert(
                id=r["id"],
                booking_id=r["booking_id"],
                version=r["version"],
                state=r["state"],
                error=r["error"],
                cause=r["cause"],
                created_at=r["created_at"],
            )
            for r in rows
        ]

    def flag_booking(self, booking_id: UUID, flags: dict[str, Any]) -> None:
        """Merge ``flags`` into the booking's metadata (no version change: nothing was moved)."""
        self._execute(
            "UPDATE bookings SET metadata = metadata || %s, updated_at = now() WHERE id = %s",
            (Jsonb(flags), booking_id),
        )
