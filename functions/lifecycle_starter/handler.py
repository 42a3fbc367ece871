"""Lambda entry point: booking.created / modified / cancelled events start, stop and compensate
the booking's lifecycle execution."""

from __future__ import annotations

import os
from typing import Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.typing import LambdaContext

from booking.adapters.stepfunctions import StepFunctions
from booking.services import lifecycle

logger = Logger(service="lifecycle-starter")
_wiring: tuple[lifecycle.LifecycleDeps, StepFunctions, lifecycle.StarterConfig] | None = None


def wiring() -> tuple[lifecycle.LifecycleDeps, StepFunctions, lifecycle.StarterConfig]:
    """Dependencies, the state machine (``LIFECYCLE_STATE_MACHINE_ARN``) and the clock options."""
    global _wiring
    if _wiring is None:
        _wiring = (
            lifecycle.default_deps(),
            StepFunctions(os.environ["LIFECYCLE_STATE_MACHINE_ARN"]),
            lifecycle.StarterConfig.from_env(os.environ),
        )
    return _wiring


@logger.inject_lambda_context
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Handle one EventBridge event; a failure raises so EventBridge's retry delivers it again."""
    deps, sfn, config = wiring()
    result = lifecycle.handle_booking_event(event, deps, sfn, config)
    logger.info(
        "booking event handled",
        extra={"detail_type": event.get("detail-type"), "result": result},
    )
    return result
