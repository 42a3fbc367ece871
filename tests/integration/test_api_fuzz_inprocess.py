"""Schemathesis in-process: generated requests through every route with the real database.

The same property as the e2e fuzz test (no 5xx, one error shape), without LocalStack, so a
failure comes with its traceback. Requests go through one resolver holding every route.
"""

from __future__ import annotations

import base64
import copy
import json
import uuid
from typing import Any

import pytest
from api_client import FakeContext, claims_for, sample

from booking.api.app import build_docs
from tests.schema_fuzz import FuzzReport, fuzz

EXAMPLES = 15


@pytest.fixture(autouse=True)
def _api_env(monkeypatch, seeded_database_url):
    import os

    from booking import config

    monkeypatch.setenv("DATABASE_URL", seeded_database_url)
    monkeypatch.setenv("JWT_SECRET", "fuzz-" + uuid.uuid4().hex)
    monkeypatch.setenv(
        "PASS_KEYS",
        json.dumps({"current": {"kid": "k1", "key": base64.b64encode(os.urandom(32)).decode()}}),
    )
    config.settings.cache_clear()
    config.database_url.cache_clear()


def _event(case: Any, claims: dict[str, str]) -> dict[str, Any]:
    event = copy.deepcopy(sample("bookings/list"))
    event["httpMethod"] = case.method.upper()
    event["path"] = case.formatted_path
    event["requestContext"]["authorizer"] = claims
    query = {k: str(v) for k, v in (case.query or {}).items()}
    event["queryStringParameters"] = query or None
    event["multiValueQueryStringParameters"] = {k: [v] for k, v in query.items()} or None
    headers = {"Content-Type": "application/json"}
    headers.update({k: str(v) for k, v in (case.headers or {}).items()})
    event["headers"] = headers
    event["multiValueHeaders"] = {k: [v] for k, v in headers.items()}
    body = case.body
    if body is None or type(body).__name__ == "NotSet":
        event["body"] = None
    elif isinstance(body, bytes):
        # As API Gateway passes a binary body: base64, flagged.
        event["body"] = base64.b64encode(body).decode()
        event["isBase64Encoded"] = True
    else:
        event["body"] = json.dumps(body)
    return event


@pytest.mark.parametrize("role", ["member", "admin", "kiosk", "service"])
def test_generated_requests_never_get_5xx(make_world, role):
    world = make_world()
    claims = claims_for(
        role,
        world.members[0].id if role == "member" else None,
        [world.location.id] if role == "kiosk" else None,  # kiosk tokens name their club
    )
    app = build_docs()

    def send(case: Any, report: FuzzReport) -> None:
        response = app.resolve(_event(case, claims), FakeContext())
        headers = response.get("headers") or {}
        report.check(
            f"{case.method} {case.formatted_path} {case.body!r:.200}",
            response["statusCode"],
            headers.get("Content-Type", "application/json"),
            response.get("body"),
        )

    report = fuzz(json.loads(app.get_openapi_json_schema()), send, EXAMPLES)
    assert report.calls >= 200
    assert not report.problems, f"{len(report.problems)} of {report.calls}:\n" + "\n".join(
        report.problems[:25]
    )
