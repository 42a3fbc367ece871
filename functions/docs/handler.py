"""Lambda entry point for ``GET /openapi.json`` and Swagger UI at ``/docs``."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from booking.api.app import build_docs

app = build_docs()


def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Serve the API description generated from the same models the functions validate with."""
    return app.resolve(event, context)
