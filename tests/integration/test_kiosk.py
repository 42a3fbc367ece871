"""Kiosk walk-ins: the service with a fixed ``now``, the handler with real time, the keyring."""

from __future__ import annotations

import base64
import json
import os
import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from api_client import call, claims_for

from booking.adapters.pass_keys import (
    PassKeysNotConfigured,
    keyring_from_environment,
    parse_keyring,
)
from booking.domain.actors import Actor, Role
from booking.domain.errors import BookingRejected, Conflict, Forbidden
from booking.domain.models import Source
from booking.domain.passes import PassKeyRetired, PassKeyring, PassWrongDoor, verify_pass
from booking.services import bookings as svc
from booking.services.kiosk import WalkIn, start_now, walk_in
from booking.services.kiosk_sign_in import issue_code, sign_in

TZ = ZoneInfo("America/Toronto")
NOW = datetime(2026, 3, 4, 15, 7, 20, tzinfo=TZ)
KEY = os.urandom(32)
KEYRING = PassKeyring(current=("k1", KEY))
SERVICE = Actor(role=Role.SERVICE, subject="system")


def kiosk_for(world):
    return Actor(role=Role.KIOSK, subject="kiosk-1", location_ids=frozenset({world.location.id}))


def signed_in(uow, world, now, i=0):
    """A walk-in of member ``i`` through a kiosk session, as the kiosk makes it."""
    issued = issue_code(uow, world.actor(i), now)
    session = sign_in(uow, kiosk_for(world), now, token=issued.token).session
    return WalkIn(session=session)


def occupy(uow, world, i, bay, start, end, now):
    return svc.create_booking(
        svc.CreateBooking(
            resource_id=world.bays[bay].id, start=start, end=end, user_id=world.members[i].id
        ),
        uow,
        SERVICE,
        now,
    )


def test_start_now_rounds_up_to_the_minute():
    assert start_now(NOW) == datetime(2026, 3, 4, 15, 8, tzinfo=TZ)
    whole = datetime(2026, 3, 4, 15, 8, tzinfo=TZ)
    assert start_now(whole) == whole


def test_walk_in_takes_the_next_free_bay_now_with_a_pass(uow, make_world):
    world = make_world(members=2)
    occupy(
        uow,
        world,
        1,
        0,
        NOW - timedelta(minutes=37),
        NOW + timedelta(minutes=23),
        NOW - timedelta(days=1),
    )
    result = walk_in(signed_in(uow, world, NOW), uow, kiosk_for(world), NOW, KEYRING)
    b = result.booking
    assert result.resource.id == world.bays[1].id and b.resource_id == world.bays[1].id
    assert b.source is Source.KIOSK and b.start == start_now(NOW)
    assert b.end - b.start == timedelta(minutes=60)
    assert result.access_pass is not None
    verified = verify_pass(result.access_pass.token, KEYRING, NOW, expected_door_id="door-1")
    assert verified.booking_id == str(b.id) and verified.user_id == str(world.members[0].id)
    assert verified.valid_until == b.end + timedelta(minutes=30)
    with pytest.raises(PassWrongDoor):
        verify_pass(result.access_pass.token, KEYRING, NOW, expected_door_id="door-2")


def test_walk_in_is_exempt_from_the_cut_off_that_stops_other_channels(uow, make_world):
    world = make_world(bays=1)
    start = start_now(NOW)
    with pytest.raises(BookingRejected) as refused:
        svc.create_booking(
            svc.CreateBooking(
                resource_id=world.bays[0].id,
                start=start,
                end=start + timedelta(hours=1),
                user_id=world.members[0].id,
            ),
            uow,
            SERVICE,
            NOW,
        )
    assert "TOO_LATE_TO_BOOK" in {r.code for r in refused.value.reasons}
    result = walk_in(signed_in(uow, world, NOW), uow, kiosk_for(world), NOW, KEYRING)
    assert result.booking.start == start


def test_buffer_of_a_just_ended_booking_keeps_the_bay_busy(uow, make_world):
    world = make_world(members=2, bays=2, buffer=10)
    ended = NOW.replace(second=0) - timedelta(minutes=5)
    occupy(uow, world, 1, 0, ended - timedelta(hours=1), ended, NOW - timedelta(days=1))
    result = walk_in(signed_in(uow, world, NOW), uow, kiosk_for(world), NOW, KEYRING)
    assert result.resource.id == world.bays[1].id


