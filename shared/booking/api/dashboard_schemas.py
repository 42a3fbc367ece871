"""Request and response models of the staff dashboard's routes (the OpenAPI document, and so
the generated web client, is built from them)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import AwareDatetime, ConfigDict, Field

from booking.api.schemas.common import BookingOut, _Model


class _In(_Model):
    model_config = ConfigDict(extra="forbid")


# -- bookings ------------------------------------------------------------------------------


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


# -- members -------------------------------------------------------------------------------


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


# -- rules and catalog -----------------------------------------------------------------------


class RuleActiveBody(_In):
    """Enable or disable a rule."""

    active: bool


class RuleProblem(_Model):
    """A problem of a rule, tied to its field."""

    field: str
    code: str
    message: str


class RuleValidationOut(_Model):
    """Whether a rule would save, and every problem if not."""

    valid: bool
    problems: list[RuleProblem]


class LocationPatchBody(_In):
    """A location's editable fields; those left out keep their value."""

    name: str | None = Field(None, min_length=1, max_length=200)
    address: str | None = Field(None, max_length=500)
    opening_hours: dict[str, list[list[str]]] | None = None
    settings: dict[str, Any] | None = None


class ResourcePatchBody(_In):
    """A bay's editable fields; those left out keep their value."""

    name: str | None = Field(None, min_length=1, max_length=100)
    type: str | None = Field(None, pattern=r"^[a-z][a-z_]*$", max_length=50)
    capacity: int | None = Field(None, ge=1, le=100)
    buffer_minutes: int | None = Field(None, ge=0, le=240)
    status: Literal["active", "maintenance", "unhealthy"] | None = None


# -- operations ------------------------------------------------------------------------------


class OutboxOut(_Model):
    """The outbox's backlog."""

    pending: int
    oldest_pending_seconds: float
    failing: int
    last_published_at: AwareDatetime | None = None
    last_error: str | None = None


class DeadLetterCount(_Model):
    """Messages waiting in a consumer's dead-letter queue."""

    consumer: str
    count: int


class HubSpotSyncOut(_Model):
    """The HubSpot sync's last run and watermark."""

    last_run: dict[str, Any] | None = None
    watermark_ms: int | None = None


class FailedStepOut(_Model):
    """A lifecycle step that failed after its retries."""

    id: int
    booking_id: str | None = None
    location_id: str | None = None
    resource_name: str | None = None
    booking_start: AwareDatetime | None = None
    version: int | None = None
    state: str
    error: str
    cause: str
    at: AwareDatetime


class DeviceOut(_Model):
    """A bay's device health."""

    id: str
    location_id: str
    location_name: str
    name: str
    type: str
    status: str
    device_id: str | None = None
    healthy: bool
    last_unhealthy: dict[str, Any] | None = None
    last_cleanup_at: AwareDatetime | None = None


class OperationsOut(_Model):
    """The operations screen (chain-wide parts are null for staff)."""

    now: AwareDatetime
    outbox: OutboxOut | None = None
    dead_letters: list[DeadLetterCount] | None = None
    hubspot_sync: HubSpotSyncOut | None = None
    failed_lifecycle: list[FailedStepOut]
    devices: list[DeviceOut]


class DeadLetterOut(_Model):
    """A dead letter, as far as it can be read."""

    message_id: str
    detail_type: str | None = None
    event_id: str | None = None
    booking_id: str | None = None
    received_count: int
    body: str


class DeadLettersOut(_Model):
    """A look at a consumer's dead letters."""

    consumer: str
    count: int
    messages: list[DeadLetterOut]


class ReplayOut(_Model):
    """What a replay put back on the bus."""

    consumer: str
    replayed: int
    left: int


# -- reports ---------------------------------------------------------------------------------


class ReportSummary(_Model):
    """Counts and rates over the range."""

    bookings: int
    self_service: int
    no_shows: int
    came_due: int
    cancellations: int
    late_cancellations: int
    self_service_rate: float
    no_show_rate: float
    cancellation_rate: float


class SourceCount(_Model):
    """Bookings from one source."""

    source: str
    bookings: int


class DayCount(_Model):
    """One local day."""

    day: str
    bookings: int
    cancelled: int
    no_shows: int


class BayUtilisation(_Model):
    """Booked over open minutes for a bay."""

    resource_id: str
    resource_name: str
    location_id: str
    location_name: str
    booked_minutes: float
    open_minutes: float
    utilisation: float


class HeatmapRow(_Model):
    """Share of each local hour booked, for one bay (24 values)."""

    resource_id: str
    resource_name: str
    hours: list[float]


class ReportOut(_Model):
    """The KPIs of a range."""

    first_day: str
    last_day: str
    location_id: str | None = None
    summary: ReportSummary
    by_source: list[SourceCount]
    per_day: list[DayCount]
    utilisation: list[BayUtilisation]
    heatmap: list[HeatmapRow]
