"""The composition root: the one place that builds what the functions run with.

A :class:`Runtime` holds the database, the unit-of-work factory (whose commits are published to
the bus right after, what fails staying in the outbox for the sweeper), the publisher, the
idempotency store, the SaaS clients and the clock. Nothing connects when it is built: each part
is made on first use and kept while the execution environment stays warm.

Handlers take what they need from :func:`default` (built from the environment); services
receive a unit-of-work factory and clients as arguments. Tests build a ``Runtime`` with fakes
(``Runtime(database=..., now=lambda: moment, hubspot=lambda: fake)``) and pass it on: to
``booking.api.app.build(area, runtime=...)`` for the API, or straight to the services.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, TypeVar
from uuid import UUID

from booking.adapters.postgres.connection import Database
from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking.config import database_url, settings

if TYPE_CHECKING:
    from booking.adapters.clubos import ClubOSClient
    from booking.adapters.eventbridge import EventBridgePublisher
    from booking.adapters.hubspot import HubSpotClient
    from booking.adapters.ninjaone import NinjaOneClient
    from booking.adapters.postgres.idempotency import PostgresPersistenceLayer
    from booking.adapters.stepfunctions import StepFunctions
    from booking.adapters.unifi import UnifiAccessClient
    from booking.services.lifecycle import LifecycleDeps

logger = logging.getLogger(__name__)
T = TypeVar("T")


def utc_now() -> datetime:
    """The current instant (UTC)."""
    return datetime.now(UTC)


def _lazy(factory: Callable[[], T]) -> Callable[[], T]:
    """``factory`` called once, on first use."""
    return functools.cache(factory)


class Runtime:
    """What the functions run with (see the module docstring). Every argument is optional."""

    def __init__(
        self,
        *,
        database: Database | Callable[[], Database] | None = None,
        now: Callable[[], datetime] = utc_now,
        publisher: Callable[[], EventBridgePublisher | None] | None = None,
        idempotency_store: Callable[[], PostgresPersistenceLayer] | None = None,
        hubspot: Callable[[], HubSpotClient] | None = None,
        unifi: Callable[[], UnifiAccessClient] | None = None,
        ninjaone: Callable[[], NinjaOneClient] | None = None,
        clubos: Callable[[], ClubOSClient] | None = None,
        lifecycle_machine: Callable[[], StepFunctions] | None = None,
        application_name: str = "booking",
    ) -> None:
        self._database: Database | None = database if isinstance(database, Database) else None
        self._make_database: Callable[[], Database] = (
            database
            if callable(database)
            else (lambda: Database(database_url(), application_name=application_name))
        )
        self._owns_database = database is None
        self.now = now
        self.publisher = publisher or _lazy(_publisher_from_env)
        self._store: PostgresPersistenceLayer | None = None
        self._make_store = idempotency_store or self._idempotency_store_on_database
        self._owns_store = idempotency_store is None
        self.hubspot = hubspot or _lazy(_hubspot_from_env)
        self.unifi = unifi or _lazy(_unifi_from_env)
        self.ninjaone = ninjaone or _lazy(_ninjaone_from_env)
        self.clubos = clubos or _lazy(_clubos_from_env)
        self.lifecycle_machine = lifecycle_machine or _lazy(_lifecycle_machine_from_env)

    def database(self) -> Database:
        """The platform database (one connection per thread, opened on first use)."""
        if self._database is None:
            self._database = self._make_database()
        return self._database

    def idempotency_store(self) -> PostgresPersistenceLayer:
        """Powertools idempotency records in PostgreSQL, on the database's connection (the unit
        of work's: one connection per environment), each record committed on its own."""
        if self._store is None:
            self._store = self._make_store()
        return self._store

    def _idempotency_store_on_database(self) -> PostgresPersistenceLayer:
        # Imported here: Powertools' idempotency package loads boto3, which only POST /bookings
        # needs. Each operation asks for the connection again, so a replaced one is followed.
        from booking.adapters.postgres.idempotency import PostgresPersistenceLayer

        return PostgresPersistenceLayer(connection=lambda: self.database().connection())

    def close(self) -> None:
        """Close this thread's connection (the idempotency store's too, which shares it), where
        the runtime opened it itself."""
        if self._owns_database and self._database is not None:
            self._database.close()
        if self._owns_store and self._store is not None:
            self._store.close()

    def unit_of_work(self) -> PostgresUnitOfWork:
        """A fresh unit of work whose committed events are published right after."""
        return PostgresUnitOfWork(self.database(), after_commit=[self.publish_after_commit])

    def plain_unit_of_work(self) -> PostgresUnitOfWork:
        """A unit of work that publishes nothing itself (for the publishers' own transactions)."""
        return PostgresUnitOfWork(self.database())

    def publish_after_commit(self, event_ids: Sequence[UUID]) -> None:
        """Publish the events a transaction just committed; never fails the caller.

        Whatever is not sent here (PutEvents rejected an entry, the bus was unreachable) stays
        pending in the outbox for the sweeper.
        """
        from booking.services.publishing import publish_events

        publisher = self.publisher()
        if publisher is None:
            return
        try:
            report = publish_events(event_ids, self.plain_unit_of_work, publisher)
        except Exception:
            logger.exception("publishing %d event(s) after commit failed", len(event_ids))
            return
        if report.failed:
            logger.warning(
                "left %d event(s) for the outbox sweeper: %s", len(report.failed), report.failed
            )

    def lifecycle_deps(self) -> LifecycleDeps:
        """What the lifecycle tasks and starter talk to."""
        from booking.services.lifecycle import LifecycleDeps

        return LifecycleDeps(
            uow=self.unit_of_work, unifi=self.unifi, ninja=self.ninjaone, now=self.now
        )


def _publisher_from_env() -> EventBridgePublisher | None:
    # No bus configured (unit tests, some local runs): the sweeper publishes instead.
    if not os.environ.get("EVENT_BUS_NAME"):
        return None
    from booking.adapters.eventbridge import EventBridgePublisher

    s = settings()
    return EventBridgePublisher(s.event_bus_name, s.event_source)


def _hubspot_from_env() -> HubSpotClient:
    from booking.adapters.hubspot import HubSpotClient

    return HubSpotClient.from_settings()


def _unifi_from_env() -> UnifiAccessClient:
    from booking.adapters.unifi import UnifiAccessClient

    return UnifiAccessClient.from_settings()


def _ninjaone_from_env() -> NinjaOneClient:
    from booking.adapters.ninjaone import NinjaOneClient

    return NinjaOneClient.from_settings()


def _clubos_from_env() -> ClubOSClient:
    from booking.adapters.clubos import ClubOSClient
    from booking.adapters.http import make_session
    from booking.adapters.postgres.token_store import IntegrationStateTokenStore

    return ClubOSClient.from_settings(
        # No retries of its own: the consumer decides, by the time its invocation has left.
        session=make_session(total=0),
        # Its own connection: the delivery's transaction is open while the token is read.
        token_store=IntegrationStateTokenStore(
            Database(database_url(), application_name="clubos-token")
        ),
    )


def _lifecycle_machine_from_env() -> StepFunctions:
    from booking.adapters.stepfunctions import StepFunctions

    return StepFunctions(os.environ["LIFECYCLE_STATE_MACHINE_ARN"])


@functools.cache
def default() -> Runtime:
    """The runtime of this execution environment, from its environment variables."""
    return Runtime(application_name=os.environ.get("AWS_LAMBDA_FUNCTION_NAME", "booking"))
