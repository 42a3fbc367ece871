"""Daily: fire win.back in HubSpot for members without a booking for WIN_BACK_DAYS."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.typing import LambdaContext

from booking import runtime
from booking.services.integrations.hubspot import HubSpotOptions, run_win_back

logger = Logger(service="winback")


@logger.inject_lambda_context
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Fire the trigger for every lapsed member (once per lapse)."""
    rt = runtime.default()
    fired = run_win_back(rt.unit_of_work, rt.hubspot(), HubSpotOptions.from_env(), rt.now())
    logger.info("win.back fired", extra={"count": len(fired)})
    return {"fired": [str(u) for u in fired]}
