"""Which days a booking event touches, and who may see whose booking in a live message."""

from __future__ import annotations

import uuid
from datetime import date

from booking.domain.live import days_touched, local_days, message_for, slot_change

LOC = str(uuid.uuid4())
USER = uuid.uuid4()


def booking(start: str, end: str, **extra: object) -> dict[str, object]:
    return {
        "id": str(uuid.uuid4()),
        "user_id": str(USER),
        "resource_id": str(uuid.uuid4()),
        "location_id": LOC,
        "start": start,
        "end": end,
        "status": "confirmed",
        "version": 1,
        **extra,
    }


def test_days_are_the_locations_wall_clock_days():
    # 03:30 UTC is still the evening before in Toronto.
    from datetime import datetime

    s = datetime.fromisoformat("2026-03-05T03:30:00+00:00")
    e = datetime.fromisoformat("2026-03-05T04:30:00+00:00")
    assert local_days(s, e, "America/Toronto") == {date(2026, 3, 4)}
    assert local_days(s, e, "UTC") == {date(2026, 3, 5)}


def test_a_booking_past_midnight_touches_both_days_and_a_move_both_sides():
    late = booking("2026-03-04T23:00:00-05:00", "2026-03-05T01:00:00-05:00")
    assert days_touched({"booking": late}, "America/Toronto") == {
        date(2026, 3, 4),
        date(2026, 3, 5),
    }
    ending_at_midnight = booking("2026-03-04T23:00:00-05:00", "2026-03-05T00:00:00-05:00")
    assert days_touched({"booking": ending_at_midnight}, "America/Toronto") == {date(2026, 3, 4)}
    moved = {
        "booking": booking("2026-03-09T10:00:00-04:00", "2026-03-09T11:00:00-04:00"),
        "previous": booking("2026-03-04T10:00:00-05:00", "2026-03-04T11:00:00-05:00"),
    }
    assert days_touched(moved, "America/Toronto") == {date(2026, 3, 4), date(2026, 3, 9)}


def test_other_members_see_the_slot_not_the_booking():
    b = booking("2026-03-04T10:00:00-05:00", "2026-03-04T11:00:00-05:00")
    detail = {"event_id": "e1", "booking": b}
    base = slot_change("booking.created", detail, {date(2026, 3, 4)})
    assert base["slot"] == {
        "resource_id": b["resource_id"],
        "start": b["start"],
        "end": b["end"],
        "status": "confirmed",
    }
    assert "user_id" not in str(base) and b["id"] not in str(base)
    stranger = message_for(
        base, detail, role="member", user_id=uuid.uuid4(), location_ids=frozenset()
    )
    assert stranger == base
    owner = message_for(base, detail, role="member", user_id=USER, location_ids=frozenset())
    assert owner["booking"]["id"] == b["id"]
    here = frozenset({uuid.UUID(LOC)})
    staff = message_for(base, detail, role="staff", user_id=None, location_ids=here)
    assert staff["booking"]["status"] == "confirmed"
    elsewhere = message_for(
        base, detail, role="staff", user_id=None, location_ids=frozenset({uuid.uuid4()})
    )
    assert "booking" not in elsewhere


def test_hq_staff_see_the_booking_everywhere():
    b = booking("2026-03-04T10:00:00-05:00", "2026-03-04T11:00:00-05:00")
    detail = {"event_id": "e1", "booking": b}
    base = slot_change("booking.created", detail, {date(2026, 3, 4)})
    hq = message_for(
        base, detail, role="staff", user_id=None, location_ids=frozenset(), all_locations=True
    )
    assert hq["booking"]["id"] == b["id"]
