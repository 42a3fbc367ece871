"""Run an event's effect at most once per consumer, recorded in ``processed_events``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar
from uuid import UUID

from booking.services.ports import UnitOfWork, UnitOfWorkFactory

T = TypeVar("T")


class AlreadyProcessed:
    """Returned by ``process_once`` for an event the consumer already handled."""

    def __repr__(self) -> str:
        return "AlreadyProcessed"


ALREADY_PROCESSED = AlreadyProcessed()


def process_once(
    uow_factory: UnitOfWorkFactory,
    consumer: str,
    event_id: UUID,
    effect: Callable[[UnitOfWork], T],
) -> T | AlreadyProcessed:
    """Run ``effect`` unless ``consumer`` already processed ``event_id``.

    The processed mark and the effect's own database writes commit together, after the effect
    (including its calls to a SaaS API) succeeded. An effect that raises leaves no mark, so the
    redelivery (Lambda's retry, the DLQ replay) runs it again. A concurrent duplicate blocks on
    the mark's key until this transaction ends. The one window left - the process dies after the
    SaaS call succeeded and before the commit - is why the calls themselves are made repeatable
    where the API allows (properties set to values, the event id as correlation id).
    """
    uow = uow_factory()
    with uow:
        if not uow.integrations.claim_event(consumer, event_id):
            return ALREADY_PROCESSED
        result = effect(uow)
        uow.commit()
        return result