def test_no_bay_free_says_when_one_frees_up(uow, make_world):
    world = make_world(members=2, bays=1)
    until = datetime(2026, 3, 4, 16, 30, tzinfo=TZ)
    occupy(uow, world, 1, 0, datetime(2026, 3, 4, 15, tzinfo=TZ), until, NOW - timedelta(days=1))
    with pytest.raises(Conflict) as exc:
        walk_in(signed_in(uow, world, NOW), uow, kiosk_for(world), NOW, KEYRING)
    assert exc.value.code == "NO_BAY_FREE"
    nxt = exc.value.details["next_free"]
    assert datetime.fromisoformat(nxt["start"]) == until and nxt["resource_name"] == "Bay 1"
    with uow:
        assert uow.bookings.for_user(world.members[0].id) == []


def test_only_a_kiosk_of_the_location_may_book_walk_ins(uow, make_world):
    world, other = make_world(), make_world()
    with pytest.raises(Forbidden):
        walk_in(WalkIn(user_id=world.members[0].id), uow, world.actor(0), NOW, KEYRING)
    # Signed in at the other club's kiosk, asking for this club: refused.
    issued = issue_code(uow, world.actor(0), NOW)
    session = sign_in(uow, kiosk_for(other), NOW, token=issued.token).session
    with pytest.raises(Forbidden) as exc:
        walk_in(
            WalkIn(session=session, location_id=world.location.id),
            uow,
            kiosk_for(other),
            NOW,
            KEYRING,
        )
    assert exc.value.code == "LOCATION_FORBIDDEN"


def test_a_kiosk_cannot_name_a_member_by_id(uow, make_world):
    world = make_world()
    with pytest.raises(Forbidden) as exc:
        walk_in(WalkIn(user_id=world.members[0].id), uow, kiosk_for(world), NOW, KEYRING)
    assert exc.value.code == "KIOSK_SIGN_IN_REQUIRED"
    with uow:
        assert uow.bookings.for_user(world.members[0].id) == []


def test_member_rules_still_apply_to_walk_ins(uow, make_world):
    world = make_world()
    three_am = datetime(2026, 3, 4, 3, 0, 5, tzinfo=TZ)
    with pytest.raises(BookingRejected) as exc:
        walk_in(signed_in(uow, world, three_am), uow, kiosk_for(world), three_am, KEYRING)
    assert "EARLY_ACCESS_REQUIRED" in {r.code for r in exc.value.reasons}


# --- the keyring setting ----------------------------------------------------------------------


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def test_keyring_json_with_a_previous_key_in_its_grace_period():
    old = os.urandom(32)
    until = datetime(2026, 3, 4, 16, tzinfo=UTC)
    ring = parse_keyring(
        json.dumps(
            {
                "current": {"kid": "k2", "key": _b64(KEY)},
                "previous": [{"kid": "k1", "key": _b64(old), "accepted_until": until.isoformat()}],
            }
        )
    )
    assert ring.current == ("k2", KEY)
    assert ring.key_for("k1", until - timedelta(seconds=1)) == old
    with pytest.raises(PassKeyRetired):
        ring.key_for("k1", until)


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        "{}",
        json.dumps({"current": {"kid": "k", "key": _b64(b"short")}}),
        json.dumps({"current": {"kid": "k", "key": "!!!"}}),
        json.dumps(
            {
                "current": {"kid": "k", "key": _b64(KEY)},
                "previous": [{"kid": "o", "key": _b64(KEY), "accepted_until": "2026-01-01T00:00"}],
            }
        ),
    ],
)
def test_malformed_keyrings_are_refused(text):
    with pytest.raises(ValueError):
        parse_keyring(text)


def test_keyring_from_environment(monkeypatch):
    monkeypatch.delenv("PASS_KEYS", raising=False)
    monkeypatch.delenv("PASS_KEYS_SECRET_ARN", raising=False)
    with pytest.raises(PassKeysNotConfigured):
        keyring_from_environment()
    monkeypatch.setenv("PASS_KEYS", json.dumps({"current": {"kid": "env", "key": _b64(KEY)}}))
    assert keyring_from_environment().current == ("env", KEY)


# --- the handler ------------------------------------------------------------------------------


@pytest.fixture
def api_env(monkeypatch, seeded_database_url):
    from booking import config

    monkeypatch.setenv("DATABASE_URL", seeded_database_url)
    monkeypatch.setenv("JWT_SECRET", "test-secret-" + uuid.uuid4().hex)
    monkeypatch.setenv("PASS_KEYS", json.dumps({"current": {"kid": "h1", "key": _b64(KEY)}}))
    config.settings.cache_clear()
    config.database_url.cache_clear()


def _kiosk_session(world, kiosk_claims, i=0):
    status, issued = call(
        "members", "members/kiosk_code", claims=claims_for("member", world.members[i].id)
    )
    assert status == 201, issued
    assert issued["qr_svg"].startswith("<svg") and len(issued["code"]) == 6
    status, signed = call(
        "kiosk", "kiosk/sign_in", claims=kiosk_claims, body={"token": issued["token"]}
    )
    assert status == 201, signed
    return signed


