"""Edge cases of the ClubOS parser that must ask rather than guess (or crash)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from booking.domain.language import Intent, parse_request

TORONTO = ZoneInfo("America/Toronto")
NOW = datetime(2026, 5, 14, 16, 20, tzinfo=TORONTO)  # a Thursday afternoon


@pytest.mark.parametrize(
    "message",
    [
        "12/31/9999",
        "12/31/9999 at 11pm for 2 hours",
        "book 12/31/9999 at midnight",
        "is anything free 12/31/9999",
        "what do i have on 9999-12-31",
        "move my booking to 9999-12-31",
        "cancel my booking on 1/1/9999",
        "dec 31 9999 at 5pm",
    ],
)
def test_far_dates_are_asked_about_not_raised(message: str) -> None:
    parsed = parse_request(message, now=NOW, tz=TORONTO)
    assert parsed.clarification_codes == ("date_out_of_range",)
    assert parsed.start is None and parsed.window_end is None


@pytest.mark.parametrize(
    ("message", "minutes"),
    [
        ("extend my booking by an hour", 60),
        ("can i add 30 mins to my booking", 30),
        ("can we get an extra hour tonight", 60),
        ("extend my booking 30 min", 30),
        ("another 30 minutes please", 30),
        ("can we play 45 minutes longer", 45),
    ],
)
def test_extending_a_booking_reads_how_much_longer(message: str, minutes: int) -> None:
    parsed = parse_request(message, now=NOW, tz=TORONTO)
    assert parsed.intent is Intent.MODIFY
    assert parsed.extend_minutes == minutes and not parsed.needs_clarification
    # Not a new total length nor a new start: the service adds the minutes to the end.
    assert parsed.start is None and parsed.duration_given is False


def test_extending_without_an_amount_asks_how_much() -> None:
    parsed = parse_request("we'd like to stay longer", now=NOW, tz=TORONTO)
    assert parsed.intent is Intent.MODIFY and parsed.extend_minutes is None
    assert parsed.clarification_codes == ("missing_duration",)


@pytest.mark.parametrize(
    ("message", "count", "hour"),
    [
        ("book 2 bays tomorrow at 7pm", 2, 19),
        ("two sims side by side at 8pm", 2, 20),
        ("can i get 3 simulators tomorrow 6pm", 3, 18),
    ],
)
def test_a_number_of_bays_is_one_group_booking(message: str, count: int, hour: int) -> None:
    parsed = parse_request(message, now=NOW, tz=TORONTO)
    assert parsed.intent is Intent.CREATE and not parsed.needs_clarification
    assert parsed.bay_count == count
    assert parsed.start is not None and parsed.start.hour == hour


@pytest.mark.parametrize(
    "message", ["bay 2 and bay 3 friday 6pm", "move my booking to 2 bays", "are 2 bays free at 7pm"]
)
def test_named_bays_or_several_bays_outside_a_new_booking_are_asked_about(message: str) -> None:
    parsed = parse_request(message, now=NOW, tz=TORONTO)
    assert "unsupported_request" in parsed.clarification_codes
    assert parsed.start is None or parsed.bay_count is None


def test_a_window_is_never_a_start() -> None:
    after = parse_request("book after 5pm", now=NOW, tz=TORONTO)
    assert after.start is None and not after.needs_clarification
    assert after.window_start == datetime(2026, 5, 14, 17, tzinfo=TORONTO)
    assert after.window_end == datetime(2026, 5, 15, 0, tzinfo=TORONTO)

    weekend = parse_request("book something this weekend", now=NOW, tz=TORONTO)
    assert weekend.start is None and weekend.date is None
    assert weekend.window_start == datetime(2026, 5, 16, tzinfo=TORONTO)
    assert weekend.window_end == datetime(2026, 5, 18, tzinfo=TORONTO)


def test_a_clock_time_with_a_weekend_asks_which_day() -> None:
    parsed = parse_request("this weekend at 2pm", now=NOW, tz=TORONTO)
    assert parsed.clarification_codes == ("ambiguous_date",)
    one_day = parse_request("saturday this weekend at 2pm", now=NOW, tz=TORONTO)
    assert one_day.start == datetime(2026, 5, 16, 14, tzinfo=TORONTO)


def test_moving_to_a_window_asks_for_the_time() -> None:
    for message in ("move my booking to after 5pm", "move my booking to next week"):
        parsed = parse_request(message, now=NOW, tz=TORONTO)
        assert parsed.intent is Intent.MODIFY
        assert parsed.clarification_codes == ("missing_time",), message


def test_old_hour_of_a_move_follows_the_new_ones_am_pm() -> None:
    parsed = parse_request("change my booking from 6 to 7pm", now=NOW, tz=TORONTO)
    assert parsed.target is not None and parsed.target.time_of_day is not None
    assert parsed.target.time_of_day.hour == 18
    assert parsed.time_of_day is not None and parsed.time_of_day.hour == 19
    both_bare = parse_request("move my 6 to 7", now=NOW, tz=TORONTO)
    assert both_bare.needs_clarification


def test_just_after_midnight_a_small_hour_without_a_day_asks() -> None:
    late = datetime(2026, 5, 15, 0, 20, tzinfo=TORONTO)
    assert parse_request("book for 12:30am", now=late, tz=TORONTO).clarification_codes == (
        "ambiguous_time",
    )
    # Later in the day only the coming night's 00:30 is ahead: no question.
    parsed = parse_request("book for 12:30am", now=NOW, tz=TORONTO)
    assert parsed.start == datetime(2026, 5, 15, 0, 30, tzinfo=TORONTO)


def test_how_about_is_not_approximate_but_around_is() -> None:
    assert not parse_request("how about 7pm tomorrow", now=NOW, tz=TORONTO).needs_clarification
    around = parse_request("tomorrow around 7pm", now=NOW, tz=TORONTO)
    assert around.clarification_codes == ("approximate_time",)
