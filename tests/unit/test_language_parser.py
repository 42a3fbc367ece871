"""Focused tests for the tricky parts of the ClubOS message parser."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from booking.domain.language import (
    BayRef,
    ClarificationCode,
    Intent,
    LocationRef,
    normalize,
    parse_request,
)
from booking.domain.language.resolution import localize

TORONTO = ZoneInfo("America/Toronto")
LONDON = ZoneInfo("Europe/London")
WED = datetime(2026, 3, 4, 10, 0, tzinfo=TORONTO)  # a Wednesday morning
SAT_BEFORE_SPRING = datetime(2026, 3, 7, 20, 0, tzinfo=TORONTO)
FRI_BEFORE_FALL = datetime(2026, 10, 30, 15, 0, tzinfo=TORONTO)


def at(message: str, now: datetime = WED, tz: ZoneInfo = TORONTO, **kwargs: object):  # type: ignore[no-untyped-def]
    return parse_request(message, now=now, tz=tz, **kwargs)  # type: ignore[arg-type]


class TestDaylightSaving:
    def test_time_in_spring_forward_gap_asks(self) -> None:
        got = at("tomorrow at 2:30am", now=SAT_BEFORE_SPRING)
        assert got.needs_clarification
        assert got.clarification_codes == (ClarificationCode.NONEXISTENT_TIME.value,)
        assert got.start is None and got.end is None
        assert "3:30 am" in got.clarification  # offers the wall time it would become

    def test_end_in_gap_asks(self) -> None:
        got = at("tonight 12am to 2:30am", now=SAT_BEFORE_SPRING)
        assert ClarificationCode.NONEXISTENT_TIME.value in got.clarification_codes

    def test_fall_back_repeated_time_asks(self) -> None:
        got = at("Sunday at 1:30am", now=FRI_BEFORE_FALL)
        assert got.clarification_codes == (ClarificationCode.AMBIGUOUS_FOLD.value,)
        assert got.start is None
        assert "EDT" in got.clarification and "EST" in got.clarification

    def test_fall_back_in_london_asks(self) -> None:
        now = datetime(2026, 10, 23, 12, 0, tzinfo=LONDON)
        got = at("Sunday at 1:30am", now=now, tz=LONDON)
        assert got.clarification_codes == (ClarificationCode.AMBIGUOUS_FOLD.value,)

    def test_duration_is_elapsed_time_across_spring_forward(self) -> None:
        got = at("tonight at 11 for 4 hours", now=SAT_BEFORE_SPRING)
        assert got.start is not None and got.end is not None
        assert got.end - got.start == timedelta(hours=4) or (
            got.end.astimezone(UTC) - got.start.astimezone(UTC) == timedelta(hours=4)
        )
        assert got.end.replace(tzinfo=None) == datetime(2026, 3, 8, 4, 0)  # wall clock skips 2am
        assert got.end.utcoffset() == timedelta(hours=-4)

    def test_range_end_is_wall_time_and_duration_is_real(self) -> None:
        got = at("Saturday 11pm to 3am", now=FRI_BEFORE_FALL)
        assert got.start is not None and got.end is not None
        assert got.end.replace(tzinfo=None) == datetime(2026, 11, 1, 3, 0)
        assert got.duration_minutes == 5 * 60  # four wall hours, five real ones

    def test_localize_reports_gap_and_fold(self) -> None:
        assert localize(date(2026, 3, 8), 2 * 60 + 30, TORONTO)[1] == "gap"
        assert localize(date(2026, 11, 1), 60 + 30, TORONTO)[1] == "fold"
        assert localize(date(2026, 11, 1), 2 * 60 + 30, TORONTO)[1] is None


class TestMidnight:
    def test_booking_crossing_midnight_ends_next_day(self) -> None:
        got = at("tonight at 11 for 2 hours")
        assert got.start == datetime(2026, 3, 4, 23, 0, tzinfo=TORONTO)
        assert got.end == datetime(2026, 3, 5, 1, 0, tzinfo=TORONTO)
        assert got.end is not None and got.start is not None and got.end > got.start

    def test_range_crossing_midnight(self) -> None:
        got = at("Friday 11pm-1am")
        assert got.start == datetime(2026, 3, 6, 23, 0, tzinfo=TORONTO)
        assert got.end == datetime(2026, 3, 7, 1, 0, tzinfo=TORONTO)

    def test_midnight_is_the_end_of_the_named_day(self) -> None:
        assert at("book a bay at midnight").start == datetime(2026, 3, 5, tzinfo=TORONTO)
        assert at("Friday at midnight").start == datetime(2026, 3, 7, tzinfo=TORONTO)
        assert at("tomorrow at 12am").start == datetime(2026, 3, 6, tzinfo=TORONTO)

    def test_small_hours_tonight_are_after_midnight(self) -> None:
        got = at("tonight at 1am")
        assert got.start == datetime(2026, 3, 5, 1, 0, tzinfo=TORONTO)


class TestAmbiguousHour:
    def test_at_7_with_both_readings_ahead_asks(self) -> None:
        got = at("book tomorrow at 7")
        assert got.needs_clarification
        assert got.clarification_codes == (ClarificationCode.AMBIGUOUS_TIME.value,)
        assert "7 am" in got.clarification and "7 pm" in got.clarification
        assert got.start is None

    def test_at_7_when_morning_has_passed_takes_evening(self) -> None:
        got = at("book at 7")
        assert not got.needs_clarification
        assert got.start == datetime(2026, 3, 4, 19, 0, tzinfo=TORONTO)

    def test_at_7_before_dawn_asks(self) -> None:
        got = at("book at 7", now=datetime(2026, 3, 4, 5, 0, tzinfo=TORONTO))
        assert got.clarification_codes == (ClarificationCode.AMBIGUOUS_TIME.value,)

    def test_day_part_settles_the_hour(self) -> None:
        assert at("tomorrow morning at 7").start == datetime(2026, 3, 5, 7, tzinfo=TORONTO)
        assert at("tomorrow evening at 7").start == datetime(2026, 3, 5, 19, tzinfo=TORONTO)

    def test_range_lends_meridiem(self) -> None:
        got = at("next Friday 7 to 9pm")
        assert got.start == datetime(2026, 3, 13, 19, 0, tzinfo=TORONTO)
        assert got.end == datetime(2026, 3, 13, 21, 0, tzinfo=TORONTO)

    def test_unmarked_range_asks(self) -> None:
        got = at("tomorrow 7-9")
        assert got.clarification_codes == (ClarificationCode.AMBIGUOUS_TIME.value,)

    def test_ish_asks(self) -> None:
        got = at("7ish tomorrow")
        assert got.clarification_codes == (ClarificationCode.APPROXIMATE_TIME.value,)

    def test_24_hour_times_are_not_ambiguous(self) -> None:
        assert at("tomorrow 07:00").start == datetime(2026, 3, 5, 7, tzinfo=TORONTO)
        assert at("tomorrow 19:15").start == datetime(2026, 3, 5, 19, 15, tzinfo=TORONTO)


class TestOtherClarifications:
    def test_past_time_asks(self) -> None:
        assert at("today at 9am").clarification_codes == (ClarificationCode.PAST_TIME.value,)

    def test_recent_past_date_asks_rather_than_next_year(self) -> None:
        assert at("3/2 at 5pm").clarification_codes == (ClarificationCode.PAST_TIME.value,)

    def test_unknown_location_asks(self) -> None:
        locations = [LocationRef("yonge", "Yonge Street", TORONTO, aliases=("yonge",))]
        got = at("book at Halifax tomorrow 2pm", locations=locations)
        assert got.clarification_codes == (ClarificationCode.UNKNOWN_LOCATION.value,)


class TestLocationsAndResources:
    HALIFAX = ZoneInfo("America/Halifax")
    LOCATIONS = (
        LocationRef("yonge", "Yonge Street", TORONTO, ("yonge",), (BayRef("y3", 3),)),
        LocationRef("bedford", "Bedford", HALIFAX, (), (BayRef("b1", 1),)),
    )

    def test_location_zone_wins(self) -> None:
        got = at("book at Bedford tomorrow at 2pm", locations=self.LOCATIONS)
        assert got.location_id == "bedford"
        assert got.start == datetime(2026, 3, 5, 14, 0, tzinfo=self.HALIFAX)
        assert got.tz == self.HALIFAX

    def test_bay_resolves_to_resource(self) -> None:
        got = at("bay 3 at yonge tomorrow 2pm", locations=self.LOCATIONS)
        assert (got.bay_number, got.resource_id) == (3, "y3")

    def test_single_location_is_assumed(self) -> None:
        got = at("tomorrow at 2pm", locations=self.LOCATIONS[:1])
        assert got.location_id == "yonge"


class TestIntents:
    @pytest.mark.parametrize(
        ("message", "intent"),
        [
            ("Book me a simulator tomorrow at 2pm", Intent.CREATE),
            ("is there anything free Saturday afternoon?", Intent.AVAILABILITY),
            ("cancle my booking tomorrow", Intent.CANCEL),
            ("move my booking to 8pm", Intent.MODIFY),
            ("do I have anything booked", Intent.LIST),
            ("what's the wifi password", Intent.UNKNOWN),
            ("put me on the waitlist for 7pm tomorrow", Intent.WAITLIST),
            ("can you add us to the wait list saturday at 6", Intent.WAITLIST),
            ("let me know if a bay opens up tomorrow at 2pm", Intent.WAITLIST),
            ("text me when something frees up friday 8pm", Intent.WAITLIST),
            ("is anything free if I come at 7?", Intent.AVAILABILITY),
        ],
    )
    def test_intent(self, message: str, intent: Intent) -> None:
        assert at(message).intent is intent

    def test_the_waitlist_reads_its_time_like_a_booking(self) -> None:
        got = at("put me on the waitlist tomorrow 7pm for 2 hours")
        assert (got.start, got.end) == (
            datetime(2026, 3, 5, 19, 0, tzinfo=TORONTO),
            datetime(2026, 3, 5, 21, 0, tzinfo=TORONTO),
        )
        assert at("waitlist please").clarification_codes == ("missing_time",)

    def test_modify_keeps_reference_and_new_time_apart(self) -> None:
        got = at("change tomorrow's booking to 8pm")
        assert got.target is not None and got.target.date == date(2026, 3, 5)
        assert got.start == datetime(2026, 3, 5, 20, 0, tzinfo=TORONTO)
        assert got.end is None  # the booking keeps its own length

    def test_modify_without_day_returns_only_the_clock_time(self) -> None:
        got = at("move my 7pm to 8pm")
        assert got.target is not None and got.target.time_of_day == time(19, 0)
        assert got.start is None and got.time_of_day == time(20, 0)


def test_normalize_fixes_typos_but_not_real_words() -> None:
    assert normalize("Tommorow simulater bok cancle") == "tomorrow simulator book cancel"
    assert normalize("looking for a chance, unavailable") == "looking for a chance, unavailable"
    assert normalize("7p.m. or 7PM") == "7 pm or 7 pm"


def test_naive_now_is_rejected() -> None:
    with pytest.raises(ValueError):
        parse_request("tomorrow at 2pm", now=datetime(2026, 3, 4, 10), tz=TORONTO)
