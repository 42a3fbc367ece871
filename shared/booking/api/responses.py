"""Replies shared by the routers: the one JSON reply helper and the documented error replies."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.types import OpenAPIResponse
from pydantic import BaseModel

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


def reply(
    status: int, body: BaseModel | Mapping[str, Any], headers: Mapping[str, str] | None = None
) -> Response[Any]:
    """A JSON reply with an explicit status and headers (routes answering 200 return a model).

    A model is dumped to JSON values here; a mapping must hold JSON values already (the
    ``*_to_dict`` functions build them so). On a route with a reply model the validation layer
    checks the body against it; the resolver writes it with :func:`booking.api.json_body.dumps`.
    """
    content = body.model_dump(mode="json") if isinstance(body, BaseModel) else dict(body)
    return Response(
        status_code=status,
        content_type=content_types.APPLICATION_JSON,
        body=content,
        headers=dict(headers) if headers else None,
    )
