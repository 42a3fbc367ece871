"""Operations routes: the platform's health, dead letters per consumer and their replay."""

from __future__ import annotations

import functools
from typing import Annotated
from uuid import UUID

from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Query

from booking.adapters import dead_letters
from booking.api import context
from booking.api.responses import ERRORS
from booking.api.schemas import DeadLettersOut, OperationsOut, ReplayOut
from booking.services import operations as svc

router = Router()


@functools.cache
def _queues() -> dead_letters.SqsDeadLetters:
    """The stack's dead-letter queues (clients made on first use, reused while warm)."""
    return dead_letters.from_settings()


@router.get("/operations", summary="Platform health", responses=ERRORS)
def get_operations(location_id: Annotated[UUID | None, Query()] = None) -> OperationsOut:
    """Outbox lag, dead letters, HubSpot sync (admins); failed steps and devices (scoped)."""
    actor = context.current_actor(router)
    return OperationsOut.model_validate(
        svc.overview(
            context.unit_of_work(),
            actor,
            context.now(),
            dead_letters=_queues,
            location_id=location_id,
        )
    )


@router.get(
    "/operations/dead-letters/<consumer>", summary="A consumer's dead letters", responses=ERRORS
)
def get_dead_letters(
    consumer: str, limit: Annotated[int, Query(ge=1, le=10)] = 10
) -> DeadLettersOut:
    """A look at up to ``limit`` dead letters, left in place (admins)."""
    actor = context.current_actor(router)
    return DeadLettersOut.model_validate(svc.peek_dead_letters(consumer, actor, _queues, limit))


@router.post(
    "/operations/dead-letters/<consumer>/replay",
    summary="Replay a consumer's dead letters",
    responses=ERRORS,
)
def replay_dead_letters(consumer: str) -> ReplayOut:
    """Put the consumer's dead letters back on the bus; consumers skip what they did (admins)."""
    actor = context.current_actor(router)
    return ReplayOut.model_validate(
        svc.replay_dead_letters(consumer, context.unit_of_work(), actor, _queues)
    )
