"""Events end to end on LocalStack: API -> outbox -> EventBridge -> consumers -> SaaS fakes.

Uses the session stack of tests/e2e/conftest.py. This module works with a member of its own
(own HubSpot contact), so other modules' bookings never blur its counts; ClubOS calls are
matched by booking id.
"""

from __future__ import annotations

import json
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import localcloud
import pytest
import requests
from polling import wait_for

from booking.adapters.postgres.connection import Database
from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking.domain.actors import Actor, Role
from booking.domain.signatures import sign_hubspot_v3, sign_unifi
from booking.services import bookings as svc
from booking_cli.devtokens import token_for

pytestmark = pytest.mark.e2e

TZ = ZoneInfo("America/Toronto")


def calls(fakes: dict[str, str], name: str, path: str, method: str | None = None) -> list[dict]:
    params = {"path": path, **({"method": method} if method else {})}
    got = requests.get(fakes[name] + "/_calls", params=params, timeout=10)
    got.raise_for_status()
    return list(got.json())


def clubos_items(call: dict, booking_id: str) -> list[dict]:
    """The events of one ClubOS input event that are about the booking."""
    payload = (call.get("json") or {}).get("payload") or {}
    return [e for e in payload.get("events", []) if e["booking"]["booking_id"] == booking_id]


def clubos_calls_for(fakes: dict[str, str], booking_id: str) -> list[dict]:
    return [c for c in calls(fakes, "clubos", "/api/input-events") if clubos_items(c, booking_id)]


def ok(found: list[dict]) -> list[dict]:
    return [c for c in found if 200 <= (c["status"] or 0) < 300]


@pytest.fixture(scope="module")
def db(stack: dict[str, Any]) -> Any:
    database = Database(stack["database_url"])
    yield database
    database.close()


@pytest.fixture(scope="module")
def member(stack: dict[str, Any], db: Database, fakes: dict[str, str]) -> dict[str, Any]:
    """A member of this module: own HubSpot contact, credits, token."""
    tag = uuid.uuid4().hex[:8]
    email = f"events-{tag}@example.com"
    contact_id = str(900_000 + int(tag, 16) % 99_999)
    uow = PostgresUnitOfWork(db)
    with uow:
        # Platinum: six upcoming bookings allowed, enough for this module.
        user = uow.users.add(
            email=email, name="Events Member", hubspot_id=contact_id, tier="platinum"
        )
        uow.credits.record(user_id=user.id, delta=200, reason="grant")
        uow.commit()
    requests.post(
        fakes["hubspot"] + "/_contacts",
        json={"contacts": [{"id": contact_id, "properties": {"email": email}}]},
        timeout=10,
    ).raise_for_status()
    token = token_for(
        "member", email, secret=stack["jwt_secret"], database_url=stack["database_url"]
    )
    return {"id": user.id, "email": email, "contact_id": contact_id, "token": token}


@pytest.fixture(scope="module")
def bays(stack: dict[str, Any], member: dict[str, Any]) -> list[str]:
    r = requests.get(
        stack["api_url"] + "/locations",
        headers={"Authorization": f"Bearer {member['token']}"},
        timeout=30,
    )
    assert r.status_code == 200, r.text
    loc = next(x for x in r.json()["locations"] if x["time_zone"] == "America/Toronto")
    return [str(b["id"]) for b in loc["resources"] if b["type"] == "simulator"]


_slot_counter = iter(range(1000))


def book(stack: dict[str, Any], member: dict[str, Any], bays: list[str]) -> dict[str, Any]:
    """Book a fresh slot through the API (5 days ahead, two hours apart: bays have buffers)."""
    n = next(_slot_counter)
    day = (datetime.now(TZ) + timedelta(days=5)).date()
    start = datetime(day.year, day.month, day.day, 8 + 2 * n, tzinfo=TZ)
    r = requests.post(
        stack["api_url"] + "/bookings",
        headers={"Authorization": f"Bearer {member['token']}"},
        json={
            "resource_id": bays[-1],
            "start": start.isoformat(),
            "end": (start + timedelta(hours=1)).isoformat(),
        },
        timeout=30,
    )
    assert r.status_code == 201, r.text
    return dict(r.json())


def invoke(stack: dict[str, Any], output: str, payload: dict[str, Any]) -> dict[str, Any]:
    """Invoke a deployed function synchronously and return its result."""
    answer = localcloud.client("lambda").invoke(
        FunctionName=stack["outputs"][output], Payload=json.dumps(payload)
    )
    body = json.loads(answer["Payload"].read())
    assert "FunctionError" not in answer, body
    return dict(body)


def pending(db: Database) -> int:
    uow = PostgresUnitOfWork(db)
    with uow:
        row = uow.connection.execute(
            "SELECT count(*) AS n FROM outbox WHERE published_at IS NULL"
        ).fetchone()
    return int(row["n"])


