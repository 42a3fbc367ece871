"""Availability use cases: free slots and the nearest alternatives to a taken slot."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from booking.domain.availability import (
    BusyTimes,
    Slot,
    SlotLimits,
    day_bounds,
    free_slots,
    nearest_first,
)
from booking.domain.checks import MemberStats, Proposal, rule_context
from booking.domain.errors import BookingRejected, InvalidRequest, NotFound
from booking.domain.models import Location, Resource, User
from booking.domain.rules import Deny, Rule, evaluate, limit_reasons, rules_in_scope
from booking.services.ports import UnitOfWork

MAX_DAYS = 31


@dataclass(frozen=True)
class AvailabilityQuery:
    """Free slots of ``duration_minutes`` at a location over local days ``first_day..last_day``."""

    location_id: UUID
    first_day: date
    duration_minutes: int = 60
    last_day: date | None = None
    resource_type: str | None = None
    resource_id: UUID | None = None


def slot_to_dict(slot: Slot, resources: dict[UUID, Resource] | None = None) -> dict[str, Any]:
    """A slot as clients see it."""
    out: dict[str, Any] = {
        "resource_id": str(slot.resource_id),
        "start": slot.start.isoformat(),
        "end": slot.end.isoformat(),
    }
    if resources and slot.resource_id in resources:
        out["resource_name"] = resources[slot.resource_id].name
    return out


def _limits_for(
    rules: list[Rule],
    user: User | None,
    location: Location,
    resources: list[Resource],
    duration: timedelta,
    now: datetime,
) -> dict[UUID, SlotLimits]:
    """Per bay: how soon and how far ahead this member may book, from the rules.

    Conditions are evaluated without the booking's times (there is no booking yet); a rule that
    needs them is left to the booking check itself.
    """
    limits: dict[UUID, SlotLimits] = {}
    cache: dict[tuple[UUID, ...], SlotLimits] = {}
    for resource in resources:
        scoped = rules_in_scope(
            rules, location_id=location.id, resource_id=resource.id, resource_type=resource.type
        )
        key = tuple(r.id for r in scoped)
        if key not in cache:
            if user is None:  # staff looking at the floor: no member limits apply
                cache[key] = SlotLimits(
                    min_notice=timedelta(0), advance=timedelta(days=MAX_DAYS + 1)
                )
            else:
                proposal = Proposal(
                    user=user, resource=resource, location=location, start=now, end=now + duration
                )
                ctx = rule_context(proposal, now=now, stats=MemberStats(), with_times=False)
                ev = evaluate(scoped, ctx)
                duration_reasons = [
                    r
                    for r in limit_reasons(
                        ev.limits,
                        start=now + timedelta(days=1),
                        end=now + timedelta(days=1) + duration,
                        now=now,
                        active_bookings=0,
                    )
                    if r.code.startswith("DURATION")
                ]
                if duration_reasons:
                    raise BookingRejected(duration_reasons)
                cache[key] = SlotLimits(
                    min_notice=timedelta(minutes=ev.limits.min_notice_minutes or 0),
                    advance=timedelta(
                        days=ev.limits.advance_days
                        if ev.limits.advance_days is not None
                        else MAX_DAYS + 1
                    ),
                )
        limits[resource.id] = cache[key]
    return limits


def _rule_filter(
    rules: list[Rule], user: User, location: Location, now: datetime
) -> Callable[[Resource, datetime, datetime], bool]:
    """Drop slots the member's deny rules refuse (e.g. early-access hours).

    Conditions are evaluated per bay scope, local hour and weekday and cached, so a fortnight
    of slots costs a few hundred evaluations; a rule that needs the exact instants is left to
    the booking check.
    """
    tz = ZoneInfo(location.time_zone)
    deny_rules = [r for r in rules if isinstance(r.action, Deny)]
    # Per bay: its deny rules and a small number naming that set of rules, so the verdict
    # cache's keys hash as three ints (hashing a tuple of UUIDs per slot cost more than the
    # rest of the check).
    scoped_by_bay: dict[UUID, tuple[tuple[Rule, ...], int]] = {}
    scope_numbers: dict[tuple[UUID, ...], int] = {}
    cache: dict[tuple[int, int, int], bool] = {}

    def allowed(resource: Resource, start: datetime, end: datetime) -> bool:
        entry = scoped_by_bay.get(resource.id)
        if entry is None:
            found = tuple(
                rules_in_scope(
                    deny_rules,
                    location_id=location.id,
                    resource_id=resource.id,
                    resource_type=resource.type,
                )
            )
            number = scope_numbers.setdefault(tuple(r.id for r in found), len(scope_numbers))
            entry = scoped_by_bay[resource.id] = (found, number)
        scoped, number = entry
        if not scoped:
            return True
        local = start.astimezone(tz)
        key = (number, local.hour, local.isoweekday())
        verdict = cache.get(key)
        if verdict is None:
            proposal = Proposal(
                user=user, resource=resource, location=location, start=start, end=end
            )
            ctx = rule_context(proposal, now=now, stats=MemberStats(), with_times=False)
            ctx["booking"].update(local_hour=local.hour, local_weekday=local.isoweekday())
            evaluation = evaluate(scoped, ctx)
            # A deny rule that could not be evaluated might have refused: offer no such slot.
            verdict = cache[key] = not evaluation.reasons and not evaluation.errors
        return verdict

    return allowed


def _slots(
    uow: UnitOfWork,
    location: Location,
    resources: list[Resource],
    *,
    first_day: date,
    last_day: date,
    duration: timedelta,
    user: User | None,
    now: datetime,
) -> list[Slot]:
    tz = ZoneInfo(location.time_zone)
    start, end = day_bounds(tz, first_day, last_day)
    # Wide enough for slots that cross midnight after the last day and for buffers before it.
    window_start, window_end = start - timedelta(days=1), end + duration + timedelta(days=1)
    booked = uow.bookings.blocked_ranges(
        location.id, [r.id for r in resources], window_start, window_end, now
    )
    location_blackouts: list[tuple[datetime, datetime]] = []
    resource_blackouts: dict[UUID, list[tuple[datetime, datetime]]] = {}
    for b in uow.blackouts.overlapping(location.id, window_start, window_end):
        if b.resource_id is None:
            location_blackouts.append((b.start, b.end))
        else:
            resource_blackouts.setdefault(b.resource_id, []).append((b.start, b.end))
    # The staff view applies no member rules, so it needs none of them.
    rules = uow.rules.active() if user is not None else []
    limits = _limits_for(rules, user, location, resources, duration, now)
    allowed = _rule_filter(rules, user, location, now) if user is not None else None
    return free_slots(
        location=location,
        resources=resources,
        busy=BusyTimes(booked, resource_blackouts, location_blackouts),
        first_day=first_day,
        last_day=last_day,
        duration=duration,
        now=now,
        limits=limits,
        allowed=allowed,
    )


def find_slots(
    q: AvailabilityQuery, uow: UnitOfWork, *, user: User | None, now: datetime
) -> tuple[list[Slot], dict[UUID, Resource]]:
    """Free slots for the query, seen as ``user`` (None: staff view without member limits)."""
    last_day = q.last_day or q.first_day
    if last_day < q.first_day:
        raise InvalidRequest("the last day is before the first", code="INVALID_DATE_RANGE")
    if (last_day - q.first_day).days >= MAX_DAYS:
        raise InvalidRequest(f"ask for at most {MAX_DAYS} days at once", code="RANGE_TOO_LONG")
    if not 15 <= q.duration_minutes <= 24 * 60:
        raise InvalidRequest(
            "duration_minutes must be between 15 and 1440", code="INVALID_DURATION"
        )
    with uow:
        found = uow.locations.with_bays(q.location_id, q.resource_type)
        if found is None:
            raise NotFound(f"location {q.location_id} not found", code="LOCATION_NOT_FOUND")
        location, resources = found
        if q.resource_id is not None:
            resources = [r for r in resources if r.id == q.resource_id]
            if not resources:
                raise NotFound(
                    f"resource {q.resource_id} not found at this location",
                    code="RESOURCE_NOT_FOUND",
                )
        slots = _slots(
            uow,
            location,
            resources,
            first_day=q.first_day,
            last_day=last_day,
            duration=timedelta(minutes=q.duration_minutes),
            user=user,
            now=now,
        )
    return slots, {r.id: r for r in resources}


# The floor as staff see it (no member rules), per location, bay type, local day and length,
# kept briefly so a burst of conflicts on one day computes it once. Alternatives are offers,
# re-checked when booked, so a view up to this old is acceptable; this process forgets a
# location's views whenever it changes one of its bookings (``forget``).
_FLOOR_TTL_SECONDS = 2.0
_floor_views: dict[tuple[UUID, str, date, float], tuple[float, list[Slot], list[Resource]]] = {}
_floor_lock = threading.Lock()


def forget(location_id: UUID) -> None:
    """Drop this process's cached floor views of a location (its bookings changed)."""
    with _floor_lock:
        for key in [k for k in _floor_views if k[0] == location_id]:
            del _floor_views[key]


