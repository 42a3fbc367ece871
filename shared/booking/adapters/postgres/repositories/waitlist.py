"""The waitlist: members queued for a bay, a bay type or any bay, and the holds offered to them.

A hold is a row of ``bookings`` (status ``held``) under the bookings' exclusion constraint, so
the hold's own SQL is here and the bookings' repository stays about bookings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

import psycopg

from booking.adapters.postgres.repositories.base import BaseRepository, Row
from booking.adapters.postgres.repositories.bookings import COLUMNS
from booking.adapters.postgres.repositories.rows import booking_from_row
from booking.domain.errors import TransientConflict
from booking.domain.models import Booking


@dataclass(frozen=True)
class WaitlistEntry:
    """One member's place in a club's queue, and the hold offered to them if any."""

    id: UUID
    position: int
    user_id: UUID
    location_id: UUID
    resource_id: UUID | None
    resource_type: str | None
    window_start: datetime
    window_end: datetime
    minutes: int
    party_size: int
    status: str
    hold_id: UUID | None
    offers: int
    created_at: datetime


@dataclass(frozen=True)
class WaitingMember:
    """An open entry as staff see it on the floor: who, for what, and any standing hold."""

    entry_id: UUID
    position: int
    user_id: UUID
    name: str
    email: str
    resource_id: UUID | None
    resource_type: str | None
    window_start: datetime
    window_end: datetime
    minutes: int
    party_size: int
    status: str
    hold_id: UUID | None
    hold_resource_id: UUID | None
    hold_expires_at: datetime | None


def _entry(row: Row) -> WaitlistEntry:
    return WaitlistEntry(
        id=row["id"],
        position=row["position"],
        user_id=row["user_id"],
        location_id=row["location_id"],
        resource_id=row["resource_id"],
        resource_type=row["resource_type"],
        window_start=row["window_start"],
        window_end=row["window_end"],
        minutes=row["minutes"],
        party_size=row["party_size"],
        status=row["status"],
        hold_id=row["hold_id"],
        offers=row["offers"],
        created_at=row["created_at"],
    )


_ENTRY_COLUMNS = (
    "id, position, user_id, location_id, resource_id, resource_type, window_start, window_end,"
    " minutes, party_size, status, hold_id, offers, created_at"
)


class WaitlistRepository(BaseRepository):
    """Waitlist entries and holds."""

    def add(
        self,
        *,
        user_id: UUID,
        location_id: UUID,
        resource_id: UUID | None,
        resource_type: str | None,
        window_start: datetime,
        window_end: datetime,
        minutes: int,
        party_size: int,
    ) -> WaitlistEntry:
        """Join the queue (at its end)."""
        row = self._one(
            "INSERT INTO waitlist_entries (user_id, location_id, resource_id, resource_type,"
            " window_start, window_end, minutes, party_size)"
            f" VALUES (%s, %s, %s, %s, %s, %s, %s, %s) RETURNING {_ENTRY_COLUMNS}",
            (
                user_id,
                location_id,
                resource_id,
                resource_type,
                window_start,
                window_end,
                minutes,
                party_size,
            ),
        )
        assert row
        return _entry(row)

    def get(self, entry_id: UUID, *, for_update: bool = False) -> WaitlistEntry | None:
        """One entry or None."""
        lock = " FOR UPDATE" if for_update else ""
        row = self._one(
            f"SELECT {_ENTRY_COLUMNS} FROM waitlist_entries WHERE id = %s" + lock, (entry_id,)
        )
        return _entry(row) if row else None

    def by_hold(self, hold_id: UUID) -> WaitlistEntry | None:
        """The entry a hold was offered to, locked."""
        row = self._one(
            f"SELECT {_ENTRY_COLUMNS} FROM waitlist_entries WHERE hold_id = %s FOR UPDATE",
            (hold_id,),
        )
        return _entry(row) if row else None

    def for_user(self, user_id: UUID, *, since: datetime, limit: int = 50) -> list[WaitlistEntry]:
        """A member's entries still waiting or offered, and those settled after ``since``."""
        rows = self._all(
            f"SELECT {_ENTRY_COLUMNS} FROM waitlist_entries WHERE user_id = %s"
            " AND (status IN ('waiting', 'offered') OR updated_at >= %s)"
            " ORDER BY window_start, position LIMIT %s",
            (user_id, since, limit),
        )
        return [_entry(r) for r in rows]

    def on_day(self, location_id: UUID, start: datetime, end: datetime) -> list[WaitingMember]:
        """A club's open entries whose window meets [start, end), in queue order, with the
        member's name and e-mail and the standing hold's expiry."""
        rows = self._all(
            "SELECT w.id, w.position, w.user_id, u.name, u.email, w.resource_id, w.resource_type,"
            " w.window_start, w.window_end, w.minutes, w.party_size, w.status, w.hold_id,"
            " h.hold_expires_at, h.resource_id AS hold_resource_id"
            " FROM waitlist_entries w JOIN users u ON u.id = w.user_id"
            " LEFT JOIN bookings h ON h.id = w.hold_id AND h.status = 'held'"
            " WHERE w.location_id = %s AND w.status IN ('waiting', 'offered')"
            " AND w.window_start < %s AND w.window_end > %s ORDER BY w.position",
            (location_id, end, start),
        )
        return [
            WaitingMember(
                entry_id=r["id"],
                position=r["position"],
                user_id=r["user_id"],
                name=r["name"],
                email=r["email"],
                resource_id=r["resource_id"],
                resource_type=r["resource_type"],
                window_start=r["window_start"],
                window_end=r["window_end"],
                minutes=r["minutes"],
                party_size=r["party_size"],
                status=r["status"],
                hold_id=r["hold_id"],
                hold_resource_id=r["hold_resource_id"],
                hold_expires_at=r["hold_expires_at"],
            )
            for r in rows
        ]

    def open_count(self, user_id: UUID) -> int:
        """How many entries the member has waiting or offered."""
        row = self._one(
            "SELECT count(*) AS n FROM waitlist_entries WHERE user_id = %s"
            " AND status IN ('waiting', 'offered')",
            (user_id,),
        )
        return int(row["n"]) if row else 0

    def same_window(
        self,
        user_id: UUID,
        location_id: UUID,
        resource_id: UUID | None,
        resource_type: str | None,
        window_start: datetime,
        window_end: datetime,
    ) -> WaitlistEntry | None:
        """The member's open entry for exactly this bay choice and window, if any."""
        row = self._one(
            f"SELECT {_ENTRY_COLUMNS} FROM waitlist_entries WHERE user_id = %s"
            " AND location_id = %s AND resource_id IS NOT DISTINCT FROM %s"
            " AND resource_type IS NOT DISTINCT FROM %s AND window_start = %s AND window_end = %s"
            " AND status IN ('waiting', 'offered') LIMIT 1",
            (user_id, location_id, resource_id, resource_type, window_start, window_end),
        )
        return _entry(row) if row else None

    def waiting_for(
        self,
        *,
        location_id: UUID,
        resource_id: UUID,
        resource_type: str,
        span_start: datetime,
        span_end: datetime,
        now: datetime,
    ) -> list[WaitlistEntry]:
        """Entries waiting for this bay whose window meets [span_start, span_end), in queue
        order, locked.

        ``FOR UPDATE`` without ``SKIP LOCKED`` is what keeps the queue order under concurrent
        offers: a second offerer waits on the first entry, then sees it ``offered`` and moves
        on, instead of skipping ahead to the second in line.
        """
        rows = self._all(
            f"SELECT {_ENTRY_COLUMNS} FROM waitlist_entries"
            " WHERE location_id = %(loc)s AND status = 'waiting'"
            " AND (resource_id = %(bay)s OR (resource_id IS NULL"
            "      AND (resource_type IS NULL OR resource_type = %(type)s)))"
            " AND window_start < %(span_end)s AND window_end > %(span_start)s"
            " AND greatest(window_start, %(span_start)s, %(now)s)"
            "     + make_interval(mins => minutes) <= window_end"
            " ORDER BY position FOR UPDATE",
            {
                "loc": location_id,
                "bay": resource_id,
                "type": resource_type,
                "span_start": span_start,
                "span_end": span_end,
                "now": now,
            },
        )
        return [_entry(r) for r in rows]

    def offered(self, entry_id: UUID, hold_id: UUID) -> None:
        """Mark the entry offered this hold."""
        self._execute(
            "UPDATE waitlist_entries SET status = 'offered', hold_id = %s, offers = offers + 1,"
            " updated_at = now() WHERE id = %s",
            (hold_id, entry_id),
        )

    def settle(self, entry_id: UUID, status: str) -> None:
        """Close an entry: ``booked``, ``left`` or ``lapsed``."""
        self._execute(
            "UPDATE waitlist_entries SET status = %s, updated_at = now() WHERE id = %s",
            (status, entry_id),
        )

    # ---- holds (rows of bookings with status 'held') ----

    def add_hold(
        self,
        *,
        user_id: UUID,
        resource_id: UUID,
        start: datetime,
        end: datetime,
        party_size: int,
        expires_at: datetime,
        entry_id: UUID,
    ) -> Booking | None:
        """Hold [start, end) on the bay for the member, or None when anything overlaps.

        ``ON CONFLICT DO NOTHING`` takes the exclusion constraint as its arbiter, so a taken
        slot is an empty answer rather than an error that would abort the caller's transaction
        (a cancellation offering its freed slot must still commit).
        """
        try:
            row = self._one(
                "INSERT INTO bookings (user_id, resource_id, location_id, starts_at, ends_at,"
                " party_size, status, hold_expires_at, metadata)"
                " SELECT %s, r.id, r.location_id, %s, %s, %s, 'held', %s,"
                " jsonb_build_object('waitlist_entry_id', %s::text)"
                " FROM resources r WHERE r.id = %s AND r.status = 'active'"
                " ON CONFLICT DO NOTHING RETURNING " + COLUMNS,
                (user_id, start, end, party_size, expires_at, entry_id, resource_id),
            )
        except (psycopg.errors.LockNotAvailable, psycopg.errors.QueryCanceled) as exc:
            raise TransientConflict(
                "another booking for this time is still being made; try again"
            ) from exc
        return booking_from_row(row) if row else None

    def lapse_expired(
        self,
        now: datetime,
        *,
        resource_id: UUID | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
        limit: int = 100,
    ) -> list[Booking]:
        """Lapse holds whose expiry has passed (on one bay and span when given); the lapsed
        rows. ``SKIP LOCKED``: a hold being accepted or lapsed elsewhere is theirs to settle."""
        rows = self._all(
            "UPDATE bookings SET status = 'lapsed', version = version + 1, updated_at = now()"
            " WHERE id IN (SELECT id FROM bookings WHERE status = 'held'"
            "   AND hold_expires_at <= %(now)s"
            "   AND (%(bay)s::uuid IS NULL OR resource_id = %(bay)s)"
            "   AND (%(s)s::timestamptz IS NULL OR blocked && tstzrange(%(s)s, %(e)s, '[)'))"
            "   ORDER BY hold_expires_at LIMIT %(lim)s FOR UPDATE SKIP LOCKED)"
            " RETURNING " + COLUMNS,
            {"now": now, "bay": resource_id, "s": start, "e": end, "lim": limit},
        )
        return [booking_from_row(r) for r in rows]

    def holds(self, hold_ids: list[UUID]) -> dict[UUID, Booking]:
        """The holds (or what became of them) with these ids, by id, in one read."""
        if not hold_ids:
            return {}
        rows = self._all("SELECT " + COLUMNS + " FROM bookings WHERE id = ANY(%s)", (hold_ids,))
        return {r["id"]: booking_from_row(r) for r in rows}

    def lapse(self, hold_id: UUID) -> Booking | None:
        """Lapse one standing hold (declined); None when it is no longer held."""
        row = self._one(
            "UPDATE bookings SET status = 'lapsed', version = version + 1, updated_at = now()"
            " WHERE id = %s AND status = 'held' RETURNING " + COLUMNS,
            (hold_id,),
        )
        return booking_from_row(row) if row else None

    def confirm_hold(
        self, hold_id: UUID, *, user_id: UUID, credit_cost: int, now: datetime
    ) -> Booking | None:
        """Turn the member's unexpired hold into a confirmed booking, in one statement; None
        when it has expired or is not theirs."""
        row = self._one(
            "UPDATE bookings SET status = 'confirmed', credit_cost = %s, version = version + 1,"
            " updated_at = now(), created_at = now()"
            " WHERE id = %s AND user_id = %s AND status = 'held' AND hold_expires_at > %s"
            " RETURNING " + COLUMNS,
            (credit_cost, hold_id, user_id, now),
        )
        return booking_from_row(row) if row else None
