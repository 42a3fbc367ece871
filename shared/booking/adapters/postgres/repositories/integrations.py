"""Queries of the integrations: processed events, sync watermark, trigger state, member stats."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from psycopg.types.json import Jsonb

from booking.adapters.postgres.repositories.base import BaseRepository

# The door window's opening before the start: the location's setting (default 15 minutes).
_OPENS_BEFORE = "make_interval(mins => coalesce((l.settings->>'access_before_minutes')::int, 15))"


@dataclass(frozen=True)
class BookingStats:
    """A member's booking history as HubSpot sees it."""

    booking_count: int
    no_show_count: int
    last_booking_at: datetime | None
    recent_count: int


class IntegrationsRepository(BaseRepository):
    """Integration state in the caller's transaction."""

    # -- idempotency ------------------------------------------------------------------------

    def claim_event(self, consumer: str, event_id: UUID) -> bool:
        """Mark the event processed by ``consumer``; False if that is already recorded.

        The row stays uncommitted until the caller commits, so a concurrent duplicate waits on
        the key and then finds it (or takes over if the first one rolled back).
        """
        row = self._execute(
            "INSERT INTO processed_events (consumer, event_id) VALUES (%s, %s)"
            " ON CONFLICT DO NOTHING RETURNING event_id",
            (consumer, event_id),
        ).fetchone()
        return row is not None

    def processed_count(self, consumer: str, event_id: UUID) -> int:
        """How many times the event is recorded for the consumer (0 or 1)."""
        row = self._execute(
            "SELECT count(*) AS n FROM processed_events WHERE consumer = %s AND event_id = %s",
            (consumer, event_id),
        ).fetchone()
        assert row is not None
        return int(row["n"])

    def purge_processed_events(self, before: datetime) -> int:
        """Forget consumers' marks recorded before ``before``; return how many."""
        return self._execute(
            "DELETE FROM processed_events WHERE processed_at < %s", (before,)
        ).rowcount

    # -- key/value state --------------------------------------------------------------------

    def get_state(self, key: str, *, for_update: bool = False) -> Any:
        """A stored value, or None."""
        lock = " FOR UPDATE" if for_update else ""
        row = self._execute(
            "SELECT value FROM integration_state WHERE key = %s" + lock,
            (key,),
        ).fetchone()
        return row["value"] if row else None

    def set_state(self, key: str, value: Any) -> None:
        """Store a value."""
        self._execute(
            "INSERT INTO integration_state (key, value) VALUES (%s, %s)"
            " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()",
            (key, Jsonb(value)),
        )

    # -- marketing triggers -----------------------------------------------------------------

    def trigger_fired_at(self, user_id: UUID, trigger: str) -> datetime | None:
        """When the trigger last fired for the member (row locked for the transaction)."""
        row = self._execute(
            "SELECT fired_at FROM marketing_triggers WHERE user_id = %s AND trigger = %s"
            " FOR UPDATE",
            (user_id, trigger),
        ).fetchone()
        return row["fired_at"] if row else None

    def record_trigger(self, user_id: UUID, trigger: str, at: datetime) -> None:
        """Remember that the trigger fired."""
        self._execute(
            "INSERT INTO marketing_triggers (user_id, trigger, fired_at) VALUES (%s, %s, %s)"
            " ON CONFLICT (user_id, trigger) DO UPDATE SET fired_at = EXCLUDED.fired_at",
            (user_id, trigger, at),
        )

    def booking_stats(self, user_id: UUID, recent_since: datetime) -> BookingStats:
        """Counts over the member's bookings (cancelled ones excluded from the counts)."""
        row = self._execute(
            "SELECT count(*) FILTER (WHERE status <> 'cancelled') AS booking_count,"
            " count(*) FILTER (WHERE status = 'no_show') AS no_show_count,"
            " max(created_at) FILTER (WHERE status <> 'cancelled') AS last_booking_at,"
            " count(*) FILTER (WHERE status <> 'cancelled' AND created_at >= %s) AS recent"
            " FROM bookings WHERE user_id = %s",
            (recent_since, user_id),
        ).fetchone()
        assert row is not None
        return BookingStats(
            booking_count=int(row["booking_count"]),
            no_show_count=int(row["no_show_count"]),
            last_booking_at=row["last_booking_at"],
            recent_count=int(row["recent"]),
        )

    def lapsed_members(self, booked_before: datetime, limit: int = 1000) -> list[dict[str, Any]]:
        """Members whose latest booking started before ``booked_before`` and who have not been
        sent win.back since that booking (one win.back per lapse)."""
        rows = self._execute(
            "SELECT u.id, u.email, u.hubspot_id, last.starts_at AS last_start"
            " FROM users u"
            " JOIN LATERAL (SELECT max(b.starts_at) AS starts_at FROM bookings b"
            "   WHERE b.user_id = u.id AND b.status <> 'cancelled') last ON true"
            " LEFT JOIN marketing_triggers t ON t.user_id = u.id AND t.trigger = 'win.back'"
            " WHERE last.starts_at IS NOT NULL AND last.starts_at < %s"
            "   AND (t.fired_at IS NULL OR t.fired_at < last.starts_at)"
            " ORDER BY u.id LIMIT %s",
            (booked_before, limit),
        ).fetchall()
        return [dict(r) for r in rows]

    # -- door check-in ----------------------------------------------------------------------

    def booking_at_door(self, door_id: str, actor_id: str | None, now: datetime) -> UUID | None:
        """The confirmed or checked-in booking whose door window is open at ``door_id``.

        The visitor the lifecycle created for a booking identifies it exactly; otherwise the
        door's only booking in its window is taken (a bay door opened during its one booking).
        The window opens ``access_before_minutes`` (the location's setting, default 15) before
        the start, as the door grant and the check-in rule do.
        """
        if actor_id:
            row = self._execute(
                "SELECT b.id FROM bookings b JOIN booking_access a ON a.booking_id = b.id"
                " JOIN locations l ON l.id = b.location_id"
                " WHERE a.visitor_id = %s AND b.status IN ('confirmed', 'checked_in')"
                f"   AND b.starts_at - {_OPENS_BEFORE} <= %s AND %s < b.ends_at"
                " ORDER BY b.starts_at LIMIT 1",
                (actor_id, now, now),
            ).fetchone()
            if row:
                return UUID(str(row["id"]))
        rows = self._execute(
            "SELECT b.id FROM bookings b JOIN resources r ON r.id = b.resource_id"
            " JOIN locations l ON l.id = b.location_id"
            " WHERE %s = ANY(r.unifi_door_ids) AND b.status IN ('confirmed', 'checked_in')"
            f"   AND b.starts_at - {_OPENS_BEFORE} <= %s AND %s < b.ends_at"
            " LIMIT 2",
            (door_id, now, now),
        ).fetchall()
        return UUID(str(rows[0]["id"])) if len(rows) == 1 else None
