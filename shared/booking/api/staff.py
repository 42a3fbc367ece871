"""Staff booking routes: the floor of a day, booking search, a booking's timeline."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID

from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Query
from pydantic import AwareDatetime

from booking.api import context
from booking.api.responses import ERRORS
from booking.api.schemas import BookingHitPage, StaffFloorOut, TimelineOut
from booking.domain.models import BookingStatus
from booking.services import staff_bookings as svc

router = Router()


@router.get("/staff/floor", summary="A location's day: bays and bookings", responses=ERRORS)
def get_floor(
    location_id: Annotated[UUID, Query()],
    date_: Annotated[date | None, Query(alias="date", description="local day, YYYY-MM-DD")] = None,
) -> StaffFloorOut:
    """Every bay of the location (status, health) and every booking of the local day."""
    actor = context.current_actor(router)
    return StaffFloorOut.model_validate(
        svc.floor(location_id, date_, context.unit_of_work(), actor, context.now())
    )


@router.get("/staff/bookings", summary="Find bookings", responses=ERRORS)
def search_bookings(
    q: Annotated[
        str | None, Query(max_length=100, description="member name, e-mail or phone")
    ] = None,
    location_id: Annotated[UUID | None, Query()] = None,
    from_: Annotated[AwareDatetime | None, Query(alias="from")] = None,
    to: Annotated[AwareDatetime | None, Query()] = None,
    status: Annotated[BookingStatus | None, Query()] = None,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
    limit: Annotated[int | None, Query(ge=1, le=200)] = None,
) -> BookingHitPage:
    """Bookings at the caller's locations by member and/or time, by start; cursor-paged."""
    actor = context.current_actor(router)
    page = svc.search_bookings(
        svc.BookingSearch(
            text=q,
            location_id=location_id,
            start=from_,
            end=to,
            statuses=(status,) if status else (),
            cursor=cursor,
            limit=limit,
        ),
        context.unit_of_work(),
        actor,
    )
    return BookingHitPage.model_validate(
        {"items": [svc.hit_to_dict(h) for h in page.items], "next_cursor": page.next_cursor}
    )


@router.get("/bookings/<booking_id>/timeline", summary="A booking's timeline", responses=ERRORS)
def get_timeline(booking_id: UUID) -> TimelineOut:
    """Events, lifecycle steps (door, PC, no-show), failures and staff actions, in time order."""
    actor = context.current_actor(router)
    return TimelineOut.model_validate(svc.timeline(booking_id, context.unit_of_work(), actor))
