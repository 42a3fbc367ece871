"""Recommendations: the nearest free options to a wanted time, as the member may book them.

Options are ranked by kind, then by how far they are from the wanted time:

1. ``as_requested``: the wanted bay (any bay when none was named) at exactly the wanted time
   (only when it is free, e.g. for ``GET /recommendations``);
2. ``same_bay_other_time``: the wanted bay at another time;
3. ``other_bay_same_time``: another bay of the same type at the wanted time;
4. ``other_time``: another bay at another time at the same location;
5. ``other_location``: a bay of the same type at another location.

The kinds take turns filling the list, so a customer is offered a real choice (a later time
*and* another bay *and* another club) rather than five start times on one bay. Availability is
computed with the member's own view (``find_slots`` with the user): their tier's notice and
advance limits and the rules that deny them apply, so nothing offered is refused for the
member's own rules.

Locations carry no coordinates, so "another location nearby" means another location in the
same time zone first, then any other.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from booking.domain.errors import InvalidRequest, NotFound
from booking.domain.models import Location, Resource, User
from booking.services.availability import AvailabilityQuery, find_slots
from booking.services.customer_context import load_preferences
from booking.services.ports import UnitOfWork

MAX_OTHER_LOCATIONS = 3  # bounds the queries made for one recommendation
MAX_HORIZON = timedelta(days=400)  # no rule books further ahead than this


class OptionKind(enum.StrEnum):
    """How an option relates to what was wanted."""

    AS_REQUESTED = "as_requested"
    SAME_BAY_OTHER_TIME = "same_bay_other_time"
    OTHER_BAY_SAME_TIME = "other_bay_same_time"
    OTHER_TIME = "other_time"
    OTHER_LOCATION = "other_location"


KIND_ORDER: tuple[OptionKind, ...] = tuple(OptionKind)


@dataclass(frozen=True)
class Wanted:
    """What the member asked for: a start at a location, optionally on one bay."""

    location_id: UUID
    start: datetime
    duration_minutes: int = 60
    resource_id: UUID | None = None
    resource_type: str = "simulator"

    @property
    def end(self) -> datetime:
        """The wanted end (elapsed minutes, so correct across DST changes)."""
        return (self.start.astimezone(UTC) + timedelta(minutes=self.duration_minutes)).astimezone(
            self.start.tzinfo
        )


@dataclass(frozen=True)
class Candidate:
    """A free slot somewhere."""

    location_id: UUID
    resource_id: UUID
    start: datetime
    end: datetime


@dataclass(frozen=True)
class Option:
    """A ranked candidate."""

    kind: OptionKind
    candidate: Candidate


def classify(candidate: Candidate, wanted: Wanted) -> OptionKind:
    """Which kind of option ``candidate`` is for ``wanted``."""
    if candidate.location_id != wanted.location_id:
        return OptionKind.OTHER_LOCATION
    same_time = candidate.start == wanted.start
    if wanted.resource_id is None:
        return OptionKind.AS_REQUESTED if same_time else OptionKind.OTHER_TIME
    same_bay = candidate.resource_id == wanted.resource_id
    if same_bay:
        return OptionKind.AS_REQUESTED if same_time else OptionKind.SAME_BAY_OTHER_TIME
    return OptionKind.OTHER_BAY_SAME_TIME if same_time else OptionKind.OTHER_TIME


def rank_options(
    candidates: Sequence[Candidate],
    wanted: Wanted,
    *,
    limit: int = 5,
    per_kind: int = 2,
    exclude_requested: bool = False,
    prefer_resource: UUID | None = None,
    location_order: Sequence[UUID] = (),
) -> list[Option]:
    """The best ``limit`` options: up to ``per_kind`` of each kind (taken in turns), then the
    nearest of any kind.

    Within a kind, nearer to the wanted start wins; on a tie, the earlier start, then the
    location earlier in ``location_order`` (nearest club first), then ``prefer_resource`` (e.g.
    the member's favourite bay). The result is ordered by kind, then distance.
    ``exclude_requested`` drops the wanted slot itself (it is known to be taken).
    """
    if limit <= 0:
        return []
    rank = {loc: i for i, loc in enumerate(location_order)}

    def distance(c: Candidate) -> tuple[float, datetime, int, bool, str]:
        return (
            abs((c.start - wanted.start).total_seconds()),
            c.start,
            rank.get(c.location_id, len(rank)),
            c.resource_id != prefer_resource,
            str(c.resource_id),
        )

    by_kind: dict[OptionKind, list[Candidate]] = {k: [] for k in KIND_ORDER}
    seen: set[tuple[UUID, datetime]] = set()
    for c in candidates:
        key = (c.resource_id, c.start)
        if key in seen:
            continue
        seen.add(key)
        kind = classify(c, wanted)
        if exclude_requested and kind is OptionKind.AS_REQUESTED:
            continue
        by_kind[kind].append(c)
    for group in by_kind.values():
        group.sort(key=distance)

    # Round-robin over the kinds, so that a short list still shows every kind there is.
    chosen: list[Option] = []
    for turn in range(per_kind):
        for kind in KIND_ORDER:
            if len(chosen) < limit and len(by_kind[kind]) > turn:
                chosen.append(Option(kind, by_kind[kind][turn]))
    if len(chosen) < limit:
        rest = [Option(kind, c) for kind in KIND_ORDER for c in by_kind[kind][per_kind:]]
        rest.sort(key=lambda o: distance(o.candidate))
        chosen.extend(rest[: limit - len(chosen)])
    chosen.sort(key=lambda o: (KIND_ORDER.index(o.kind), distance(o.candidate)))
    return chosen


def option_label(start: datetime, tz: ZoneInfo, resource_name: str, location_name: str) -> str:
    """A short human label, e.g. ``Thu 5 Mar 3:00 pm, Bay 1 at Downtown``."""
    local = start.astimezone(tz)
    hour = local.hour % 12 or 12
    suffix = "am" if local.hour < 12 else "pm"
    return (
        f"{local:%a} {local.day} {local:%b} {hour}:{local.minute:02d} {suffix}, "
        f"{resource_name} at {location_name}"
    )


def option_to_dict(
    option: Option, locations: dict[UUID, Location], resources: dict[UUID, Resource]
) -> dict[str, Any]:
    """An option as clients see it: times in the location's zone, plus a readable label."""
    c = option.candidate
    location = locations[c.location_id]
    resource = resources[c.resource_id]
    tz = ZoneInfo(location.time_zone)
    return {
        "kind": option.kind.value,
        "location_id": str(location.id),
        "location_name": location.name,
        "resource_id": str(resource.id),
        "resource_name": resource.name,
        "start": c.start.astimezone(tz).isoformat(),
        "end": c.end.astimezone(tz).isoformat(),
        "label": option_label(c.start, tz, resource.name, location.name),
    }


def _candidates_at(
    uow: UnitOfWork,
    location: Location,
    wanted: Wanted,
    *,
    user: User,
    now: datetime,
    days_around: int,
) -> tuple[list[Candidate], dict[UUID, Resource]]:
    tz = ZoneInfo(location.time_zone)
    day = wanted.start.astimezone(tz).date()
    today = now.astimezone(tz).date()
    first = max(day - timedelta(days=days_around), today)
    last = max(day + timedelta(days=days_around), first)
    slots, resources = find_slots(
        AvailabilityQuery(
            location_id=location.id,
            first_day=first,
            last_day=last,
            duration_minutes=wanted.duration_minutes,
            resource_type=wanted.resource_type,
        ),
        uow,
        user=user,
        now=now,
    )
    return [Candidate(location.id, s.resource_id, s.start, s.end) for s in slots], resources


def recommend(
    uow: UnitOfWork,
    *,
    user: User,
    wanted: Wanted,
    now: datetime,
    limit: int = 5,
    exclude_requested: bool = False,
    other_locations: bool = True,
    prefer_resource: UUID | None = None,
) -> list[dict[str, Any]]:
    """Ranked free options near ``wanted`` that ``user`` could book (see the module docstring).

    Raises ``NotFound`` for an unknown location and ``BookingRejected`` when the member's rules
    refuse the duration itself (no time would do).
    """
    if abs(wanted.start - now) > MAX_HORIZON:
        raise InvalidRequest(
            f"ask about times within {MAX_HORIZON.days} days", code="START_OUT_OF_RANGE"
        )
    with uow:
        home = uow.locations.get(wanted.location_id)
        if home is None:
            raise NotFound(f"location {wanted.location_id} not found", code="LOCATION_NOT_FOUND")
        others = [loc for loc in uow.locations.list() if loc.id != home.id]
    locations = {home.id: home}
    candidates, resources = _candidates_at(uow, home, wanted, user=user, now=now, days_around=1)
    others.sort(key=lambda loc: (loc.time_zone != home.time_zone, loc.name))
    if other_locations and others:
        for loc in others[:MAX_OTHER_LOCATIONS]:
            found, bays = _candidates_at(uow, loc, wanted, user=user, now=now, days_around=0)
            if found:
                locations[loc.id] = loc
                resources.update(bays)
                candidates.extend(found)
    ranked = rank_options(
        candidates,
        wanted,
        limit=limit,
        exclude_requested=exclude_requested,
        prefer_resource=prefer_resource or wanted.resource_id,
        location_order=[home.id, *(loc.id for loc in others)],
    )
    return [option_to_dict(o, locations, resources) for o in ranked]


def free_bays_at(
    uow: UnitOfWork,
    location: Location,
    resources: Sequence[Resource],
    start: datetime,
    end: datetime,
) -> list[Resource]:
    """The bays among ``resources`` that are physically free for exactly [start, end).

    Free means: bookable, inside the opening hours, no blackout, and no active booking whose
    blocked range (its buffer included) meets this one's (with this bay's buffer after it).
    Works for any start, not only the slot grid. The member's rules are left to the booking
    check, which reports them with reasons. Opens its own unit of work.
    """
    tz = ZoneInfo(location.time_zone)
    if not location.opening_hours.contains(tz, start, end):
        return []
    free: list[Resource] = []
    with uow:
        blackouts = uow.blackouts.overlapping(location.id, start, end)
        for bay in resources:
            if not bay.bookable:
                continue
            if any(b.resource_id in (None, bay.id) for b in blackouts):
                continue
            blocked_end = end + timedelta(minutes=bay.buffer_minutes)
            if uow.bookings.overlapping(bay.id, start, blocked_end):
                continue
            free.append(bay)
    return free


def _next_wall_time(now: datetime, tz: ZoneInfo, hhmm: str | None, step: int) -> datetime:
    """The next start at ``hhmm`` local (or the next step) at least an hour from now."""
    earliest = now + timedelta(hours=1)
    if hhmm:
        hour, minute = (int(x) for x in hhmm.split(":"))
        day = earliest.astimezone(tz).date()
        for offset in range(3):
            wall = datetime(day.year, day.month, day.day, hour, minute) + timedelta(days=offset)
            # Round-tripping through UTC moves a wall time inside a DST gap to a real instant.
            candidate = wall.replace(tzinfo=tz).astimezone(UTC).astimezone(tz)
            if candidate >= earliest:
                return candidate
    local = earliest.astimezone(tz)
    minutes = local.hour * 60 + local.minute
    pad = (-minutes) % step
    return (earliest + timedelta(minutes=pad)).replace(second=0, microsecond=0).astimezone(tz)


def recommendations_for(
    uow: UnitOfWork,
    user: User,
    *,
    now: datetime,
    location_id: UUID | None = None,
    start: datetime | None = None,
    duration_minutes: int | None = None,
    resource_id: UUID | None = None,
    resource_type: str = "simulator",
    limit: int = 5,
) -> dict[str, Any]:
    """``GET /recommendations``: options near a wanted time, or near the member's habits.

    Whatever is not given comes from the member's preferences (derived from their bookings):
    location, bay, usual start time and length; failing those, the only location, any bay,
    the next slot an hour from now and 60 minutes.
    """
    with uow:
        prefs, _, _ = load_preferences(uow, user.id, now=now)
        all_locations = uow.locations.list()
        preferred = UUID(prefs["location_id"]) if prefs.get("location_id") else None
        if location_id is None:
            if preferred is not None:
                location_id = preferred
            elif len(all_locations) == 1:
                location_id = all_locations[0].id
            else:
                raise InvalidRequest(
                    "location_id is required (no favourite location yet)",
                    code="LOCATION_ID_REQUIRED",
                )
        location = next((loc for loc in all_locations if loc.id == location_id), None)
        if location is None:
            raise NotFound(f"location {location_id} not found", code="LOCATION_NOT_FOUND")
        if resource_id is not None:
            bay = uow.resources.get(resource_id)
            if bay is None or bay.location_id != location.id:
                raise NotFound(
                    f"resource {resource_id} not found at this location",
                    code="RESOURCE_NOT_FOUND",
                )
            resource_type = bay.type
    favourite_bay = UUID(prefs["resource_id"]) if prefs.get("resource_id") else None
    at_home = location.id == preferred
    if resource_id is None and start is None and at_home:
        resource_id = favourite_bay
    tz = ZoneInfo(location.time_zone)
    if start is None:
        habit = prefs.get("time") if at_home else None
        start = _next_wall_time(now, tz, habit, location.settings.slot_step_minutes)
    minutes = duration_minutes or int(prefs.get("duration_minutes") or 60)
    wanted = Wanted(
        location_id=location.id,
        start=start,
        duration_minutes=minutes,
        resource_id=resource_id,
        resource_type=resource_type,
    )
    options = recommend(
        uow,
        user=user,
        wanted=wanted,
        now=now,
        limit=limit,
        prefer_resource=resource_id or (favourite_bay if at_home else None),
    )
    return {
        "customer_id": str(user.id),
        "wanted": {
            "location_id": str(location.id),
            "resource_id": str(resource_id) if resource_id else None,
            "resource_type": resource_type,
            "start": start.astimezone(tz).isoformat(),
            "end": wanted.end.astimezone(tz).isoformat(),
            "duration_minutes": minutes,
        },
        "preferences": prefs,
        "options": options,
    }
