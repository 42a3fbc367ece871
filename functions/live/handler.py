"""The WebSocket API's routes: ``$connect``, ``$disconnect``, ``subscribe``, ``unsubscribe``,
``ping`` and ``$default``.

``$connect`` authenticates with the same JWTs as the REST API: browsers cannot set headers on a
WebSocket, so the token comes as ``?token=`` (an ``Authorization`` header also works for other
clients). A refused token answers 401, which API Gateway turns into a refused handshake.
Messages are JSON with an ``action`` (API Gateway routes on ``$request.body.action``); replies
and errors go back to the caller through the ``@connections`` API as ``{"type": ...}``.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any, Literal
from uuid import UUID

from aws_lambda_powertools import Logger
from aws_lambda_powertools.utilities.typing import LambdaContext
from pydantic import BaseModel, ConfigDict, ValidationError

from booking import runtime
from booking.adapters.live_push import pusher_from_settings
from booking.api.auth import Unauthorized, actor_from_claims, bearer, verify_token
from booking.domain.errors import DomainError
from booking.services import live

logger = Logger(service="live")


class Subscribe(BaseModel):
    """``{"action": "subscribe", "location_id": ..., "day": "YYYY-MM-DD"}``"""

    model_config = ConfigDict(extra="ignore")
    action: Literal["subscribe"]
    location_id: UUID
    day: date


class Unsubscribe(BaseModel):
    """``{"action": "unsubscribe"}`` drops every subscription; with a location and day, one."""

    model_config = ConfigDict(extra="ignore")
    action: Literal["unsubscribe"]
    location_id: UUID | None = None
    day: date | None = None


def _token(event: dict[str, Any]) -> str:
    query = event.get("queryStringParameters") or {}
    if query.get("token"):
        return str(query["token"])
    headers = {k.lower(): v for k, v in (event.get("headers") or {}).items()}
    return bearer(headers.get("authorization"))


def _on_connect(connection_id: str, event: dict[str, Any]) -> dict[str, Any]:
    try:
        claims = verify_token(_token(event))
        actor = actor_from_claims(claims)
    except Unauthorized as exc:
        logger.info("connection refused", extra={"reason": exc.message})
        return {"statusCode": 401, "body": "Unauthorized"}
    live.connect(
        runtime.default().unit_of_work(),
        connection_id,
        actor,
        datetime.fromtimestamp(int(claims["exp"]), UTC),
        runtime.default().now(),
    )
    return {"statusCode": 200}


def _reply(connection_id: str, message: dict[str, Any]) -> None:
    pusher = pusher_from_settings()
    if pusher is None:
        return
    try:
        pusher.post(connection_id, message)
    except Exception as exc:  # the client may be gone already; nothing to undo
        logger.warning("reply failed", extra={"connection_id": connection_id, "error": str(exc)})


def _on_message(connection_id: str, route: str, raw: str | None) -> dict[str, Any]:
    try:
        body = json.loads(raw or "")
        if not isinstance(body, dict):
            raise ValueError("not an object")
    except ValueError:
        return _error(connection_id, "MALFORMED_MESSAGE", "send a JSON object with an action")
    action = body.get("action") if route == "$default" else route
    uow, now = runtime.default().unit_of_work(), runtime.default().now()
    try:
        if action == "subscribe":
            sub = Subscribe.model_validate(body)
            reply = live.subscribe(uow, connection_id, sub.location_id, sub.day, now)
        elif action == "unsubscribe":
            unsub = Unsubscribe.model_validate(body)
            reply = live.unsubscribe(uow, connection_id, unsub.location_id, unsub.day)
        elif action == "ping":
            reply = {"type": "pong", "at": now.isoformat()}
        else:
            return _error(
                connection_id,
                "UNKNOWN_ACTION",
                "action must be subscribe, unsubscribe or ping",
            )
    except ValidationError as exc:
        fields = [".".join(str(p) for p in e["loc"]) for e in exc.errors()]
        return _error(connection_id, "INVALID_MESSAGE", f"invalid fields: {', '.join(fields)}")
    except DomainError as exc:
        return _error(connection_id, exc.code, exc.message)
    _reply(connection_id, reply)
    return {"statusCode": 200}


def _error(connection_id: str, code: str, message: str) -> dict[str, Any]:
    _reply(connection_id, {"type": "error", "code": code, "message": message})
    return {"statusCode": 400, "body": json.dumps({"error": {"code": code, "message": message}})}


@logger.inject_lambda_context
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Dispatch on the route API Gateway selected."""
    ctx = event.get("requestContext") or {}
    route, connection_id = ctx.get("routeKey", ""), str(ctx.get("connectionId", ""))
    if route == "$connect":
        return _on_connect(connection_id, event)
    if route == "$disconnect":
        live.disconnect(runtime.default().unit_of_work(), connection_id)
        return {"statusCode": 200}
    return _on_message(connection_id, route, event.get("body"))
