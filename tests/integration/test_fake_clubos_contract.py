"""The ClubOS fake behaves as the real ClubOS V3 backend does (auth, limits, columns, errors).

Each test names the real behaviour it pins. The fake runs on a clock the test moves, so the
15-minute windows take no time.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

from saas_fakes import ClubOSFake, FakeServer
from saas_fakes.clubos import DEFAULT_EMAIL, DEFAULT_PASSWORD

EVENTS = "/api/input-events"
LOGIN = "/api/auth/login"
T0 = 1_800_000_000.0


class Clock:
    """A wall clock (epoch seconds) moved by hand."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def clock() -> Clock:
    return Clock()


@pytest.fixture(scope="module")
def _server(clock: Clock) -> Iterator[FakeServer]:
    server = FakeServer(ClubOSFake(clock=clock)).start()
    yield server
    server.stop()


@pytest.fixture
def fake(_server: FakeServer, clock: Clock) -> Iterator[Any]:
    clock.now = T0
    requests.post(_server.url + "/_reset", timeout=10).raise_for_status()
    yield _server


def post(fake: FakeServer, path: str, body: Any, **headers: str) -> requests.Response:
    return requests.post(fake.url + path, json=body, headers=headers, timeout=10)


def event(n: int = 0, **extra: Any) -> dict[str, Any]:
    return {"source": "booking-platform", "payload": {"n": n}, **extra}


def test_input_events_need_no_authentication(fake: FakeServer) -> None:
    response = post(fake, EVENTS, event())
    assert response.status_code == 201
    body = response.json()
    assert body["success"] is True and body["source"] == "booking-platform"


def test_one_limit_of_100_per_15_minutes_over_every_route(fake: FakeServer, clock: Clock) -> None:
    assert requests.get(fake.url + "/health", timeout=10).status_code == 200
    assert post(fake, LOGIN, {"email": DEFAULT_EMAIL, "password": DEFAULT_PASSWORD}).ok
    assert requests.get(fake.url + "/nowhere", timeout=10).status_code == 404
    for n in range(97):
        assert post(fake, EVENTS, event(n)).status_code == 201
    clock.now += 600  # ten minutes into the window: still closed

    refused = post(fake, EVENTS, event(100))

    assert refused.status_code == 429
    assert refused.json() == {
        "error": "Too many requests from this IP, please try again later.",
        "retryAfter": round(T0 + 900),  # absolute epoch seconds, not a delay
    }
    assert refused.headers["Retry-After"] == "300"
    clock.now = T0 + 900
    assert post(fake, EVENTS, event(101)).status_code == 201


def test_retry_after_is_up_to_900_seconds(fake: FakeServer, clock: Clock) -> None:
    for n in range(100):
        post(fake, EVENTS, event(n))
    refused = post(fake, EVENTS, event())
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "900"


def test_login_is_limited_to_5_per_15_minutes(fake: FakeServer, clock: Clock) -> None:
    good = {"email": DEFAULT_EMAIL, "password": DEFAULT_PASSWORD}
    assert [post(fake, LOGIN, good).status_code for _ in range(5)] == [200] * 5

    refused = post(fake, LOGIN, good)

    assert refused.status_code == 429
    assert refused.json()["error"] == "Too many authentication attempts, please try again later."
    assert post(fake, EVENTS, event()).status_code == 201  # other routes still open
    clock.now += 900
    assert post(fake, LOGIN, good).status_code == 200


def test_linked_thread_id_is_an_integer_foreign_key(fake: FakeServer) -> None:
    requests.post(fake.url + "/_threads", json={"id": 7}, timeout=10).raise_for_status()

    assert post(fake, EVENTS, event(linked_thread_id=7)).status_code == 201
    assert post(fake, EVENTS, event(linked_thread_id="7")).status_code == 201  # cast by PostgreSQL
    for bad in ("thread-abc", 8, "8", 7.5):
        response = post(fake, EVENTS, event(linked_thread_id=bad))
        assert response.status_code == 500, bad
        assert response.json() == {"error": "Failed to log input event"}
    events = requests.get(fake.url + "/_events", timeout=10).json()
    assert [e["linked_thread_id"] for e in events] == [7, 7]


def test_payload_must_be_storable_as_jsonb(fake: FakeServer) -> None:
    for falsy in (None, 0, "", False):
        assert post(fake, EVENTS, {"source": "s", "payload": falsy}).status_code == 400
    assert post(fake, EVENTS, {"source": "s"}).status_code == 400
    assert post(fake, EVENTS, {"source": "s", "payload": {}}).status_code == 201  # truthy in JS
    assert post(fake, EVENTS, {"source": "s", "payload": ["a", "b"]}).status_code == 500
    assert post(fake, EVENTS, {"source": "s", "payload": "plain words"}).status_code == 500
    assert post(fake, EVENTS, {"source": "s", "payload": {"ok": True}}).status_code == 201


def test_unknown_fields_are_ignored(fake: FakeServer) -> None:
    response = post(fake, EVENTS, event(priority="high", customer={"phone": "1"}))
    assert response.status_code == 201
    (stored,) = requests.get(fake.url + "/_events", timeout=10).json()
    assert "priority" not in stored and "customer" not in stored


def test_malformed_json_is_an_html_400_that_no_limit_counts(fake: FakeServer) -> None:
    for _ in range(120):
        response = requests.post(
            fake.url + EVENTS,
            data=b'{"source": "s", "payload": ',
            headers={"Content-Type": "application/json"},
            timeout=10,
        )
        assert response.status_code == 400
        assert response.headers["Content-Type"].startswith("text/html")
    assert post(fake, EVENTS, event()).status_code == 201
