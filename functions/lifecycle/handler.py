"""Lambda entry point for the booking lifecycle state machine's tasks (``event["task"]``)."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.typing import LambdaContext

from booking import runtime
from booking.services import lifecycle

logger = Logger(service="lifecycle")


def handle(event: dict[str, Any], deps: lifecycle.LifecycleDeps) -> dict[str, Any]:
    """Run one lifecycle task with ``deps``; errors propagate to Step Functions."""
    logger.append_keys(booking_id=event.get("booking_id"), task=event.get("task"))
    result = lifecycle.run_task(event, deps)
    logger.info("task done", extra={"result": result})
    return result


@logger.inject_lambda_context
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Run one lifecycle task; errors propagate so Step Functions retries or catches them."""
    return handle(event, runtime.default().lifecycle_deps())
