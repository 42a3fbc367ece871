"""HTTP plumbing shared by the SaaS clients: sessions with retries, timeouts and typed errors.

`make_session` builds a `requests.Session` whose adapter

* retries connection errors, read errors and the statuses 429/500/502/503/504 with exponential
  backoff (urllib3 `Retry`), honouring `Retry-After` (capped, so a Lambda never sleeps for minutes);
* retries only idempotent methods (GET, HEAD, OPTIONS, PUT, DELETE) unless the caller marks the
  call as safe to repeat (`ApiClient._request(..., retry_unsafe=True)`), because repeating a
  POST that reached the server can create a second visitor, event or script run;
* retries 429 for every method: a rate-limited request was rejected before it was processed;
* applies default timeouts (connect 3 s, read 10 s) to requests made without one.

A client given `time_left` (a callable answering the seconds its caller may still spend, e.g.
from the Lambda context's remaining time) never plans past it: each request's timeouts are cut
to what is left, and a retry whose backoff or `Retry-After` would end after that gives up at
once with the typed error (a 429 becomes `RateLimited` carrying the server's `retry_after`, so
the caller can hand the work back to its queue instead of sleeping into its own timeout).

Responses are turned into typed errors from their status code (never from message text):
`AuthError` (401/403), `NotFound` (404), `RateLimited` (429 after the retries, with
`retry_after`), `UpstreamError` (5xx, and `TransportError` for timeouts and refused
connections), `RequestRejected` (any other 4xx) and `ContractError` (a 2xx whose body does not
have the documented shape). All derive from `IntegrationError`.

`read_setting` / `read_secret` read client settings from environment variables. A secret
`NAME` (say `HUBSPOT_TOKEN`) is looked up, first match wins, in

1. `NAME_SECRET_ARN`: a Secrets Manager secret whose whole value is the secret;
2. `<GROUP>_SECRETS_ARN`, the group being the part of `NAME` before the first underscore
   (`HUBSPOT_SECRETS_ARN`): a secret holding a JSON object keyed by variable name, e.g.
   `{"HUBSPOT_TOKEN": "...", "HUBSPOT_CLIENT_SECRET": "..."}`: one secret (and one IAM grant)
   per integration, which is how the template wires them;
3. the plain variable `NAME` (tests and tools only; deployed functions get ARNs).

Secrets are fetched through Powertools Parameters (`get_secret`, cached for five minutes), so a
rotated value is picked up within five minutes without a redeploy.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, ClassVar
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from booking.services import ports

# The errors belong to the SaaS port (services catch them without knowing about HTTP); the
# clients raise them from here.
IntegrationError = ports.IntegrationError
AuthError = ports.AuthError
NotFound = ports.NotFound
RateLimited = ports.RateLimited
UpstreamError = ports.UpstreamError
TransportError = ports.TransportError
RequestRejected = ports.RequestRejected
ContractError = ports.ContractError

DEFAULT_TIMEOUT: tuple[float, float] = (3.0, 10.0)
"""(connect, read) timeouts in seconds for requests made without an explicit timeout."""

RETRY_STATUSES: frozenset[int] = frozenset({429, 500, 502, 503, 504})
IDEMPOTENT_METHODS: frozenset[str] = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
ALL_METHODS: frozenset[str] = IDEMPOTENT_METHODS | {"POST", "PATCH"}

# Marks one request as safe to repeat. The adapter removes it before the request goes out, so it
# never reaches the remote API.
RETRY_UNSAFE_HEADER = "X-Booking-Retry-Unsafe"


# The monotonic instant the current request's retries must not sleep past (see `time_left`).
_DEADLINE: ContextVar[float | None] = ContextVar("integration_deadline", default=None)
# Seconds kept back from a deadline for the last attempt itself.
MIN_ATTEMPT_SECONDS = 1.0


class _OutOfTime(Exception):
    """A retry would sleep past the deadline; carries the last response's status and headers."""

    def __init__(self, status: int | None, headers: Mapping[str, str]) -> None:
        super().__init__(status)
        self.status = status
        self.headers = dict(headers)


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait from a `Retry-After` header (delta seconds or an HTTP date), else None."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _retry_after_of(response: requests.Response) -> float | None:
    """Seconds to wait after a 429: the `Retry-After` header, else a body's `retryAfter`.

    The header is a delay, immune to clock skew, so it wins. ClubOS (express-rate-limit with its
    own handler) also answers `{"retryAfter": <epoch seconds>}`: an absolute instant, not a
    delay; values above 10^9 are read as such instants.
    """
    header = parse_retry_after(response.headers.get("Retry-After"))
    if header is not None:
        return header
    try:
        body = response.json()
    except ValueError:
        return None
    value = body.get("retryAfter") if isinstance(body, dict) else None
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    return max(0.0, value - time.time()) if value > 1e9 else max(0.0, float(value))


