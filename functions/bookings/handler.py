"""Lambda entry point for the bookings API routes."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from booking.api.app import build

logger = Logger(service="bookings")
app = build("bookings", "extend_and_groups", "waitlist")


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Resolve the API Gateway event to its route."""
    return app.resolve(event, context)
