"""Housekeeping forgets old consumer marks and expired idempotency records, nothing newer."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg

from booking.adapters.postgres.connection import Database
from booking.adapters.postgres.idempotency import PostgresPersistenceLayer
from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking.services.housekeeping import run_housekeeping


def uows(database: Database) -> Callable[[], PostgresUnitOfWork]:
    """The unit-of-work factory the services take, on ``database``."""
    return lambda: PostgresUnitOfWork(database)


EVENT = Path(__file__).resolve().parents[2] / "events" / "housekeeping" / "scheduled.json"


def test_housekeeping_purges_only_what_is_old(db, seeded_database_url):
    now = datetime.now(UTC)
    old, recent = uuid.uuid4(), uuid.uuid4()
    expired_key, live_key = f"hk-{uuid.uuid4().hex}", f"hk-{uuid.uuid4().hex}"
    with psycopg.connect(seeded_database_url, autocommit=True) as conn:
        conn.execute(
            "INSERT INTO processed_events (consumer, event_id, processed_at) VALUES"
            " ('test', %s, %s), ('test', %s, %s)",
            (old, now - timedelta(days=31), recent, now - timedelta(days=29)),
        )
        conn.execute(
            "INSERT INTO idempotency_record (id, expiry_timestamp, status, data) VALUES"
            " (%s, %s, 'COMPLETED', '{}'), (%s, %s, 'COMPLETED', '{}')",
            (
                expired_key,
                int((now - timedelta(minutes=1)).timestamp()),
                live_key,
                int((now + timedelta(hours=1)).timestamp()),
            ),
        )
    store = PostgresPersistenceLayer(
        connection_factory=lambda: psycopg.connect(seeded_database_url, autocommit=True)
    )
    try:
        purged = run_housekeeping(uows(db), store, now)
    finally:
        store.close()
    assert purged.processed_events >= 1 and purged.idempotency_records >= 1
    with psycopg.connect(seeded_database_url) as conn:
        events = {
            r[0]
            for r in conn.execute(
                "SELECT event_id FROM processed_events WHERE event_id = ANY(%s)", ([old, recent],)
            )
        }
        keys = {
            r[0]
            for r in conn.execute(
                "SELECT id FROM idempotency_record WHERE id = ANY(%s)", ([expired_key, live_key],)
            )
        }
    assert events == {recent}
    assert keys == {live_key}


def test_handler_runs_on_its_scheduled_sample_event(monkeypatch, seeded_database_url):
    from api_client import FakeContext

    from booking import config

    monkeypatch.setenv("DATABASE_URL", seeded_database_url)
    config.settings.cache_clear()
    config.database_url.cache_clear()
    with psycopg.connect(seeded_database_url, autocommit=True) as conn:
        conn.execute(
            "INSERT INTO processed_events (consumer, event_id, processed_at)"
            " VALUES ('test', %s, now() - interval '40 days')",
            (uuid.uuid4(),),
        )
    from functions.housekeeping.handler import handler

    result = handler(json.loads(EVENT.read_text()), FakeContext())
    assert result["processed_events"] >= 1
    assert set(result) == {
        "processed_events",
        "idempotency_records",
        "live_connections",
        "kiosk_sign_ins",
    }
