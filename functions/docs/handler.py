"""Lambda entry point for ``GET /openapi.json`` and Swagger UI at ``/docs``.

The document is generated from the same routes and models the functions validate with, but
ahead of deploy, not here: ``make openapi`` (``booking_cli.openapi``) writes ``openapi.json``
beside this file, which is packaged with the function, and a unit test fails while it differs
from the routes. Building every route's models at import took most of a second of this
function's cold start; now it loads neither the routes nor pydantic nor the database adapter.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import aws_lambda_powertools.event_handler as event_handler
from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response, content_types
from aws_lambda_powertools.event_handler.exceptions import NotFoundError
from aws_lambda_powertools.utilities.typing import LambdaContext

from booking.api.app import CORS, DESCRIPTION

DOCUMENT = Path(__file__).with_name("openapi.json")

app = APIGatewayRestResolver(cors=CORS)


@functools.cache
def _document() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(DOCUMENT.read_text())
    return document


@functools.cache
def _document_json() -> str:
    return json.dumps(_document(), separators=(",", ":"))


def _json(status: int, body: str) -> Response[str]:
    return Response(status_code=status, content_type=content_types.APPLICATION_JSON, body=body)


@app.get("/openapi.json")
def openapi() -> Response[str]:
    """The API's OpenAPI document."""
    return _json(200, _document_json())


@app.get("/docs")
def swagger() -> Response[str]:
    """Swagger UI over the document, as Powertools' ``enable_swagger`` serves it.

    Its copy of the document also carries the API's description and, as the server, the
    stage the request came through; ``?format=json`` answers that copy alone.
    """
    from aws_lambda_powertools.event_handler.openapi.swagger_ui import (
        generate_oauth2_redirect_html,
        generate_swagger_html,
    )

    query = app.current_event.query_string_parameters or {}
    if query.get("format") == "oauth2-redirect":
        return Response(
            status_code=200, content_type="text/html", body=generate_oauth2_redirect_html()
        )
    document = dict(_document())
    info = document["info"]
    document["info"] = {"title": info["title"], "description": DESCRIPTION, **info}
    document["servers"] = [{"url": _base_path() or "/"}]
    # ``</`` escaped so that the document cannot close the page's script element.
    spec = json.dumps(document, indent=2, ensure_ascii=False).replace("</", "<\\/")
    if query.get("format") == "json":
        return _json(200, spec)
    ui = Path(event_handler.__file__).parent / "openapi" / "swagger_ui"
    body = generate_swagger_html(
        spec,
        (ui / "swagger-ui-bundle.min.js").read_text(encoding="utf-8"),
        (ui / "swagger-ui.min.css").read_text(encoding="utf-8"),
        swagger_base_url="",  # the script and styles inline, from Powertools' own copy
        oauth2_config=None,
    )
    return Response(status_code=200, content_type="text/html", body=body)


def _base_path() -> str:
    """``/<stage>`` when the request's path starts with its stage (the API's own domain), else
    empty (a custom domain, SAM local): the rule of Powertools' REST resolver."""
    context = app.current_event.request_context
    stage = context.stage
    if stage and stage != "$default" and context.path.startswith(f"/{stage}"):
        return f"/{stage}"
    return ""


@app.not_found
def _no_route(exc: NotFoundError) -> Response[str]:
    # The platform's error shape (booking.api.errors), without loading the API's error mapping.
    event = app.current_event
    message = f"No route for {event.http_method} {event.path}"
    error = {"code": "ROUTE_NOT_FOUND", "message": message, "details": {}}
    return _json(404, json.dumps({"error": error}, separators=(",", ":")))


def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Serve the API description generated from the same models the functions validate with."""
    return app.resolve(event, context)
