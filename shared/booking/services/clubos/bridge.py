"""One customer message in, one action through the booking services out (see the package)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from booking.domain.actors import Actor, Role
from booking.domain.errors import (
    BookingRejected,
    Conflict,
    InvalidRequest,
    NotFound,
)
from booking.domain.language import (
    Intent,
    ParsedRequest,
    parse_request,
)
from booking.domain.models import Location
from booking.services.clubos.actions import ActionResult, ClubOSAction
from booking.services.clubos.existing import answer_cancel, answer_list, answer_modify
from booking.services.clubos.new_bookings import answer_availability, answer_create
from booking.services.clubos.places import Places, load_places, resolve_customer
from booking.services.clubos.turn import Turn, clarify_parse
from booking.services.clubos.waitlist_requests import answer_waitlist
from booking.services.customer_context import load_preferences
from booking.services.ports import UnitOfWork
from booking.services.recommendations import (
    MAX_HORIZON,
)


def _default_location(cmd: ClubOSAction, prefs: dict[str, Any], places: Places) -> Location | None:
    if cmd.location:
        given = places.find(cmd.location)
        if given is None:
            raise NotFound(f"location {cmd.location!r} not found", code="LOCATION_NOT_FOUND")
        return given
    favourite = prefs.get("location_id")
    if favourite and UUID(favourite) in places.locations:
        return places.locations[UUID(favourite)]
    if len(places.locations) == 1:
        return next(iter(places.locations.values()))
    return None


def handle_action(cmd: ClubOSAction, uow: UnitOfWork, actor: Actor, now: datetime) -> ActionResult:
    """Understand one customer message and act on it (see the module docstring)."""
    actor.require(Role.SERVICE, Role.ADMIN)
    if not cmd.message.strip():
        raise InvalidRequest("the message is empty", code="EMPTY_MESSAGE")
    user = resolve_customer(cmd.customer, uow)
    with uow:
        places = load_places(uow)
        prefs, _, _ = load_preferences(uow, user.id, now=now)
    default = _default_location(cmd, prefs, places)
    tz = ZoneInfo(default.time_zone) if default else ZoneInfo("UTC")
    try:
        parsed = parse_request(cmd.message, now=now, tz=tz, locations=places.refs())
    except (OverflowError, ValueError):  # a date beyond what the calendar can hold
        parsed = ParsedRequest(intent=Intent.UNKNOWN, message=cmd.message, tz=tz)
        return Turn(cmd, user, actor, now, places, prefs, parsed, default).result(
            "I couldn't read that date. Which day and time would you like?",
            needs_clarification=True,
            codes=["date_out_of_range"],
        )
    location = places.locations[UUID(parsed.location_id)] if parsed.location_id else default
    turn = Turn(cmd, user, actor, now, places, prefs, parsed, location)

    if parsed.needs_clarification:
        return clarify_parse(turn)
    if _beyond_horizon(parsed, now):
        return turn.result(
            f"That is more than {MAX_HORIZON.days} days away. Which day and time would you like?",
            needs_clarification=True,
            codes=["date_out_of_range"],
        )
    try:
        match parsed.intent:
            case Intent.CREATE:
                return answer_create(turn, uow)
            case Intent.AVAILABILITY:
                return answer_availability(turn, uow)
            case Intent.LIST:
                return answer_list(turn, uow)
            case Intent.CANCEL:
                return answer_cancel(turn, uow)
            case Intent.MODIFY:
                return answer_modify(turn, uow)
            case Intent.WAITLIST:
                return answer_waitlist(turn, uow)
            case _:
                return turn.result(
                    "I can book a bay, check what's free, move or cancel a booking, list your "
                    "bookings, or put you on the waitlist for a taken time. What would you like "
                    "to do?",
                    needs_clarification=True,
                    codes=["unknown_intent"],
                )
    except BookingRejected as exc:
        return turn.result(
            f"I can't do that: {exc.message}.",
            codes=["rejected", *(r.code for r in exc.reasons)],
        )
    except (InvalidRequest, Conflict) as exc:
        return turn.result(f"I can't do that: {exc.message}.", codes=["refused", exc.code])


def _beyond_horizon(p: ParsedRequest, now: datetime) -> bool:
    """True when the message names a time no booking could have (and date maths may overflow)."""
    moments = [p.start, p.end, p.window_start, p.window_end]
    if p.target is not None:
        moments.append(p.target.start)
    if any(m is not None and abs(m - now) > MAX_HORIZON for m in moments):
        return True
    days = [p.date, p.target.date if p.target else None]
    if any(d is not None and abs((d - now.date()).days) > MAX_HORIZON.days for d in days):
        return True
    return p.shift_minutes is not None and abs(p.shift_minutes) > MAX_HORIZON.total_seconds() / 60
