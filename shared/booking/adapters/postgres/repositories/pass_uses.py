"""SQL for door-pass uses: one row per pass token (step) and door.

Reached through the unit of work as ``uow.pass_uses``.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from booking.adapters.postgres.repositories.base import BaseRepository


class PassUseRepository(BaseRepository):
    """Which pass tokens already opened which doors."""

    def record(self, booking_id: UUID, step: int, door_id: str, now: datetime) -> bool:
        """Record the use of ``step``'s token at ``door_id``; False if it was already recorded
        (the primary key settles two scans racing each other)."""
        row = self._one(
            "INSERT INTO pass_uses (booking_id, step, door_id, used_at) VALUES (%s, %s, %s, %s)"
            " ON CONFLICT DO NOTHING RETURNING step",
            (booking_id, step, door_id, now),
        )
        return row is not None
