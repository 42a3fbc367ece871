"""Booking events from the bus -> ClubOS V3 input events."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.data_classes import EventBridgeEvent, event_source
from aws_lambda_powertools.utilities.typing import LambdaContext

from booking import runtime
from booking.services.integrations import clubos

logger = Logger(service="clubos-consumer")


def handle(event: EventBridgeEvent, rt: runtime.Runtime) -> dict[str, Any]:
    """Forward the event once with what ``rt`` provides (its ClubOS client keeps its JWT)."""
    outcome = clubos.forward_booking_event(
        rt.unit_of_work, rt.clubos(), event.detail_type, dict(event.detail)
    )
    logger.info(
        "forwarded", extra={"event_id": event.detail.get("event_id"), "outcome": repr(outcome)}
    )
    return {"outcome": repr(outcome)}


@logger.inject_lambda_context
@event_source(data_class=EventBridgeEvent)
def handler(event: EventBridgeEvent, context: LambdaContext) -> dict[str, Any]:
    """Forward the event once; integration errors escape so Lambda retries, then the DLQ."""
    return handle(event, runtime.default())
