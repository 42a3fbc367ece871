"""Forward booking events to ClubOS V3 as input events (``POST /api/input-events``).

What ClubOS gets: our events name places by UUID and carry no contact details, while ClubOS
answers customers by phone and names places by name (location) and ``bay-3`` (bay). Each event
is therefore rewritten at this boundary: the customer's phone, email and name, the location and
bay as ClubOS names them (``booking.domain.clubos_names``, configurable per location), start,
end and duration in minutes, and ClubOS's event names (``booking.no_show`` -> ``no.show``).

One input event carries a list of events (``payload = {"type": "booking.events", "events":
[...]}``), one or many: ClubOS allows 100 requests per 15 minutes per address, so the queue
consumer (``clubos_queue``) sends each SQS batch as one request. ``location_id`` and ``bay_id``
are set on the input event when every event in it shares them (ClubOS indexes them).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol
from uuid import UUID
from zoneinfo import ZoneInfo

from booking.domain.clubos_names import clubos_bay_name, clubos_event_name, clubos_location_name
from booking.services.integrations.idempotency import AlreadyProcessed, process_once
from booking.services.ports import UnitOfWork, UnitOfWorkFactory

CONSUMER = "clubos-forwarder"
SOURCE = "booking-platform"
BATCH_TYPE = "booking.events"
FORWARDED = frozenset(
    {
        "booking.created",
        "booking.modified",
        "booking.cancelled",
        "booking.no_show",
        "waitlist.offered",
    }
)
_BATCH_NAMESPACE = uuid.UUID("1d8d4a36-8d0c-4b8e-9a55-3f0f3f7d9c21")


class ClubOSPort(Protocol):
    """What the forwarder needs of ``ClubOSClient``."""

    def post_input_event(
        self,
        source: str,
        payload: Any,
        *,
        location_id: str | None = None,
        bay_id: str | None = None,
        linked_thread_id: int | None = None,
        correlation_id: str | None = None,
    ) -> Any:
        """Record one input event."""
        ...


@dataclass(frozen=True)
class InputEvent:
    """One ClubOS input event, ready to send."""

    payload: dict[str, Any]
    location_id: str | None
    bay_id: str | None
    correlation_id: str


def clubos_booking(uow: UnitOfWork, booking: dict[str, Any]) -> dict[str, Any]:
    """A booking as ClubOS reads it: who (phone, email), where (its names), when, how long."""
    user = uow.users.get(UUID(booking["user_id"]))
    location = uow.locations.get(UUID(booking["location_id"]))
    resource = uow.resources.get(UUID(booking["resource_id"]))
    start = datetime.fromisoformat(booking["start"])
    end = datetime.fromisoformat(booking["end"])
    return {
        "booking_id": booking["id"],
        "status": booking["status"],
        "start_time": start.isoformat(),
        "end_time": end.isoformat(),
        "duration_minutes": int((end - start).total_seconds() // 60),
        "location": clubos_location_name(location) if location else None,
        "bay": clubos_bay_name(location, resource) if location and resource else None,
        "phone": user.phone if user else None,
        "email": user.email if user else None,
        "customer_name": user.name if user else None,
        "location_uuid": booking["location_id"],
        "bay_uuid": booking["resource_id"],
    }


def clubos_item(uow: UnitOfWork, detail_type: str, detail: dict[str, Any]) -> dict[str, Any]:
    """One of our events as an entry of ClubOS's ``events`` list."""
    item: dict[str, Any] = {
        "type": clubos_event_name(detail_type),
        "event_id": detail["event_id"],
        "occurred_at": detail["occurred_at"],
        "booking": clubos_booking(uow, detail["booking"]),
    }
    if isinstance(detail.get("previous"), dict):
        item["previous"] = clubos_booking(uow, detail["previous"])
    if detail_type == "waitlist.offered":
        item.update(_offer(uow, detail))
    return item


def _offer(uow: UnitOfWork, detail: dict[str, Any]) -> dict[str, Any]:
    """What ClubOS tells a customer a waitlist hold offers them, in the club's own time."""
    held = detail["booking"]
    location = uow.locations.get(UUID(held["location_id"]))
    tz = ZoneInfo(location.time_zone) if location else UTC
    start = datetime.fromisoformat(held["start"]).astimezone(tz)
    expires_raw = detail.get("hold_expires_at")
    expires = datetime.fromisoformat(expires_raw).astimezone(tz) if expires_raw else None
    until = f" until {expires:%-I:%M %p}" if expires else ""
    return {
        "hold_expires_at": expires_raw,
        "waitlist_entry_id": detail.get("waitlist_entry_id"),
        # The assistant relays this; accepting is one tap in the app's Waitlist screen.
        "message": (
            f"Good news: a bay on {start:%a %b %-d} at {start:%-I:%M %p} is held for you{until}."
            " Accept it in the app's Waitlist before then, or it goes to the next in line."
        ),
    }


def input_event(items: Sequence[dict[str, Any]]) -> InputEvent:
    """The input event carrying ``items``; its correlation id is derived from their event ids,
    so a redelivered batch is recognisable in ClubOS's logs."""
    locations = {i["booking"]["location"] for i in items}
    bays = {(i["booking"]["location"], i["booking"]["bay"]) for i in items}
    ids = ",".join(sorted(str(i["event_id"]) for i in items))
    return InputEvent(
        payload={"type": BATCH_TYPE, "count": len(items), "events": list(items)},
        location_id=next(iter(locations)) if len(locations) == 1 else None,
        bay_id=next(iter(bays))[1] if len(bays) == 1 else None,
        correlation_id=items[0]["event_id"]
        if len(items) == 1
        else str(uuid.uuid5(_BATCH_NAMESPACE, ids)),
    )


def send(client: ClubOSPort, event: InputEvent) -> Any:
    """POST one input event."""
    return client.post_input_event(
        SOURCE,
        event.payload,
        location_id=event.location_id,
        bay_id=event.bay_id,
        correlation_id=event.correlation_id,
    )


def forward_booking_event(
    uow_factory: UnitOfWorkFactory, client: ClubOSPort, detail_type: str, detail: dict[str, Any]
) -> bool | AlreadyProcessed:
    """Send one booking event to ClubOS once; False for detail-types ClubOS does not get.

    The queue consumer (``clubos_queue.deliver_batch``) sends many at once; this is the same
    delivery for a single event.
    """
    if detail_type not in FORWARDED:
        return False

    def effect(uow: UnitOfWork) -> bool:
        send(client, input_event([clubos_item(uow, detail_type, detail)]))
        return True

    return process_once(uow_factory, CONSUMER, UUID(detail["event_id"]), effect)
