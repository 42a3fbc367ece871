"""Call the API functions in-process with the sample events of ``events/``, as API Gateway would."""

from __future__ import annotations

import copy
import importlib
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

EVENTS = Path(__file__).resolve().parents[2] / "events"


@dataclass
class FakeContext:
    """The parts of a Lambda context Powertools reads."""

    function_name: str = "test"
    memory_limit_in_mb: int = 256
    invoked_function_arn: str = "arn:aws:lambda:us-east-1:000000000000:function:test"
    aws_request_id: str = "req-1"

    def get_remaining_time_in_millis(self) -> int:
        return 30_000


def sample(name: str) -> dict[str, Any]:
    """A sample event by its path under ``events/`` (without .json)."""
    data: dict[str, Any] = json.loads((EVENTS / f"{name}.json").read_text())
    return data


def claims_for(
    role: str, user_id: Any = None, locations: list[Any] | None = None, *, exp: int | None = None
) -> dict[str, Any]:
    """The authorizer context API Gateway would pass for this caller (valid for an hour)."""
    sub = str(user_id) if user_id else f"{role}@example.com"
    return {
        "role": role,
        "sub": sub,
        "user_id": str(user_id or ""),
        "locations": ",".join(str(x) for x in locations or []),
        "exp": exp if exp is not None else int(time.time()) + 3600,
        "principalId": sub,
    }


def call(
    function: str,
    event_name: str,
    *,
    claims: dict[str, str] | None = None,
    body: Any = ...,
    raw_body: str | None = None,
    path_params: dict[str, str] | None = None,
    query: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
    path: str | None = None,
    authorization: str | None = None,
) -> tuple[int, Any]:
    """Invoke ``functions/<function>/handler.py`` with a sample event, adjusted; (status, json)."""
    event = copy.deepcopy(sample(event_name))
    if claims is not None:
        event["requestContext"]["authorizer"] = claims
    if authorization is not None:
        event["requestContext"]["authorizer"] = {}
        event["headers"]["Authorization"] = authorization
    if body is not ...:
        event["body"] = None if body is None else json.dumps(body)
    if raw_body is not None:
        event["body"] = raw_body
    if path_params is not None:
        event["pathParameters"] = path_params
        resource = event["resource"]
        for key, value in path_params.items():
            resource = resource.replace("{" + key + "}", value)
        event["path"] = resource
    if path is not None:
        event["path"] = path
    if query is not None:
        event["queryStringParameters"] = query
        event["multiValueQueryStringParameters"] = {k: [v] for k, v in query.items()}
    if headers:
        event["headers"].update(headers)
        event["multiValueHeaders"].update({k: [v] for k, v in headers.items()})
    module = importlib.import_module(f"functions.{function}.handler")
    response = module.handler(event, FakeContext())
    text = response.get("body") or "null"
    return response["statusCode"], json.loads(text)
