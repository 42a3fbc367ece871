"""One use per pass token and door: a captured QR code cannot be replayed."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking.domain.errors import Conflict


def record_pass_use(
    uow: PostgresUnitOfWork, booking_id: UUID, step: int, door_id: str, now: datetime
) -> None:
    """Record that the token of ``step`` opened ``door_id`` for the booking.

    Raises ``Conflict`` (``PASS_REPLAYED``) if that token was already used at that door: the
    member's app shows a new token every step, so a second scan of the same one is a copy. The
    primary key settles two scans racing each other.
    """
    with uow:
        row = uow.connection.execute(
            "INSERT INTO pass_uses (booking_id, step, door_id, used_at) VALUES (%s, %s, %s, %s)"
            " ON CONFLICT DO NOTHING RETURNING step",
            (booking_id, step, door_id, now),
        ).fetchone()
        uow.commit()
    if row is None:
        raise Conflict(
            "this code was already used at this door; show the code the app shows now",
            code="PASS_REPLAYED",
            details={"door_id": door_id},
        )
