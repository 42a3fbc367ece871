"""UniFi Access door webhooks: ``access.door.unlock`` checks the member in to their booking."""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from booking.domain.actors import Actor, Role
from booking.domain.errors import Conflict
from booking.services import bookings as booking_service
from booking.services.ports import UnitOfWorkFactory

CONSUMER = "unifi-door-webhook"
DOOR_UNLOCK = "access.door.unlock"
# Door events name their objects with UniFi's ids; a UUIDv5 of them keys processed_events.
_NAMESPACE = uuid.UUID("6f1c1f43-2a55-4c55-9a52-6a9e33f3b7a1")


@dataclass(frozen=True)
class DoorOutcome:
    """What a door webhook did: ignored, duplicate, no booking, or checked in."""

    status: str
    booking_id: str | None = None


def _door_and_actor(event: dict[str, Any]) -> tuple[str | None, str | None]:
    data = event.get("data") or {}
    location = data.get("location") or {}
    actor = data.get("actor") or {}
    door = location.get("id") or data.get("door_id")
    return (str(door) if door else None), (str(actor["id"]) if actor.get("id") else None)


def delivery_key(event: dict[str, Any]) -> uuid.UUID:
    """The key a delivery of this event is deduplicated by.

    UniFi's ``event_object_id`` (or ``id``) when it sends one; otherwise a hash of the event's
    content (canonical JSON), so a replayed delivery of the same body is recognised too.
    """
    raw_id = str(event.get("event_object_id") or event.get("id") or "")
    if raw_id:
        return uuid.uuid5(_NAMESPACE, raw_id)
    canonical = json.dumps(event, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return uuid.uuid5(_NAMESPACE, "sha256:" + hashlib.sha256(canonical.encode()).hexdigest())


def handle_door_event(
    uow_factory: UnitOfWorkFactory,
    event: dict[str, Any],
    now: datetime,
) -> DoorOutcome:
    """Check in the booking whose door window is open at the unlocked door.

    A delivery is claimed in ``processed_events`` *before* anything is done (committed at
    once), so a replay - even one arriving while the first is still being processed - does
    nothing; if processing fails, the claim is released so UniFi's own retry runs it again.
    ``uow_factory`` builds the transactions (the check-in's publishes after commit).
    """
    if event.get("event") != DOOR_UNLOCK:
        return DoorOutcome("ignored")
    door_id, actor_id = _door_and_actor(event)
    if not door_id:
        return DoorOutcome("ignored")
    key = delivery_key(event)

    uow = uow_factory()
    with uow:
        if not uow.integrations.claim_event(CONSUMER, key):
            return DoorOutcome("duplicate")
        uow.commit()
    try:
        with uow:
            booking_id = uow.integrations.booking_at_door(door_id, actor_id, now)
        if booking_id is None:
            return DoorOutcome("no_booking")
        try:
            # Its own transaction writes booking.checked_in to the outbox; checking in a
            # booking already checked in changes nothing.
            booking = booking_service.check_in(
                booking_id,
                uow_factory(),
                Actor(role=Role.SERVICE),
                now,
                presence=booking_service.Presence.DOOR,
            )
        except Conflict:
            return DoorOutcome("outside_window", str(booking_id))
        return DoorOutcome("checked_in", str(booking.id))
    except Exception:
        release = uow_factory()
        with release:
            release.integrations.release_event(CONSUMER, key)
            release.commit()
        raise
