"""Per-execution-environment resources of the API functions, created on first use.

Nothing here connects at import; the database handle and the idempotency store are built on
the first request and reused while the environment stays warm.
"""

from __future__ import annotations

import functools
from datetime import UTC, datetime
from typing import Any

import psycopg
from aws_lambda_powertools.event_handler.api_gateway import BaseRouter

from booking.adapters.postgres.connection import Database
from booking.adapters.postgres.idempotency import PostgresPersistenceLayer
from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking.api.auth import actor_from_claims, bearer, verify_token
from booking.config import database_url
from booking.domain.actors import Actor


@functools.cache
def database() -> Database:
    """The platform database (one connection per thread, opened lazily)."""
    return Database(database_url(), application_name="booking-api")


def unit_of_work() -> PostgresUnitOfWork:
    """A fresh unit of work on the platform database."""
    return PostgresUnitOfWork(database())


@functools.cache
def idempotency_store() -> PostgresPersistenceLayer:
    """Powertools idempotency records in PostgreSQL (own autocommit connection)."""
    return PostgresPersistenceLayer(
        connection_factory=lambda: psycopg.connect(
            database_url(), autocommit=True, prepare_threshold=None, connect_timeout=5
        )
    )


def now() -> datetime:
    """The current instant (UTC)."""
    return datetime.now(UTC)


def current_actor(router: BaseRouter) -> Actor:
    """The caller: from the authorizer's context when API Gateway ran it, else the token.

    Verifying the token here too keeps the functions safe where no authorizer runs (LocalStack's
    free edition does not execute Lambda authorizers) and when a function is invoked directly.
    """
    event = router.current_event
    # REST API events carry the authorizer's context under requestContext.authorizer.
    authorizer: dict[str, Any] = dict(
        (event.raw_event.get("requestContext") or {}).get("authorizer") or {}
    )
    if authorizer.get("role"):
        return actor_from_claims(authorizer)
    header = event.headers.get("Authorization") or event.headers.get("authorization")
    return actor_from_claims(verify_token(bearer(header)))
