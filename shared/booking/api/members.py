"""``GET /me``: the caller's profile, credits and upcoming bookings."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler.api_gateway import Router

from booking.api import context
from booking.api.responses import ERRORS
from booking.domain.errors import NotFound
from booking.services import members as svc

router = Router()


@router.get("/me", summary="My profile", responses=ERRORS)
def me() -> dict[str, Any]:
    """The member's profile, credit balance and upcoming bookings."""
    actor = context.current_actor(router)
    if actor.user_id is None:
        raise NotFound("this caller has no member profile", code="PROFILE_NOT_FOUND")
    return svc.profile(actor.user_id, context.unit_of_work(), context.now())
