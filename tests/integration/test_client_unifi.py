"""UnifiAccessClient against the UniFi Access contract fake."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest
import requests

from booking.adapters.http import (
    AuthError,
    ContractError,
    NotFound,
    RequestRejected,
    UpstreamError,
)
from booking.adapters.unifi import UnifiAccessClient
from booking.domain.signatures import verify_unifi

if TYPE_CHECKING:
    from fakes_fixtures import RunningFake, WebhookReceiver

pytest_plugins = ["fakes_fixtures"]

TOKEN = "unifi-test-token"
VISITORS = "/api/v1/developer/visitors"
START = datetime(2025, 3, 1, 13, 45, tzinfo=UTC)
END = START + timedelta(hours=1, minutes=30)


def client(fake: RunningFake, session: requests.Session, token: str = TOKEN) -> UnifiAccessClient:
    return UnifiAccessClient(fake.url, token, session=session)


def test_visitor_lifecycle(unifi_fake: RunningFake, fast_session: requests.Session) -> None:
    ua = client(unifi_fake, fast_session)

    visitor = ua.create_visitor(
        first_name="Ada",
        last_name="Lovelace",
        start=START,
        end=END,
        door_ids=["door-main", "door-bay-1"],
        remarks="booking 123",
    )
    assert visitor.start_time == int(START.timestamp())
    assert [r["id"] for r in visitor.resources] == ["door-main", "door-bay-1"]
    (create,) = unifi_fake.calls(VISITORS, "POST")
    assert create["json"]["resources"] == [
        {"id": "door-main", "type": "door"},
        {"id": "door-bay-1", "type": "door"},
    ]
    assert create["json"]["visit_reason"] == "Others"
    assert create["headers"]["authorization"] == f"Bearer {TOKEN}"

    moved = ua.update_visitor(visitor.id, end=END + timedelta(minutes=30), door_ids=["door-bay-2"])
    assert moved.end_time == int((END + timedelta(minutes=30)).timestamp())
    (listed,) = ua.list_visitors("Ada")
    assert listed.resources[0]["id"] == "door-bay-2"

    ua.delete_visitor(visitor.id)
    assert ua.list_visitors("Ada") == []
    with pytest.raises(NotFound) as info:
        ua.delete_visitor(visitor.id)
    assert info.value.code == "CODE_NOT_EXISTS"


def test_invalid_window_is_rejected_with_envelope_code(
    unifi_fake: RunningFake, fast_session: requests.Session
) -> None:
    ua = client(unifi_fake, fast_session)
    with pytest.raises(RequestRejected) as info:
        ua.create_visitor(first_name="A", last_name="B", start=END, end=START)
    assert info.value.status == 400
    assert info.value.code == "CODE_PARAMS_INVALID"
    assert unifi_fake.control("GET", "/_visitors") == []


def test_unknown_door_is_rejected(unifi_fake: RunningFake, fast_session: requests.Session) -> None:
    with pytest.raises(RequestRejected):
        client(unifi_fake, fast_session).create_visitor(
            first_name="A", last_name="B", start=START, end=END, door_ids=["nope"]
        )


def test_bad_token_is_auth_error(unifi_fake: RunningFake, fast_session: requests.Session) -> None:
    with pytest.raises(AuthError) as info:
        client(unifi_fake, fast_session, token="stale").list_visitors()
    assert info.value.code == "CODE_ACCESS_TOKEN_INVALID"


def test_429_twice_then_success_creates_one_visitor(
    unifi_fake: RunningFake, fast_session: requests.Session
) -> None:
    unifi_fake.fault(429, times=2, retry_after=0, path=VISITORS, method="POST")

    client(unifi_fake, fast_session).create_visitor(
        first_name="A", last_name="B", start=START, end=END
    )

    assert [c["status"] for c in unifi_fake.calls(VISITORS, "POST")] == [429, 429, 200]
    assert len(unifi_fake.effective_calls(VISITORS, "POST")) == 1
    assert len(unifi_fake.control("GET", "/_visitors")) == 1


def test_create_is_not_repeated_after_a_500(
    unifi_fake: RunningFake, fast_session: requests.Session
) -> None:
    unifi_fake.fault(500, times=1, path=VISITORS, method="POST")
    with pytest.raises(UpstreamError):
        client(unifi_fake, fast_session).create_visitor(
            first_name="A", last_name="B", start=START, end=END
        )
    assert len(unifi_fake.calls(VISITORS, "POST")) == 1


def test_500_on_reads_is_retried_then_typed(
    unifi_fake: RunningFake, fast_session: requests.Session
) -> None:
    unifi_fake.fault(503, times=10, path=VISITORS, method="GET")
    with pytest.raises(UpstreamError) as info:
        client(unifi_fake, fast_session).list_visitors()
    assert info.value.status == 503
    assert len(unifi_fake.calls(VISITORS, "GET")) == 5


def test_server_error_code_in_a_200_envelope_is_upstream_error(
    unifi_fake: RunningFake, fast_session: requests.Session
) -> None:
    # The console may answer HTTP 200 with a failure code: the envelope must be checked.
    failure = {"code": "CODE_SYSTEM_ERROR", "msg": "An error occurred.", "data": None}
    unifi_fake.fault(200, times=1, path=VISITORS, method="GET", body=failure)
    with pytest.raises(UpstreamError) as info:
        client(unifi_fake, fast_session).list_visitors()
    assert info.value.code == "CODE_SYSTEM_ERROR"
    unifi_fake.fault(200, times=1, path=VISITORS, method="GET", body={"data": []})
    with pytest.raises(ContractError):
        client(unifi_fake, fast_session).list_visitors()


def test_from_settings(unifi_fake: RunningFake) -> None:
    ua = UnifiAccessClient.from_settings(
        {"UNIFI_BASE_URL": unifi_fake.url, "UNIFI_TOKEN": TOKEN, "UNIFI_VERIFY_TLS": "false"}
    )
    assert ua.verify is False
    assert ua.list_visitors() == []


def test_fake_sends_webhooks_that_verify(
    unifi_fake: RunningFake, webhook_receiver: tuple[str, WebhookReceiver]
) -> None:
    url, receiver = webhook_receiver
    unifi_fake.control("POST", "/_webhooks", {"url": url + "/unifi", "secret": "whsec"})
    ((_, headers, body),) = receiver.received
    assert verify_unifi(headers["Signature"], body, "whsec", datetime.now(UTC))
    assert not verify_unifi(headers["Signature"], body, "other", datetime.now(UTC))
