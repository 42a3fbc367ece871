"""Access pass routes: the member's rotating QR pass, and the door readers' verify + check-in.

``GET /bookings/{id}/pass`` issues the token of the current 30-second rotation step (see
:mod:`booking.domain.passes`) with the QR code as SVG text and PNG (base64); ``?format=svg`` or
``?format=png`` returns just the image. ``POST /access/verify`` (door readers, kiosks, staff)
checks a scanned token for a door and checks the member in; each token opens each door once
(``PASS_REPLAYED`` for a second scan of the same token at the same door). Every refusal is a
4xx with a code (``PASS_TAMPERED``, ``PASS_STALE``, ``PASS_EXPIRED``, ``PASS_WRONG_DOOR``...),
never a 500.
"""

from __future__ import annotations

import base64
from datetime import datetime, timedelta
from typing import Annotated, Any, Literal
from uuid import UUID

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Query
from pydantic import BaseModel, ConfigDict, Field

from booking.adapters import qr
from booking.adapters.pass_keys import keyring_from_environment
from booking.api import context
from booking.api.responses import ERROR_RESPONSES, ERRORS, reply
from booking.api.schemas import BookingOut
from booking.domain.actors import Role
from booking.domain.errors import Conflict, Forbidden
from booking.domain.models import ACTIVE_STATUSES, Booking, Resource
from booking.domain.passes import (
    PassError,
    PassExpired,
    PassFacts,
    PassKeyRetired,
    PassNotYetValid,
    PassStale,
    PassTampered,
    PassUnknownKey,
    PassWrongDoor,
    issue_pass,
    verify_pass,
)
from booking.domain.serialization import booking_to_dict
from booking.domain.settings import LocationSettings
from booking.services import bookings as svc
from booking.services.pass_uses import record_pass_use

router = Router()

# Most specific first: PassKeyRetired is a PassUnknownKey.
REFUSALS: list[tuple[type[PassError], str]] = [
    (PassTampered, "PASS_TAMPERED"),
    (PassKeyRetired, "PASS_KEY_RETIRED"),
    (PassUnknownKey, "PASS_UNKNOWN_KEY"),
    (PassExpired, "PASS_EXPIRED"),
    (PassNotYetValid, "PASS_NOT_YET_VALID"),
    (PassStale, "PASS_STALE"),
    (PassWrongDoor, "PASS_WRONG_DOOR"),
]


class VerifyBody(BaseModel):
    """``POST /access/verify``: what the door reader scanned, and where."""

    model_config = ConfigDict(extra="forbid")

    token: str = Field(min_length=1, max_length=2000)
    door_id: str = Field(min_length=1, max_length=255)
    booking_id: UUID | None = Field(None, description="the booking the kiosk expects, if known")


class AccessPassQr(BaseModel):
    """The token as a QR code."""

    svg: str
    png_base64: str


class AccessPassOut(BaseModel):
    """A pass to show until ``expires_at``, then fetch again."""

    booking_id: UUID
    token: str
    step: int
    expires_at: datetime
    valid_from: datetime
    valid_until: datetime
    refresh_after_seconds: int
    door_ids: list[str]
    qr: AccessPassQr


class VerifyOut(BaseModel):
    """Access granted: the door may open; the booking is checked in."""

    access: Literal["granted"]
    door_id: str
    booking: BookingOut


def refusal(exc: PassError) -> Forbidden:
    """The API error for a refused pass."""
    code = next((c for cls, c in REFUSALS if isinstance(exc, cls)), "PASS_REFUSED")
    return Forbidden(str(exc) or "pass refused", code=code)


def pass_facts(booking: Booking, resource: Resource, settings: LocationSettings) -> PassFacts:
    """What a pass for ``booking`` grants: its bay's doors, from the door window's opening until
    ``pass_valid_after_minutes`` after the end."""
    return PassFacts(
        booking_id=str(booking.id),
        user_id=str(booking.user_id),
        door_ids=tuple(resource.unifi_door_ids),
        valid_from=booking.start - timedelta(minutes=settings.access_before_minutes),
        ends_at=booking.end,
        valid_until=booking.end + timedelta(minutes=settings.pass_valid_after_minutes),
    )


def _resource_and_settings(booking: Booking) -> tuple[Resource, LocationSettings]:
    uow = context.unit_of_work()
    with uow:
        resource = uow.resources.get(booking.resource_id)
        location = uow.locations.get(booking.location_id)
    assert resource is not None and location is not None  # foreign keys
    return resource, location.settings


