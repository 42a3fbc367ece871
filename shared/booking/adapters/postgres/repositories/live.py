"""SQL for live updates: the WebSocket connection registry and each connection's subscriptions.

Reached through the unit of work as ``uow.live``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from booking.adapters.postgres.repositories.base import BaseRepository


@dataclass(frozen=True)
class LiveConnection:
    """A WebSocket connection API Gateway holds open, and who opened it."""

    connection_id: str
    role: str
    subject: str
    user_id: UUID | None
    location_ids: frozenset[UUID]
    connected_at: datetime
    expires_at: datetime
    all_locations: bool = False


def _connection(row: dict[str, Any]) -> LiveConnection:
    return LiveConnection(
        connection_id=str(row["connection_id"]),
        role=str(row["role"]),
        subject=str(row["subject"]),
        user_id=row["user_id"],
        location_ids=frozenset(row["location_ids"] or ()),
        connected_at=row["connected_at"],
        expires_at=row["expires_at"],
        all_locations=bool(row["all_locations"]),
    )


class LiveConnectionRepository(BaseRepository):
    """Connections and subscriptions, keyed by API Gateway's connection id."""

    def add(self, c: LiveConnection) -> None:
        """Register a connection (a repeated $connect of the same id replaces the row)."""
        self._execute(
            """INSERT INTO live_connections
                   (connection_id, role, subject, user_id, location_ids, all_locations,
                    connected_at, expires_at)
               VALUES (%s, %s, %s, %s, %s, %s, %s, %s)
               ON CONFLICT (connection_id) DO UPDATE SET
                   role = EXCLUDED.role, subject = EXCLUDED.subject, user_id = EXCLUDED.user_id,
                   location_ids = EXCLUDED.location_ids,
                   all_locations = EXCLUDED.all_locations, connected_at = EXCLUDED.connected_at,
                   expires_at = EXCLUDED.expires_at""",
            (
                c.connection_id,
                c.role,
                c.subject,
                c.user_id,
                sorted(c.location_ids, key=str),
                c.all_locations,
                c.connected_at,
                c.expires_at,
            ),
        )

    def get(self, connection_id: str) -> LiveConnection | None:
        """The connection, or None when it is not registered (or was removed)."""
        row = self._execute(
            "SELECT * FROM live_connections WHERE connection_id = %s", (connection_id,)
        ).fetchone()
        return _connection(row) if row else None

    def remove(self, connection_ids: Iterable[str]) -> int:
        """Delete connections (their subscriptions go with them); returns how many existed."""
        ids = list(connection_ids)
        if not ids:
            return 0
        cur = self._execute("DELETE FROM live_connections WHERE connection_id = ANY(%s)", (ids,))
        return cur.rowcount

    def subscribe(self, connection_id: str, location_id: UUID, day: date) -> None:
        """Follow a location's day (idempotent)."""
        self._execute(
            """INSERT INTO live_subscriptions (connection_id, location_id, day)
               VALUES (%s, %s, %s) ON CONFLICT DO NOTHING""",
            (connection_id, location_id, day),
        )

    def unsubscribe(self, connection_id: str, location_id: UUID | None, day: date | None) -> int:
        """Stop following one location's day, or everything when both are None."""
        if location_id is None:
            cur = self._execute(
                "DELETE FROM live_subscriptions WHERE connection_id = %s", (connection_id,)
            )
        else:
            cur = self._execute(
                """DELETE FROM live_subscriptions
                   WHERE connection_id = %s AND location_id = %s AND day = %s""",
                (connection_id, location_id, day),
            )
        return cur.rowcount

    def subscription_count(self, connection_id: str) -> int:
        """How many (location, day) pairs the connection follows."""
        row = self._execute(
            "SELECT count(*) AS n FROM live_subscriptions WHERE connection_id = %s",
            (connection_id,),
        ).fetchone()
        return int(row["n"]) if row else 0

    def subscribers(self, location_id: UUID, days: Iterable[date]) -> list[LiveConnection]:
        """The connections following ``location_id`` on any of ``days`` (each once)."""
        rows = self._execute(
            """SELECT DISTINCT c.*
                 FROM live_subscriptions s
                 JOIN live_connections c USING (connection_id)
                WHERE s.location_id = %s AND s.day = ANY(%s)
                ORDER BY c.connection_id""",
            (location_id, list(days)),
        ).fetchall()
        return [_connection(r) for r in rows]

    def purge_connected_before(self, cutoff: datetime) -> int:
        """Forget connections older than ``cutoff`` (API Gateway closes them after 2 hours)."""
        cur = self._execute("DELETE FROM live_connections WHERE connected_at < %s", (cutoff,))
        return cur.rowcount
