"""The ClubOS V3 bridge: one customer message in, one action through the booking services out.

``handle_action`` resolves the customer (e-mail, phone or HubSpot id), picks the location (the
one named in the message, else the one given by ClubOS, else the member's favourite, else the
only one), reads the message with :func:`booking.domain.language.parse_request` in that
location's time zone and then acts through the same services as the REST API: create (source
``clubos``), availability, modify, cancel and list.

It never guesses a booking: when the message is ambiguous, names no exact time, or the time is
taken or refused by the rules, the answer asks back (``needs_clarification``) and offers the
nearest options the member may book. Every reply repeats the resolved day and time in the
location's zone, so the customer sees what was understood.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking.domain.actors import Actor, Role
from booking.domain.clubos_names import bay_number
from booking.domain.errors import (
    BookingRejected,
    Conflict,
    InvalidRequest,
    NotFound,
    SlotTaken,
)
from booking.domain.language import (
    BayRef,
    BookingRef,
    ClarificationCode,
    Intent,
    LocationRef,
    ParsedRequest,
    parse_request,
)
from booking.domain.language.times import localize
from booking.domain.models import Booking, Location, Resource, Source, User
from booking.domain.serialization import booking_to_dict
from booking.services import bookings as booking_service
from booking.services.availability import AvailabilityQuery, find_slots
from booking.services.customer_context import load_preferences
from booking.services.members import find_customer
from booking.services.recommendations import (
    MAX_HORIZON,
    Wanted,
    free_bays_at,
    option_label,
    recommend,
)

MAX_SLOTS = 40  # slots listed in one availability answer
MAX_TIMES_IN_REPLY = 8  # distinct start times spelled out in the reply text
HORIZON = MAX_HORIZON  # times further than this from now are asked about, not looked up
_DIGITS = re.compile(r"\D+")


# --- requests and results ---------------------------------------------------------------------


@dataclass(frozen=True)
class CustomerRef:
    """How ClubOS names the customer: any of e-mail, phone or HubSpot contact id."""

    email: str | None = None
    phone: str | None = None
    hubspot_id: str | None = None

    @classmethod
    def parse(cls, text: str) -> CustomerRef:
        """Read one identifier: an e-mail if it has an ``@``, else a phone or a HubSpot id.

        HubSpot ids are digits too, so a bare number is tried as a phone first, then as an id.
        """
        value = text.strip()
        if "@" in value:
            return cls(email=value)
        return cls(phone=value, hubspot_id=value)

    @property
    def empty(self) -> bool:
        """True when no identifier was given."""
        return not (self.email or self.phone or self.hubspot_id)


@dataclass(frozen=True)
class ClubOSAction:
    """``POST /clubos/actions``: a customer's message and who sent it."""

    message: str
    customer: CustomerRef
    location: str | None = None  # id, slug or name
    thread_id: str | None = None


@dataclass
class ActionResult:
    """The bridge's answer: a reply to relay, what was understood and what was done."""

    reply: str
    intent: str
    needs_clarification: bool = False
    booking: dict[str, Any] | None = None
    slots: list[dict[str, Any]] = field(default_factory=list)
    bookings: list[dict[str, Any]] = field(default_factory=list)
    options: list[dict[str, Any]] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    customer_id: str | None = None
    location_id: str | None = None
    thread_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON reply."""
        return {
            "reply": self.reply,
            "intent": self.intent,
            "needs_clarification": self.needs_clarification,
            "booking": self.booking,
            "slots": self.slots,
            "bookings": self.bookings,
            "options": self.options,
            "codes": self.codes,
            "customer_id": self.customer_id,
            "location_id": self.location_id,
            "thread_id": self.thread_id,
        }


# --- formatting -------------------------------------------------------------------------------


def fmt_clock(t: datetime) -> str:
    """``2:00 pm`` (the wall clock of ``t`` as given)."""
    hour = t.hour % 12 or 12
    return f"{hour}:{t.minute:02d} {'am' if t.hour < 12 else 'pm'}"


def fmt_day(d: date) -> str:
    """``Thursday, March 5``."""
    return f"{d:%A}, {d:%B} {d.day}"


def fmt_span(start: datetime, end: datetime, tz: ZoneInfo) -> str:
    """``Thursday, March 5, 2:00 pm to 3:00 pm`` on the location's wall clock."""
    s, e = start.astimezone(tz), end.astimezone(tz)
    text = f"{fmt_day(s.date())}, {fmt_clock(s)} to {fmt_clock(e)}"
    if e.date() != s.date():
        text += f" ({fmt_day(e.date())})"
    return text


