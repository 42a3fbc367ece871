"""NinjaOneClient against the NinjaOne contract fake."""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING, Any

import pytest
import requests

from booking.adapters.http import AuthError, NotFound, UpstreamError
from booking.adapters.ninjaone import NinjaOneClient, ScriptRef

if TYPE_CHECKING:
    from fakes_fixtures import RunningFake

pytest_plugins = ["fakes_fixtures"]

TOKEN_PATH = "/ws/oauth/token"
ACTIONS = {
    "*": {"power.on": {"uid": "wake-action-uid"}, "diagnostics": 77},
    "loc-1": {"launch.software": 101, "load.profile": {"id": 102, "parameters": "-profile"}},
}


class FakeClock:
    """A clock the test moves by hand, so token expiry needs no sleeping."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def client(
    fake: RunningFake, session: requests.Session, clock: FakeClock | None = None, **kw: Any
) -> NinjaOneClient:
    return NinjaOneClient(
        fake.url,
        kw.pop("client_id", "ninja-client"),
        kw.pop("client_secret", "ninja-secret"),
        session=session,
        action_map=ACTIONS,
        clock=clock or FakeClock(),
        **kw,
    )


def run(ninja: NinjaOneClient, location_id: str, device_id: int, action: str) -> None:
    """Run a named action the way the lifecycle tasks do: resolve it, then run the script."""
    ninja.run_script(device_id, ninja.resolve_action(location_id, action))


def test_token_is_fetched_once_for_several_runs(
    ninjaone_fake: RunningFake, fast_session: requests.Session
) -> None:
    ninja = client(ninjaone_fake, fast_session)

    run(ninja, "loc-1", 1, "launch.software")
    run(ninja, "loc-1", 1, "load.profile")
    run(ninja, "loc-1", 2, "power.on")

    (token_call,) = ninjaone_fake.calls(TOKEN_PATH)
    assert token_call["form"]["grant_type"] == "client_credentials"
    assert token_call["form"]["scope"] == "monitoring management control"
    runs = ninjaone_fake.control("GET", "/_runs")
    assert [(r["device_id"], r["type"], r.get("id"), r.get("uid")) for r in runs] == [
        (1, "SCRIPT", 101, None),
        (1, "SCRIPT", 102, None),
        (2, "ACTION", None, "wake-action-uid"),
    ]
    assert runs[1]["parameters"] == "-profile"
    tokens = {c["headers"]["authorization"] for c in ninjaone_fake.calls("/v2/")}
    assert len(tokens) == 1


def test_token_is_fetched_again_after_expiry(
    ninjaone_fake: RunningFake, fast_session: requests.Session
) -> None:
    clock = FakeClock()
    ninja = client(ninjaone_fake, fast_session, clock=clock)
    run(ninja, "loc-1", 1, "diagnostics")  # falls back to the "*" entry
    clock.now += 3600 - 60 - 1  # just before the margin
    run(ninja, "loc-1", 1, "diagnostics")
    assert len(ninjaone_fake.calls(TOKEN_PATH)) == 1

    clock.now += 2  # inside the margin before expiry
    run(ninja, "loc-1", 1, "diagnostics")

    assert len(ninjaone_fake.calls(TOKEN_PATH)) == 2
    headers = [
        c["headers"]["authorization"] for c in ninjaone_fake.calls("/v2/device/1/script/run")
    ]
    assert headers[0] == headers[1] != headers[2]


def test_token_refused_by_the_api_is_replaced_once(
    ninjaone_fake: RunningFake, fast_session: requests.Session
) -> None:
    ninja = client(ninjaone_fake, fast_session)
    ninja.get_device(1)
    ninjaone_fake.control("POST", "/_expire_tokens")

    device = ninja.get_device(1)

    assert device["id"] == 1
    assert len(ninjaone_fake.calls(TOKEN_PATH)) == 2
    assert [c["status"] for c in ninjaone_fake.calls("/v2/device/1")] == [200, 401, 200]


def test_concurrent_callers_share_one_token(
    ninjaone_fake: RunningFake, fast_session: requests.Session
) -> None:
    ninja = client(ninjaone_fake, fast_session)
    errors: list[BaseException] = []

    def work() -> None:
        try:
            ninja.get_device(3)
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(ninjaone_fake.calls(TOKEN_PATH)) == 1


def test_client_credentials_without_user_context_is_auth_error(
    ninjaone_fake: RunningFake, fast_session: requests.Session
) -> None:
    ninjaone_fake.configure(require_user_context=True)
    with pytest.raises(AuthError) as info:
        run(client(ninjaone_fake, fast_session), "loc-1", 1, "launch.software")
    assert info.value.status == 403
    assert "user context" in (info.value.body or "")


def test_refresh_token_grant_gives_user_context(
    ninjaone_fake: RunningFake, fast_session: requests.Session
) -> None:
    ninjaone_fake.configure(require_user_context=True)
    refresh = ninjaone_fake.control("POST", "/_refresh_tokens")["refresh_token"]
    ninja = client(ninjaone_fake, fast_session, refresh_token=refresh)

    ninja.run_script(4, ScriptRef(id=500, run_as="system"), parameters="--quick")

    (token_call,) = ninjaone_fake.calls(TOKEN_PATH)
    assert token_call["form"]["grant_type"] == "refresh_token"
    assert token_call["form"]["refresh_token"] == refresh
    (run,) = ninjaone_fake.control("GET", "/_runs")
    assert run == run | {"device_id": 4, "type": "SCRIPT", "id": 500, "runAs": "system"}
    assert run["parameters"] == "--quick"


def test_bad_client_secret_is_auth_error(
    ninjaone_fake: RunningFake, fast_session: requests.Session
) -> None:
    with pytest.raises(AuthError):
        client(ninjaone_fake, fast_session, client_secret="wrong").get_device(1)


def test_unknown_refresh_token_is_auth_error(
    ninjaone_fake: RunningFake, fast_session: requests.Session
) -> None:
    with pytest.raises(AuthError):
        client(ninjaone_fake, fast_session, refresh_token="revoked").get_device(1)


def test_activities_show_script_runs(
    ninjaone_fake: RunningFake, fast_session: requests.Session
) -> None:
    ninja = client(ninjaone_fake, fast_session)
    run(ninja, "loc-1", 5, "launch.software")

    activities = ninja.device_activities(5)

    # The script's outcome is reported by a later activity (NinjaOne runs it asynchronously).
    assert [a["subject"] for a in activities] == ["Script result", "Script run"]
    assert activities[0]["statusCode"] == "COMPLETED"
    newer = ninja.device_activities(5, newer_than=activities[1]["id"])
    assert [a["subject"] for a in newer] == ["Script result"]


def test_script_outcomes_are_confirmed_by_polling_with_a_deadline(
    ninjaone_fake: RunningFake, fast_session: requests.Session
) -> None:
    ninja = client(ninjaone_fake, fast_session)
    ok, bad, stuck = ScriptRef(id=101), ScriptRef(id=102), ScriptRef(id=103)
    ninjaone_fake.configure(script_seconds=0.3, failing_scripts=["102"], stuck_scripts=["103"])
    since = ninja.last_activity_id(4)
    for ref in (ok, bad, stuck):
        ninja.run_script(4, ref)
    polls: list[float] = []

    def wait(seconds: float) -> None:
        polls.append(seconds)
        time.sleep(seconds)

    outcomes = ninja.await_outcomes(
        4, [ok, bad, stuck], since, deadline_seconds=1.0, poll_seconds=0.2, sleep=wait
    )

    assert [o.status for o in outcomes] == ["COMPLETED", "FAILED", "UNCONFIRMED"]
    assert [o.ok for o in outcomes] == [True, False, False]
    assert 1 <= len(polls) <= 5  # waited, but never past the deadline


def test_unknown_device_is_not_found(
    ninjaone_fake: RunningFake, fast_session: requests.Session
) -> None:
    with pytest.raises(NotFound):
        client(ninjaone_fake, fast_session).get_device(999)


def test_unconfigured_action_is_a_lookup_error(
    ninjaone_fake: RunningFake, fast_session: requests.Session
) -> None:
    ninja = client(ninjaone_fake, fast_session)
    with pytest.raises(LookupError):
        run(ninja, "loc-2", 1, "save.data")
    with pytest.raises(ValueError):
        NinjaOneClient("http://x", "a", "b", action_map={"*": {"make.coffee": 1}})


def test_429_twice_then_success_runs_the_script_once(
    ninjaone_fake: RunningFake, fast_session: requests.Session
) -> None:
    ninjaone_fake.fault(429, times=2, retry_after=0, path="/v2/device/1/script/run")

    run(client(ninjaone_fake, fast_session), "loc-1", 1, "launch.software")

    statuses = [c["status"] for c in ninjaone_fake.calls("/v2/device/1/script/run")]
    assert statuses == [429, 429, 204]
    assert len(ninjaone_fake.control("GET", "/_runs")) == 1


def test_script_run_is_not_repeated_after_500(
    ninjaone_fake: RunningFake, fast_session: requests.Session
) -> None:
    ninjaone_fake.fault(500, times=1, path="/v2/device/1/script/run")
    with pytest.raises(UpstreamError):
        run(client(ninjaone_fake, fast_session), "loc-1", 1, "launch.software")
    assert len(ninjaone_fake.calls("/v2/device/1/script/run")) == 1


def test_token_endpoint_5xx_is_retried(
    ninjaone_fake: RunningFake, fast_session: requests.Session
) -> None:
    ninjaone_fake.fault(503, times=2, path=TOKEN_PATH)
    client(ninjaone_fake, fast_session).get_device(1)
    assert [c["status"] for c in ninjaone_fake.calls(TOKEN_PATH)] == [503, 503, 200]


def test_500_after_retries_is_upstream_error(
    ninjaone_fake: RunningFake, fast_session: requests.Session
) -> None:
    ninjaone_fake.fault(500, times=10, path="/v2/device/2")
    with pytest.raises(UpstreamError):
        client(ninjaone_fake, fast_session).get_device(2)
    assert len(ninjaone_fake.calls("/v2/device/2")) == 5


def test_from_settings(ninjaone_fake: RunningFake) -> None:
    ninja = NinjaOneClient.from_settings(
        {
            "NINJAONE_BASE_URL": ninjaone_fake.url,
            "NINJAONE_CLIENT_ID": "ninja-client",
            "NINJAONE_CLIENT_SECRET": "ninja-secret",
            "NINJAONE_ACTION_MAP": '{"*": {"power.on": 9}}',
        }
    )
    assert ninja.resolve_action("any", "power.on") == ScriptRef(id=9)
    assert ninja.get_device(1)["id"] == 1
