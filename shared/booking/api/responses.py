"""Reply helpers shared by the routers: documented error responses and JSON replies."""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.types import OpenAPIResponse

from booking.api.schemas import ErrorOut

ERROR_RESPONSES: dict[int, OpenAPIResponse] = {
    code: {"description": text, "content": {"application/json": {"model": ErrorOut}}}
    for code, text in [
        (400, "Malformed request"),
        (401, "Missing or invalid token"),
        (403, "Forbidden"),
        (404, "Unknown id"),
        (409, "Conflict"),
        (422, "Invalid values or refused by the rules"),
    ]
}
"""The error replies alone, for routes that document their own success reply."""

# A route given ``responses`` documents only those: the 200 entry (no content) makes the
# generator fill in the route's return type, which the typed web client is generated from.
ERRORS: dict[int, OpenAPIResponse] = {200: {"description": "OK"}, **ERROR_RESPONSES}
"""The success reply (the route's return type) and the error replies."""


def json_reply(status: int, body: dict[str, Any]) -> Response[Any]:
    """A JSON reply with an explicit status (datetimes and UUIDs as strings)."""
    return Response(
        status_code=status,
        content_type=content_types.APPLICATION_JSON,
        body=json.loads(json.dumps(body, default=str)),
    )