def _fmt_moment(start: datetime, tz: ZoneInfo) -> str:
    s = start.astimezone(tz)
    return f"{fmt_day(s.date())} at {fmt_clock(s)}"


# --- the places the parser may hear of --------------------------------------------------------


@dataclass
class _Places:
    locations: dict[UUID, Location]
    resources: dict[UUID, list[Resource]]

    def refs(self) -> list[LocationRef]:
        out = []
        for loc in self.locations.values():
            bays = tuple(
                BayRef(id=str(r.id), number=bay_number(r), name=r.name, resource_type=r.type)
                for r in self.resources.get(loc.id, [])
            )
            aliases = tuple({loc.slug, loc.slug.replace("-", " ")} - {loc.name})
            out.append(
                LocationRef(
                    id=str(loc.id),
                    name=loc.name,
                    tz=ZoneInfo(loc.time_zone),
                    aliases=aliases,
                    bays=bays,
                )
            )
        return out

    def find(self, text: str) -> Location | None:
        try:
            return self.locations.get(UUID(text))
        except ValueError:
            pass
        key = text.strip().lower()
        for loc in self.locations.values():
            if key in (loc.slug.lower(), loc.name.lower()):
                return loc
        return None

    def resource(self, resource_id: UUID) -> Resource | None:
        for bays in self.resources.values():
            for r in bays:
                if r.id == resource_id:
                    return r
        return None


def _load_places(uow: PostgresUnitOfWork) -> _Places:
    locations = {loc.id: loc for loc in uow.locations.list()}
    resources: dict[UUID, list[Resource]] = {}
    for r in uow.resources.list():
        resources.setdefault(r.location_id, []).append(r)
    for bays in resources.values():
        bays.sort(key=lambda r: (bay_number(r) or 0, r.name))
    return _Places(locations, resources)


def resolve_customer(ref: CustomerRef, uow: PostgresUnitOfWork) -> User:
    """The member ClubOS names; phone numbers are tried as given and in common spellings."""
    if ref.empty:
        raise InvalidRequest("name the customer by email, phone or hubspot_id", code="NO_CUSTOMER")
    phones: list[str | None] = [ref.phone]
    if ref.phone:
        digits = _DIGITS.sub("", ref.phone)
        if digits:
            phones += [digits, "+" + digits]
            if len(digits) == 10:  # North American number without the country code
                phones += ["+1" + digits, "1" + digits]
    last: NotFound | None = None
    for i, phone in enumerate(dict.fromkeys(phones)):
        try:
            return find_customer(
                uow,
                email=ref.email if i == 0 else None,
                phone=phone,
                hubspot_id=ref.hubspot_id if i == 0 else None,
            )
        except NotFound as exc:
            last = exc
    assert last is not None
    raise last


# --- the bridge -------------------------------------------------------------------------------


@dataclass
class _Turn:
    """Everything one action needs, resolved once."""

    cmd: ClubOSAction
    user: User
    actor: Actor
    now: datetime
    places: _Places
    prefs: dict[str, Any]
    parsed: ParsedRequest
    location: Location | None

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.location.time_zone) if self.location else self.parsed.tz

    def result(self, reply: str, **kwargs: Any) -> ActionResult:
        return ActionResult(
            reply=reply,
            intent=self.parsed.intent.value,
            customer_id=str(self.user.id),
            location_id=str(self.location.id) if self.location else None,
            thread_id=self.cmd.thread_id,
            **kwargs,
        )

    def favourite_bay(self) -> UUID | None:
        raw = self.prefs.get("resource_id")
        return UUID(raw) if raw else None


