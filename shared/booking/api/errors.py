"""One error shape for every reply: ``{"error": {"code", "message", "details"}}``.

Typed errors map to HTTP statuses here, once; nothing matches on message text. Anything
unexpected is logged and answered with a 500 that says nothing about internals.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

import psycopg
from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response
from aws_lambda_powertools.event_handler.exceptions import NotFoundError
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError

from booking.adapters.metrics import count
from booking.api import context
from booking.api.auth import Unauthorized
from booking.api.responses import reply
from booking.domain.errors import (
    BookingRejected,
    Conflict,
    DomainError,
    Forbidden,
    InvalidRequest,
    InvalidRule,
    NotFound,
    ServiceUnavailable,
    SlotTaken,
)

logger = logging.getLogger(__name__)

STATUS: list[tuple[type[DomainError], HTTPStatus]] = [
    (Unauthorized, HTTPStatus.UNAUTHORIZED),
    (Forbidden, HTTPStatus.FORBIDDEN),
    (NotFound, HTTPStatus.NOT_FOUND),
    (Conflict, HTTPStatus.CONFLICT),
    (BookingRejected, HTTPStatus.UNPROCESSABLE_ENTITY),
    (InvalidRule, HTTPStatus.UNPROCESSABLE_ENTITY),
    (InvalidRequest, HTTPStatus.UNPROCESSABLE_ENTITY),
    (ServiceUnavailable, HTTPStatus.SERVICE_UNAVAILABLE),
]


def error_response(
    status: int, code: str, message: str, details: Any = None, headers: dict[str, str] | None = None
) -> Response:
    """A JSON error reply in the platform's one shape."""
    body = {"error": {"code": code, "message": message, "details": details or {}}}
    return reply(int(status), body, headers)


RETRY_AFTER_SECONDS = "1"


def database_unavailable(exc: BaseException) -> Response:
    """503 with Retry-After for a database that is unreachable, timed out or busy.

    Nothing was committed (the transaction died with the statement), so the request can be
    sent again as it was; a POST with an Idempotency-Key is safe to retry.
    """
    if isinstance(exc, psycopg.errors.LockNotAvailable):
        code, message = "DATABASE_BUSY", "The records this request needs are busy; try again"
    elif isinstance(exc, psycopg.errors.QueryCanceled):
        code, message = "DATABASE_TIMEOUT", "The database took too long to answer; try again"
    else:
        code, message = "DATABASE_UNAVAILABLE", "The database cannot be reached; try again"
    logger.warning("database unavailable (%s): %s", code, type(exc).__name__)
    return error_response(
        HTTPStatus.SERVICE_UNAVAILABLE, code, message, headers={"Retry-After": RETRY_AFTER_SECONDS}
    )


def status_for(exc: DomainError) -> HTTPStatus:
    """The HTTP status of a domain error (the most specific class listed wins)."""
    for cls, status in STATUS:
        if isinstance(exc, cls):
            return status
    return HTTPStatus.BAD_REQUEST


def _validation_details(exc: RequestValidationError) -> list[dict[str, Any]]:
    out = []
    for err in exc.errors():
        item = {
            "location": [str(p) for p in err.get("loc", ())],
            "type": err.get("type"),
            "message": err.get("msg"),
        }
        if err.get("type") == "json_invalid" and (err.get("ctx") or {}).get("error"):
            item["message"] = f"{err['msg']}: {err['ctx']['error']}"
        out.append(item)
    return out


def _not_json(app: APIGatewayRestResolver) -> str | None:
    """The Content-Type of a body that is not JSON (a missing one is read as JSON)."""
    event = app.current_event
    if not event.body:
        return None
    content_type = event.headers.get("Content-Type") or event.headers.get("content-type") or ""
    if content_type and "json" not in content_type.split(";")[0].lower():
        return content_type
    return None


# SQLSTATE class 22 (data exception) -> what we tell the caller about the value.
_DATA_REASONS: dict[str, str] = {
    "22003": "a number is out of range",
    "22008": "a date or time is out of range",
    "22007": "a date or time is malformed",
    "22P02": "a value has the wrong format",
    "22021": "a text contains a character that cannot be stored",
    "22P05": "a text contains a character that cannot be stored",
    "2200H": "a value is too long",
    "22001": "a text is too long",
    "22012": "a value divides by zero",
}


