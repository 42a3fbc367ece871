"""The shared HTTP plumbing (retries, timeouts, error mapping) against a contract fake."""

from __future__ import annotations

import socket
from typing import TYPE_CHECKING

import pytest
import requests

from booking.adapters.http import (
    RETRY_UNSAFE_HEADER,
    ApiClient,
    RateLimited,
    TransportError,
    make_session,
    parse_retry_after,
)

if TYPE_CHECKING:
    from fakes_fixtures import RunningFake

pytest_plugins = ["fakes_fixtures"]

LOGIN = "/api/auth/login"
CREDENTIALS = {"email": "bridge@clubos.test", "password": "clubos-test-password"}


class Probe(ApiClient):
    service = "probe"

    def login(self, *, retry_unsafe: bool) -> int:
        response = self._request("POST", LOGIN, json_body=CREDENTIALS, retry_unsafe=retry_unsafe)
        return response.status_code


def test_post_is_retried_only_when_marked_safe(
    clubos_fake: RunningFake, fast_session: requests.Session
) -> None:
    probe = Probe(clubos_fake.url, session=fast_session)
    clubos_fake.fault(503, times=1, path=LOGIN)
    assert probe.login(retry_unsafe=True) == 200
    calls = clubos_fake.calls(LOGIN)
    assert [c["status"] for c in calls] == [503, 200]
    # The marker that selects the policy never reaches the remote API.
    assert all(RETRY_UNSAFE_HEADER.lower() not in c["headers"] for c in calls)


def test_unsafe_post_is_not_retried_after_503(
    clubos_fake: RunningFake, fast_session: requests.Session
) -> None:
    clubos_fake.fault(503, times=1, path=LOGIN)
    with pytest.raises(Exception) as info:
        Probe(clubos_fake.url, session=fast_session).login(retry_unsafe=False)
    assert getattr(info.value, "status", None) == 503
    assert len(clubos_fake.calls(LOGIN)) == 1


def test_retry_after_longer_than_the_cap_ends_in_rate_limited(
    clubos_fake: RunningFake,
) -> None:
    # The session sleeps at most max_retry_after per retry, then reports the server's wait.
    session = make_session(total=1, backoff_factor=0.0, max_retry_after=0.01)
    clubos_fake.fault(429, times=5, retry_after=120, path=LOGIN)
    with pytest.raises(RateLimited) as info:
        Probe(clubos_fake.url, session=session).login(retry_unsafe=False)
    assert info.value.retry_after == 120
    assert len(clubos_fake.calls(LOGIN)) == 2


def test_read_timeout_is_a_transport_error(clubos_fake: RunningFake) -> None:
    session = make_session(total=0, timeout=(1.0, 0.2))
    clubos_fake.fault(None, times=1, delay=1.0, path=LOGIN)
    with pytest.raises(TransportError):
        Probe(clubos_fake.url, session=session).login(retry_unsafe=False)


def test_refused_connection_is_a_transport_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # Nothing listens on the port any more.
    session = make_session(total=1, backoff_factor=0.0)
    with pytest.raises(TransportError):
        Probe(f"http://127.0.0.1:{port}", session=session).login(retry_unsafe=True)


@pytest.mark.parametrize(
    ("header", "expected"),
    [("7", 7.0), ("0", 0.0), (None, None), ("soon", None), ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0)],
)
def test_parse_retry_after(header: str | None, expected: float | None) -> None:
    assert parse_retry_after(header) == expected
