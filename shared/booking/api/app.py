"""Resolvers for the API functions: one per area, plus one with every route for the docs."""

from __future__ import annotations

import importlib

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, CORSConfig
from aws_lambda_powertools.event_handler.api_gateway import Router

TITLE = "Booking platform API"
VERSION = "1.0.0"
DESCRIPTION = "Bookings, availability and rules for golf-simulator clubs."

CORS = CORSConfig(
    allow_origin="*", allow_headers=["Authorization", "Idempotency-Key", "Content-Type"]
)
"""The API's CORS answer (every function's, the docs function's too)."""

# Area name -> module holding its ``router``. Imported on demand, so each function loads only
# its own routes (and their dependencies) at cold start.
AREAS: dict[str, str] = {
    "bookings": "booking.api.bookings",
    "extend_and_groups": "booking.api.extend_and_groups",
    "waitlist": "booking.api.waitlist",
    "availability": "booking.api.availability",
    "rules": "booking.api.rules",
    "catalog": "booking.api.catalog",
    "members": "booking.api.members",
    "clubos": "booking.api.clubos",
    "kiosk": "booking.api.kiosk",
    "passes": "booking.api.passes",
    "webhooks": "booking.api.webhooks",
    "staff": "booking.api.staff",
    "series": "booking.api.series",
    "member_admin": "booking.api.member_admin",
    "operations": "booking.api.operations",
    "reports": "booking.api.reports",
    "local_sign_in": "booking.api.local_sign_in",
}


def router_of(area: str) -> Router:
    """The router of one API area."""
    router: Router = importlib.import_module(AREAS[area]).router
    return router


def build(*areas: str) -> APIGatewayRestResolver:
    """A resolver with the routes of ``areas`` (all when none), validation and error mapping."""
    # Imported here, not with this module: the docs function reads TITLE, VERSION and CORS
    # without loading the error mapping's database and runtime dependencies.
    from booking.api import errors, json_body

    app = APIGatewayRestResolver(
        enable_validation=True,
        json_body_deserializer=json_body.loads,
        serializer=json_body.dumps,
        cors=CORS,
    )
    for name in areas or tuple(AREAS):
        app.include_router(router_of(name))
    errors.register(app)
    return app


def build_docs() -> APIGatewayRestResolver:
    """Every route, plus ``GET /openapi.json`` and Swagger UI at ``/docs``.

    What the docs function served when it built its document at cold start; the document is
    now generated ahead (:mod:`booking_cli.openapi`) and this app is what it is generated from.
    """
    app = build()
    app.enable_swagger(path="/docs", title=TITLE, version=VERSION, description=DESCRIPTION)

    @app.get("/openapi.json", include_in_schema=False)
    def openapi() -> dict[str, object]:
        return document(app)

    return app


def document(app: APIGatewayRestResolver | None = None) -> dict[str, object]:
    """The OpenAPI document of every route (what ``GET /openapi.json`` serves)."""
    import json

    resolver = app or build_docs()
    doc: dict[str, object] = json.loads(
        resolver.get_openapi_json_schema(title=TITLE, version=VERSION)
    )
    return doc
