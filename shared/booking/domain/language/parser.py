"""``parse_request``: one customer message to one structured, zone-checked booking request."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from booking.domain.language.intents import EXTEND, classify_intent, extension_minutes
from booking.domain.language.model import (
    BookingRef,
    Clarification,
    ClarificationCode,
    Intent,
    LocationRef,
    ParsedRequest,
)
from booking.domain.language.normalize import normalize
from booking.domain.language.resolution import clock_minutes, resolve
from booking.domain.language.time_words import DateOrder
from booking.domain.language.times import Clock, Extraction, Resolution, extract

_BAY = re.compile(r"\b(?:bay|simulator|box|booth|room)\s*(?:number\s*|no\.?\s*|#\s*)?(\d{1,2})\b")
# More than one bay in one request: a booking holds one resource, so this is asked about.
_MULTI_BAY = re.compile(
    r"\b(?:[2-9]|both|multiple|several|two|all|a couple of|couple)\s+(?:of\s+(?:the|your)\s+)?"
    r"(?:bays|simulators|boxes|booths)\b"
    r"|\bbays?\s*#?\d{1,2}\s*(?:and|&|,|\+|or)\s*(?:bay\s*)?#?\d{1,2}\b"
    r"|\b(?:side by side|(?:a )?second bay|another bay|next to each other)\b"
)
# "book 2 bays at 7pm", "two sims side by side": one group booking of that many bays.
_BAY_COUNT = re.compile(
    r"\b(?P<n>[2-8]|two|three|four|five|six|seven|eight|both)\s+(?:of\s+(?:the|your)\s+)?"
    r"(?:bays|simulators|sims|boxes|booths)\b(?:\s+(?:side by side|next to each other))?"
    r"|\b(?:side by side|next to each other)\b"
)
_COUNT_WORDS = {
    "both": 2,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
}
_MEETING_ROOM = re.compile(r"\b(?:meeting|conference|board|event|party)\s*rooms?\b")
_PARTY: tuple[tuple[re.Pattern[str], int], ...] = (
    # "me and 3 friends" is four people; must run before the plain "3 friends" pattern.
    (
        re.compile(
            r"\b(?:me|myself) (?:and|\+|plus) (\d{1,2}) (?:friends|others|guests|buddies)\b"
        ),
        1,
    ),
    (re.compile(r"\b(?:party|group|team) of (\d{1,2})\b"), 0),
    (
        re.compile(
            r"\b(?:for\s+)?(\d{1,2})\s+(?:people|persons|players|golfers|guests|adults|"
            r"of us|ppl|friends|buddies|guys)\b"
        ),
        0,
    ),
)
_PARTY_WORDS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"\bfoursome\b"), 4),
    (re.compile(r"\bthreesome\b"), 3),
    (re.compile(r"\btwosome\b"), 2),
    (re.compile(r"\bjust me\b|\bby myself\b|\bsolo\b"), 1),
    (re.compile(r"\bme and (?:a|my|one) (?:friend|buddy|partner|wife|husband|son|daughter)\b"), 2),
)
# Where the new time starts in "move my booking to 8pm" / "change my 7pm to 8pm".
_MODIFY_SPLIT = re.compile(
    r"\b(?:to|till|until|into|for)\s+(?=(?:the\s+)?(?:\d+|noon|midday|midnight|today|tonight|"
    r"tomorrow|day after|next|this|coming|monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|half|quarter|in \d|later|"
    r"earlier|morning|afternoon|evening|night)\b)"
)
_REF_DAY = r"(?:today|tonight|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_POSSESSIVE_REF = re.compile(
    rf"\b{_REF_DAY}'s\b"
    rf"|\bmy\s+{_REF_DAY}\s+(?:booking|reservation|slot|session|tee time)\b"
    rf"|\bmy\s+(?:booking|reservation|slot|session|tee time)\s+(?:on\s+|for\s+)?{_REF_DAY}\b"
    r"|\bmy\s+(?:\d{1,2}(?::\d{2})?\s*(?:am|pm)?|noon)\b(?:\s*(?:booking|reservation|slot|"
    r"session|tee time))?"
)
_MY_HOUR = re.compile(
    r"\bmy\s+(1[0-2]|[1-9])(?::([0-5]\d))?(?=\s|$)(?!\s*(?:people|guests|friends))"
)
_PLACE_WORDS_TEXT = (
    "the a an my our this that night noon midnight morning afternoon evening least all any "
    "once some most first last same end beginning middle"
)
_PLACE_WORDS = frozenset(_PLACE_WORDS_TEXT.split())
_UNKNOWN_PLACE = re.compile(
    r"\b(?:at|in)\s+(?:the\s+)?([a-z][a-z'\-]+(?:\s+[a-z][a-z'\-]+)?)\s+"
    r"(?:location|club|store|branch|site|clubhouse)\b"
)
_CAPITALIZED_PLACE = re.compile(r"\b(?:at|in)\s+(?:the\s+)?([A-Z][\w'\-]+(?:\s+[A-Z][\w'\-]+)*)")
_CALENDAR_WORDS_TEXT = (
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december noon midnight tonight today tomorrow "
    "i am pm bay"
)
_CALENDAR_WORDS = frozenset(_CALENDAR_WORDS_TEXT.split())


@dataclass(frozen=True)
class _Place:
    location: LocationRef | None
    clarifications: tuple[Clarification, ...]
    text: str


def _find_location(text: str, original: str, locations: Sequence[LocationRef]) -> _Place:
    """Find which location the message names, blanking its name out of ``text``."""
    hits: dict[str, LocationRef] = {}
    for loc in locations:
        names = sorted({loc.name, *loc.aliases}, key=len, reverse=True)
        for name in names:
            pattern = re.compile(r"\b" + re.escape(normalize(name)) + r"\b")
            match = pattern.search(text)
            if match:
                hits[loc.id] = loc
                text = text[: match.start()] + " " * len(match[0]) + text[match.end() :]
                break
    if len(hits) > 1:
        which = " or ".join(loc.name for loc in hits.values())
        return _Place(
            None,
            (Clarification(ClarificationCode.AMBIGUOUS_LOCATION, f"Which location: {which}?"),),
            text,
        )
    if hits:
        return _Place(next(iter(hits.values())), (), text)
    if locations:
        unknown = _unknown_place(text, original)
        if unknown:
            known = ", ".join(loc.name for loc in locations)
            return _Place(
                None,
                (
                    Clarification(
                        ClarificationCode.UNKNOWN_LOCATION,
                        f"I don't know a location called {unknown!r}. We have: {known}.",
                    ),
                ),
                text,
            )
    return _Place(None, (), text)


def _unknown_place(text: str, original: str) -> str | None:
    match = _UNKNOWN_PLACE.search(text)
    if match and match[1].split()[0] not in _PLACE_WORDS:
        return match[1]
    for match in _CAPITALIZED_PLACE.finditer(original):
        words = match[1].lower().split()
        if words[0].rstrip("'s") in _CALENDAR_WORDS or words[0] in _PLACE_WORDS:
            continue
        if normalize(words[0]) in _CALENDAR_WORDS:
            continue
        return match[1]
    return None


def _party_size(buf: list[str]) -> int | None:
    text = buf[0]
    for pattern, extra in _PARTY:
        match = pattern.search(text)
        if match:
            buf[0] = text[: match.start()] + " " * len(match[0]) + text[match.end() :]
            return int(match[1]) + extra
    for pattern, size in _PARTY_WORDS:
        match = pattern.search(text)
        if match:
            buf[0] = text[: match.start()] + " " * len(match[0]) + text[match.end() :]
            return size
    return None


def _split_modify(text: str) -> tuple[str, str]:
    """Split a modify message into (reference to the booking, new time)."""
    match = _MODIFY_SPLIT.search(text)
    if match:
        return text[: match.start()], text[match.end() :]
    ref = _POSSESSIVE_REF.search(text)
    if ref:
        return ref[0], text[: ref.start()] + " " * len(ref[0]) + text[ref.end() :]
    return "", text


def parse_request(
    message: str,
    *,
    now: datetime,
    tz: ZoneInfo,
    locations: Sequence[LocationRef] = (),
    default_duration_minutes: int = 60,
    date_order: DateOrder = "MDY",
) -> ParsedRequest:
    """Read one customer message into a :class:`ParsedRequest`.

    ``now`` must be timezone-aware. ``tz`` is the zone used when the message names no
    location (the location's own zone wins when it does). When exactly one location is given
    it is assumed. Anything that would need a guess (an am/pm-less hour with both readings
    ahead, a wall time skipped or repeated by a DST change, a past time, an unknown place)
    is returned with ``needs_clarification`` and no time picked. See ``times`` for the date
    and time conventions.
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    try:
        return _parse(message, now, tz, locations, default_duration_minutes, date_order)
    except OverflowError:
        # A date at the edge of what datetime holds ("12/31/9999 at 11pm"): ask, never crash.
        return ParsedRequest(
            intent=Intent.UNKNOWN,
            message=message,
            tz=tz,
            clarifications=(
                Clarification(
                    ClarificationCode.DATE_OUT_OF_RANGE, "That date is out of range. Which date?"
                ),
            ),
        )


def _parse(
    message: str,
    now: datetime,
    tz: ZoneInfo,
    locations: Sequence[LocationRef],
    default_duration_minutes: int,
    date_order: DateOrder,
) -> ParsedRequest:
    text = normalize(message)

    place = _find_location(text, message, locations)
    text = place.text
    location = place.location or (locations[0] if len(locations) == 1 else None)
    zone = location.tz if location is not None else tz
    now_local = now.astimezone(zone)
    clarifications: list[Clarification] = list(place.clarifications)

    resource_type = "simulator"
    room = _MEETING_ROOM.search(text)
    if room:
        resource_type = "meeting_room"
        text = text[: room.start()] + " " * len(room[0]) + text[room.end() :]

    bay_number: int | None = None
    resource_id: str | None = None
    bay = _BAY.search(text)
    if bay:
        bay_number = int(bay[1])
        text = text[: bay.start()] + " " * len(bay[0]) + text[bay.end() :]
        if location is not None and location.bays:
            match = next((b for b in location.bays if b.number == bay_number), None)
            if match is None:
                numbers = ", ".join(str(b.number) for b in location.bays if b.number is not None)
                clarifications.append(
                    Clarification(
                        ClarificationCode.UNKNOWN_BAY,
                        f"{location.name} has no bay {bay_number} (bays: {numbers}).",
                    )
                )
            else:
                resource_id = match.id
                resource_type = match.resource_type

    bay_count: int | None = None
    group = _BAY_COUNT.search(text)
    if group and bay_number is None:
        n = group["n"]
        bay_count = 2 if n is None else _COUNT_WORDS.get(n) or int(n)
        text = text[: group.start()] + " " * len(group[0]) + text[group.end() :]

    buf = [text]
    party_size = _party_size(buf)
    text = buf[0]

    whole = extract(text, now=now_local, date_order=date_order)
    intent = classify_intent(normalize(message), has_time=whole.has_time)
    if intent is Intent.MODIFY and EXTEND.search(normalize(message)):
        # Extend from the bay: only how much longer matters; the booking is the one being played.
        minutes = extension_minutes(normalize(message))
        if minutes is None:
            clarifications.append(
                Clarification(
                    ClarificationCode.MISSING_DURATION,
                    'How much longer should I make it? For example "30 more minutes".',
                )
            )
        return ParsedRequest(
            intent=intent,
            message=message,
            tz=zone,
            extend_minutes=minutes,
            location_id=location.id if location else None,
            clarifications=tuple(clarifications),
        )
    unsupported = _unsupported(normalize(message), intent, bay_count)
    if unsupported is not None:
        clarifications.append(unsupported)

    target: BookingRef | None = None
    shift: int | None = None
    if intent is Intent.MODIFY:
        ref_text, new_text = _split_modify(text)
        ref = extract(ref_text, now=now_local, date_order=date_order)
        new = extract(new_text, now=now_local, date_order=date_order)
        if ref.start_clock is None and (mine := _MY_HOUR.search(ref_text)):
            # "change my 6 to 7pm": a bare hour after "my" names the booking's start.
            ref.start_clock = Clock(hour=int(mine[1]), minute=int(mine[2] or 0))
        _borrow_meridiem(ref, new)
        ref_res = resolve(ref, now=now_local, tz=zone, implicit_today=False, check_past=False)
        target = _booking_ref(ref_res)
        res = resolve(
            new,
            now=now_local,
            tz=zone,
            base_date=ref_res.date,
            implicit_today=False,
        )
        clarifications += ref_res.clarifications + res.clarifications
        shift = new.shift_minutes if new.shift_minutes is not None else ref.shift_minutes
        if not clarifications and (new.bound is not None or new.span is not None):
            # "move it to after 5pm" / "to next week": a window, not a new time to move to.
            clarifications.append(
                Clarification(ClarificationCode.MISSING_TIME, "What time should I move it to?")
            )
        if (
            not clarifications
            and shift is None
            and res.date is None
            and res.time_of_day is None
            and res.duration_minutes is None
            and bay_number is None
            and room is None
        ):
            clarifications.append(
                Clarification(ClarificationCode.MISSING_TIME, "What should I change it to?")
            )
    elif intent is Intent.CANCEL:
        res_ref = resolve(whole, now=now_local, tz=zone, implicit_today=False, check_past=False)
        clarifications += res_ref.clarifications
        target = _booking_ref(res_ref)
        res = Resolution()
    elif intent is Intent.LIST:
        res = resolve(whole, now=now_local, tz=zone, check_past=False)
        clarifications += res.clarifications
    else:
        res = resolve(
            whole,
            now=now_local,
            tz=zone,
            fill_end_minutes=default_duration_minutes,
        )
        clarifications += res.clarifications
        if intent in (Intent.CREATE, Intent.WAITLIST) and not whole.has_time and not clarifications:
            clarifications.append(
                Clarification(ClarificationCode.MISSING_TIME, "What day and time would you like?")
            )

    duration = res.duration_minutes
    duration_given = duration is not None
    if duration is None and intent in (Intent.CREATE, Intent.AVAILABILITY, Intent.WAITLIST):
        duration = default_duration_minutes
    if clarifications:
        # Nothing half-resolved goes out with a question: the caller must ask first.
        return ParsedRequest(
            intent=intent,
            message=message,
            tz=zone,
            location_id=location.id if location else None,
            bay_number=bay_number,
            resource_id=resource_id,
            resource_type=resource_type,
            party_size=party_size,
            # An extension's "an hour" is not a new length: nothing to carry over.
            duration_minutes=None if unsupported else duration,
            duration_given=duration_given and unsupported is None,
            target=target,
            clarifications=tuple(clarifications),
        )
    return ParsedRequest(
        intent=intent,
        message=message,
        tz=zone,
        start=res.start,
        end=res.end,
        date=res.date,
        day_part=res.day_part,
        window_start=res.window_start,
        window_end=res.window_end,
        time_of_day=res.time_of_day,
        duration_minutes=duration,
        duration_given=duration_given,
        shift_minutes=shift,
        location_id=location.id if location else None,
        bay_number=bay_number,
        bay_count=bay_count if intent is Intent.CREATE else None,
        resource_id=resource_id,
        resource_type=resource_type,
        party_size=party_size,
        target=target,
    )


def _unsupported(text: str, intent: Intent, bay_count: int | None) -> Clarification | None:
    """Requests the booking model cannot carry; asked about rather than half-done.

    A new booking of a number of bays ("2 bays at 7pm") is a group booking and is carried;
    named bays ("bay 2 and bay 3"), or several bays for a move or a question, are asked about.
    """
    if intent is Intent.CREATE and bay_count is not None:
        return None
    if intent in (Intent.CREATE, Intent.AVAILABILITY, Intent.MODIFY) and _MULTI_BAY.search(text):
        return Clarification(
            ClarificationCode.UNSUPPORTED_REQUEST,
            "I can book one bay per request. Which bay (or how many people) should I start with?",
        )
    return None


def _borrow_meridiem(ref: Extraction, new: Extraction) -> None:
    """ "change my booking from 6 to 7pm": the old hour takes the new one's am/pm.

    Of the two readings of the old hour, the one nearer the new time is taken (a move is
    rarely half a day), just as one side of "7 to 9pm" follows the other.
    """
    old, to = ref.start_clock, new.start_clock
    if old is None or to is None or to.meridiem is None:
        return
    if old.meridiem or old.h24 or old.special or old.approx or not 1 <= old.hour <= 12:
        return
    target = clock_minutes(to, None)[0] % 1440
    best = min(clock_minutes(old, None), key=lambda m: abs(m % 1440 - target))
    ref.start_clock = Clock(
        hour=(best % 1440) // 60 % 12 or 12,
        minute=best % 60,
        meridiem="am" if best % 1440 < 720 else "pm",
    )


def _booking_ref(res: Resolution) -> BookingRef | None:
    if res.date is None and res.time_of_day is None and res.start is None:
        return None
    return BookingRef(date=res.date, time_of_day=res.time_of_day, start=res.start)


__all__ = ["Extraction", "parse_request"]
