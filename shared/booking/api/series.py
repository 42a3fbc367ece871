"""League series (staff): ``POST /series/plan``, ``POST /series``, ``POST /series/{id}/cancel``.

Served by the staff function; the use cases are ``booking.services.bookings.series``.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from pydantic import BaseModel, Field

from booking.api import context
from booking.api.responses import ERROR_RESPONSES, ERRORS, reply
from booking.api.schemas.common import BookingOut, _In
from booking.domain.serialization import booking_to_dict
from booking.services.bookings.series import (
    MAX_WEEKS,
    CreateSeries,
    cancel_series,
    create_series,
    plan_series,
)

router = Router()


class SeriesBody(_In):
    """A weekly series: the same bays at the same local time for ``weeks`` weeks."""

    user_id: UUID = Field(description="the member (league organiser) the occurrences are for")
    resource_ids: list[UUID] = Field(min_length=1, max_length=20)
    first_day: date
    start_time: str = Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$", description="local HH:MM")
    duration_minutes: int = Field(ge=15, le=720)
    weeks: int = Field(ge=1, le=MAX_WEEKS)
    skip: list[str] = Field(
        default_factory=list, description="occurrence keys (from the plan) confirmed to leave out"
    )

    def to_command(self) -> CreateSeries:
        """The use case's command."""
        return CreateSeries(
            user_id=self.user_id,
            resource_ids=tuple(self.resource_ids),
            first_day=self.first_day,
            start_time=self.start_time,
            duration_minutes=self.duration_minutes,
            weeks=self.weeks,
            skip=frozenset(self.skip),
        )


class OccurrenceOut(BaseModel):
    """One week on one bay: free (``conflict`` null) or why not."""

    key: str
    resource_id: UUID
    start: str
    end: str
    conflict: str | None
    credit_cost: int


class SeriesPlanOut(BaseModel):
    """The conflict report of a series (nothing booked)."""

    occurrences: list[OccurrenceOut]
    conflicts: int


class SeriesOut(BaseModel):
    """A booked series: its id and its occurrences (ordinary bookings)."""

    series_id: str
    bookings: list[BookingOut]


class SeriesCancelBody(_In):
    """Cancel the series' upcoming occurrences, from ``from_day`` on (all when absent)."""

    from_day: date | None = None


@router.post(
    "/series/plan",
    summary="Plan a league series: every occurrence, free or why not",
    responses=ERRORS,
)
def plan(body: SeriesBody) -> SeriesPlanOut:
    """The conflict report staff confirm before booking (nothing is written)."""
    occurrences = plan_series(
        body.to_command(), context.unit_of_work(), context.current_actor(router), context.now()
    )
    return SeriesPlanOut(
        occurrences=[OccurrenceOut.model_validate(o.as_dict()) for o in occurrences],
        conflicts=sum(1 for o in occurrences if o.conflict),
    )


@router.post(
    "/series",
    summary="Book a league series, all or nothing (409 SERIES_CONFLICTS lists the conflicts)",
    responses={
        201: {"description": "Booked", "content": {"application/json": {"model": SeriesOut}}},
        **ERROR_RESPONSES,
    },
)
def book(body: SeriesBody) -> Response[Any]:
    """Every occurrence but the confirmed skips, in one transaction."""
    series_id, made = create_series(
        body.to_command(), context.unit_of_work(), context.current_actor(router), context.now()
    )
    out = SeriesOut(
        series_id=series_id,
        bookings=[BookingOut.model_validate(booking_to_dict(b)) for b in made],
    )
    return reply(201, out)


@router.post("/series/<series_id>/cancel", summary="Cancel the rest of a series", responses=ERRORS)
def cancel(series_id: str, body: SeriesCancelBody) -> SeriesOut:
    """Cancel each upcoming occurrence from ``from_day`` (refunds by the policy)."""
    cancelled = cancel_series(
        series_id,
        context.unit_of_work(),
        context.current_actor(router),
        context.now(),
        from_day=body.from_day,
    )
    return SeriesOut(
        series_id=series_id,
        bookings=[BookingOut.model_validate(booking_to_dict(b)) for b in cancelled],
    )