def test_booking_reaches_hubspot_and_clubos_exactly_once(stack, fakes, member, bays, db):
    patch_path = f"/crm/v3/objects/contacts/{member['contact_id']}"
    before = len(ok(calls(fakes, "hubspot", patch_path, "PATCH")))

    booking = book(stack, member, bays)

    forwarded = wait_for("ClubOS input event", lambda: ok(clubos_calls_for(fakes, booking["id"])))
    wait_for(
        "HubSpot PATCH", lambda: len(ok(calls(fakes, "hubspot", patch_path, "PATCH"))) > before
    )
    # A sweep now must not send it again (the API published and marked it).
    invoke(stack, "OutboxSweeperFunctionName", {})
    time.sleep(2)  # give a wrongful second delivery the chance to show up
    forwarded = ok(clubos_calls_for(fakes, booking["id"]))
    patches = ok(calls(fakes, "hubspot", patch_path, "PATCH"))

    assert len(forwarded) == 1
    (item,) = clubos_items(forwarded[0], booking["id"])
    assert item["type"] == "booking.created"
    # ClubOS names the bay bay-<n> and finds the customer by phone or email.
    assert item["booking"]["bay"].startswith("bay-") and item["booking"]["location"]
    assert item["booking"]["email"] == member["email"]
    assert len(patches) == before + 1
    props = patches[-1]["json"]["properties"]
    assert props["booking_count"] >= 1 and props["last_booking_status"] == "confirmed"
    if before == 0:
        assert "first_booking_at" in props


def test_duplicate_event_takes_effect_once(stack, fakes, member, bays):
    booking = book(stack, member, bays)
    wait_for("ClubOS input event", lambda: ok(clubos_calls_for(fakes, booking["id"])))
    duplicate = {
        "version": "0",
        "id": str(uuid.uuid4()),
        "detail-type": "booking.cancelled",
        "source": "booking.platform",
        "account": "000000000000",
        "time": datetime.now(UTC).isoformat(),
        "region": "us-east-1",
        "resources": [],
        "detail": {
            "event_id": str(uuid.uuid4()),
            "occurred_at": datetime.now(UTC).isoformat(),
            "version": 1,
            "booking": {**booking, "status": "cancelled"},
        },
    }

    # As the SQS event source mapping delivers it, twice (at-least-once).
    sqs_event = {
        "Records": [
            {"messageId": f"m-{n}", "receiptHandle": f"r-{n}", "body": json.dumps(duplicate)}
            for n in range(2)
        ]
    }

    first = invoke(stack, "ClubOSConsumerFunctionName", sqs_event)
    second = invoke(stack, "ClubOSConsumerFunctionName", sqs_event)

    assert first == {"batchItemFailures": []} and second == {"batchItemFailures": []}
    cancelled = [
        item
        for c in ok(clubos_calls_for(fakes, booking["id"]))
        for item in clubos_items(c, booking["id"])
        if item["type"] == "booking.cancelled"
    ]
    assert len(cancelled) == 1


def test_unpublished_rows_are_sent_by_the_sweeper_count_in_equals_count_out(
    stack, fakes, member, bays, db
):
    # Written like the API writes them, but with no after-commit publish: as if PutEvents had
    # rejected every entry. They wait in the outbox for the sweeper.
    made = []
    for n in range(3):
        day = (datetime.now(TZ) + timedelta(days=6)).date()
        start = datetime(day.year, day.month, day.day, 6 + 2 * n, tzinfo=TZ)
        made.append(
            svc.create_booking(
                svc.CreateBooking(
                    resource_id=uuid.UUID(bays[0]), start=start, end=start + timedelta(hours=1)
                ),
                PostgresUnitOfWork(db),
                Actor(role=Role.MEMBER, user_id=member["id"]),
                datetime.now(UTC),
            )
        )
    assert pending(db) >= 3

    result = invoke(stack, "OutboxSweeperFunctionName", {})

    assert result["published"] >= 3 and result["pending_after"] == 0
    for booking in made:
        wait_for("forwarded", lambda b=booking: ok(clubos_calls_for(fakes, str(b.id))))
    time.sleep(2)
    counts = [len(ok(clubos_calls_for(fakes, str(b.id)))) for b in made]
    assert counts == [1] * 3


def test_clubos_429_twice_gives_one_effective_call(stack, fakes, member, bays):
    requests.post(
        fakes["clubos"] + "/_faults",
        json={"status": 429, "times": 2, "retry_after": 0, "path": "/api/input-events"},
        timeout=10,
    ).raise_for_status()

    booking = book(stack, member, bays)

    wait_for("ClubOS input event", lambda: ok(clubos_calls_for(fakes, booking["id"])))
    time.sleep(2)
    statuses = [c["status"] for c in clubos_calls_for(fakes, booking["id"])]
    assert statuses == [429, 429, 201]


