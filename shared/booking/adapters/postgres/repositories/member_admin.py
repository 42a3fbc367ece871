"""Member administration reads: search, a member's figures at some locations, the ledger."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from booking.adapters.postgres.repositories.base import BaseRepository
from booking.adapters.postgres.repositories.rows import booking_from_row, user_from_row
from booking.adapters.postgres.repositories.staff import like_pattern
from booking.domain.models import Booking, User

Row = dict[str, Any]


class MemberAdminRepository(BaseRepository):
    """Queries of the members screens on the unit of work's connection."""

    def search(
        self, *, text: str | None, after: tuple[str, UUID] | None, limit: int
    ) -> list[tuple[User, int]]:
        """Members whose name, e-mail or phone has ``text``, by name then id, with balances."""
        digits = "".join(ch for ch in text or "" if ch.isdigit())
        rows: list[Row] = self._execute(
            "SELECT u.*, coalesce(c.balance, 0) AS balance FROM users u"
            " LEFT JOIN credit_accounts c ON c.user_id = u.id"
            " WHERE (%(pat)s::text IS NULL OR lower(u.name) LIKE %(pat)s"
            "   OR lower(u.email) LIKE %(pat)s OR u.phone LIKE %(pat)s"
            "   OR (%(digits)s::text IS NOT NULL"
            "       AND regexp_replace(coalesce(u.phone, ''), '[^0-9]', '', 'g') LIKE %(digits)s))"
            " AND (%(a_n)s::text IS NULL OR (lower(u.name), u.id) > (%(a_n)s, %(a_id)s))"
            " ORDER BY lower(u.name), u.id LIMIT %(lim)s",
            {
                "pat": like_pattern(text) if text else None,
                "digits": f"%{digits}%" if len(digits) >= 3 else None,
                "a_n": after[0] if after else None,
                "a_id": after[1] if after else None,
                "lim": limit,
            },
        ).fetchall()
        return [(user_from_row(r), int(r["balance"])) for r in rows]

    def figures(self, user_id: UUID, location_ids: Sequence[UUID] | None) -> dict[str, int]:
        """Counts of the member's bookings by status at the given locations (None: all)."""
        rows: list[Row] = self._execute(
            "SELECT status, count(*) AS n FROM bookings WHERE user_id = %(u)s"
            " AND (%(locs)s::uuid[] IS NULL OR location_id = ANY(%(locs)s)) GROUP BY status",
            {"u": user_id, "locs": list(location_ids) if location_ids is not None else None},
        ).fetchall()
        return {r["status"]: int(r["n"]) for r in rows}

    def bookings(
        self,
        user_id: UUID,
        location_ids: Sequence[UUID] | None,
        *,
        after: tuple[str, UUID] | None,
        limit: int,
    ) -> list[Booking]:
        """The member's bookings at the given locations, newest start first."""
        rows: list[Row] = self._execute(
            "SELECT * FROM bookings WHERE user_id = %(u)s AND status NOT IN ('held', 'lapsed')"
            " AND (%(locs)s::uuid[] IS NULL OR location_id = ANY(%(locs)s))"
            " AND (%(a_s)s::timestamptz IS NULL OR (starts_at, id) < (%(a_s)s, %(a_id)s))"
            " ORDER BY starts_at DESC, id DESC LIMIT %(lim)s",
            {
                "u": user_id,
                "locs": list(location_ids) if location_ids is not None else None,
                "a_s": after[0] if after else None,
                "a_id": after[1] if after else None,
                "lim": limit,
            },
        ).fetchall()
        return [booking_from_row(r) for r in rows]

    def ledger(self, user_id: UUID, *, before_id: int | None, limit: int) -> list[Row]:
        """Ledger rows of the member, newest first."""
        rows: list[Row] = self._execute(
            "SELECT id, booking_id, delta, reason, balance_after, note, actor, created_at"
            " FROM credit_ledger WHERE user_id = %(u)s"
            " AND (%(b)s::bigint IS NULL OR id < %(b)s) ORDER BY id DESC LIMIT %(lim)s",
            {"u": user_id, "b": before_id, "lim": limit},
        ).fetchall()
        return rows
