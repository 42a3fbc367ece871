"""One action being answered, and the pieces every answer is built from: options, refusals,
the booking as the reply shows it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from booking.domain.actors import Actor
from booking.domain.errors import (
    BookingRejected,
    InvalidRequest,
)
from booking.domain.language import (
    ClarificationCode,
    ParsedRequest,
)
from booking.domain.models import Booking, Location, Resource, Source, User
from booking.domain.serialization import booking_to_dict
from booking.services import bookings as booking_service
from booking.services.clubos.actions import ActionResult, ClubOSAction
from booking.services.clubos.formatting import fmt_span
from booking.services.clubos.places import Places, bay_number
from booking.services.ports import UnitOfWork
from booking.services.recommendations import (
    Wanted,
    recommend,
)


@dataclass
class Turn:
    """Everything one action needs, resolved once."""

    cmd: ClubOSAction
    user: User
    actor: Actor
    now: datetime
    places: Places
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


def _location_options(places: Places) -> list[dict[str, Any]]:
    return [
        {"kind": "location", "location_id": str(loc.id), "label": loc.name}
        for loc in sorted(places.locations.values(), key=lambda loc: loc.name)
    ]


def _bay_options(places: Places, location: Location) -> list[dict[str, Any]]:
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


def clarify_parse(turn: Turn) -> ActionResult:
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


def need_location(turn: Turn) -> ActionResult:
    names = " or ".join(sorted(loc.name for loc in turn.places.locations.values()))
    return turn.result(
        f"Which location would you like: {names}?",
        needs_clarification=True,
        options=_location_options(turn.places),
        codes=["location_required"],
    )


def requested_bay(turn: Turn) -> Resource | ActionResult | None:
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


def bays_of_type(turn: Turn, location: Location, resource_type: str) -> list[Resource]:
    return [
        r
        for r in turn.places.resources.get(location.id, [])
        if r.type == resource_type and r.bookable
    ]


def _nearest_options(
    turn: Turn,
    uow: UnitOfWork,
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


def offer_alternatives(
    turn: Turn,
    uow: UnitOfWork,
    reply: str,
    *,
    location: Location,
    start: datetime,
    minutes: int,
    bay: Resource | None,
    resource_type: str,
    codes: list[str],
    always_ask: bool = True,
) -> ActionResult:
    """``reply`` with the nearest bookable options offered after it; a question back when it
    ``always_ask``s or there is something to offer."""
    options = _nearest_options(
        turn,
        uow,
        location=location,
        start=start,
        minutes=minutes,
        bay=bay,
        resource_type=resource_type,
    )
    return turn.result(
        reply + _offer_line(options),
        needs_clarification=always_ask or bool(options),
        options=options,
        codes=codes,
    )


def rule_reasons(
    turn: Turn, uow: UnitOfWork, bay: Resource, start: datetime, end: datetime
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


def overlapping_own(turn: Turn, uow: UnitOfWork, start: datetime, end: datetime) -> Booking | None:
    with uow:
        mine = uow.bookings.for_user(
            turn.user.id, since=start, statuses=("confirmed", "checked_in")
        )
    return next((b for b in mine if b.start < end and start < b.end), None)


def booking_out(turn: Turn, booking: Booking) -> dict[str, Any]:
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


def describe(turn: Turn, booking: Booking) -> str:
    loc = turn.places.locations.get(booking.location_id)
    bay = turn.places.resource(booking.resource_id)
    tz = ZoneInfo(loc.time_zone if loc else "UTC")
    where = f"{bay.name if bay else 'a bay'} at {loc.name if loc else 'the club'}"
    return f"{where}, {fmt_span(booking.start, booking.end, tz)}"


def booking_options(turn: Turn, bookings: Sequence[Booking]) -> list[dict[str, Any]]:
    return [
        {"kind": "booking", "booking_id": str(b.id), "label": describe(turn, b)} for b in bookings
    ]
