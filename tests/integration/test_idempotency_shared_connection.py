"""One PostgreSQL connection per execution environment, shared by the idempotency records and
the unit of work, against the real database.

A create with an ``Idempotency-Key`` used to hold two sessions per environment (the unit of
work's and the idempotency store's); a fleet of environments then needed twice as many
sessions as environments. The records now ride on the unit of work's connection, each one
committed on its own between business transactions, never inside one.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import psycopg
import pytest
from api_client import call, claims_for
from aws_lambda_powertools.utilities.idempotency.persistence.datarecord import DataRecord

from booking.adapters.postgres.idempotency import PostgresPersistenceLayer, TransactionOpenError
from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking.api import context

TZ = ZoneInfo("America/Toronto")
_connect = psycopg.connect  # the test's own sessions, not counted by ``opened``


pytestmark = pytest.mark.usefixtures("api_env")


@pytest.fixture
def opened(monkeypatch, db) -> list[psycopg.Connection[Any]]:
    """Every connection the function opens (the test's own handle is opened before)."""
    db.connection()
    made: list[psycopg.Connection[Any]] = []
    real = psycopg.connect

    def recording(*args: Any, **kwargs: Any) -> psycopg.Connection[Any]:
        conn = real(*args, **kwargs)
        made.append(conn)
        return conn

    monkeypatch.setattr(psycopg, "connect", recording)
    return made


def _body(world: Any, bay: int = 0, hour: int = 18) -> dict[str, str]:
    day = (datetime.now(TZ) + timedelta(days=3)).date()
    start = datetime(day.year, day.month, day.day, hour, tzinfo=TZ)
    return {
        "resource_id": str(world.bays[bay].id),
        "start": start.isoformat(),
        "end": (start + timedelta(hours=1)).isoformat(),
    }


def _post(world: Any, key: str, body: dict[str, str], member: int = 0) -> tuple[int, Any]:
    return call(
        "bookings",
        "bookings/create",
        claims=claims_for("member", world.members[member].id),
        body=body,
        headers={"Idempotency-Key": key},
    )


def _records(url: str, where: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Idempotency records as another session sees them (only what was committed)."""
    with _connect(url, autocommit=True) as other:
        return other.execute(
            f"SELECT status, data FROM idempotency_record WHERE {where}", params
        ).fetchall()


def test_a_keyed_create_and_its_replay_use_one_connection(
    make_world, db, opened, seeded_database_url
):
    world = make_world()
    key = "one-" + uuid.uuid4().hex
    body = _body(world)

    status, first = _post(world, key, body)
    assert status == 201, first
    # Committed on its own: another session sees the completed record at once.
    completed = _records(seeded_database_url, "data LIKE %s", (f"%{first['id']}%",))
    assert [row[0] for row in completed] == ["COMPLETED"]

    status, again = _post(world, key, body)

    assert status == 201 and again["id"] == first["id"], again
    assert len(opened) == 1, opened
    shared = context.database().connection()
    assert opened[0] is shared
    assert context.idempotency_store().shares_connection
    assert context.idempotency_store()._connection() is shared
    # Handed back as the unit of work expects it: transactional, outside any transaction.
    assert not shared.autocommit
    assert shared.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
    uow = PostgresUnitOfWork(db)
    with uow:
        made = uow.connection.execute(
            "SELECT count(*) AS n FROM bookings WHERE user_id = %s", (world.members[0].id,)
        ).fetchone()
    assert made is not None and made["n"] == 1


def test_a_refused_create_releases_its_key_after_the_rollback(
    make_world, opened, seeded_database_url
):
    world = make_world(members=2)
    body = _body(world)
    assert _post(world, "taken-" + uuid.uuid4().hex, body, member=1)[0] == 201
    before = _records(seeded_database_url, "status = 'INPROGRESS'")
    key = "refused-" + uuid.uuid4().hex

    status, reply = _post(world, key, body)

    assert status == 409 and reply["error"]["code"] == "SLOT_TAKEN", reply
    # The in-progress record was deleted (and that committed) after the booking's transaction
    # rolled back: the key is free for the caller's next attempt.
    assert _records(seeded_database_url, "status = 'INPROGRESS'") == before
    status, other = _post(world, key, _body(world, bay=1))
    assert status == 201, other
    assert len(opened) == 1


def test_records_are_not_written_inside_an_open_transaction(db, seeded_database_url):
    store = PostgresPersistenceLayer(connection=db.connection)
    key = "inside-" + uuid.uuid4().hex
    record = DataRecord(idempotency_key=key, status="INPROGRESS", expiry_timestamp=2**31)
    uow = PostgresUnitOfWork(db)
    with uow:
        uow.connection.execute("SELECT 1")
        with pytest.raises(TransactionOpenError):
            store._put_record(record)
    assert _records(seeded_database_url, "id = %s", (key,)) == []

    store._put_record(record)  # between transactions it is written, and committed

    assert _records(seeded_database_url, "id = %s", (key,)) == [("INPROGRESS", None)]
    assert not db.connection().autocommit
    store._delete_record(record)
    assert _records(seeded_database_url, "id = %s", (key,)) == []


def test_exactly_one_source_of_connections() -> None:
    with pytest.raises(ValueError):
        PostgresPersistenceLayer()
    with pytest.raises(ValueError):
        PostgresPersistenceLayer(connection_factory=lambda: None, connection=lambda: None)
