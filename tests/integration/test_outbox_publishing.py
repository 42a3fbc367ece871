"""Outbox publishing on the real PostgreSQL and moto's EventBridge (delivering to SQS).

Each test runs in a database of its own module, so "every pending row" means only the rows these
tests wrote. Events reach an SQS queue through a rule on the bus, as consumers would get them.
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import boto3
import pytest
from jsonschema import Draft202012Validator
from moto import mock_aws

from booking.adapters.eventbridge import EventBridgePublisher, OutgoingEvent, PublishResult
from booking.adapters.postgres.connection import Database
from booking.adapters.postgres.migrate import migrate
from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking.domain.actors import Actor, Role
from booking.services import bookings as svc
from booking.services import publishing
from tests.conftest import create_database, drop_database


def uows(database: Database) -> Callable[[], PostgresUnitOfWork]:
    """The unit-of-work factory the services take, on ``database``."""
    return lambda: PostgresUnitOfWork(database)


SOURCE = "booking.platform"
BUS = "test-bus"
SCHEMAS = Path(__file__).resolve().parents[2] / "events" / "schemas"
NOW = datetime.now(UTC)


@pytest.fixture(scope="module")
def own_db(pg_server_url: str) -> Iterator[Database]:
    """A database only this module writes to."""
    url = create_database(pg_server_url, prefix="booking_outbox")
    migrate(url)
    database = Database(url)
    try:
        yield database
    finally:
        database.close()
        drop_database(pg_server_url, url)


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    """moto with a bus whose rule sends every platform event to a queue."""
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    with mock_aws():
        events = boto3.client("events", region_name="us-east-1")
        sqs = boto3.client("sqs", region_name="us-east-1")
        events.create_event_bus(Name=BUS)
        queue_url = sqs.create_queue(QueueName="consumer")["QueueUrl"]
        arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])[
            "Attributes"
        ]["QueueArn"]
        events.put_rule(Name="all", EventBusName=BUS, EventPattern=json.dumps({"source": [SOURCE]}))
        events.put_targets(Rule="all", EventBusName=BUS, Targets=[{"Id": "q", "Arn": arn}])
        yield {"events": events, "sqs": sqs, "queue_url": queue_url}


def delivered(aws: dict[str, Any]) -> list[dict[str, Any]]:
    """Every event body waiting in the consumer queue (drained)."""
    out: list[dict[str, Any]] = []
    while True:
        got = aws["sqs"].receive_message(QueueUrl=aws["queue_url"], MaxNumberOfMessages=10)
        messages = got.get("Messages", [])
        if not messages:
            return out
        for m in messages:
            out.append(json.loads(m["Body"]))
            aws["sqs"].delete_message(QueueUrl=aws["queue_url"], ReceiptHandle=m["ReceiptHandle"])


class RejectingEvents:
    """An EventBridge client that rejects the entries of chosen events, like a partial failure.

    Delegates the accepted entries to the real (moto) client and answers in PutEvents' shape:
    rejected entries carry ErrorCode/ErrorMessage, FailedEntryCount counts them.
    """

    def __init__(self, real: Any, reject: set[str]) -> None:
        self.real = real
        self.reject = reject
        self.calls: list[int] = []

    def put_events(self, Entries: list[dict[str, Any]]) -> dict[str, Any]:
        self.calls.append(len(Entries))
        answers: list[dict[str, Any]] = []
        for entry in Entries:
            if json.loads(entry["Detail"])["event_id"] in self.reject:
                answers.append({"ErrorCode": "InternalFailure", "ErrorMessage": "try again later"})
            else:
                answers.append(self.real.put_events(Entries=[entry])["Entries"][0])
        failed = sum(1 for a in answers if "ErrorCode" in a)
        return {"FailedEntryCount": failed, "Entries": answers}


def _world(db: Database) -> tuple[uuid.UUID, list[uuid.UUID]]:
    """A 24/7 location with 3 bays and a member with plenty of credits (no rules: unseeded)."""
    from booking.domain.opening_hours import WEEKDAYS, OpeningHours
    from booking.domain.settings import LocationSettings

    tag = uuid.uuid4().hex[:8]
    uow = PostgresUnitOfWork(db)
    with uow:
        loc = uow.locations.add(
            slug=f"o-{tag}",
            name=f"O {tag}",
            address="",
            time_zone="UTC",
            opening_hours=OpeningHours.from_json({d: [["00:00", "24:00"]] for d in WEEKDAYS}),
            settings=LocationSettings.from_json(None),
        )
        bays = [
            uow.resources.add(
                location_id=loc.id, name=f"Bay {n}", type="simulator", capacity=4, buffer_minutes=0
            )
            for n in range(3)
        ]
        user = uow.users.add(email=f"o-{tag}@example.com", name="O", tier="standard")
        uow.credits.record(user_id=user.id, delta=1000, reason="grant")
        uow.commit()
    return user.id, [b.id for b in bays]


def _book(db: Database, user_id: uuid.UUID, bay: uuid.UUID, n: int, after_commit: Any = ()) -> Any:
    start = (NOW + timedelta(days=2)).replace(minute=0, second=0, microsecond=0) + timedelta(
        hours=n
    )
    return svc.create_booking(
        svc.CreateBooking(resource_id=bay, start=start, end=start + timedelta(hours=1)),
        PostgresUnitOfWork(db, after_commit=after_commit),
        Actor(role=Role.MEMBER, user_id=user_id),
        NOW,
    )


def _pending(db: Database) -> list[dict[str, Any]]:
    uow = PostgresUnitOfWork(db)
    with uow:
        return list(
            uow.connection.execute(
                "SELECT event_id, attempts, last_error FROM outbox WHERE published_at IS NULL"
            ).fetchall()
        )


def _publish_all_pending(db: Database, aws: dict[str, Any]) -> None:
    publishing.sweep(uows(db), EventBridgePublisher(BUS, SOURCE, aws["events"]))
    delivered(aws)


def test_api_style_publish_after_commit_sends_exactly_what_the_transaction_wrote(own_db, aws):
    _publish_all_pending(own_db, aws)
    user_id, bays = _world(own_db)
    publisher = EventBridgePublisher(BUS, SOURCE, aws["events"])
    sent: list[Sequence[uuid.UUID]] = []

    def after_commit(ids: Sequence[uuid.UUID]) -> None:
        sent.append(ids)
        publishing.publish_events(ids, uows(own_db), publisher)

    booking = _book(own_db, user_id, bays[0], 0, after_commit=[after_commit])

    bodies = delivered(aws)
    assert len(sent) == 1 and len(sent[0]) == 1
    assert [b["detail"]["event_id"] for b in bodies] == [str(sent[0][0])]
    assert bodies[0]["detail-type"] == "booking.created"
    assert bodies[0]["source"] == SOURCE
    assert bodies[0]["detail"]["booking"]["id"] == str(booking.id)
    assert _pending(own_db) == []


def test_rolled_back_work_publishes_nothing(own_db, aws):
    _publish_all_pending(own_db, aws)
    calls: list[Sequence[uuid.UUID]] = []
    uow = PostgresUnitOfWork(own_db, after_commit=[calls.append])
    user_id, bays = _world(own_db)
    with uow:
        from booking.services.events import booking_event

        booking = _book(own_db, user_id, bays[1], 0)
        booking_event(uow, "booking.completed", booking)
        uow.rollback()

    assert calls == []


def test_rejected_entries_stay_pending_and_the_sweeper_sends_them_count_in_equals_count_out(
    own_db, aws
):
    _publish_all_pending(own_db, aws)
    user_id, bays = _world(own_db)
    # 24 bookings in one go: 3 PutEvents batches (10 + 10 + 4).
    written = [_book(own_db, user_id, bays[n % 3], n // 3) for n in range(24)]
    uow = PostgresUnitOfWork(own_db)
    with uow:
        rows = uow.connection.execute(
            "SELECT event_id FROM outbox WHERE published_at IS NULL ORDER BY id"
        ).fetchall()
    event_ids = [r["event_id"] for r in rows]
    assert len(event_ids) == len(written) == 24
    rejected = {str(e) for e in event_ids[::3]}  # 8 of 24
    flaky = RejectingEvents(aws["events"], rejected)

    first = publishing.publish_events(
        event_ids, uows(own_db), EventBridgePublisher(BUS, SOURCE, flaky)
    )

    assert flaky.calls == [10, 10, 4]
    assert {str(e) for e in first.failed} == rejected
    assert len(first.sent) == 16
    still = _pending(own_db)
    assert {str(r["event_id"]) for r in still} == rejected
    assert all(r["attempts"] == 1 and "InternalFailure" in r["last_error"] for r in still)

    swept = publishing.sweep(uows(own_db), EventBridgePublisher(BUS, SOURCE, aws["events"]))

    assert {str(e) for e in swept.sent} == rejected and not swept.failed
    bodies = delivered(aws)
    out = [b["detail"]["event_id"] for b in bodies]
    assert sorted(out) == sorted(str(e) for e in event_ids)  # count in = count out, no repeats
    assert _pending(own_db) == []


def test_sweeper_sends_oldest_first(own_db, aws):
    _publish_all_pending(own_db, aws)
    user_id, bays = _world(own_db)
    for n in range(5):
        _book(own_db, user_id, bays[0], 10 + n)
    uow = PostgresUnitOfWork(own_db)
    with uow:
        order = [
            str(r["event_id"])
            for r in uow.connection.execute(
                "SELECT event_id FROM outbox WHERE published_at IS NULL ORDER BY created_at, id"
            ).fetchall()
        ]

    report = publishing.sweep(
        uows(own_db), EventBridgePublisher(BUS, SOURCE, aws["events"]), batch=2
    )

    assert [str(e) for e in report.sent] == order


class GatedPublisher:
    """Holds its first batch until released, so another sweeper runs while rows are locked."""

    def __init__(self, inner: EventBridgePublisher) -> None:
        self.inner = inner
        self.claimed = threading.Event()
        self.release = threading.Event()

    def publish(self, events: Sequence[OutgoingEvent]) -> PublishResult:
        self.claimed.set()
        assert self.release.wait(30)
        return self.inner.publish(events)


def test_two_sweepers_never_send_the_same_row(own_db, aws):
    _publish_all_pending(own_db, aws)
    user_id, bays = _world(own_db)
    for n in range(12):
        _book(own_db, user_id, bays[n % 3], 20 + n // 3)
    gated = GatedPublisher(EventBridgePublisher(BUS, SOURCE, aws["events"]))
    reports: dict[str, publishing.PublishReport] = {}
    first = threading.Thread(
        target=lambda: reports.__setitem__("a", publishing.sweep(uows(own_db), gated, batch=5))
    )
    first.start()
    assert gated.claimed.wait(30)
    # The first sweeper holds 5 rows locked: the second takes the other 7 and skips those.
    reports["b"] = publishing.sweep(uows(own_db), EventBridgePublisher(BUS, SOURCE, aws["events"]))
    gated.release.set()
    first.join(30)

    a, b = set(reports["a"].sent), set(reports["b"].sent)
    assert len(b) == 7 and not a & b
    assert len(a | b) == 12
    assert len(delivered(aws)) == 12


def test_lag_reports_pending_rows_and_the_oldest_age(own_db, aws):
    _publish_all_pending(own_db, aws)
    user_id, bays = _world(own_db)
    _book(own_db, user_id, bays[2], 30)

    lag, age = publishing.outbox_lag(uows(own_db), datetime.now(UTC) + timedelta(seconds=90))

    assert lag.pending == 1 and age >= 90
    _publish_all_pending(own_db, aws)
    lag, age = publishing.outbox_lag(uows(own_db), datetime.now(UTC))
    assert lag.pending == 0 and age == 0


def test_every_emitted_booking_event_matches_its_schema(own_db, aws):
    _publish_all_pending(own_db, aws)
    user_id, bays = _world(own_db)
    member = Actor(role=Role.MEMBER, user_id=user_id)
    service = Actor(role=Role.SERVICE)
    booking = _book(own_db, user_id, bays[0], 40)
    svc.modify_booking(
        svc.ModifyBooking(booking_id=booking.id, resource_id=bays[1]),
        PostgresUnitOfWork(own_db),
        member,
        NOW,
    )
    svc.cancel_booking(booking.id, PostgresUnitOfWork(own_db), member, NOW)
    # A booking under way: checked in, then completed; another one missed.
    started = NOW - timedelta(minutes=30)
    uow = PostgresUnitOfWork(own_db)
    with uow:
        ids = []
        for bay in bays[:2]:
            row = uow.connection.execute(
                "INSERT INTO bookings (user_id, resource_id, starts_at, ends_at)"
                " VALUES (%s, %s, %s, %s) RETURNING id",
                (user_id, bay, started, started + timedelta(hours=2)),
            ).fetchone()
            assert row is not None
            ids.append(row["id"])
        uow.commit()
    svc.check_in(ids[0], PostgresUnitOfWork(own_db), service, NOW, presence=svc.Presence.DOOR)
    svc.complete_booking(ids[0], PostgresUnitOfWork(own_db), service, NOW + timedelta(hours=2))
    svc.mark_no_show(ids[1], PostgresUnitOfWork(own_db), service, NOW)

    uow = PostgresUnitOfWork(own_db)
    with uow:
        rows = uow.connection.execute(
            "SELECT detail_type, detail FROM outbox WHERE published_at IS NULL"
        ).fetchall()
    kinds = {r["detail_type"] for r in rows}
    assert kinds == {
        "booking.created",
        "booking.modified",
        "booking.cancelled",
        "booking.checked_in",
        "booking.completed",
        "booking.no_show",
    }
    for row in rows:
        schema = json.loads((SCHEMAS / f"{row['detail_type']}.json").read_text())
        errors = list(Draft202012Validator(schema).iter_errors(row["detail"]))
        assert not errors, (row["detail_type"], [e.message for e in errors])


def test_the_runtimes_unit_of_work_publishes_after_commit_and_survives_a_failing_bus(own_db, aws):
    from booking.runtime import Runtime

    _publish_all_pending(own_db, aws)
    user_id, bays = _world(own_db)
    start = (NOW + timedelta(days=3)).replace(minute=0, second=0, microsecond=0)
    member = Actor(role=Role.MEMBER, user_id=user_id)
    rt = Runtime(
        database=own_db, publisher=lambda: EventBridgePublisher(BUS, SOURCE, aws["events"])
    )

    booking = svc.create_booking(
        svc.CreateBooking(resource_id=bays[2], start=start, end=start + timedelta(hours=1)),
        rt.unit_of_work(),
        member,
        NOW,
    )

    assert [b["detail"]["booking"]["id"] for b in delivered(aws)] == [str(booking.id)]
    assert _pending(own_db) == []

    class DownBus:
        def publish(self, events: Any) -> Any:
            raise ConnectionError("bus unreachable")

    down = Runtime(database=own_db, publisher=lambda: DownBus())  # type: ignore[return-value]
    cancelled = svc.cancel_booking(booking.id, down.unit_of_work(), member, NOW)

    assert cancelled.status.value == "cancelled"  # the request does not fail
    assert len(_pending(own_db)) == 1  # booking.cancelled, left for the sweeper
    assert delivered(aws) == []