def raise_for_response(response: requests.Response, service: str) -> None:
    """Raise the typed error matching a non-2xx response; return for 2xx/3xx."""
    status = response.status_code
    if status < 400:
        return
    body = response.text[:1000]
    request = response.request
    where = f"{request.method} {urlsplit(request.url or '').path}"
    message = f"{service}: {where} -> HTTP {status}: {body[:300]}"
    kw: dict[str, Any] = {"service": service, "status": status, "body": body}
    if status in (401, 403):
        raise AuthError(message, **kw)
    if status == 404:
        raise NotFound(message, **kw)
    if status == 429:
        raise RateLimited(message, retry_after=_retry_after_of(response), **kw)
    if status >= 500:
        raise UpstreamError(message, **kw)
    raise RequestRejected(message, **kw)


class _Retry(Retry):
    """`Retry` that retries 429 for any method and caps how long a Retry-After may make it sleep."""

    def __init__(self, *args: Any, max_retry_after: float = 30.0, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.max_retry_after = max_retry_after

    def new(self, **kw: Any) -> _Retry:
        """Copy, keeping the Retry-After cap (urllib3 makes a new object per attempt)."""
        retry = super().new(**kw)
        retry.max_retry_after = self.max_retry_after
        return retry

    def is_retry(self, method: str, status_code: int, has_retry_after: bool = False) -> bool:
        """Retry 429 regardless of method: the server rejected the request before processing it."""
        if status_code == 429 and self.status_forcelist and 429 in self.status_forcelist:
            return bool(self.total)
        return super().is_retry(method, status_code, has_retry_after)

    def get_retry_after(self, response: Any) -> float | None:
        """The server's Retry-After, but never more than `max_retry_after` seconds."""
        value = super().get_retry_after(response)
        if value is None:
            return None
        return min(value, self.max_retry_after)

    def sleep(self, response: Any = None) -> None:
        """Sleep before the next attempt, unless that would cross the caller's deadline."""
        deadline = _DEADLINE.get()
        if deadline is not None:
            wait = self.get_backoff_time()
            if response is not None and self.respect_retry_after_header:
                server_wait = super().get_retry_after(response)
                if server_wait is not None:
                    wait = server_wait  # the uncapped value: it is what the server will enforce
            if time.monotonic() + wait + MIN_ATTEMPT_SECONDS > deadline:
                status = getattr(response, "status", None)
                headers = getattr(response, "headers", None) or {}
                raise _OutOfTime(status, headers)
        super().sleep(response)


def build_retry(
    *,
    total: int = 4,
    backoff_factor: float = 0.5,
    backoff_max: float = 20.0,
    max_retry_after: float = 30.0,
    methods: frozenset[str] = IDEMPOTENT_METHODS,
) -> Retry:
    """A urllib3 `Retry` with the platform's policy (see the module docstring)."""
    return _Retry(
        total=total,
        connect=total,
        read=total,
        status=total,
        other=0,
        backoff_factor=backoff_factor,
        backoff_max=backoff_max,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=methods,
        respect_retry_after_header=True,
        raise_on_status=False,
        raise_on_redirect=False,
        max_retry_after=max_retry_after,
    )


class RetryingAdapter(HTTPAdapter):
    """Adapter with default timeouts and two retry policies, chosen per request.

    Requests carrying `RETRY_UNSAFE_HEADER` go through an inner adapter that also retries POST
    and PATCH; the header is stripped first.
    """

    def __init__(self, safe: Retry, unsafe: Retry, timeout: tuple[float, float]) -> None:
        super().__init__(max_retries=safe)
        self._unsafe = HTTPAdapter(max_retries=unsafe)
        self._timeout = timeout

    def send(
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: Any = None,
        verify: bool | str = True,
        cert: Any = None,
        proxies: Mapping[str, str] | None = None,
    ) -> requests.Response:
        """Send with the default timeout and the retry policy the request asked for."""
        if timeout is None:
            timeout = self._timeout
        if request.headers.pop(RETRY_UNSAFE_HEADER, None) is not None:
            return self._unsafe.send(request, stream, timeout, verify, cert, proxies)
        return super().send(request, stream, timeout, verify, cert, proxies)

    def close(self) -> None:
        """Close both connection pools."""
        self._unsafe.close()
        super().close()


def make_session(
    *,
    total: int = 4,
    backoff_factor: float = 0.5,
    backoff_max: float = 20.0,
    max_retry_after: float = 30.0,
    timeout: tuple[float, float] = DEFAULT_TIMEOUT,
    user_agent: str = "booking-platform/0.1",
) -> requests.Session:
    """A `requests.Session` with the platform's retry policy and default timeouts."""
    session = requests.Session()
    kw: dict[str, Any] = {
        "total": total,
        "backoff_factor": backoff_factor,
        "backoff_max": backoff_max,
        "max_retry_after": max_retry_after,
    }
    adapter = RetryingAdapter(
        build_retry(methods=IDEMPOTENT_METHODS, **kw),
        build_retry(methods=ALL_METHODS, **kw),
        timeout,
    )
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    session.headers["User-Agent"] = user_agent
    return session


class ApiClient:
    """Base for the SaaS clients: joins paths to `base_url`, sends, and maps errors."""

    service: ClassVar[str] = "api"

    def __init__(
        self,
        base_url: str,
        *,
        session: requests.Session | None = None,
        verify: bool | str = True,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.session = session if session is not None else make_session()
        self.verify = verify
        self.time_left: Callable[[], float] | None = None
        """Seconds the caller may still spend (see the module docstring); None: no deadline."""

    def _url(self, path: str) -> str:
        return f"{self.base_url}/{path.lstrip('/')}"

    def _request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        form: Mapping[str, str] | None = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        retry_unsafe: bool = False,
    ) -> requests.Response:
        """Send one request (with the session's retries) and raise a typed error unless 2xx."""
        url = self._url(path)
        all_headers = dict(headers or {})
        if retry_unsafe and isinstance(self.session.get_adapter(url), RetryingAdapter):
            all_headers[RETRY_UNSAFE_HEADER] = "1"
        timeout: tuple[float, float] | None = None
        token = None
        if self.time_left is not None:
            left = self.time_left()
            if left < MIN_ATTEMPT_SECONDS:
                raise TransportError(
                    f"{self.service}: no time left for {method} {path}", service=self.service
                )
            timeout = (min(DEFAULT_TIMEOUT[0], left), min(DEFAULT_TIMEOUT[1], left))
            token = _DEADLINE.set(time.monotonic() + left)
        try:
            response = self.session.request(
                method,
                url,
                json=json_body,
                data=form,
                params=params,
                headers=all_headers,
                verify=self.verify,
                timeout=timeout,
            )
        except _OutOfTime as exc:
            raise _out_of_time_error(exc, self.service, method, path) from None
        except requests.Timeout as exc:
            raise TransportError(
                f"{self.service}: {method} {path} timed out", service=self.service
            ) from exc
        except requests.ConnectionError as exc:
            raise TransportError(
                f"{self.service}: {method} {path} failed to connect: {exc}", service=self.service
            ) from exc
        finally:
            if token is not None:
                _DEADLINE.reset(token)
        raise_for_response(response, self.service)
        return response

    def _json(self, response: requests.Response) -> Any:
        """The response body as JSON, or `ContractError`."""
        try:
            return response.json()
        except (ValueError, json.JSONDecodeError) as exc:
            raise ContractError(
                f"{self.service}: expected JSON, got {response.headers.get('Content-Type')!r}",
                service=self.service,
                status=response.status_code,
                body=response.text[:1000],
            ) from exc

    def _contract(self, message: str) -> ContractError:
        return ContractError(f"{self.service}: {message}", service=self.service)


def _out_of_time_error(exc: _OutOfTime, service: str, method: str, path: str) -> IntegrationError:
    """The typed error for a retry cut short by the deadline."""
    message = f"{service}: {method} {path} -> HTTP {exc.status}; no time left to retry"
    if exc.status == 429:
        return RateLimited(
            message,
            retry_after=parse_retry_after(exc.headers.get("Retry-After")),
            service=service,
            status=429,
        )
    if exc.status is None:
        return TransportError(
            f"{service}: {method} {path} failed; no time left to retry", service=service
        )
    if exc.status >= 500:
        return UpstreamError(message, service=service, status=exc.status)
    return IntegrationError(message, service=service, status=exc.status)


def expect_dict(value: Any, what: str, service: str) -> dict[str, Any]:
    """`value` if it is a JSON object, else `ContractError` naming `what`."""
    if not isinstance(value, dict):
        raise ContractError(f"{service}: {what} is not an object", service=service)
    return value


def expect_list(value: Any, what: str, service: str) -> list[Any]:
    """`value` if it is a JSON array, else `ContractError` naming `what`."""
    if not isinstance(value, list):
        raise ContractError(f"{service}: {what} is not an array", service=service)
    return value


def read_setting(
    name: str, env: Mapping[str, str] | None = None, default: str | None = None
) -> str | None:
    """The environment variable `name` (empty counts as unset), else `default`."""
    source = os.environ if env is None else env
    value = source.get(name)
    return value if value else default


def read_secret(name: str, env: Mapping[str, str] | None = None) -> str | None:
    """A secret from `NAME_SECRET_ARN`, the group secret `<GROUP>_SECRETS_ARN`, or `name`.

    The ARN forms win, so a deployed function never depends on a plain-text variable (see the
    module docstring for the lookup order). A key missing from a group secret counts as unset.
    """
    arn = read_setting(f"{name}_SECRET_ARN", env)
    if arn:
        return _fetch_secret(arn)
    group_arn = read_setting(f"{name.split('_', 1)[0]}_SECRETS_ARN", env)
    if group_arn:
        raw = _fetch_secret(group_arn)
        try:
            values = json.loads(raw)
        except json.JSONDecodeError:
            raise ContractError(
                f"secret {group_arn} is not a JSON object", service="secrets"
            ) from None
        if not isinstance(values, dict):
            raise ContractError(f"secret {group_arn} is not a JSON object", service="secrets")
        value = values.get(name)
        return str(value) if value not in (None, "") else None
    return read_setting(name, env)


def _fetch_secret(arn: str) -> str:
    """The string value of a Secrets Manager secret (cached five minutes by Powertools)."""
    # Imported here: only deployed functions need boto3/Powertools for this path.
    from aws_lambda_powertools.utilities import parameters

    value = parameters.get_secret(arn, max_age=300)
    if isinstance(value, bytes):
        return value.decode()
    if not isinstance(value, str):
        raise ContractError(f"secret {arn} is not a string", service="secrets")
    return value


def require_setting(value: str | None, name: str) -> str:
    """`value`, or a `ValueError` naming the missing variable."""
    if not value:
        raise ValueError(f"missing setting {name} (or {name}_SECRET_ARN for secrets)")
    return value
