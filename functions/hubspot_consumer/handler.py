"""Booking events from the bus -> the member's HubSpot contact (and marketing triggers)."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.data_classes import EventBridgeEvent, event_source
from aws_lambda_powertools.utilities.typing import LambdaContext

from booking import runtime
from booking.services.integrations import hubspot

logger = Logger(service="hubspot-consumer")


def handle(event: EventBridgeEvent, rt: runtime.Runtime) -> dict[str, Any]:
    """Record the event once with what ``rt`` provides."""
    outcome = hubspot.record_booking_event(
        rt.unit_of_work,
        rt.hubspot(),
        event.detail_type,
        dict(event.detail),
        hubspot.HubSpotOptions.from_env(),
        rt.now(),
    )
    logger.info(
        "recorded", extra={"event_id": event.detail.get("event_id"), "outcome": repr(outcome)}
    )
    return {"outcome": repr(outcome)}


@logger.inject_lambda_context
@event_source(data_class=EventBridgeEvent)
def handler(event: EventBridgeEvent, context: LambdaContext) -> dict[str, Any]:
    """Record the event once; integration errors escape so Lambda retries, then the DLQ."""
    return handle(event, runtime.default())
