"""Run an event's effect at most once per consumer, recorded in ``processed_events``."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar
from uuid import UUID, uuid5

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


_DELIVERY_NAMESPACE = UUID("c0b7d1a4-5f3e-4c1b-8e0e-2b9f5d7a6c13")


def delivery_key(raw: bytes) -> UUID:
    """A key for one webhook delivery: the hash of its exact body."""
    return uuid5(_DELIVERY_NAMESPACE, "sha256:" + hashlib.sha256(raw).hexdigest())


def claim_delivery(uow_factory: UnitOfWorkFactory, consumer: str, key: UUID) -> bool:
    """Record a delivery before processing it (committed at once); False for a replay.

    Claiming first closes the window in which a replay arriving while the first delivery is
    still being processed would run it a second time.
    """
    uow = uow_factory()
    with uow:
        claimed = uow.integrations.claim_event(consumer, key)
        uow.commit()
    return claimed


def release_delivery(uow_factory: UnitOfWorkFactory, consumer: str, key: UUID) -> None:
    """Forget a claimed delivery whose processing failed, so the sender's retry runs it."""
    uow = uow_factory()
    with uow:
        uow.integrations.release_event(consumer, key)
        uow.commit()
