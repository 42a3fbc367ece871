"""The outbox: rows written with the change they describe, and the publishers' queries on them
(claim pending rows, mark them published, record failures, park rows that cannot be sent).

Rows are claimed with ``FOR UPDATE SKIP LOCKED`` inside the publisher's transaction and stay
locked until it commits, so two publishers (the API after commit and the sweeper, or two
sweepers) never send the same row at the same time.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
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
    """How far publishing is behind: pending rows, the oldest one's creation time, and the
    rows parked for an operator."""

    pending: int
    oldest_created_at: datetime | None
    parked: int = 0


@dataclass(frozen=True)
class ParkedRow:
    """A row publishers gave up on: it waits for an operator."""

    event_id: UUID
    detail_type: str
    attempts: int
    error: str


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
            " WHERE published_at IS NULL AND parked_at IS NULL AND id > %s"
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

    def record_failures(
        self,
        failures: Mapping[UUID, str],
        *,
        max_attempts: int,
        permanent: Collection[UUID] = (),
    ) -> list[ParkedRow]:
        """Count a failed attempt and keep the error on each row; park the rows that reached
        ``max_attempts`` or can never be sent (``permanent``). Returns the rows parked now."""
        parked: list[ParkedRow] = []
        for event_id, error in failures.items():
            row = self._one(
                "UPDATE outbox SET attempts = attempts + 1, last_error = %(e)s,"
                " parked_at = CASE WHEN %(p)s OR attempts + 1 >= %(max)s THEN now() END"
                " WHERE event_id = %(id)s RETURNING detail_type, attempts, parked_at",
                {
                    "e": error[:1000],
                    "p": event_id in permanent,
                    "max": max_attempts,
                    "id": event_id,
                },
            )
            if row is not None and row["parked_at"] is not None:
                parked.append(
                    ParkedRow(
                        event_id=event_id,
                        detail_type=str(row["detail_type"]),
                        attempts=int(row["attempts"]),
                        error=error,
                    )
                )
        return parked

    def lag(self) -> OutboxLag:
        """Pending rows and the creation time of the oldest."""
        row = self._one(
            "SELECT count(*) FILTER (WHERE parked_at IS NULL) AS pending,"
            " min(created_at) FILTER (WHERE parked_at IS NULL) AS oldest,"
            " count(*) FILTER (WHERE parked_at IS NOT NULL) AS parked"
            " FROM outbox WHERE published_at IS NULL"
        )
        assert row is not None
        return OutboxLag(
            pending=int(row["pending"]), oldest_created_at=row["oldest"], parked=int(row["parked"])
        )
