"""``GET /me``: the caller's profile, credits and upcoming bookings."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Query

from booking.api import context
from booking.api.responses import ERRORS
from booking.api.schemas import CreditsOut, MeOut
from booking.domain.actors import Actor
from booking.domain.errors import NotFound
from booking.services import members as svc

router = Router()


@router.get("/me", summary="My profile", responses=ERRORS)
def me() -> MeOut:
    """The member's profile, credit balance and upcoming bookings."""
    actor = context.current_actor(router)
    return MeOut.model_validate(
        svc.profile(_member_id(actor), context.unit_of_work(), context.now())
    )


@router.get("/me/credits", summary="My credit balance and history", responses=ERRORS)
def my_credits(limit: Annotated[int, Query(ge=1, le=200)] = 50) -> CreditsOut:
    """The caller's balance and latest credit movements, newest first."""
    actor = context.current_actor(router)
    return CreditsOut.model_validate(
        svc.credit_history(_member_id(actor), context.unit_of_work(), limit=limit)
    )


def _member_id(actor: Actor) -> UUID:
    if actor.user_id is None:
        raise NotFound("this caller has no member profile", code="PROFILE_NOT_FOUND")
    return actor.user_id
