"""Booking events from the bus -> slot changes pushed to the WebSocket subscribers of that day."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.data_classes import EventBridgeEvent, event_source
from aws_lambda_powertools.utilities.typing import LambdaContext

from booking import runtime
from booking.adapters.live_push import pusher_from_settings
from booking.services import live

logger = Logger(service="live-broadcaster")


@logger.inject_lambda_context
@event_source(data_class=EventBridgeEvent)
def handler(event: EventBridgeEvent, context: LambdaContext) -> dict[str, Any]:
    """Push once, best effort: the clients poll while they miss pushes, so nothing is retried."""
    pusher = pusher_from_settings()
    if pusher is None:
        logger.warning("LIVE_MANAGEMENT_ENDPOINT is not set: no pushes")
        return {"sent": 0}
    report = live.broadcast(
        runtime.default().unit_of_work(),
        pusher,
        event.detail_type,
        dict(event.detail),
        runtime.default().now(),
    )
    logger.info("broadcast", extra={"event_id": event.detail.get("event_id"), **asdict(report)})
    return asdict(report)
