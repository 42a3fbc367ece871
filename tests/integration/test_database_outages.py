"""The API when PostgreSQL is unreachable, drops its sessions, or holds a lock too long.

Answers are 503 with ``Retry-After`` and a code (never a 500); a session the server ended while
the function was idle is replaced before the next request's first statement; every session
carries statement, lock and idle-in-transaction timeouts below the function's timeout.
"""

from __future__ import annotations

import contextlib
import threading
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import psycopg
import pytest
from api_client import call, claims_for

from booking import runtime
from booking.adapters.postgres.connection import Database
from booking.api import context

TZ = ZoneInfo("America/Toronto")


def _reset_context() -> None:
    from booking import config

    config.settings.cache_clear()
    config.database_url.cache_clear()
    if runtime.default.cache_info().currsize:
        # A dead handle may fail to close; it is dropped anyway.
        with contextlib.suppress(Exception):
            runtime.default().close()
    runtime.default.cache_clear()


@pytest.fixture(autouse=True)
def _api_env(monkeypatch, seeded_database_url) -> Iterator[None]:
    monkeypatch.setenv("DATABASE_URL", seeded_database_url)
    monkeypatch.setenv("JWT_SECRET", "outage-" + uuid.uuid4().hex)
    _reset_context()
    yield
    _reset_context()


def _slot(days: int = 3, hour: int = 18) -> tuple[str, str]:
    day = (datetime.now(TZ) + timedelta(days=days)).date()
    start = datetime(day.year, day.month, day.day, hour, tzinfo=TZ)
    return start.isoformat(), (start + timedelta(hours=1)).isoformat()


def _create(world, *, key: str | None = None, hour: int = 18) -> tuple[int, dict]:
    s, e = _slot(hour=hour)
    return call(
        "bookings",
        "bookings/create",
        claims=claims_for("member", world.members[0].id),
        body={"resource_id": str(world.bays[0].id), "start": s, "end": e},
        headers={"Idempotency-Key": key or ""},
    )


def _unreachable(monkeypatch) -> None:
    # Port 1 on localhost: connection refused at once.
    monkeypatch.setenv("DATABASE_URL", "postgresql://postgres@127.0.0.1:1/booking")
    _reset_context()


def test_unreachable_database_is_503_with_retry_after(make_world, monkeypatch):
    world = make_world()
    _unreachable(monkeypatch)
    member = claims_for("member", world.members[0].id)
    status, reply = call("bookings", "bookings/list", claims=member)
    assert status == 503 and reply["error"]["code"] == "DATABASE_UNAVAILABLE", reply
    for key in (None, "k-" + uuid.uuid4().hex):
        status, reply = _create(world, key=key)
        assert status == 503 and reply["error"]["code"] == "DATABASE_UNAVAILABLE", reply


def test_retry_after_header_is_sent(make_world, monkeypatch):
    import copy
    import importlib

    from api_client import FakeContext, sample

    world = make_world()
    _unreachable(monkeypatch)
    event = copy.deepcopy(sample("bookings/list"))
    event["requestContext"]["authorizer"] = claims_for("member", world.members[0].id)
    handler = importlib.import_module("functions.bookings.handler").handler
    response = handler(event, FakeContext())
    assert response["statusCode"] == 503
    headers = {k.lower(): v for k, v in (response.get("headers") or {}).items()}
    multi = {k.lower(): v for k, v in (response.get("multiValueHeaders") or {}).items()}
    assert headers.get("retry-after") == "1" or multi.get("retry-after") == ["1"]


def _terminate(pg_server_url: str, pid: int) -> None:
    """End a session as an administrator (or a restart) would, and wait until it is gone."""
    with psycopg.connect(pg_server_url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s, 10000)", (pid,))


def test_a_session_the_server_ended_is_replaced_before_the_next_request(make_world, pg_server_url):
    world = make_world(members=2)
    member = claims_for("member", world.members[0].id)
    assert call("bookings", "bookings/list", claims=member)[0] == 200
    api_pid = context.database().connection().info.backend_pid
    status, first = _create(world, key="k-" + uuid.uuid4().hex, hour=17)
    assert status == 201, first
    # The idempotency records ride on the same session: one per environment.
    assert context.idempotency_store()._connection().info.backend_pid == api_pid

    _terminate(pg_server_url, api_pid)

    status, listed = call("bookings", "bookings/list", claims=member)
    assert status == 200, listed
    assert context.database().connection().info.backend_pid != api_pid
    status, second = _create(world, key="k-" + uuid.uuid4().hex, hour=19)
    assert status == 201, second

    # Ended again: this time a keyed create's idempotency record is the first statement.
    # (Another member: the first holds as many upcoming bookings as the rules allow.)
    _terminate(pg_server_url, context.database().connection().info.backend_pid)
    s, e = _slot(hour=20)
    status, third = call(
        "bookings",
        "bookings/create",
        claims=claims_for("member", world.members[1].id),
        body={"resource_id": str(world.bays[0].id), "start": s, "end": e},
        headers={"Idempotency-Key": "k-" + uuid.uuid4().hex},
    )
    assert status == 201, third


def test_sessions_carry_timeouts_below_the_function_timeout(monkeypatch, seeded_database_url):
    monkeypatch.setenv("DATABASE_LOCK_TIMEOUT_MS", "750")
    database = Database(seeded_database_url)
    try:
        conn = database.connection()
        shown = {
            name: conn.execute(f"SHOW {name}").fetchone()[name]  # type: ignore[index]
            for name in (
                "statement_timeout",
                "lock_timeout",
                "idle_in_transaction_session_timeout",
            )
        }
        conn.rollback()
    finally:
        database.close()
    assert shown == {
        "statement_timeout": "5s",
        "lock_timeout": "750ms",
        "idle_in_transaction_session_timeout": "10s",
    }


def test_a_create_waiting_on_a_locked_member_gives_up_with_503(
    make_world, monkeypatch, seeded_database_url
):
    world = make_world()
    monkeypatch.setenv("DATABASE_LOCK_TIMEOUT_MS", "300")
    _reset_context()
    holder = psycopg.connect(seeded_database_url)
    holder.execute("SELECT 1 FROM users WHERE id = %s FOR UPDATE", (world.members[0].id,))
    # Without a lock timeout the create would wait for this release (the test still ends).
    release = threading.Timer(20, holder.rollback)
    release.start()
    try:
        status, reply = _create(world)
    finally:
        release.cancel()
        holder.rollback()
        holder.close()
    assert status == 503 and reply["error"]["code"] == "DATABASE_BUSY", reply
    status, reply = _create(world)
    assert status == 201, reply
