"""The waitlist: ``POST /waitlist`` (join), ``GET /waitlist`` (mine, with offers),
``POST /waitlist/{id}/accept`` (the held slot becomes a booking) and
``POST /waitlist/{id}/leave`` (leave, or decline an offer: it goes to the next in line).

Served by the bookings function; the use cases are ``booking.services.waitlist``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.api_gateway import Router
from pydantic import AwareDatetime, BaseModel, Field

from booking.adapters.postgres.repositories import WaitlistEntry
from booking.api import context
from booking.api.responses import ERROR_RESPONSES, ERRORS
from booking.api.schemas.common import BookingOut, _In
from booking.domain.models import Booking
from booking.domain.serialization import booking_to_dict
from booking.services import waitlist as svc

router = Router()


class JoinWaitlistBody(_In):
    """``POST /waitlist``: a window at a club, on one bay, a bay type, or any bay."""

    location_id: UUID
    start: AwareDatetime = Field(description="the window's start, ISO 8601 with offset")
    end: AwareDatetime = Field(description="the window's end, ISO 8601 with offset")
    minutes: int | None = Field(
        None, ge=15, le=720, description="how long to play, somewhere in the window (default: all)"
    )
    resource_id: UUID | None = Field(None, description="one bay (default: any bay)")
    resource_type: str | None = Field(
        None, min_length=1, max_length=40, description="any bay of this type"
    )
    party_size: int = Field(1, ge=1, le=50)
    user_id: UUID | None = Field(None, description="staff put a member on the waitlist")

    def to_command(self) -> svc.JoinWaitlist:
        """The use case's command."""
        return svc.JoinWaitlist(
            location_id=self.location_id,
            start=self.start,
            end=self.end,
            minutes=self.minutes,
            resource_id=self.resource_id,
            resource_type=self.resource_type,
            party_size=self.party_size,
            user_id=self.user_id,
        )


class HoldOut(BaseModel):
    """The slot held for the member, until ``expires_at``."""

    booking_id: UUID
    resource_id: UUID
    start: datetime
    end: datetime
    expires_at: datetime


class WaitlistEntryOut(BaseModel):
    """One place in a club's queue."""

    id: UUID
    location_id: UUID
    resource_id: UUID | None
    resource_type: str | None
    start: datetime
    end: datetime
    minutes: int
    party_size: int
    status: Literal["waiting", "offered", "booked", "left", "lapsed"]
    created_at: datetime
    hold: HoldOut | None = None


class WaitlistOut(BaseModel):
    """The member's entries, soonest window first."""

    items: list[WaitlistEntryOut]


def _out(entry: WaitlistEntry, hold: Booking | None = None) -> WaitlistEntryOut:
    held = None
    if hold is not None and hold.hold_expires_at is not None:
        held = HoldOut(
            booking_id=hold.id,
            resource_id=hold.resource_id,
            start=hold.start,
            end=hold.end,
            expires_at=hold.hold_expires_at,
        )
    return WaitlistEntryOut(
        id=entry.id,
        location_id=entry.location_id,
        resource_id=entry.resource_id,
        resource_type=entry.resource_type,
        start=entry.window_start,
        end=entry.window_end,
        minutes=entry.minutes,
        party_size=entry.party_size,
        status=entry.status,  # the table's CHECK holds these five
        created_at=entry.created_at,
        hold=held,
    )


@router.post(
    "/waitlist",
    summary="Join the waitlist for a taken slot",
    responses={
        201: {
            "description": "Waiting",
            "content": {"application/json": {"model": WaitlistEntryOut}},
        },
        **ERROR_RESPONSES,
    },
)
def join(body: JoinWaitlistBody) -> Response[Any]:
    """Queue at the end; 409 ``SLOT_AVAILABLE`` when a bay is free for it already."""
    actor = context.current_actor(router)
    entry = svc.join_waitlist(body.to_command(), context.unit_of_work(), actor, context.now())
    return Response(
        status_code=201,
        content_type=content_types.APPLICATION_JSON,
        body=_out(entry).model_dump(mode="json"),
    )


@router.get("/waitlist", summary="My waitlist entries and the slots held for me", responses=ERRORS)
def mine() -> WaitlistOut:
    """Open entries, and those settled in the last day."""
    actor = context.current_actor(router)
    views = svc.my_waitlist(context.unit_of_work(), actor, context.now())
    return WaitlistOut(items=[_out(v.entry, v.hold) for v in views])


@router.post(
    "/waitlist/<entry_id>/accept",
    summary="Book the slot held for me",
    responses={
        201: {"description": "Booked", "content": {"application/json": {"model": BookingOut}}},
        **ERROR_RESPONSES,
    },
)
def accept(entry_id: UUID) -> Response[Any]:
    """The hold becomes a booking, charged by the rules; 409 ``HOLD_EXPIRED`` too late."""
    actor = context.current_actor(router)
    booking = svc.accept_offer(entry_id, context.unit_of_work(), actor, context.now())
    return Response(
        status_code=201,
        content_type=content_types.APPLICATION_JSON,
        body=BookingOut.model_validate(booking_to_dict(booking)).model_dump(mode="json"),
    )


@router.post(
    "/waitlist/<entry_id>/leave",
    summary="Leave the waitlist (an offer is declined and goes to the next in line)",
    responses=ERRORS,
)
def leave(entry_id: UUID) -> WaitlistEntryOut:
    """Close the entry."""
    actor = context.current_actor(router)
    return _out(svc.leave_waitlist(entry_id, context.unit_of_work(), actor, context.now()))
