"""Lambda entry point for ``POST /auth/local/sign-in`` (deployed on the local stack only)."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from booking.api.app import build

app = build("local_sign_in")


def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Resolve the API Gateway event to the sign-in route."""
    return app.resolve(event, context)
