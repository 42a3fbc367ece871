"""Domain entities as plain frozen dataclasses."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from booking.domain.opening_hours import OpeningHours
from booking.domain.settings import LocationSettings


class BookingStatus(enum.StrEnum):
    """Where a booking is in its life."""

    CONFIRMED = "confirmed"
    CHECKED_IN = "checked_in"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"
    HELD = "held"
    """Held for a member from the waitlist until ``hold_expires_at``; accepting confirms it."""
    LAPSED = "lapsed"
    """A hold that expired or was declined."""


ACTIVE_STATUSES = frozenset({BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN})


class Source(enum.StrEnum):
    """The channel a booking came through."""

    API = "api"
    KIOSK = "kiosk"
    CLUBOS = "clubos"
    ADMIN = "admin"


class ResourceStatus(enum.StrEnum):
    """Whether a bay can be booked."""

    ACTIVE = "active"
    MAINTENANCE = "maintenance"
    UNHEALTHY = "unhealthy"


@dataclass(frozen=True)
class Location:
    """A club: its zone, opening hours and settings."""

    id: UUID
    slug: str
    name: str
    address: str
    time_zone: str
    opening_hours: OpeningHours
    settings: LocationSettings


@dataclass(frozen=True)
class Resource:
    """A bookable thing at a location (usually a simulator bay)."""

    id: UUID
    location_id: UUID
    name: str
    type: str
    capacity: int
    buffer_minutes: int
    status: ResourceStatus
    unifi_door_ids: tuple[str, ...] = ()
    ninjaone_device_id: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def bookable(self) -> bool:
        """Only active bays are offered and accept bookings."""
        return self.status is ResourceStatus.ACTIVE


@dataclass(frozen=True)
class User:
    """A member (or staff person) as the platform knows them."""

    id: UUID
    email: str
    name: str
    tier: str
    tags: tuple[str, ...]
    hubspot_id: str | None = None
    phone: str | None = None
    preferences: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Booking:
    """A booking as stored."""

    id: UUID
    user_id: UUID
    resource_id: UUID
    location_id: UUID
    start: datetime
    end: datetime
    party_size: int
    status: BookingStatus
    version: int
    source: Source
    credit_cost: int
    metadata: dict[str, Any]
    created_at: datetime
    updated_at: datetime
    checked_in_at: datetime | None = None
    cancelled_at: datetime | None = None
    # Most a cancellation may refund, in percent: lowered when the booking is moved inside the
    # cancellation policy's partial-refund window (see booking.domain.credits).
    refund_cap_percent: int = 100
    # Until when a waitlist hold (status ``held``) stands; None for bookings proper.
    hold_expires_at: datetime | None = None

    @property
    def active(self) -> bool:
        """Active bookings hold their bay (the database's exclusion applies to them)."""
        return self.status in ACTIVE_STATUSES

    @property
    def duration_minutes(self) -> int:
        """Real elapsed minutes (correct across DST changes)."""
        return int((self.end - self.start).total_seconds() // 60)


@dataclass(frozen=True)
class Blackout:
    """A period when a location or one bay cannot be booked."""

    id: UUID
    location_id: UUID | None
    resource_id: UUID | None
    start: datetime
    end: datetime
    reason: str


@dataclass(frozen=True)
class Interval:
    """A half-open instant interval [start, end)."""

    start: datetime
    end: datetime

    def overlaps(self, other: Interval) -> bool:
        """True when the two half-open intervals share an instant."""
        return self.start < other.end and other.start < self.end
