"""``GET /me`` and ``GET /me/credits``."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from pydantic import AwareDatetime, Field

from booking.api.schemas.common import BookingOut, _Model


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
