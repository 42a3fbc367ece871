"""``GET /me``: the caller's profile, credits and upcoming bookings."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.api_gateway import Router
from pydantic import AwareDatetime, BaseModel

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
        **ERRORS,
    },
)
def kiosk_code() -> Response[Any]:
    """Issue a code for the calling member (valid 2 minutes, once; a new one replaces it)."""
    from booking.adapters.qr import render_svg
    from booking.services.kiosk_sign_in import issue_code

    issued = issue_code(context.unit_of_work(), context.current_actor(router), context.now())
    return Response(
        status_code=201,
        content_type=content_types.APPLICATION_JSON,
        body={
            "token": issued.token,
            "code": issued.code,
            "expires_at": issued.expires_at.isoformat(),
            "qr_svg": render_svg(issued.token),
        },
    )
