"""The WebSocket route function behind the local stand-in, in-process: a browser-like client
connects with its JWT, subscribes to a day, receives a booking's slot change, and its row leaves
the registry when it closes. (The same pair runs against LocalStack in tests/e2e.)"""

from __future__ import annotations

import json
import time
import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from api_client import FakeContext
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import connect

from booking.adapters.live_push import ConnectionPusher
from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking.api.auth import issue_token
from booking.domain.actors import Actor, Role
from booking.services import bookings as svc
from booking.services import live

SECRET = "live-test-" + uuid.uuid4().hex


@pytest.fixture
def gateway(monkeypatch, seeded_database_url):
    from booking import config
    from functions.live import handler as live_function
    from live_gateway import LiveGateway

    monkeypatch.setenv("DATABASE_URL", seeded_database_url)
    monkeypatch.setenv("JWT_SECRET", SECRET)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    gw = LiveGateway(lambda event: live_function.handler(event, FakeContext())).start()
    monkeypatch.setenv("LIVE_MANAGEMENT_ENDPOINT", gw.management_url)
    config.settings.cache_clear()
    config.database_url.cache_clear()
    yield gw
    gw.stop()
    config.settings.cache_clear()


def rows(db) -> set[str]:
    conn = db.connection()
    with conn.transaction():
        found = conn.execute("SELECT connection_id FROM live_connections").fetchall()
    return {r["connection_id"] for r in found}


def receive(ws, type_: str, timeout: float = 5.0) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        msg = json.loads(ws.recv(timeout=max(0.01, deadline - time.monotonic())))
        if msg.get("type") == type_:
            return msg


def test_connect_subscribe_push_and_close(gateway, db, uow, make_world):
    world = make_world(tags=("EARLY_ACCESS",))  # books tomorrow at this hour, whatever it is
    token = issue_token(role="member", sub=str(world.members[0].id), secret=SECRET)
    start = (datetime.now(UTC) + timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
    day = start.astimezone(ZoneInfo(world.location.time_zone)).date()
    before = rows(db)
    with connect(f"{gateway.ws_url}/?token={token}") as ws:
        [cid] = rows(db) - before
        ws.send(
            json.dumps(
                {"action": "subscribe", "location_id": str(world.location.id), "day": str(day)}
            )
        )
        assert receive(ws, "subscribed")["day"] == str(day)
        ws.send(json.dumps({"action": "subscribe", "location_id": "nope", "day": str(day)}))
        assert receive(ws, "error")["code"] == "INVALID_MESSAGE"
        ws.send("not json")
        assert receive(ws, "error")["code"] == "MALFORMED_MESSAGE"
        ws.send(json.dumps({"action": "ping"}))
        assert receive(ws, "pong")

        booking = svc.create_booking(
            svc.CreateBooking(
                resource_id=world.bays[0].id,
                start=start,
                end=start + timedelta(hours=1),
                user_id=world.members[0].id,
            ),
            uow,
            Actor(role=Role.SERVICE, subject="system"),
            datetime.now(UTC),
        )
        conn = db.connection()
        with conn.transaction():
            detail = conn.execute(
                "SELECT detail FROM outbox WHERE aggregate_id = %s", (booking.id,)
            ).fetchone()["detail"]
        report = live.broadcast(
            PostgresUnitOfWork(db),
            ConnectionPusher(gateway.management_url),
            "booking.created",
            detail,
            datetime.now(UTC),
        )
        assert report.sent == 1
        msg = receive(ws, "slots.changed")
        assert msg["slot"]["resource_id"] == str(world.bays[0].id)
        assert msg["booking"]["id"] == str(booking.id)  # the member's own booking
    # The client closed: $disconnect removed the row (give the stand-in a moment).
    deadline = time.monotonic() + 5
    while cid in rows(db) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert cid not in rows(db)


def test_a_bad_token_is_refused_at_the_handshake(gateway, db):
    before = rows(db)
    for url in (f"{gateway.ws_url}/?token=forged", gateway.ws_url):
        with pytest.raises(InvalidStatus) as exc:
            connect(url)
        assert exc.value.response.status_code == 403
    assert rows(db) == before


def test_the_server_can_close_a_connection(gateway, db, make_world):
    world = make_world()
    token = issue_token(role="member", sub=str(world.members[0].id), secret=SECRET)
    before = rows(db)
    with connect(f"{gateway.ws_url}/?token={token}") as ws:
        [cid] = rows(db) - before
        pusher = ConnectionPusher(gateway.management_url)
        info = pusher.client.get_connection(ConnectionId=cid)
        assert info["ConnectedAt"] and info["Identity"]["SourceIp"] == "127.0.0.1"
        pusher.close(cid)
        with pytest.raises(ConnectionClosed):
            while True:
                ws.recv(timeout=5)
    deadline = time.monotonic() + 5
    while cid in rows(db) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert cid not in rows(db)
    assert ConnectionPusher(gateway.management_url).post(cid, {"type": "late"}) is False
