"""Booking events from the bus -> the member's HubSpot contact (and marketing triggers)."""

from __future__ import annotations

import functools
from typing import Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.data_classes import EventBridgeEvent, event_source
from aws_lambda_powertools.utilities.typing import LambdaContext

from booking.adapters.hubspot import HubSpotClient
from booking.api import context as api_context
from booking.services.integrations import hubspot

logger = Logger(service="hubspot-consumer")


@functools.cache
def client() -> HubSpotClient:
    """The HubSpot client, created on first use and reused while warm."""
    return HubSpotClient.from_settings()


@logger.inject_lambda_context
@event_source(data_class=EventBridgeEvent)
def handler(event: EventBridgeEvent, context: LambdaContext) -> dict[str, Any]:
    """Record the event once; integration errors escape so Lambda retries, then the DLQ."""
    outcome = hubspot.record_booking_event(
        api_context.database(),
        client(),
        event.detail_type,
        dict(event.detail),
        hubspot.HubSpotOptions.from_env(),
        api_context.now(),
    )
    logger.info(
        "recorded", extra={"event_id": event.detail.get("event_id"), "outcome": repr(outcome)}
    )
    return {"outcome": repr(outcome)}
