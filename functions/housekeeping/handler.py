"""Daily: purge old consumer marks and expired idempotency records; sweep orphan door visitors."""

from __future__ import annotations

import os
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
    out: dict[str, Any] = asdict(purged)
    if os.environ.get("UNIFI_BASE_URL"):
        from booking.adapters.http import IntegrationError
        from booking.services import lifecycle

        try:
            swept = lifecycle.sweep_orphan_visitors(rt.lifecycle_deps())
            out["orphan_visitors_deleted"] = len(swept["deleted"])
        except IntegrationError as exc:
            # The purges are done; the sweep runs again tomorrow.
            logger.warning("visitor sweep failed", extra={"error": str(exc)})
            out["orphan_visitors_deleted"] = None
    logger.info("housekeeping done", extra=out)
    return out
