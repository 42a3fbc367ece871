"""Contract fake of the ClubOS V3 API (login and input events).

`POST /api/auth/login {email, password}` -> 200 `{token, operator}` with an HS256 JWT (`exp`
after `token_ttl` seconds, 24 h by default), 401 `{"error": "Invalid credentials"}` otherwise.
`POST /api/input-events` needs `Authorization: Bearer <jwt>`; body `{source, payload,
location_id?, bay_id?, linked_thread_id?}` (400 `source and payload are required`); answers 201
`{success, event_id, source, received_at, correlation_id}`, taking `x-correlation-id` from the
request or making one. Rate limit: 100 requests per minute per client address.

Control: `GET /_events`; `POST /_revoke` makes every issued JWT invalid; `POST /_config`
also takes `token_ttl`, `email`, `password`, `reject_tokens` (refuse every JWT).
"""

from __future__ import annotations

import time
import uuid
from typing import Any

import jwt
from werkzeug.routing import Rule
from werkzeug.wrappers import Request, Response

from saas_fakes.base import FakeApp, json_response, now_iso

DEFAULT_EMAIL = "bridge@clubos.test"
DEFAULT_PASSWORD = "clubos-test-password"
_JWT_SECRET = "clubos-fake-jwt-secret-not-for-production"


class ClubOSFake(FakeApp):
    """In-memory ClubOS V3: operator login and the input-event log."""

    name = "clubos"

    def __init__(
        self,
        *,
        email: str = DEFAULT_EMAIL,
        password: str = DEFAULT_PASSWORD,
        token_ttl: int = 24 * 3600,
        rate_limit: int | None = 100,
        rate_window: float = 60.0,
    ) -> None:
        super().__init__(rate_limit=rate_limit, rate_window=rate_window)
        self.email = email
        self.password = password
        self.token_ttl = token_ttl
        self.reject_tokens = False
        self.generation = 0
        self.events: list[dict[str, Any]] = []

    def api_rules(self) -> list[Rule]:
        """ClubOS routes used by the platform."""
        return [
            Rule("/api/auth/login", methods=["POST"], endpoint="login"),
            Rule("/api/input-events", methods=["POST"], endpoint="input_event"),
        ]

    def control_rules(self) -> list[Rule]:
        """Inspection and token revocation."""
        return [
            Rule("/_events", methods=["GET"], endpoint="events"),
            Rule("/_revoke", methods=["POST"], endpoint="revoke"),
        ]

    def rate_key(self, request: Request) -> str:
        """Per client address, like express-rate-limit."""
        return request.remote_addr or "anonymous"

    def rate_limited(self, retry_after: float) -> Response:
        """express-rate-limit's message."""
        return json_response({"error": "Too many requests, please try again later."}, 429)

    def authenticate(self, request: Request, endpoint: str) -> Response | None:
        """Bearer JWT issued by this fake, not expired, not revoked."""
        if endpoint == "login":
            return None
        header = request.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            return json_response({"error": "No token provided"}, 401)
        try:
            claims = jwt.decode(header[7:], _JWT_SECRET, algorithms=["HS256"])
        except jwt.ExpiredSignatureError:
            return json_response({"error": "Token expired"}, 401)
        except jwt.InvalidTokenError:
            return json_response({"error": "Invalid token"}, 401)
        if self.reject_tokens or claims.get("gen") != self.generation:
            return json_response({"error": "Invalid token"}, 401)
        return None

    def configure(self, settings: dict[str, Any]) -> None:
        """Also `token_ttl`, `email`, `password`, `reject_tokens`."""
        if "token_ttl" in settings:
            self.token_ttl = int(settings["token_ttl"])
        if "email" in settings:
            self.email = str(settings["email"])
        if "password" in settings:
            self.password = str(settings["password"])
        if "reject_tokens" in settings:
            self.reject_tokens = bool(settings["reject_tokens"])
        super().configure(settings)

    def reset_state(self) -> None:
        """Forget events; revoke tokens."""
        self.events.clear()
        self.reject_tokens = False
        self.generation += 1

    def on_login(self, request: Request) -> Response:
        """Operator login."""
        body = self.json_body(request)
        if not isinstance(body, dict):
            raise self.bad("body must be an object")
        if body.get("email") != self.email or body.get("password") != self.password:
            return json_response({"error": "Invalid credentials"}, 401)
        now = int(time.time())
        token = jwt.encode(
            {
                "id": 1,
                "email": self.email,
                "role": "operator",
                "gen": self.generation,
                "iat": now,
                "exp": now + self.token_ttl,
            },
            _JWT_SECRET,
            algorithm="HS256",
        )
        operator = {"id": 1, "email": self.email, "name": "Booking bridge", "role": "operator"}
        return json_response({"token": token, "operator": operator})

    def on_input_event(self, request: Request) -> Response:
        """Log an input event."""
        body = self.json_body(request)
        if not isinstance(body, dict) or not body.get("source") or not body.get("payload"):
            raise self.bad("source and payload are required")
        if not isinstance(body["source"], str):
            raise self.bad("source must be a string")
        for key in ("location_id", "bay_id", "linked_thread_id"):
            if body.get(key) is not None and not isinstance(body[key], str | int):
                raise self.bad(f"{key} must be a string")
        unknown = set(body) - {"source", "payload", "location_id", "bay_id", "linked_thread_id"}
        if unknown:
            raise self.bad(f"unknown fields {sorted(unknown)}")
        correlation = request.headers.get("x-correlation-id") or str(uuid.uuid4())
        event = {
            "id": self.next_id(),
            "source": body["source"],
            "payload": body["payload"],
            "location_id": body.get("location_id"),
            "bay_id": body.get("bay_id"),
            "linked_thread_id": body.get("linked_thread_id"),
            "correlation_id": correlation,
            "received_at": now_iso(),
        }
        self.events.append(event)
        return json_response(
            {
                "success": True,
                "event_id": event["id"],
                "source": event["source"],
                "received_at": event["received_at"],
                "correlation_id": correlation,
            },
            201,
        )

    def control_events(self, request: Request) -> Response:
        """Input events received."""
        return json_response(self.events)

    def control_revoke(self, request: Request) -> Response:
        """Invalidate every issued JWT."""
        self.generation += 1
        return Response(status=204)
