"""The staff dashboard's member routes: members, their bookings, ledger and credit changes."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import AwareDatetime, Field

from booking.api.schemas.common import BookingOut, _In, _Model


class MemberOut(_Model):
    """A member with their balance."""

    id: str
    email: str
    name: str
    phone: str | None = None
    tier: str
    tags: list[str]
    hubspot_id: str | None = None
    preferences: dict[str, Any] = Field(default_factory=dict)
    credits: int


class MemberPage(_Model):
    """One page of members."""

    items: list[MemberOut]
    next_cursor: str | None = None


class MemberFigures(_Model):
    """A member's bookings by outcome, at the caller's locations."""

    bookings: int
    upcoming_or_active: int
    completed: int
    cancelled: int
    no_shows: int


class MemberProfileOut(MemberOut):
    """A member's profile with figures."""

    figures: MemberFigures


class BookingPage(_Model):
    """One page of bookings."""

    items: list[BookingOut]
    next_cursor: str | None = None


class LedgerRowOut(_Model):
    """A credit ledger row: what moved, why, who."""

    id: int
    booking_id: str | None = None
    delta: int
    reason: str
    balance_after: int
    note: str
    actor: str | None = None
    created_at: AwareDatetime


class LedgerPage(_Model):
    """One page of a member's ledger, newest first."""

    items: list[LedgerRowOut]
    next_cursor: str | None = None


class CreditChangeBody(_In):
    """Grant credits, or adjust them either way, saying why."""

    delta: int = Field(ge=-10_000, le=10_000)
    kind: Literal["grant", "adjustment"] = "grant"
    reason: str = Field(min_length=1, max_length=500)


class CreditChangeOut(_Model):
    """The balance after a grant or adjustment."""

    user_id: str
    delta: int
    balance: int
    at: AwareDatetime
