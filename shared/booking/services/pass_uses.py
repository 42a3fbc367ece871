"""One use per pass token and door: a captured QR code cannot be replayed."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from booking.domain.errors import Conflict
from booking.services.ports import UnitOfWork


def record_pass_use(
    uow: UnitOfWork, booking_id: UUID, step: int, door_id: str, now: datetime
) -> None:
    """Record that the token of ``step`` opened ``door_id`` for the booking.

    Raises ``Conflict`` (``PASS_REPLAYED``) if that token was already used at that door: the
    member's app shows a new token every step, so a second scan of the same one is a copy. The
    primary key settles two scans racing each other.
    """
    with uow:
        first = uow.pass_uses.record(booking_id, step, door_id, now)
        uow.commit()
    if not first:
        raise Conflict(
            "this code was already used at this door; show the code the app shows now",
            code="PASS_REPLAYED",
            details={"door_id": door_id},
        )
