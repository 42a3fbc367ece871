"""The outbox: rows written with the change they describe, and the publishers' queries on them
(claim pending rows, mark them published, record failures).

Rows are claimed with ``FOR UPDATE SKIP LOCKED`` inside the publisher's transaction and stay
locked until it commits, so two publishers (the API after commit and the sweeper, or two
sweepers) never send the same row at the same time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from psycopg.types.json import Jsonb

from booking.adapters.postgres.repositories.base import BaseRepository


class OutboxRepository(BaseRepository):
    """Events written in the same transaction as the change they describe."""

    def add(
        self, *, event_id: UUID, aggregate_id: UUID, detail_type: str, detail: dict[str, Any]
    ) -> None:
        """Append an event row."""
        self._execute(
            "INSERT INTO outbox (event_id, aggregate_id, detail_type, detail)"
            " VALUES (%s, %s, %s, %s)",
            (event_id, aggregate_id, detail_type, Jsonb(detail)),
        )


@dataclass(frozen=True)
class OutboxRow:
    """A pending outbox row."""

    id: int
    event_id: UUID
    detail_type: str
    detail: dict[str, Any]
    created_at: datetime
    attempts: int


@dataclass(frozen=True)
class OutboxLag:
    """How far publishing is behind: pending rows and the oldest one's creation time."""

    pending: int
    oldest_created_at: datetime | None


class OutboxPublishingRepository(BaseRepository):
    """Publishing-side queries on ``outbox`` in the caller's transaction."""

    def claim_pending(
        self,
        *,
        limit: int,
        after_id: int = 0,
        event_ids: Sequence[UUID] | None = None,
    ) -> list[OutboxRow]:
        """Lock up to ``limit`` unpublished rows (oldest first), skipping rows locked elsewhere.

        ``after_id`` lets one sweep move past rows it already tried; ``event_ids`` restricts the
        claim to those events (the API publishing what it just wrote).
        """
        query = (
            "SELECT id, event_id, detail_type, detail, created_at, attempts FROM outbox"
            " WHERE published_at IS NULL AND id > %s"
        )
        params: list[Any] = [after_id]
        if event_ids is not None:
            query += " AND event_id = ANY(%s)"
            params.append(list(event_ids))
        query += " ORDER BY id LIMIT %s FOR UPDATE SKIP LOCKED"
        params.append(limit)
        rows = self._execute(query, params).fetchall()
        return [
            OutboxRow(
                id=int(r["id"]),
                event_id=r["event_id"],
                detail_type=str(r["detail_type"]),
                detail=dict(r["detail"]),
                created_at=r["created_at"],
                attempts=int(r["attempts"]),
            )
            for r in rows
        ]

    def mark_published(self, event_ids: Sequence[UUID]) -> int:
        """Stamp rows as published; returns how many were still pending."""
        if not event_ids:
            return 0
        cur = self._execute(
            "UPDATE outbox SET published_at = now(), attempts = attempts + 1, last_error = NULL"
            " WHERE event_id = ANY(%s) AND published_at IS NULL",
            (list(event_ids),),
        )
        return cur.rowcount

    def record_failures(self, failures: Mapping[UUID, str]) -> None:
        """Count a failed attempt and keep the error on each row (they stay pending)."""
        for event_id, error in failures.items():
            self._execute(
                "UPDATE outbox SET attempts = attempts + 1, last_error = %s WHERE event_id = %s",
                (error[:1000], event_id),
            )

    def lag(self) -> OutboxLag:
        """Pending rows and the creation time of the oldest."""
        row = self._execute(
            "SELECT count(*) AS pending, min(created_at) AS oldest FROM outbox"
            " WHERE published_at IS NULL"
        ).fetchone()
        assert row is not None
        return OutboxLag(pending=int(row["pending"]), oldest_created_at=row["oldest"])
