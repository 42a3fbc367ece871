"""What was extracted, turned into zone-checked instants (see :mod:`booking.domain.language.times`).

``localize`` builds one local wall time and says whether the zone skips or repeats it;
``resolve`` settles a whole extraction: day, clock, window, duration, and what to ask.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from booking.domain.language.model import Clarification, ClarificationCode
from booking.domain.language.time_words import (
    DAY_PARTS,
    MINUTE_SUFFIX_DAY,
    PAST_GRACE,
    SMALL_HOURS_END,
    fmt_day,
    fmt_time,
)
from booking.domain.language.times import Clock, Extraction, Resolution


def localize(day: date, minutes: int, tz: tzinfo) -> tuple[datetime, str | None]:
    """Build the local datetime ``minutes`` after 00:00 of ``day`` and check it.

    Returns the datetime (first occurrence when ambiguous) and ``None``, ``"gap"`` (the wall
    time does not exist: it round-trips through UTC to another wall time) or ``"fold"`` (it
    happens twice).
    """
    day = day + timedelta(days=minutes // MINUTE_SUFFIX_DAY)
    wall = datetime.combine(day, time((minutes % MINUTE_SUFFIX_DAY) // 60, minutes % 60))
    first = wall.replace(tzinfo=tz, fold=0)
    second = wall.replace(tzinfo=tz, fold=1)
    if first.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != wall:
        return first, "gap"
    if first.utcoffset() != second.utcoffset():
        return first, "fold"
    return first, None


def _zone_problem(kind: str, value: datetime, tz: tzinfo) -> Clarification:
    wall = value.replace(tzinfo=None)
    label = f"{fmt_time(wall.hour, wall.minute)} on {fmt_day(wall.date())}"
    if kind == "gap":
        later = (value.astimezone(UTC)).astimezone(tz)
        return Clarification(
            ClarificationCode.NONEXISTENT_TIME,
            f"{label} does not exist: the clocks spring forward that night. "
            f"Did you mean {fmt_time(later.hour, later.minute)}?",
        )
    first = value.replace(fold=0)
    second = value.replace(fold=1)
    return Clarification(
        ClarificationCode.AMBIGUOUS_FOLD,
        f"{label} happens twice: the clocks fall back that night. Do you mean the first "
        f"({first.tzname()}) or the second ({second.tzname()})?",
    )


def resolve(
    ex: Extraction,
    *,
    now: datetime,
    tz: ZoneInfo,
    base_date: date | None = None,
    implicit_today: bool = True,
    check_past: bool = True,
    fill_end_minutes: int | None = None,
) -> Resolution:
    """Turn an extraction into zone-checked local datetimes.

    ``base_date`` is used when the segment named no day (a modify inheriting the day of the
    booking it moves). Without either, a clock time means today when ``implicit_today``,
    otherwise only ``time_of_day`` is returned. ``fill_end_minutes`` gives an end to a start
    that has neither an end nor a duration.
    """
    res = Resolution(clarifications=list(ex.clarifications), day_part=ex.day_part)
    if res.clarifications:
        return res
    now_local = now.astimezone(tz)
    today = now_local.date()
    day = ex.date or base_date
    res.date = day
    res.duration_minutes = ex.duration_minutes
    duration = ex.duration_minutes or fill_end_minutes

    if ex.offset_start is not None:
        res.start = ex.offset_start.astimezone(tz)
        res.date = res.start.date()
        res.time_of_day = res.start.time().replace(tzinfo=None)
        if duration:
            res.end = (res.start.astimezone(UTC) + timedelta(minutes=duration)).astimezone(tz)
        return res

    clock = ex.start_clock
    if ex.span is not None:
        return _resolve_span(ex, res, clock, tz)

    if clock is not None:
        bad = next((c for c in (clock, ex.end_clock) if c is not None and not _valid(c)), None)
        if bad is not None:
            res.clarifications.append(
                Clarification(
                    ClarificationCode.INVALID_TIME, "That time doesn't exist. Which time?"
                )
            )
            return res
        if clock.approx or ex.approx:
            res.clarifications.append(
                Clarification(
                    ClarificationCode.APPROXIMATE_TIME,
                    "What exact time should I book? Bookings start at a set time.",
                )
            )
            return res
        if ex.bound is not None:
            if day is None and not implicit_today:
                return res  # the caller asks: a window needs a day it can be placed on
            return _resolve_bound(ex, res, clock, day or today, now_local, tz, check_past)
        pairs = _pairs(ex, clock)
        if day is None and base_date is None and ex.day_part is None and implicit_today:
            # Just after midnight "12:30am" may be the coming 00:30 or the one after tonight.
            early = [(s - 1440, None if e is None else e - 1440) for s, e in pairs if s >= 1440]
            pairs = list(dict.fromkeys(early + pairs))
        if day is None and not implicit_today:
            if len(pairs) > 1:
                res.clarifications.append(_ambiguous(pairs))
                return res
            start_min, end_min = pairs[0]
            res.time_of_day = time((start_min % 1440) // 60, start_min % 60)
            if end_min is not None:
                res.duration_minutes = end_min - start_min
            return res
        day = day or today
        res.date = day
        candidates = []
        for start_min, end_min in pairs:
            start, problem = localize(day, start_min, tz)
            candidates.append((start_min, end_min, start, problem))
        if len(candidates) > 1 and check_past:
            future = [c for c in candidates if c[2] + PAST_GRACE >= now_local]
            candidates = future or candidates[:1]
        if len(candidates) > 1:
            days = {c[2].date() for c in candidates}
            res.clarifications.append(
                _ambiguous_days([c[2] for c in candidates])
                if len(days) > 1
                else _ambiguous([(c[0], c[1]) for c in candidates])
            )
            return res
        start_min, end_min, start, problem = candidates[0]
        res.time_of_day = time((start_min % 1440) // 60, start_min % 60)
        res.date = start.date()
        if problem:
            res.clarifications.append(_zone_problem(problem, start, tz))
            return res
        if check_past and start + PAST_GRACE < now_local:
            res.clarifications.append(
                Clarification(
                    ClarificationCode.PAST_TIME,
                    f"{fmt_time(start.hour, start.minute)} on {fmt_day(start.date())} "
                    "has already passed. When would you like it?",
                )
            )
            return res
        res.start = start
        if end_min is not None:
            end, end_problem = localize(day, end_min, tz)
            if end_problem:
                res.clarifications.append(_zone_problem(end_problem, end, tz))
                return res
            res.end = end
            res.duration_minutes = int(
                (end.astimezone(UTC) - start.astimezone(UTC)).total_seconds() // 60
            )
        elif duration:
            res.end = (start.astimezone(UTC) + timedelta(minutes=duration)).astimezone(tz)
        return res

    if day is not None or ex.day_part is not None:
        day = day or today
        res.date = day
        lo, hi = DAY_PARTS.get(ex.day_part or "", (0, 24))
        res.window_start, _ = localize(day, lo * 60, tz)
        res.window_end, _ = localize(day, hi * 60, tz)
        # A window bound inside a gap is normalised to the real instant.
        res.window_start = res.window_start.astimezone(UTC).astimezone(tz)
        res.window_end = res.window_end.astimezone(UTC).astimezone(tz)
        if check_past and (day < today or res.window_end <= now_local):
            res.clarifications.append(
                Clarification(
                    ClarificationCode.PAST_TIME,
                    f"{fmt_day(day)}{' ' + ex.day_part if ex.day_part else ''} has already "
                    "passed. Which day did you mean?",
                )
            )
    return res


def _real(value: datetime, tz: ZoneInfo) -> datetime:
    """A window bound that fell in a gap, normalised to the real instant."""
    return value.astimezone(UTC).astimezone(tz)


def _resolve_span(ex: Extraction, res: Resolution, clock: Clock | None, tz: ZoneInfo) -> Resolution:
    """A week or weekend: a window over its days; with a clock time it asks which day."""
    assert ex.span is not None
    first, last = ex.span
    if clock is not None or ex.offset_start is not None:
        res.clarifications.append(
            Clarification(
                ClarificationCode.AMBIGUOUS_DATE,
                f"Which day between {fmt_day(first)} and {fmt_day(last - timedelta(days=1))}?",
            )
        )
        return res
    res.date = None
    res.window_start = _real(localize(first, 0, tz)[0], tz)
    res.window_end = _real(localize(last, 0, tz)[0], tz)
    return res


def _resolve_bound(
    ex: Extraction,
    res: Resolution,
    clock: Clock,
    day: date,
    now_local: datetime,
    tz: ZoneInfo,
    check_past: bool,
) -> Resolution:
    """ "after 5pm" / "before noon": a window on ``day`` bounded by the clock time."""
    minutes = clock_minutes(clock, ex.day_part)
    bounds = [(m, localize(day, m, tz)[0]) for m in minutes]
    if len(bounds) > 1 and check_past:
        # "after 5" sent at 4pm is after 5pm; when both have passed the later one is meant.
        bounds = [b for b in bounds if b[1] + PAST_GRACE >= now_local] or bounds[-1:]
    if len(bounds) > 1:
        label = " or ".join(f"{ex.bound} {fmt_time((m % 1440) // 60, m % 60)}" for m, _ in bounds)
        res.clarifications.append(
            Clarification(ClarificationCode.AMBIGUOUS_TIME, f"Did you mean {label}?")
        )
        return res
    at = bounds[0][0]
    if ex.bound == "after":
        lo, hi = (
            at,
            (MINUTE_SUFFIX_DAY if at < MINUTE_SUFFIX_DAY else 1440 + SMALL_HOURS_END * 60),
        )
    else:
        part_lo = DAY_PARTS[ex.day_part][0] * 60 if ex.day_part in DAY_PARTS else 0
        lo, hi = (part_lo if part_lo < at else 0), at
    res.date = day
    res.window_start = _real(localize(day, lo, tz)[0], tz)
    res.window_end = _real(localize(day, hi, tz)[0], tz)
    if check_past and res.window_end <= now_local:
        res.window_start = res.window_end = None
        res.clarifications.append(
            Clarification(
                ClarificationCode.PAST_TIME,
                f"{fmt_day(day)} {ex.bound} {fmt_time((at % 1440) // 60, at % 60)} has "
                "already passed. Which day did you mean?",
            )
        )
    return res


def _ambiguous_days(starts: list[datetime]) -> Clarification:
    options = [f"{fmt_time(s.hour, s.minute)} on {fmt_day(s.date())}" for s in starts]
    return Clarification(ClarificationCode.AMBIGUOUS_TIME, f"Did you mean {' or '.join(options)}?")


def _ambiguous(pairs: list[tuple[int, int | None]]) -> Clarification:
    options = []
    for start_min, end_min in pairs:
        label = fmt_time((start_min % 1440) // 60, start_min % 60)
        if end_min is not None:
            label += " to " + fmt_time((end_min % 1440) // 60, end_min % 60)
        options.append(label)
    return Clarification(ClarificationCode.AMBIGUOUS_TIME, f"Did you mean {' or '.join(options)}?")


def _valid(clock: Clock) -> bool:
    if clock.special:
        return True
    if clock.minute > 59:
        return False
    if clock.meridiem:
        return 1 <= clock.hour <= 12
    return 0 <= clock.hour <= 23


def clock_minutes(clock: Clock, hint: str | None) -> list[int]:
    """Possible start minutes counted from 00:00 of the requested day (1440+ = next day)."""
    if clock.special == "noon":
        return [720]
    if clock.special == "midnight":
        return [MINUTE_SUFFIX_DAY]
    h, m = clock.hour, clock.minute
    if clock.h24 or h > 12:
        return [h * 60 + m]
    if clock.meridiem == "am":
        if h == 12 or (hint == "night" and h <= 5):  # "tonight at 1am" is after midnight
            return [MINUTE_SUFFIX_DAY + h % 12 * 60 + m]
        return [h * 60 + m]
    if clock.meridiem == "pm":
        return [720 + m] if h == 12 else [(h + 12) * 60 + m]
    if hint == "morning":
        return [h * 60 + m] if h < 12 else [720 + m]
    if hint == "afternoon":
        return [720 + m] if h == 12 else [(h + 12) * 60 + m]
    if hint == "evening":
        return [MINUTE_SUFFIX_DAY + m] if h == 12 else [(h + 12) * 60 + m]
    if hint == "night":
        if h == 12:
            return [MINUTE_SUFFIX_DAY + m]
        if h <= 4:
            return [MINUTE_SUFFIX_DAY + h * 60 + m]
        return [(h + 12) * 60 + m]
    if h == 12:
        return [720 + m, MINUTE_SUFFIX_DAY + m]
    return [h * 60 + m, (h + 12) * 60 + m]


def _pairs(ex: Extraction, clock: Clock) -> list[tuple[int, int | None]]:
    starts = clock_minutes(clock, ex.day_part)
    if ex.end_clock is None:
        return [(s, None) for s in starts]
    end_clock = ex.end_clock
    # Only one side said am/pm: the other follows it (shortest positive span wins below).
    if clock.meridiem and not end_clock.meridiem and not end_clock.h24 and not end_clock.special:
        ends = clock_minutes(end_clock, None)
    elif end_clock.meridiem and not clock.meridiem and not clock.h24 and not clock.special:
        starts = clock_minutes(clock, None) if ex.day_part is None else starts
        ends = clock_minutes(end_clock, ex.day_part)
    else:
        ends = clock_minutes(end_clock, ex.day_part)
    spans: list[tuple[int, int]] = []
    for s in starts:
        for e in ends:
            end = e
            while end <= s:
                end += MINUTE_SUFFIX_DAY
            spans.append((s, end))
    shortest = min(e - s for s, e in spans)
    return list(dict.fromkeys((s, e) for s, e in spans if e - s == shortest))
