"""What the API routes take from the runtime (:mod:`booking.runtime`), and the caller.

Nothing here connects at import; the runtime builds the database handle, the idempotency store
and the publisher on first use and keeps them while the environment stays warm. The caller is
resolved once per request and kept in the request's routing context, which the resolver clears
when the request ends.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.event_handler.api_gateway import BaseRouter

from booking import runtime
from booking.adapters.postgres.connection import Database
from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking.api.auth import actor_from_event
from booking.domain.actors import Actor

if TYPE_CHECKING:
    from booking.adapters.postgres.idempotency import PostgresPersistenceLayer


def database() -> Database:
    """The platform database (one connection per thread, opened lazily)."""
    return runtime.default().database()


def unit_of_work() -> PostgresUnitOfWork:
    """A fresh unit of work on the platform database; its events are published after commit."""
    return runtime.default().unit_of_work()


def idempotency_store() -> PostgresPersistenceLayer:
    """Powertools idempotency records in PostgreSQL, on the unit of work's connection."""
    return runtime.default().idempotency_store()


def now() -> datetime:
    """The current instant (UTC)."""
    return runtime.default().now()


CALLER = "caller"
"""The routing-context key of the request's :class:`_Caller`."""


@dataclass(frozen=True)
class _Caller:
    event: dict[str, Any]
    actor: Actor


def current_actor(router: BaseRouter) -> Actor:
    """The caller: from the authorizer's context when API Gateway ran it, else the token.

    Resolved on the first call of a request (so public routes never ask for a token, and a
    refused token answers 401 where the route first needs the caller), then read from the
    request's context.
    """
    event = router.current_event.raw_event
    held = router.context.get(CALLER)
    if not isinstance(held, _Caller) or held.event is not event:
        held = _Caller(event, actor_from_event(event))
        router.append_context(**{CALLER: held})
    return held.actor
