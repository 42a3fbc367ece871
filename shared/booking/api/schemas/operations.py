"""The operations page: outbox, dead letters, integrations and devices."""

from __future__ import annotations

from typing import Any

from pydantic import AwareDatetime

from booking.api.schemas.common import _Model


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
