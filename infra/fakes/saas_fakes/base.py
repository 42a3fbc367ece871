"""Shared machinery of the contract fakes: a WSGI app with call log, faults and rate limits.

Every fake answers these control endpoints (paths starting with `/_`, never checked for auth):

* `GET /_calls` - every API call received, oldest first (`?path=<prefix>` and `?method=` filter);
  each has `method, path, query, headers, json|form|body, status, fault`;
* `DELETE /_calls` - forget them;
* `POST /_faults` `{"status": 429|500|503, "times": N, "retry_after": s, "delay": s,
  "path": "<prefix>", "method": "POST", "body": {...}}` - answer the next N matching calls with
  that status (and JSON body, when given), or only delay them when `status` is omitted;
  `GET`/`DELETE /_faults` list/clear them;
* `POST /_config` - change settings, e.g. `{"rate_limit": 100, "rate_window": 10}`;
* `POST /_reset` - clear calls, faults and the fake's data.

Rate limits are counted per credential (the `Authorization` header, else the client address)
over a sliding window and answered with 429 and `Retry-After`.
"""

from __future__ import annotations

import itertools
import json
import math
import threading
import time
from collections import defaultdict, deque
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from werkzeug.exceptions import MethodNotAllowed
from werkzeug.exceptions import NotFound as RouteNotFound
from werkzeug.routing import Map, Rule
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """A JSON response."""
    return Response(json.dumps(body), status=status, headers=headers, mimetype="application/json")


