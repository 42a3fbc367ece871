"""Live updates: the connection registry, subscriptions, and the broadcaster.

The broadcaster posts through boto3's ``apigatewaymanagementapi`` client: against moto (which
accepts any connection id) for what is sent to whom, and against the local stand-in's
management API (which answers ``GoneException`` for unknown ids, as API Gateway does) for the
removal of gone connections.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, timedelta

import boto3
import pytest
from moto import mock_aws

from booking.adapters.live_push import ConnectionPusher
from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking.domain.actors import Actor, Role
from booking.domain.errors import Forbidden, InvalidRequest, NotFound
from booking.services import bookings as svc
from booking.services import live

NOW = datetime.now(UTC)
SERVICE = Actor(role=Role.SERVICE, subject="system")
ENDPOINT = "https://abc123.execute-api.us-east-1.amazonaws.com/v1"


def connected(db, actor, *, expires=NOW + timedelta(hours=1)) -> str:
    cid = uuid.uuid4().hex[:11] + "="
    live.connect(PostgresUnitOfWork(db), cid, actor, expires, NOW)
    return cid


def registered(db, cid):
    uow = PostgresUnitOfWork(db)
    with uow:
        return uow.live.get(cid)


def a_booking(uow, world, i=0, bay=0, hours_ahead=26):
    start = (NOW + timedelta(hours=hours_ahead)).replace(minute=0, second=0, microsecond=0)
    return svc.create_booking(
        svc.CreateBooking(
            resource_id=world.bays[bay].id,
            start=start,
            end=start + timedelta(hours=1),
            user_id=world.members[i].id,
        ),
        uow,
        SERVICE,
        NOW,
    )


def event_detail(uow, booking_id):
    """The detail of the latest outbox event of a booking, as the bus delivers it."""
    row = (
        uow.database.connection()
        .execute(
            "SELECT detail_type, detail FROM outbox WHERE aggregate_id = %s"
            " ORDER BY created_at DESC LIMIT 1",
            (booking_id,),
        )
        .fetchone()
    )
    uow.database.connection().rollback()
    return row["detail_type"], row["detail"]


def local_day(world, booking):
    from zoneinfo import ZoneInfo

    return booking.start.astimezone(ZoneInfo(world.location.time_zone)).date()


def posted(client, cid) -> list[dict]:
    """What moto recorded for a connection (it concatenates the posted bodies, and keys them by
    the id as botocore URL-encoded it)."""
    from urllib.parse import quote

    from moto.apigatewaymanagementapi.models import apigatewaymanagementapi_backends

    backend = apigatewaymanagementapi_backends["123456789012"]["us-east-1"]
    raw = backend.connections[quote(cid, safe="")].data
    decoder, text, out, i = json.JSONDecoder(), raw.decode(), [], 0
    while i < len(text):
        obj, i = decoder.raw_decode(text, i)
        out.append(obj)
    return out


@pytest.fixture
def moto_pusher(monkeypatch):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with mock_aws():
        client = boto3.client(
            "apigatewaymanagementapi", endpoint_url=ENDPOINT, region_name="us-east-1"
        )
        yield ConnectionPusher(ENDPOINT, client=client)


def test_broadcast_reaches_the_subscribers_of_the_day_each_as_they_may_see_it(
    db, uow, make_world, moto_pusher
):
    world, other = make_world(members=2), make_world()
    booking = a_booking(uow, world)
    day = local_day(world, booking)
    owner = connected(db, world.actor(0))
    stranger = connected(db, world.actor(1))
    staff = connected(
        db, Actor(role=Role.STAFF, subject="s", location_ids=frozenset({world.location.id}))
    )
    next_day = connected(db, world.actor(1))
    elsewhere = connected(db, world.actor(1))
    for cid in (owner, stranger, staff):
        live.subscribe(PostgresUnitOfWork(db), cid, world.location.id, day, NOW)
    live.subscribe(
        PostgresUnitOfWork(db), next_day, world.location.id, day + timedelta(days=1), NOW
    )
    live.subscribe(PostgresUnitOfWork(db), elsewhere, other.location.id, day, NOW)

    detail_type, detail = event_detail(uow, booking.id)
    report = live.broadcast(PostgresUnitOfWork(db), moto_pusher, detail_type, detail, NOW)

    assert report.sent == 3 and report.gone == [] and report.days == [day.isoformat()]
    client = moto_pusher.client
    for cid in (owner, stranger, staff):
        [msg] = posted(client, cid)
        assert msg["type"] == "slots.changed" and msg["event"] == "booking.created"
        assert msg["slot"]["resource_id"] == str(world.bays[0].id)
        assert msg["slot"]["start"] == booking.start.isoformat()
    assert "booking" not in posted(client, stranger)[0]  # another member: the slot only
    assert posted(client, owner)[0]["booking"]["id"] == str(booking.id)
    assert posted(client, staff)[0]["booking"]["status"] == "confirmed"
    assert posted(client, next_day) == [] and posted(client, elsewhere) == []


def test_expired_tokens_are_closed_and_forgotten(db, uow, make_world, moto_pusher):
    world = make_world()
    booking = a_booking(uow, world)
    stale = connected(db, world.actor(0), expires=NOW - timedelta(seconds=1))
    live.subscribe(PostgresUnitOfWork(db), stale, world.location.id, local_day(world, booking), NOW)
    report = live.broadcast(
        PostgresUnitOfWork(db), moto_pusher, *event_detail(uow, booking.id), NOW
    )
    assert report.expired == [stale] and report.sent == 0
    assert registered(db, stale) is None


def test_gone_connections_are_removed_from_the_registry(db, uow, make_world, monkeypatch):
    """The stand-in answers 410 GoneException for an id it does not hold, as API Gateway does."""
    from live_gateway import LiveGateway

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    gateway = LiveGateway(lambda event: {"statusCode": 200}).start()
    try:
        world = make_world()
        booking = a_booking(uow, world)
        gone = connected(db, world.actor(0))
        live.subscribe(
            PostgresUnitOfWork(db), gone, world.location.id, local_day(world, booking), NOW
        )
        pusher = ConnectionPusher(gateway.management_url)
        assert pusher.post(gone, {"type": "hello"}) is False
        report = live.broadcast(PostgresUnitOfWork(db), pusher, *event_detail(uow, booking.id), NOW)
        assert report.gone == [gone] and report.sent == 0
        assert registered(db, gone) is None
    finally:
        gateway.stop()


def test_subscriptions_are_checked(db, make_world):
    world, other = make_world(), make_world()
    today = NOW.date()
    staff = connected(
        db, Actor(role=Role.STAFF, subject="s", location_ids=frozenset({world.location.id}))
    )
    live.subscribe(PostgresUnitOfWork(db), staff, world.location.id, today, NOW)
    with pytest.raises(Forbidden):
        live.subscribe(PostgresUnitOfWork(db), staff, other.location.id, today, NOW)
    member = connected(db, world.actor(0))
    live.subscribe(
        PostgresUnitOfWork(db), member, other.location.id, today, NOW
    )  # members see any club's slots
    with pytest.raises(NotFound):
        live.subscribe(PostgresUnitOfWork(db), member, uuid.uuid4(), today, NOW)
    with pytest.raises(InvalidRequest) as far:
        live.subscribe(PostgresUnitOfWork(db), member, world.location.id, date(2099, 1, 1), NOW)
    assert far.value.code == "DAY_OUT_OF_RANGE"
    for n in range(2, live.live.MAX_SUBSCRIPTIONS + 1):
        live.subscribe(
            PostgresUnitOfWork(db), member, world.location.id, today + timedelta(days=n), NOW
        )
    with pytest.raises(InvalidRequest) as many:
        live.subscribe(
            PostgresUnitOfWork(db), member, world.location.id, today + timedelta(days=1), NOW
        )
    assert many.value.code == "TOO_MANY_SUBSCRIPTIONS"
    with pytest.raises(NotFound):
        live.subscribe(PostgresUnitOfWork(db), "never-connected=", world.location.id, today, NOW)
    live.unsubscribe(PostgresUnitOfWork(db), member, None, None)
    live.subscribe(
        PostgresUnitOfWork(db), member, world.location.id, today + timedelta(days=1), NOW
    )
    assert live.disconnect(PostgresUnitOfWork(db), member) is True
    assert registered(db, member) is None
    assert live.disconnect(PostgresUnitOfWork(db), member) is False


def test_housekeeping_forgets_connections_older_than_api_gateways_limit(
    db, make_world, seeded_database_url
):
    import psycopg

    from booking.adapters.postgres.idempotency import PostgresPersistenceLayer
    from booking.services.housekeeping import run_housekeeping

    world = make_world()
    old = uuid.uuid4().hex[:11] + "="
    live.connect(
        PostgresUnitOfWork(db),
        old,
        world.actor(0),
        NOW + timedelta(hours=9),
        NOW - timedelta(hours=3),
    )
    fresh = connected(db, world.actor(0))
    store = PostgresPersistenceLayer(
        connection_factory=lambda: psycopg.connect(seeded_database_url, autocommit=True)
    )
    try:
        purged = run_housekeeping(lambda: PostgresUnitOfWork(db), store, NOW)
    finally:
        store.close()
    assert purged.live_connections >= 1
    assert registered(db, old) is None and registered(db, fresh) is not None
