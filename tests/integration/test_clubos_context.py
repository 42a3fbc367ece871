"""Customer context and recommendations on the real PostgreSQL, with a fixed ``now``."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from booking.domain.actors import Actor, Role
from booking.domain.errors import InvalidRequest
from booking.domain.opening_hours import OpeningHours
from booking.domain.settings import LocationSettings
from booking.services import bookings as svc
from booking.services.customer_context import customer_context
from booking.services.recommendations import Wanted, recommend, recommendations_for

TZ = ZoneInfo("America/Toronto")
NOW = datetime(2026, 3, 4, 10, 0, tzinfo=TZ)
SERVICE = Actor(role=Role.SERVICE, subject="clubos-v3")
ALWAYS = {d: [["00:00", "24:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}


def book(uow, world, i, start, *, bay=0, hours=1, now=None):
    return svc.create_booking(
        svc.CreateBooking(
            resource_id=world.bays[bay].id,
            start=start,
            end=start + timedelta(hours=hours),
            user_id=world.members[i].id,
        ),
        uow,
        SERVICE,
        now or start - timedelta(days=1),
    )


def _history(uow, world):
    """Three past Saturday-evening games on bay 2 (one missed), one on bay 1; one upcoming."""
    past = []
    for weeks, bay in ((3, 1), (2, 1), (1, 0)):
        start = datetime(2026, 2, 28, 18, tzinfo=TZ) - timedelta(weeks=weeks - 1)
        past.append(book(uow, world, 0, start, bay=bay))
    done = [svc.complete_booking(b.id, uow, SERVICE, b.end) for b in past[:2]]
    missed = svc.mark_no_show(past[2].id, uow, SERVICE, past[2].start + timedelta(minutes=20))
    upcoming = book(uow, world, 0, datetime(2026, 3, 7, 18, tzinfo=TZ), bay=1, now=NOW)
    return done, missed, upcoming


def test_context_upcoming_history_no_shows_credits_preferences(uow, make_world):
    world = make_world(tier="gold", credits=20)
    done, missed, upcoming = _history(uow, world)
    ctx = customer_context(world.members[0], uow, now=NOW)
    assert ctx["customer"]["id"] == str(world.members[0].id)
    assert [b["id"] for b in ctx["upcoming_bookings"]] == [str(upcoming.id)]
    assert ctx["upcoming_bookings"][0]["local_start"] == "2026-03-07T18:00:00-05:00"
    assert ctx["upcoming_bookings"][0]["resource_name"] == "Bay 2"
    assert [b["id"] for b in ctx["recent_bookings"]] == [
        str(missed.id),
        str(done[1].id),
        str(done[0].id),
    ]
    assert ctx["no_show_count"] == 1
    assert ctx["credits"] == 20 - 4  # four one-hour bookings, none refunded
    prefs = ctx["preferences"]
    assert prefs["location_id"] == str(world.location.id)
    assert prefs["resource_id"] == str(world.bays[1].id) and prefs["resource_name"] == "Bay 2"
    assert (prefs["time"], prefs["weekday"], prefs["day_part"]) == ("18:00", "saturday", "evening")
    assert prefs["based_on_bookings"] == 3  # the no-show does not count


def test_context_of_a_new_member_is_empty_but_complete(uow, make_world):
    world = make_world()
    ctx = customer_context(world.members[0], uow, now=NOW)
    assert ctx["upcoming_bookings"] == [] and ctx["recent_bookings"] == []
    assert (ctx["no_show_count"], ctx["credits"], ctx["preferences"]) == (0, 50, {})


def test_recommend_same_bay_then_other_bay_then_other_location(uow, make_world, db):
    world = make_world(members=3, bays=2)
    tag = uuid.uuid4().hex[:6]
    with uow:
        # Sorted first among the other locations in the same zone, so it is the one offered.
        nearby = uow.locations.add(
            slug=f"0-nearby-{tag}",
            name=f"0 Nearby {tag}",
            address="",
            time_zone="America/Toronto",
            opening_hours=OpeningHours.from_json(ALWAYS),
            settings=LocationSettings(),
        )
        away_bay = uow.resources.add(
            location_id=nearby.id, name="Bay 1", type="simulator", capacity=4, buffer_minutes=0
        )
        uow.commit()
    at = datetime(2026, 3, 5, 14, tzinfo=TZ)
    book(uow, world, 1, at, bay=0, now=NOW)
    options = recommend(
        uow,
        user=world.members[0],
        wanted=Wanted(world.location.id, at, 60, resource_id=world.bays[0].id),
        now=NOW,
        exclude_requested=True,
    )
    assert [o["kind"] for o in options] == [
        "same_bay_other_time",
        "same_bay_other_time",
        "other_bay_same_time",
        "other_time",
        "other_location",
    ]
    assert options[2]["resource_id"] == str(world.bays[1].id)
    assert datetime.fromisoformat(options[2]["start"]) == at
    # Another location in the club's zone, at the asked time. Which one depends on every location
    # the shared test database holds (they are tried by name), so only its kind is asserted.
    assert options[-1]["location_id"] != str(world.location.id)
    with uow:
        offered = uow.locations.get(uuid.UUID(options[-1]["location_id"]))
        bay = uow.resources.get(uuid.UUID(options[-1]["resource_id"]))
    assert offered is not None and offered.time_zone == "America/Toronto"
    assert bay is not None and bay.location_id == offered.id
    assert datetime.fromisoformat(options[-1]["start"]) == at
    assert away_bay.location_id == nearby.id


def test_recommendations_honour_the_members_rules(uow, make_world):
    world = make_world(members=2, bays=1)
    six = datetime(2026, 3, 5, 6, tzinfo=TZ)
    book(uow, world, 1, six, now=NOW)
    options = recommend(
        uow,
        user=world.members[0],
        wanted=Wanted(world.location.id, six, 60, resource_id=world.bays[0].id),
        now=NOW,
        other_locations=False,
        limit=10,
    )
    starts = [datetime.fromisoformat(o["start"]) for o in options]
    assert starts and all(s.hour >= 6 for s in starts)  # no early-access slots for this member
    assert datetime(2026, 3, 5, 7, tzinfo=TZ) in starts
    # The advance window: nothing beyond 14 days for a standard member.
    late = NOW + timedelta(days=14)
    far = recommend(
        uow,
        user=world.members[0],
        wanted=Wanted(world.location.id, late, 60),
        now=NOW,
        other_locations=False,
    )
    assert far and all(datetime.fromisoformat(o["start"]) <= late for o in far)


def test_recommendations_for_a_member_default_to_their_habits(uow, make_world):
    world = make_world(tier="gold", credits=20)
    _history(uow, world)
    result = recommendations_for(uow, world.members[0], now=NOW, limit=3)
    wanted = result["wanted"]
    assert wanted["location_id"] == str(world.location.id)
    assert wanted["resource_id"] == str(world.bays[1].id)
    assert wanted["start"] == "2026-03-04T18:00:00-05:00"  # their usual 6 pm, today
    assert result["options"][0]["kind"] == "as_requested"
    assert result["options"][0]["resource_id"] == str(world.bays[1].id)


def test_recommendations_need_a_location_without_history_when_there_are_many(uow, make_world):
    world = make_world()
    make_world()
    with pytest.raises(InvalidRequest):
        recommendations_for(uow, world.members[0], now=NOW)
    result = recommendations_for(uow, world.members[0], now=NOW, location_id=world.location.id)
    assert result["wanted"]["start"] == "2026-03-04T11:00:00-05:00"  # an hour from now
    assert result["options"]
