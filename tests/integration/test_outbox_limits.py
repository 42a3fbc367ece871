"""Metadata bounds and an outbox that one unpublishable row cannot jam.

EventBridge refuses a PutEvents request over 256 KB (or with an entry over it) as a whole; moto
does not, so ``SizeLimitedEvents`` enforces those documented limits in front of moto.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws
from psycopg.types.json import Jsonb

from booking.adapters.eventbridge import MAX_REQUEST_BYTES, EventBridgePublisher, entry_size
from booking.adapters.postgres.connection import Database
from booking.adapters.postgres.migrate import migrate
from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking.domain.actors import Actor, Role
from booking.domain.errors import InvalidRequest
from booking.domain.opening_hours import WEEKDAYS, OpeningHours
from booking.domain.settings import LocationSettings
from booking.services import bookings as svc
from booking.services import publishing
from tests.conftest import create_database, drop_database

SOURCE = "booking.platform"
BUS = "limits-bus"
NOW = datetime.now(UTC)


def uows(database: Database) -> Callable[[], PostgresUnitOfWork]:
    """The unit-of-work factory the publishing services take, on ``database``."""
    return lambda: PostgresUnitOfWork(database)


@pytest.fixture(scope="module")
def own_db(pg_server_url: str) -> Iterator[Database]:
    """A database only this module writes to (the sweeper sees only these rows)."""
    url = create_database(pg_server_url, prefix="booking_outbox_limits")
    migrate(url)
    database = Database(url)
    try:
        yield database
    finally:
        database.close()
        drop_database(pg_server_url, url)


class SizeLimitedEvents:
    """PutEvents with EventBridge's documented request limits, delegating to moto."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.calls: list[int] = []

    def put_events(self, Entries: list[dict[str, Any]]) -> dict[str, Any]:
        self.calls.append(len(Entries))
        total = sum(entry_size(e) for e in Entries)
        if len(Entries) > 10 or total > MAX_REQUEST_BYTES:
            raise ClientError(
                {
                    "Error": {
                        "Code": "ValidationException",
                        "Message": "Total size of the entries in the request is over the limit.",
                    }
                },
                "PutEvents",
            )
        answer: dict[str, Any] = self.real.put_events(Entries=Entries)
        return answer


class AlwaysRejecting:
    """Rejects one event's entry on every call (a poison entry), accepts the others."""

    def __init__(self, real: Any, poison: str) -> None:
        self.real = real
        self.poison = poison

    def put_events(self, Entries: list[dict[str, Any]]) -> dict[str, Any]:
        answers = []
        for entry in Entries:
            if json.loads(entry["Detail"])["event_id"] == self.poison:
                answers.append({"ErrorCode": "InternalFailure", "ErrorMessage": "no"})
            else:
                answers.append(self.real.put_events(Entries=[entry])["Entries"][0])
        return {"FailedEntryCount": sum("ErrorCode" in a for a in answers), "Entries": answers}