def _door_booking(db: Database, member: dict[str, Any], door: str) -> uuid.UUID:
    """A booking under way on a bay with its own door (inserted directly: it started already)."""
    uow = PostgresUnitOfWork(db)
    with uow:
        loc = uow.locations.list()[0]
        bay = uow.resources.add(
            location_id=loc.id,
            name=f"Door bay {door}",
            type="simulator",
            capacity=4,
            buffer_minutes=0,
            unifi_door_ids=[door],
        )
        now = datetime.now(UTC)
        row = uow.connection.execute(
            "INSERT INTO bookings (user_id, resource_id, starts_at, ends_at)"
            " VALUES (%s, %s, %s, %s) RETURNING id",
            (member["id"], bay.id, now - timedelta(minutes=5), now + timedelta(minutes=55)),
        ).fetchone()
        uow.commit()
    return uuid.UUID(str(row["id"]))


def _status(db: Database, booking_id: uuid.UUID) -> str:
    uow = PostgresUnitOfWork(db)
    with uow:
        found = uow.bookings.get(booking_id)
    assert found is not None
    return found.status.value


def test_unifi_unlock_checks_in_and_bad_signatures_are_refused(stack, fakes, member, db):
    door = f"door-{uuid.uuid4().hex[:6]}"
    booking_id = _door_booking(db, member, door)
    url = stack["api_url"] + "/webhooks/unifi"
    secret = stack["parameters"]["UnifiWebhookSecret"]
    raw = json.dumps(
        {
            "event": "access.door.unlock",
            "event_object_id": str(uuid.uuid4()),
            # No actor: an unlock at a bay's own door during its one booking (a known actor
            # other than the booking's visitor would check nobody in).
            "data": {"location": {"id": door}},
        }
    ).encode()
    now = int(time.time())

    forged = requests.post(
        url, data=raw, headers={"Signature": sign_unifi(raw, "x", now)}, timeout=30
    )
    expired = requests.post(
        url, data=raw, headers={"Signature": sign_unifi(raw, secret, now - 600)}, timeout=30
    )
    assert (forged.status_code, expired.status_code) == (401, 401)
    assert _status(db, booking_id) == "confirmed"

    # The fake sends it the way the console does (signed with the shared secret).
    sent = requests.post(
        fakes["unifi"] + "/_webhooks",
        json={"url": url, "secret": secret, "event": json.loads(raw)},
        timeout=30,
    ).json()

    assert sent["status"] == 200, sent
    assert json.loads(sent["body"])["status"] == "checked_in"
    assert _status(db, booking_id) == "checked_in"


def test_hubspot_webhook_syncs_and_bad_signatures_are_refused(stack, fakes, member, db):
    url = stack["api_url"] + "/webhooks/hubspot"
    public = stack["parameters"]["HubSpotWebhookUrl"]
    secret = stack["parameters"]["HubSpotClientSecret"]
    requests.post(
        fakes["hubspot"] + "/_contacts",
        json={
            "contacts": [{"id": member["contact_id"], "properties": {"membership_tier": "gold"}}]
        },
        timeout=10,
    ).raise_for_status()
    events = [
        {
            "eventId": 1,
            "subscriptionId": 1,
            "portalId": 1,
            "occurredAt": int(time.time() * 1000),
            "subscriptionType": "contact.propertyChange",
            "objectId": int(member["contact_id"]),
            "propertyName": "membership_tier",
            "propertyValue": "gold",
        }
    ]
    raw = json.dumps(events).encode()
    fresh = str(int(time.time() * 1000))
    old = str(int(time.time() * 1000) - 6 * 60 * 1000)

    forged = requests.post(
        url,
        data=raw,
        headers={
            "X-HubSpot-Signature-v3": sign_hubspot_v3("POST", public, raw, fresh, "wrong"),
            "X-HubSpot-Request-Timestamp": fresh,
        },
        timeout=30,
    )
    expired = requests.post(
        url,
        data=raw,
        headers={
            "X-HubSpot-Signature-v3": sign_hubspot_v3("POST", public, raw, old, secret),
            "X-HubSpot-Request-Timestamp": old,
        },
        timeout=30,
    )
    assert (forged.status_code, expired.status_code) == (401, 401)
    uow = PostgresUnitOfWork(db)
    with uow:
        assert uow.users.get(member["id"]).tier == "platinum"

    sent = requests.post(
        fakes["hubspot"] + "/_webhooks",
        json={"url": url, "request_uri": public, "client_secret": secret, "events": events},
        timeout=30,
    ).json()

    assert sent["status"] == 200, sent
    uow = PostgresUnitOfWork(db)
    with uow:
        assert uow.users.get(member["id"]).tier == "gold"
