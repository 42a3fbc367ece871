"""The credit ledger."""

from __future__ import annotations

from uuid import UUID

import psycopg

from booking.adapters.postgres.repositories.base import BaseRepository, Row
from booking.domain.errors import InsufficientCredits


class CreditRepository(BaseRepository):
    """The credit ledger; the balance moves only through ledger rows (trigger)."""

    def balance(self, user_id: UUID) -> int:
        """The member's current balance."""
        row = self._one("SELECT balance FROM credit_accounts WHERE user_id = %s", (user_id,))
        return int(row["balance"]) if row else 0

    def record(
        self,
        *,
        user_id: UUID,
        delta: int,
        reason: str,
        booking_id: UUID | None = None,
        note: str = "",
        actor: str = "",
    ) -> int:
        """Append a ledger row and return the balance after it.

        ``actor`` names who moved the credits by hand (staff, admin), ``note`` says why.
        Raises ``InsufficientCredits`` when the balance would go negative (the CHECK).
        """
        try:
            row = self._one(
                "INSERT INTO credit_ledger (user_id, booking_id, delta, reason, note, actor)"
                " VALUES (%s, %s, %s, %s, %s, %s) RETURNING balance_after",
                (user_id, booking_id, delta, reason, note, actor),
            )
        except psycopg.errors.CheckViolation as exc:
            raise InsufficientCredits(
                "Not enough credits for this booking", details={"required": -delta, "balance": None}
            ) from exc
        assert row
        return int(row["balance_after"])

    def entries(self, user_id: UUID, limit: int = 50) -> list[Row]:
        """The latest ledger rows of a member."""
        return self._all(
            "SELECT * FROM credit_ledger WHERE user_id = %s ORDER BY id DESC LIMIT %s",
            (user_id, limit),
        )
