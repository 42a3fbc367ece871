"""Who may do what, where: location scoping, kiosk limits, booking sources and check-in proof.

Each rule is checked in the services (the use cases a handler calls) and, where a route adds
something of its own (authentication order, error shape), through the API function.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from api_client import call, claims_for

from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking.domain.actors import Actor, Role
from booking.domain.errors import Forbidden
from booking.domain.models import BookingStatus, Source
from booking.services.bookings import (
    CreateBooking,
    ModifyBooking,
    Presence,
    cancel_booking,
    check_booking,
    check_in,
    create_booking,
    get_booking,
    list_bookings,
    modify_booking,
)

TZ = ZoneInfo("America/Toronto")
NOW = datetime(2030, 6, 3, 12, 0, tzinfo=UTC)  # a Monday


def at(day_offset: int, hour: int) -> datetime:
    d = (NOW.astimezone(TZ) + timedelta(days=day_offset)).date()
    return datetime(d.year, d.month, d.day, hour, tzinfo=TZ)


def staff_of(*worlds) -> Actor:
    return Actor(role=Role.STAFF, location_ids=frozenset(w.location.id for w in worlds))


def kiosk_of(world) -> Actor:
    return Actor(role=Role.KIOSK, subject="kiosk-1", location_ids=frozenset({world.location.id}))


def _book(uow, world, *, day=2, hour=18, member=0, bay=0):
    return create_booking(
        CreateBooking(world.bays[bay].id, at(day, hour), at(day, hour + 1)),
        uow,
        world.actor(member),
        NOW,
    )


# -- item: staff move a booking only to bays of their own locations --------------------------


def test_staff_cannot_move_a_booking_to_a_bay_of_another_club(uow, make_world):
    club_a, club_b = make_world(), make_world()
    booking = _book(uow, club_a)
    with pytest.raises(Forbidden) as exc:
        modify_booking(
            ModifyBooking(booking.id, resource_id=club_b.bays[0].id), uow, staff_of(club_a), NOW
        )
    assert exc.value.code == "LOCATION_FORBIDDEN"
    assert get_booking(booking.id, uow, staff_of(club_a)).resource_id == club_a.bays[0].id
    # Within their club, and for staff of both clubs, the move is fine.
    moved = modify_booking(
        ModifyBooking(booking.id, resource_id=club_a.bays[1].id), uow, staff_of(club_a), NOW
    )
    assert moved.resource_id == club_a.bays[1].id
    moved = modify_booking(
        ModifyBooking(booking.id, resource_id=club_b.bays[0].id),
        uow,
        staff_of(club_a, club_b),
        NOW,
    )
    assert moved.location_id == club_b.location.id


def test_staff_move_to_another_club_is_refused_through_the_api(make_world, monkeypatch, db):
    club_a, club_b = make_world(), make_world()
    booking = _book(PostgresUnitOfWork(db), club_a, day=3)
    status, body = call(
        "bookings",
        "bookings/modify",
        claims=claims_for("staff", locations=[club_a.location.id]),
        path_params={"booking_id": str(booking.id)},
        body={"resource_id": str(club_b.bays[0].id)},
    )
    assert status == 403 and body["error"]["code"] == "LOCATION_FORBIDDEN", body


# -- item: kiosks make walk-ins, check in and show passes; nothing else ----------------------


def test_a_kiosk_cannot_modify_cancel_or_list_bookings_at_its_club(uow, make_world):
    world = make_world()
    booking = _book(uow, world)
    kiosk = kiosk_of(world)
    attempts = [
        lambda: modify_booking(ModifyBooking(booking.id, start=at(2, 20)), uow, kiosk, NOW),
        lambda: cancel_booking(booking.id, uow, kiosk, NOW),
        lambda: list_bookings(uow, kiosk, now=NOW, location_id=world.location.id),
        lambda: list_bookings(uow, kiosk, now=NOW, user_id=world.members[0].id),
    ]
    for attempt in attempts:
        with pytest.raises(Forbidden) as exc:
            attempt()
        assert exc.value.code == "KIOSK_NOT_ALLOWED"
    current = get_booking(booking.id, uow, world.actor())
    assert (current.status, current.start, current.version) == (
        BookingStatus.CONFIRMED,
        at(2, 18),
        1,
    )


def test_a_kiosk_books_walk_ins_only(uow, make_world):
    world = make_world()
    kiosk = kiosk_of(world)
    later = CreateBooking(
        world.bays[0].id, at(2, 18), at(2, 19), user_id=world.members[0].id, source=Source.KIOSK
    )
    with pytest.raises(Forbidden) as exc:
        create_booking(later, uow, kiosk, NOW)
    assert exc.value.code == "KIOSK_NOT_ALLOWED"
    start = NOW + timedelta(minutes=1)
    now_ = CreateBooking(
        world.bays[0].id, start, start + timedelta(hours=1), user_id=world.members[0].id
    )
    assert create_booking(now_, uow, kiosk, NOW).source is Source.KIOSK


def test_kiosk_cancel_is_refused_through_the_api(make_world, db):
    world = make_world()
    booking = _book(PostgresUnitOfWork(db), world, day=4)
    status, body = call(
        "bookings",
        "bookings/cancel",
        claims=claims_for("kiosk", locations=[world.location.id]),
        path_params={"booking_id": str(booking.id)},
        body={},
    )
    assert status == 403 and body["error"]["code"] == "KIOSK_NOT_ALLOWED", body


# -- item: POST /rules/check is scoped like a booking ----------------------------------------


def test_rules_check_needs_the_location(uow, make_world):
    club_a, club_b = make_world(), make_world()
    proposal = CreateBooking(club_a.bays[0].id, at(2, 18), at(2, 19), user_id=club_a.members[0].id)
    for outsider, code in [
        (staff_of(club_b), "LOCATION_FORBIDDEN"),
        (kiosk_of(club_a), "KIOSK_NOT_ALLOWED"),
    ]:
        with pytest.raises(Forbidden) as exc:
            check_booking(proposal, uow, outsider, NOW)
        assert exc.value.code == code
    answer = check_booking(proposal, uow, staff_of(club_a), NOW)
    assert answer["balance"] == 50


def test_rules_check_through_the_api_hides_the_balance_from_other_clubs(make_world):
    club_a, club_b = make_world(), make_world()
    start = datetime.now(UTC) + timedelta(days=3)
    body = {
        "resource_id": str(club_a.bays[0].id),
        "start": start.isoformat(),
        "end": (start + timedelta(hours=1)).isoformat(),
        "user_id": str(club_a.members[0].id),
    }
    status, reply = call(
        "rules",
        "rules/check",
        claims=claims_for("staff", locations=[club_b.location.id]),
        body=body,
    )
    assert status == 403 and "balance" not in reply, reply
    status, reply = call(
        "rules",
        "rules/check",
        claims=claims_for("kiosk", locations=[club_a.location.id]),
        body=body,
    )
    assert status == 403 and "balance" not in reply, reply


# -- item: a booking's source comes from the caller's role -----------------------------------


@pytest.mark.parametrize("claimed", [Source.ADMIN, Source.CLUBOS, Source.KIOSK])
def test_a_member_cannot_label_a_booking_with_another_channel(uow, make_world, claimed):
    world = make_world()
    with pytest.raises(Forbidden) as exc:
        create_booking(
            CreateBooking(world.bays[0].id, at(2, 18), at(2, 19), source=claimed),
            uow,
            world.actor(),
            NOW,
        )
    assert exc.value.code == "SOURCE_NOT_ALLOWED"
    with uow:
        assert uow.bookings.for_user(world.members[0].id, since=None) == []


@pytest.mark.parametrize(
    ("actor_role", "expected"),
    [(Role.MEMBER, Source.API), (Role.STAFF, Source.ADMIN), (Role.ADMIN, Source.ADMIN)],
)
def test_the_source_defaults_to_the_callers_channel(uow, make_world, actor_role, expected):
    world = make_world()
    actor = (
        world.actor()
        if actor_role is Role.MEMBER
        else Actor(role=actor_role, location_ids=frozenset({world.location.id}))
    )
    booking = create_booking(
        CreateBooking(world.bays[0].id, at(2, 18), at(2, 19), user_id=world.members[0].id),
        uow,
        actor,
        NOW,
    )
    assert booking.source is expected


def test_member_source_admin_is_refused_through_the_api(make_world):
    world = make_world()
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=4)
    status, body = call(
        "bookings",
        "bookings/create",
        claims=claims_for("member", world.members[0].id),
        body={
            "resource_id": str(world.bays[0].id),
            "start": start.isoformat(),
            "end": (start + timedelta(hours=1)).isoformat(),
            "source": "admin",
        },
        headers={"Idempotency-Key": ""},
    )
    assert status == 403 and body["error"]["code"] == "SOURCE_NOT_ALLOWED", body
    status, body = call(
        "bookings",
        "bookings/create",
        claims=claims_for("member", world.members[0].id),
        body={
            "resource_id": str(world.bays[0].id),
            "start": start.isoformat(),
            "end": (start + timedelta(hours=1)).isoformat(),
        },
        headers={"Idempotency-Key": ""},
    )
    assert status == 201 and body["source"] == "api", body


# -- item: authentication before validation ---------------------------------------------------


@pytest.mark.parametrize(
    ("function", "event", "body", "path_params"),
    [
        ("bookings", "bookings/create", {"resource_id": "nope"}, None),
        ("bookings", "bookings/create", {}, None),
        ("bookings", "bookings/get", ..., {"booking_id": "not-a-uuid"}),
        ("rules", "rules/check", {"start": 1}, None),
        ("kiosk", "kiosk/walk_in", {"duration_minutes": "long"}, None),
    ],
)
def test_no_token_is_401_before_the_body_is_looked_at(function, event, body, path_params):
    status, reply = call(function, event, body=body, authorization="", path_params=path_params)
    assert status == 401, reply
    assert reply["error"]["code"] == "UNAUTHORIZED"
    assert "errors" not in reply["error"]["details"]


def test_a_bad_token_is_401_before_the_body_is_looked_at():
    status, reply = call(
        "bookings", "bookings/create", body={"resource_id": "nope"}, authorization="Bearer x.y.z"
    )
    assert status == 401 and reply["error"]["code"] == "INVALID_TOKEN", reply


def test_an_authenticated_invalid_body_is_still_422(make_world):
    world = make_world()
    status, reply = call(
        "bookings",
        "bookings/create",
        claims=claims_for("member", world.members[0].id),
        body={"resource_id": "nope"},
        headers={"Idempotency-Key": ""},
    )
    assert status == 422 and reply["error"]["code"] == "VALIDATION_FAILED"


# -- item: check-in proves presence ----------------------------------------------------------


def _starting_soon(uow, world, member=0):
    start = NOW + timedelta(minutes=5)
    return create_booking(
        CreateBooking(world.bays[0].id, start, start + timedelta(hours=1)),
        uow,
        world.actor(member),
        NOW - timedelta(hours=2),
    )


def test_a_member_cannot_check_in_remotely(uow, make_world):
    world = make_world()
    booking = _starting_soon(uow, world)
    for presence in (None, Presence.DOOR, Presence.PASS_SCAN, Presence.KIOSK, Presence.STAFF):
        with pytest.raises(Forbidden) as exc:
            check_in(booking.id, uow, world.actor(), NOW, presence=presence)
        assert exc.value.code == "PRESENCE_REQUIRED"
    assert get_booking(booking.id, uow, world.actor()).status is BookingStatus.CONFIRMED


@pytest.mark.parametrize(
    ("role", "presence"),
    [
        (Role.KIOSK, None),
        (Role.STAFF, None),
        (Role.ADMIN, None),
        (Role.SERVICE, Presence.DOOR),
        (Role.SERVICE, Presence.PASS_SCAN),
        (Role.KIOSK, Presence.PASS_SCAN),
    ],
)
def test_presence_checks_in(uow, make_world, role, presence):
    world = make_world()
    booking = _starting_soon(uow, world)
    actor = Actor(role=role, location_ids=frozenset({world.location.id}))
    checked = check_in(booking.id, uow, actor, NOW, presence=presence)
    assert checked.status is BookingStatus.CHECKED_IN
    with uow:
        (event,) = [
            e
            for e in uow.connection.execute(
                "SELECT detail FROM outbox WHERE aggregate_id = %s AND detail_type = %s",
                (booking.id, "booking.checked_in"),
            ).fetchall()
        ]
    assert event["detail"]["presence"] == (presence or {Role.KIOSK: "kiosk"}.get(role, "staff"))


@pytest.mark.parametrize(
    ("role", "presence"),
    [(Role.SERVICE, None), (Role.KIOSK, Presence.DOOR), (Role.STAFF, Presence.KIOSK)],
)
def test_a_proof_the_caller_cannot_vouch_for_is_refused(uow, make_world, role, presence):
    world = make_world()
    booking = _starting_soon(uow, world)
    actor = Actor(role=role, location_ids=frozenset({world.location.id}))
    with pytest.raises(Forbidden) as exc:
        check_in(booking.id, uow, actor, NOW, presence=presence)
    assert exc.value.code == "PRESENCE_REQUIRED"


def test_member_check_in_through_the_api_is_403(make_world, db):
    world = make_world()
    now = datetime.now(UTC)
    uow = PostgresUnitOfWork(db)
    with uow:
        booking = uow.bookings.add(
            user_id=world.members[0].id,
            resource_id=world.bays[0].id,
            start=now + timedelta(minutes=5),
            end=now + timedelta(minutes=65),
            party_size=1,
            source="api",
            credit_cost=0,
            metadata={},
        )
        uow.commit()
    status, body = call(
        "bookings",
        "bookings/check_in",
        claims=claims_for("member", world.members[0].id),
        path_params={"booking_id": str(booking.id)},
    )
    assert status == 403 and body["error"]["code"] == "PRESENCE_REQUIRED", body
    status, body = call(
        "bookings",
        "bookings/check_in",
        claims=claims_for("staff", locations=[world.location.id]),
        path_params={"booking_id": str(booking.id)},
    )
    assert status == 200 and body["status"] == "checked_in", body


# -- item: staff and kiosk tokens without locations reach nothing ---------------------------


@pytest.mark.parametrize("role", ["staff", "kiosk"])
def test_unscoped_staff_and_kiosk_contexts_are_refused(make_world, role):
    world = make_world()
    status, body = call(
        "bookings",
        "bookings/list",
        claims=claims_for(role),  # no locations
        query={"location_id": str(world.location.id)},
    )
    assert status == 401 and body["error"]["code"] == "LOCATIONS_CLAIM_REQUIRED", body


def test_hq_staff_wildcard_lists_any_club(make_world):
    world = make_world()
    status, body = call(
        "bookings",
        "bookings/list",
        claims=claims_for("staff", locations=["*"]),
        query={"location_id": str(world.location.id)},
    )
    assert status == 200, body


def test_an_expired_authorizer_context_is_refused(make_world):
    """API Gateway may serve a cached Allow after the token expired; the function refuses it."""
    world = make_world()
    member = claims_for("member", world.members[0].id, exp=int(datetime.now(UTC).timestamp()) - 1)
    status, body = call("bookings", "bookings/list", claims=member)
    assert status == 401 and body["error"]["code"] == "TOKEN_EXPIRED", body


def test_an_authorizer_context_without_exp_falls_back_to_the_token(make_world, monkeypatch):
    world = make_world()
    member = claims_for("member", world.members[0].id)
    del member["exp"]
    status, body = call("bookings", "bookings/list", claims=member)
    assert status == 401, body


pytestmark = pytest.mark.usefixtures("api_env")


# -- item: PostgreSQL's words stay in the log -------------------------------------------------


@pytest.mark.parametrize(
    ("sql", "reason"),
    [
        ("SELECT '99999999999'::int", "a number is out of range"),
        ("SELECT 1 / 0", "a value divides by zero"),
        ("SELECT 'not a date'::date", "a date or time is malformed"),
        (
            "SELECT '{\"a\": \"\\u0000\"}'::jsonb ->> 'a'",
            "a text contains a character that cannot be stored",
        ),
    ],
)
def test_database_refusals_are_reasoned_in_our_words(db, sql, reason):
    import psycopg

    from booking.api.errors import data_error_reason

    with pytest.raises(psycopg.errors.DataError) as exc, psycopg.connect(db.url) as conn:
        conn.execute(sql)
    assert data_error_reason(exc.value) == reason
    assert exc.value.diag.message_primary not in reason


def test_a_value_postgresql_refuses_is_422_without_its_message(make_world):
    world = make_world()
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=5)
    status, body = call(
        "bookings",
        "bookings/create",
        claims=claims_for("member", world.members[0].id),
        body={
            "resource_id": str(world.bays[0].id),
            "start": start.isoformat(),
            "end": (start + timedelta(hours=1)).isoformat(),
            "metadata": {"note": "a\u0000b"},
        },
        headers={"Idempotency-Key": ""},
    )
    assert 400 <= status < 500, body
    text = json.dumps(body)
    for phrase in ("Unicode escape", "unsupported", "0x00", "jsonb", "DETAIL"):
        assert phrase not in text


# -- item: the caller is resolved once per request -------------------------------------------


def test_the_caller_is_resolved_once_per_request_and_not_kept_after_it(make_world, monkeypatch):
    from booking.api import context

    world = make_world(tags=("EARLY_ACCESS",))  # books in 3 days at this hour, whatever it is
    seen: list[str] = []
    resolve = context.actor_from_event

    def counting(event: dict[str, object]) -> object:
        seen.append(str(event["requestContext"]))
        return resolve(event)

    monkeypatch.setattr(context, "actor_from_event", counting)
    member = world.members[0]
    start = (datetime.now(UTC) + timedelta(days=3)).replace(minute=0, second=0, microsecond=0)
    body = {
        "resource_id": str(world.bays[0].id),
        "start": start.isoformat(),
        "end": (start + timedelta(hours=1)).isoformat(),
    }
    status, reply = call(
        "bookings",
        "bookings/create",
        claims=claims_for("member", user_id=member.id),
        body=body,
        headers={"Idempotency-Key": f"once-{uuid.uuid4()}"},
    )
    assert status == 201, reply
    assert len(seen) == 1  # the route and the idempotent create share one resolution
    status, _reply = call(
        "bookings", "bookings/list", claims=claims_for("member", user_id=member.id)
    )
    assert status == 200
    assert len(seen) == 2  # a new request resolves its own caller
    status, _reply = call("bookings", "bookings/list", claims=claims_for("member", exp=1))
    assert status == 401
