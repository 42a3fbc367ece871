"""Kiosk routes: a member signs in with the one-time code their app shows, then walks in (the
next free bay now, with its access pass) or checks in to today's booking and gets its pass."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID
from zoneinfo import ZoneInfo

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Query
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from booking.adapters.pass_keys import keyring_from_environment
from booking.adapters.qr import render_svg
from booking.api import context
from booking.api.responses import ERROR_RESPONSES, reply
from booking.api.schemas import BookingOut
from booking.domain.actors import Role
from booking.domain.errors import NotFound
from booking.domain.passes import Pass
from booking.domain.serialization import booking_to_dict
from booking.services import kiosk_sign_in
from booking.services.clubos import CustomerRef, fmt_clock, resolve_customer
from booking.services.kiosk import (
    CheckedIn,
    KioskCheckIn,
    WalkIn,
    WalkInResult,
    check_in_at_kiosk,
    floor_now,
    todays_bookings,
    walk_in,
)
from booking.services.kiosk_sign_in import SignInRefused

router = Router()


class WalkInBody(BaseModel):
    """``POST /kiosk/walk-in``: who is at the door and for how long.

    A kiosk sends the ``session`` of the signed-in member; only an admin may name a member by
    ``customer`` (e-mail, phone or HubSpot id) or ``user_id``.
    """

    model_config = ConfigDict(extra="forbid")

    session: str | None = Field(
        None, min_length=16, max_length=200, description="from POST /kiosk/sign-in"
    )
    customer: str | None = Field(
        None, max_length=320, description="admins only: e-mail, phone or HubSpot id"
    )
    user_id: UUID | None = Field(None, description="admins only")
    location_id: UUID | None = Field(
        None, description="required unless the kiosk's token names exactly one location"
    )
    duration_minutes: int = Field(60, ge=15, le=1440)
    resource_type: str = Field("simulator", pattern=r"^[a-z][a-z_]*$")
    party_size: int = Field(1, ge=1, le=50)
    qr: Literal["svg", "none"] = Field("svg", description="include the pass as an SVG QR code")

    @model_validator(mode="after")
    def _one_member(self) -> WalkInBody:
        given = [x for x in (self.session, self.customer, self.user_id) if x is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of session, customer or user_id")
        return self


class PassOut(BaseModel):
    """The rotating access pass: show ``token`` (or ``qr_svg``) until ``expires_at``."""

    token: str
    step: int
    expires_at: AwareDatetime
    valid_until: AwareDatetime
    qr_svg: str | None = None


class _BookingWithPass(BaseModel):
    """A booking at the kiosk, its bay and location, its pass and what to tell the member."""

    booking: BookingOut
    resource_name: str
    location_name: str
    access_pass: PassOut | None = Field(None, alias="pass")
    reply: str

    model_config = ConfigDict(populate_by_name=True)


class WalkInOut(_BookingWithPass):
    """The walk-in booking and its pass (null when the bay has no door configured)."""


@router.post(
    "/kiosk/walk-in",
    summary="Walk-in: the next free bay now, with its pass",
    responses={
        201: {"description": "Booked", "content": {"application/json": {"model": WalkInOut}}},
        **ERROR_RESPONSES,
    },
)
def kiosk_walk_in(body: WalkInBody) -> Response[WalkInOut]:
    """Book the first bay free from now for the duration (no last-minute cut-off) and return
    its access pass."""
    actor = context.current_actor(router)
    actor.require(Role.KIOSK, Role.ADMIN)
    uow = context.unit_of_work()
    user_id = body.user_id
    if body.customer is not None:
        if actor.role is not Role.ADMIN:
            raise SignInRefused(
                "an e-mail or phone alone does not identify a member at a kiosk: sign in with "
                "the code the member's app shows",
                code="KIOSK_SIGN_IN_REQUIRED",
            )
        user_id = resolve_customer(CustomerRef.parse(body.customer), uow).id
    keyring = keyring_from_environment()  # before booking: no pass, no walk-in
    result = walk_in(
        WalkIn(
            user_id=user_id,
            session=body.session,
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
    return reply(201, _booking_with_pass(result, body.qr == "svg", "{bay} is yours until {end}."))


def _booking_with_pass(
    result: WalkInResult | CheckedIn, with_svg: bool, say: str
) -> dict[str, Any]:
    """The reply body of a walk-in or a check-in; ``say`` names ``{bay}`` and its ``{end}``."""
    end = result.booking.end.astimezone(ZoneInfo(result.location.time_zone))
    return {
        "booking": booking_to_dict(result.booking),
        "resource_name": result.resource.name,
        "location_name": result.location.name,
        "pass": _pass_out(result.access_pass, with_svg),
        "reply": say.format(bay=result.resource.name, end=fmt_clock(end)),
    }


def _pass_out(p: Pass | None, with_svg: bool) -> dict[str, Any] | None:
    if p is None:
        return None
    return {
        "token": p.token,
        "step": p.step,
        "expires_at": p.expires_at.isoformat(),
        "valid_until": p.valid_until.isoformat(),
        "qr_svg": render_svg(p.token) if with_svg else None,
    }


class SignInBody(BaseModel):
    """``POST /kiosk/sign-in``: the scanned QR token, or the 6 digits with an e-mail or phone."""

    model_config = ConfigDict(extra="forbid")

    token: str | None = Field(None, min_length=8, max_length=200, description="scanned QR token")
    code: str | None = Field(None, pattern=r"^[0-9]{6}$", description="the 6 digits the app shows")
    customer: str | None = Field(
        None, min_length=3, max_length=320, description="e-mail or phone, with code"
    )
    location_id: UUID | None = Field(
        None, description="required unless the kiosk's token names exactly one location"
    )

    @model_validator(mode="after")
    def _token_or_code(self) -> SignInBody:
        if self.token is not None:
            if self.code is not None or self.customer is not None:
                raise ValueError("give the token alone, or the code with customer")
        elif self.code is None or self.customer is None:
            raise ValueError("give the scanned token, or code and customer (e-mail or phone)")
        return self


class KioskMember(BaseModel):
    """The signed-in member as the kiosk greets them."""

    id: UUID
    name: str
    credits: int


class KioskBooking(BaseModel):
    """One of the member's bookings still on today at this club."""

    booking: BookingOut
    resource_name: str


