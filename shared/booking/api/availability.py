"""``GET /availability``: free slots at a location for a local day (or a few days)."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID

from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Query

from booking.api import context
from booking.api.responses import ERRORS
from booking.api.schemas import AvailabilityOut
from booking.domain.actors import Role
from booking.services.availability import AvailabilityQuery, find_slots, slot_to_dict

router = Router()


@router.get("/availability", summary="Free slots", responses=ERRORS)
def availability(
    location_id: Annotated[UUID, Query()],
    date_: Annotated[date, Query(alias="date", description="local day, YYYY-MM-DD")],
    duration_minutes: Annotated[int, Query(ge=15, le=1440)] = 60,
    days: Annotated[int, Query(ge=1, le=31, description="how many days from date")] = 1,
    resource_type: Annotated[str | None, Query(pattern=r"^[a-z][a-z_]*$")] = None,
    resource_id: Annotated[UUID | None, Query()] = None,
) -> AvailabilityOut:
    """Slots a member could book (their tier's limits apply); staff see the whole floor."""
    actor = context.current_actor(router)
    uow = context.unit_of_work()
    user = None
    if actor.role is Role.MEMBER and actor.user_id is not None:
        with uow:
            user = uow.users.get(actor.user_id)
    from datetime import timedelta

    query = AvailabilityQuery(
        location_id=location_id,
        first_day=date_,
        last_day=date_ + timedelta(days=days - 1),
        duration_minutes=duration_minutes,
        resource_type=resource_type,
        resource_id=resource_id,
    )
    slots, resources = find_slots(query, uow, user=user, now=context.now())
    return AvailabilityOut.model_validate(
        {
            "location_id": location_id,
            "date": date_,
            "duration_minutes": duration_minutes,
            "slots": [slot_to_dict(s, resources) for s in slots],
        }
    )
