"""Whether a proposed booking may be made: hard constraints first, then the rules."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from booking.domain.availability import check_day
from booking.domain.errors import InvalidRequest, Reason
from booking.domain.models import Blackout, Location, Resource, User
from booking.domain.rules import Limits, Rule, evaluate, limit_reasons, rules_in_scope


@dataclass(frozen=True)
class Proposal:
    """A booking someone wants: which bay, when, for how many, through which channel."""

    user: User
    resource: Resource
    location: Location
    start: datetime
    end: datetime
    party_size: int = 1
    source: str = "api"


@dataclass(frozen=True)
class MemberStats:
    """Facts about the member the rules may use."""

    active_bookings: int = 0
    hours_this_week: float = 0.0


@dataclass
class Assessment:
    """Every reason against the booking (empty means allowed) and what it would cost."""

    reasons: list[Reason] = field(default_factory=list)
    credit_cost: int = 0
    limits: Limits = field(default_factory=Limits)

    @property
    def allowed(self) -> bool:
        """True when nothing stands against the booking."""
        return not self.reasons


def validate_times(start: datetime, end: datetime) -> None:
    """Refuse naive datetimes and an end that is not after the start (a 4xx, not a reason)."""
    if start.tzinfo is None or end.tzinfo is None:
        raise InvalidRequest(
            "start and end need a UTC offset (ISO 8601, e.g. 2026-05-01T14:00:00-04:00)",
            code="TIME_ZONE_REQUIRED",
        )
    for moment in (start, end):
        check_day(moment.date())  # its own wall date: converting may overflow
    if end <= start:
        raise InvalidRequest(
            "end must be after start",
            code="END_BEFORE_START",
            details={"start": start.isoformat(), "end": end.isoformat()},
        )
    if end - start > timedelta(hours=24):
        raise InvalidRequest("a booking may last at most 24 hours", code="DURATION_TOO_LONG")


def rule_context(
    p: Proposal, *, now: datetime, stats: MemberStats, with_times: bool = True
) -> dict[str, Any]:
    """The variables a rule's CEL condition sees (see ``booking.domain.rules``)."""
    tz = ZoneInfo(p.location.time_zone)
    booking: dict[str, Any] = {
        "duration_minutes": int((p.end - p.start).total_seconds() // 60),
        "party_size": p.party_size,
        "source": p.source,
        "resource_type": p.resource.type,
    }
    if with_times:
        local = p.start.astimezone(tz)
        # CEL timestamps accept fixed offsets only, so instants go in as UTC.
        booking.update(
            start=p.start.astimezone(UTC),
            end=p.end.astimezone(UTC),
            local_hour=local.hour,
            local_weekday=local.isoweekday(),
        )
    return {
        "user": {
            "id": str(p.user.id),
            "email": p.user.email,
            "tier": p.user.tier,
            "tags": list(p.user.tags),
            "hubspot_id": p.user.hubspot_id or "",
        },
        "booking": booking,
        "resource": {
            "id": str(p.resource.id),
            "name": p.resource.name,
            "type": p.resource.type,
            "capacity": p.resource.capacity,
            "location_id": str(p.location.id),
        },
        "location": {
            "id": str(p.location.id),
            "slug": p.location.slug,
            "name": p.location.name,
            "time_zone": p.location.time_zone,
        },
        "now": now.astimezone(UTC),
        "stats": {
            "active_bookings": stats.active_bookings,
            "hours_this_week": stats.hours_this_week,
        },
    }


def assess(
    p: Proposal,
    *,
    now: datetime,
    rules: Sequence[Rule],
    stats: MemberStats,
    blackouts: Sequence[Blackout] = (),
) -> Assessment:
    """Collect every reason against ``p`` and its credit cost; never stops at the first."""
    validate_times(p.start, p.end)
    reasons: list[Reason] = []
    tz = ZoneInfo(p.location.time_zone)
    if p.start < now:
        reasons.append(Reason("START_IN_PAST", "The start time has already passed"))
    if not p.resource.bookable:
        reasons.append(
            Reason(
                "RESOURCE_UNAVAILABLE",
                f"{p.resource.name} is not bookable ({p.resource.status.value})",
            )
        )
    if p.party_size > p.resource.capacity:
        reasons.append(
            Reason("OVER_CAPACITY", f"{p.resource.name} holds at most {p.resource.capacity} people")
        )
    if not p.location.opening_hours.contains(tz, p.start, p.end):
        reasons.append(
            Reason("OUTSIDE_OPENING_HOURS", f"{p.location.name} is not open for the whole booking")
        )
    minutes = (p.end - p.start).total_seconds() / 60
    step = p.location.settings.slot_step_minutes
    if minutes % step:
        reasons.append(
            Reason("DURATION_NOT_IN_STEPS", f"Bookings are made in steps of {step} minutes")
        )
    for b in blackouts:
        applies = b.resource_id == p.resource.id or b.location_id == p.location.id
        if applies and b.start < p.end and p.start < b.end:
            reasons.append(Reason("BLACKED_OUT", f"Closed for booking: {b.reason or 'blackout'}"))
            break
    scoped = rules_in_scope(
        rules, location_id=p.location.id, resource_id=p.resource.id, resource_type=p.resource.type
    )
    evaluation = evaluate(scoped, rule_context(p, now=now, stats=stats))
    reasons.extend(evaluation.reasons)
    if evaluation.errors:
        # Fail closed: a rule that cannot be evaluated might have been a denial.
        reasons.append(
            Reason(
                "RULE_EVALUATION_FAILED",
                "A booking rule could not be evaluated: " + ", ".join(evaluation.errors),
            )
        )
    reasons.extend(
        limit_reasons(
            evaluation.limits,
            start=p.start,
            end=p.end,
            now=now,
            active_bookings=stats.active_bookings,
        )
    )
    cost = evaluation.limits.credit_cost.cost(int(minutes)) if evaluation.limits.credit_cost else 0
    return Assessment(reasons=reasons, credit_cost=cost, limits=evaluation.limits)
