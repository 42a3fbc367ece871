"""Member use cases: profile with credits and upcoming bookings; finding a customer."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from booking.domain.errors import NotFound
from booking.domain.models import User
from booking.domain.serialization import booking_to_dict, user_to_dict
from booking.services.ports import UnitOfWork


def profile(user_id: UUID, uow: UnitOfWork, now: datetime) -> dict[str, Any]:
    """``GET /me``: the profile, the credit balance and upcoming bookings."""
    with uow:
        user = uow.users.get(user_id)
        if user is None:
            raise NotFound(f"user {user_id} not found", code="USER_NOT_FOUND")
        balance = uow.credits.balance(user_id)
        upcoming = uow.bookings.for_user(user_id, since=now, statuses=("confirmed", "checked_in"))
    return {
        **user_to_dict(user),
        "credits": balance,
        "upcoming_bookings": [booking_to_dict(b) for b in upcoming],
    }


def credit_history(user_id: UUID, uow: UnitOfWork, limit: int = 50) -> dict[str, Any]:
    """``GET /me/credits``: the balance and the latest ledger rows, newest first."""
    with uow:
        balance = uow.credits.balance(user_id)
        rows = uow.credits.entries(user_id, limit=limit)
    keys = ("id", "delta", "balance_after", "reason", "note", "booking_id", "created_at")
    return {"balance": balance, "entries": [{k: row[k] for k in keys} for row in rows]}


def find_customer(
    uow: UnitOfWork,
    *,
    email: str | None = None,
    phone: str | None = None,
    hubspot_id: str | None = None,
) -> User:
    """Resolve a customer by e-mail, phone or HubSpot id (the first given that matches)."""
    with uow:
        user = None
        if email:
            user = uow.users.by_email(email)
        if user is None and phone:
            user = uow.users.by_phone(phone)
        if user is None and hubspot_id:
            user = uow.users.by_hubspot_id(hubspot_id)
    if user is None:
        raise NotFound("no such customer", code="CUSTOMER_NOT_FOUND")
    return user
