"""ClubOS "put me on the waitlist for 7pm tomorrow": the customer joins the club's waitlist.

When a bay frees up it is held for them (``booking.services.waitlist``) and ClubOS is told by
the ``waitlist.offered`` event, with a message to pass on; accepting is one tap in the app.
"""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from booking.domain.errors import Conflict
from booking.domain.language import ClarificationCode
from booking.services.clubos.actions import ActionResult
from booking.services.clubos.formatting import fmt_span
from booking.services.clubos.turn import Turn, need_location, requested_bay
from booking.services.ports import UnitOfWork
from booking.services.waitlist import JoinWaitlist, join_waitlist


def answer_waitlist(turn: Turn, uow: UnitOfWork) -> ActionResult:
    """Join the waitlist for the time asked about (one bay if named, else any bay)."""
    p = turn.parsed
    location = turn.location
    if location is None:
        return need_location(turn)
    if p.start is None:
        return turn.result(
            "Which day and time should I put you on the waitlist for?",
            needs_clarification=True,
            codes=[ClarificationCode.MISSING_TIME.value],
        )
    requested = requested_bay(turn)
    if isinstance(requested, ActionResult):
        return requested
    start = p.start
    end = p.end or start + timedelta(minutes=p.duration_minutes or 60)
    when = fmt_span(start, end, ZoneInfo(location.time_zone))
    try:
        join_waitlist(
            JoinWaitlist(
                location_id=location.id,
                start=start,
                end=end,
                resource_id=requested.id if requested else None,
                party_size=p.party_size or 1,
                user_id=turn.user.id,
            ),
            uow,
            turn.actor,
            turn.now,
        )
    except Conflict as exc:
        if exc.code == "SLOT_AVAILABLE":
            raw = (exc.details or {}).get("resource_id")
            free = turn.places.resource(UUID(raw)) if raw else None
            name = free.name if free else "a bay"
            return turn.result(
                f"Good news: {name} is free {when}. Should I book it for you?",
                needs_clarification=True,
                codes=["slot_available"],
            )
        if exc.code == "ALREADY_WAITING":
            return turn.result(
                f"You're already on the waitlist at {location.name} for {when}.",
                codes=["already_waiting"],
            )
        raise
    minutes = location.settings.waitlist_hold_minutes
    return turn.result(
        f"You're on the waitlist at {location.name} for {when}. If a bay frees up, I'll hold it "
        f"for you for {minutes} minutes and let you know.",
        codes=["waitlisted"],
    )