@pytest.fixture
def events_client(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    with mock_aws():
        client = boto3.client("events", region_name="us-east-1")
        client.create_event_bus(Name=BUS)
        yield client


def _drain(db: Database, client: Any) -> None:
    publishing.sweep(uows(db), EventBridgePublisher(BUS, SOURCE, client))
    uow = PostgresUnitOfWork(db)
    with uow:
        uow.connection.execute("UPDATE outbox SET parked_at = NULL, published_at = now()")
        uow.commit()


def _member(db: Database) -> tuple[uuid.UUID, uuid.UUID]:
    tag = uuid.uuid4().hex[:8]
    uow = PostgresUnitOfWork(db)
    with uow:
        loc = uow.locations.add(
            slug=f"l-{tag}",
            name=f"L {tag}",
            address="",
            time_zone="UTC",
            opening_hours=OpeningHours.from_json({d: [["00:00", "24:00"]] for d in WEEKDAYS}),
            settings=LocationSettings.from_json(None),
        )
        bay = uow.resources.add(
            location_id=loc.id, name="Bay", type="simulator", capacity=4, buffer_minutes=0
        )
        user = uow.users.add(email=f"l-{tag}@example.com", name="L")
        uow.commit()
    return user.id, bay.id


def _create(db: Database, user: uuid.UUID, bay: uuid.UUID, n: int, metadata: Any) -> Any:
    start = (NOW + timedelta(days=2)).replace(minute=0, second=0, microsecond=0)
    start += timedelta(hours=n)
    return svc.create_booking(
        svc.CreateBooking(
            resource_id=bay, start=start, end=start + timedelta(hours=1), metadata=metadata
        ),
        PostgresUnitOfWork(db),
        Actor(role=Role.MEMBER, user_id=user),
        NOW,
    )


def _nested(levels: int) -> dict[str, Any]:
    value: dict[str, Any] = {}
    for _ in range(levels - 1):
        value = {"a": value}
    return value


@pytest.mark.parametrize(
    ("metadata", "code"),
    [
        ({"blob": "x" * 300_000}, "METADATA_TOO_LARGE"),
        ({"blob": "é" * 2100}, "METADATA_TOO_LARGE"),  # 4200 bytes, 2100 characters
        (_nested(6), "METADATA_TOO_DEEP"),
    ],
)
def test_metadata_over_the_bounds_is_refused_and_nothing_is_written(own_db, metadata, code):
    user, bay = _member(own_db)
    with pytest.raises(InvalidRequest) as refused:
        _create(own_db, user, bay, 0, metadata)
    assert refused.value.code == code
    uow = PostgresUnitOfWork(own_db)
    with uow:
        count = uow.connection.execute(
            "SELECT count(*) AS n FROM bookings WHERE user_id = %s", (user,)
        ).fetchone()
    assert count is not None and count["n"] == 0


def test_metadata_within_the_bounds_is_kept_on_the_booking_but_not_in_events(own_db):
    user, bay = _member(own_db)
    metadata = {"note": "birthday", "deep": _nested(4)}
    booking = _create(own_db, user, bay, 0, metadata)
    assert booking.metadata == metadata
    uow = PostgresUnitOfWork(own_db)
    with uow:
        row = uow.connection.execute(
            "SELECT detail FROM outbox WHERE aggregate_id = %s", (booking.id,)
        ).fetchone()
    assert row is not None and "metadata" not in row["detail"]["booking"]


def _legacy_row(db: Database, detail_bytes: int) -> uuid.UUID:
    """An outbox row as written before metadata was bounded (300 kB of it copied in)."""
    event_id = uuid.uuid4()
    detail = {
        "event_id": str(event_id),
        "occurred_at": NOW.isoformat(),
        "version": 1,
        "booking": {"id": str(uuid.uuid4()), "metadata": {"blob": "x" * detail_bytes}},
    }
    uow = PostgresUnitOfWork(db)
    with uow:
        uow.connection.execute(
            "INSERT INTO outbox (event_id, aggregate_id, detail_type, detail)"
            " VALUES (%s, %s, 'booking.created', %s)",
            (event_id, uuid.uuid4(), Jsonb(detail)),
        )
        uow.commit()
    return event_id


def _row(db: Database, event_id: uuid.UUID) -> dict[str, Any]:
    uow = PostgresUnitOfWork(db)
    with uow:
        row = uow.connection.execute(
            "SELECT published_at, parked_at, attempts, last_error FROM outbox WHERE event_id = %s",
            (event_id,),
        ).fetchone()
    assert row is not None
    return dict(row)


def test_an_oversized_row_is_parked_and_never_fails_its_batch(own_db, events_client, caplog):
    _drain(own_db, events_client)
    user, bay = _member(own_db)
    before = [_create(own_db, user, bay, n, {}) for n in range(3)]
    huge = _legacy_row(own_db, 300_000)
    after = [_create(own_db, user, bay, 3 + n, {}) for n in range(3)]
    limited = SizeLimitedEvents(events_client)

    with caplog.at_level(logging.ERROR, logger="booking.services.publishing"):
        report = publishing.sweep(uows(own_db), EventBridgePublisher(BUS, SOURCE, limited))

    assert len(report.sent) == 6 and set(report.failed) == {huge}
    assert [p.event_id for p in report.parked] == [huge]
    row = _row(own_db, huge)
    assert row["parked_at"] is not None and row["published_at"] is None
    assert "EntryTooLarge" in row["last_error"]
    assert any(r.getMessage() == "outbox row parked" for r in caplog.records)
    assert all(_row(own_db, e)["published_at"] is not None for e in _event_ids(own_db, before))
    assert all(_row(own_db, e)["published_at"] is not None for e in _event_ids(own_db, after))
    # Parked rows are not claimed again, and the lag reports them apart from pending ones.
    again = publishing.sweep(uows(own_db), EventBridgePublisher(BUS, SOURCE, limited))
    assert not again.sent and not again.failed
    lag, _ = publishing.outbox_lag(uows(own_db), datetime.now(UTC))
    assert lag.pending == 0 and lag.parked == 1


def _event_ids(db: Database, bookings: list[Any]) -> list[uuid.UUID]:
    uow = PostgresUnitOfWork(db)
    with uow:
        rows = uow.connection.execute(
            "SELECT event_id FROM outbox WHERE aggregate_id = ANY(%s)", ([b.id for b in bookings],)
        ).fetchall()
    return [r["event_id"] for r in rows]


def test_requests_are_cut_by_size_as_well_as_by_count(own_db, events_client):
    _drain(own_db, events_client)
    ids = [_legacy_row(own_db, 60_000) for _ in range(8)]  # ~60 KB each: 4 fit in 256 KB
    limited = SizeLimitedEvents(events_client)

    report = publishing.sweep(uows(own_db), EventBridgePublisher(BUS, SOURCE, limited))

    assert sorted(map(str, report.sent)) == sorted(map(str, ids)) and not report.failed
    assert limited.calls == [4, 4]


def test_a_row_failing_every_attempt_is_parked_after_the_maximum(own_db, events_client):
    _drain(own_db, events_client)
    user, bay = _member(own_db)
    booking = _create(own_db, user, bay, 0, {})
    (poison,) = _event_ids(own_db, [booking])
    rejecting = EventBridgePublisher(BUS, SOURCE, AlwaysRejecting(events_client, str(poison)))

    for attempt in range(1, publishing.MAX_ATTEMPTS + 1):
        report = publishing.sweep(uows(own_db), rejecting)
        assert set(report.failed) == {poison}
        assert bool(report.parked) == (attempt == publishing.MAX_ATTEMPTS)

    row = _row(own_db, poison)
    assert row["attempts"] == publishing.MAX_ATTEMPTS and row["parked_at"] is not None
    assert not publishing.sweep(uows(own_db), rejecting).failed
