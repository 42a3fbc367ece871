"""``POST /bookings/{id}/extend`` (extend from the bay) and ``POST /bookings/groups`` (N bays).

Served by the bookings function beside ``booking.api.bookings``; the use cases are
``booking.services.bookings.extend`` and ``booking.services.bookings.groups``.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.api_gateway import Router
from pydantic import AwareDatetime, BaseModel, Field

from booking.api import context
from booking.api.responses import ERROR_RESPONSES, ERRORS
from booking.api.schemas.common import BookingOut, _In
from booking.domain.serialization import booking_to_dict
from booking.services.bookings.extend import MAX_EXTENSION_MINUTES, ExtendBooking, extend_booking
from booking.services.bookings.groups import MAX_GROUP_BAYS, CreateGroup, create_group

router = Router()


class ExtendBody(_In):
    """``POST /bookings/{id}/extend``."""

    minutes: int = Field(
        ge=1,
        le=MAX_EXTENSION_MINUTES,
        description="added to the end; a multiple of the club's step",
    )


class GroupBody(_In):
    """``POST /bookings/groups``: the same time on several bays of one club."""

    resource_ids: list[UUID] = Field(min_length=2, max_length=MAX_GROUP_BAYS)
    start: AwareDatetime = Field(description="ISO 8601 with offset")
    end: AwareDatetime = Field(description="ISO 8601 with offset, after start")
    party_size: int = Field(1, ge=1, le=50, description="players per bay")
    user_id: UUID | None = Field(None, description="staff and services book for a member")


class GroupOut(BaseModel):
    """The group's bookings (one per bay, the same ``metadata.group_id``)."""

    group_id: str
    bookings: list[BookingOut]


@router.post(
    "/bookings/<booking_id>/extend",
    summary="Extend from the bay (from 15 minutes before the end)",
    responses=ERRORS,
)
def extend(booking_id: UUID, body: ExtendBody) -> BookingOut:
    """Move the end later; the longer booking is charged by the rules (409 when the next slot is
    taken or the window is not open)."""
    actor = context.current_actor(router)
    booking = extend_booking(
        ExtendBooking(booking_id, body.minutes), context.unit_of_work(), actor, context.now()
    )
    return BookingOut.model_validate(booking_to_dict(booking))


@router.post(
    "/bookings/groups",
    summary="Book several bays for the same time, all or nothing",
    responses={
        201: {"description": "Booked", "content": {"application/json": {"model": GroupOut}}},
        **ERROR_RESPONSES,
    },
)
def book_group(body: GroupBody) -> Response[Any]:
    """Every bay or none: one taken bay (409) or one refusal (422) books nothing."""
    actor = context.current_actor(router)
    made = create_group(
        CreateGroup(
            resource_ids=tuple(body.resource_ids),
            start=body.start,
            end=body.end,
            party_size=body.party_size,
            user_id=body.user_id,
        ),
        context.unit_of_work(),
        actor,
        context.now(),
    )
    out = GroupOut(
        group_id=str(made[0].metadata["group_id"]),
        bookings=[BookingOut.model_validate(booking_to_dict(b)) for b in made],
    )
    return Response(
        status_code=201,
        content_type=content_types.APPLICATION_JSON,
        body=out.model_dump(mode="json"),
    )
