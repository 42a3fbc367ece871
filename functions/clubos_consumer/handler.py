"""Booking events from the bus -> ClubOS V3 input events."""

from __future__ import annotations

import functools
from typing import Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.data_classes import EventBridgeEvent, event_source
from aws_lambda_powertools.utilities.typing import LambdaContext

from booking.adapters.clubos import ClubOSClient
from booking.api import context as api_context
from booking.services.integrations import clubos

logger = Logger(service="clubos-consumer")


@functools.cache
def client() -> ClubOSClient:
    """The ClubOS client (its JWT is reused while the environment is warm)."""
    return ClubOSClient.from_settings()


@logger.inject_lambda_context
@event_source(data_class=EventBridgeEvent)
def handler(event: EventBridgeEvent, context: LambdaContext) -> dict[str, Any]:
    """Forward the event once; integration errors escape so Lambda retries, then the DLQ."""
    outcome = clubos.forward_booking_event(
        api_context.database(), client(), event.detail_type, dict(event.detail)
    )
    logger.info(
        "forwarded", extra={"event_id": event.detail.get("event_id"), "outcome": repr(outcome)}
    )
    return {"outcome": repr(outcome)}
