"""Lambda entry point: booking.created / modified / cancelled events start, stop and compensate
the booking's lifecycle execution."""

from __future__ import annotations

import os
from typing import Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.typing import LambdaContext

from booking import runtime
from booking.services import lifecycle

logger = Logger(service="lifecycle-starter")


def handle(
    event: dict[str, Any], rt: runtime.Runtime, config: lifecycle.StarterConfig
) -> dict[str, Any]:
    """Handle one EventBridge event with what ``rt`` provides (its state machine included)."""
    result = lifecycle.handle_booking_event(
        event, rt.lifecycle_deps(), rt.lifecycle_machine(), config
    )
    logger.info(
        "booking event handled",
        extra={"detail_type": event.get("detail-type"), "result": result},
    )
    return result


@logger.inject_lambda_context
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Handle one event; a failure raises so EventBridge's retry delivers it again.

    ``LIFECYCLE_STATE_MACHINE_ARN`` names the state machine; ``LIFECYCLE_TIME_SCALE`` and
    ``LIFECYCLE_OFFSET_SECONDS`` the clock options.
    """
    return handle(event, runtime.default(), lifecycle.StarterConfig.from_env(os.environ))
