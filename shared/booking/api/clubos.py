"""ClubOS V3 bridge routes: natural-language actions, customer context, recommendations."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Query
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from booking.api import context
from booking.api.responses import ERRORS
from booking.domain.actors import Role
from booking.domain.errors import InvalidRequest, NotFound
from booking.domain.models import User
from booking.services.clubos import ClubOSAction, CustomerRef, handle_action, resolve_customer
from booking.services.clubos_lookup import active_booking_by_phone
from booking.services.customer_context import customer_context
from booking.services.recommendations import recommendations_for

router = Router()


class CustomerIdentity(BaseModel):
    """A customer named by any of their identifiers (the first that matches wins)."""

    model_config = ConfigDict(extra="forbid")

    email: str | None = Field(None, max_length=320)
    phone: str | None = Field(None, max_length=40)
    hubspot_id: str | None = Field(None, max_length=64)


class ClubOSActionBody(BaseModel):
    """``POST /clubos/actions``: what the customer wrote and who they are."""

    model_config = ConfigDict(extra="forbid")

    message: str = Field(min_length=1, max_length=2000)
    customer: str | CustomerIdentity = Field(
        description="e-mail, phone or HubSpot contact id; or an object naming any of them"
    )
    location: str | None = Field(
        None, max_length=200, description="location id, slug or name (default: favourite)"
    )
    thread_id: str | None = Field(None, max_length=200, description="ClubOS conversation id")


class ClubOSActionOut(BaseModel):
    """The bridge's answer: the reply to relay and what was understood and done."""

    reply: str
    intent: str
    needs_clarification: bool
    booking: dict[str, Any] | None = None
    slots: list[dict[str, Any]] = Field(default_factory=list)
    bookings: list[dict[str, Any]] = Field(default_factory=list)
    options: list[dict[str, Any]] = Field(default_factory=list)
    codes: list[str] = Field(default_factory=list)
    customer_id: str | None = None
    location_id: str | None = None
    thread_id: str | None = None


class CustomerContextOut(BaseModel):
    """``GET /clubos/context``."""

    customer: dict[str, Any]
    credits: int
    upcoming_bookings: list[dict[str, Any]]
    recent_bookings: list[dict[str, Any]]
    no_show_count: int
    preferences: dict[str, Any]
    stored_preferences: dict[str, Any]


class ActiveBookingOut(BaseModel):
    """``GET /clubos/bookings/active``: the row ClubOS's door check reads."""

    booking_id: str
    user_phone: str | None = Field(description="the member's phone as stored")
    status: str = Field(description="confirmed or checked_in")
    start_time: datetime
    end_time: datetime
    duration: int = Field(description="minutes")
    location: str = Field(description="the location as ClubOS names it")
    bay_id: str = Field(description="the bay as ClubOS names it, e.g. bay-3")


class RecommendationsOut(BaseModel):
    """``GET /recommendations``."""

    customer_id: str
    wanted: dict[str, Any]
    preferences: dict[str, Any]
    options: list[dict[str, Any]]


def _customer_ref(value: str | CustomerIdentity) -> CustomerRef:
    if isinstance(value, CustomerIdentity):
        return CustomerRef(email=value.email, phone=value.phone, hubspot_id=value.hubspot_id)
    return CustomerRef.parse(value)


@router.post("/clubos/actions", summary="Act on a customer's message (ClubOS)", responses=ERRORS)
def clubos_action(body: ClubOSActionBody) -> ClubOSActionOut:
    """Understand one message (create, availability, modify, cancel, list) and act on it.

    Ambiguity, a taken slot or a refusal by the rules is answered with a question and the
    nearest options; nothing is booked on a guess.
    """
    actor = context.current_actor(router)
    actor.require(Role.SERVICE, Role.ADMIN)
    cmd = ClubOSAction(
        message=body.message,
        customer=_customer_ref(body.customer),
        location=body.location,
        thread_id=body.thread_id,
    )
    result = handle_action(cmd, context.unit_of_work(), actor, context.now())
    return ClubOSActionOut.model_validate(result.to_dict())


@router.get("/clubos/context", summary="A customer's bookings and preferences", responses=ERRORS)
def clubos_context(
    customer: Annotated[
        str, Query(min_length=1, max_length=320, description="e-mail, phone or HubSpot id")
    ],
) -> CustomerContextOut:
    """Upcoming and recent bookings, no-shows, credits and preferences derived from history."""
    actor = context.current_actor(router)
    actor.require(Role.SERVICE, Role.ADMIN)
    uow = context.unit_of_work()
    user = resolve_customer(CustomerRef.parse(customer), uow)
    return CustomerContextOut.model_validate(customer_context(user, uow, now=context.now()))


@router.get(
    "/clubos/bookings/active",
    summary="A customer's active booking by phone (ClubOS's door check)",
    responses=ERRORS,
)
def clubos_active_booking(
    phone: Annotated[str, Query(min_length=3, max_length=40, description="the caller's phone")],
) -> ActiveBookingOut:
    """The earliest confirmed or checked-in booking of the customer with this phone that has
    not ended and starts within 24 hours, as ClubOS reads a booking (404 when none)."""
    actor = context.current_actor(router)
    actor.require(Role.SERVICE, Role.ADMIN)
    found = active_booking_by_phone(phone, context.unit_of_work(), context.now())
    return ActiveBookingOut.model_validate(found)


def _member(customer: str | None) -> User:
    """The member the recommendations are for: the caller, or (services) the named customer."""
    actor = context.current_actor(router)
    uow = context.unit_of_work()
    if actor.role is Role.MEMBER:
        if customer:
            raise InvalidRequest(
                "members get their own recommendations", code="CUSTOMER_NOT_ALLOWED"
            )
        assert actor.user_id is not None
        with uow:
            user = uow.users.get(actor.user_id)
        if user is None:
            raise NotFound("no such member", code="USER_NOT_FOUND")
        return user
    actor.require(Role.MEMBER, Role.SERVICE, Role.ADMIN, Role.STAFF)
    if not customer:
        raise InvalidRequest("name the customer", code="CUSTOMER_REQUIRED")
    return resolve_customer(CustomerRef.parse(customer), uow)


@router.get("/recommendations", summary="Nearest free options for a member", responses=ERRORS)
def recommendations(
    customer: Annotated[
        str | None, Query(max_length=320, description="services and staff: whose options")
    ] = None,
    location_id: Annotated[UUID | None, Query()] = None,
    start: Annotated[
        AwareDatetime | None, Query(description="wanted start, ISO 8601 with offset")
    ] = None,
    duration_minutes: Annotated[int | None, Query(ge=15, le=1440)] = None,
    resource_id: Annotated[UUID | None, Query()] = None,
    resource_type: Annotated[str, Query(pattern=r"^[a-z][a-z_]*$")] = "simulator",
    limit: Annotated[int, Query(ge=1, le=20)] = 5,
) -> RecommendationsOut:
    """Ranked options: same bay other times, other bays same time, then other locations.

    Unset values come from the member's habits (favourite location, bay, time, length).
    Only options the member's own rules allow are offered.
    """
    user = _member(customer)
    wanted_start: datetime | None = start
    result = recommendations_for(
        context.unit_of_work(),
        user,
        now=context.now(),
        location_id=location_id,
        start=wanted_start,
        duration_minutes=duration_minutes,
        resource_id=resource_id,
        resource_type=resource_type,
        limit=limit,
    )
    return RecommendationsOut.model_validate(result)
