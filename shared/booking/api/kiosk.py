"""Kiosk route: a walk-in booking on the next free bay, with its access pass."""

from __future__ import annotations

from typing import Any, Literal
from uuid import UUID
from zoneinfo import ZoneInfo

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from booking.adapters.pass_keys import keyring_from_environment
from booking.adapters.qr import render_svg
from booking.api import context
from booking.api.responses import ERRORS, json_reply
from booking.api.schemas import BookingOut
from booking.domain.actors import Role
from booking.domain.serialization import booking_to_dict
from booking.services.clubos import CustomerRef, fmt_clock, resolve_customer
from booking.services.kiosk import WalkIn, walk_in

router = Router()


class WalkInBody(BaseModel):
    """``POST /kiosk/walk-in``: who is at the door and for how long."""

    model_config = ConfigDict(extra="forbid")

    customer: str | None = Field(
        None, max_length=320, description="e-mail, phone or HubSpot id of the member"
    )
    user_id: UUID | None = None
    location_id: UUID | None = Field(
        None, description="required unless the kiosk's token names exactly one location"
    )
    duration_minutes: int = Field(60, ge=15, le=1440)
    resource_type: str = Field("simulator", pattern=r"^[a-z][a-z_]*$")
    party_size: int = Field(1, ge=1, le=50)
    qr: Literal["svg", "none"] = Field("svg", description="include the pass as an SVG QR code")

    @model_validator(mode="after")
    def _one_member(self) -> WalkInBody:
        if (self.customer is None) == (self.user_id is None):
            raise ValueError("give exactly one of customer or user_id")
        return self


class PassOut(BaseModel):
    """The rotating access pass: show ``token`` (or ``qr_svg``) until ``expires_at``."""

    token: str
    step: int
    expires_at: AwareDatetime
    valid_until: AwareDatetime
    qr_svg: str | None = None


class WalkInOut(BaseModel):
    """The walk-in booking and its pass (null when the bay has no door configured)."""

    booking: BookingOut
    resource_name: str
    location_name: str
    access_pass: PassOut | None = Field(None, alias="pass")
    reply: str

    model_config = ConfigDict(populate_by_name=True)


@router.post(
    "/kiosk/walk-in",
    summary="Walk-in: the next free bay now, with its pass",
    responses={
        201: {"description": "Booked", "content": {"application/json": {"model": WalkInOut}}},
        **ERRORS,
    },
)
def kiosk_walk_in(body: WalkInBody) -> Response[WalkInOut]:
    """Book the first bay free from now for the duration (no last-minute cut-off) and return
    its access pass."""
    actor = context.current_actor(router)
    actor.require(Role.KIOSK, Role.ADMIN)
    uow = context.unit_of_work()
    if body.user_id is not None:
        user_id = body.user_id
    else:
        assert body.customer is not None
        user_id = resolve_customer(CustomerRef.parse(body.customer), uow).id
    keyring = keyring_from_environment()  # before booking: no pass, no walk-in
    result = walk_in(
        WalkIn(
            user_id=user_id,
            duration_minutes=body.duration_minutes,
            location_id=body.location_id,
            resource_type=body.resource_type,
            party_size=body.party_size,
        ),
        uow,
        actor,
        context.now(),
        keyring,
    )
    access: dict[str, Any] | None = None
    if result.access_pass is not None:
        p = result.access_pass
        access = {
            "token": p.token,
            "step": p.step,
            "expires_at": p.expires_at.isoformat(),
            "valid_until": p.valid_until.isoformat(),
            "qr_svg": render_svg(p.token) if body.qr == "svg" else None,
        }
    end = result.booking.end.astimezone(ZoneInfo(result.location.time_zone))
    reply = f"{result.resource.name} is yours until {fmt_clock(end)}."
    body_out = {
        "booking": booking_to_dict(result.booking),
        "resource_name": result.resource.name,
        "location_name": result.location.name,
        "pass": access,
        "reply": reply,
    }
    return json_reply(201, body_out)