def now_iso() -> str:
    """The current UTC time as ISO-8601 with milliseconds and a Z."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class Abort(Exception):
    """Raised inside a handler to answer with `response` at once."""

    def __init__(self, response: Response) -> None:
        super().__init__(response.status)
        self.response = response


@dataclass
class Fault:
    """An injected failure for the next `times` matching calls."""

    status: int | None = None
    times: int = 1
    retry_after: float | None = None
    delay: float = 0.0
    path: str | None = None
    method: str | None = None
    body: Any = None

    def matches(self, method: str, path: str) -> bool:
        """Whether this fault applies to a call."""
        if self.times <= 0:
            return False
        if self.path and not path.startswith(self.path):
            return False
        return not (self.method and self.method.upper() != method.upper())


class SlidingWindowLimiter:
    """At most `limit` calls per `window` seconds per key; `None` disables it."""

    def __init__(self, limit: int | None, window: float) -> None:
        self.limit = limit
        self.window = window
        self._hits: dict[str, deque[float]] = defaultdict(deque)

    def check(self, key: str) -> float | None:
        """Count a call; return the seconds to wait if it exceeds the limit (not counted then)."""
        if self.limit is None:
            return None
        now = time.monotonic()
        hits = self._hits[key]
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        if len(hits) >= self.limit:
            return max(0.0, hits[0] + self.window - now)
        hits.append(now)
        return None

    def reset(self) -> None:
        """Forget all counted calls."""
        self._hits.clear()


class FakeApp:
    """Base WSGI app. Subclasses define `api_rules()` (endpoint names map to `on_<endpoint>`),
    `authenticate()`, `error()` and optionally `control_rules()` (`control_<endpoint>`)."""

    name = "fake"
    unlocked_controls: frozenset[str] = frozenset({"webhook"})

    def __init__(self, *, rate_limit: int | None = None, rate_window: float = 10.0) -> None:
        self.lock = threading.RLock()
        self.limiter = SlidingWindowLimiter(rate_limit, rate_window)
        self._calls: list[dict[str, Any]] = []
        self._faults: list[Fault] = []
        self._ids = itertools.count(1)
        self._api_map = Map(self.api_rules(), strict_slashes=False)
        base_control = [
            Rule("/_calls", methods=["GET"], endpoint="calls"),
            Rule("/_calls", methods=["DELETE"], endpoint="clear_calls"),
            Rule("/_faults", methods=["GET"], endpoint="faults"),
            Rule("/_faults", methods=["POST"], endpoint="add_fault"),
            Rule("/_faults", methods=["DELETE"], endpoint="clear_faults"),
            Rule("/_config", methods=["POST"], endpoint="config"),
            Rule("/_reset", methods=["POST"], endpoint="reset"),
        ]
        self._control_map = Map(base_control + self.control_rules(), strict_slashes=False)

    # -- hooks for subclasses ---------------------------------------------------------------

    def api_rules(self) -> list[Rule]:
        """The API's routes."""
        raise NotImplementedError

    def control_rules(self) -> list[Rule]:
        """Extra control routes (under `/_`)."""
        return []

    def authenticate(self, request: Request, endpoint: str) -> Response | None:
        """None when the call may proceed, else the API's 401/403 answer."""
        return None

    def error(self, status: int, message: str) -> Response:
        """An error in the API's own format."""
        return json_response({"error": message}, status)

    def rate_limited(self, retry_after: float) -> Response:
        """The API's 429 answer."""
        return self.error(429, "rate limit exceeded")

    def rate_key(self, request: Request) -> str:
        """What the rate limit is counted per."""
        return request.headers.get("Authorization") or request.remote_addr or "anonymous"

    def configure(self, settings: dict[str, Any]) -> None:
        """Apply `/_config` settings; subclasses handle their own keys and call this."""
        if "rate_limit" in settings:
            limit = settings["rate_limit"]
            self.limiter.limit = None if limit is None else int(limit)
        if "rate_window" in settings:
            self.limiter.window = float(settings["rate_window"])
        self.limiter.reset()

    def reset_state(self) -> None:
        """Forget the fake's data (subclasses extend)."""

    # -- utilities for handlers -------------------------------------------------------------

    def next_id(self) -> int:
        """A fresh integer id."""
        return next(self._ids)

    def json_body(self, request: Request, *, required: bool = True) -> Any:
        """The request body parsed as JSON, or an `Abort` with 400."""
        raw = request.get_data()
        if not raw:
            if required:
                raise Abort(self.error(400, "request body is required"))
            return None
        if request.mimetype != "application/json":
            raise Abort(self.error(415, "Content-Type must be application/json"))
        try:
            return json.loads(raw)
        except ValueError:
            raise Abort(self.error(400, "body is not valid JSON")) from None

    def bad(self, message: str, status: int = 400) -> Abort:
        """An `Abort` carrying the API's error for an invalid request."""
        return Abort(self.error(status, message))

    # -- WSGI -------------------------------------------------------------------------------

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        request = Request(environ)
        is_control = request.path.startswith("/_")
        response = self._control(request) if is_control else self._api(request)
        return response(environ, start_response)

    def _record(self, request: Request) -> dict[str, Any]:
        raw = request.get_data(cache=True)
        record: dict[str, Any] = {
            "at": now_iso(),
            "method": request.method,
            "path": request.path,
            "query": request.args.to_dict(flat=True),
            "headers": {k.lower(): v for k, v in request.headers.items()},
            "json": None,
            "form": None,
            "body": None,
            "status": None,
            "fault": False,
        }
        if raw:
            if request.mimetype == "application/json":
                try:
                    record["json"] = json.loads(raw)
                except ValueError:
                    record["body"] = raw[:2000].decode(errors="replace")
            elif request.mimetype == "application/x-www-form-urlencoded":
                record["form"] = request.form.to_dict(flat=True)
            else:
                record["body"] = raw[:2000].decode(errors="replace")
        return record

    def _take_fault(self, request: Request) -> Fault | None:
        for fault in self._faults:
            if fault.matches(request.method, request.path):
                fault.times -= 1
                return fault
        return None

    def _api(self, request: Request) -> Response:
        with self.lock:
            record = self._record(request)
            self._calls.append(record)
            fault = self._take_fault(request)
        if fault is not None and fault.delay:
            time.sleep(fault.delay)
        with self.lock:
            if fault is not None and fault.status is not None:
                if fault.body is not None:
                    response = json_response(fault.body, fault.status)
                elif fault.status == 429:
                    response = self.rate_limited(fault.retry_after or 0)
                else:
                    response = self.error(fault.status, "injected fault")
                if fault.retry_after is not None:
                    response.headers["Retry-After"] = str(math.ceil(fault.retry_after))
                record["fault"] = True
            else:
                response = self._dispatch(request)
            record["status"] = response.status_code
            return response

    def _dispatch(self, request: Request) -> Response:
        adapter = self._api_map.bind_to_environ(request.environ)
        try:
            endpoint, args = adapter.match()
        except RouteNotFound:
            return self.error(404, f"no route for {request.method} {request.path}")
        except MethodNotAllowed:
            return self.error(405, f"{request.method} not allowed on {request.path}")
        try:
            denied = self.authenticate(request, str(endpoint))
            if denied is not None:
                return denied
            wait = self.limiter.check(self.rate_key(request))
            if wait is not None:
                response = self.rate_limited(wait)
                response.headers["Retry-After"] = str(max(1, math.ceil(wait)))
                return response
            result: Response = getattr(self, f"on_{endpoint}")(request, **args)
            return result
        except Abort as exc:
            return exc.response

    def _control(self, request: Request) -> Response:
        adapter = self._control_map.bind_to_environ(request.environ)
        try:
            endpoint, args = adapter.match()
        except RouteNotFound:
            return json_response({"error": f"no control route {request.path}"}, 404)
        except MethodNotAllowed:
            return json_response({"error": "method not allowed"}, 405)
        handler = getattr(self, f"control_{endpoint}")
        try:
            if endpoint in self.unlocked_controls:
                # These call out to other servers, which may call this fake back.
                result: Response = handler(request, **args)
            else:
                with self.lock:
                    result = handler(request, **args)
            return result
        except Abort as exc:
            return exc.response
        except (KeyError, TypeError, ValueError) as exc:
            return json_response({"error": f"bad control request: {exc}"}, 400)

    # -- control endpoints ------------------------------------------------------------------

    def control_calls(self, request: Request) -> Response:
        """Recorded calls, optionally filtered."""
        prefix = request.args.get("path")
        method = request.args.get("method")
        calls = [
            c
            for c in self._calls
            if (not prefix or c["path"].startswith(prefix))
            and (not method or c["method"] == method.upper())
        ]
        return json_response(calls)

    def control_clear_calls(self, request: Request) -> Response:
        """Forget recorded calls."""
        self._calls.clear()
        return Response(status=204)

    def control_faults(self, request: Request) -> Response:
        """Pending faults."""
        return json_response([asdict(f) for f in self._faults if f.times > 0])

    def control_add_fault(self, request: Request) -> Response:
        """Queue a fault."""
        body = json.loads(request.get_data() or b"{}")
        fault = Fault(
            status=body.get("status"),
            times=int(body.get("times", 1)),
            retry_after=body.get("retry_after"),
            delay=float(body.get("delay", 0.0)),
            path=body.get("path"),
            method=body.get("method"),
            body=body.get("body"),
        )
        self._faults.append(fault)
        return json_response(asdict(fault), 201)

    def control_clear_faults(self, request: Request) -> Response:
        """Drop all faults."""
        self._faults.clear()
        return Response(status=204)

    def control_config(self, request: Request) -> Response:
        """Change settings."""
        self.configure(json.loads(request.get_data() or b"{}"))
        return Response(status=204)

    def control_reset(self, request: Request) -> Response:
        """Clear calls, faults, limits and data."""
        self._calls.clear()
        self._faults.clear()
        self.limiter.reset()
        self.reset_state()
        return Response(status=204)


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """Do not log each request: test output stays readable."""


class FakeServer:
    """Serves a `FakeApp` on a thread; `port=0` picks a free port."""

    def __init__(self, app: FakeApp, host: str = "127.0.0.1", port: int = 0) -> None:
        self.app = app
        self._server: BaseWSGIServer = make_server(
            host, port, app, threaded=True, request_handler=_QuietHandler
        )
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """Base URL of the running fake."""
        return f"http://{self._server.host}:{self._server.port}"

    def start(self) -> FakeServer:
        """Start serving in a daemon thread."""
        self._thread = threading.Thread(
            target=self._server.serve_forever, name=f"fake-{self.app.name}", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
