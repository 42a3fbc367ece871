"""Contract fake of the ClubOS V3 API (health, operator login, input events).

It follows the public backend (Express, express-rate-limit, PostgreSQL) as it behaves when run:

* Middleware order: `express.json()` first, so a malformed JSON body is answered by Express's
  default error page, an HTML 400, before any rate limit counts it; then the general limiter,
  100 requests per 15 minutes per client address over every route (`/health`, login and
  unknown paths included); `/api/auth/*` also passes the auth limiter, 5 per 15 minutes.
* The limiters are express-rate-limit's memory store: a fixed window per address that opens
  with the address's first request; every request counts, refused ones too. A refused request
  gets 429 `{"error": "...", "retryAfter": <the window's reset as absolute epoch seconds>}`
  and `Retry-After: <seconds until that reset>` (so at most 900).
* `POST /api/auth/login {email, password}` -> 200 `{token, operator}` with an HS256 JWT (`exp`
  after `token_ttl` seconds, 24 h by default); 401 `{"error": "Invalid credentials"}`.
* `POST /api/input-events` checks no authentication at all. `{source, payload, location_id?,
  bay_id?, linked_thread_id?}`: a `source` or `payload` that JavaScript finds falsy (missing,
  null, false, 0, "") -> 400 `source and payload are required` (`{}` passes); other fields
  are ignored. The row is inserted as PostgreSQL would take it:
  `payload` goes into a `jsonb` column, so an object (or a number or `true`) is stored while an
  array or a string that is not JSON text fails the insert; `linked_thread_id` is an `integer`
  foreign key to `thread`, so a string that is not an integer, or an id with no thread, fails
  it too. A failed insert is a 500 `{"error": "Failed to log input event"}`. Success: 201
  `{success, event_id (a UUID), source, received_at, correlation_id}`, the correlation id taken
  from `x-correlation-id` or made up.

Control: `GET /_events`; `POST /_threads {"id": n}` creates a thread; `POST /_revoke` makes
every issued JWT invalid; `POST /_config` also takes `token_ttl`, `email`, `password`,
`reject_tokens`, `auth_limit`, `auth_window`. Time comes from the `clock` given to the
constructor (wall clock by default), so a test can run 15-minute windows in milliseconds.
"""

from __future__ import annotations

import json
import math
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import jwt
from werkzeug.exceptions import MethodNotAllowed
from werkzeug.exceptions import NotFound as RouteNotFound
from werkzeug.routing import Rule
from werkzeug.wrappers import Request, Response

from saas_fakes.base import Abort, FakeApp, json_response

DEFAULT_EMAIL = "bridge@clubos.test"
DEFAULT_PASSWORD = "clubos-test-password"
WINDOW_SECONDS = 15 * 60
GENERAL_LIMIT = 100
AUTH_LIMIT = 5
GENERAL_MESSAGE = "Too many requests from this IP, please try again later."
AUTH_MESSAGE = "Too many authentication attempts, please try again later."
_JWT_SECRET = "clubos-fake-jwt-secret-not-for-production"

# Express's default error handler, as `express.json()` answers a body it cannot parse.
_HTML_400 = (
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
    "<title>Error</title>\n</head>\n<body>\n<pre>SyntaxError: Unexpected token in JSON</pre>\n"
    "</body>\n</html>\n"
)


class FixedWindowLimiter:
    """express-rate-limit's memory store: `limit` hits per key in a window opened by the first.

    `hit` counts a request (refused ones count too, as in express-rate-limit) and returns the
    window's reset instant (epoch seconds) when the request is over the limit, else None.
    """

    def __init__(self, limit: int | None, window: float, clock: Callable[[], float]) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._windows: dict[str, tuple[float, int]] = {}

    def hit(self, key: str) -> float | None:
        """Count one request for `key`; the reset instant if it is over the limit."""
        if self.limit is None:
            return None
        now = self.clock()
        reset, hits = self._windows.get(key, (0.0, 0))
        if now >= reset:
            reset, hits = now + self.window, 0
        hits += 1
        self._windows[key] = (reset, hits)
        return reset if hits > self.limit else None

    def reset(self) -> None:
        """Forget every window."""
        self._windows.clear()


