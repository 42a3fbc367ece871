"""A CEL condition cheap on the save-time sample but exponential on a real member.

Looping conditions run under a deadline: saving one that blows up on a member with many tags
is refused, and one stored anyway fails closed (the booking is refused) without holding the
member's row lock for long.
"""

from __future__ import annotations

import time
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking.domain.actors import Actor, Role
from booking.domain.errors import BookingRejected, InvalidRule
from booking.domain.rules import Rule, parse_action
from booking.services import bookings as svc
from booking.services import rules as rules_svc

TZ = ZoneInfo("America/Toronto")
ADMIN = Actor(role=Role.ADMIN, subject="admin@example.com")


def _nested(levels: int) -> str:
    """``levels`` nested ``exists`` over the member's tags that never match: |tags|^levels."""
    names = [f"t{n}" for n in range(levels)]
    inner = " + ".join(names) + ' == "never"'
    for name in reversed(names):
        inner = f"user.tags.exists({name}, {inner})"
    return inner


def _deny(world, condition: str, code: str) -> None:
    """Store a deny rule for the world's location directly, as one saved before the checks."""
    uow = PostgresUnitOfWork(world_db[0])
    with uow:
        uow.rules.upsert(
            Rule(
                id=uuid.uuid4(),
                name=f"{code.lower()}-{world.location.slug}",
                scope="location",
                scope_ref=str(world.location.id),
                condition=condition,
                action=parse_action({"type": "deny", "code": code, "message": code}),
                priority=950,
            )
        )
        uow.commit()


world_db: list = []


@pytest.fixture(autouse=True)
def _db(db):
    world_db[:] = [db]


def _book(db, world):
    day = (datetime.now(TZ) + timedelta(days=3)).date()
    start = datetime(day.year, day.month, day.day, 18, tzinfo=TZ)
    return svc.create_booking(
        svc.CreateBooking(
            resource_id=world.bays[0].id, start=start, end=start + timedelta(hours=1)
        ),
        PostgresUnitOfWork(db),
        world.actor(),
        datetime.now(TZ),
    )


def test_saving_a_condition_exponential_in_the_tags_is_refused(db):
    cmd = rules_svc.SaveRule(
        name=f"nested-{uuid.uuid4().hex[:6]}",
        condition=_nested(6),
        action={"type": "deny", "code": "NESTED", "message": "nested"},
    )
    with pytest.raises(InvalidRule) as refused:
        rules_svc.save_rule(cmd, PostgresUnitOfWork(db), ADMIN)
    problems = refused.value.details["fields"]
    assert [(p["field"], p["code"]) for p in problems] == [("condition", "RULE_TOO_EXPENSIVE")]


def test_a_stored_runaway_condition_fails_closed_and_quickly(make_world, db):
    tags = tuple(f"TAG_{n}" for n in range(12))
    world = make_world(tags=tags)
    _deny(world, _nested(5), "RUNAWAY")  # 12^5 iterations: seconds in-process

    began = time.monotonic()
    with pytest.raises(BookingRejected) as refused:
        _book(db, world)
    elapsed = time.monotonic() - began

    assert "RULE_EVALUATION_FAILED" in {r.code for r in refused.value.reasons}
    assert elapsed < 5, elapsed  # the deadline is 100 ms; in-process this takes seconds


def test_cheap_looping_conditions_still_decide(make_world, db):
    blocked = make_world(tags=("VIP", "LATE_PAYER"))
    _deny(blocked, 'user.tags.exists(t, t.startsWith("LATE_"))', "PAYMENT_DUE")
    with pytest.raises(BookingRejected) as refused:
        _book(db, blocked)
    assert {r.code for r in refused.value.reasons} == {"PAYMENT_DUE"}

    fine = make_world(tags=("VIP",))
    _deny(fine, 'user.tags.exists(t, t.startsWith("LATE_"))', "PAYMENT_DUE")
    assert _book(db, fine).status.value == "confirmed"
