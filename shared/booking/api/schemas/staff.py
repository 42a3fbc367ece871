"""The staff dashboard's booking routes: search, the floor and a booking's timeline."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import AwareDatetime

from booking.api.schemas.common import BookingOut, _Model


class MemberRef(_Model):
    """Who a booking is for."""

    id: str
    name: str
    email: str
    phone: str | None = None


class BookingHitOut(BookingOut):
    """A booking with its member's and bay's names."""

    member: MemberRef
    resource_name: str


class BookingHitPage(_Model):
    """One page of a booking search."""

    items: list[BookingHitOut]
    next_cursor: str | None = None


class BayOut(_Model):
    """A bay."""

    id: str
    location_id: str
    name: str
    type: str
    capacity: int
    buffer_minutes: int
    status: Literal["active", "maintenance", "unhealthy"]
    unifi_door_ids: list[str]
    ninjaone_device_id: str | None = None


class FloorBayOut(BayOut):
    """A bay on the floor: can it be booked, what its PC last reported."""

    bookable: bool
    health: Any = None


class ClubOut(_Model):
    """A location: zone, wall-clock opening hours per weekday, settings."""

    id: str
    slug: str
    name: str
    address: str
    time_zone: str
    opening_hours: dict[str, list[list[str]]]
    settings: dict[str, Any]


class BlackoutOut(_Model):
    """A blackout period."""

    id: str
    location_id: str | None = None
    resource_id: str | None = None
    start: AwareDatetime
    end: AwareDatetime
    reason: str


class FloorWaitingOut(_Model):
    """A member waiting for a time that day, in queue order (and the hold offered, if any)."""

    id: str
    member: MemberRef
    resource_id: str | None
    resource_type: str | None
    start: AwareDatetime
    end: AwareDatetime
    minutes: int
    party_size: int
    status: Literal["waiting", "offered"]
    hold_resource_id: str | None = None
    hold_expires_at: AwareDatetime | None = None


class StaffFloorOut(_Model):
    """A location's local day: bays, every booking on them, and who waits for a time."""

    location: ClubOut
    date: str
    start: AwareDatetime
    end: AwareDatetime
    now: AwareDatetime
    bays: list[FloorBayOut]
    bookings: list[BookingHitOut]
    blackouts: list[BlackoutOut]
    waitlist: list[FloorWaitingOut] = []


class TimelineEntryOut(_Model):
    """One thing that happened to a booking."""

    at: AwareDatetime
    kind: str
    label: str
    source: Literal["event", "lifecycle", "staff"]
    actor: str | None = None
    details: dict[str, Any]


class TimelineOut(_Model):
    """A booking's life as recorded."""

    booking: BookingHitOut
    entries: list[TimelineEntryOut]
