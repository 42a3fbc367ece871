"""Live updates end to end on LocalStack: a booking through the API reaches a WebSocket client.

The path: POST /bookings -> outbox -> EventBridge -> LiveBroadcasterFunction -> the
``@connections`` API of the local stand-in -> the client, whose connection was registered by
LiveFunction (``$connect``) and subscribed by it (``subscribe``). Also: a closed connection
leaves the registry ($disconnect), and a registered connection the gateway no longer holds is
removed by the broadcaster on GoneException.
"""

from __future__ import annotations

import json
import statistics
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import requests
from websockets.sync.client import ClientConnection, connect

from booking.adapters.postgres.connection import Database
from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking_cli.devtokens import token_for

pytestmark = pytest.mark.e2e

TZ = ZoneInfo("America/Toronto")


@pytest.fixture(scope="module")
def db(stack: dict[str, Any]) -> Any:
    database = Database(stack["database_url"])
    yield database
    database.close()


@pytest.fixture(scope="module")
def booker(stack: dict[str, Any], db: Database) -> dict[str, Any]:
    """A platinum member of this module with plenty of credits."""
    email = f"live-{uuid.uuid4().hex[:8]}@example.com"
    uow = PostgresUnitOfWork(db)
    with uow:
        user = uow.users.add(email=email, name="Live Member", tier="platinum")
        uow.credits.record(user_id=user.id, delta=500, reason="grant")
        uow.commit()
    token = token_for(
        "member", email, secret=stack["jwt_secret"], database_url=stack["database_url"]
    )
    return {"id": user.id, "token": token}


@pytest.fixture(scope="module")
def location(stack: dict[str, Any], tokens: dict[str, str]) -> dict[str, Any]:
    r = requests.get(
        stack["api_url"] + "/locations",
        headers={"Authorization": f"Bearer {tokens['member']}"},
        timeout=30,
    )
    assert r.status_code == 200, r.text
    return next(x for x in r.json()["locations"] if x["time_zone"] == "America/Toronto")


def rows(db: Database) -> set[str]:
    conn = db.connection()
    with conn.transaction():
        found = conn.execute("SELECT connection_id FROM live_connections").fetchall()
    return {str(r["connection_id"]) for r in found}


def receive(ws: ClientConnection, kind: str, timeout: float = 30) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        msg = json.loads(ws.recv(timeout=max(0.01, deadline - time.monotonic())))
        if msg.get("type") == kind:
            return dict(msg)


def wait_until(what: str, probe: Any, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not probe():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.1)


def test_a_booking_reaches_a_subscribed_client_and_closing_leaves_the_registry(
    stack: dict[str, Any],
    tokens: dict[str, str],
    booker: dict[str, Any],
    location: dict[str, Any],
    db: Database,
) -> None:
    day = (datetime.now(TZ) + timedelta(days=9)).date()
    bay = next(b for b in location["resources"] if b["type"] == "simulator")
    before = rows(db)
    latencies, after_201 = [], []
    with connect(f"{stack['live_ws_url']}/?token={tokens['member2']}", open_timeout=30) as ws:
        new = rows(db) - before
        assert len(new) == 1, new
        ws.send(json.dumps({"action": "subscribe", "location_id": location["id"], "day": str(day)}))
        assert receive(ws, "subscribed")["day"] == str(day)
        for n in range(5):
            start = datetime(day.year, day.month, day.day, 8 + 2 * n, tzinfo=TZ)
            sent = time.monotonic()
            r = requests.post(
                stack["api_url"] + "/bookings",
                headers={"Authorization": f"Bearer {booker['token']}"},
                json={
                    "resource_id": bay["id"],
                    "start": start.isoformat(),
                    "end": (start + timedelta(hours=1)).isoformat(),
                },
                timeout=30,
            )
            assert r.status_code == 201, r.text
            answered = time.monotonic()
            msg = receive(ws, "slots.changed")
            latencies.append(time.monotonic() - sent)
            after_201.append(max(0.0, time.monotonic() - answered))
            assert msg["slot"]["resource_id"] == bay["id"]
            assert datetime.fromisoformat(msg["slot"]["start"]) == start
            assert "booking" not in msg  # another member's booking: the slot only
    print(
        f"\nPOST /bookings -> WebSocket message through LocalStack: "
        f"median {statistics.median(latencies):.3f} s, max {max(latencies):.3f} s"
        f" from the request; after the 201 median {statistics.median(after_201):.3f} s,"
        f" max {max(after_201):.3f} s over {len(latencies)} (the first starts the functions)"
    )
    [cid] = new
    wait_until("$disconnect to remove the closed connection", lambda: cid not in rows(db))


def test_a_gone_connection_is_removed_by_the_broadcaster(
    stack: dict[str, Any], booker: dict[str, Any], location: dict[str, Any], db: Database
) -> None:
    day = (datetime.now(TZ) + timedelta(days=10)).date()
    ghost = "ghost" + uuid.uuid4().hex[:6] + "="
    conn = db.connection()
    with conn.transaction():
        conn.execute(
            "INSERT INTO live_connections (connection_id, role, subject, expires_at)"
            " VALUES (%s, 'member', 'ghost', %s)",
            (ghost, datetime.now(UTC) + timedelta(hours=1)),
        )
        conn.execute(
            "INSERT INTO live_subscriptions (connection_id, location_id, day) VALUES (%s, %s, %s)",
            (ghost, location["id"], day),
        )
    bay = next(b for b in location["resources"] if b["type"] == "simulator")
    start = datetime(day.year, day.month, day.day, 9, tzinfo=TZ)
    r = requests.post(
        stack["api_url"] + "/bookings",
        headers={"Authorization": f"Bearer {booker['token']}"},
        json={
            "resource_id": bay["id"],
            "start": start.isoformat(),
            "end": (start + timedelta(hours=1)).isoformat(),
        },
        timeout=30,
    )
    assert r.status_code == 201, r.text
    wait_until("the broadcaster to drop the gone connection", lambda: ghost not in rows(db))


def test_a_bad_token_cannot_connect(stack: dict[str, Any]) -> None:
    from websockets.exceptions import InvalidStatus

    with pytest.raises(InvalidStatus) as exc:
        connect(f"{stack['live_ws_url']}/?token=not-a-token", open_timeout=30)
    assert exc.value.response.status_code == 403
