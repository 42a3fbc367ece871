"""Kiosk sign-in: only the member's app's one-time code opens a kiosk session for them."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from booking.domain.actors import Actor, Role
from booking.domain.errors import Conflict, Forbidden, InvalidRequest, NotFound
from booking.domain.passes import PassKeyring, verify_pass
from booking.services import bookings as svc
from booking.services.kiosk import KioskCheckIn, WalkIn, check_in_at_kiosk, walk_in
from booking.services.kiosk_sign_in import (
    CODE_TTL,
    MAX_FAILURES,
    SESSION_TTL,
    SignInRefused,
    issue_code,
    member_of_session,
    sign_in,
    sign_out,
)

TZ = ZoneInfo("America/Toronto")
NOW = datetime(2026, 3, 4, 15, 7, 20, tzinfo=TZ)
KEYRING = PassKeyring(current=("k1", os.urandom(32)))
SERVICE = Actor(role=Role.SERVICE, subject="system")


def kiosk(world, name="kiosk-1"):
    return Actor(role=Role.KIOSK, subject=name, location_ids=frozenset({world.location.id}))


def test_a_scanned_token_signs_the_member_in_once(uow, make_world):
    world = make_world()
    issued = issue_code(uow, world.actor(0), NOW)
    assert issued.token.startswith("KS1.") and len(issued.code) == 6 and issued.code.isdigit()
    assert issued.expires_at == NOW + CODE_TTL
    signed = sign_in(uow, kiosk(world), NOW + timedelta(seconds=30), token=issued.token)
    assert signed.user.id == world.members[0].id and signed.location.id == world.location.id
    who = member_of_session(uow, kiosk(world), signed.session, NOW + timedelta(minutes=1))
    assert who.user_id == world.members[0].id
    with pytest.raises(SignInRefused):  # a code works once
        sign_in(uow, kiosk(world), NOW + timedelta(seconds=40), token=issued.token)


def test_an_expired_or_replaced_code_is_refused(uow, make_world):
    world = make_world()
    old = issue_code(uow, world.actor(0), NOW)
    with pytest.raises(SignInRefused):
        sign_in(uow, kiosk(world), NOW + CODE_TTL, token=old.token)
    first = issue_code(uow, world.actor(0), NOW)
    second = issue_code(uow, world.actor(0), NOW + timedelta(seconds=5))
    with pytest.raises(SignInRefused):
        sign_in(uow, kiosk(world), NOW + timedelta(seconds=6), token=first.token)
    assert sign_in(uow, kiosk(world), NOW + timedelta(seconds=6), token=second.token).session


def test_typed_digits_need_the_members_own_code(uow, make_world):
    world = make_world(members=2)
    mine = issue_code(uow, world.actor(0), NOW)
    theirs = issue_code(uow, world.actor(1), NOW)
    member0 = world.members[0]
    # Another member's digits with my e-mail: refused.
    if theirs.code != mine.code:
        with pytest.raises(SignInRefused):
            sign_in(uow, kiosk(world), NOW, member=member0, code=theirs.code)
    signed = sign_in(uow, kiosk(world), NOW, member=member0, code=mine.code)
    assert signed.user.id == member0.id
    # No member named (an e-mail nobody has): refused like a wrong code.
    with pytest.raises(SignInRefused):
        sign_in(uow, kiosk(world), NOW, member=None, code=theirs.code)


def test_wrong_digits_burn_the_code(uow, make_world):
    world = make_world()
    issued = issue_code(uow, world.actor(0), NOW)
    wrong = f"{(int(issued.code) + 1) % 10**6:06d}"
    for _ in range(MAX_FAILURES):
        with pytest.raises(SignInRefused):
            sign_in(uow, kiosk(world), NOW, member=world.members[0], code=wrong)
    # The right digits no longer work: a guesser had MAX_FAILURES tries, then nothing.
    with pytest.raises(SignInRefused):
        sign_in(uow, kiosk(world), NOW, member=world.members[0], code=issued.code)
    with pytest.raises(SignInRefused):  # nor the QR of the burned code
        sign_in(uow, kiosk(world), NOW, token=issued.token)


def test_only_members_get_codes_and_only_kiosks_redeem_them(uow, make_world):
    world = make_world()
    staff = Actor(role=Role.STAFF, subject="s", location_ids=frozenset({world.location.id}))
    with pytest.raises(Forbidden):
        issue_code(uow, staff, NOW)
    issued = issue_code(uow, world.actor(0), NOW)
    with pytest.raises(Forbidden):
        sign_in(uow, staff, NOW, token=issued.token)
    with pytest.raises(InvalidRequest):
        sign_in(uow, kiosk(world), NOW)


def test_a_session_works_on_its_own_kiosk_until_it_ends(uow, make_world):
    world, other = make_world(), make_world()
    signed = sign_in(uow, kiosk(world), NOW, token=issue_code(uow, world.actor(0), NOW).token)
    with pytest.raises(SignInRefused):  # another kiosk of the same club
        member_of_session(uow, kiosk(world, "kiosk-2"), signed.session, NOW)
    with pytest.raises(SignInRefused):  # a kiosk of another club with the same name
        member_of_session(uow, kiosk(other), signed.session, NOW)
    with pytest.raises(SignInRefused):
        member_of_session(uow, kiosk(world), signed.session, NOW + SESSION_TTL)
    sign_out(uow, kiosk(world), signed.session, NOW)
    with pytest.raises(SignInRefused):
        member_of_session(uow, kiosk(world), signed.session, NOW + timedelta(seconds=1))


def test_walk_in_and_check_in_act_for_the_session_member_only(uow, make_world):
    world = make_world(members=2)
    k = kiosk(world)
    signed = sign_in(uow, k, NOW, token=issue_code(uow, world.actor(0), NOW).token)
    result = walk_in(WalkIn(session=signed.session), uow, k, NOW, KEYRING)
    assert result.booking.user_id == world.members[0].id
    checked = check_in_at_kiosk(
        KioskCheckIn(session=signed.session, booking_id=result.booking.id), uow, k, NOW, KEYRING
    )
    assert checked.booking.status.value == "checked_in" and checked.access_pass is not None
    assert verify_pass(checked.access_pass.token, KEYRING, NOW).booking_id == str(result.booking.id)
    # Member 1's booking later today: member 0's session cannot check it in.
    start = NOW.replace(second=0, microsecond=0) + timedelta(hours=3)
    theirs = svc.create_booking(
        svc.CreateBooking(
            resource_id=world.bays[0].id,
            start=start,
            end=start + timedelta(hours=1),
            user_id=world.members[1].id,
        ),
        uow,
        SERVICE,
        NOW - timedelta(days=1),
    )
    with pytest.raises(NotFound):
        check_in_at_kiosk(
            KioskCheckIn(session=signed.session, booking_id=theirs.id), uow, k, NOW, KEYRING
        )
    # Their own session, too early for the door window: a clear conflict, not a check-in.
    signed1 = sign_in(uow, k, NOW, token=issue_code(uow, world.actor(1), NOW).token)
    with pytest.raises(Conflict) as exc:
        check_in_at_kiosk(
            KioskCheckIn(session=signed1.session, booking_id=theirs.id), uow, k, NOW, KEYRING
        )
    assert exc.value.code == "OUTSIDE_CHECK_IN_WINDOW"


def test_the_floor_shows_which_bays_a_walk_in_could_take(uow, make_world):
    from booking.services.kiosk import floor_now

    world = make_world(members=2)
    k = kiosk(world)
    start = NOW.replace(second=0, microsecond=0) - timedelta(minutes=10)
    svc.create_booking(
        svc.CreateBooking(
            resource_id=world.bays[0].id,
            start=start,
            end=start + timedelta(hours=1),
            user_id=world.members[1].id,
        ),
        uow,
        SERVICE,
        NOW - timedelta(days=1),
    )
    floor = floor_now(uow, k, NOW)
    assert floor.location.id == world.location.id
    assert [b.id for b in floor.bays] == [b.id for b in world.bays]
    assert floor.free_ids == {world.bays[1].id}
    with pytest.raises(Forbidden):
        floor_now(uow, world.actor(0), NOW)
