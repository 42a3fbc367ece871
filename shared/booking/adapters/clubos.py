"""ClubOS V3 client: pushes booking events into ClubOS as input events.

ClubOS V3 (Node/Express) takes `POST /api/auth/login {email, password}` and answers
`{token, operator}` with a JWT; API calls send it as `Authorization: Bearer`. The client logs in
lazily, reuses the JWT until shortly before its `exp` claim, and after a 401 logs in again once.

`POST /api/input-events {source, payload, location_id?, bay_id?, linked_thread_id?}` answers
201 `{success, event_id, received_at, correlation_id}`; the `x-correlation-id` header is
echoed as `correlation_id`. ClubOS allows about 100 requests per minute.

Settings read by `ClubOSClient.from_settings`:

* `CLUBOS_BASE_URL` - e.g. `https://clubos.example.com` (required);
* `CLUBOS_EMAIL` - the operator account the platform logs in as;
* `CLUBOS_PASSWORD` or `CLUBOS_PASSWORD_SECRET_ARN`.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import jwt
import requests

from booking.adapters.http import (
    ApiClient,
    AuthError,
    expect_dict,
    read_secret,
    read_setting,
    require_setting,
)

LOGIN_PATH = "/api/auth/login"
INPUT_EVENTS_PATH = "/api/input-events"


@dataclass(frozen=True)
class InputEventReceipt:
    """ClubOS's acknowledgement of an input event."""

    event_id: str
    received_at: str
    correlation_id: str


class ClubOSClient(ApiClient):
    """Client for the ClubOS V3 API."""

    service = "clubos"

    def __init__(
        self,
        base_url: str,
        email: str,
        password: str,
        *,
        session: requests.Session | None = None,
        clock: Callable[[], float] = time.time,
        expiry_margin: float = 60.0,
    ) -> None:
        super().__init__(base_url, session=session)
        self._email = email
        self._password = password
        self._clock = clock
        self._margin = expiry_margin
        self._lock = threading.Lock()
        self._token: str | None = None
        self._token_exp: float | None = None

    @classmethod
    def from_settings(
        cls, env: Mapping[str, str] | None = None, *, session: requests.Session | None = None
    ) -> ClubOSClient:
        """Build from `CLUBOS_*` variables (see the module docstring)."""
        return cls(
            require_setting(read_setting("CLUBOS_BASE_URL", env), "CLUBOS_BASE_URL"),
            require_setting(read_setting("CLUBOS_EMAIL", env), "CLUBOS_EMAIL"),
            require_setting(read_secret("CLUBOS_PASSWORD", env), "CLUBOS_PASSWORD"),
            session=session,
        )

    # -- auth -------------------------------------------------------------------------------

    def token(self) -> str:
        """A JWT, logging in when there is none or it is about to expire."""
        with self._lock:
            if self._token is not None and (
                self._token_exp is None or self._clock() < self._token_exp - self._margin
            ):
                return self._token
            return self._login_locked()

    def invalidate_token(self) -> None:
        """Forget the JWT (after ClubOS refused it)."""
        with self._lock:
            self._token = None

    def _login_locked(self) -> str:
        response = self._request(
            "POST",
            LOGIN_PATH,
            json_body={"email": self._email, "password": self._password},
            retry_unsafe=True,  # logging in twice only issues two tokens
        )
        payload = expect_dict(self._json(response), "login response", self.service)
        token = payload.get("token")
        if not isinstance(token, str) or not token:
            raise self._contract("login response without token")
        try:
            # Only the expiry is read; ClubOS checks the signature, the client cannot.
            claims = jwt.decode(token, options={"verify_signature": False})
        except jwt.InvalidTokenError as exc:
            raise self._contract(f"login token is not a JWT: {exc}") from exc
        exp = claims.get("exp")
        self._token = token
        self._token_exp = float(exp) if isinstance(exp, int | float) else None
        return token

    # -- events -----------------------------------------------------------------------------

    def post_input_event(
        self,
        source: str,
        payload: Mapping[str, Any],
        *,
        location_id: str | None = None,
        bay_id: str | None = None,
        linked_thread_id: str | None = None,
        correlation_id: str | None = None,
    ) -> InputEventReceipt:
        """Record an input event in ClubOS.

        Not retried after a 5xx (ClubOS would store it twice); 429 is retried. A 401 triggers
        one fresh login and one resend.
        """
        body: dict[str, Any] = {"source": source, "payload": dict(payload)}
        if location_id is not None:
            body["location_id"] = location_id
        if bay_id is not None:
            body["bay_id"] = bay_id
        if linked_thread_id is not None:
            body["linked_thread_id"] = linked_thread_id
        correlation = correlation_id or str(uuid.uuid4())
        for attempt in (1, 2):
            headers = {"Authorization": f"Bearer {self.token()}", "x-correlation-id": correlation}
            try:
                response = self._request("POST", INPUT_EVENTS_PATH, json_body=body, headers=headers)
                break
            except AuthError as exc:
                if exc.status != 401 or attempt == 2:
                    raise
                self.invalidate_token()
        else:  # pragma: no cover - the loop always breaks or raises
            raise AssertionError("unreachable")
        answer = expect_dict(self._json(response), "input event response", self.service)
        event_id = answer.get("event_id")
        if answer.get("success") is not True or event_id is None:
            raise self._contract(f"unexpected input event response {answer!r:.200}")
        return InputEventReceipt(
            event_id=str(event_id),
            received_at=str(answer.get("received_at", "")),
            correlation_id=str(answer.get("correlation_id", correlation)),
        )