@router.get(
    "/bookings/<booking_id>/pass",
    summary="Access pass (rotating QR)",
    responses={
        200: {
            "description": "The pass (JSON), or the QR image alone with ?format=svg|png",
            "content": {"application/json": {"model": AccessPassOut}},
        },
        **ERROR_RESPONSES,
    },
)
def get_pass(
    booking_id: UUID,
    format_: Annotated[
        Literal["json", "svg", "png"] | None,
        Query(alias="format", description="svg or png for the image alone"),
    ] = None,
) -> Response[Any]:
    """The current token of the booking's pass and its QR code; fetch again at ``expires_at``."""
    actor = context.current_actor(router)
    actor.require(Role.MEMBER, Role.STAFF, Role.ADMIN)
    booking = svc.get_booking(booking_id, context.unit_of_work(), actor)
    if booking.status not in ACTIVE_STATUSES:
        raise Conflict(
            f"a {booking.status.value} booking has no pass",
            code="PASS_NOT_AVAILABLE",
            details={"status": booking.status.value},
        )
    resource, settings = _resource_and_settings(booking)
    if not resource.unifi_door_ids:
        raise Conflict("this bay has no doors to open", code="PASS_NOT_AVAILABLE")
    facts = pass_facts(booking, resource, settings)
    now = context.now()
    try:
        issued = issue_pass(facts, keyring_from_environment(), now)
    except (PassNotYetValid, PassExpired) as exc:
        raise Conflict(
            str(exc),
            code=refusal(exc).code,
            details={
                "valid_from": facts.valid_from.isoformat(),
                "valid_until": facts.effective_valid_until.isoformat(),
            },
        ) from exc
    headers = {"Cache-Control": "no-store"}
    if format_ == "svg":
        return Response(200, "image/svg+xml", qr.render_svg(issued.token), headers)
    if format_ == "png":
        # Encoded here, not left to the resolver: response validation would try to read bytes
        # as text.
        png = Response(
            200,
            "image/png",
            base64.b64encode(qr.render_png(issued.token)).decode("ascii"),
            headers,
        )
        png.base64_encoded = True
        return png
    body = AccessPassOut(
        booking_id=booking.id,
        token=issued.token,
        step=issued.step,
        expires_at=issued.expires_at,
        valid_from=facts.valid_from,
        valid_until=issued.valid_until,
        refresh_after_seconds=max(1, int((issued.expires_at - now).total_seconds())),
        door_ids=list(facts.door_ids),
        qr=AccessPassQr(
            svg=qr.render_svg(issued.token),
            png_base64=base64.b64encode(qr.render_png(issued.token)).decode("ascii"),
        ),
    )
    return reply(200, body, headers)


@router.post("/access/verify", summary="Verify a scanned pass and check in", responses=ERRORS)
def verify(body: VerifyBody) -> VerifyOut:
    """Accept a current, untampered pass for this door inside its window; check the member in."""
    actor = context.current_actor(router)
    actor.require(Role.KIOSK, Role.SERVICE, Role.STAFF, Role.ADMIN)
    now = context.now()
    try:
        verified = verify_pass(body.token, keyring_from_environment(), now, body.door_id)
    except PassError as exc:
        raise refusal(exc) from exc
    booking_id = UUID(verified.booking_id)
    if body.booking_id is not None and body.booking_id != booking_id:
        raise Forbidden("this pass belongs to another booking", code="PASS_OTHER_BOOKING")
    booking = svc.get_booking(booking_id, context.unit_of_work(), actor)
    if str(booking.user_id) != verified.user_id:
        raise Forbidden("this pass belongs to another member", code="PASS_OTHER_BOOKING")
    resource, _ = _resource_and_settings(booking)
    if body.door_id not in resource.unifi_door_ids:
        # The booking moved to another bay after this token was issued.
        raise Forbidden(f"pass does not open door {body.door_id!r}", code="PASS_WRONG_DOOR")
    if booking.status not in ACTIVE_STATUSES:
        raise Conflict(
            f"the booking is {booking.status.value}",
            code="BOOKING_NOT_ACTIVE",
            details={"status": booking.status.value},
        )
    # Last check before the door opens: this token has not been used at this door yet.
    record_pass_use(context.unit_of_work(), booking_id, verified.step, body.door_id, now)
    checked_in = svc.check_in(
        booking_id, context.unit_of_work(), actor, now, presence=svc.Presence.PASS_SCAN
    )
    return VerifyOut.model_validate(
        {"access": "granted", "door_id": body.door_id, "booking": booking_to_dict(checked_in)}
    )
