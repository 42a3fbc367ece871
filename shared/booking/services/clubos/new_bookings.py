"""Creating a booking from a message, and saying what is free.

A time that is taken or refused by the rules is never swapped for another one silently: the
answer offers the nearest times the member may book and asks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from booking.domain.errors import (
    BookingRejected,
    SlotTaken,
)
from booking.domain.language import (
    ClarificationCode,
    ParsedRequest,
)
from booking.domain.language.resolution import localize
from booking.domain.models import Location, Resource, Source
from booking.services import bookings as booking_service
from booking.services.availability import AvailabilityQuery, find_slots
from booking.services.bookings.groups import CreateGroup, create_group
from booking.services.clubos.actions import ActionResult
from booking.services.clubos.formatting import fmt_clock, fmt_day, fmt_moment, fmt_span
from booking.services.clubos.turn import (
    Turn,
    bays_of_type,
    booking_options,
    booking_out,
    describe,
    need_location,
    offer_alternatives,
    overlapping_own,
    requested_bay,
    rule_reasons,
)
from booking.services.first_free import book_first_free
from booking.services.ports import UnitOfWork
from booking.services.recommendations import (
    free_bays_at,
    option_label,
)

MAX_SLOTS = 40  # slots listed in one availability answer
MAX_TIMES_IN_REPLY = 8  # distinct start times spelled out in the reply text


def _window_slots(
    turn: Turn,
    uow: UnitOfWork,
    location: Location,
    window_start: datetime,
    window_end: datetime,
    minutes: int,
    bay: Resource | None,
) -> list[dict[str, Any]]:
    """Free slots the member may book starting in [window_start, window_end)."""
    tz = ZoneInfo(location.time_zone)
    first = window_start.astimezone(tz).date()
    last = max((window_end - timedelta(microseconds=1)).astimezone(tz).date(), first)
    slots, resources = find_slots(
        AvailabilityQuery(
            location_id=location.id,
            first_day=first,
            last_day=last,
            duration_minutes=minutes,
            resource_type=bay.type if bay else turn.parsed.resource_type,
            resource_id=bay.id if bay else None,
        ),
        uow,
        user=turn.user,
        now=turn.now,
    )
    out = []
    for s in slots:
        if window_start <= s.start < window_end:
            name = resources[s.resource_id].name
            out.append(
                {
                    "location_id": str(location.id),
                    "location_name": location.name,
                    "resource_id": str(s.resource_id),
                    "resource_name": name,
                    "start": s.start.astimezone(tz).isoformat(),
                    "end": s.end.astimezone(tz).isoformat(),
                    "label": option_label(s.start, tz, name, location.name),
                }
            )
    return out[:MAX_SLOTS]


def _times_summary(slots: Sequence[dict[str, Any]], tz: ZoneInfo) -> str:
    starts = list(dict.fromkeys(datetime.fromisoformat(s["start"]) for s in slots))
    shown = ", ".join(fmt_clock(t.astimezone(tz)) for t in starts[:MAX_TIMES_IN_REPLY])
    more = len(starts) - MAX_TIMES_IN_REPLY
    return shown + (f" and {more} more" if more > 0 else "")


def asked_window(turn: Turn) -> tuple[datetime, datetime] | None:
    p = turn.parsed
    if p.window_start is not None and p.window_end is not None:
        return p.window_start, p.window_end
    return None


def offer_window(
    turn: Turn,
    uow: UnitOfWork,
    location: Location,
    bay: Resource | None,
    minutes: int,
    *,
    question: str,
) -> ActionResult:
    """No exact time was given: list the free times in the window and ask which."""
    window = asked_window(turn)
    assert window is not None
    start, end = max(window[0], turn.now), window[1]
    tz = ZoneInfo(location.time_zone)
    slots = _window_slots(turn, uow, location, start, end, minutes, bay) if start < end else []
    label = fmt_day(window[0].astimezone(tz).date())
    if turn.parsed.day_part:
        label += f" {turn.parsed.day_part}"
    if not slots:
        return offer_alternatives(
            turn,
            uow,
            f"Nothing is free {label} at {location.name}.",
            location=location,
            start=window[0],
            minutes=minutes,
            bay=bay,
            resource_type=turn.parsed.resource_type,
            codes=["nothing_free"],
        )
    return turn.result(
        f"{question} Free {label} at {location.name}: {_times_summary(slots, tz)}.",
        needs_clarification=True,
        slots=slots,
        options=slots,
        codes=["pick_time"],
    )


def answer_create(turn: Turn, uow: UnitOfWork) -> ActionResult:
    p = turn.parsed
    location = turn.location
    if location is None:
        return need_location(turn)
    requested = requested_bay(turn)
    if isinstance(requested, ActionResult):
        return requested
    minutes = p.duration_minutes or 60
    if p.start is None:
        if asked_window(turn) is None:
            return turn.result(
                "What day and time would you like?",
                needs_clarification=True,
                codes=[ClarificationCode.MISSING_TIME.value],
            )
        return offer_window(
            turn, uow, location, requested, minutes, question="Which time should I book?"
        )
    start = p.start
    end = p.end or start + timedelta(minutes=minutes)
    minutes = int((end - start).total_seconds() // 60)
    tz = ZoneInfo(location.time_zone)
    resource_type = requested.type if requested else p.resource_type

    own = overlapping_own(turn, uow, start, end)
    if own is not None:
        same = (own.start, own.end) == (start, end) and (
            requested is None or requested.id == own.resource_id
        )
        if same:  # a repeated message (ClubOS retried, or the customer sent it twice)
            return turn.result(
                f"You already have {describe(turn, own)}.",
                booking=booking_out(turn, own),
                codes=["already_booked"],
            )
        return turn.result(
            f"You already have {describe(turn, own)}. Should I change that booking instead?",
            needs_clarification=True,
            options=booking_options(turn, [own]),
            codes=["overlaps_own_booking"],
        )

    if p.bay_count:
        return _book_group(turn, uow, location, start, end, resource_type, p.bay_count)
    if requested is not None:
        bays = [requested]
    else:
        of_type = bays_of_type(turn, location, resource_type)
        bays = free_bays_at(uow, location, of_type, start, end)
        favourite = turn.favourite_bay()
        bays.sort(key=lambda r: r.id != favourite)
        if not bays:
            if not of_type:
                return turn.result(
                    f"{location.name} has no {resource_type.replace('_', ' ')} to book.",
                    codes=["no_such_resource"],
                )
            reasons = rule_reasons(turn, uow, of_type[0], start, end)
            if reasons:
                return refusal(turn, uow, location, start, minutes, None, resource_type, reasons)
            return offer_alternatives(
                turn,
                uow,
                f"Every {resource_type.replace('_', ' ')} at {location.name} is booked "
                f"{fmt_moment(start, tz)}.",
                location=location,
                start=start,
                minutes=minutes,
                bay=None,
                resource_type=resource_type,
                codes=["slot_taken"],
            )

    metadata: dict[str, Any] = {"channel": "clubos", "message": turn.cmd.message[:500]}
    if turn.cmd.thread_id:
        metadata["clubos_thread_id"] = turn.cmd.thread_id
    try:
        taken = book_first_free(
            bays,
            lambda bay: booking_service.CreateBooking(
                resource_id=bay.id,
                start=start,
                end=end,
                user_id=turn.user.id,
                party_size=p.party_size or 1,
                source=Source.CLUBOS,
                metadata=metadata,
            ),
            uow,
            turn.actor,
            turn.now,
        )
    except BookingRejected as exc:
        return refusal(
            turn,
            uow,
            location,
            start,
            minutes,
            requested,
            resource_type,
            [r.as_dict() for r in exc.reasons],
        )
    if taken is None:
        what = requested.name if requested else f"Every {resource_type.replace('_', ' ')}"
        return offer_alternatives(
            turn,
            uow,
            f"{what} is already booked {fmt_moment(start, tz)} at {location.name}.",
            location=location,
            start=start,
            minutes=minutes,
            bay=requested,
            resource_type=resource_type,
            codes=["slot_taken"],
        )
    booking, _ = taken
    cost = f" ({booking.credit_cost} credit{'s' if booking.credit_cost != 1 else ''})"
    return turn.result(
        f"You're booked: {describe(turn, booking)}{cost if booking.credit_cost else ''}.",
        booking=booking_out(turn, booking),
    )


def _book_group(
    turn: Turn,
    uow: UnitOfWork,
    location: Location,
    start: datetime,
    end: datetime,
    resource_type: str,
    count: int,
) -> ActionResult:
    """ "2 bays at 7pm": that many free bays of the type, booked together or not at all."""
    tz = ZoneInfo(location.time_zone)
    free = free_bays_at(uow, location, bays_of_type(turn, location, resource_type), start, end)
    kind = resource_type.replace("_", " ")
    if len(free) < count:
        some = f"only {len(free)} {kind}{'s are' if len(free) != 1 else ' is'}" if free else "none"
        return turn.result(
            f"{count} {kind}s side by side aren't free {fmt_moment(start, tz)} at "
            f"{location.name}: {some} free then. Another time, or fewer bays?",
            needs_clarification=True,
            codes=["slot_taken"],
        )
    try:
        made = create_group(
            CreateGroup(
                resource_ids=tuple(b.id for b in free[:count]),
                start=start,
                end=end,
                party_size=turn.parsed.party_size or 1,
                user_id=turn.user.id,
            ),
            uow,
            turn.actor,
            turn.now,
        )
    except SlotTaken:
        return turn.result(
            f"One of those {kind}s was just booked by someone else; nothing was booked. "
            "Shall I look again?",
            needs_clarification=True,
            codes=["slot_taken"],
        )
    except BookingRejected as exc:
        reasons = "; ".join(r.message for r in exc.reasons)
        return turn.result(f"I can't book those {kind}s: {reasons}.", codes=["rule_refused"])
    names = [b.name for b in free[:count]]
    listed = ", ".join(names[:-1]) + " and " + names[-1]
    credits = sum(b.credit_cost for b in made)
    cost = f" ({credits} credit{'s' if credits != 1 else ''})" if credits else ""
    return turn.result(
        f"You're booked: {listed} at {location.name}, {fmt_span(start, end, tz)}{cost}.",
        booking=booking_out(turn, made[0]),
        bookings=[booking_out(turn, b) for b in made],
    )


def refusal(
    turn: Turn,
    uow: UnitOfWork,
    location: Location,
    start: datetime,
    minutes: int,
    bay: Resource | None,
    resource_type: str,
    reasons: list[dict[str, str]],
) -> ActionResult:
    """The rules refuse this time: say why and offer what the member may book instead."""
    why = "; ".join(r["message"] for r in reasons)
    return offer_alternatives(
        turn,
        uow,
        f"I can't book {fmt_moment(start, ZoneInfo(location.time_zone))}: {why}.",
        location=location,
        start=start,
        minutes=minutes,
        bay=bay,
        resource_type=resource_type,
        codes=["rejected", *(r["code"] for r in reasons)],
        always_ask=False,
    )


def answer_availability(turn: Turn, uow: UnitOfWork) -> ActionResult:
    p = turn.parsed
    location = turn.location
    if location is None:
        return need_location(turn)
    requested = requested_bay(turn)
    if isinstance(requested, ActionResult):
        return requested
    minutes = p.duration_minutes or 60
    tz = ZoneInfo(location.time_zone)
    if p.start is None:
        if asked_window(turn) is None:
            today = turn.now.astimezone(tz).date()
            start, _ = localize(today + timedelta(days=1), 0, tz)
            turn.parsed = _with_window(p, turn.now.astimezone(tz), start)
        result = offer_window(turn, uow, location, requested, minutes, question="")
        result.reply = result.reply.strip()
        if result.slots:
            result.needs_clarification = False
            result.codes = []
            result.options = []
        return result
    start = p.start
    end = p.end or start + timedelta(minutes=minutes)
    minutes = int((end - start).total_seconds() // 60)
    resource_type = requested.type if requested else p.resource_type
    candidates = [requested] if requested else bays_of_type(turn, location, resource_type)
    free = free_bays_at(uow, location, candidates, start, end)
    if free:
        reasons = rule_reasons(turn, uow, free[0], start, end)
        if reasons:
            return refusal(turn, uow, location, start, minutes, requested, resource_type, reasons)
        slots = [
            {
                "location_id": str(location.id),
                "location_name": location.name,
                "resource_id": str(r.id),
                "resource_name": r.name,
                "start": start.astimezone(tz).isoformat(),
                "end": end.astimezone(tz).isoformat(),
                "label": option_label(start, tz, r.name, location.name),
            }
            for r in free
        ]
        names = ", ".join(r.name for r in free)
        return turn.result(
            f"Yes: {names} {'is' if len(free) == 1 else 'are'} free {fmt_span(start, end, tz)} "
            f"at {location.name}. Shall I book it?",
            slots=slots,
        )
    what = requested.name if requested else "Nothing"
    verb = "is booked" if requested else "is free"
    return offer_alternatives(
        turn,
        uow,
        f"{what} {verb} {fmt_moment(start, tz)} at {location.name}.",
        location=location,
        start=start,
        minutes=minutes,
        bay=requested,
        resource_type=resource_type,
        codes=["slot_taken"],
        always_ask=False,
    )


def _with_window(p: ParsedRequest, start: datetime, end: datetime) -> ParsedRequest:
    return replace(p, window_start=start, window_end=end)
