"""HubSpotClient against the HubSpot contract fake."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest
import requests

from booking.adapters.http import (
    AuthError,
    IntegrationError,
    NotFound,
    RateLimited,
    RequestRejected,
    UpstreamError,
    make_session,
)
from booking.adapters.hubspot import HubSpotClient
from booking.domain.signatures import verify_hubspot_v3

if TYPE_CHECKING:
    from fakes_fixtures import RunningFake, WebhookReceiver

pytest_plugins = ["fakes_fixtures"]

TOKEN = "hubspot-test-token"
SEARCH = "/crm/v3/objects/contacts/search"
BASE_MS = 1_700_000_000_000


def client(fake: RunningFake, session: requests.Session, token: str = TOKEN) -> HubSpotClient:
    return HubSpotClient(fake.url, token, session=session)


def seed(fake: RunningFake, count: int, per_step: int = 1, start_ms: int = BASE_MS) -> None:
    fake.control(
        "POST",
        "/_contacts",
        {"bulk": {"count": count, "start_ms": start_ms, "step_ms": 1000, "per_step": per_step}},
    )


def test_search_returns_contacts_modified_since_in_order(
    hubspot_fake: RunningFake, fast_session: requests.Session
) -> None:
    seed(hubspot_fake, 250)
    since = BASE_MS + 20 * 1000  # contacts 21..250
    contacts = list(client(hubspot_fake, fast_session).search_contacts_modified_since(since))

    assert [c.id for c in contacts] == [str(i) for i in range(21, 251)]
    assert contacts[0].last_modified_ms == since
    assert contacts[0].properties["email"] == "member21@example.com"
    searches = hubspot_fake.calls(SEARCH)
    assert len(searches) == 3  # 100 + 100 + 30
    body = searches[0]["json"]
    assert body["filterGroups"][0]["filters"][0] == {
        "propertyName": "lastmodifieddate",
        "operator": "GTE",
        "value": str(since),
    }
    assert body["sorts"] == [{"propertyName": "lastmodifieddate", "direction": "ASCENDING"}]
    assert body["limit"] == 100
    assert searches[1]["json"]["after"] == "100"
    assert searches[0]["headers"]["authorization"] == f"Bearer {TOKEN}"


def test_paging_past_the_10000_cap_reanchors_without_duplicates(
    hubspot_fake: RunningFake, fast_session: requests.Session
) -> None:
    # Three contacts share each timestamp, so the 10,000th result sits inside a group of equals:
    # the re-anchored query (GTE) returns some already-seen contacts that must be skipped.
    hubspot_fake.configure(rate_limit=None)
    seed(hubspot_fake, 10_250, per_step=3)

    contacts = list(client(hubspot_fake, fast_session).search_contacts_modified_since(0))

    ids = [c.id for c in contacts]
    assert len(ids) == 10_250
    assert set(ids) == {str(i) for i in range(1, 10_251)}
    stamps = [c.last_modified_ms for c in contacts]
    assert stamps == sorted(stamps)
    searches = hubspot_fake.calls(SEARCH)
    assert all(c["status"] == 200 for c in searches)  # never hit the 400
    anchors = [c["json"]["filterGroups"][0]["filters"][0]["value"] for c in searches]
    first_queries = [c for c in searches if "after" not in c["json"]]
    assert len(first_queries) == 2
    assert int(anchors[-1]) == BASE_MS + (9_999 // 3) * 1000


def test_fake_enforces_the_cap(hubspot_fake: RunningFake) -> None:
    response = requests.post(
        hubspot_fake.url + SEARCH,
        json={"limit": 100, "after": "10000"},
        headers={"Authorization": f"Bearer {TOKEN}"},
        timeout=5,
    )
    assert response.status_code == 400
    assert response.json()["category"] == "VALIDATION_ERROR"


def test_more_equal_timestamps_than_the_cap_is_an_error(
    hubspot_fake: RunningFake, fast_session: requests.Session
) -> None:
    seed(hubspot_fake, 250, per_step=250)  # all share one timestamp
    hs = HubSpotClient(hubspot_fake.url, TOKEN, session=fast_session, search_result_cap=200)
    with pytest.raises(IntegrationError, match="share lastmodifieddate"):
        list(hs.search_contacts_modified_since(0))


def test_update_contact_changes_properties(
    hubspot_fake: RunningFake, fast_session: requests.Session
) -> None:
    seed(hubspot_fake, 3)
    updated = client(hubspot_fake, fast_session).update_contact("2", {"booking_count": 4})

    assert updated["properties"]["booking_count"] == "4"
    stored = hubspot_fake.control("GET", "/_contacts/2")
    assert stored["properties"]["booking_count"] == "4"
    (call,) = hubspot_fake.calls("/crm/v3/objects/contacts/2")
    assert call["method"] == "PATCH"
    assert call["json"] == {"properties": {"booking_count": 4}}


def test_update_unknown_contact_is_not_found(
    hubspot_fake: RunningFake, fast_session: requests.Session
) -> None:
    with pytest.raises(NotFound):
        client(hubspot_fake, fast_session).update_contact("999", {"a": "b"})


def test_send_event(hubspot_fake: RunningFake, fast_session: requests.Session) -> None:
    client(hubspot_fake, fast_session).send_event(
        "pe123_booking_created",
        email="member1@example.com",
        occurred_at=datetime(2025, 3, 1, 12, 0, tzinfo=UTC),
        properties={"bay": "1"},
    )
    (event,) = hubspot_fake.control("GET", "/_events")
    assert event == {
        "eventName": "pe123_booking_created",
        "email": "member1@example.com",
        "occurredAt": "2025-03-01T12:00:00.000Z",
        "properties": {"bay": "1"},
    }


def test_bad_token_is_auth_error(hubspot_fake: RunningFake, fast_session: requests.Session) -> None:
    with pytest.raises(AuthError) as info:
        list(client(hubspot_fake, fast_session, token="wrong").search_contacts_modified_since(0))
    assert info.value.status == 401
    assert len(hubspot_fake.calls(SEARCH)) == 1  # auth failures are not retried


def test_429_twice_then_success_is_one_effective_call(
    hubspot_fake: RunningFake, fast_session: requests.Session
) -> None:
    seed(hubspot_fake, 1)
    hubspot_fake.fault(429, times=2, retry_after=0, path="/crm/v3/objects/contacts/1")

    client(hubspot_fake, fast_session).update_contact("1", {"tier": "gold"})

    calls = hubspot_fake.calls("/crm/v3/objects/contacts/1")
    assert [c["status"] for c in calls] == [429, 429, 200]
    assert len(hubspot_fake.effective_calls("/crm/v3/objects/contacts/1")) == 1


def test_event_send_is_retried_on_429_but_not_on_500(
    hubspot_fake: RunningFake, fast_session: requests.Session
) -> None:
    hs = client(hubspot_fake, fast_session)
    hubspot_fake.fault(429, times=1, retry_after=0, path="/events/v3/send")
    hs.send_event("e", object_id="1")
    assert [c["status"] for c in hubspot_fake.calls("/events/v3/send")] == [429, 204]

    hubspot_fake.control("DELETE", "/_calls")
    hubspot_fake.fault(500, times=1, path="/events/v3/send")
    with pytest.raises(UpstreamError):
        hs.send_event("e", object_id="1")
    assert len(hubspot_fake.calls("/events/v3/send")) == 1


def test_500_after_retries_is_upstream_error(
    hubspot_fake: RunningFake, fast_session: requests.Session
) -> None:
    hubspot_fake.fault(500, times=10, path=SEARCH)
    with pytest.raises(UpstreamError) as info:
        list(client(hubspot_fake, fast_session).search_contacts_modified_since(0))
    assert info.value.status == 500
    assert len(hubspot_fake.calls(SEARCH)) == 5  # first try + 4 retries


def test_rate_limit_is_enforced_and_reported(hubspot_fake: RunningFake) -> None:
    hubspot_fake.configure(rate_limit=2, rate_window=60)
    hs = HubSpotClient(hubspot_fake.url, TOKEN, session=make_session(total=0))
    list(hs.search_contacts_modified_since(0))
    list(hs.search_contacts_modified_since(0))
    with pytest.raises(RateLimited) as info:
        list(hs.search_contacts_modified_since(0))
    assert info.value.retry_after is not None and info.value.retry_after > 0
    assert "TEN_SECONDLY_ROLLING" in (info.value.body or "")


def test_rate_limited_client_waits_and_succeeds(
    hubspot_fake: RunningFake, fast_session: requests.Session
) -> None:
    hubspot_fake.configure(rate_limit=1, rate_window=1)
    hs = client(hubspot_fake, fast_session)
    list(hs.search_contacts_modified_since(0))
    list(hs.search_contacts_modified_since(0))  # waits for Retry-After (1 s), then succeeds
    statuses = [c["status"] for c in hubspot_fake.calls(SEARCH)]
    assert statuses[0] == 200 and statuses[-1] == 200 and 429 in statuses


def test_invalid_search_body_is_rejected(
    hubspot_fake: RunningFake, fast_session: requests.Session
) -> None:
    hs = HubSpotClient(hubspot_fake.url, TOKEN, session=fast_session, search_limit=500)
    with pytest.raises(RequestRejected) as info:
        list(hs.search_contacts_modified_since(0))
    assert info.value.status == 400


def test_from_settings_reads_env(hubspot_fake: RunningFake) -> None:
    hs = HubSpotClient.from_settings({"HUBSPOT_BASE_URL": hubspot_fake.url, "HUBSPOT_TOKEN": TOKEN})
    assert list(hs.search_contacts_modified_since(0)) == []


def test_from_settings_reads_token_from_secrets_manager(
    hubspot_fake: RunningFake, monkeypatch: pytest.MonkeyPatch
) -> None:
    moto = pytest.importorskip("moto")
    import boto3

    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with moto.mock_aws():
        arn = boto3.client("secretsmanager").create_secret(Name="hs", SecretString=TOKEN)["ARN"]
        hs = HubSpotClient.from_settings(
            {"HUBSPOT_BASE_URL": hubspot_fake.url, "HUBSPOT_TOKEN_SECRET_ARN": arn}
        )
    seed(hubspot_fake, 1)
    assert [c.id for c in hs.search_contacts_modified_since(0)] == ["1"]


def test_from_settings_without_token_fails() -> None:
    with pytest.raises(ValueError, match="HUBSPOT_TOKEN"):
        HubSpotClient.from_settings({"HUBSPOT_BASE_URL": "http://x"})


def test_fake_sends_webhooks_that_verify(
    hubspot_fake: RunningFake, webhook_receiver: tuple[str, WebhookReceiver]
) -> None:
    url, receiver = webhook_receiver
    events = [{"eventId": 1, "subscriptionType": "contact.propertyChange", "objectId": 7}]
    public_uri = "https://api.example.com/webhooks/hubspot"
    answer = hubspot_fake.control(
        "POST",
        "/_webhooks",
        {"url": url + "/hook", "events": events, "client_secret": "s3", "request_uri": public_uri},
    )
    assert answer["status"] == 200
    ((_, headers, body),) = receiver.received
    now = datetime.now(UTC)
    ts, sig = headers["X-Hubspot-Request-Timestamp"], headers["X-Hubspot-Signature-V3"]
    assert verify_hubspot_v3("POST", public_uri, body, ts, sig, "s3", now)
    assert not verify_hubspot_v3("POST", url + "/hook", body, ts, sig, "s3", now)
