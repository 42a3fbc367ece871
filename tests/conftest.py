"""Shared fixtures: a fresh, migrated PostgreSQL database per test session.

The server comes from ``TEST_DATABASE_URL`` (default: the local server on 127.0.0.1:5432 with trust
auth). Each session creates its own database with a random name and drops it at the end, so runs
never see each other's rows.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from booking.adapters.postgres.migrate import migrate


def _server_url() -> str:
    explicit = os.environ.get("TEST_DATABASE_URL")
    if explicit:
        return explicit
    for user in ("postgres", "root"):
        url = f"postgresql://{user}@127.0.0.1:5432/test"
        try:
            with psycopg.connect(url, connect_timeout=3):
                return url
        except psycopg.OperationalError:
            continue
    pytest.exit("no PostgreSQL reachable at 127.0.0.1:5432 (set TEST_DATABASE_URL)", returncode=2)


def create_database(server_url: str, prefix: str = "booking_test") -> str:
    """Create an empty database on the server and return its URL."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')  # type: ignore[arg-type]
    params = conninfo_to_dict(server_url)
    params["dbname"] = name
    return make_conninfo(**params)  # type: ignore[arg-type]


def drop_database(server_url: str, url: str) -> None:
    """Drop a database created by :func:`create_database`, closing its open sessions first."""
    name = conninfo_to_dict(url)["dbname"]
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def pg_server_url() -> str:
    """URL of the PostgreSQL server (its maintenance database)."""
    return _server_url()


@pytest.fixture(scope="session")
def database_url(pg_server_url: str) -> Iterator[str]:
    """A migrated database of this test session's own, dropped afterwards."""
    url = create_database(pg_server_url)
    migrate(url)
    try:
        yield url
    finally:
        drop_database(pg_server_url, url)


@pytest.fixture(autouse=True)
def _fresh_runtime() -> Iterator[None]:
    """Each test gets the runtime its own environment describes (handlers build it lazily)."""
    from booking import runtime

    runtime.default.cache_clear()
    yield
    if runtime.default.cache_info().currsize:
        runtime.default().close()
        runtime.default.cache_clear()
