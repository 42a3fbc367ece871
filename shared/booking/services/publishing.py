"""Publishing the outbox: right after a commit (what that transaction wrote) and by the sweeper.

Both paths claim rows with ``FOR UPDATE SKIP LOCKED`` and keep them locked until the rows are
marked, so a row is never sent by two publishers at once. A row whose entry PutEvents rejected
stays pending with its error and attempt count; the sweeper sends it later, oldest first.
EventBridge consumers are idempotent by ``event_id``, so the one remaining duplicate case (sent,
then the process died before the mark committed) costs nothing.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol
from uuid import UUID

from booking.adapters.eventbridge import OutgoingEvent, PublishResult
from booking.adapters.postgres.repositories.outbox import OutboxLag, ParkedRow
from booking.services.ports import UnitOfWorkFactory

SWEEP_BATCH = 100
"""Rows claimed per transaction by the sweeper."""

MAX_ATTEMPTS = int(os.environ.get("OUTBOX_MAX_ATTEMPTS") or 10)
"""Failed attempts after which a row is parked (about ten minutes of sweeps)."""

logger = logging.getLogger(__name__)


class Publisher(Protocol):
    """Puts events on the bus and reports per event (``EventBridgePublisher``)."""

    def publish(self, events: Sequence[OutgoingEvent]) -> PublishResult:
        """Send ``events``; never raises for rejected entries."""
        ...


@dataclass
class PublishReport:
    """Outcome of one publishing run."""

    sent: list[UUID] = field(default_factory=list)
    failed: dict[UUID, str] = field(default_factory=dict)
    parked: list[ParkedRow] = field(default_factory=list)

    def add(self, result: PublishResult, parked: Sequence[ParkedRow] = ()) -> None:
        """Fold in the result of one claimed batch."""
        self.sent.extend(result.sent)
        self.failed.update(result.failed)
        self.parked.extend(parked)


def _publish_claimed(
    uow_factory: UnitOfWorkFactory,
    publisher: Publisher,
    *,
    limit: int,
    after_id: int = 0,
    event_ids: Sequence[UUID] | None = None,
) -> tuple[PublishResult, list[ParkedRow], int | None]:
    """Claim, send and mark one batch in one transaction: the result, the rows parked now and
    the last id claimed."""
    uow = uow_factory()
    with uow:
        repo = uow.outbox_publishing
        rows = repo.claim_pending(limit=limit, after_id=after_id, event_ids=event_ids)
        if not rows:
            return PublishResult(), [], None
        result = publisher.publish(
            [OutgoingEvent(r.event_id, r.detail_type, r.detail) for r in rows]
        )
        repo.mark_published(result.sent)
        parked = repo.record_failures(
            result.failed, max_attempts=MAX_ATTEMPTS, permanent=result.permanent
        )
        uow.commit()
    for row in parked:
        # An ERROR line per parked row: the log metric filter / alarm keys on this message.
        logger.error(
            "outbox row parked",
            extra={
                "event_id": str(row.event_id),
                "detail_type": row.detail_type,
                "attempts": row.attempts,
                "error": row.error,
            },
        )
    return result, parked, rows[-1].id


def publish_events(
    event_ids: Sequence[UUID], uow_factory: UnitOfWorkFactory, publisher: Publisher
) -> PublishReport:
    """Publish the given events if they are still pending (after-commit path).

    Rows another publisher holds right now are skipped: that publisher sends them.
    """
    report = PublishReport()
    if event_ids:
        result, parked, _ = _publish_claimed(
            uow_factory, publisher, limit=len(event_ids), event_ids=list(event_ids)
        )
        report.add(result, parked)
    return report


def sweep(
    uow_factory: UnitOfWorkFactory,
    publisher: Publisher,
    *,
    batch: int = SWEEP_BATCH,
    max_rows: int = 5000,
) -> PublishReport:
    """Publish every pending row, oldest first, in batches; each row is tried once per sweep."""
    report = PublishReport()
    after_id = 0
    while len(report.sent) + len(report.failed) < max_rows:
        result, parked, last_id = _publish_claimed(
            uow_factory, publisher, limit=batch, after_id=after_id
        )
        if last_id is None:
            break
        report.add(result, parked)
        after_id = last_id
    return report


def outbox_lag(uow_factory: UnitOfWorkFactory, now: datetime) -> tuple[OutboxLag, float]:
    """Pending rows and the age in seconds of the oldest (0 when none are pending)."""
    uow = uow_factory()
    with uow:
        lag = uow.outbox_publishing.lag()
    age = (now - lag.oldest_created_at).total_seconds() if lag.oldest_created_at else 0.0
    return lag, max(0.0, age)
