"""ClubOSClient against the ClubOS V3 contract fake."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
import requests

from booking.adapters.clubos import ClubOSClient
from booking.adapters.http import (
    AuthError,
    RateLimited,
    RequestRejected,
    UpstreamError,
    make_session,
)

if TYPE_CHECKING:
    from fakes_fixtures import RunningFake

pytest_plugins = ["fakes_fixtures"]

EMAIL = "bridge@clubos.test"
PASSWORD = "clubos-test-password"
EVENTS = "/api/input-events"
LOGIN = "/api/auth/login"


class FakeClock:
    """Wall clock the test moves by hand (JWT `exp` is in Unix seconds)."""

    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def client(
    fake: RunningFake, session: requests.Session, password: str = PASSWORD, **kw: object
) -> ClubOSClient:
    """A client that logs in (the tests of the token handling)."""
    return ClubOSClient(fake.url, EMAIL, password, login=True, session=session, **kw)  # type: ignore[arg-type]


class MemoryTokenStore:
    """A token store two clients share, as two execution environments share the database."""

    def __init__(self) -> None:
        self.token: str | None = None

    def load(self) -> str | None:
        return self.token

    def save(self, token: str | None) -> None:
        self.token = token


def test_post_input_event(clubos_fake: RunningFake, fast_session: requests.Session) -> None:
    receipt = client(clubos_fake, fast_session).post_input_event(
        "booking-platform",
        {"type": "booking.created", "booking_id": "b-1"},
        location_id="loc-1",
        bay_id="bay-2",
        correlation_id="corr-123",
    )

    assert receipt.correlation_id == "corr-123"
    (event,) = clubos_fake.control("GET", "/_events")
    assert str(event["id"]) == receipt.event_id
    assert event["payload"] == {"type": "booking.created", "booking_id": "b-1"}
    assert (event["location_id"], event["bay_id"]) == ("loc-1", "bay-2")
    (call,) = clubos_fake.calls(EVENTS)
    assert call["headers"]["x-correlation-id"] == "corr-123"
    assert call["headers"]["authorization"].startswith("Bearer ey")


def test_jwt_is_reused_until_it_expires(
    clubos_fake: RunningFake, fast_session: requests.Session
) -> None:
    import time

    clock = FakeClock(time.time())
    clubos = client(clubos_fake, fast_session, clock=clock)
    clubos.post_input_event("booking-platform", {"n": 1})
    clubos.post_input_event("booking-platform", {"n": 2})
    assert len(clubos_fake.calls(LOGIN)) == 1

    clock.now += 24 * 3600  # past the token's exp
    clubos.post_input_event("booking-platform", {"n": 3})

    assert len(clubos_fake.calls(LOGIN)) == 2
    assert [c["status"] for c in clubos_fake.calls(EVENTS)] == [201, 201, 201]


def test_401_triggers_one_relogin(clubos_fake: RunningFake, fast_session: requests.Session) -> None:
    # ClubOS V3 checks no token on this route today; a 401 (should it start to) is injected.
    clubos = client(clubos_fake, fast_session)
    clubos.post_input_event("booking-platform", {"n": 1})
    clubos_fake.fault(401, times=1, path=EVENTS)

    clubos.post_input_event("booking-platform", {"n": 2})

    assert len(clubos_fake.calls(LOGIN)) == 2
    assert [c["status"] for c in clubos_fake.calls(EVENTS)] == [201, 401, 201]
    assert len(clubos_fake.control("GET", "/_events")) == 2


def test_without_login_events_go_unauthenticated(
    clubos_fake: RunningFake, fast_session: requests.Session
) -> None:
    clubos = ClubOSClient(clubos_fake.url, session=fast_session)
    clubos.post_input_event("booking-platform", {"n": 1})
    assert clubos_fake.calls(LOGIN) == []
    (call,) = clubos_fake.calls(EVENTS)
    assert "authorization" not in call["headers"]


def test_failed_login_never_fails_an_event_and_is_not_retried_at_once(
    clubos_fake: RunningFake, fast_session: requests.Session
) -> None:
    clubos = client(clubos_fake, fast_session, password="wrong")

    clubos.post_input_event("booking-platform", {"n": 1})
    clubos.post_input_event("booking-platform", {"n": 2})

    assert len(clubos_fake.calls(LOGIN)) == 1  # then it backs off
    assert len(clubos_fake.control("GET", "/_events")) == 2


def test_cold_starts_beyond_the_login_limit_still_deliver(
    clubos_fake: RunningFake, fast_session: requests.Session
) -> None:
    # Eight fresh environments, each logging in: ClubOS allows five logins per 15 minutes.
    for n in range(8):
        client(clubos_fake, fast_session).post_input_event("booking-platform", {"n": n})
    statuses = [c["status"] for c in clubos_fake.calls(LOGIN)]
    assert statuses.count(200) == 5 and 429 in statuses
    assert len(clubos_fake.control("GET", "/_events")) == 8


def test_token_is_shared_across_environments(
    clubos_fake: RunningFake, fast_session: requests.Session
) -> None:
    store = MemoryTokenStore()
    for n in range(3):
        client(clubos_fake, fast_session, token_store=store).post_input_event("s", {"n": n})
    assert len(clubos_fake.calls(LOGIN)) == 1
    assert all(
        c["headers"]["authorization"] == f"Bearer {store.token}" for c in clubos_fake.calls(EVENTS)
    )


def test_429_body_retry_after_is_an_instant(
    clubos_fake: RunningFake,
) -> None:
    import time

    reset = round(time.time() + 600)
    clubos_fake.fault(429, times=1, path=EVENTS, body={"error": "slow", "retryAfter": reset})
    clubos = ClubOSClient(clubos_fake.url, session=make_session(total=0))
    with pytest.raises(RateLimited) as info:
        clubos.post_input_event("booking-platform", {"n": 1})
    assert info.value.retry_after is not None and 590 < info.value.retry_after <= 601


def test_long_retry_after_is_not_slept_past_the_time_left(clubos_fake: RunningFake) -> None:
    import time

    clubos_fake.fault(429, times=1, path=EVENTS, retry_after=900)
    clubos = ClubOSClient(clubos_fake.url)  # production policy: 4 retries, Retry-After honoured
    clubos.time_left = lambda: 20.0
    started = time.monotonic()
    with pytest.raises(RateLimited) as info:
        clubos.post_input_event("booking-platform", {"n": 1})
    assert time.monotonic() - started < 5
    assert info.value.retry_after == 900
    assert len(clubos_fake.calls(EVENTS)) == 1


def test_persistent_401_is_auth_error_after_one_relogin(
    clubos_fake: RunningFake, fast_session: requests.Session
) -> None:
    clubos_fake.fault(401, times=2, path=EVENTS)
    with pytest.raises(AuthError):
        client(clubos_fake, fast_session).post_input_event("booking-platform", {"n": 1})
    assert len(clubos_fake.calls(LOGIN)) == 2
    assert len(clubos_fake.calls(EVENTS)) == 2


def test_bad_password_is_auth_error_from_token(
    clubos_fake: RunningFake, fast_session: requests.Session
) -> None:
    with pytest.raises(AuthError):
        client(clubos_fake, fast_session, password="nope").token()
    assert clubos_fake.calls(EVENTS) == []


def test_rejected_input_event_is_typed(
    clubos_fake: RunningFake, fast_session: requests.Session
) -> None:
    with pytest.raises(RequestRejected) as info:
        ClubOSClient(clubos_fake.url, session=fast_session).post_input_event("", {"n": 1})
    assert "source and payload are required" in (info.value.body or "")


def test_429_twice_then_success_is_one_event(
    clubos_fake: RunningFake, fast_session: requests.Session
) -> None:
    clubos_fake.fault(429, times=2, retry_after=0, path=EVENTS)

    client(clubos_fake, fast_session).post_input_event("booking-platform", {"n": 1})

    assert [c["status"] for c in clubos_fake.calls(EVENTS)] == [429, 429, 201]
    assert len(clubos_fake.effective_calls(EVENTS)) == 1
    assert len(clubos_fake.control("GET", "/_events")) == 1


def test_500_is_not_repeated_for_events(
    clubos_fake: RunningFake, fast_session: requests.Session
) -> None:
    clubos_fake.fault(500, times=1, path=EVENTS)
    with pytest.raises(UpstreamError):
        client(clubos_fake, fast_session).post_input_event("booking-platform", {"n": 1})
    assert len(clubos_fake.calls(EVENTS)) == 1


def test_500_on_login_is_retried_then_typed(
    clubos_fake: RunningFake, fast_session: requests.Session
) -> None:
    clubos_fake.fault(502, times=10, path=LOGIN)
    with pytest.raises(UpstreamError):
        client(clubos_fake, fast_session).token()
    assert len(clubos_fake.calls(LOGIN)) == 5


def test_rate_limit_100_per_15_minutes(clubos_fake: RunningFake) -> None:
    clubos = client(clubos_fake, make_session(total=0))
    for n in range(99):  # plus the login: 100 requests
        clubos.post_input_event("booking-platform", {"n": n})
    with pytest.raises(RateLimited) as info:
        clubos.post_input_event("booking-platform", {"n": 100})
    assert info.value.retry_after is not None and 890 < info.value.retry_after <= 900
    assert len(clubos_fake.control("GET", "/_events")) == 99


def test_from_settings(clubos_fake: RunningFake) -> None:
    clubos = ClubOSClient.from_settings({"CLUBOS_BASE_URL": clubos_fake.url})
    assert not clubos.login_enabled
    assert clubos.post_input_event("booking-platform", {"n": 1}).event_id
    with_login = ClubOSClient.from_settings(
        {
            "CLUBOS_BASE_URL": clubos_fake.url,
            "CLUBOS_LOGIN": "true",
            "CLUBOS_EMAIL": EMAIL,
            "CLUBOS_PASSWORD": PASSWORD,
        }
    )
    with_login.post_input_event("booking-platform", {"n": 2})
    assert len(clubos_fake.calls(LOGIN)) == 1
