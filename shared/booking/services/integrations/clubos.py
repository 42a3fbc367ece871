"""Forward booking events to ClubOS V3 as input events (``POST /api/input-events``)."""

from __future__ import annotations

from typing import Any, Protocol
from uuid import UUID

from booking.services.integrations.idempotency import AlreadyProcessed, process_once
from booking.services.ports import UnitOfWork, UnitOfWorkFactory

CONSUMER = "clubos-forwarder"
SOURCE = "booking-platform"
FORWARDED = frozenset(
    {"booking.created", "booking.modified", "booking.cancelled", "booking.no_show"}
)


class ClubOSPort(Protocol):
    """What the forwarder needs of ``ClubOSClient``."""

    def post_input_event(
        self,
        source: str,
        payload: Any,
        *,
        location_id: str | None = None,
        bay_id: str | None = None,
        linked_thread_id: str | None = None,
        correlation_id: str | None = None,
    ) -> Any:
        """Record one input event."""
        ...


def forward_booking_event(
    uow_factory: UnitOfWorkFactory, client: ClubOSPort, detail_type: str, detail: dict[str, Any]
) -> bool | AlreadyProcessed:
    """Send one booking event to ClubOS once; False for detail-types ClubOS does not get.

    The event id is the correlation id, so ClubOS's logs tie a repeat to the first delivery.
    """
    if detail_type not in FORWARDED:
        return False
    booking = detail["booking"]

    def effect(uow: UnitOfWork) -> bool:
        payload = {
            "type": detail_type,
            "event_id": detail["event_id"],
            "occurred_at": detail["occurred_at"],
            "booking": booking,
        }
        if "previous" in detail:
            payload["previous"] = detail["previous"]
        client.post_input_event(
            SOURCE,
            payload,
            location_id=booking["location_id"],
            bay_id=booking["resource_id"],
            correlation_id=detail["event_id"],
        )
        return True

    return process_once(uow_factory, CONSUMER, UUID(detail["event_id"]), effect)
