"""The integration consumers against the real PostgreSQL and the SaaS contract fakes.

Checks effects as the fakes saw them: exactly one effective call per event, duplicates absorbed
by ``processed_events``, 429s retried into one effective call, and the marketing triggers.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from booking.adapters.clubos import ClubOSClient
from booking.adapters.hubspot import HubSpotClient
from booking.adapters.postgres.connection import Database
from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking.domain.signatures import sign_hubspot_v3, sign_unifi
from booking.services import bookings as svc
from booking.services.integrations import clubos, hubspot
from booking.services.integrations.idempotency import ALREADY_PROCESSED
from saas_fakes.clubos import DEFAULT_EMAIL as CLUBOS_EMAIL
from saas_fakes.clubos import DEFAULT_PASSWORD as CLUBOS_PASSWORD


def uows(database: Database) -> Callable[[], PostgresUnitOfWork]:
    """The unit-of-work factory the services take, on ``database``."""
    return lambda: PostgresUnitOfWork(database)


pytest_plugins = ["fakes_fixtures"]

NOW = datetime.now(UTC)


def _booking_detail(world: Any, detail_type: str = "booking.created", **over: Any) -> dict:
    start = NOW + timedelta(days=1)
    booking = {
        "id": str(uuid.uuid4()),
        "user_id": str(world.members[0].id),
        "resource_id": str(world.bays[0].id),
        "location_id": str(world.location.id),
        "start": start.isoformat(),
        "end": (start + timedelta(hours=1)).isoformat(),
        "status": "confirmed",
        "version": 1,
    }
    booking.update(over)
    return {
        "event_id": str(uuid.uuid4()),
        "occurred_at": NOW.isoformat(),
        "version": 1,
        "booking": booking,
    }


def _give_phone(db: Any, user_id: Any) -> str:
    phone = "+1555" + str(uuid.uuid4().int)[:7]
    uow = PostgresUnitOfWork(db)
    with uow:
        uow.connection.execute("UPDATE users SET phone = %s WHERE id = %s", (phone, user_id))
        uow.commit()
    return phone


def _link(db: Any, user_id: Any, hubspot_id: str) -> None:
    uow = PostgresUnitOfWork(db)
    with uow:
        uow.connection.execute(
            "UPDATE users SET hubspot_id = %s WHERE id = %s", (hubspot_id, user_id)
        )
        uow.commit()


def _insert_bookings(db: Any, world: Any, count: int, start: datetime) -> list[Any]:
    ids = []
    uow = PostgresUnitOfWork(db)
    with uow:
        for n in range(count):
            s = start + timedelta(hours=2 * n)
            row = uow.connection.execute(
                "INSERT INTO bookings (user_id, resource_id, starts_at, ends_at)"
                " VALUES (%s, %s, %s, %s) RETURNING id",
                (
                    world.members[0].id,
                    world.bays[n % len(world.bays)].id,
                    s,
                    s + timedelta(hours=1),
                ),
            ).fetchone()
            ids.append(row["id"])
        uow.commit()
    return ids


@pytest.fixture
def hub_client(hubspot_fake, fast_session) -> HubSpotClient:
    return HubSpotClient(hubspot_fake.url, "hubspot-test-token", session=fast_session)


@pytest.fixture
def clubos_client(clubos_fake, fast_session) -> ClubOSClient:
    return ClubOSClient(
        clubos_fake.url, CLUBOS_EMAIL, CLUBOS_PASSWORD, login=True, session=fast_session
    )


def test_clubos_forwarder_sends_one_input_event_with_the_booking(
    db, make_world, clubos_fake, clubos_client
):
    world = make_world()
    phone = _give_phone(db, world.members[0].id)
    detail = _booking_detail(world)

    assert clubos.forward_booking_event(uows(db), clubos_client, "booking.created", detail) is True

    calls = clubos_fake.effective_calls("/api/input-events")
    assert len(calls) == 1
    body = calls[0]["json"]
    assert body["source"] == clubos.SOURCE
    (item,) = body["payload"]["events"]
    assert item["type"] == "booking.created"
    assert item["booking"]["booking_id"] == detail["booking"]["id"]
    # ClubOS names places by name and bay-<n>, and finds customers by phone.
    assert body["location_id"] == world.location.name
    assert body["bay_id"] == "bay-1"
    assert item["booking"]["bay"] == "bay-1" and item["booking"]["location"] == world.location.name
    assert item["booking"]["phone"] == phone
    assert item["booking"]["email"] == world.members[0].email
    assert item["booking"]["duration_minutes"] == 60

    assert calls[0]["headers"]["x-correlation-id"] == detail["event_id"]


def test_clubos_gets_no_show_by_its_own_name_and_mapped_names(
    db, make_world, clubos_fake, clubos_client
):
    world = make_world(
        settings={
            "clubos_location": "Clubhouse Bedford",
            "clubos_bays": {},
        }
    )
    uow = PostgresUnitOfWork(db)
    with uow:
        uow.connection.execute(
            "UPDATE locations SET settings = settings || %s::jsonb WHERE id = %s",
            (f'{{"clubos_bays": {{"{world.bays[0].id}": "sim-a"}}}}', world.location.id),
        )
        uow.commit()
    detail = _booking_detail(world, "booking.no_show", status="no_show")

    clubos.forward_booking_event(uows(db), clubos_client, "booking.no_show", detail)

    (call,) = clubos_fake.effective_calls("/api/input-events")
    (item,) = call["json"]["payload"]["events"]
    assert item["type"] == "no.show"
    assert (call["json"]["location_id"], call["json"]["bay_id"]) == ("Clubhouse Bedford", "sim-a")


def test_clubos_duplicate_event_takes_effect_once(db, make_world, clubos_fake, clubos_client):
    world = make_world()
    detail = _booking_detail(world, "booking.cancelled", status="cancelled")

    first = clubos.forward_booking_event(uows(db), clubos_client, "booking.cancelled", detail)
    second = clubos.forward_booking_event(uows(db), clubos_client, "booking.cancelled", detail)

    assert first is True and second is ALREADY_PROCESSED
    assert len(clubos_fake.effective_calls("/api/input-events")) == 1


def test_clubos_429_twice_gives_exactly_one_effective_call(
    db, make_world, clubos_fake, clubos_client
):
    world = make_world()
    detail = _booking_detail(world)
    clubos_client.token()  # log in first so the faults hit the input event (login is on)
    clubos_fake.fault(429, times=2, retry_after=0, path="/api/input-events")

    clubos.forward_booking_event(uows(db), clubos_client, "booking.created", detail)

    calls = clubos_fake.calls("/api/input-events")
    assert [c["status"] for c in calls] == [429, 429, 201]
    assert len(clubos_fake.effective_calls("/api/input-events")) == 1


def test_clubos_failure_leaves_no_mark_so_the_retry_delivers(
    db, make_world, clubos_fake, clubos_client
):
    world = make_world()
    detail = _booking_detail(world)
    clubos_client.token()
    clubos_fake.fault(500, times=1, path="/api/input-events")

    with pytest.raises(Exception):  # noqa: B017 - any typed upstream error
        clubos.forward_booking_event(uows(db), clubos_client, "booking.created", detail)
    retried = clubos.forward_booking_event(uows(db), clubos_client, "booking.created", detail)

    assert retried is True
    assert len(clubos_fake.effective_calls("/api/input-events")) == 1


def test_clubos_skips_detail_types_it_does_not_take(db, make_world, clubos_fake, clubos_client):
    world = make_world()
    detail = _booking_detail(world, status="checked_in")

    assert (
        clubos.forward_booking_event(uows(db), clubos_client, "booking.checked_in", detail) is False
    )
    assert clubos_fake.calls("/api/input-events") == []


def test_hubspot_recorder_patches_the_contact_once_and_fires_first_booking(
    db, make_world, hubspot_fake, hub_client
):
    world = make_world()
    hubspot_fake.control(
        "POST",
        "/_contacts",
        {"contacts": [{"id": "7001", "properties": {"email": "x@example.com"}}]},
    )
    _link(db, world.members[0].id, "7001")
    _insert_bookings(db, world, 1, NOW + timedelta(days=1))
    detail = _booking_detail(world)
    options = hubspot.HubSpotOptions()

    outcome = hubspot.record_booking_event(
        uows(db), hub_client, "booking.created", detail, options, NOW
    )
    again = hubspot.record_booking_event(
        uows(db), hub_client, "booking.created", detail, options, NOW
    )

    assert again is ALREADY_PROCESSED
    assert outcome.triggers == (hubspot.FIRST_BOOKING,)
    patches = hubspot_fake.effective_calls("/crm/v3/objects/contacts/7001", "PATCH")
    assert len(patches) == 1
    props = hubspot_fake.control("GET", "/_contacts/7001")["properties"]
    assert props["booking_count"] == "1"
    assert props["first_booking_at"]
    assert props["last_booking_status"] == "confirmed"


def test_frequent_booker_fires_at_the_configured_count_and_only_once_per_window(
    db, make_world, hubspot_fake, hub_client
):
    world = make_world()
    hubspot_fake.control("POST", "/_contacts", {"contacts": [{"id": "7002", "properties": {}}]})
    _link(db, world.members[0].id, "7002")
    options = hubspot.HubSpotOptions(frequent_count=3, frequent_days=30)
    fired: list[tuple[str, ...]] = []
    for n in range(4):
        _insert_bookings(db, world, 1, NOW + timedelta(days=1, hours=3 * n))
        out = hubspot.record_booking_event(
            uows(db), hub_client, "booking.created", _booking_detail(world), options, NOW
        )
        fired.append(out.triggers)

    assert fired == [("first.booking",), (), ("frequent.booker",), ()]


def test_hubspot_custom_events_mode_sends_events(db, make_world, hubspot_fake, hub_client):
    world = make_world()
    options = hubspot.HubSpotOptions(custom_events=True)
    _insert_bookings(db, world, 1, NOW + timedelta(days=1))

    hubspot.record_booking_event(
        uows(db), hub_client, "booking.created", _booking_detail(world), options, NOW
    )

    names = [e["eventName"] for e in hubspot_fake.control("GET", "/_events")]
    assert names == ["booking_booking_created", "booking_first_booking"]


def test_win_back_fires_once_per_lapse(db, make_world, hubspot_fake, hub_client):
    world = make_world()
    hubspot_fake.control("POST", "/_contacts", {"contacts": [{"id": "7003", "properties": {}}]})
    _link(db, world.members[0].id, "7003")
    _insert_bookings(db, world, 1, NOW - timedelta(days=70))
    options = hubspot.HubSpotOptions(win_back_days=60)

    first = hubspot.run_win_back(uows(db), hub_client, options, NOW)
    second = hubspot.run_win_back(uows(db), hub_client, options, NOW)

    assert world.members[0].id in first and world.members[0].id not in second
    assert len(hubspot_fake.effective_calls("/crm/v3/objects/contacts/7003", "PATCH")) == 1


def test_sync_upserts_tier_tags_credits_and_keeps_the_watermark(
    db, make_world, hubspot_fake, hub_client
):
    world = make_world(credits=5)
    member = world.members[0]
    base = int(time.time() * 1000)
    new_email = f"new-{uuid.uuid4().hex[:6]}@example.com"
    hubspot_fake.control(
        "POST",
        "/_contacts",
        {
            "contacts": [
                {
                    "id": f"8{base % 100000}",
                    "lastmodified_ms": base,
                    "properties": {
                        "email": member.email,
                        "membership_tier": "gold",
                        "member_tags": "VIP;EARLY_ACCESS",
                        "booking_credits_granted": "12",
                        "booking_preferences": '{"handedness": "left"}',
                    },
                },
                {
                    "id": f"9{base % 100000}",
                    "lastmodified_ms": base + 1,
                    "properties": {"email": new_email, "firstname": "New"},
                },
            ]
        },
    )

    report = hubspot.sync_contacts(uows(db), hub_client, since_ms=base)

    assert (report.seen, report.created, report.updated) == (2, 1, 1)
    assert report.watermark_ms == base + 1
    uow = PostgresUnitOfWork(db)
    with uow:
        synced = uow.users.get(member.id)
        balance = uow.credits.balance(member.id)
        created = uow.users.by_email(new_email)

        stored = uow.integrations.get_state(hubspot.WATERMARK_KEY)
    assert synced.tier == "gold" and set(synced.tags) == {"VIP", "EARLY_ACCESS"}
    assert synced.preferences == {"handedness": "left"}
    assert balance == 5 + 12  # HubSpot's grant adds to what the member had
    assert created is not None and created.hubspot_id == f"9{base % 100000}"
    assert stored >= base + 1


def _contact(hubspot_fake: Any, cid: str, modified_ms: int, **properties: str) -> None:
    hubspot_fake.control(
        "POST",
        "/_contacts",
        {"contacts": [{"id": cid, "lastmodified_ms": modified_ms, "properties": properties}]},
    )


def test_hubspot_credits_are_grants_so_spent_credits_stay_spent(
    db, make_world, hubspot_fake, hub_client
):
    world = make_world(credits=0, bays=1)
    member = world.members[0]
    cid = f"5{uuid.uuid4().int % 10**8}"
    base = int(time.time() * 1000)
    _contact(hubspot_fake, cid, base, email=member.email, booking_credits_granted="10")
    hubspot.sync_contacts(uows(db), hub_client, since_ms=base)
    uow = PostgresUnitOfWork(db)
    with uow:
        assert uow.credits.balance(member.id) == 10
    # A 3-hour booking (1 credit an hour under the default rules) spends 3.
    start = (NOW + timedelta(days=2)).replace(minute=0, second=0, microsecond=0)
    booking = svc.create_booking(
        svc.CreateBooking(
            resource_id=world.bays[0].id, start=start, end=start + timedelta(hours=3)
        ),
        PostgresUnitOfWork(db),
        world.actor(),
        NOW,
    )
    spent = booking.credit_cost
    # The consumer's PATCH bumps lastmodifieddate: the next sync sees the contact again.
    _contact(hubspot_fake, cid, base + 1, email=member.email, booking_credits_granted="10")
    hubspot.sync_contacts(uows(db), hub_client, since_ms=base)
    hubspot.sync_contacts(uows(db), hub_client, since_ms=base)
    with uow:
        after_resync = uow.credits.balance(member.id)
    # HubSpot grants 5 more: its running total goes to 15.
    _contact(hubspot_fake, cid, base + 2, email=member.email, booking_credits_granted="15")
    hubspot.sync_contacts(uows(db), hub_client, since_ms=base)
    # A lower total (a correction in HubSpot) takes nothing back.
    _contact(hubspot_fake, cid, base + 3, email=member.email, booking_credits_granted="12")
    hubspot.sync_contacts(uows(db), hub_client, since_ms=base)
    with uow:
        final = uow.credits.balance(member.id)
        grants = uow.connection.execute(
            "SELECT granted_total, delta FROM hubspot_credit_grants WHERE user_id = %s"
            " ORDER BY granted_total",
            (member.id,),
        ).fetchall()

    assert spent == 3
    assert after_resync == 10 - spent  # was 10 before: the sync restored spent credits
    assert final == 15 - spent
    assert [(g["granted_total"], g["delta"]) for g in grants] == [(10, 10), (15, 5)]


def test_hubspot_cannot_change_a_members_phone_or_email(db, make_world, hubspot_fake, hub_client):
    world = make_world()
    member = world.members[0]
    phone = _give_phone(db, member.id)
    cid = f"4{uuid.uuid4().int % 10**8}"
    base = int(time.time() * 1000)
    _link(db, member.id, cid)
    # A public form wrote a stranger's phone and email on the member's contact.
    _contact(
        hubspot_fake,
        cid,
        base,
        email=f"stranger-{uuid.uuid4().hex[:6]}@example.com",
        phone="+15550009999",
        membership_tier="gold",
    )

    hubspot.sync_contacts(uows(db), hub_client, since_ms=base)

    uow = PostgresUnitOfWork(db)
    with uow:
        synced = uow.users.get(member.id)
    assert (synced.phone, synced.email) == (phone, member.email)
    assert synced.tier == "gold"  # HubSpot owns the tier


def test_a_member_created_from_hubspot_takes_its_phone(db, hubspot_fake, hub_client):
    email = f"fresh-{uuid.uuid4().hex[:6]}@example.com"
    cid = f"3{uuid.uuid4().int % 10**8}"
    base = int(time.time() * 1000)
    _contact(hubspot_fake, cid, base, email=email, phone="+15550001234")

    hubspot.sync_contacts(uows(db), hub_client, since_ms=base)

    uow = PostgresUnitOfWork(db)
    with uow:
        created = uow.users.by_email(email)
    assert created is not None and created.phone == "+15550001234"


# -- webhooks through the webhooks function, in process ----------------------------------------

HUB_SECRET = "hub-secret"
HUB_URL = "https://hooks.example.test/webhooks/hubspot"
UNIFI_SECRET = "unifi-secret"


@pytest.fixture
def webhook_env(monkeypatch, seeded_database_url, hubspot_fake):
    from booking import config

    monkeypatch.setenv("DATABASE_URL", seeded_database_url)
    monkeypatch.setenv("HUBSPOT_CLIENT_SECRET", HUB_SECRET)
    monkeypatch.setenv("HUBSPOT_WEBHOOK_URL", HUB_URL)
    monkeypatch.setenv("HUBSPOT_BASE_URL", hubspot_fake.url)
    monkeypatch.setenv("HUBSPOT_TOKEN", "hubspot-test-token")
    monkeypatch.setenv("UNIFI_WEBHOOK_SECRET", UNIFI_SECRET)
    monkeypatch.delenv("EVENT_BUS_NAME", raising=False)
    config.settings.cache_clear()
    config.database_url.cache_clear()


def _post(path: str, raw: bytes, headers: dict[str, str]) -> tuple[int, Any]:
    from api_client import call

    return call("webhooks", f"webhooks/{path}", raw_body=raw.decode(), headers=headers)


def _door_event(door: str, actor: str | None = None, object_id: bool = True) -> bytes:
    event: dict[str, Any] = {
        "event": "access.door.unlock",
        "data": {"location": {"id": door}, "at": time.time()},
    }
    if object_id:
        event["event_object_id"] = str(uuid.uuid4())
    if actor:
        event["data"]["actor"] = {"id": actor}
    return json.dumps(event).encode()


def _visitor(db: Any, booking_id: Any) -> str:
    """The UniFi visitor the lifecycle created for the booking."""
    visitor = f"visitor-{uuid.uuid4().hex[:8]}"
    uow = PostgresUnitOfWork(db)
    with uow:
        uow.connection.execute(
            "INSERT INTO booking_access (booking_id, visitor_id) VALUES (%s, %s)",
            (booking_id, visitor),
        )
        uow.commit()
    return visitor


def _own_door(db: Any, *bays: Any) -> str:
    door = f"door-{uuid.uuid4().hex[:6]}"
    uow = PostgresUnitOfWork(db)
    with uow:
        for bay in bays:
            uow.connection.execute(
                "UPDATE resources SET unifi_door_ids = %s WHERE id = %s", ([door], bay.id)
            )
        uow.commit()
    return door


def _status_of(db: Any, booking_id: Any) -> str:
    uow = PostgresUnitOfWork(db)
    with uow:
        return uow.bookings.get(booking_id).status.value


def test_unifi_unlock_by_someone_else_checks_nobody_in(webhook_env, db, make_world):
    world = make_world()
    door = _own_door(db, world.bays[0])
    [booking_id] = _insert_bookings(db, world, 1, NOW - timedelta(minutes=5))
    _visitor(db, booking_id)
    raw = _door_event(door, actor="cleaner-7")  # a known UniFi user, not the booking's visitor

    status, body = _post(
        "unifi", raw, {"Signature": sign_unifi(raw, UNIFI_SECRET, int(time.time()))}
    )

    assert (status, body["status"]) == (200, "no_booking")
    assert _status_of(db, booking_id) == "confirmed"


def test_unifi_unlock_at_a_shared_entrance_without_actor_checks_nobody_in(
    webhook_env, db, make_world
):
    world = make_world(bays=2)
    door = _own_door(db, world.bays[0], world.bays[1])  # the club's entrance, on both bays
    [booking_id] = _insert_bookings(db, world, 1, NOW - timedelta(minutes=5))
    raw = _door_event(door)

    status, body = _post(
        "unifi", raw, {"Signature": sign_unifi(raw, UNIFI_SECRET, int(time.time()))}
    )

    assert (status, body["status"]) == (200, "no_booking")
    assert _status_of(db, booking_id) == "confirmed"


def test_unifi_replay_is_refused_before_processing_even_without_an_object_id(
    webhook_env, db, make_world
):
    world = make_world()
    door = _own_door(db, world.bays[0])
    [booking_id] = _insert_bookings(db, world, 1, NOW + timedelta(minutes=40))
    raw = _door_event(door, object_id=False)
    # Delivered while the booking's window is not open yet: nothing to check in.
    status, body = _post(
        "unifi", raw, {"Signature": sign_unifi(raw, UNIFI_SECRET, int(time.time()))}
    )
    assert (status, body["status"]) == (200, "no_booking")
    uow = PostgresUnitOfWork(db)
    with uow:
        uow.connection.execute(
            "UPDATE bookings SET starts_at = starts_at - interval '45 minutes',"
            " ends_at = ends_at - interval '45 minutes' WHERE id = %s",
            (booking_id,),
        )
        uow.commit()

    # The same delivery replayed inside the signature's 5 minutes (fresh signature time).
    status, body = _post(
        "unifi", raw, {"Signature": sign_unifi(raw, UNIFI_SECRET, int(time.time()))}
    )

    assert (status, body["status"]) == (200, "duplicate")
    assert _status_of(db, booking_id) == "confirmed"
    # A different unlock (new content) is processed.
    fresh = _door_event(door, object_id=False)
    status, body = _post(
        "unifi", fresh, {"Signature": sign_unifi(fresh, UNIFI_SECRET, int(time.time()))}
    )
    assert (status, body["status"]) == (200, "checked_in")


def test_unifi_unlock_checks_the_member_in_once(webhook_env, db, make_world):
    world = make_world()
    door = f"door-{uuid.uuid4().hex[:6]}"
    uow = PostgresUnitOfWork(db)
    with uow:
        uow.connection.execute(
            "UPDATE resources SET unifi_door_ids = %s WHERE id = %s", ([door], world.bays[0].id)
        )
        uow.commit()
    [booking_id] = _insert_bookings(db, world, 1, NOW - timedelta(minutes=5))
    raw = _door_event(door, actor=_visitor(db, booking_id))
    header = sign_unifi(raw, UNIFI_SECRET, int(time.time()))

    status, body = _post("unifi", raw, {"Signature": header})
    status2, body2 = _post("unifi", raw, {"Signature": header})

    assert (status, body["status"], body["booking_id"]) == (200, "checked_in", str(booking_id))
    assert (status2, body2["status"]) == (200, "duplicate")
    uow = PostgresUnitOfWork(db)
    with uow:
        events = uow.connection.execute(
            "SELECT count(*) AS n FROM outbox"
            " WHERE aggregate_id = %s AND detail_type = 'booking.checked_in'",
            (booking_id,),
        ).fetchone()
        assert uow.bookings.get(booking_id).status.value == "checked_in"
    assert events["n"] == 1


def test_unifi_unlock_uses_the_locations_door_window(webhook_env, db, make_world):
    # Doors open 30 minutes ahead here: a scan 25 minutes before the start is a check-in, as
    # the door grant and the check-in rule say; 35 minutes before is too early.
    world = make_world(settings={"access_before_minutes": 30})
    door = f"door-{uuid.uuid4().hex[:6]}"
    uow = PostgresUnitOfWork(db)
    with uow:
        uow.connection.execute(
            "UPDATE resources SET unifi_door_ids = %s WHERE id = %s", ([door], world.bays[0].id)
        )
        uow.commit()
    now = datetime.now(UTC)
    [early] = _insert_bookings(db, world, 1, now + timedelta(minutes=35))
    raw = _door_event(door)
    status, body = _post(
        "unifi", raw, {"Signature": sign_unifi(raw, UNIFI_SECRET, int(time.time()))}
    )
    assert (status, body["status"]) == (200, "no_booking")
    with uow:
        uow.connection.execute(
            "UPDATE bookings SET starts_at = starts_at - interval '10 minutes',"
            " ends_at = ends_at - interval '10 minutes' WHERE id = %s",
            (early,),
        )
        uow.commit()
    raw = _door_event(door)
    status, body = _post(
        "unifi", raw, {"Signature": sign_unifi(raw, UNIFI_SECRET, int(time.time()))}
    )
    assert (status, body["status"], body["booking_id"]) == (200, "checked_in", str(early))


@pytest.mark.parametrize("kind", ["forged", "expired", "missing"])
def test_unifi_bad_signature_is_401_and_changes_nothing(webhook_env, db, make_world, kind):
    world = make_world()
    door = f"door-{uuid.uuid4().hex[:6]}"
    uow = PostgresUnitOfWork(db)
    with uow:
        uow.connection.execute(
            "UPDATE resources SET unifi_door_ids = %s WHERE id = %s", ([door], world.bays[0].id)
        )
        uow.commit()
    [booking_id] = _insert_bookings(db, world, 1, NOW - timedelta(minutes=5))
    raw = _door_event(door)
    headers = {
        "forged": {"Signature": sign_unifi(raw, "not-the-secret", int(time.time()))},
        "expired": {"Signature": sign_unifi(raw, UNIFI_SECRET, int(time.time()) - 600)},
        "missing": {},
    }[kind]

    status, _ = _post("unifi", raw, headers)

    assert status == 401
    uow = PostgresUnitOfWork(db)
    with uow:
        assert uow.bookings.get(booking_id).status.value == "confirmed"


def _hub_headers(raw: bytes, secret: str, age_ms: int = 0) -> dict[str, str]:
    ts = str(int(time.time() * 1000) - age_ms)
    return {
        "X-HubSpot-Signature-v3": sign_hubspot_v3("POST", HUB_URL, raw, ts, secret),
        "X-HubSpot-Request-Timestamp": ts,
    }


def test_hubspot_webhook_syncs_the_changed_contact(webhook_env, db, make_world, hubspot_fake):
    world = make_world()
    member = world.members[0]
    cid = f"6{uuid.uuid4().int % 10**8}"
    hubspot_fake.control(
        "POST",
        "/_contacts",
        {
            "contacts": [
                {"id": cid, "properties": {"email": member.email, "membership_tier": "platinum"}}
            ]
        },
    )
    raw = json.dumps(
        [
            {
                "eventId": 1,
                "subscriptionId": 2,
                "portalId": 3,
                "occurredAt": int(time.time() * 1000),
                "subscriptionType": "contact.propertyChange",
                "objectId": int(cid),
                "propertyName": "membership_tier",
                "propertyValue": "platinum",
            }
        ]
    ).encode()

    status, body = _post("hubspot", raw, _hub_headers(raw, HUB_SECRET))

    assert status == 200 and body["synced"] >= 1
    uow = PostgresUnitOfWork(db)
    with uow:
        assert uow.users.get(member.id).tier == "platinum"


def test_hubspot_webhook_replay_is_refused_before_it_syncs(
    webhook_env, db, make_world, hubspot_fake
):
    raw = json.dumps(
        [
            {
                "eventId": uuid.uuid4().int % 10**9,
                "subscriptionId": 2,
                "portalId": 3,
                "occurredAt": int(time.time() * 1000),
                "subscriptionType": "contact.propertyChange",
                "objectId": 1,
                "propertyName": "membership_tier",
                "propertyValue": "gold",
            }
        ]
    ).encode()

    first = _post("hubspot", raw, _hub_headers(raw, HUB_SECRET))
    searches = len(hubspot_fake.calls("/crm/v3/objects/contacts/search"))
    replay = _post("hubspot", raw, _hub_headers(raw, HUB_SECRET))  # re-signed, same body

    assert first[0] == 200 and "duplicate" not in first[1]
    assert replay == (200, {"synced": 0, "duplicate": True})
    assert len(hubspot_fake.calls("/crm/v3/objects/contacts/search")) == searches


@pytest.mark.parametrize("kind", ["forged", "expired"])
def test_hubspot_bad_signature_is_401_and_changes_nothing(
    webhook_env, db, make_world, hubspot_fake, kind
):
    world = make_world()
    member = world.members[0]
    cid = f"5{uuid.uuid4().int % 10**8}"
    hubspot_fake.control(
        "POST",
        "/_contacts",
        {
            "contacts": [
                {"id": cid, "properties": {"email": member.email, "membership_tier": "platinum"}}
            ]
        },
    )
    raw = json.dumps(
        [{"eventId": 1, "subscriptionType": "contact.propertyChange", "objectId": int(cid)}]
    ).encode()
    headers = (
        _hub_headers(raw, "wrong")
        if kind == "forged"
        else _hub_headers(raw, HUB_SECRET, age_ms=6 * 60 * 1000)
    )

    status, _ = _post("hubspot", raw, headers)

    assert status == 401
    assert hubspot_fake.calls("/crm/v3/objects/contacts/search") == []
    uow = PostgresUnitOfWork(db)
    with uow:
        assert uow.users.get(member.id).tier == "standard"
