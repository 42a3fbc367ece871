"""Request and response models of the API; the OpenAPI document is generated from them."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, Literal
from uuid import UUID

from aws_lambda_powertools.event_handler.openapi.params import Query
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

from booking.domain.pagination import DEFAULT_LIMIT, MAX_LIMIT

if TYPE_CHECKING:
    from booking.services.bookings import CreateBooking, IdempotencyStamp, ModifyBooking
    from booking.services.rules import SaveRule

Limit = Annotated[
    int,
    Query(
        ge=1,
        le=MAX_LIMIT,
        description=f"page size: {DEFAULT_LIMIT} by default, at most {MAX_LIMIT}",
    ),
]
"""``?limit=``: how many items a page holds (default 50)."""
Cursor = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=1000,
        description="the previous page's next_cursor (opaque); omit for the first page",
    ),
]
"""``?cursor=``: where the page starts."""
NEXT_CURSOR = Field(
    None,
    description="pass as ?cursor= for the next page (same filters); null on the last page",
)


class _Model(BaseModel):
    # Validators are built on first use, not at import: a function uses the models of its own
    # routes, and building all of them (this module's and dashboard_schemas') was a visible
    # part of every API function's cold start. The OpenAPI document builds them all.
    model_config = ConfigDict(defer_build=True)


class _Paged(_Model):
    next_cursor: str | None = NEXT_CURSOR


class _In(_Model):
    model_config = ConfigDict(extra="forbid")


class CreateBookingBody(_In):
    """``POST /bookings``."""

    resource_id: UUID
    start: AwareDatetime = Field(description="ISO 8601 with offset")
    end: AwareDatetime = Field(description="ISO 8601 with offset, after start")
    party_size: int = Field(1, ge=1, le=50)
    user_id: UUID | None = Field(None, description="staff, kiosk and services book for a member")
    source: Literal["api", "kiosk", "clubos", "admin"] | None = Field(
        None,
        description="the booking channel; by default the caller's own (member: api, staff and "
        "admin: admin, kiosk: kiosk, service: api); a role may name only its own channels",
    )
    metadata: dict[str, Any] = Field(default_factory=dict)

    def to_command(self, idempotency: IdempotencyStamp | None = None) -> CreateBooking:
        """The booking this body asks for (``idempotency``: the stamp of its Idempotency-Key)."""
        from booking.domain.models import Source
        from booking.services.bookings import CreateBooking

        return CreateBooking(
            resource_id=self.resource_id,
            start=self.start,
            end=self.end,
            user_id=self.user_id,
            party_size=self.party_size,
            source=Source(self.source) if self.source else None,
            metadata=self.metadata,
            idempotency=idempotency,
        )


class ModifyBookingBody(_In):
    """``PATCH /bookings/{id}``: reschedule and/or change bay."""

    start: AwareDatetime | None = None
    end: AwareDatetime | None = None
    resource_id: UUID | None = None
    party_size: int | None = Field(None, ge=1, le=50)
    expected_version: int | None = Field(None, ge=1)
    reason: str = Field("", max_length=500, description="staff: why the booking is moved")

    def to_command(self, booking_id: UUID) -> ModifyBooking:
        """The change this body asks of booking ``booking_id``."""
        from booking.services.bookings import ModifyBooking

        return ModifyBooking(
            booking_id=booking_id,
            start=self.start,
            end=self.end,
            resource_id=self.resource_id,
            party_size=self.party_size,
            expected_version=self.expected_version,
            reason=self.reason,
        )


class CancelBody(_In):
    """``POST /bookings/{id}/cancel``."""

    reason: str = Field("", max_length=500)
    full_refund: bool = False
    refund_credits: int | None = Field(
        None, ge=0, le=10_000, description="staff: refund this many credits instead of the policy's"
    )


class BookingOut(_Model):
    """A booking."""

    id: UUID
    user_id: UUID
    resource_id: UUID
    location_id: UUID
    start: AwareDatetime
    end: AwareDatetime
    party_size: int
    status: str
    version: int
    source: str
    credit_cost: int
    metadata: dict[str, Any]
    created_at: AwareDatetime
    updated_at: AwareDatetime
    checked_in_at: AwareDatetime | None = None
    cancelled_at: AwareDatetime | None = None


class BookingList(_Paged):
    """A page of bookings, by start."""

    bookings: list[BookingOut]


class SlotOut(_Model):
    """A free slot."""

    resource_id: UUID
    resource_name: str | None = None
    start: AwareDatetime
    end: AwareDatetime


class AvailabilityOut(_Model):
    """``GET /availability``."""

    location_id: UUID
    date: date
    duration_minutes: int
    slots: list[SlotOut]


class CheckOut(_Model):
    """``POST /rules/check``: would the booking pass?"""

    allowed: bool
    reasons: list[dict[str, str]]
    credit_cost: int
    balance: int


class RuleBody(_In):
    """A rule to create or replace."""

    name: str = Field(min_length=1, max_length=100)
    description: str = ""
    scope: Literal["all", "location", "resource_type", "resource"] = "all"
    scope_ref: str | None = None
    condition: str = Field("true", max_length=2000)
    action: dict[str, Any]
    priority: int = Field(100, ge=0, le=100000)
    active: bool = True

    def to_command(self, rule_id: UUID | None = None) -> SaveRule:
        """The rule to save: a new one, or ``rule_id`` replaced."""
        from booking.services.rules import SaveRule

        return SaveRule(
            id=rule_id,
            name=self.name,
            description=self.description,
            scope=self.scope,
            scope_ref=self.scope_ref,
            condition=self.condition,
            action=self.action,
            priority=self.priority,
            active=self.active,
        )


class RuleOut(_Model):
    """A rule."""

    id: UUID
    name: str
    description: str
    scope: str
    scope_ref: str | None
    condition: str
    action: dict[str, Any]
    priority: int
    active: bool


class RuleList(_Paged):
    """A page of rules, by priority (highest first) then name."""

    rules: list[RuleOut]


class BlackoutList(_Paged):
    """A page of blackouts, by start."""

    blackouts: list[dict[str, Any]]


class LocationBody(_In):
    """A location to create."""

    slug: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)
    name: str = Field(min_length=1, max_length=200)
    address: str = ""
    time_zone: str
    opening_hours: dict[str, list[list[str]]]
    settings: dict[str, Any] = Field(default_factory=dict)


class ResourceBody(_In):
    """A resource to create."""

    location_id: UUID
    name: str = Field(min_length=1, max_length=100)
    type: str = Field("simulator", pattern=r"^[a-z][a-z_]*$")
    capacity: int = Field(4, ge=1, le=100)
    buffer_minutes: int = Field(0, ge=0, le=240)
    # Door ids travel inside signed passes (1..255 bytes each); 64 characters fit any id.
    unifi_door_ids: list[Annotated[str, StringConstraints(min_length=1, max_length=64)]] = Field(
        default_factory=list, max_length=16
    )
    ninjaone_device_id: str | None = Field(None, min_length=1, max_length=128)


class ResourceStatusBody(_In):
    """Change a resource's status."""

    status: Literal["active", "maintenance", "unhealthy"]


