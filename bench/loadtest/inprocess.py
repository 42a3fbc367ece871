"""Invoke the API's Lambda handlers in this process with the events API Gateway sends.

A Locust worker process plays one Lambda execution environment per function: handlers are
imported once (its cold start) and serve one request at a time; a gevent lock keeps the
process's users from interleaving inside a handler, as Lambda never runs two requests in one
environment. The authorizer's context is in the event, as API Gateway passes it on in AWS.
"""

from __future__ import annotations

import importlib
import json
import re
import time
import uuid
from collections.abc import Callable
from typing import Any

from gevent.lock import Semaphore

from bench.loadtest.journeys import Member

# (method, path pattern) -> (function folder, resource as API Gateway names it)
ROUTES: list[tuple[str, re.Pattern[str], str, str]] = [
    ("GET", re.compile(r"^/locations$"), "catalog", "/locations"),
    ("GET", re.compile(r"^/availability$"), "availability", "/availability"),
    ("POST", re.compile(r"^/bookings$"), "bookings", "/bookings"),
    ("GET", re.compile(r"^/bookings$"), "bookings", "/bookings"),
    (
        "PATCH",
        re.compile(r"^/bookings/(?P<booking_id>[^/]+)$"),
        "bookings",
        "/bookings/{booking_id}",
    ),
    (
        "POST",
        re.compile(r"^/bookings/(?P<booking_id>[^/]+)/cancel$"),
        "bookings",
        "/bookings/{booking_id}/cancel",
    ),
    (
        "GET",
        re.compile(r"^/bookings/(?P<booking_id>[^/]+)/pass$"),
        "passes",
        "/bookings/{booking_id}/pass",
    ),
]

_one_at_a_time = Semaphore(1)
_handlers: dict[str, Callable[[dict[str, Any], Any], dict[str, Any]]] = {}


class _Context:
    """The parts of a Lambda context Powertools reads."""

    memory_limit_in_mb = 1024
    invoked_function_arn = "arn:aws:lambda:us-east-1:000000000000:function:loadtest"

    def __init__(self, function_name: str) -> None:
        self.function_name = function_name
        self.aws_request_id = str(uuid.uuid4())

    def get_remaining_time_in_millis(self) -> int:
        """API functions' timeout."""
        return 15_000


def _handler(function: str) -> Callable[[dict[str, Any], Any], dict[str, Any]]:
    if function not in _handlers:
        module = importlib.import_module(f"functions.{function}.handler")
        _handlers[function] = module.handler
    return _handlers[function]


def preload() -> None:
    """Import every handler now: in Locust's master before it forks the workers, so no
    worker blocks its event loop (and misses heartbeats) importing one mid-run."""
    for function in {function for _, _, function, _ in ROUTES}:
        _handler(function)


def event_for(
    member: Member,
    method: str,
    path: str,
    params: dict[str, str] | None,
    body: Any,
    headers: dict[str, str],
) -> tuple[str, dict[str, Any]]:
    """The function that serves ``method path`` and the REST API event it receives."""
    found = next(
        (
            (function, resource, match)
            for route_method, pattern, function, resource in ROUTES
            if route_method == method and (match := pattern.match(path))
        ),
        None,
    )
    if found is None:
        raise LookupError(f"no function serves {method} {path}")
    function, resource, match = found
    all_headers = {"Content-Type": "application/json", "Accept": "application/json", **headers}
    return function, {
        "resource": resource,
        "path": path,
        "httpMethod": method,
        "headers": all_headers,
        "multiValueHeaders": {k: [v] for k, v in all_headers.items()},
        "queryStringParameters": params or None,
        "multiValueQueryStringParameters": {k: [v] for k, v in params.items()} if params else None,
        "pathParameters": match.groupdict() or None,
        "stageVariables": None,
        "requestContext": {
            "resourcePath": resource,
            "httpMethod": method,
            "path": f"/v1{path}",
            "stage": "v1",
            "requestId": str(uuid.uuid4()),
            "accountId": "000000000000",
            "apiId": "loadtest",
            "protocol": "HTTP/1.1",
            "identity": {"sourceIp": "127.0.0.1", "userAgent": "locust"},
            "authorizer": {
                "role": "member",
                "sub": member.user_id,
                "user_id": member.user_id,
                "locations": "",
                "principalId": member.user_id,
                # The functions trust the authorizer's context only until the token's expiry.
                "exp": int(time.time()) + 24 * 3600,
            },
        },
        "body": None if body is None else json.dumps(body),
        "isBase64Encoded": False,
    }


def invoker(member: Member) -> Callable[..., tuple[int, Any, int]]:
    """``invoke(method, path, params, body, headers)`` -> (status, JSON body, size)."""

    def invoke(
        method: str, path: str, params: dict[str, str] | None, body: Any, headers: dict[str, str]
    ) -> tuple[int, Any, int]:
        function, event = event_for(member, method, path, params, body, headers)
        handler = _handler(function)
        with _one_at_a_time:
            reply = handler(event, _Context(function))
        text = reply.get("body") or ""
        try:
            payload = json.loads(text) if text else None
        except ValueError:
            payload = None  # the pass as SVG
        return int(reply["statusCode"]), payload, len(text)

    return invoke
