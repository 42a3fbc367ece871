"""Daily housekeeping: forget idempotency records that can no longer matter.

* Consumers' ``processed_events`` marks are kept for ``PROCESSED_EVENTS_DAYS`` (30): longer than
  the dead-letter queues keep messages (14 days), so a replayed dead letter still finds its mark
  and takes no second effect.
* Powertools idempotency records of ``POST /bookings`` are deleted once expired (PostgreSQL has
  no TTL of its own).
* WebSocket connections older than API Gateway's 2-hour limit (closed without a clean
  ``$disconnect``), and kiosk sign-in codes and sessions a day after they expired.

The outbox is kept: it is the record of every event the platform emitted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from booking.adapters.postgres.idempotency import PostgresPersistenceLayer
from booking.services.live import CONNECTION_MAX_AGE
from booking.services.ports import UnitOfWorkFactory

PROCESSED_EVENTS_DAYS = 30


@dataclass(frozen=True)
class Purged:
    """How many rows each purge removed."""

    processed_events: int
    idempotency_records: int
    live_connections: int = 0
    kiosk_sign_ins: int = 0


def run_housekeeping(
    uow_factory: UnitOfWorkFactory,
    idempotency: PostgresPersistenceLayer,
    now: datetime,
    *,
    processed_events_days: int = PROCESSED_EVENTS_DAYS,
) -> Purged:
    """Delete processed-event marks older than the window and expired idempotency records."""
    uow = uow_factory()
    with uow:
        events = uow.integrations.purge_processed_events(
            now - timedelta(days=processed_events_days)
        )
        uow.commit()
    records = idempotency.delete_expired(now)
    with uow:
        connections = uow.live.purge_connected_before(now - CONNECTION_MAX_AGE)
        sign_ins = uow.kiosk_sign_in.purge_before(now - timedelta(days=1))
        uow.commit()
    return Purged(
        processed_events=events,
        idempotency_records=records,
        live_connections=connections,
        kiosk_sign_ins=sign_ins,
    )