class BlackoutBody(_In):
    """A blackout to create."""

    location_id: UUID | None = None
    resource_id: UUID | None = None
    start: AwareDatetime
    end: AwareDatetime
    reason: str = Field("", max_length=500)


class ErrorBody(_Model):
    """The error object."""

    code: str
    message: str
    details: Any = None


class ErrorOut(_Model):
    """Every error reply."""

    error: ErrorBody


class ResourceOut(_Model):
    """A bay (or other resource)."""

    id: UUID
    location_id: UUID
    name: str
    type: str
    capacity: int
    buffer_minutes: int
    status: str
    unifi_door_ids: list[str]
    ninjaone_device_id: str | None = None


class LocationOut(_Model):
    """A location; ``resources`` when listed with its bays."""

    id: UUID
    slug: str
    name: str
    address: str
    time_zone: str = Field(description="IANA zone, e.g. America/Toronto")
    opening_hours: dict[str, Any]
    settings: dict[str, Any]
    resources: list[ResourceOut] | None = None


class LocationList(_Paged):
    """``GET /locations``: a page of locations (with their resources), by name."""

    locations: list[LocationOut]


class MeOut(_Model):
    """``GET /me``: the member's profile, balance and upcoming bookings."""

    id: UUID
    email: str
    name: str
    phone: str | None = None
    tier: str
    tags: list[str]
    hubspot_id: str | None = None
    preferences: dict[str, Any]
    credits: int
    upcoming_bookings: list[BookingOut]


class CreditEntryOut(_Model):
    """One movement of credits."""

    id: int
    delta: int
    balance_after: int
    reason: str = Field(description="e.g. grant, booking, cancellation_refund, modification")
    note: str
    booking_id: UUID | None = None
    created_at: AwareDatetime


class CreditsOut(_Model):
    """``GET /me/credits``: the balance and the latest movements, newest first."""

    balance: int
    entries: list[CreditEntryOut]


class RefundPreviewOut(_Model):
    """``GET /bookings/{id}/cancel-preview``: what cancelling now would refund."""

    booking_id: UUID
    credit_cost: int
    refund_credits: int
    refund_percent: int
    hours_before_start: float
    policy: list[dict[str, int]] = Field(description="steps: hours_before, refund_percent")