class SignInOut(BaseModel):
    """A kiosk session for the member, and what they can do with it."""

    session: str
    expires_at: AwareDatetime
    member: KioskMember
    location_id: UUID
    location_name: str
    bookings: list[KioskBooking]


class SessionBody(BaseModel):
    """``POST /kiosk/sign-out``: end a kiosk session."""

    model_config = ConfigDict(extra="forbid")
    session: str = Field(min_length=16, max_length=200)


class SignedOutOut(BaseModel):
    """The kiosk session is over."""

    signed_out: bool


class KioskCheckInBody(BaseModel):
    """``POST /kiosk/check-in``: check in to one of today's bookings (again: the pass anew)."""

    model_config = ConfigDict(extra="forbid")
    session: str = Field(min_length=16, max_length=200)
    booking_id: UUID
    qr: Literal["svg", "none"] = "svg"


class KioskCheckInOut(_BookingWithPass):
    """The booking checked in to, and its pass."""


@router.post(
    "/kiosk/sign-in",
    summary="Sign a member in at the kiosk with their app's one-time code",
    responses={
        201: {"description": "Signed in", "content": {"application/json": {"model": SignInOut}}},
        **ERROR_RESPONSES,
    },
)
def kiosk_sign_in_route(body: SignInBody) -> Response[SignInOut]:
    """Redeem the scanned token, or the 6 digits with the member's e-mail or phone."""
    actor = context.current_actor(router)
    actor.require(Role.KIOSK)
    uow = context.unit_of_work()
    now = context.now()
    member = None
    if body.customer is not None:
        ref = CustomerRef.parse(body.customer)
        try:  # e-mail or phone only: HubSpot ids are not something members know
            member = resolve_customer(CustomerRef(email=ref.email, phone=ref.phone), uow)
        except NotFound:
            member = None  # refused below exactly as a wrong code is
    signed = kiosk_sign_in.sign_in(
        uow,
        actor,
        now,
        token=body.token,
        member=member,
        code=body.code,
        location_id=body.location_id,
    )
    with uow:
        credits = uow.credits.balance(signed.user.id)
    today = todays_bookings(uow, signed.user.id, signed.location, now)
    return reply(
        201,
        {
            "session": signed.session,
            "expires_at": signed.expires_at.isoformat(),
            "member": {"id": str(signed.user.id), "name": signed.user.name, "credits": credits},
            "location_id": str(signed.location.id),
            "location_name": signed.location.name,
            "bookings": [
                {"booking": booking_to_dict(b), "resource_name": bay.name} for b, bay in today
            ],
        },
    )


