"""The bookings routes' models (``/rules/check`` takes ``CreateBookingBody`` too)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal
from uuid import UUID

from pydantic import AwareDatetime, Field

from booking.api.schemas.common import BookingOut, _In, _Model, _Paged

if TYPE_CHECKING:
    from booking.services.bookings import CreateBooking, IdempotencyStamp, ModifyBooking


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


class BookingList(_Paged):
    """A page of bookings, by start."""

    bookings: list[BookingOut]


class RefundPreviewOut(_Model):
    """``GET /bookings/{id}/cancel-preview``: what cancelling now would refund."""

    booking_id: UUID
    credit_cost: int
    refund_credits: int
    refund_percent: int
    hours_before_start: float
    policy: list[dict[str, int]] = Field(description="steps: hours_before, refund_percent")
