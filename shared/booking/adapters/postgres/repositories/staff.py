"""Reads and writes of the staff dashboard's booking screens: search, the floor, the timeline,
and the record of what staff did and why."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from psycopg.types.json import Jsonb

from booking.adapters.postgres.repositories.base import BaseRepository
from booking.adapters.postgres.repositories.rows import booking_from_row
from booking.domain.models import Booking

Row = dict[str, Any]


@dataclass(frozen=True)
class BookingHit:
    """A booking with the names staff recognise it by."""

    booking: Booking
    member_name: str
    member_email: str
    member_phone: str | None
    resource_name: str


@dataclass(frozen=True)
class StaffAction:
    """Something staff did, who did it and why."""

    id: int
    actor: str
    action: str
    reason: str
    booking_id: UUID | None
    user_id: UUID | None
    location_id: UUID | None
    details: dict[str, Any]
    created_at: datetime


def like_pattern(fragment: str) -> str:
    """``%fragment%`` for LIKE, with the fragment's own wildcards escaped, lower-cased."""
    escaped = fragment.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _hit(row: Row) -> BookingHit:
    return BookingHit(
        booking=booking_from_row(row),
        member_name=row["member_name"],
        member_email=row["member_email"],
        member_phone=row["member_phone"],
        resource_name=row["resource_name"],
    )


def _action(row: Row) -> StaffAction:
    return StaffAction(
        id=row["id"],
        actor=row["actor"],
        action=row["action"],
        reason=row["reason"],
        booking_id=row["booking_id"],
        user_id=row["user_id"],
        location_id=row["location_id"],
        details=row["details"],
        created_at=row["created_at"],
    )


_HIT_FROM = (
    "SELECT b.*, u.name AS member_name, u.email AS member_email, u.phone AS member_phone,"
    " r.name AS resource_name FROM bookings b JOIN users u ON u.id = b.user_id"
    " JOIN resources r ON r.id = b.resource_id"
)
_HIT_SELECT = _HIT_FROM + " WHERE b.status NOT IN ('held', 'lapsed')"
# The floor also shows standing waitlist holds: staff see why a bay that looks free is not.
_FLOOR_SELECT = (
    _HIT_FROM + " WHERE b.status <> 'lapsed' AND (b.status <> 'held' OR b.hold_expires_at > %s)"
)


class StaffRepository(BaseRepository):
    """Staff queries on the unit of work's connection."""

    def search_bookings(
        self,
        *,
        location_ids: Sequence[UUID] | None,
        text: str | None,
        start: datetime | None,
        end: datetime | None,
        statuses: Sequence[str] | None,
        after: tuple[datetime, UUID] | None,
        limit: int,
    ) -> list[BookingHit]:
        """Bookings touching [start, end) whose member's name, e-mail or phone has ``text``.

        ``location_ids`` None means every location. Ordered by start, then id (the cursor).
        """
        digits = "".join(ch for ch in text or "" if ch.isdigit())
        rows: list[Row] = self._execute(
            _HIT_SELECT + " AND (%(locs)s::uuid[] IS NULL OR b.location_id = ANY(%(locs)s))"
            " AND (%(pat)s::text IS NULL OR lower(u.name) LIKE %(pat)s"
            "   OR lower(u.email) LIKE %(pat)s OR u.phone LIKE %(pat)s"
            "   OR (%(digits)s::text IS NOT NULL"
            "       AND regexp_replace(coalesce(u.phone, ''), '[^0-9]', '', 'g') LIKE %(digits)s))"
            " AND (%(start)s::timestamptz IS NULL OR b.ends_at > %(start)s)"
            " AND (%(end)s::timestamptz IS NULL OR b.starts_at < %(end)s)"
            " AND (%(st)s::text[] IS NULL OR b.status = ANY(%(st)s))"
            " AND (%(a_s)s::timestamptz IS NULL OR (b.starts_at, b.id) > (%(a_s)s, %(a_id)s))"
            " ORDER BY b.starts_at, b.id LIMIT %(lim)s",
            {
                "locs": list(location_ids) if location_ids is not None else None,
                "pat": like_pattern(text) if text else None,
                "digits": f"%{digits}%" if len(digits) >= 3 else None,
                "start": start,
                "end": end,
                "st": list(statuses) if statuses else None,
                "a_s": after[0] if after else None,
                "a_id": after[1] if after else None,
                "lim": limit,
            },
        ).fetchall()
        return [_hit(r) for r in rows]

    def bookings_on(
        self, location_id: UUID, start: datetime, end: datetime, now: datetime
    ) -> list[BookingHit]:
        """A location's bookings overlapping [start, end), cancelled ones and standing waitlist
        holds included."""
        rows: list[Row] = self._execute(
            _FLOOR_SELECT + " AND b.location_id = %s AND b.starts_at < %s AND b.ends_at > %s"
            " ORDER BY r.name, b.starts_at",
            (now, location_id, end, start),
        ).fetchall()
        return [_hit(r) for r in rows]

    def hit(self, booking_id: UUID) -> BookingHit | None:
        """One booking with its member's and bay's names."""
        row: Row | None = self._execute(_HIT_SELECT + " AND b.id = %s", (booking_id,)).fetchone()
        return _hit(row) if row else None

    # -- what staff did -----------------------------------------------------------------------

    def record_action(
        self,
        *,
        actor: str,
        action: str,
        reason: str = "",
        booking_id: UUID | None = None,
        user_id: UUID | None = None,
        location_id: UUID | None = None,
        details: dict[str, Any] | None = None,
    ) -> int:
        """Append a staff action; returns its id."""
        row = self._execute(
            "INSERT INTO staff_actions (actor, action, reason, booking_id, user_id, location_id,"
            " details) VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING id",
            (actor, action, reason, booking_id, user_id, location_id, Jsonb(details or {})),
        ).fetchone()
        assert row is not None
        return int(row["id"])

    def actions_for_booking(self, booking_id: UUID) -> list[StaffAction]:
        """Staff actions on one booking, oldest first."""
        rows: list[Row] = self._execute(
            "SELECT * FROM staff_actions WHERE booking_id = %s ORDER BY id", (booking_id,)
        ).fetchall()
        return [_action(r) for r in rows]

    # -- the booking's timeline -------------------------------------------------------------

    def events_for(self, aggregate_id: UUID) -> list[Row]:
        """The outbox rows of one booking (or bay), oldest first."""
        rows: list[Row] = self._execute(
            "SELECT event_id, detail_type, detail, created_at, published_at FROM outbox"
            " WHERE aggregate_id = %s ORDER BY id",
            (aggregate_id,),
        ).fetchall()
        return rows

    def access_for(self, booking_id: UUID) -> Row | None:
        """What the lifecycle recorded for the booking's door and PC."""
        row: Row | None = self._execute(
            "SELECT * FROM booking_access WHERE booking_id = %s", (booking_id,)
        ).fetchone()
        return row

    def alerts_for(self, booking_id: UUID) -> list[Row]:
        """Lifecycle steps of the booking that failed after their retries."""
        rows: list[Row] = self._execute(
            "SELECT * FROM lifecycle_alerts WHERE booking_id = %s ORDER BY id", (booking_id,)
        ).fetchall()
        return rows