def test_walk_in_handler_books_and_returns_the_pass(api_env, make_world):
    # Early-access members may walk in at any hour, so the test passes whenever it runs.
    world = make_world(tags=("EARLY_ACCESS",))
    kiosk = claims_for("kiosk", locations=[world.location.id])
    signed = _kiosk_session(world, kiosk)
    assert signed["member"]["name"] == world.members[0].name and signed["bookings"] == []
    status, body = call("kiosk", "kiosk/walk_in", claims=kiosk, body={"session": signed["session"]})
    assert status == 201, body
    assert body["booking"]["source"] == "kiosk" and body["resource_name"] == "Bay 1"
    assert body["booking"]["user_id"] == str(world.members[0].id)
    assert body["pass"]["qr_svg"].startswith("<svg")
    verified = verify_pass(
        body["pass"]["token"], PassKeyring(current=("h1", KEY)), datetime.now(UTC)
    )
    assert verified.booking_id == body["booking"]["id"]
    assert "is yours until" in body["reply"]
    # The walk-in is today's booking: the kiosk checks the member in and shows its pass again.
    status, checked = call(
        "kiosk",
        "kiosk/check_in",
        claims=kiosk,
        body={"session": signed["session"], "booking_id": body["booking"]["id"]},
    )
    assert status == 200, checked
    assert checked["booking"]["status"] == "checked_in" and checked["pass"]["token"]
    status, out = call("kiosk", "kiosk/sign_out", claims=kiosk, body={"session": signed["session"]})
    assert status == 200 and out == {"signed_out": True}
    status, again = call(
        "kiosk", "kiosk/walk_in", claims=kiosk, body={"session": signed["session"]}
    )
    assert status == 403 and again["error"]["code"] == "KIOSK_SESSION_ENDED"


def test_floor_handler_counts_the_free_bays(api_env, make_world):
    world = make_world(bays=3)
    kiosk = claims_for("kiosk", locations=[world.location.id])
    status, body = call("kiosk", "kiosk/floor", claims=kiosk)
    assert status == 200, body
    assert body["location_id"] == str(world.location.id) and len(body["bays"]) == 3
    assert body["free_count"] == sum(b["free_now"] for b in body["bays"])


def test_a_passer_by_with_an_email_or_phone_cannot_book(api_env, make_world, uow):
    world = make_world(tags=("EARLY_ACCESS",))
    victim = world.members[0]
    kiosk = claims_for("kiosk", locations=[world.location.id])
    for who in (victim.email, victim.phone, str(victim.id)):
        if not who:
            continue
        key = "user_id" if who == str(victim.id) else "customer"
        status, body = call("kiosk", "kiosk/walk_in", claims=kiosk, body={key: who})
        assert status == 403 and body["error"]["code"] == "KIOSK_SIGN_IN_REQUIRED", (who, body)
    # Typing the victim's e-mail with guessed digits: refused, and the same for a stranger.
    for customer in (victim.email, "nobody@example.com"):
        status, body = call(
            "kiosk", "kiosk/sign_in", claims=kiosk, body={"customer": customer, "code": "123456"}
        )
        assert status == 403 and body["error"]["code"] == "KIOSK_CODE_REFUSED", body
    with uow:
        assert uow.bookings.for_user(victim.id) == []


def test_walk_in_handler_refusals(api_env, make_world, monkeypatch, uow):
    world = make_world(tags=("EARLY_ACCESS",))
    member = claims_for("member", world.members[0].id)
    status, body = call(
        "kiosk", "kiosk/walk_in", claims=member, body={"user_id": str(world.members[0].id)}
    )
    assert status == 403
    kiosk = claims_for("kiosk", locations=[world.location.id])
    status, body = call("kiosk", "kiosk/walk_in", claims=kiosk, body={"duration_minutes": 60})
    assert status == 422 and body["error"]["code"] == "VALIDATION_FAILED"
    signed = _kiosk_session(world, kiosk)
    monkeypatch.delenv("PASS_KEYS")
    status, body = call("kiosk", "kiosk/walk_in", claims=kiosk, body={"session": signed["session"]})
    assert status == 503 and body["error"]["code"] == "PASSES_NOT_CONFIGURED"
    with uow:
        assert uow.bookings.for_user(world.members[0].id) == []  # no pass, no booking


def test_admins_may_still_name_the_member(api_env, make_world):
    world = make_world(tags=("EARLY_ACCESS",))
    admin = claims_for("admin")
    status, body = call(
        "kiosk",
        "kiosk/walk_in",
        claims=admin,
        body={"customer": world.members[0].email, "location_id": str(world.location.id)},
    )
    assert status == 201, body
