"""Bookings; the exclusion constraint on the table is what settles overlaps."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

import psycopg
from psycopg.rows import tuple_row
from psycopg.types.json import Jsonb

from booking.adapters.postgres.repositories.base import BaseRepository
from booking.adapters.postgres.repositories.rows import booking_from_row
from booking.domain.availability import BlockedSeconds
from booking.domain.errors import Conflict, SlotTaken, TransientConflict
from booking.domain.models import (
    Booking,
    BookingStatus,
)

BOOKED = "status NOT IN ('held', 'lapsed')"
"""Bookings proper: waitlist holds (``held``, ``lapsed``) are rows of the table but not bookings
a member made, so lists, searches, reports and counts leave them out."""

BLOCKING = (
    "(status IN ('confirmed', 'checked_in')"
    " OR (status = 'held' AND hold_expires_at > coalesce(%s::timestamptz, now())))"
)
"""What keeps a bay from being booked: active bookings, and holds until they expire (an expired
hold still sits under the exclusion constraint until it is lapsed, but it is offered as free)."""


COLUMNS = (
    "id, user_id, resource_id, location_id, starts_at, ends_at, party_size, status, version,"
    " source, credit_cost, metadata, created_at, updated_at, checked_in_at, cancelled_at,"
    " refund_cap_percent, hold_expires_at"
)
"""The columns a ``Booking`` is built from. ``SELECT *`` also brought ``blocked`` (a range,
slow to parse in Python and never read) and the idempotency columns."""


class BookingRepository(BaseRepository):
    """Bookings; the exclusion constraint on the table is what settles overlaps."""

    def get(self, booking_id: UUID, *, for_update: bool = False) -> Booking | None:
        """One booking or None."""
        lock = " FOR UPDATE" if for_update else ""
        row = self._one("SELECT " + COLUMNS + " FROM bookings WHERE id = %s" + lock, (booking_id,))
        return booking_from_row(row) if row else None

    def add(
        self,
        *,
        user_id: UUID,
        resource_id: UUID,
        start: datetime,
        end: datetime,
        party_size: int,
        source: str,
        credit_cost: int,
        metadata: dict[str, Any],
        idempotency_key: str | None = None,
        idempotency_request: str | None = None,
    ) -> Booking:
        """Insert a confirmed booking; an overlap (SQLSTATE 23P01) raises ``SlotTaken``.

        A key taken by a concurrent create (another member booked by the same caller with
        the same key) raises ``Conflict`` ``IDEMPOTENCY_IN_PROGRESS``.
        """
        try:
            row = self._one(
                "INSERT INTO bookings (user_id, resource_id, location_id, starts_at, ends_at,"
                " party_size, source, credit_cost, metadata, idempotency_key,"
                " idempotency_request)"
                " SELECT %s, r.id, r.location_id, %s, %s, %s, %s, %s, %s, %s, %s"
                " FROM resources r WHERE r.id = %s RETURNING " + COLUMNS,
                (
                    user_id,
                    start,
                    end,
                    party_size,
                    source,
                    credit_cost,
                    Jsonb(metadata),
                    idempotency_key,
                    idempotency_request,
                    resource_id,
                ),
            )
        except psycopg.errors.ExclusionViolation as exc:
            raise SlotTaken() from exc
        except (psycopg.errors.LockNotAvailable, psycopg.errors.QueryCanceled) as exc:
            # The exclusion check waited on overlapping bookings still being written past
            # lock_timeout (one wait) or statement_timeout (several waits in a row): once those
            # settle, running again gives the true answer.
            raise TransientConflict(
                "another booking for this time is still being made; try again"
            ) from exc
        except psycopg.errors.UniqueViolation as exc:
            raise Conflict(
                "a request with this Idempotency-Key is still being processed",
                code="IDEMPOTENCY_IN_PROGRESS",
            ) from exc
        assert row, "resource vanished"
        return booking_from_row(row)

    def by_idempotency_key(self, key: str) -> tuple[Booking, str | None] | None:
        """The booking created under ``key`` and the hash of its request, if any."""
        row = self._one(
            "SELECT " + COLUMNS + ", idempotency_request FROM bookings WHERE idempotency_key = %s",
            (key,),
        )
        return (booking_from_row(row), row["idempotency_request"]) if row else None

    def release_idempotency_key(self, key: str) -> None:
        """Free a key whose window has passed, so the caller may use it again."""
        self._one(
            "UPDATE bookings SET idempotency_key = NULL WHERE idempotency_key = %s RETURNING id",
            (key,),
        )

    def reschedule(
        self,
        booking_id: UUID,
        *,
        resource_id: UUID,
        start: datetime,
        end: datetime,
        credit_cost: int,
        party_size: int,
        refund_cap_percent: int | None = None,
    ) -> Booking:
        """Move a booking (version + 1); the refund cap changes only when given."""
        try:
            row = self._one(
                "UPDATE bookings SET resource_id = %s, starts_at = %s, ends_at = %s,"
                " credit_cost = %s, party_size = %s,"
                " refund_cap_percent = coalesce(%s, refund_cap_percent),"
                " version = version + 1, updated_at = now()"
                " WHERE id = %s RETURNING " + COLUMNS,
                (
                    resource_id,
                    start,
                    end,
                    credit_cost,
                    party_size,
                    refund_cap_percent,
                    booking_id,
                ),
            )
        except psycopg.errors.ExclusionViolation as exc:
            raise SlotTaken() from exc
        except (psycopg.errors.LockNotAvailable, psycopg.errors.QueryCanceled) as exc:
            # The exclusion check waited on overlapping bookings still being written past
            # lock_timeout (one wait) or statement_timeout (several waits in a row): once those
            # settle, running again gives the true answer.
            raise TransientConflict(
                "another booking for this time is still being made; try again"
            ) from exc
        assert row
        return booking_from_row(row)

    def set_status(self, booking_id: UUID, status: BookingStatus, *, at: datetime) -> Booking:
        """Change the status (version + 1), stamping check-in / cancellation times."""
        row = self._one(
            "UPDATE bookings SET status = %(s)s, version = version + 1, updated_at = %(at)s,"
            " checked_in_at = CASE WHEN %(s)s = 'checked_in' THEN %(at)s ELSE checked_in_at END,"
            " cancelled_at = CASE WHEN %(s)s = 'cancelled' THEN %(at)s ELSE cancelled_at END"
            " WHERE id = %(id)s RETURNING " + COLUMNS,
            {"s": status.value, "at": at, "id": booking_id},
        )
        assert row
        return booking_from_row(row)

    def for_user(
        self,
        user_id: UUID,
        *,
        since: datetime | None = None,
        statuses: Sequence[str] | None = None,
        limit: int = 100,
        after: tuple[datetime, UUID] | None = None,
        location_ids: Collection[UUID] | None = None,
    ) -> list[Booking]:
        """A member's bookings ending after ``since`` (all when None), by start then id.

        ``after`` continues past a (start, id) key (keyset paging); ``location_ids`` keeps
        bookings at those locations only (None: every location).
        """
        rows = self._all(
            "SELECT " + COLUMNS + " FROM bookings WHERE user_id = %(u)s"
            " AND (%(since)s::timestamptz IS NULL OR ends_at > %(since)s)"
            " AND (%(st)s::text[] IS NULL AND " + BOOKED + " OR status = ANY(%(st)s))"
            " AND (%(locs)s::uuid[] IS NULL OR location_id = ANY(%(locs)s))"
            " AND (%(a_start)s::timestamptz IS NULL"
            "      OR (starts_at, id) > (%(a_start)s::timestamptz, %(a_id)s::uuid))"
            " ORDER BY starts_at, id LIMIT %(lim)s",
            {
                "u": user_id,
                "since": since,
                "st": list(statuses) if statuses else None,
                "locs": list(location_ids) if location_ids is not None else None,
                "a_start": after[0] if after else None,
                "a_id": after[1] if after else None,
                "lim": limit,
            },
        )
        return [booking_from_row(r) for r in rows]

    def history_for_user(
        self, user_id: UUID, *, before: datetime, limit: int = 20
    ) -> list[Booking]:
        """A member's bookings that started before ``before``, newest first."""
        rows = self._all(
            "SELECT " + COLUMNS + " FROM bookings"
            " WHERE user_id = %s AND starts_at < %s AND " + BOOKED + ""
            " ORDER BY starts_at DESC LIMIT %s",
            (user_id, before, limit),
        )
        return [booking_from_row(r) for r in rows]

    def for_location(
        self,
        location_id: UUID,
        start: datetime,
        end: datetime,
        *,
        user_id: UUID | None = None,
        after: tuple[datetime, UUID] | None = None,
        limit: int | None = None,
    ) -> list[Booking]:
        """A location's bookings starting in [start, end), by start then id.

        ``user_id`` keeps one member's; ``after`` continues past a (start, id) key.
        """
        rows = self._all(
            "SELECT " + COLUMNS + " FROM bookings WHERE location_id = %(l)s AND " + BOOKED + ""
            " AND starts_at >= %(s)s AND starts_at < %(e)s"
            " AND (%(u)s::uuid IS NULL OR user_id = %(u)s)"
            " AND (%(a_start)s::timestamptz IS NULL"
            "      OR (starts_at, id) > (%(a_start)s::timestamptz, %(a_id)s::uuid))"
            " ORDER BY starts_at, id LIMIT %(lim)s",
            {
                "l": location_id,
                "s": start,
                "e": end,
                "u": user_id,
                "a_start": after[0] if after else None,
                "a_id": after[1] if after else None,
                "lim": limit,
            },
        )
        return [booking_from_row(r) for r in rows]

    def blocked_ranges(
        self,
        location_id: UUID,
        resource_ids: Sequence[UUID],
        start: datetime,
        end: datetime,
        now: datetime | None = None,
    ) -> dict[UUID, BlockedSeconds]:
        """Blocked time per bay of the location (buffers included) touching [start, end), in
        no order; a waitlist hold blocks until its expiry (``now``: the database's clock when
        None).

        Instants come back as POSIX seconds: the availability loop works in seconds, and
        parsing thousands of timestamps only to convert them again was most of a query's cost.
        """
        # Binary: float8 arrays in text form cost more to parse than the query costs to run.
        cur = self.conn.cursor(row_factory=tuple_row, binary=True)
        # One row per bay with two arrays: far fewer Python objects than a row per booking.
        # date_part is float8 already (extract goes through numeric), and the sweep sorts each
        # bay's ranges itself: together half the query's server time. The location's equality
        # lets the server skip other clubs' rows before it compares bay ids.
        cur.execute(
            "SELECT resource_id,"
            " array_agg(date_part('epoch', lower(blocked))),"
            " array_agg(date_part('epoch', upper(blocked)))"
            " FROM bookings"
            " WHERE location_id = %s AND resource_id = ANY(%s) AND " + BLOCKING + ""
            " AND blocked && tstzrange(%s, %s, '[)') GROUP BY resource_id",
            (location_id, list(resource_ids), now, start, end),
        )
        return {rid: BlockedSeconds(starts, ends) for rid, starts, ends in cur}

    def in_series(self, series_id: str) -> list[Booking]:
        """The occurrences of a league series (bookings with ``metadata.series_id``), by start."""
        rows = self._all(
            "SELECT " + COLUMNS + " FROM bookings WHERE metadata ? 'series_id'"
            " AND metadata ->> 'series_id' = %s ORDER BY starts_at, resource_id",
            (series_id,),
        )
        return [booking_from_row(r) for r in rows]

    def overlapping(
        self,
        resource_id: UUID,
        start: datetime,
        blocked_end: datetime,
        exclude: UUID | None = None,
        now: datetime | None = None,
    ) -> bool:
        """Whether an active booking's (or an unexpired hold's) blocked range overlaps
        [start, blocked_end)."""
        row = self._one(
            "SELECT 1 FROM bookings WHERE resource_id = %s AND " + BLOCKING + ""
            " AND blocked && tstzrange(%s, %s, '[)') AND id IS DISTINCT FROM %s LIMIT 1",
            (resource_id, now, start, blocked_end, exclude),
        )
        return row is not None
