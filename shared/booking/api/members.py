"""``GET /me``: the caller's profile, credits and upcoming bookings."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Query
from pydantic import AwareDatetime, BaseModel

from booking.api import context
from booking.api.responses import ERROR_RESPONSES, ERRORS, reply
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


class KioskCodeOut(BaseModel):
    """A one-time kiosk sign-in code: show the QR (``token``) or the 6 digits until it expires."""

    token: str
    code: str
    expires_at: AwareDatetime
    qr_svg: str


@router.post(
    "/me/kiosk-code",
    summary="A one-time code to sign in at a club's kiosk",
    responses={
        201: {"description": "Issued", "content": {"application/json": {"model": KioskCodeOut}}},
        **ERROR_RESPONSES,
    },
)
def kiosk_code() -> Response[Any]:
    """Issue a code for the calling member (valid 2 minutes, once; a new one replaces it)."""
    from booking.adapters.qr import render_svg
    from booking.services.kiosk_sign_in import issue_code

    issued = issue_code(context.unit_of_work(), context.current_actor(router), context.now())
    return reply(
        201,
        {
            "token": issued.token,
            "code": issued.code,
            "expires_at": issued.expires_at.isoformat(),
            "qr_svg": render_svg(issued.token),
        },
    )
