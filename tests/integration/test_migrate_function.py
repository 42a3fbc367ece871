"""The migrate function as CloudFormation runs it: a custom resource answered on its URL."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import psycopg
import pytest

from booking import config
from functions.migrate import handler as migrate_handler
from tests.conftest import create_database, drop_database


class _Recorder(BaseHTTPRequestHandler):
    """Stands in for the pre-signed S3 URL CloudFormation waits on."""

    bodies: list[dict[str, Any]] = []

    def do_PUT(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        type(self).bodies.append(json.loads(self.rfile.read(length)))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def response_url() -> Iterator[str]:
    _Recorder.bodies = []
    server = HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/response"
    finally:
        server.shutdown()


@pytest.fixture
def empty_db(pg_server_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = create_database(pg_server_url, prefix="booking_migrate")
    monkeypatch.setenv("DATABASE_URL", url)
    config.settings.cache_clear()
    config.database_url.cache_clear()
    try:
        yield url
    finally:
        config.settings.cache_clear()
        config.database_url.cache_clear()
        drop_database(pg_server_url, url)


def _event(kind: str, url: str) -> dict[str, Any]:
    return {
        "RequestType": kind,
        "ResponseURL": url,
        "StackId": "arn:aws:cloudformation:us-east-1:000000000000:stack/s/1",
        "RequestId": "r-1",
        "LogicalResourceId": "SchemaMigrations",
        "ResourceProperties": {},
    }


class _Context:
    function_name = "migrate"
    memory_limit_in_mb = 256
    invoked_function_arn = "arn:aws:lambda:us-east-1:000000000000:function:migrate"
    aws_request_id = "req-1"


def test_create_applies_every_migration_and_reports_success(
    empty_db: str, response_url: str
) -> None:
    out = migrate_handler.handler(_event("Create", response_url), _Context())  # type: ignore[arg-type]
    shipped = sorted(p.name for p in migrate_handler.MIGRATIONS.glob("*.sql"))
    assert out["applied"] == shipped
    [body] = _Recorder.bodies
    assert body["Status"] == "SUCCESS"
    assert body["PhysicalResourceId"] == "schema-migrations"
    with psycopg.connect(empty_db) as conn:
        rows = [r[0] for r in conn.execute("SELECT name FROM schema_migrations ORDER BY name")]
    assert rows == shipped


def test_update_on_a_current_schema_applies_nothing(empty_db: str, response_url: str) -> None:
    migrate_handler.handler(_event("Create", response_url), _Context())  # type: ignore[arg-type]
    out = migrate_handler.handler(_event("Update", response_url), _Context())  # type: ignore[arg-type]
    assert out["applied"] == []
    assert [b["Status"] for b in _Recorder.bodies] == ["SUCCESS", "SUCCESS"]


def test_unreachable_database_fails_the_deploy(
    response_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none?connect_timeout=1")
    monkeypatch.setattr(migrate_handler, "CONNECT_PAUSE_SECONDS", 0.0)
    config.settings.cache_clear()
    config.database_url.cache_clear()
    try:
        migrate_handler.handler(_event("Update", response_url), _Context())  # type: ignore[arg-type]
    finally:
        config.settings.cache_clear()
        config.database_url.cache_clear()
    [body] = _Recorder.bodies
    assert body["Status"] == "FAILED"
    assert "OperationalError" in body["Reason"]


def test_delete_keeps_the_schema(response_url: str) -> None:
    out = migrate_handler.handler(_event("Delete", response_url), _Context())  # type: ignore[arg-type]
    assert out == {"applied": []}
    assert _Recorder.bodies[0]["Status"] == "SUCCESS"


def test_the_function_ships_the_repository_migrations() -> None:
    """functions/migrate/migrations links to infra/db/migrations: one set of files, no copies."""
    from booking.adapters.postgres.migrate import DEFAULT_MIGRATIONS_DIR, migration_files

    assert [p.name for p in migration_files(migrate_handler.MIGRATIONS)] == [
        p.name for p in migration_files(DEFAULT_MIGRATIONS_DIR)
    ]
