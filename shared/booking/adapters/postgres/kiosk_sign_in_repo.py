"""SQL for kiosk sign-in: one-time codes members' apps show, and the kiosk sessions they open.

Used inside a unit of work: ``KioskSignInRepository(uow.connection)`` shares its transaction.
Only hashes are stored (see migration 0901).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

import psycopg


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


class KioskSignInRepository:
    """Codes and sessions."""

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self.conn = conn

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
        self.conn.execute(
            "DELETE FROM kiosk_sign_in_codes WHERE user_id = %s AND redeemed_at IS NULL",
            (user_id,),
        )
        self.conn.execute(
            """INSERT INTO kiosk_sign_in_codes
                   (id, user_id, token_hash, code_hash, issued_at, expires_at)
               VALUES (%s, %s, %s, %s, %s, %s)""",
            (code_id, user_id, token_hash, code_hash, issued_at, expires_at),
        )

    def by_token(self, token_hash: bytes) -> SignInCode | None:
        """The code a scanned token belongs to, locked for redemption."""
        row = self.conn.execute(
            "SELECT * FROM kiosk_sign_in_codes WHERE token_hash = %s FOR UPDATE", (token_hash,)
        ).fetchone()
        return _code(row) if row else None

    def live_code_of(self, user_id: UUID, now: datetime) -> SignInCode | None:
        """The member's newest unredeemed, unexpired code, locked."""
        row = self.conn.execute(
            """SELECT * FROM kiosk_sign_in_codes
                WHERE user_id = %s AND redeemed_at IS NULL AND expires_at > %s
                ORDER BY issued_at DESC LIMIT 1 FOR UPDATE""",
            (user_id, now),
        ).fetchone()
        return _code(row) if row else None

    def count_failure(self, code_id: UUID) -> int:
        """Record one wrong guess; returns the failures so far."""
        row = self.conn.execute(
            """UPDATE kiosk_sign_in_codes SET failures = failures + 1
                WHERE id = %s RETURNING failures""",
            (code_id,),
        ).fetchone()
        return int(row["failures"]) if row else 0

    def mark_redeemed(self, code_id: UUID, at: datetime) -> None:
        """The code has been used: it never works again."""
        self.conn.execute(
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
        self.conn.execute(
            """INSERT INTO kiosk_sessions
                   (session_hash, user_id, kiosk, location_id, created_at, expires_at)
               VALUES (%s, %s, %s, %s, %s, %s)""",
            (session_hash, user_id, kiosk, location_id, created_at, expires_at),
        )

    def session(self, session_hash: bytes) -> KioskSession | None:
        """A session by its hash."""
        row = self.conn.execute(
            """SELECT user_id, kiosk, location_id, created_at, expires_at, ended_at
                 FROM kiosk_sessions WHERE session_hash = %s""",
            (session_hash,),
        ).fetchone()
        return KioskSession(**row) if row else None

    def end_session(self, session_hash: bytes, at: datetime) -> None:
        """Sign the member out of the kiosk."""
        self.conn.execute(
            """UPDATE kiosk_sessions SET ended_at = %s
                WHERE session_hash = %s AND ended_at IS NULL""",
            (at, session_hash),
        )

    def purge_before(self, cutoff: datetime) -> int:
        """Forget codes and sessions that expired before ``cutoff``."""
        a = self.conn.execute(
            "DELETE FROM kiosk_sign_in_codes WHERE expires_at < %s", (cutoff,)
        ).rowcount
        b = self.conn.execute(
            "DELETE FROM kiosk_sessions WHERE expires_at < %s", (cutoff,)
        ).rowcount
        return a + b