def _default_location(cmd: ClubOSAction, prefs: dict[str, Any], places: _Places) -> Location | None:
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


def handle_action(
    cmd: ClubOSAction, uow: PostgresUnitOfWork, actor: Actor, now: datetime
) -> ActionResult:
    """Understand one customer message and act on it (see the module docstring)."""
    actor.require(Role.SERVICE, Role.ADMIN)
    if not cmd.message.strip():
        raise InvalidRequest("the message is empty", code="EMPTY_MESSAGE")
    user = resolve_customer(cmd.customer, uow)
    with uow:
        places = _load_places(uow)
        prefs, _, _ = load_preferences(uow, user.id, now=now)
    default = _default_location(cmd, prefs, places)
    tz = ZoneInfo(default.time_zone) if default else ZoneInfo("UTC")
    try:
        parsed = parse_request(cmd.message, now=now, tz=tz, locations=places.refs())
    except (OverflowError, ValueError):  # a date beyond what the calendar can hold
        parsed = ParsedRequest(intent=Intent.UNKNOWN, message=cmd.message, tz=tz)
        return _Turn(cmd, user, actor, now, places, prefs, parsed, default).result(
            "I couldn't read that date. Which day and time would you like?",
            needs_clarification=True,
            codes=["date_out_of_range"],
        )
    location = places.locations[UUID(parsed.location_id)] if parsed.location_id else default
    turn = _Turn(cmd, user, actor, now, places, prefs, parsed, location)

    if parsed.needs_clarification:
        return _clarify_parse(turn)
    if _beyond_horizon(parsed, now):
        return turn.result(
            f"That is more than {HORIZON.days} days away. Which day and time would you like?",
            needs_clarification=True,
            codes=["date_out_of_range"],
        )
    try:
        match parsed.intent:
            case Intent.CREATE:
                return _create(turn, uow)
            case Intent.AVAILABILITY:
                return _availability(turn, uow)
            case Intent.LIST:
                return _list(turn, uow)
            case Intent.CANCEL:
                return _cancel(turn, uow)
            case Intent.MODIFY:
                return _modify(turn, uow)
            case _:
                return turn.result(
                    "I can book a bay, check what's free, move or cancel a booking, or list "
                    "your bookings. What would you like to do?",
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
    if any(m is not None and abs(m - now) > HORIZON for m in moments):
        return True
    days = [p.date, p.target.date if p.target else None]
    if any(d is not None and abs((d - now.date()).days) > HORIZON.days for d in days):
        return True
    return p.shift_minutes is not None and abs(p.shift_minutes) > HORIZON.total_seconds() / 60


def _location_options(places: _Places) -> list[dict[str, Any]]:
    return [
        {"kind": "location", "location_id": str(loc.id), "label": loc.name}
        for loc in sorted(places.locations.values(), key=lambda loc: loc.name)
    ]


def _bay_options(places: _Places, location: Location) -> list[dict[str, Any]]:
    return [
        {
            "kind": "bay",
            "location_id": str(location.id),
            "resource_id": str(r.id),
            "label": f"{r.name} at {location.name}",
        }
        for r in places.resources.get(location.id, [])
        if r.bookable
    ]


def _clarify_parse(turn: _Turn) -> ActionResult:
    codes = list(turn.parsed.clarification_codes)
    options: list[dict[str, Any]] = []
    if {ClarificationCode.AMBIGUOUS_LOCATION, ClarificationCode.UNKNOWN_LOCATION} & set(
        c.code for c in turn.parsed.clarifications
    ):
        options = _location_options(turn.places)
    elif ClarificationCode.UNKNOWN_BAY.value in codes and turn.location is not None:
        options = _bay_options(turn.places, turn.location)
    return turn.result(
        turn.parsed.clarification, needs_clarification=True, options=options, codes=codes
    )


def _need_location(turn: _Turn) -> ActionResult:
    names = " or ".join(sorted(loc.name for loc in turn.places.locations.values()))
    return turn.result(
        f"Which location would you like: {names}?",
        needs_clarification=True,
        options=_location_options(turn.places),
        codes=["location_required"],
    )


def _requested_bay(turn: _Turn) -> Resource | ActionResult | None:
    """The bay the message named at the turn's location (None: any bay will do)."""
    p = turn.parsed
    if p.resource_id:
        bay = turn.places.resource(UUID(p.resource_id))
        if bay is not None and turn.location is not None and bay.location_id == turn.location.id:
            return bay
    if p.bay_number is None or turn.location is None:
        return None
    for bay in turn.places.resources.get(turn.location.id, []):
        if bay_number(bay) == p.bay_number:
            return bay
    numbers = ", ".join(
        str(n)
        for n in (bay_number(b) for b in turn.places.resources.get(turn.location.id, []))
        if n is not None
    )
    return turn.result(
        f"{turn.location.name} has no bay {p.bay_number} (bays: {numbers}).",
        needs_clarification=True,
        options=_bay_options(turn.places, turn.location),
        codes=[ClarificationCode.UNKNOWN_BAY.value],
    )


def _bays_of_type(turn: _Turn, location: Location, resource_type: str) -> list[Resource]:
    return [
        r
        for r in turn.places.resources.get(location.id, [])
        if r.type == resource_type and r.bookable
    ]


def _options(
    turn: _Turn,
    uow: PostgresUnitOfWork,
    *,
    location: Location,
    start: datetime,
    minutes: int,
    bay: Resource | None,
    resource_type: str,
) -> list[dict[str, Any]]:
    """Nearest bookable options for the member, the wanted slot itself left out."""
    wanted = Wanted(
        location_id=location.id,
        start=start,
        duration_minutes=minutes,
        resource_id=bay.id if bay else None,
        resource_type=resource_type,
    )
    try:
        return recommend(
            uow,
            user=turn.user,
            wanted=wanted,
            now=turn.now,
            exclude_requested=True,
            prefer_resource=turn.favourite_bay(),
        )
    except (BookingRejected, InvalidRequest):
        return []  # the duration itself is refused: no other time would do


def _offer_line(options: Sequence[dict[str, Any]]) -> str:
    if not options:
        return ""
    return " Nearest free: " + "; ".join(o["label"] for o in options) + "."


def _rule_reasons(
    turn: _Turn, uow: PostgresUnitOfWork, bay: Resource, start: datetime, end: datetime
) -> list[dict[str, str]]:
    """Why the member could not book ``bay`` then, leaving out the slot being taken."""
    check = booking_service.check_booking(
        booking_service.CreateBooking(
            resource_id=bay.id,
            start=start,
            end=end,
            user_id=turn.user.id,
            party_size=turn.parsed.party_size or 1,
            source=Source.CLUBOS,
        ),
        uow,
        turn.actor,
        turn.now,
    )
    return [r for r in check["reasons"] if r["code"] != "SLOT_TAKEN"]


def _overlapping_own(
    turn: _Turn, uow: PostgresUnitOfWork, start: datetime, end: datetime
) -> Booking | None:
    with uow:
        mine = uow.bookings.for_user(
            turn.user.id, since=start, statuses=("confirmed", "checked_in")
        )
    return next((b for b in mine if b.start < end and start < b.end), None)


def _booking_out(turn: _Turn, booking: Booking) -> dict[str, Any]:
    out = booking_to_dict(booking)
    loc = turn.places.locations.get(booking.location_id)
    bay = turn.places.resource(booking.resource_id)
    out["location_name"] = loc.name if loc else None
    out["resource_name"] = bay.name if bay else None
    if loc is not None:
        tz = ZoneInfo(loc.time_zone)
        out["local_start"] = booking.start.astimezone(tz).isoformat()
        out["local_end"] = booking.end.astimezone(tz).isoformat()
    return out


def _describe(turn: _Turn, booking: Booking) -> str:
    loc = turn.places.locations.get(booking.location_id)
    bay = turn.places.resource(booking.resource_id)
    tz = ZoneInfo(loc.time_zone if loc else "UTC")
    where = f"{bay.name if bay else 'a bay'} at {loc.name if loc else 'the club'}"
    return f"{where}, {fmt_span(booking.start, booking.end, tz)}"


def _window_slots(
    turn: _Turn,
    uow: PostgresUnitOfWork,
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


def _window(turn: _Turn) -> tuple[datetime, datetime] | None:
    p = turn.parsed
    if p.window_start is not None and p.window_end is not None:
        return p.window_start, p.window_end
    return None


def _offer_window(
    turn: _Turn,
    uow: PostgresUnitOfWork,
    location: Location,
    bay: Resource | None,
    minutes: int,
    *,
    question: str,
) -> ActionResult:
    """No exact time was given: list the free times in the window and ask which."""
    window = _window(turn)
    assert window is not None
    start, end = max(window[0], turn.now), window[1]
    tz = ZoneInfo(location.time_zone)
    slots = _window_slots(turn, uow, location, start, end, minutes, bay) if start < end else []
    label = fmt_day(window[0].astimezone(tz).date())
    if turn.parsed.day_part:
        label += f" {turn.parsed.day_part}"
    if not slots:
        options = _options(
            turn,
            uow,
            location=location,
            start=window[0],
            minutes=minutes,
            bay=bay,
            resource_type=turn.parsed.resource_type,
        )
        return turn.result(
            f"Nothing is free {label} at {location.name}.{_offer_line(options)}",
            needs_clarification=True,
            options=options,
            codes=["nothing_free"],
        )
    return turn.result(
        f"{question} Free {label} at {location.name}: {_times_summary(slots, tz)}.",
        needs_clarification=True,
        slots=slots,
        options=slots,
        codes=["pick_time"],
    )


def _create(turn: _Turn, uow: PostgresUnitOfWork) -> ActionResult:
    p = turn.parsed
    location = turn.location
    if location is None:
        return _need_location(turn)
    requested = _requested_bay(turn)
    if isinstance(requested, ActionResult):
        return requested
    minutes = p.duration_minutes or 60
    if p.start is None:
        if _window(turn) is None:
            return turn.result(
                "What day and time would you like?",
                needs_clarification=True,
                codes=[ClarificationCode.MISSING_TIME.value],
            )
        return _offer_window(
            turn, uow, location, requested, minutes, question="Which time should I book?"
        )
    start = p.start
    end = p.end or start + timedelta(minutes=minutes)
    minutes = int((end - start).total_seconds() // 60)
    tz = ZoneInfo(location.time_zone)
    resource_type = requested.type if requested else p.resource_type

    own = _overlapping_own(turn, uow, start, end)
    if own is not None:
        same = (own.start, own.end) == (start, end) and (
            requested is None or requested.id == own.resource_id
        )
        if same:  # a repeated message (ClubOS retried, or the customer sent it twice)
            return turn.result(
                f"You already have {_describe(turn, own)}.",
                booking=_booking_out(turn, own),
                codes=["already_booked"],
            )
        return turn.result(
            f"You already have {_describe(turn, own)}. Should I change that booking instead?",
            needs_clarification=True,
            options=_booking_options(turn, [own]),
            codes=["overlaps_own_booking"],
        )

    if requested is not None:
        bays = [requested]
    else:
        of_type = _bays_of_type(turn, location, resource_type)
        bays = free_bays_at(uow, location, of_type, start, end)
        favourite = turn.favourite_bay()
        bays.sort(key=lambda r: r.id != favourite)
        if not bays:
            if not of_type:
                return turn.result(
                    f"{location.name} has no {resource_type.replace('_', ' ')} to book.",
                    codes=["no_such_resource"],
                )
            reasons = _rule_reasons(turn, uow, of_type[0], start, end)
            if reasons:
                return _refused(turn, uow, location, start, minutes, None, resource_type, reasons)
            options = _options(
                turn,
                uow,
                location=location,
                start=start,
                minutes=minutes,
                bay=None,
                resource_type=resource_type,
            )
            return turn.result(
                f"Every {resource_type.replace('_', ' ')} at {location.name} is booked "
                f"{_fmt_moment(start, tz)}.{_offer_line(options)}",
                needs_clarification=True,
                options=options,
                codes=["slot_taken"],
            )

    metadata: dict[str, Any] = {"channel": "clubos", "message": turn.cmd.message[:500]}
    if turn.cmd.thread_id:
        metadata["clubos_thread_id"] = turn.cmd.thread_id
    for i, bay in enumerate(bays):
        try:
            booking = booking_service.create_booking(
                booking_service.CreateBooking(
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
        except SlotTaken:
            if i + 1 < len(bays):
                continue  # taken a moment ago: the next free bay will do
            options = _options(
                turn,
                uow,
                location=location,
                start=start,
                minutes=minutes,
                bay=requested,
                resource_type=resource_type,
            )
            what = requested.name if requested else f"Every {resource_type.replace('_', ' ')}"
            return turn.result(
                f"{what} is already booked {_fmt_moment(start, tz)} at {location.name}."
                f"{_offer_line(options)}",
                needs_clarification=True,
                options=options,
                codes=["slot_taken"],
            )
        except BookingRejected as exc:
            return _refused(
                turn,
                uow,
                location,
                start,
                minutes,
                requested,
                resource_type,
                [r.as_dict() for r in exc.reasons],
            )
        cost = f" ({booking.credit_cost} credit{'s' if booking.credit_cost != 1 else ''})"
        return turn.result(
            f"You're booked: {_describe(turn, booking)}{cost if booking.credit_cost else ''}.",
            booking=_booking_out(turn, booking),
        )
    raise AssertionError("unreachable: at least one bay was tried")


def _refused(
    turn: _Turn,
    uow: PostgresUnitOfWork,
    location: Location,
    start: datetime,
    minutes: int,
    bay: Resource | None,
    resource_type: str,
    reasons: list[dict[str, str]],
) -> ActionResult:
    """The rules refuse this time: say why and offer what the member may book instead."""
    options = _options(
        turn,
        uow,
        location=location,
        start=start,
        minutes=minutes,
        bay=bay,
        resource_type=resource_type,
    )
    why = "; ".join(r["message"] for r in reasons)
    return turn.result(
        f"I can't book {_fmt_moment(start, ZoneInfo(location.time_zone))}: {why}."
        f"{_offer_line(options)}",
        needs_clarification=bool(options),
        options=options,
        codes=["rejected", *(r["code"] for r in reasons)],
    )


def _availability(turn: _Turn, uow: PostgresUnitOfWork) -> ActionResult:
    p = turn.parsed
    location = turn.location
    if location is None:
        return _need_location(turn)
    requested = _requested_bay(turn)
    if isinstance(requested, ActionResult):
        return requested
    minutes = p.duration_minutes or 60
    tz = ZoneInfo(location.time_zone)
    if p.start is None:
        if _window(turn) is None:
            today = turn.now.astimezone(tz).date()
            start, _ = localize(today + timedelta(days=1), 0, tz)
            turn.parsed = _with_window(p, turn.now.astimezone(tz), start)
        result = _offer_window(turn, uow, location, requested, minutes, question="")
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
    candidates = [requested] if requested else _bays_of_type(turn, location, resource_type)
    free = free_bays_at(uow, location, candidates, start, end)
    if free:
        reasons = _rule_reasons(turn, uow, free[0], start, end)
        if reasons:
            return _refused(turn, uow, location, start, minutes, requested, resource_type, reasons)
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
    options = _options(
        turn,
        uow,
        location=location,
        start=start,
        minutes=minutes,
        bay=requested,
        resource_type=resource_type,
    )
    what = requested.name if requested else "Nothing"
    verb = "is booked" if requested else "is free"
    return turn.result(
        f"{what} {verb} {_fmt_moment(start, tz)} at {location.name}.{_offer_line(options)}",
        needs_clarification=bool(options),
        options=options,
        codes=["slot_taken"],
    )


def _with_window(p: ParsedRequest, start: datetime, end: datetime) -> ParsedRequest:
    return replace(p, window_start=start, window_end=end)


# --- existing bookings: list, cancel, modify --------------------------------------------------


def _upcoming(turn: _Turn, uow: PostgresUnitOfWork, *statuses: str) -> list[Booking]:
    with uow:
        return uow.bookings.for_user(
            turn.user.id, since=turn.now, statuses=statuses or ("confirmed", "checked_in")
        )


def _local(turn: _Turn, b: Booking) -> datetime:
    loc = turn.places.locations.get(b.location_id)
    return b.start.astimezone(ZoneInfo(loc.time_zone if loc else "UTC"))


def _matches(turn: _Turn, b: Booking, ref: BookingRef) -> bool:
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


def _booking_options(turn: _Turn, bookings: Sequence[Booking]) -> list[dict[str, Any]]:
    return [
        {"kind": "booking", "booking_id": str(b.id), "label": _describe(turn, b)} for b in bookings
    ]


def _target(turn: _Turn, uow: PostgresUnitOfWork, verb: str) -> Booking | ActionResult:
    """The one booking the customer points at, or a question back."""
    upcoming = [b for b in _upcoming(turn, uow, "confirmed") if b.start > turn.now]
    if not upcoming:
        return turn.result(f"You have no upcoming bookings to {verb}.", codes=["no_bookings"])
    ref = turn.parsed.target
    matched = [b for b in upcoming if _matches(turn, b, ref)] if ref else upcoming
    if len(matched) == 1:
        return matched[0]
    options = _booking_options(turn, matched or upcoming)
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


def _list(turn: _Turn, uow: PostgresUnitOfWork) -> ActionResult:
    bookings = _upcoming(turn, uow)
    window = _window(turn)
    if window is not None:
        bookings = [b for b in bookings if window[0] <= _local(turn, b) < window[1]]
    out = [_booking_out(turn, b) for b in bookings]
    if not bookings:
        when = f" on {fmt_day(window[0].date())}" if window else ""
        return turn.result(f"You have no upcoming bookings{when}.", bookings=out)
    lines = "; ".join(_describe(turn, b) for b in bookings)
    count = f"{len(bookings)} upcoming booking{'s' if len(bookings) != 1 else ''}"
    return turn.result(f"You have {count}: {lines}.", bookings=out)


def _cancel(turn: _Turn, uow: PostgresUnitOfWork) -> ActionResult:
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
        f"Cancelled: {_describe(turn, cancelled)}.{refund}",
        booking=_booking_out(turn, cancelled),
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


def _modify(turn: _Turn, uow: PostgresUnitOfWork) -> ActionResult:
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
            return _offer_window(
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
            options=_booking_options(turn, [target]),
            codes=[ClarificationCode.MISSING_TIME.value],
        )
    new_start = new_start or target.start
    if new_end is None:
        new_end = new_start + (
            timedelta(minutes=p.duration_minutes) if p.duration_minutes else length
        )
    if new_start <= turn.now:
        return turn.result(
            f"{_fmt_moment(new_start, tz)} has already passed. When would you like it?",
            needs_clarification=True,
            codes=[ClarificationCode.PAST_TIME.value],
        )
    bay: Resource | None = None
    if p.bay_number is not None or p.resource_id:
        turn.location = turn.location or home
        picked = _requested_bay(turn)
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
        options = _options(
            turn,
            uow,
            location=where,
            start=new_start,
            minutes=minutes,
            bay=current_bay,
            resource_type=current_bay.type if current_bay else "simulator",
        )
        name = current_bay.name if current_bay else "That bay"
        return turn.result(
            f"{name} is already booked {_fmt_moment(new_start, tz)}; your booking is "
            f"unchanged.{_offer_line(options)}",
            needs_clarification=True,
            options=options,
            codes=["slot_taken"],
        )
    except BookingRejected as exc:
        minutes = int((new_end - new_start).total_seconds() // 60)
        moved_bay = bay or turn.places.resource(target.resource_id)
        result = _refused(
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
        f"Done: your booking is now {_describe(turn, updated)}.",
        booking=_booking_out(turn, updated),
    )
