"""Daily: fire win.back in HubSpot for members without a booking for WIN_BACK_DAYS."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.typing import LambdaContext

from booking.adapters.hubspot import HubSpotClient
from booking.api import context as api_context
from booking.services.integrations.hubspot import HubSpotOptions, run_win_back

logger = Logger(service="winback")


@logger.inject_lambda_context
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Fire the trigger for every lapsed member (once per lapse)."""
    fired = run_win_back(
        api_context.database(),
        HubSpotClient.from_settings(),
        HubSpotOptions.from_env(),
        api_context.now(),
    )
    logger.info("win.back fired", extra={"count": len(fired)})
    return {"fired": [str(u) for u in fired]}
