"""Daily: purge old consumer marks and expired idempotency records."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.typing import LambdaContext

from booking import runtime
from booking.services.housekeeping import run_housekeeping

logger = Logger(service="housekeeping")


@logger.inject_lambda_context
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Run the purges and report what they removed."""
    rt = runtime.default()
    purged = run_housekeeping(rt.plain_unit_of_work, rt.idempotency_store(), rt.now())
    logger.info("housekeeping done", extra=asdict(purged))
    return asdict(purged)
