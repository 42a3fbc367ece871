"""Several bays at once on real PostgreSQL: all or nothing, also when racing single bookings."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest

from booking.adapters.postgres.connection import Database
from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking.domain.errors import BookingRejected, InvalidRequest, SlotTaken
from booking.services.bookings import CreateBooking, create_booking
from booking.services.bookings.groups import CreateGroup, create_group

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)
START = datetime(2026, 6, 3, 18, tzinfo=UTC)
END = START + timedelta(hours=1)


def _count(uow: PostgresUnitOfWork, bays) -> int:
    with uow:
        row = uow.connection.execute(
            "SELECT count(*) AS n FROM bookings WHERE resource_id = ANY(%s)"
            " AND status = 'confirmed'",
            ([b.id for b in bays],),
        ).fetchone()
    return int(row["n"])


def test_a_group_books_every_bay_with_one_group_id_and_credits_each(uow, make_world) -> None:
    world = make_world(bays=3, members=1, tier="platinum")
    with uow:
        before = uow.credits.balance(world.members[0].id)
    made = create_group(
        CreateGroup(tuple(b.id for b in world.bays), START, END), uow, world.actor(), NOW
    )
    assert sorted(b.resource_id for b in made) == sorted(b.id for b in world.bays)
    assert len({b.metadata["group_id"] for b in made}) == 1
    with uow:
        after = uow.credits.balance(world.members[0].id)
    assert before - after == sum(b.credit_cost for b in made)


def test_one_taken_bay_books_none_and_charges_nothing(uow, make_world) -> None:
    world = make_world(bays=3, members=2, tier="platinum")
    create_booking(CreateBooking(world.bays[2].id, START, END), uow, world.actor(1), NOW)
    with uow:
        before = uow.credits.balance(world.members[0].id)
    with pytest.raises(SlotTaken) as taken:
        create_group(
            CreateGroup(tuple(b.id for b in world.bays), START, END), uow, world.actor(0), NOW
        )
    assert taken.value.details["resource_id"] == str(world.bays[2].id)
    assert _count(uow, world.bays[:2]) == 0
    with uow:
        assert uow.credits.balance(world.members[0].id) == before


def test_the_member_s_limits_count_every_bay(uow, make_world) -> None:
    # Standard members hold at most 2 upcoming bookings (default rules): 3 bays is refused.
    world = make_world(bays=3, members=1, tier="standard")
    with pytest.raises(BookingRejected) as refused:
        create_group(
            CreateGroup(tuple(b.id for b in world.bays), START, END), uow, world.actor(), NOW
        )
    assert "TOO_MANY_ACTIVE_BOOKINGS" in [r.code for r in refused.value.reasons]
    assert _count(uow, world.bays) == 0


@pytest.mark.parametrize("bays", [1, 9])
def test_a_group_has_two_to_eight_bays(uow, make_world, bays) -> None:
    world = make_world(bays=bays, members=1, tier="platinum")
    with pytest.raises(InvalidRequest):
        create_group(
            CreateGroup(tuple(b.id for b in world.bays), START, END), uow, world.actor(), NOW
        )


def test_a_three_bay_group_racing_single_bookings_gets_all_three_or_none(
    db: Database, make_world
) -> None:
    for _ in range(6):
        _group_race(db, make_world(bays=3, members=4, tier="platinum"))


def _group_race(db: Database, world) -> None:
    barrier = threading.Barrier(4)

    def group() -> str:
        uow = PostgresUnitOfWork(db)
        barrier.wait()
        try:
            create_group(
                CreateGroup(tuple(b.id for b in world.bays), START, END),
                uow,
                world.actor(0),
                NOW,
            )
            return "group"
        except SlotTaken:
            return "taken"
        finally:
            db.close()

    def single(i: int) -> str:
        uow = PostgresUnitOfWork(db)
        barrier.wait()
        try:
            create_booking(
                CreateBooking(world.bays[i - 1].id, START, END), uow, world.actor(i), NOW
            )
            return "single"
        except SlotTaken:
            return "taken"
        finally:
            db.close()

    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(group)] + [pool.submit(single, i) for i in (1, 2, 3)]
        results = [f.result() for f in futures]
    uow = PostgresUnitOfWork(db)
    with uow:
        rows = uow.connection.execute(
            "SELECT user_id FROM bookings WHERE resource_id = ANY(%s) AND status = 'confirmed'",
            ([b.id for b in world.bays],),
        ).fetchall()
    by_group = [r for r in rows if r["user_id"] == world.members[0].id]
    # All three bays by the group and no single booking, or none by the group.
    if results[0] == "group":
        assert (len(by_group), len(rows), results[1:]) == (3, 3, ["taken"] * 3)
    else:
        assert by_group == [] and "single" in results[1:], results
