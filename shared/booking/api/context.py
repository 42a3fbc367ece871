"""Per-execution-environment resources of the API functions, created on first use.

Nothing here connects at import; the database handle and the idempotency store are built on
the first request and reused while the environment stays warm.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from uuid import UUID

import psycopg
from aws_lambda_powertools.event_handler.api_gateway import BaseRouter

from booking.adapters.eventbridge import EventBridgePublisher
from booking.adapters.postgres.connection import Database

if TYPE_CHECKING:
    from booking.adapters.postgres.idempotency import PostgresPersistenceLayer
from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking.api.auth import actor_from_event
from booking.config import database_url, settings
from booking.domain.actors import Actor

logger = logging.getLogger(__name__)


@functools.cache
def database() -> Database:
    """The platform database (one connection per thread, opened lazily)."""
    return Database(database_url(), application_name="booking-api")


def unit_of_work() -> PostgresUnitOfWork:
    """A fresh unit of work on the platform database; its events are published after commit."""
    return PostgresUnitOfWork(database(), after_commit=[publish_after_commit])


@functools.cache
def event_publisher() -> EventBridgePublisher | None:
    """The bus publisher, or None where no bus is configured (the sweeper publishes then)."""
    if not os.environ.get("EVENT_BUS_NAME"):
        return None
    s = settings()
    return EventBridgePublisher(s.event_bus_name, s.event_source)


def publish_after_commit(event_ids: Sequence[UUID]) -> None:
    """Publish the events a request just committed; never fails the request.

    Whatever is not sent here (PutEvents rejected an entry, the bus was unreachable) stays
    pending in the outbox for the sweeper.
    """
    from booking.services.publishing import publish_events

    publisher = event_publisher()
    if publisher is None:
        return
    try:
        report = publish_events(event_ids, database(), publisher)
    except Exception:
        logger.exception("publishing %d event(s) after commit failed", len(event_ids))
        return
    if report.failed:
        logger.warning(
            "left %d event(s) for the outbox sweeper: %s", len(report.failed), report.failed
        )


@functools.cache
def idempotency_store() -> PostgresPersistenceLayer:
    """Powertools idempotency records in PostgreSQL (own autocommit connection)."""
    # Imported here: Powertools' idempotency package loads boto3, which only POST /bookings needs.
    from booking.adapters.postgres.idempotency import PostgresPersistenceLayer

    return PostgresPersistenceLayer(
        connection_factory=lambda: psycopg.connect(
            database_url(), autocommit=True, prepare_threshold=None, connect_timeout=5
        )
    )


def now() -> datetime:
    """The current instant (UTC)."""
    return datetime.now(UTC)


def current_actor(router: BaseRouter) -> Actor:
    """The caller: from the authorizer's context when API Gateway ran it, else the token."""
    return actor_from_event(router.current_event.raw_event)