@router.post(
    "/kiosk/sign-out",
    summary="End a kiosk session",
    responses={
        200: {
            "description": "Signed out",
            "content": {"application/json": {"model": SignedOutOut}},
        },
        **ERROR_RESPONSES,
    },
)
def kiosk_sign_out_route(body: SessionBody) -> dict[str, bool]:
    """The kiosk went back to its start screen."""
    actor = context.current_actor(router)
    kiosk_sign_in.sign_out(context.unit_of_work(), actor, body.session, context.now())
    return {"signed_out": True}


@router.post(
    "/kiosk/check-in",
    summary="Check the signed-in member in to today's booking, with its pass",
    responses={
        200: {
            "description": "Checked in",
            "content": {"application/json": {"model": KioskCheckInOut}},
        },
        **ERROR_RESPONSES,
    },
)
def kiosk_check_in_route(body: KioskCheckInBody) -> Response[KioskCheckInOut]:
    """Check in (idempotent) and return the booking's rotating pass."""
    actor = context.current_actor(router)
    actor.require(Role.KIOSK)
    keyring = keyring_from_environment()
    result = check_in_at_kiosk(
        KioskCheckIn(session=body.session, booking_id=body.booking_id),
        context.unit_of_work(),
        actor,
        context.now(),
        keyring,
    )
    said = "You're checked in: {bay} until {end}."
    return reply(200, _booking_with_pass(result, body.qr == "svg", said))


class FloorBay(BaseModel):
    """One bay and whether a walk-in could have it now."""

    id: UUID
    name: str
    free_now: bool


class FloorOut(BaseModel):
    """The kiosk's start screen: its club and the bays free for a walk-in now."""

    location_id: UUID
    location_name: str
    time_zone: str
    duration_minutes: int
    free_count: int
    bays: list[FloorBay]


@router.get(
    "/kiosk/floor",
    summary="Bays free for a walk-in right now",
    responses={
        200: {"description": "The floor", "content": {"application/json": {"model": FloorOut}}},
        **ERROR_RESPONSES,
    },
)
def kiosk_floor(
    location_id: Annotated[UUID | None, Query()] = None,
    duration_minutes: Annotated[int, Query(ge=15, le=1440)] = 60,
) -> FloorOut:
    """Which of the kiosk's bays a walk-in of ``duration_minutes`` could take now."""
    floor = floor_now(
        context.unit_of_work(),
        context.current_actor(router),
        context.now(),
        location_id=location_id,
        duration_minutes=duration_minutes,
    )
    return FloorOut(
        location_id=floor.location.id,
        location_name=floor.location.name,
        time_zone=floor.location.time_zone,
        duration_minutes=floor.duration_minutes,
        free_count=len(floor.free_ids),
        bays=[FloorBay(id=b.id, name=b.name, free_now=b.id in floor.free_ids) for b in floor.bays],
    )
