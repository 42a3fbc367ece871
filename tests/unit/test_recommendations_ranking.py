"""Pure parts of recommendations and customer context: option ranking and derived preferences."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from booking.domain.models import Booking, BookingStatus, Source
from booking.services.customer_context import derive_preferences
from booking.services.recommendations import (
    Candidate,
    OptionKind,
    Wanted,
    classify,
    option_label,
    rank_options,
)

TZ = ZoneInfo("America/Toronto")
HOME, AWAY = uuid.uuid4(), uuid.uuid4()
BAY1, BAY2, BAY3 = uuid.UUID(int=1), uuid.UUID(int=2), uuid.UUID(int=3)
AT = datetime(2026, 3, 5, 14, tzinfo=TZ)


def cand(bay, hours=0.0, location=HOME):
    start = AT + timedelta(hours=hours)
    return Candidate(location, bay, start, start + timedelta(hours=1))


def test_classify_each_kind():
    wanted = Wanted(HOME, AT, resource_id=BAY1)
    assert classify(cand(BAY1), wanted) is OptionKind.AS_REQUESTED
    assert classify(cand(BAY1, 1), wanted) is OptionKind.SAME_BAY_OTHER_TIME
    assert classify(cand(BAY2), wanted) is OptionKind.OTHER_BAY_SAME_TIME
    assert classify(cand(BAY2, -1), wanted) is OptionKind.OTHER_TIME
    assert classify(cand(BAY1, location=AWAY), wanted) is OptionKind.OTHER_LOCATION
    any_bay = Wanted(HOME, AT)
    assert classify(cand(BAY2), any_bay) is OptionKind.AS_REQUESTED
    assert classify(cand(BAY2, 2), any_bay) is OptionKind.OTHER_TIME


def test_ranking_gives_each_kind_a_share_then_orders_by_kind_and_distance():
    wanted = Wanted(HOME, AT, resource_id=BAY1)
    candidates = [
        cand(BAY1, h)
        for h in (-3, -2, -1, 1, 2, 3)  # same bay, many times
    ] + [cand(BAY2), cand(BAY3), cand(BAY2, 0.5), cand(BAY1, 0, AWAY)]
    ranked = rank_options(candidates, wanted, limit=6, exclude_requested=True)
    assert [o.kind for o in ranked] == [
        OptionKind.SAME_BAY_OTHER_TIME,
        OptionKind.SAME_BAY_OTHER_TIME,
        OptionKind.OTHER_BAY_SAME_TIME,
        OptionKind.OTHER_BAY_SAME_TIME,
        OptionKind.OTHER_TIME,
        OptionKind.OTHER_LOCATION,
    ]
    same_bay = [o.candidate.start - AT for o in ranked[:2]]
    assert same_bay == [timedelta(hours=-1), timedelta(hours=1)]  # nearest, earlier first


def test_ranking_fills_from_the_nearest_when_kinds_run_out():
    wanted = Wanted(HOME, AT, resource_id=BAY1)
    candidates = [cand(BAY1, h) for h in (4, -1, 2, 3, 1)]
    ranked = rank_options(candidates, wanted, limit=4)
    assert [o.candidate.start - AT for o in ranked] == [timedelta(hours=h) for h in (-1, 1, 2, 3)]


def test_ranking_excludes_the_taken_slot_and_duplicates_and_prefers_a_bay_on_ties():
    wanted = Wanted(HOME, AT)
    candidates = [cand(BAY1), cand(BAY1), cand(BAY2, 1), cand(BAY3, 1)]
    ranked = rank_options(candidates, wanted, exclude_requested=True, prefer_resource=BAY3)
    assert [o.candidate.resource_id for o in ranked] == [BAY3, BAY2]
    assert rank_options(candidates, wanted, limit=0) == []
    kept = rank_options(candidates, wanted)
    assert [o.kind for o in kept].count(OptionKind.AS_REQUESTED) == 1


def test_option_label_uses_the_location_wall_clock():
    utc = datetime(2026, 3, 5, 19, tzinfo=UTC)
    assert option_label(utc, TZ, "Bay 1", "King St") == "Thu 5 Mar 2:00 pm, Bay 1 at King St"


def booking(start, *, location=HOME, bay=BAY1, minutes=60, status=BookingStatus.COMPLETED):
    return Booking(
        id=uuid.uuid4(),
        user_id=uuid.uuid4(),
        resource_id=bay,
        location_id=location,
        start=start,
        end=start + timedelta(minutes=minutes),
        party_size=1,
        status=status,
        version=1,
        source=Source.API,
        credit_cost=1,
        metadata={},
        created_at=start,
        updated_at=start,
    )


def test_preferences_from_history_in_local_time():
    sat = datetime(2026, 2, 7, 18, tzinfo=TZ)  # Saturdays at 6 pm, mostly bay 2 at home
    history = [
        booking(sat, bay=BAY2, minutes=120),
        booking(sat + timedelta(days=7), bay=BAY2, minutes=120),
        booking(sat + timedelta(days=14), bay=BAY1, minutes=60),
        booking(sat + timedelta(days=1), location=AWAY, bay=BAY3, minutes=120),
        booking(sat + timedelta(days=2), status=BookingStatus.CANCELLED, bay=BAY3),
        booking(sat + timedelta(days=3), status=BookingStatus.NO_SHOW, bay=BAY3),
    ]
    prefs = derive_preferences(history, {HOME: TZ, AWAY: ZoneInfo("America/Vancouver")})
    assert prefs == {
        "location_id": str(HOME),
        "resource_id": str(BAY2),
        "time": "18:00",
        "day_part": "evening",
        "weekday": "saturday",
        "duration_minutes": 120,
        "based_on_bookings": 4,
    }
    assert derive_preferences([], {}) == {}


def test_preference_ties_go_to_the_most_recent():
    first = datetime(2026, 2, 2, 9, tzinfo=TZ)
    history = [booking(first, bay=BAY1), booking(first + timedelta(days=1, hours=5), bay=BAY2)]
    prefs = derive_preferences(history, {HOME: TZ})
    assert prefs["resource_id"] == str(BAY2) and prefs["time"] == "14:00"
