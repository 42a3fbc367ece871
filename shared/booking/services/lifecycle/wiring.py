"""The lifecycle's dependencies built from the environment."""

from __future__ import annotations

import logging
from uuid import UUID

from booking.adapters.ninjaone import NinjaOneClient
from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking.adapters.unifi import UnifiAccessClient
from booking.services.lifecycle.tasks import LifecycleDeps

logger = logging.getLogger(__name__)


def default_deps() -> LifecycleDeps:
    """Dependencies from the environment (``DATABASE_URL``/secret, ``UNIFI_*``, ``NINJAONE_*``).

    Nothing connects here: the database opens on the first query and each SaaS client is built
    the first time a task needs it, then reused while the execution environment stays warm.
    Events the tasks write (``booking.no_show``, ``booking.completed``, moves of device health)
    are put on ``EVENT_BUS_NAME`` right after their commit, as the API does; what fails there
    stays in the outbox for the sweeper.
    """
    import functools
    import os
    from collections.abc import Sequence

    from booking.adapters.eventbridge import EventBridgePublisher
    from booking.adapters.postgres.connection import Database
    from booking.config import database_url, settings

    @functools.cache
    def database() -> Database:
        return Database(database_url(), application_name="booking-lifecycle")

    @functools.cache
    def publisher() -> EventBridgePublisher | None:
        if not os.environ.get("EVENT_BUS_NAME"):
            return None
        return EventBridgePublisher(settings().event_bus_name, settings().event_source)

    def publish(event_ids: Sequence[UUID]) -> None:
        from booking.services.publishing import publish_events

        bus = publisher()
        if bus is None:
            return
        report = publish_events(event_ids, database(), bus)
        if report.failed:
            logger.warning("left %d event(s) for the outbox sweeper", len(report.failed))

    return LifecycleDeps(
        uow=lambda: PostgresUnitOfWork(database(), after_commit=[publish]),
        unifi=functools.cache(UnifiAccessClient.from_settings),
        ninja=functools.cache(NinjaOneClient.from_settings),
    )