def _floor_view(
    uow: UnitOfWork,
    location: Location,
    resource_type: str,
    day: date,
    duration: timedelta,
    now: datetime,
) -> tuple[list[Slot], list[Resource]]:
    key = (location.id, resource_type, day, duration.total_seconds())
    with _floor_lock:
        cached = _floor_views.get(key)
    if cached is not None and cached[0] > time.monotonic():
        return cached[1], cached[2]
    resources = uow.resources.list(location.id, resource_type)
    slots = _slots(
        uow, location, resources, first_day=day, last_day=day, duration=duration, user=None, now=now
    )
    with _floor_lock:
        _floor_views[key] = (time.monotonic() + _FLOOR_TTL_SECONDS, slots, resources)
    return slots, resources


def alternatives_for(
    uow: UnitOfWork,
    *,
    resource: Resource,
    start: datetime,
    end: datetime,
    user: User,
    now: datetime,
    limit: int = 5,
    location: Location | None = None,
    rules: list[Rule] | None = None,
) -> list[dict[str, Any]]:
    """The nearest free slots of the same length and bay type to a taken one (same bay first).

    Only the requested local day is searched: it is what a member who wanted that time can use,
    and it keeps a 409 cheap when many members race for the same slots. The member's rules
    (notice, advance window, deny rules) are applied to the day's floor view. ``location`` and
    ``rules`` (the active rules), when the caller has read them already, are not read again.
    """
    duration = end - start
    with uow:  # no statement at all when the caller has the location and rules, and the
        # day's floor view is cached: a burst of conflicts then costs no round trip here
        if location is None:
            location = uow.locations.get(resource.location_id)
            assert location is not None
        day = start.astimezone(ZoneInfo(location.time_zone)).date()
        floor, resources = _floor_view(uow, location, resource.type, day, duration, now)
        if rules is None:
            rules = uow.rules.active()
    try:
        limits = _limits_for(rules, user, location, resources, duration, now)
    except BookingRejected:
        return []
    allowed = _rule_filter(rules, user, location, now)
    by_id = {r.id: r for r in resources}
    # Nearest first, then the member's limits and rules until ``limit`` pass: the same answer
    # as filtering the whole day and taking the nearest, with a handful of slots looked at
    # instead of every free slot of the day.
    found: list[Slot] = []
    for s in nearest_first(floor, start, resource.id):
        lim = limits[s.resource_id]
        if now + lim.min_notice <= s.start <= now + lim.advance and allowed(
            by_id[s.resource_id], s.start, s.end
        ):
            found.append(s)
            if len(found) == limit:
                break
    return [slot_to_dict(s, by_id) for s in found]
