"""``parse_request``: one customer message to one structured, zone-checked booking request."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from booking.domain.language.intents import classify_intent
from booking.domain.language.model import (
    BookingRef,
    Clarification,
    ClarificationCode,
    Intent,
    LocationRef,
    ParsedRequest,
)
from booking.domain.language.normalize import normalize
from booking.domain.language.times import DateOrder, Extraction, Resolution, extract, resolve

_BAY = re.compile(r"\b(?:bay|simulator|box|booth|room)\s*(?:number\s*|no\.?\s*|#\s*)?(\d{1,2})\b")
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
_POSSESSIVE_REF = re.compile(
    r"\b(?:today|tonight|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday)'s\b"
    r"|\bmy\s+(?:\d{1,2}(?::\d{2})?\s*(?:am|pm)?|noon)\b(?:\s*(?:booking|reservation|slot|"
    r"session|tee time))?"
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

    buf = [text]
    party_size = _party_size(buf)
    text = buf[0]

    whole = extract(text, now=now_local, date_order=date_order)
    intent = classify_intent(normalize(message), has_time=whole.has_time)

    target: BookingRef | None = None
    shift: int | None = None
    if intent is Intent.MODIFY:
        ref_text, new_text = _split_modify(text)
        ref = extract(ref_text, now=now_local, date_order=date_order)
        new = extract(new_text, now=now_local, date_order=date_order)
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
        if (
            not clarifications
            and shift is None
            and res.date is None
            and res.time_of_day is None
            and res.duration_minutes is None
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
        if intent is Intent.CREATE and not whole.has_time and not clarifications:
            clarifications.append(
                Clarification(ClarificationCode.MISSING_TIME, "What day and time would you like?")
            )

    duration = res.duration_minutes
    duration_given = duration is not None
    if duration is None and intent in (Intent.CREATE, Intent.AVAILABILITY):
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
            duration_minutes=duration,
            duration_given=duration_given,
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
        resource_id=resource_id,
        resource_type=resource_type,
        party_size=party_size,
        target=target,
    )


def _booking_ref(res: Resolution) -> BookingRef | None:
    if res.date is None and res.time_of_day is None and res.start is None:
        return None
    return BookingRef(date=res.date, time_of_day=res.time_of_day, start=res.start)


__all__ = ["Extraction", "parse_request"]