class ClubOSFake(FakeApp):
    """In-memory ClubOS V3: health, operator login, threads and the input-event log."""

    name = "clubos"

    def __init__(
        self,
        *,
        email: str = DEFAULT_EMAIL,
        password: str = DEFAULT_PASSWORD,
        token_ttl: int = 24 * 3600,
        rate_limit: int | None = GENERAL_LIMIT,
        rate_window: float = WINDOW_SECONDS,
        auth_limit: int | None = AUTH_LIMIT,
        auth_window: float = WINDOW_SECONDS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(rate_limit=None)
        self.clock = clock
        self.general = FixedWindowLimiter(rate_limit, rate_window, clock)
        self.auth = FixedWindowLimiter(auth_limit, auth_window, clock)
        self.email = email
        self.password = password
        self.token_ttl = token_ttl
        self.reject_tokens = False
        self.generation = 0
        self.events: list[dict[str, Any]] = []
        self.threads: set[int] = set()

    def api_rules(self) -> list[Rule]:
        """ClubOS routes used by the platform."""
        return [
            Rule("/health", methods=["GET"], endpoint="health"),
            Rule("/api/auth/login", methods=["POST"], endpoint="login"),
            Rule("/api/input-events", methods=["POST"], endpoint="input_event"),
        ]

    def control_rules(self) -> list[Rule]:
        """Inspection, threads and token revocation."""
        return [
            Rule("/_events", methods=["GET"], endpoint="events"),
            Rule("/_threads", methods=["POST"], endpoint="add_thread"),
            Rule("/_revoke", methods=["POST"], endpoint="revoke"),
        ]

    def rate_key(self, request: Request) -> str:
        """Per client address, like express-rate-limit."""
        return request.remote_addr or "anonymous"

    def rate_limited(self, retry_after: float) -> Response:
        """express-rate-limit's answer with the handler ClubOS installs (for injected 429s)."""
        return self._limited(GENERAL_MESSAGE, self.clock() + retry_after)

    def _limited(self, message: str, reset: float) -> Response:
        wait = max(0, math.ceil(reset - self.clock()))
        return json_response(
            {"error": message, "retryAfter": round(reset)}, 429, {"Retry-After": str(wait)}
        )

    def configure(self, settings: dict[str, Any]) -> None:
        """Also `token_ttl`, `email`, `password`, `reject_tokens`, `auth_limit`, `auth_window`;
        `rate_limit`/`rate_window` set the general limiter."""
        if "token_ttl" in settings:
            self.token_ttl = int(settings["token_ttl"])
        if "email" in settings:
            self.email = str(settings["email"])
        if "password" in settings:
            self.password = str(settings["password"])
        if "reject_tokens" in settings:
            self.reject_tokens = bool(settings["reject_tokens"])
        for prefix, limiter in (("rate", self.general), ("auth", self.auth)):
            if f"{prefix}_limit" in settings:
                limit = settings[f"{prefix}_limit"]
                limiter.limit = None if limit is None else int(limit)
            if f"{prefix}_window" in settings:
                limiter.window = float(settings[f"{prefix}_window"])
            limiter.reset()

    def reset_state(self) -> None:
        """Forget events, threads and limits; revoke tokens."""
        self.events.clear()
        self.threads.clear()
        self.general.reset()
        self.auth.reset()
        self.reject_tokens = False
        self.generation += 1

    # -- the middleware chain ---------------------------------------------------------------

    def _dispatch(self, request: Request) -> Response:
        raw = request.get_data()
        body: Any = None
        if raw and request.mimetype == "application/json":
            try:
                body = json.loads(raw)
            except ValueError:
                return Response(_HTML_400, status=400, mimetype="text/html")
        key = self.rate_key(request)
        reset = self.general.hit(key)
        if reset is not None:
            return self._limited(GENERAL_MESSAGE, reset)
        if request.path.startswith("/api/auth"):
            reset = self.auth.hit(key)
            if reset is not None:
                return self._limited(AUTH_MESSAGE, reset)
        adapter = self._api_map.bind_to_environ(request.environ)
        try:
            endpoint, _args = adapter.match()
        except (RouteNotFound, MethodNotAllowed):
            return json_response(
                {"error": "Not Found", "path": request.path, "timestamp": _iso(self.clock())},
                404,
            )
        try:
            result: Response = getattr(self, f"on_{endpoint}")(request, body)
            return result
        except Abort as exc:
            return exc.response

    # -- routes -----------------------------------------------------------------------------

    def on_health(self, request: Request, body: Any) -> Response:
        """Liveness (counted by the general limiter like every route)."""
        return json_response({"status": "healthy", "timestamp": _iso(self.clock())})

    def on_login(self, request: Request, body: Any) -> Response:
        """Operator login."""
        if not isinstance(body, dict) or not body.get("email") or not body.get("password"):
            return json_response({"error": "Email and password are required"}, 400)
        if body.get("email") != self.email or body.get("password") != self.password:
            return json_response({"error": "Invalid credentials"}, 401)
        now = int(self.clock())
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

    def token_valid(self, header: str | None) -> bool:
        """Whether an `Authorization` header carries a live JWT issued by this fake."""
        if not header or not header.startswith("Bearer "):
            return False
        try:
            claims = jwt.decode(
                header[7:], _JWT_SECRET, algorithms=["HS256"], options={"verify_exp": False}
            )
        except jwt.InvalidTokenError:
            return False
        return (
            not self.reject_tokens
            and claims.get("gen") == self.generation
            and float(claims.get("exp", 0)) > self.clock()
        )

    def on_input_event(self, request: Request, body: Any) -> Response:
        """Log an input event (no authentication, as the real route)."""
        if not isinstance(body, dict) or _js_falsy(body.get("source")):
            return json_response({"error": "source and payload are required"}, 400)
        if _js_falsy(body.get("payload")):
            return json_response({"error": "source and payload are required"}, 400)
        try:
            payload = _as_jsonb(body["payload"])
            thread = _as_thread_fk(body.get("linked_thread_id"), self.threads)
        except ValueError:
            return json_response({"error": "Failed to log input event"}, 500)
        correlation = request.headers.get("x-correlation-id") or str(uuid.uuid4())
        event = {
            "id": str(uuid.uuid4()),
            "source": _as_text(body["source"]),
            "payload": payload,
            "location_id": _as_text(body.get("location_id")),
            "bay_id": _as_text(body.get("bay_id")),
            "linked_thread_id": thread,
            "correlation_id": correlation,
            "received_at": _iso(self.clock()),
            "authorization": request.headers.get("Authorization"),
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

    # -- control ----------------------------------------------------------------------------

    def control_events(self, request: Request) -> Response:
        """Input events received."""
        return json_response(self.events)

    def control_add_thread(self, request: Request) -> Response:
        """Create a thread that input events may link to."""
        body = json.loads(request.get_data() or b"{}")
        thread_id = int(body.get("id") or (max(self.threads, default=0) + 1))
        self.threads.add(thread_id)
        return json_response({"id": thread_id}, 201)

    def control_revoke(self, request: Request) -> Response:
        """Invalidate every issued JWT."""
        self.generation += 1
        return Response(status=204)


def _iso(epoch: float) -> str:
    return (
        datetime.fromtimestamp(epoch, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    )


def _js_falsy(value: Any) -> bool:
    """JavaScript's falsiness (`!value`): an empty object or array is truthy there."""
    if value is None or value is False:
        return True
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value == 0
    return value == ""


def _as_jsonb(value: Any) -> Any:
    """What node-postgres + a `jsonb` column make of a value; ValueError where the insert fails.

    node-postgres serialises objects with JSON.stringify but arrays as PostgreSQL array literals,
    and sends strings as they are: `jsonb` then has to parse them.
    """
    if isinstance(value, list):
        raise ValueError("array literal is not valid jsonb")
    if isinstance(value, str):
        return json.loads(value)
    return value


def _as_thread_fk(value: Any, threads: set[int]) -> int | None:
    """An `integer REFERENCES thread(id)` column; ValueError where PostgreSQL refuses it."""
    if value is None:
        return None
    if isinstance(value, bool | dict | list):
        raise ValueError("not an integer")
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError("not an integer")
        value = int(value)
    thread = int(str(value).strip())  # "12" is cast by PostgreSQL; "abc" raises ValueError
    if thread not in threads:
        raise ValueError("foreign key violation")
    return thread


def _as_text(value: Any) -> str | None:
    """A `text` column: node-postgres sends numbers as their text and objects as JSON."""
    if value is None:
        return None
    if isinstance(value, dict | list):
        return json.dumps(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
