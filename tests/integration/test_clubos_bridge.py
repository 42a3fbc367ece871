"""The ClubOS bridge use case on the real PostgreSQL, with a fixed ``now``."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from booking.domain.actors import Actor, Role
from booking.domain.errors import Forbidden, NotFound
from booking.domain.models import BookingStatus, Source
from booking.services import bookings as svc
from booking.services.clubos import ActionResult, ClubOSAction, CustomerRef, handle_action

TZ = ZoneInfo("America/Toronto")
NOW = datetime(2026, 3, 4, 10, 0, tzinfo=TZ)  # a Wednesday; tomorrow is Thursday 5 March
TOMORROW_2PM = datetime(2026, 3, 5, 14, 0, tzinfo=TZ)
SERVICE = Actor(role=Role.SERVICE, subject="clubos-v3")


def act(uow, world, message, *, i=0, location=True, now=NOW, thread=None, customer=None):
    cmd = ClubOSAction(
        message=message,
        customer=customer or CustomerRef(email=world.members[i].email),
        location=str(world.location.id) if location else None,
        thread_id=thread,
    )
    return handle_action(cmd, uow, SERVICE, now)


def book(uow, world, i, start, *, bay=0, hours=1, now=NOW):
    return svc.create_booking(
        svc.CreateBooking(
            resource_id=world.bays[bay].id,
            start=start,
            end=start + timedelta(hours=hours),
            user_id=world.members[i].id,
        ),
        uow,
        SERVICE,
        now,
    )


def mine(uow, world, i=0):
    with uow:
        return [
            b
            for b in uow.bookings.for_user(world.members[i].id, since=None)
            if b.status is not BookingStatus.CANCELLED
        ]


def _start(result: ActionResult) -> datetime:
    assert result.booking is not None, result.reply
    return datetime.fromisoformat(result.booking["start"])


# --- create ---------------------------------------------------------------------------------


def test_book_me_a_simulator_tomorrow_at_2pm(uow, make_world):
    world = make_world()
    result = act(uow, world, "Book me a simulator tomorrow at 2pm", thread="t-42")
    assert result.intent == "create" and not result.needs_clarification, result.reply
    assert _start(result) == TOMORROW_2PM
    assert datetime.fromisoformat(result.booking["end"]) == TOMORROW_2PM + timedelta(hours=1)
    assert result.booking["source"] == Source.CLUBOS.value
    assert result.booking["metadata"]["clubos_thread_id"] == "t-42"
    assert "Thursday, March 5, 2:00 pm to 3:00 pm" in result.reply
    assert result.thread_id == "t-42" and result.customer_id == str(world.members[0].id)
    with uow:
        events = uow.connection.execute(
            "SELECT detail_type FROM outbox WHERE aggregate_id = %s",
            (uuid.UUID(result.booking["id"]),),
        ).fetchall()
    assert [e["detail_type"] for e in events] == ["booking.created"]


def test_customer_found_by_phone_in_any_spelling_and_by_hubspot_id(uow, make_world, db):
    world = make_world()
    tag = uuid.uuid4().hex[:8]
    digits = str(uuid.uuid4().int)[:7]
    with uow:
        user = uow.users.add(
            email=f"p-{tag}@example.com", phone=f"+1416{digits}", hubspot_id=f"hs-{tag}"
        )
        uow.credits.record(user_id=user.id, delta=10, reason="grant")
        uow.commit()
    for ref in (
        CustomerRef.parse(f"(416) {digits[:3]}-{digits[3:]}"),
        CustomerRef.parse(f"hs-{tag}"),
        CustomerRef.parse(f"P-{tag}@EXAMPLE.com"),
    ):
        result = handle_action(
            ClubOSAction("what are my bookings", ref, location=str(world.location.id)),
            uow,
            SERVICE,
            NOW,
        )
        assert result.customer_id == str(user.id)
    with pytest.raises(NotFound):
        act(uow, world, "what are my bookings", customer=CustomerRef.parse("nobody@nowhere"))


def test_only_services_may_act(uow, make_world):
    world = make_world()
    cmd = ClubOSAction("Book me a simulator tomorrow at 2pm", CustomerRef(world.members[0].email))
    with pytest.raises(Forbidden):
        handle_action(cmd, uow, world.actor(0), NOW)
    assert mine(uow, world) == []


def test_ambiguous_hour_asks_and_books_nothing(uow, make_world):
    world = make_world()
    result = act(uow, world, "book tomorrow at 7")
    assert result.needs_clarification and result.booking is None
    assert "ambiguous_time" in result.codes and "7 am or 7 pm" in result.reply
    assert mine(uow, world) == []


def test_time_skipped_by_spring_forward_asks(uow, make_world):
    world = make_world()
    saturday = datetime(2026, 3, 7, 10, tzinfo=TZ)
    result = act(uow, world, "book a bay tomorrow at 2:30am", now=saturday)
    assert result.needs_clarification and "nonexistent_time" in result.codes
    assert mine(uow, world) == []


def test_taken_time_offers_nearest_options_and_books_nothing(uow, make_world):
    world = make_world(members=3)
    book(uow, world, 1, TOMORROW_2PM, bay=0)
    book(uow, world, 2, TOMORROW_2PM, bay=1)
    result = act(uow, world, "Book me a simulator tomorrow at 2pm")
    assert result.needs_clarification and result.booking is None
    assert "slot_taken" in result.codes
    home = [o for o in result.options if o["location_id"] == str(world.location.id)]
    starts = [datetime.fromisoformat(o["start"]) for o in home]
    assert starts and TOMORROW_2PM not in starts
    assert min(abs(s - TOMORROW_2PM) for s in starts) == timedelta(hours=1)  # 1 or 3 pm
    assert {o["kind"] for o in home} == {"other_time"}
    elsewhere = [o for o in result.options if o not in home]
    assert all(o["kind"] == "other_location" for o in elsewhere)
    assert mine(uow, world) == []


def test_named_bay_taken_offers_same_bay_then_other_bay_same_time(uow, make_world):
    world = make_world(members=2)
    book(uow, world, 1, TOMORROW_2PM, bay=0)
    result = act(uow, world, "book bay 1 tomorrow at 2pm")
    assert result.needs_clarification and result.booking is None
    kinds = [o["kind"] for o in result.options]
    assert kinds[:3] == ["same_bay_other_time", "same_bay_other_time", "other_bay_same_time"]
    same_bay = [o for o in result.options if o["kind"] == "same_bay_other_time"]
    assert {o["resource_id"] for o in same_bay} == {str(world.bays[0].id)}
    assert {datetime.fromisoformat(o["start"]) for o in same_bay} == {
        TOMORROW_2PM - timedelta(hours=1),
        TOMORROW_2PM + timedelta(hours=1),
    }
    other = next(o for o in result.options if o["kind"] == "other_bay_same_time")
    assert other["resource_id"] == str(world.bays[1].id)
    assert datetime.fromisoformat(other["start"]) == TOMORROW_2PM


def test_rules_refusal_says_why_and_offers_only_allowed_times(uow, make_world):
    world = make_world()
    result = act(uow, world, "book a simulator today at 10:30am")
    assert result.booking is None and "TOO_LATE_TO_BOOK" in result.codes
    assert "60 minutes before the start" in result.reply
    assert result.options
    for o in result.options:
        assert datetime.fromisoformat(o["start"]) >= NOW + timedelta(hours=1)
    assert mine(uow, world) == []


def test_early_access_rule_is_honoured_in_options(uow, make_world):
    world = make_world(members=2)
    six = datetime(2026, 3, 5, 6, 0, tzinfo=TZ)
    book(uow, world, 1, six, bay=0)
    result = act(uow, world, "book bay 1 tomorrow at 6am")
    assert result.booking is None and result.options
    for o in result.options:
        assert datetime.fromisoformat(o["start"]).astimezone(TZ).hour >= 6, o


def test_day_part_without_time_lists_choices_instead_of_guessing(uow, make_world):
    world = make_world()
    result = act(uow, world, "Saturday morning please")
    assert result.intent == "create" and result.needs_clarification
    assert "pick_time" in result.codes and result.booking is None
    starts = [datetime.fromisoformat(s["start"]) for s in result.slots]
    assert starts and all(
        s.date() == datetime(2026, 3, 7).date() and 6 <= s.hour < 12 for s in starts
    )
    assert mine(uow, world) == []


def test_a_repeated_request_does_not_double_book(uow, make_world):
    world = make_world()
    first = act(uow, world, "Book me a simulator tomorrow at 2pm")
    again = act(uow, world, "Book me a simulator tomorrow at 2pm")
    assert again.booking["id"] == first.booking["id"] and "already_booked" in again.codes
    longer = act(uow, world, "book me tomorrow at 2pm for 2 hours")
    assert longer.needs_clarification and "overlaps_own_booking" in longer.codes
    assert [o["booking_id"] for o in longer.options] == [first.booking["id"]]
    assert len(mine(uow, world)) == 1


def test_named_bay_duration_and_party_size(uow, make_world):
    world = make_world()
    result = act(uow, world, "book bay 2 next friday 7 to 9pm for 3 people")
    assert result.booking is not None, result.reply
    assert result.booking["resource_id"] == str(world.bays[1].id)
    assert result.booking["party_size"] == 3
    start = datetime.fromisoformat(result.booking["local_start"])
    assert start == datetime(2026, 3, 13, 19, tzinfo=TZ)
    assert start.utcoffset() == timedelta(hours=-4)  # after the DST change
    assert result.booking["credit_cost"] == 2


def test_unknown_bay_asks_with_the_bays(uow, make_world):
    world = make_world()
    result = act(uow, world, "book bay 9 tomorrow at 2pm")
    assert result.needs_clarification and "unknown_bay" in result.codes
    assert {o["resource_id"] for o in result.options} == {str(b.id) for b in world.bays}


def test_location_in_its_own_time_zone(uow, make_world):
    world = make_world(tz="America/Vancouver")
    result = act(uow, world, "Book me a simulator tomorrow at 2pm")
    assert _start(result) == datetime(2026, 3, 5, 14, tzinfo=ZoneInfo("America/Vancouver"))


def test_location_from_favourite_or_asked(uow, make_world):
    world = make_world()
    result = act(uow, world, "Book me a simulator tomorrow at 2pm", location=False)
    assert result.needs_clarification and "location_required" in result.codes
    assert str(world.location.id) in {o["location_id"] for o in result.options}
    book(uow, world, 0, datetime(2026, 3, 2, 18, tzinfo=TZ), now=NOW - timedelta(days=5))
    result = act(uow, world, "Book me a simulator tomorrow at 2pm", location=False)
    assert result.booking is not None and result.location_id == str(world.location.id)


def test_location_named_in_the_message_wins(uow, make_world):
    here, there = make_world(), make_world(tz="America/Vancouver")
    name = there.location.name
    result = act(uow, here, f"Book me a simulator at {name} tomorrow at 2pm")
    assert result.booking is not None and result.location_id == str(there.location.id)
    assert _start(result) == datetime(2026, 3, 5, 14, tzinfo=ZoneInfo("America/Vancouver"))


# --- availability and list ------------------------------------------------------------------


def test_availability_at_a_time_and_in_a_day_part(uow, make_world):
    world = make_world(members=2)
    book(uow, world, 1, TOMORROW_2PM, bay=0)
    result = act(uow, world, "is there a bay free tomorrow at 2pm?")
    assert result.intent == "availability" and not result.needs_clarification
    assert [s["resource_id"] for s in result.slots] == [str(world.bays[1].id)]
    assert "Bay 2 is free" in result.reply
    taken = act(uow, world, "is bay 1 free tomorrow at 2pm?")
    assert taken.slots == [] and taken.options and "slot_taken" in taken.codes
    morning = act(uow, world, "any bays free saturday morning?")
    assert morning.slots and not morning.needs_clarification
    assert all(
        6 <= datetime.fromisoformat(s["start"]).hour < 12 and s["start"].startswith("2026-03-07")
        for s in morning.slots
    )
    assert mine(uow, world) == []


def test_list_my_bookings(uow, make_world):
    world = make_world(tier="gold")
    empty = act(uow, world, "what are my bookings?")
    assert empty.intent == "list" and empty.bookings == []
    book(uow, world, 0, TOMORROW_2PM)
    book(uow, world, 0, datetime(2026, 3, 6, 19, tzinfo=TZ))
    result = act(uow, world, "what are my bookings?")
    assert len(result.bookings) == 2 and "2 upcoming bookings" in result.reply
    friday = act(uow, world, "do I have anything on Friday?")
    assert [b["local_start"] for b in friday.bookings] == [
        datetime(2026, 3, 6, 19, tzinfo=TZ).isoformat()
    ]


# --- cancel and modify ----------------------------------------------------------------------


def test_cancel_the_booking_named_and_ask_when_unclear(uow, make_world):
    world = make_world(tier="gold")
    b1 = book(uow, world, 0, TOMORROW_2PM)
    b2 = book(uow, world, 0, datetime(2026, 3, 6, 19, tzinfo=TZ))
    unclear = act(uow, world, "cancel my booking")
    assert unclear.needs_clarification and "which_booking" in unclear.codes
    assert {o["booking_id"] for o in unclear.options} == {str(b1.id), str(b2.id)}
    result = act(uow, world, "cancel my booking tomorrow")
    assert result.booking["id"] == str(b1.id) and result.booking["status"] == "cancelled"
    assert "1 credit refunded" in result.reply  # more than 24 h ahead: full refund
    left = [b.id for b in mine(uow, world)]
    assert left == [b2.id]
    nothing = act(uow, world, "cancel my 9am booking on friday")
    assert "booking_not_found" in nothing.codes and [b.id for b in mine(uow, world)] == [b2.id]


def test_modify_to_a_new_time_and_relative_shift(uow, make_world):
    world = make_world()
    booking = book(uow, world, 0, TOMORROW_2PM)
    moved = act(uow, world, "move my 2pm tomorrow to 4pm")
    assert moved.booking["id"] == str(booking.id)
    assert _start(moved) == TOMORROW_2PM + timedelta(hours=2) and moved.booking["version"] == 2
    later = act(uow, world, "push it an hour later")
    assert _start(later) == TOMORROW_2PM + timedelta(hours=3)
    longer = act(uow, world, "make it 2 hours")
    assert datetime.fromisoformat(longer.booking["end"]) == TOMORROW_2PM + timedelta(hours=5)


def test_modify_into_a_taken_slot_keeps_the_booking_and_offers_options(uow, make_world):
    world = make_world(members=2)
    booking = book(uow, world, 0, TOMORROW_2PM, bay=0)
    book(uow, world, 1, TOMORROW_2PM + timedelta(hours=2), bay=0)
    result = act(uow, world, "move my booking to 4pm")
    assert result.needs_clarification and "slot_taken" in result.codes
    assert "unchanged" in result.reply and result.options
    with uow:
        current = uow.bookings.get(booking.id)
    assert current is not None and current.start == TOMORROW_2PM and current.version == 1


def test_unknown_message_asks_what_to_do(uow, make_world):
    world = make_world()
    result = act(uow, world, "hello there")
    assert result.intent == "unknown" and result.needs_clarification


@pytest.mark.parametrize(
    "message",
    [
        "book 12/31/9999 at 2pm",
        "book in 99 weeks at 2pm",
        "move my booking to 9999-12-31",
        "cancel my booking on 1/1/9999",
    ],
)
def test_dates_out_of_range_are_asked_about(uow, make_world, message):
    world = make_world()
    book(uow, world, 0, TOMORROW_2PM)
    result = act(uow, world, message)
    assert result.needs_clarification and result.booking is None, result.reply
    assert "date_out_of_range" in result.codes, (result.codes, result.reply)
    with uow:
        current = uow.bookings.for_user(world.members[0].id)
    assert [(b.start, b.version) for b in current] == [(TOMORROW_2PM, 1)]


# --- extend from the bay ----------------------------------------------------------------------


def test_extend_my_booking_30_min_adds_to_the_booking_being_played(uow, make_world):
    world = make_world(members=1)
    playing = book(uow, world, 0, TOMORROW_2PM, now=NOW)
    at_the_bay = TOMORROW_2PM + timedelta(minutes=50)  # 10 minutes before the end
    result = act(uow, world, "extend my booking 30 min", now=at_the_bay)
    assert result.intent == "modify" and not result.needs_clarification, result.reply
    assert datetime.fromisoformat(result.booking["end"]) == playing.end + timedelta(minutes=30)
    assert "3:30 pm" in result.reply
    with uow:
        again = uow.bookings.get(playing.id)
    assert again is not None and again.end == playing.end + timedelta(minutes=30)


def test_extend_too_early_says_when_it_opens_and_changes_nothing(uow, make_world):
    world = make_world(members=1)
    playing = book(uow, world, 0, TOMORROW_2PM, now=NOW)
    result = act(uow, world, "can we get an extra hour", now=TOMORROW_2PM + timedelta(minutes=5))
    assert "from 15 minutes before your booking ends" in result.reply
    assert "2:45 pm" in result.reply
    with uow:
        assert uow.bookings.get(playing.id).end == playing.end


def test_extend_when_the_next_slot_is_taken_says_so(uow, make_world):
    world = make_world(members=2)
    book(uow, world, 0, TOMORROW_2PM, now=NOW)
    book(uow, world, 1, TOMORROW_2PM + timedelta(hours=1), now=NOW)
    result = act(uow, world, "extend by 30 minutes", now=TOMORROW_2PM + timedelta(minutes=50))
    assert "booked right after yours" in result.reply
    assert result.booking is None


# --- several bays at once ---------------------------------------------------------------------


def test_book_2_bays_at_7pm_books_a_group(uow, make_world):
    world = make_world(bays=3, members=1, tier="platinum")
    result = act(uow, world, "book 2 bays tomorrow at 7pm")
    assert result.intent == "create" and not result.needs_clarification, result.reply
    assert len(result.bookings) == 2
    assert len({b["metadata"]["group_id"] for b in result.bookings}) == 1
    assert "Bay 1 and Bay 2" in result.reply
    assert len(mine(uow, world)) == 2


def test_two_bays_when_only_one_is_free_books_nothing_and_says_so(uow, make_world):
    world = make_world(bays=2, members=2, tier="platinum")
    book(uow, world, 1, datetime(2026, 3, 5, 19, 0, tzinfo=TZ), bay=0)
    result = act(uow, world, "book 2 bays tomorrow at 7pm")
    assert result.needs_clarification and "only 1" in result.reply
    assert mine(uow, world) == []
