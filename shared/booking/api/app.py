"""Resolvers for the API functions: one per area, plus one with every route for the docs."""

from __future__ import annotations

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, CORSConfig
from aws_lambda_powertools.event_handler.api_gateway import Router

from booking.api import (
    availability,
    bookings,
    catalog,
    clubos,
    errors,
    kiosk,
    members,
    passes,
    rules,
    webhooks,
)

TITLE = "Booking platform API"
VERSION = "1.0.0"

AREAS: dict[str, Router] = {
    "bookings": bookings.router,
    "availability": availability.router,
    "rules": rules.router,
    "catalog": catalog.router,
    "members": members.router,
    "clubos": clubos.router,
    "kiosk": kiosk.router,
    "passes": passes.router,
    "webhooks": webhooks.router,
}


def build(*areas: str) -> APIGatewayRestResolver:
    """A resolver with the routes of ``areas`` (all when none), validation and error mapping."""
    app = APIGatewayRestResolver(
        enable_validation=True,
        cors=CORSConfig(
            allow_origin="*", allow_headers=["Authorization", "Idempotency-Key", "Content-Type"]
        ),
    )
    for name in areas or tuple(AREAS):
        app.include_router(AREAS[name])
    errors.register(app)
    return app


def build_docs() -> APIGatewayRestResolver:
    """Every route, plus ``GET /openapi.json`` and Swagger UI at ``/docs``."""
    app = build()
    app.enable_swagger(
        path="/docs",
        title=TITLE,
        version=VERSION,
        description="Bookings, availability and rules for golf-simulator clubs.",
    )

    @app.get("/openapi.json", include_in_schema=False)
    def openapi() -> dict[str, object]:
        import json

        return json.loads(app.get_openapi_json_schema(title=TITLE, version=VERSION))

    return app
