"""Default rules deny with their codes; rules are validated at save; credits follow the policy."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from booking.domain.actors import Actor, Role
from booking.domain.errors import (
    BookingRejected,
    Forbidden,
    InvalidRequest,
    InvalidRule,
    InvalidTransition,
)
from booking.domain.models import BookingStatus, Source
from booking.services.bookings import (
    CreateBooking,
    ModifyBooking,
    cancel_booking,
    check_booking,
    check_in,
    create_booking,
    mark_no_show,
    modify_booking,
)
from booking.services.rules import SaveRule, delete_rule, save_rule

TZ = ZoneInfo("America/Toronto")
NOW = datetime(2026, 6, 1, 12, tzinfo=TZ)
ADMIN = Actor(role=Role.ADMIN)
SYSTEM = Actor(role=Role.SERVICE)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 6, day, hour, minute, tzinfo=TZ)


def codes(exc: BookingRejected) -> list[str]:
    return [r.code for r in exc.reasons]


def rejected(uow, world, start, end, *, actor=None, **kw) -> list[str]:
    with pytest.raises(BookingRejected) as exc:
        create_booking(
            CreateBooking(world.bays[0].id, start, end, **kw), uow, actor or world.actor(), NOW
        )
    return codes(exc.value)


@pytest.mark.parametrize(
    ("kwargs", "start", "end", "expected"),
    [
        ({}, at(3, 18), at(3, 18, 30), "DURATION_TOO_SHORT"),
        ({}, at(3, 10), at(3, 15), "DURATION_TOO_LONG"),
        ({}, at(1, 12, 30), at(1, 13, 30), "TOO_LATE_TO_BOOK"),
        ({}, at(20, 18), at(20, 19), "TOO_FAR_AHEAD"),
        ({}, at(3, 4), at(3, 5), "EARLY_ACCESS_REQUIRED"),
        ({"party_size": 9}, at(3, 18), at(3, 19), "OVER_CAPACITY"),
        ({}, at(1, 10), at(1, 11), "START_IN_PAST"),
    ],
)
def test_each_default_limit_denies_with_its_code(uow, make_world, kwargs, start, end, expected):
    world = make_world()
    assert expected in rejected(uow, world, start, end, **kwargs)


def test_blacklisted_member_is_blocked(uow, make_world):
    world = make_world(tags=("BLACKLISTED",))
    assert rejected(uow, world, at(3, 18), at(3, 19)) == ["MEMBER_BLOCKED"]


def test_every_reason_is_returned_not_just_the_first(uow, make_world):
    world = make_world(tags=("BLACKLISTED",))
    got = rejected(uow, world, at(20, 4), at(20, 4, 30))
    assert {
        "MEMBER_BLOCKED",
        "EARLY_ACCESS_REQUIRED",
        "DURATION_TOO_SHORT",
        "TOO_FAR_AHEAD",
    } <= set(got)


def test_max_active_bookings_per_tier(uow, make_world):
    world = make_world(bays=1)
    for day in (3, 4):
        create_booking(
            CreateBooking(world.bays[0].id, at(day, 18), at(day, 19)), uow, world.actor(), NOW
        )
    assert "TOO_MANY_ACTIVE_BOOKINGS" in rejected(uow, world, at(5, 18), at(5, 19))
    gold = make_world(bays=1, tier="gold")
    for day in (3, 4, 5):
        create_booking(
            CreateBooking(gold.bays[0].id, at(day, 18), at(day, 19)), uow, gold.actor(), NOW
        )


def test_weekly_hours_cap_for_standard_members(uow, make_world):
    world = make_world(bays=3)
    # 4 h + 4 h = 8 h this week; 3 more hours would make 11 > 10.
    for i, day in enumerate((2, 3)):
        create_booking(
            CreateBooking(world.bays[i].id, at(day, 10), at(day, 14)), uow, world.actor(), NOW
        )
    with pytest.raises(BookingRejected) as exc:
        create_booking(
            CreateBooking(world.bays[2].id, at(4, 10), at(4, 13)), uow, world.actor(), NOW
        )
    assert "WEEKLY_HOURS_EXCEEDED" in codes(exc.value)


def test_kiosk_walk_in_is_exempt_from_cutoff(uow, make_world):
    world = make_world()
    kiosk = Actor(role=Role.KIOSK, location_ids=frozenset({world.location.id}))
    start = NOW + timedelta(minutes=10)
    booking = create_booking(
        CreateBooking(
            world.bays[0].id,
            start,
            start + timedelta(hours=1),
            user_id=world.members[0].id,
            source=Source.KIOSK,
        ),
        uow,
        kiosk,
        NOW,
    )
    assert booking.source is Source.KIOSK
    with pytest.raises(Forbidden):
        create_booking(
            CreateBooking(world.bays[1].id, start, start + timedelta(hours=1), source=Source.KIOSK),
            uow,
            world.actor(),
            NOW,
        )


def test_credit_cost_by_duration_and_vip(uow, make_world):
    world = make_world()
    b = create_booking(
        CreateBooking(world.bays[0].id, at(3, 18), at(3, 20)), uow, world.actor(), NOW
    )
    assert b.credit_cost == 2
    with uow:
        assert uow.credits.balance(world.members[0].id) == 48
    vip = make_world(tags=("VIP",))
    v = create_booking(CreateBooking(vip.bays[0].id, at(3, 18), at(3, 20)), uow, vip.actor(), NOW)
    assert v.credit_cost == 0


def test_insufficient_credits_leaves_nothing_behind(uow, make_world):
    from booking.domain.errors import InsufficientCredits

    world = make_world(credits=1)
    with pytest.raises(InsufficientCredits):
        create_booking(
            CreateBooking(world.bays[0].id, at(3, 18), at(3, 20)), uow, world.actor(), NOW
        )
    with uow:
        n = uow.connection.execute(
            "SELECT (SELECT count(*) FROM bookings WHERE resource_id = ANY(%(r)s)) AS b,"
            " (SELECT count(*) FROM outbox o JOIN bookings x ON x.id = o.aggregate_id"
            "   WHERE x.resource_id = ANY(%(r)s)) AS o",
            {"r": [r.id for r in world.bays]},
        ).fetchone()
        assert uow.credits.balance(world.members[0].id) == 1
    assert n == {"b": 0, "o": 0}


def test_invalid_cel_is_refused_at_save_with_parser_message(uow):
    with pytest.raises(InvalidRule) as exc:
        save_rule(
            SaveRule(
                name="broken",
                condition="user.tier ==",
                action={"type": "deny", "code": "X", "message": "x"},
            ),
            uow,
            ADMIN,
        )
    assert "Syntax error" in exc.value.message
    with pytest.raises(InvalidRule):  # parses, but names a variable that does not exist
        save_rule(
            SaveRule(
                name="unknown-var",
                condition="member.tier == 'gold'",
                action={"type": "deny", "code": "X", "message": "x"},
            ),
            uow,
            ADMIN,
        )
    with pytest.raises(InvalidRule):  # not a boolean
        save_rule(
            SaveRule(
                name="not-bool",
                condition="booking.party_size + 1",
                action={"type": "deny", "code": "X", "message": "x"},
            ),
            uow,
            ADMIN,
        )
    with pytest.raises(InvalidRule):  # unknown action type
        save_rule(SaveRule(name="bad-action", action={"type": "explode"}), uow, ADMIN)
    with pytest.raises(Forbidden):
        save_rule(
            SaveRule(name="member-rule", action={"type": "min_duration", "minutes": 5}),
            uow,
            Actor(role=Role.MEMBER),
        )


def test_custom_rule_scoped_to_a_location_and_dry_run(uow, make_world):
    world = make_world()
    other = make_world()
    rule = save_rule(
        SaveRule(
            name=f"no-fridays-{world.location.slug}",
            scope="location",
            scope_ref=str(world.location.id),
            condition="booking.local_weekday == 5",
            action={
                "type": "deny",
                "code": "NO_FRIDAYS",
                "message": "Closed to bookings on Fridays",
            },
        ),
        uow,
        ADMIN,
    )
    try:
        friday = (at(5, 18), at(5, 19))  # 2026-06-05 is a Friday
        check = check_booking(CreateBooking(world.bays[0].id, *friday), uow, world.actor(), NOW)
        assert check["allowed"] is False
        assert [r["code"] for r in check["reasons"]] == ["NO_FRIDAYS"]
        ok = check_booking(CreateBooking(other.bays[0].id, *friday), uow, other.actor(), NOW)
        assert ok == {"allowed": True, "reasons": [], "credit_cost": 1, "balance": 50}
        with uow:
            written = uow.connection.execute(
                "SELECT count(*) AS n FROM bookings WHERE resource_id = %s", (other.bays[0].id,)
            ).fetchone()
        assert written["n"] == 0  # a dry run writes nothing
        assert "NO_FRIDAYS" in rejected(uow, world, *friday)
    finally:
        delete_rule(rule.id, uow, ADMIN)


@pytest.mark.parametrize(
    ("hours_before", "refund"),
    [(48, 4), (24, 4), (23, 2), (3, 2), (1, 0), (0.5, 0)],
)
def test_cancellation_refund_follows_policy(uow, make_world, hours_before, refund):
    world = make_world(members=1)
    start = at(5, 12)
    booking = create_booking(
        CreateBooking(world.bays[0].id, start, start + timedelta(hours=4)), uow, world.actor(), NOW
    )
    assert booking.credit_cost == 4
    cancelled = cancel_booking(
        booking.id, uow, world.actor(), start - timedelta(hours=hours_before)
    )
    assert cancelled.status is BookingStatus.CANCELLED
    with uow:
        assert uow.credits.balance(world.members[0].id) == 46 + refund
    with pytest.raises(InvalidTransition):
        cancel_booking(booking.id, uow, world.actor(), start - timedelta(hours=hours_before))


def test_no_show_forfeits_credits_and_check_in_window(uow, make_world):
    world = make_world(members=2)
    start = at(3, 18)
    b1 = create_booking(
        CreateBooking(world.bays[0].id, start, start + timedelta(hours=2)), uow, world.actor(0), NOW
    )
    b2 = create_booking(
        CreateBooking(world.bays[1].id, start, start + timedelta(hours=1)), uow, world.actor(1), NOW
    )
    from booking.domain.errors import Conflict

    with pytest.raises(Conflict) as early:
        mark_no_show(b1.id, uow, SYSTEM, start + timedelta(minutes=10))
    assert early.value.code == "NO_SHOW_NOT_DUE"
    no_show = mark_no_show(b1.id, uow, SYSTEM, start + timedelta(minutes=15))
    assert no_show.status is BookingStatus.NO_SHOW
    with uow:
        assert uow.credits.balance(world.members[0].id) == 48  # nothing refunded
    desk = Actor(role=Role.STAFF, location_ids=frozenset({world.location.id}))
    with pytest.raises(Conflict) as window:
        check_in(b2.id, uow, desk, start - timedelta(minutes=20))
    assert window.value.code == "OUTSIDE_CHECK_IN_WINDOW"
    checked = check_in(b2.id, uow, desk, start - timedelta(minutes=15))
    assert checked.status is BookingStatus.CHECKED_IN and checked.version == 2
    with pytest.raises(InvalidTransition):
        mark_no_show(b2.id, uow, SYSTEM, start + timedelta(minutes=30))


def test_modify_reschedules_with_same_checks_and_moves_credits(uow, make_world):
    world = make_world(bays=2, members=2)
    b = create_booking(
        CreateBooking(world.bays[0].id, at(3, 18), at(3, 19)), uow, world.actor(0), NOW
    )
    create_booking(CreateBooking(world.bays[1].id, at(3, 20), at(3, 21)), uow, world.actor(1), NOW)
    moved = modify_booking(
        ModifyBooking(b.id, start=at(3, 19), end=at(3, 21), expected_version=1),
        uow,
        world.actor(0),
        NOW,
    )
    assert (moved.version, moved.credit_cost, moved.start) == (2, 2, at(3, 19))
    with uow:
        assert uow.credits.balance(world.members[0].id) == 48
        events = uow.connection.execute(
            "SELECT detail_type FROM outbox WHERE aggregate_id = %s ORDER BY id", (b.id,)
        ).fetchall()
    assert [e["detail_type"] for e in events] == ["booking.created", "booking.modified"]
    from booking.domain.errors import SlotTaken, VersionMismatch

    with pytest.raises(VersionMismatch):
        modify_booking(
            ModifyBooking(b.id, start=at(4, 18), expected_version=1), uow, world.actor(0), NOW
        )
    with pytest.raises(SlotTaken):  # bay 2 is taken 20:00-21:00
        modify_booking(ModifyBooking(b.id, resource_id=world.bays[1].id), uow, world.actor(0), NOW)
    with pytest.raises(BookingRejected) as exc:
        modify_booking(
            ModifyBooking(b.id, start=at(3, 19), end=at(3, 19, 30)), uow, world.actor(0), NOW
        )
    assert "DURATION_TOO_SHORT" in codes(exc.value)
    from booking.domain.errors import NotFound

    with pytest.raises(NotFound):  # another member's booking is invisible
        modify_booking(ModifyBooking(b.id, start=at(4, 18)), uow, world.actor(1), NOW)


def test_naive_and_inverted_times_are_invalid_requests(uow, make_world):
    world = make_world()
    with pytest.raises(InvalidRequest) as exc:
        create_booking(
            CreateBooking(world.bays[0].id, at(3, 19), at(3, 18)), uow, world.actor(), NOW
        )
    assert exc.value.code == "END_BEFORE_START"
    with pytest.raises(InvalidRequest) as naive:
        create_booking(
            CreateBooking(world.bays[0].id, datetime(2026, 6, 3, 18), datetime(2026, 6, 3, 19)),
            uow,
            world.actor(),
            NOW,
        )
    assert naive.value.code == "TIME_ZONE_REQUIRED"
