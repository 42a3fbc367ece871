"""The benchmark's own database: created, migrated, seeded, filled, and dropped after the run."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from booking.adapters.postgres.migrate import migrate
from booking_cli.seed import seed

DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"
TIME_ZONE = "America/Toronto"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ALWAYS_OPEN = {day: [["00:00", "24:00"]] for day in WEEKDAYS}


def server_url() -> str:
    """The server's maintenance database (``BENCH_SERVER_URL`` overrides the local default)."""
    return os.environ.get("BENCH_SERVER_URL", DEFAULT_SERVER)


@contextmanager
def bench_database() -> Iterator[str]:
    """A fresh migrated and seeded database of this run's own, dropped on the way out."""
    admin = server_url()
    name = f"booking_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    params = conninfo_to_dict(admin)
    params["dbname"] = name
    url = make_conninfo(**params)  # type: ignore[arg-type]
    try:
        migrate(url)
        seed(url)  # the default rules are part of what a booking is checked against
        yield url
    finally:
        with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def server_version(url: str) -> str:
    """``PostgreSQL 15.x`` plus the settings that decide commit cost."""
    with psycopg.connect(url) as conn:
        version = conn.execute("SHOW server_version").fetchone()
        sync = conn.execute("SHOW synchronous_commit").fetchone()
        fsync = conn.execute("SHOW fsync").fetchone()
        maxconn = conn.execute("SHOW max_connections").fetchone()
    assert version and sync and fsync and maxconn
    return (
        f"PostgreSQL {version[0]} (synchronous_commit={sync[0]}, fsync={fsync[0]},"
        f" max_connections={maxconn[0]})"
    )


@dataclass(frozen=True)
class Club:
    """A 24/7 benchmark location with its bays and members."""

    location_id: UUID
    bays: list[UUID]
    users: list[UUID]


def add_club(
    url: str, *, slug: str, bays: int, users: int, buffer_minutes: int = 0, credits: int = 1000
) -> Club:
    """A 24/7 location with ``bays`` simulator bays and ``users`` standard members with credits.

    Done in bulk SQL: this is fixture data, not what is measured.
    """
    import json

    with psycopg.connect(url) as conn:
        row = conn.execute(
            "INSERT INTO locations (slug, name, time_zone, opening_hours)"
            " VALUES (%s, %s, %s, %s::jsonb) RETURNING id",
            (slug, f"Bench {slug}", TIME_ZONE, json.dumps(ALWAYS_OPEN)),
        ).fetchone()
        assert row
        location_id = row[0]
        bay_ids = [
            r[0]
            for r in conn.execute(
                "INSERT INTO resources (location_id, name, type, capacity, buffer_minutes)"
                " SELECT %s, 'Bay ' || lpad(n::text, 3, '0'), 'simulator', 4, %s"
                " FROM generate_series(1, %s) n RETURNING id",
                (location_id, buffer_minutes, bays),
            ).fetchall()
        ]
        user_ids = [
            r[0]
            for r in conn.execute(
                "INSERT INTO users (email, name, tier)"
                " SELECT %s || '-' || n || '@bench.example.com', 'Bench ' || n, 'standard'"
                " FROM generate_series(1, %s) n RETURNING id",
                (slug, users),
            ).fetchall()
        ]
        conn.execute(
            "INSERT INTO credit_ledger (user_id, delta, reason, note)"
            " SELECT u, %s, 'grant', 'bench' FROM unnest(%s::uuid[]) u",
            (credits, user_ids),
        )
    return Club(location_id, sorted(bay_ids, key=str), user_ids)


def reset_bookings(url: str) -> None:
    """Empty the booking tables between measurements so every one starts from the same state.

    The grants go with the ledger (TRUNCATE ... CASCADE) but balances stay in credit_accounts,
    which is all a booking reads.
    """
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("TRUNCATE bookings, outbox, idempotency_record CASCADE")
        conn.execute("VACUUM ANALYZE")


def first_bookable_hour(now: datetime | None = None) -> datetime:
    """The first whole local hour at least two hours ahead (past the one-hour cut-off)."""
    tz = ZoneInfo(TIME_ZONE)
    local = (now or datetime.now(UTC)).astimezone(tz) + timedelta(hours=2)
    return local.replace(minute=0, second=0, microsecond=0)
