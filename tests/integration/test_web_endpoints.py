"""Endpoints the web apps use, called in-process: local sign-in, credit history, refund preview."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import jwt
import pytest
from api_client import call, claims_for

from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking.services import bookings as svc

PASSWORD = "local-" + uuid.uuid4().hex[:8]


@pytest.fixture(autouse=True)
def _api_env(monkeypatch, seeded_database_url):
    from booking import config

    monkeypatch.setenv("DATABASE_URL", seeded_database_url)
    monkeypatch.setenv("JWT_SECRET", "test-secret-" + uuid.uuid4().hex)
    monkeypatch.setenv("LOCAL_SIGN_IN_PASSWORD", PASSWORD)
    monkeypatch.setenv("SESSION_TTL_SECONDS", "600")
    config.settings.cache_clear()
    config.database_url.cache_clear()
    yield
    config.settings.cache_clear()


def _sign_in(email: str, password: str = PASSWORD) -> tuple[int, dict]:
    return call(
        "local_sign_in",
        "local_sign_in/sign_in",
        body={"email": email, "password": password},
    )


def test_a_seeded_member_signs_in_and_the_token_opens_their_profile():
    status, body = _sign_in("Alice@Example.com ")
    assert status == 200, body
    claims = jwt.decode(body["id_token"], options={"verify_signature": False})
    assert claims["cognito:groups"] == ["member"]
    assert claims["email"] == "alice@example.com"
    assert claims["custom:user_id"] == claims["sub"]
    assert claims["exp"] - claims["iat"] == 600
    assert body["role"] == "member"

    status, me = call("members", "members/me", authorization=f"Bearer {body['id_token']}")
    assert status == 200, me
    assert me["email"] == "alice@example.com"
    assert me["id"] == claims["sub"]


def _claims(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})


def test_staff_admin_and_kiosk_sign_in_with_their_groups_and_scopes(uow):
    with uow:
        clubs = sorted(uow.locations.list(), key=lambda loc: loc.slug)
    hq = _claims(_sign_in("staff@example.com")[1]["id_token"])
    assert (hq["cognito:groups"], hq["locations"]) == (["staff"], ["*"])
    admin = _claims(_sign_in("admin@example.com")[1]["id_token"])
    assert (admin["role"], admin["locations"]) == ("admin", ["*"])
    kiosk = _claims(_sign_in("kiosk@example.com")[1]["id_token"])
    assert (kiosk["role"], kiosk["locations"]) == ("kiosk", [str(clubs[0].id)])
    club = clubs[-1]
    local = _claims(_sign_in(f"staff-{club.slug}@example.com")[1]["id_token"])
    assert local["locations"] == [str(club.id)]
    status, _ = _sign_in("staff-nowhere@example.com")
    assert status == 401


@pytest.mark.parametrize(
    ("email", "password"),
    [("alice@example.com", "wrong"), ("nobody@example.com", PASSWORD)],
)
def test_wrong_password_or_unknown_person_is_one_401(email, password):
    status, body = _sign_in(email, password)
    assert status == 401
    assert body["error"]["code"] == "SIGN_IN_REFUSED"
    assert body["error"]["message"] == "e-mail or password not recognised"


def test_sign_in_is_off_without_a_local_password(monkeypatch):
    from booking import config

    monkeypatch.delenv("LOCAL_SIGN_IN_PASSWORD")
    config.settings.cache_clear()
    status, body = _sign_in("alice@example.com")
    assert status == 404
    assert body["error"]["code"] == "SIGN_IN_UNAVAILABLE"


def test_a_cognito_shaped_token_without_role_gets_its_group(monkeypatch):
    secret = "secret-" + uuid.uuid4().hex
    monkeypatch.setenv("JWT_SECRET", secret)
    from booking import config

    config.settings.cache_clear()
    now = int(datetime.now(UTC).timestamp())
    token = jwt.encode(
        {
            "sub": "cognito-" + uuid.uuid4().hex,
            "cognito:groups": ["staff"],
            "locations": ["*"],
            "iss": "booking-platform",
            "aud": "booking-api",
            "exp": now + 60,
        },
        secret,
        algorithm="HS256",
    )
    from booking.api.auth import actor_from_claims, verify_token

    assert actor_from_claims(verify_token(token)).role.value == "staff"


# These bookings start a set number of hours from the real clock, so at some times of day
# they fall before 6 am at the club: the members may book early hours, so no run depends on
# the hour it runs at.
ANY_HOUR = ("EARLY_ACCESS",)


def _book(db, world, hours_ahead: float, cost_credits: bool = True):
    start = (datetime.now(UTC) + timedelta(hours=hours_ahead)).replace(microsecond=0)
    cmd = svc.CreateBooking(
        resource_id=world.bays[0].id, start=start, end=start + timedelta(hours=1)
    )
    return svc.create_booking(cmd, PostgresUnitOfWork(db), world.actor(), datetime.now(UTC))


def test_credit_history_lists_the_grant_and_the_booking_newest_first(db, make_world):
    world = make_world(credits=20, hours=None, tags=ANY_HOUR)
    booking = _book(db, world, 30)
    member = claims_for("member", world.members[0].id)
    status, body = call("members", "members/credits", claims=member)
    assert status == 200, body
    assert body["balance"] == 20 - booking.credit_cost
    reasons = [e["reason"] for e in body["entries"]]
    assert reasons[-1] == "grant"
    if booking.credit_cost:
        assert reasons[0] == "booking_debit"
        assert body["entries"][0]["booking_id"] == str(booking.id)


@pytest.mark.parametrize(("hours_ahead", "percent"), [(30, 100), (5, 50), (1.5, 0)])
def test_refund_preview_is_what_cancelling_refunds(db, make_world, hours_ahead, percent):
    world = make_world(credits=50, tags=ANY_HOUR)
    booking = _book(db, world, hours_ahead)
    member = claims_for("member", world.members[0].id)
    path = {"booking_id": str(booking.id)}
    status, preview = call("bookings", "bookings/cancel_preview", claims=member, path_params=path)
    assert status == 200, preview
    assert preview["refund_credits"] == booking.credit_cost * percent // 100
    assert preview["policy"] == [
        {"hours_before": 24, "refund_percent": 100},
        {"hours_before": 2, "refund_percent": 50},
    ]
    uow = PostgresUnitOfWork(db)
    with uow:
        before = uow.credits.balance(world.members[0].id)
    status, _ = call("bookings", "bookings/cancel", claims=member, path_params=path, body={})
    assert status == 200
    with uow:
        after = uow.credits.balance(world.members[0].id)
    assert after - before == preview["refund_credits"]


def test_refund_preview_of_someone_elses_booking_is_404(db, make_world):
    world = make_world(members=2, tags=ANY_HOUR)
    booking = _book(db, world, 30)
    stranger = claims_for("member", world.members[1].id)
    status, body = call(
        "bookings",
        "bookings/cancel_preview",
        claims=stranger,
        path_params={"booking_id": str(booking.id)},
    )
    assert status == 404
    assert body["error"]["code"] == "BOOKING_NOT_FOUND"
