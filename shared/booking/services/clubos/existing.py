"""The member's existing bookings: list, cancel, modify."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from booking.domain.errors import (
    BookingRejected,
    Conflict,
    InsufficientCredits,
    SlotTaken,
)
from booking.domain.language import (
    BookingRef,
    ClarificationCode,
)
from booking.domain.language.resolution import localize
from booking.domain.models import Booking, Resource
from booking.services import bookings as booking_service
from booking.services.bookings.extend import ExtendBooking, extend_booking
from booking.services.clubos.actions import ActionResult
from booking.services.clubos.formatting import fmt_clock, fmt_day, fmt_moment
from booking.services.clubos.new_bookings import asked_window, offer_window, refusal
from booking.services.clubos.turn import (
    Turn,
    booking_options,
    booking_out,
    describe,
    offer_alternatives,
    requested_bay,
)
from booking.services.ports import UnitOfWork

# --- existing bookings: list, cancel, modify --------------------------------------------------


def _upcoming(turn: Turn, uow: UnitOfWork, *statuses: str) -> list[Booking]:
    with uow:
        return uow.bookings.for_user(
            turn.user.id, since=turn.now, statuses=statuses or ("confirmed", "checked_in")
        )


def _local(turn: Turn, b: Booking) -> datetime:
    loc = turn.places.locations.get(b.location_id)
    return b.start.astimezone(ZoneInfo(loc.time_zone if loc else "UTC"))


def _matches(turn: Turn, b: Booking, ref: BookingRef) -> bool:
    local = _local(turn, b)
    if ref.start is not None:
        return local.date() == ref.start.date() and local.time() == ref.start.time().replace(
            tzinfo=None
        )
    if ref.date is not None and local.date() != ref.date:
        return False
    return ref.time_of_day is None or (local.hour, local.minute) == (
        ref.time_of_day.hour,
        ref.time_of_day.minute,
    )


def _target(turn: Turn, uow: UnitOfWork, verb: str) -> Booking | ActionResult:
    """The one booking the customer points at, or a question back."""
    upcoming = [b for b in _upcoming(turn, uow, "confirmed") if b.start > turn.now]
    if not upcoming:
        return turn.result(f"You have no upcoming bookings to {verb}.", codes=["no_bookings"])
    ref = turn.parsed.target
    matched = [b for b in upcoming if _matches(turn, b, ref)] if ref else upcoming
    if len(matched) == 1:
        return matched[0]
    options = booking_options(turn, matched or upcoming)
    if not matched:
        return turn.result(
            f"I couldn't find that booking. Which one should I {verb}?",
            needs_clarification=True,
            options=options,
            codes=["booking_not_found"],
        )
    return turn.result(
        f"You have {len(matched)} bookings that could be it. Which one should I {verb}?",
        needs_clarification=True,
        options=options,
        codes=["which_booking"],
    )


def answer_list(turn: Turn, uow: UnitOfWork) -> ActionResult:
    bookings = _upcoming(turn, uow)
    window = asked_window(turn)
    if window is not None:
        bookings = [b for b in bookings if window[0] <= _local(turn, b) < window[1]]
    out = [booking_out(turn, b) for b in bookings]
    if not bookings:
        when = f" on {fmt_day(window[0].date())}" if window else ""
        return turn.result(f"You have no upcoming bookings{when}.", bookings=out)
    lines = "; ".join(describe(turn, b) for b in bookings)
    count = f"{len(bookings)} upcoming booking{'s' if len(bookings) != 1 else ''}"
    return turn.result(f"You have {count}: {lines}.", bookings=out)


def answer_cancel(turn: Turn, uow: UnitOfWork) -> ActionResult:
    target = _target(turn, uow, "cancel")
    if isinstance(target, ActionResult):
        return target
    with uow:
        before = uow.credits.balance(turn.user.id)
    cancelled = booking_service.cancel_booking(
        target.id, uow, turn.actor, turn.now, reason=f"clubos: {turn.cmd.message[:200]}"
    )
    with uow:
        refunded = uow.credits.balance(turn.user.id) - before
    refund = (
        f" {refunded} credit{'s' if refunded != 1 else ''} refunded."
        if refunded
        else " No credits were refunded (cancellation policy)."
        if cancelled.credit_cost
        else ""
    )
    return turn.result(
        f"Cancelled: {describe(turn, cancelled)}.{refund}",
        booking=booking_out(turn, cancelled),
    )


def _wall(day: date, clock: time, tz: ZoneInfo) -> tuple[datetime | None, str | None]:
    """A wall time on a day in ``tz``, or a question when the clocks change then."""
    value, problem = localize(day, clock.hour * 60 + clock.minute, tz)
    label = f"{fmt_clock(value)} on {fmt_day(day)}"
    if problem == "gap":
        return None, f"{label} does not exist: the clocks spring forward that night. Which time?"
    if problem == "fold":
        return None, f"{label} happens twice: the clocks fall back that night. Which one?"
    return value, None


def answer_extend(turn: Turn, uow: UnitOfWork, minutes: int) -> ActionResult:
    """ "30 more minutes": add time to the booking being played (or about to end)."""
    current = [b for b in _upcoming(turn, uow) if b.start <= turn.now + timedelta(minutes=15)]
    if not current:
        return turn.result(
            "You have no booking under way to extend. Extending opens 15 minutes before a"
            " booking ends.",
            codes=["no_booking_to_extend"],
        )
    target = min(current, key=lambda b: b.end)
    tz = ZoneInfo(turn.places.locations[target.location_id].time_zone)
    try:
        longer = extend_booking(ExtendBooking(target.id, minutes), uow, turn.actor, turn.now)
    except SlotTaken:
        return turn.result(
            "Sorry, the bay is booked right after yours, so I can't extend it. The front desk"
            " can find you another bay.",
            codes=["slot_taken"],
        )
    except InsufficientCredits:
        return turn.result(
            f"You don't have enough credits for {minutes} more minutes.",
            codes=["insufficient_credits"],
        )
    except BookingRejected as exc:
        reasons = "; ".join(r.message for r in exc.reasons)
        return turn.result(f"I can't extend it: {reasons}.", codes=["extend_refused"])
    except Conflict as exc:
        if exc.code == "EXTEND_NOT_OPEN":
            opens = fmt_moment(target.end - timedelta(minutes=15), tz)
            return turn.result(
                f"You can extend from 15 minutes before your booking ends ({opens}).",
                codes=["extend_not_open"],
            )
        raise
    end = fmt_clock(longer.end.astimezone(tz))
    return turn.result(
        f"Done: you now play until {end} ({minutes} more minutes).",
        booking=booking_out(turn, longer),
    )


def answer_modify(turn: Turn, uow: UnitOfWork) -> ActionResult:
    if turn.parsed.extend_minutes is not None:
        return answer_extend(turn, uow, turn.parsed.extend_minutes)
    target = _target(turn, uow, "change")
    if isinstance(target, ActionResult):
        return target
    p = turn.parsed
    home = turn.places.locations[target.location_id]
    tz = ZoneInfo(home.time_zone)
    local = target.start.astimezone(tz)
    length = target.end - target.start
    new_start: datetime | None = None
    new_end: datetime | None = None
    problem: str | None = None
    if p.shift_minutes is not None:
        new_start = target.start + timedelta(minutes=p.shift_minutes)
    elif p.start is not None:
        new_start, problem = _wall(p.start.date(), p.start.time(), tz)
        if new_start is not None and p.end is not None:
            new_end = new_start + (p.end - p.start)
    elif p.time_of_day is not None:
        new_start, problem = _wall(p.date or local.date(), p.time_of_day, tz)
    elif p.date is not None:
        if p.day_part:
            turn.location = home
            return offer_window(
                turn,
                uow,
                home,
                turn.places.resource(target.resource_id),
                int(length.total_seconds() // 60),
                question="Which time should I move it to?",
            )
        new_start, problem = _wall(p.date, local.time(), tz)
    elif p.duration_minutes is not None:
        new_start = target.start
    if problem:
        return turn.result(problem, needs_clarification=True, codes=["zone_change"])
    if new_start is None and p.duration_minutes is None and p.bay_number is None:
        return turn.result(
            "What should I change it to?",
            needs_clarification=True,
            options=booking_options(turn, [target]),
            codes=[ClarificationCode.MISSING_TIME.value],
        )
    new_start = new_start or target.start
    if new_end is None:
        new_end = new_start + (
            timedelta(minutes=p.duration_minutes) if p.duration_minutes else length
        )
    if new_start <= turn.now:
        return turn.result(
            f"{fmt_moment(new_start, tz)} has already passed. When would you like it?",
            needs_clarification=True,
            codes=[ClarificationCode.PAST_TIME.value],
        )
    bay: Resource | None = None
    if p.bay_number is not None or p.resource_id:
        turn.location = turn.location or home
        picked = requested_bay(turn)
        if isinstance(picked, ActionResult):
            return picked
        bay = picked
    try:
        updated = booking_service.modify_booking(
            booking_service.ModifyBooking(
                booking_id=target.id,
                start=new_start,
                end=new_end,
                resource_id=bay.id if bay else None,
                expected_version=target.version,
            ),
            uow,
            turn.actor,
            turn.now,
        )
    except SlotTaken:
        current_bay = bay or turn.places.resource(target.resource_id)
        where = turn.places.locations[current_bay.location_id] if current_bay else home
        minutes = int((new_end - new_start).total_seconds() // 60)
        name = current_bay.name if current_bay else "That bay"
        return offer_alternatives(
            turn,
            uow,
            f"{name} is already booked {fmt_moment(new_start, tz)}; your booking is unchanged.",
            location=where,
            start=new_start,
            minutes=minutes,
            bay=current_bay,
            resource_type=current_bay.type if current_bay else "simulator",
            codes=["slot_taken"],
        )
    except BookingRejected as exc:
        minutes = int((new_end - new_start).total_seconds() // 60)
        moved_bay = bay or turn.places.resource(target.resource_id)
        result = refusal(
            turn,
            uow,
            home,
            new_start,
            minutes,
            moved_bay,
            moved_bay.type if moved_bay else "simulator",
            [r.as_dict() for r in exc.reasons],
        )
        result.reply = result.reply.replace("I can't book", "I can't move it to", 1)
        return result
    return turn.result(
        f"Done: your booking is now {describe(turn, updated)}.",
        booking=booking_out(turn, updated),
    )