def data_error_reason(exc: psycopg.errors.DataError) -> str:
    """A short reason for a value PostgreSQL refused, in our words (never the server's)."""
    return _DATA_REASONS.get(exc.sqlstate or "", "a value cannot be stored")


# Routes that authenticate by other means (signatures) or not at all.
PUBLIC_PREFIXES = ("/webhooks/", "/openapi.json", "/docs")


def _domain_reply(exc: DomainError) -> Response:
    headers = {"WWW-Authenticate": "Bearer"} if isinstance(exc, Unauthorized) else None
    return error_response(status_for(exc), exc.code, exc.message, exc.details, headers)


def _unauthenticated(app: APIGatewayRestResolver) -> Response | None:
    """401 (or 503) when a protected route's caller is not authenticated, else None.

    Powertools validates the request before any route code runs; without this, a caller with
    no token would learn from a 422 what the body should look like.
    """
    event = app.current_event
    route = event.resource or event.path or ""
    if route.startswith(PUBLIC_PREFIXES):
        return None
    try:
        context.current_actor(app)
    except DomainError as exc:
        return _domain_reply(exc)
    return None


def register(app: APIGatewayRestResolver) -> None:
    """Install the exception handlers on a resolver."""

    @app.exception_handler(DomainError)
    def _domain(exc: DomainError) -> Response:
        if isinstance(exc, SlotTaken):
            count("BookingConflicts")
        return _domain_reply(exc)

    @app.exception_handler(RequestValidationError)
    def _invalid(exc: RequestValidationError) -> Response:
        refused = _unauthenticated(app)
        if refused is not None:
            return refused
        content_type = _not_json(app)
        if content_type:
            return error_response(
                HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                "UNSUPPORTED_MEDIA_TYPE",
                "Send the body as JSON (Content-Type: application/json)",
                {"content_type": content_type},
            )
        details = _validation_details(exc)
        if any(d["type"] == "json_invalid" for d in details):
            return error_response(
                HTTPStatus.BAD_REQUEST,
                "MALFORMED_JSON",
                "The request body is not valid JSON",
                {"errors": details},
            )
        missing_body = any(
            d["location"][:1] == ["body"] and d["type"] == "missing" and len(d["location"]) == 1
            for d in details
        )
        if missing_body:
            return error_response(
                HTTPStatus.BAD_REQUEST,
                "BODY_REQUIRED",
                "A JSON body is required",
                {"errors": details},
            )
        return error_response(
            HTTPStatus.UNPROCESSABLE_ENTITY,
            "VALIDATION_FAILED",
            "The request has invalid or missing fields",
            {"errors": details},
        )

    @app.exception_handler(UnicodeDecodeError)
    def _not_utf8(exc: UnicodeDecodeError) -> Response:
        # A binary body (API Gateway passes it base64-encoded) that is not UTF-8 text.
        refused = _unauthenticated(app)
        if refused is not None:
            return refused
        return error_response(
            HTTPStatus.BAD_REQUEST, "MALFORMED_JSON", "The request body is not UTF-8 encoded JSON"
        )

    @app.exception_handler(psycopg.OperationalError)
    def _database_unavailable(exc: psycopg.OperationalError) -> Response:
        return database_unavailable(exc)

    @app.exception_handler(psycopg.errors.DataError)
    def _unstorable(exc: psycopg.errors.DataError) -> Response:
        # The database refused a value the request carried (a NUL byte, a number out of
        # range, ...): the request is at fault, and the transaction was rolled back. The
        # server's own words stay in the log; the caller gets ours.
        logger.info("value refused by the database: %s", exc.diag.message_primary)
        return error_response(
            HTTPStatus.UNPROCESSABLE_ENTITY,
            "INVALID_VALUE",
            "A value in the request cannot be used",
            {"reason": data_error_reason(exc)},
        )

    @app.not_found
    def _no_route(exc: NotFoundError) -> Response:
        return error_response(
            HTTPStatus.NOT_FOUND,
            "ROUTE_NOT_FOUND",
            f"No route for {app.current_event.http_method} {app.current_event.path}",
        )

    @app.exception_handler(Exception)
    def _unexpected(exc: Exception) -> Response:
        logger.exception("unhandled error")
        return error_response(
            HTTPStatus.INTERNAL_SERVER_ERROR,
            "INTERNAL_ERROR",
            "Something went wrong on our side; it has been logged",
        )
