"""``GET /availability``."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from pydantic import AwareDatetime

from booking.api.schemas.common import _Model


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
