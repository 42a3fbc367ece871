"""ClubOS V3 client: pushes booking events into ClubOS as input events.

ClubOS V3's `POST /api/input-events {source, payload, location_id?, bay_id?, linked_thread_id?}`
checks no authentication and answers 201 `{success, event_id, received_at, correlation_id}`
(the `x-correlation-id` header is echoed). `linked_thread_id` is an integer foreign key to a
ClubOS thread: anything else (or an unknown id) is a 500 there, so the client only sends
integers. Every route, login and health included, shares one limit of 100 requests per 15
minutes per client address; login alone is limited to 5 per 15 minutes. A 429 carries
`Retry-After` (up to 900 s) and `{"error", "retryAfter": <absolute epoch seconds>}`.

Logging in is optional (`login=False` by default, since the route needs none): with it on, the
client logs in lazily, reuses the JWT until shortly before its `exp` (also across execution
environments through a `TokenStore`), and after a 401 logs in again once. A failed login never
fails an event: the event is sent without a token and further logins wait `login_backoff`
seconds (or the 429's `retry_after`), so cold starts cannot burn the 5-per-15-minutes budget.

Settings read by `ClubOSClient.from_settings`:

* `CLUBOS_BASE_URL` - e.g. `https://clubos.example.com` (required);
* `CLUBOS_LOGIN` - `true` to log in before sending (default `false`);
* `CLUBOS_EMAIL`, `CLUBOS_PASSWORD` or `CLUBOS_PASSWORD_SECRET_ARN` - the operator account,
  needed only with `CLUBOS_LOGIN=true`.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import jwt
import requests

from booking.adapters.http import (
    ApiClient,
    AuthError,
    IntegrationError,
    RateLimited,
    expect_dict,
    read_secret,
    read_setting,
    require_setting,
)

logger = logging.getLogger(__name__)

LOGIN_PATH = "/api/auth/login"
INPUT_EVENTS_PATH = "/api/input-events"
LOGIN_BACKOFF_SECONDS = 15 * 60


class TokenStore(Protocol):
    """Somewhere execution environments share the JWT (so each cold start need not log in)."""

    def load(self) -> str | None:
        """The stored JWT, if any."""
        ...

    def save(self, token: str | None) -> None:
        """Store (or, with None, forget) the JWT."""
        ...


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
        email: str | None = None,
        password: str | None = None,
        *,
        login: bool = False,
        session: requests.Session | None = None,
        clock: Callable[[], float] = time.time,
        expiry_margin: float = 60.0,
        login_backoff: float = LOGIN_BACKOFF_SECONDS,
        token_store: TokenStore | None = None,
    ) -> None:
        super().__init__(base_url, session=session)
        self._email = email
        self._password = password
        self.login_enabled = login and bool(email) and bool(password)
        self._clock = clock
        self._margin = expiry_margin
        self._login_backoff = login_backoff
        self._store = token_store
        self._lock = threading.Lock()
        self._token: str | None = None
        self._token_exp: float | None = None
        self._no_login_before = 0.0

    @classmethod
    def from_settings(
        cls,
        env: Mapping[str, str] | None = None,
        *,
        session: requests.Session | None = None,
        token_store: TokenStore | None = None,
    ) -> ClubOSClient:
        """Build from `CLUBOS_*` variables (see the module docstring)."""
        login = (read_setting("CLUBOS_LOGIN", env, "false") or "").strip().lower() in (
            "1",
            "true",
            "yes",
        )
        email = read_setting("CLUBOS_EMAIL", env)
        password = read_secret("CLUBOS_PASSWORD", env) if login else None
        if login:
            require_setting(email, "CLUBOS_EMAIL")
            require_setting(password, "CLUBOS_PASSWORD")
        return cls(
            require_setting(read_setting("CLUBOS_BASE_URL", env), "CLUBOS_BASE_URL"),
            email,
            password,
            login=login,
            session=session,
            token_store=token_store,
        )

    # -- auth -------------------------------------------------------------------------------

    def token(self) -> str:
        """A JWT, logging in when there is none or it is about to expire (errors escape)."""
        with self._lock:
            if self._fresh(self._token, self._token_exp):
                assert self._token is not None
                return self._token
            if self._store is not None:
                stored = self._store.load()
                exp = _exp_of(stored)
                if stored and self._fresh(stored, exp):
                    self._token, self._token_exp = stored, exp
                    return stored
            return self._login_locked()

    def optional_token(self) -> str | None:
        """A JWT when logging in is on and works; None otherwise (never raises).

        After a failed login no other is tried for `login_backoff` seconds (or the 429's
        `retry_after`), so many cold starts cannot exhaust ClubOS's 5 logins per 15 minutes.
        """
        if not self.login_enabled:
            return None
        with self._lock:
            if self._token is None and self._clock() < self._no_login_before:
                return None
        try:
            return self.token()
        except IntegrationError as exc:
            wait = self._login_backoff
            if isinstance(exc, RateLimited) and exc.retry_after is not None:
                wait = max(wait, exc.retry_after)
            with self._lock:
                self._no_login_before = self._clock() + wait
            logger.warning("ClubOS login failed; sending without a token: %s", exc)
            return None

    def invalidate_token(self) -> None:
        """Forget the JWT (after ClubOS refused it)."""
        with self._lock:
            self._token = None
            if self._store is not None:
                self._store.save(None)

    def _fresh(self, token: str | None, exp: float | None) -> bool:
        return token is not None and (exp is None or self._clock() < exp - self._margin)

    def _login_locked(self) -> str:
        if not self._email or not self._password:
            raise AuthError("clubos: no operator credentials configured", service=self.service)
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
        if self._store is not None:
            self._store.save(token)
        return token

    # -- events -----------------------------------------------------------------------------

    def post_input_event(
        self,
        source: str,
        payload: Mapping[str, Any],
        *,
        location_id: str | None = None,
        bay_id: str | None = None,
        linked_thread_id: int | None = None,
        correlation_id: str | None = None,
    ) -> InputEventReceipt:
        """Record an input event in ClubOS.

        The session decides on retries (5xx is not repeated: ClubOS would store the event
        twice; 429 is, within `time_left`). A 401 to a request that carried a token drops the
        token and resends once.
        """
        body: dict[str, Any] = {"source": source, "payload": dict(payload)}
        if location_id is not None:
            body["location_id"] = location_id
        if bay_id is not None:
            body["bay_id"] = bay_id
        if isinstance(linked_thread_id, int) and not isinstance(linked_thread_id, bool):
            body["linked_thread_id"] = linked_thread_id
        correlation = correlation_id or str(uuid.uuid4())
        for attempt in (1, 2):
            headers = {"x-correlation-id": correlation}
            token = self.optional_token()
            if token is not None:
                headers["Authorization"] = f"Bearer {token}"
            try:
                response = self._request("POST", INPUT_EVENTS_PATH, json_body=body, headers=headers)
                break
            except AuthError as exc:
                if exc.status != 401 or attempt == 2 or token is None:
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


def _exp_of(token: str | None) -> float | None:
    """The `exp` claim of a JWT (unverified), None if absent or unreadable."""
    if not token:
        return None
    try:
        exp = jwt.decode(token, options={"verify_signature": False}).get("exp")
    except jwt.InvalidTokenError:
        return None
    return float(exp) if isinstance(exp, int | float) else None
