"""SQL for kiosk sign-in: one-time codes members' apps show, and the kiosk sessions they open.

Reached through the unit of work as ``uow.kiosk_sign_in``.
Only hashes are stored (see migration 0901).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from booking.adapters.postgres.repositories.base import BaseRepository


@dataclass(frozen=True)
class SignInCode:
    """A member's one-time code as stored."""

    id: UUID
    user_id: UUID
    code_hash: bytes
    issued_at: datetime
    expires_at: datetime
    failures: int
    redeemed_at: datetime | None


@dataclass(frozen=True)
class KioskSession:
    """A member signed in at one kiosk for a few minutes."""

    user_id: UUID
    kiosk: str
    location_id: UUID
    created_at: datetime
    expires_at: datetime
    ended_at: datetime | None


def _code(row: dict[str, Any]) -> SignInCode:
    return SignInCode(
        id=row["id"],
        user_id=row["user_id"],
        code_hash=bytes(row["code_hash"]),
        issued_at=row["issued_at"],
        expires_at=row["expires_at"],
        failures=int(row["failures"]),
        redeemed_at=row["redeemed_at"],
    )


class KioskSignInRepository(BaseRepository):
    """Codes and sessions."""

    def replace_codes(
        self,
        *,
        code_id: UUID,
        user_id: UUID,
        token_hash: bytes,
        code_hash: bytes,
        issued_at: datetime,
        expires_at: datetime,
    ) -> None:
        """Store a member's new code; their earlier codes stop working."""
        self._execute(
            "DELETE FROM kiosk_sign_in_codes WHERE user_id = %s AND redeemed_at IS NULL",
            (user_id,),
        )
        self._execute(
            """INSERT INTO kiosk_sign_in_codes
                   (id, user_id, token_hash, code_hash, issued_at, expires_at)
               VALUES (%s, %s, %s, %s, %s, %s)""",
            (code_id, user_id, token_hash, code_hash, issued_at, expires_at),
        )

    def by_token(self, token_hash: bytes) -> SignInCode | None:
        """The code a scanned token belongs to, locked for redemption."""
        row = self._execute(
            "SELECT * FROM kiosk_sign_in_codes WHERE token_hash = %s FOR UPDATE", (token_hash,)
        ).fetchone()
        return _code(row) if row else None

    def live_code_of(self, user_id: UUID, now: datetime) -> SignInCode | None:
        """The member's newest unredeemed, unexpired code, locked."""
        row = self._execute(
            """SELECT * FROM kiosk_sign_in_codes
                WHERE user_id = %s AND redeemed_at IS NULL AND expires_at > %s
                ORDER BY issued_at DESC LIMIT 1 FOR UPDATE""",
            (user_id, now),
        ).fetchone()
        return _code(row) if row else None

    def count_failure(self, code_id: UUID) -> int:
        """Record one wrong guess; returns the failures so far."""
        row = self._execute(
            """UPDATE kiosk_sign_in_codes SET failures = failures + 1
                WHERE id = %s RETURNING failures""",
            (code_id,),
        ).fetchone()
        return int(row["failures"]) if row else 0

    def mark_redeemed(self, code_id: UUID, at: datetime) -> None:
        """The code has been used: it never works again."""
        self._execute(
            "UPDATE kiosk_sign_in_codes SET redeemed_at = %s WHERE id = %s", (at, code_id)
        )

    def add_session(
        self,
        *,
        session_hash: bytes,
        user_id: UUID,
        kiosk: str,
        location_id: UUID,
        created_at: datetime,
        expires_at: datetime,
    ) -> None:
        """Open a kiosk session."""
        self._execute(
            """INSERT INTO kiosk_sessions
                   (session_hash, user_id, kiosk, location_id, created_at, expires_at)
               VALUES (%s, %s, %s, %s, %s, %s)""",
            (session_hash, user_id, kiosk, location_id, created_at, expires_at),
        )

    def session(self, session_hash: bytes) -> KioskSession | None:
        """A session by its hash."""
        row = self._execute(
            """SELECT user_id, kiosk, location_id, created_at, expires_at, ended_at
                 FROM kiosk_sessions WHERE session_hash = %s""",
            (session_hash,),
        ).fetchone()
        return KioskSession(**row) if row else None

    def end_session(self, session_hash: bytes, at: datetime) -> None:
        """Sign the member out of the kiosk."""
        self._execute(
            """UPDATE kiosk_sessions SET ended_at = %s
                WHERE session_hash = %s AND ended_at IS NULL""",
            (at, session_hash),
        )

    def purge_before(self, cutoff: datetime) -> int:
        """Forget codes and sessions that expired before ``cutoff``."""
        a = self._execute(
            "DELETE FROM kiosk_sign_in_codes WHERE expires_at < %s", (cutoff,)
        ).rowcount
        b = self._execute("DELETE FROM kiosk_sessions WHERE expires_at < %s", (cutoff,)).rowcount
        return a + b
