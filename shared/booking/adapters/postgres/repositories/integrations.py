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

    # -- HubSpot credit grants --------------------------------------------------------------

    def hubspot_granted_total(self, user_id: UUID) -> int:
        """HubSpot's running grant total already in the ledger; locks the member's row so two
        syncs of the same contact apply a grant once."""
        self._execute("SELECT 1 FROM users WHERE id = %s FOR UPDATE", (user_id,))
        row = self._execute(
            "SELECT coalesce(max(granted_total), 0) AS total FROM hubspot_credit_grants"
            " WHERE user_id = %s",
            (user_id,),
        ).fetchone()
        assert row is not None
        return int(row["total"])

    def record_hubspot_grant(
        self, user_id: UUID, granted_total: int, delta: int, contact_id: str
    ) -> bool:
        """One ledger grant of ``delta`` bringing HubSpot's total to ``granted_total``; False if
        that total was already granted."""
        row = self._execute(
            "WITH ledger AS ("
            "  INSERT INTO credit_ledger (user_id, delta, reason, note)"
            "  SELECT %(user)s, %(delta)s, 'grant', %(note)s"
            "  WHERE NOT EXISTS (SELECT 1 FROM hubspot_credit_grants"
            "                    WHERE user_id = %(user)s AND granted_total = %(total)s)"
            "  RETURNING id)"
            " INSERT INTO hubspot_credit_grants"
            "  (user_id, granted_total, delta, ledger_id, contact_id)"
            " SELECT %(user)s, %(total)s, %(delta)s, id, %(contact)s FROM ledger"
            " RETURNING granted_total",
            {
                "user": user_id,
                "delta": delta,
                "total": granted_total,
                "contact": contact_id,
                "note": f"hubspot grant to total {granted_total}",
            },
        ).fetchone()
        return row is not None

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
            " FROM bookings WHERE user_id = %s AND status NOT IN ('held', 'lapsed')",
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
            "   WHERE b.user_id = u.id AND b.status NOT IN ('cancelled', 'held', 'lapsed'))"
            " last ON true"
            " LEFT JOIN marketing_triggers t ON t.user_id = u.id AND t.trigger = 'win.back'"
            " WHERE last.starts_at IS NOT NULL AND last.starts_at < %s"
            "   AND (t.fired_at IS NULL OR t.fired_at < last.starts_at)"
            " ORDER BY u.id LIMIT %s",
            (booked_before, limit),
        ).fetchall()
        return [dict(r) for r in rows]

    # -- door check-in ----------------------------------------------------------------------

    def booking_at_door(self, door_id: str, actor_id: str | None, now: datetime) -> UUID | None:
        """The confirmed or checked-in booking an unlock at ``door_id`` proves presence for.

        An actor identifies the booking only as the visitor the lifecycle created for it; an
        actor who is someone else (a cleaner, staff, another member) checks nobody in. Only an
        unlock without any actor falls back to the door's one booking in its window, and only
        at a bay's own door: a door listed on several bays is a shared entrance, where an unlock
        says nothing about whose booking it is. The window opens ``access_before_minutes`` (the
        location's setting, default 15) before the start, as the door grant does.
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
            return UUID(str(row["id"])) if row else None
        shared = self._execute(
            "SELECT count(*) AS n FROM resources WHERE %s = ANY(unifi_door_ids)", (door_id,)
        ).fetchone()
        if shared is None or int(shared["n"]) != 1:
            return None
        rows = self._execute(
            "SELECT b.id FROM bookings b JOIN resources r ON r.id = b.resource_id"
            " JOIN locations l ON l.id = b.location_id"
            " WHERE %s = ANY(r.unifi_door_ids) AND b.status IN ('confirmed', 'checked_in')"
            f"   AND b.starts_at - {_OPENS_BEFORE} <= %s AND %s < b.ends_at"
            " LIMIT 2",
            (door_id, now, now),
        ).fetchall()
        return UUID(str(rows[0]["id"])) if len(rows) == 1 else None

    def release_event(self, consumer: str, event_id: UUID) -> None:
        """Forget a claim (its processing failed, so the sender's retry must run it again)."""
        self._execute(
            "DELETE FROM processed_events WHERE consumer = %s AND event_id = %s",
            (consumer, event_id),
        )
