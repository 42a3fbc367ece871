"""Members."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from psycopg.types.json import Jsonb

from booking.adapters.postgres.repositories.base import BaseRepository
from booking.adapters.postgres.repositories.rows import user_from_row
from booking.domain.models import (
    User,
)


class UserRepository(BaseRepository):
    """Members."""

    def get(self, user_id: UUID, *, for_update: bool = False) -> User | None:
        """One user; ``for_update`` serialises a member's concurrent bookings."""
        lock = " FOR UPDATE" if for_update else ""
        row = self._one("SELECT * FROM users WHERE id = %s" + lock, (user_id,))
        return user_from_row(row) if row else None

    def by_email(self, email: str) -> User | None:
        """Look a user up by e-mail, ignoring case."""
        row = self._one("SELECT * FROM users WHERE lower(email) = lower(%s)", (email,))
        return user_from_row(row) if row else None

    def by_phone(self, phone: str) -> User | None:
        """Look a user up by phone number."""
        row = self._one("SELECT * FROM users WHERE phone = %s", (phone,))
        return user_from_row(row) if row else None

    def by_hubspot_id(self, hubspot_id: str) -> User | None:
        """Look a user up by HubSpot contact id."""
        row = self._one("SELECT * FROM users WHERE hubspot_id = %s", (hubspot_id,))
        return user_from_row(row) if row else None

    def add(
        self,
        *,
        email: str,
        name: str = "",
        tier: str = "standard",
        tags: Sequence[str] = (),
        hubspot_id: str | None = None,
        phone: str | None = None,
        preferences: dict[str, Any] | None = None,
    ) -> User:
        """Insert a user (their credit account opens by trigger)."""
        row = self._one(
            "INSERT INTO users (email, name, tier, tags, hubspot_id, phone, preferences)"
            " VALUES (%s,%s,%s,%s,%s,%s,%s) RETURNING *",
            (email, name, tier, list(tags), hubspot_id, phone, Jsonb(preferences or {})),
        )
        assert row
        return user_from_row(row)

    def update_from_crm(
        self,
        user_id: UUID,
        *,
        hubspot_id: str,
        name: str,
        tier: str | None,
        tags: Sequence[str] | None,
        preferences: dict[str, Any] | None,
    ) -> None:
        """Apply what the CRM owns of a member (name, tier, tags, preferences); an empty or
        missing value keeps ours. E-mail and phone are ours once the member exists."""
        self._execute(
            "UPDATE users SET hubspot_id = %s, name = COALESCE(NULLIF(%s, ''), name),"
            " tier = COALESCE(%s, tier), tags = COALESCE(%s, tags),"
            " preferences = COALESCE(%s::jsonb, preferences),"
            " updated_at = now() WHERE id = %s",
            (
                hubspot_id,
                name,
                tier,
                list(tags) if tags is not None else None,
                Jsonb(preferences) if preferences is not None else None,
                user_id,
            ),
        )
