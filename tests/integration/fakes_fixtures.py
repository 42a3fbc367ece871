"""Pytest fixtures that run the SaaS contract fakes (package `saas_fakes`) on free ports.

Each fake runs once per test module in a thread and is reset before every test (calls, faults,
rate-limit counters and data), so tests do not see each other's traffic. `fast_session` is a
client session with the production retry policy but no backoff sleeps.

Use from a test module with `pytest_plugins = ["fakes_fixtures"]`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests
from werkzeug.routing import Rule
from werkzeug.wrappers import Request, Response

from booking.adapters.http import make_session
from saas_fakes import ClubOSFake, FakeApp, FakeServer, HubSpotFake, NinjaOneFake, UnifiAccessFake


class RunningFake:
    """A started fake: its URL plus shortcuts for the control endpoints."""

    def __init__(self, server: FakeServer) -> None:
        self.server = server
        self.app = server.app
        self.url = server.url
        self._http = requests.Session()

    def control(self, method: str, path: str, body: Any = None) -> Any:
        """Call a control endpoint (`/_...`) and return its JSON, if any."""
        response = self._http.request(method, self.url + path, json=body, timeout=30)
        response.raise_for_status()
        return response.json() if response.content else None

    def calls(self, path: str | None = None, method: str | None = None) -> list[dict[str, Any]]:
        """Calls the fake received (optionally under a path prefix / with a method)."""
        params = {k: v for k, v in (("path", path), ("method", method)) if v}
        response = self._http.get(self.url + "/_calls", params=params, timeout=30)
        response.raise_for_status()
        calls: list[dict[str, Any]] = response.json()
        return calls

    def effective_calls(
        self, path: str | None = None, method: str | None = None
    ) -> list[dict[str, Any]]:
        """Calls that were answered with 2xx (not faulted, limited or rejected)."""
        return [c for c in self.calls(path, method) if 200 <= (c["status"] or 0) < 300]

    def fault(self, status: int | None = None, times: int = 1, **kw: Any) -> None:
        """Queue a fault (`retry_after`, `delay`, `path`, `method` as keywords)."""
        self.control("POST", "/_faults", {"status": status, "times": times, **kw})

    def configure(self, **settings: Any) -> None:
        """Change the fake's settings (`POST /_config`)."""
        self.control("POST", "/_config", settings)

    def reset(self) -> None:
        """Clear calls, faults, limits and data."""
        self.control("POST", "/_reset")


def _serve(app: FakeApp) -> Iterator[RunningFake]:
    server = FakeServer(app).start()
    try:
        yield RunningFake(server)
    finally:
        server.stop()


@pytest.fixture(scope="module")
def _hubspot_server() -> Iterator[RunningFake]:
    yield from _serve(HubSpotFake())


@pytest.fixture(scope="module")
def _unifi_server() -> Iterator[RunningFake]:
    yield from _serve(UnifiAccessFake())


@pytest.fixture(scope="module")
def _ninjaone_server() -> Iterator[RunningFake]:
    yield from _serve(NinjaOneFake())


@pytest.fixture(scope="module")
def _clubos_server() -> Iterator[RunningFake]:
    yield from _serve(ClubOSFake())


def _fresh(fake: RunningFake, defaults: dict[str, Any]) -> RunningFake:
    fake.reset()
    fake.configure(**defaults)
    return fake


@pytest.fixture
def hubspot_fake(_hubspot_server: RunningFake) -> RunningFake:
    """The HubSpot fake, reset (token `hubspot-test-token`, 100 requests per 10 s)."""
    return _fresh(
        _hubspot_server, {"token": "hubspot-test-token", "rate_limit": 100, "rate_window": 10}
    )


@pytest.fixture
def unifi_fake(_unifi_server: RunningFake) -> RunningFake:
    """The UniFi Access fake, reset (token `unifi-test-token`, doors door-main, door-bay-1/2)."""
    return _fresh(_unifi_server, {"token": "unifi-test-token", "rate_limit": None})


@pytest.fixture
def ninjaone_fake(_ninjaone_server: RunningFake) -> RunningFake:
    """The NinjaOne fake, reset (client `ninja-client`/`ninja-secret`, devices 1..10)."""
    return _fresh(
        _ninjaone_server,
        {"token_ttl": 3600, "require_user_context": False, "rate_limit": None},
    )


@pytest.fixture
def clubos_fake(_clubos_server: RunningFake) -> RunningFake:
    """The ClubOS fake, reset (operator `bridge@clubos.test`; 100 requests and 5 logins per
    15 minutes per address, as the real service)."""
    return _fresh(
        _clubos_server,
        {
            "token_ttl": 86400,
            "reject_tokens": False,
            "rate_limit": 100,
            "rate_window": 900,
            "auth_limit": 5,
            "auth_window": 900,
        },
    )


@pytest.fixture
def fast_session() -> Iterator[requests.Session]:
    """The production retry policy (4 retries) without backoff sleeps, for quick tests."""
    session = make_session(backoff_factor=0.0, max_retry_after=1.0)
    try:
        yield session
    finally:
        session.close()


class WebhookReceiver(FakeApp):
    """Stands in for the platform's webhook endpoint: accepts any POST, keeps the raw bodies."""

    name = "receiver"

    def __init__(self) -> None:
        super().__init__()
        self.received: list[tuple[str, dict[str, str], bytes]] = []

    def api_rules(self) -> list[Rule]:
        """Any path."""
        return [Rule("/<path:path>", methods=["POST"], endpoint="any")]

    def on_any(self, request: Request, path: str) -> Response:
        """Keep the request as it arrived."""
        self.received.append((request.url, dict(request.headers), request.get_data()))
        return Response(status=200)


@pytest.fixture
def webhook_receiver() -> Iterator[tuple[str, WebhookReceiver]]:
    """A running receiver: its base URL and the app holding what it received."""
    app = WebhookReceiver()
    server = FakeServer(app).start()
    try:
        yield server.url, app
    finally:
        server.stop()
