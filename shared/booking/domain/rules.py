"""Booking rules: a CEL condition plus a typed action, evaluated over one proposed booking.

Conditions are compiled once per expression (cached) with ``common-expression-language``. The
context a condition sees::

    user      {id, email, tier, tags, hubspot_id}
    booking   {start, end, duration_minutes, party_size, source, resource_type,
               local_hour, local_weekday (1 = Monday)}  - start/end are timestamps
    resource  {id, name, type, capacity, location_id}
    location  {id, slug, name, time_zone}
    now       timestamp
    stats     {active_bookings, hours_this_week}  - hours: the member's bookings (all but
              cancelled) in the local week, Monday to Sunday, of the booking being checked

Deny rules all run, so a refusal lists every reason. For each limit type (min/max duration,
advance window, minimum notice, max active bookings, credit cost) the matching rule with the
highest priority decides; a tier rule outranks the base rule by having a higher priority.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Annotated, Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from booking.domain import rule_sandbox
from booking.domain.errors import InvalidRule, Reason

if TYPE_CHECKING:
    import cel


@functools.cache
def _cel() -> Any:
    """The CEL engine, imported on first use (it is a noticeable part of a cold start)."""
    import cel

    return cel


# Bounds of the limit actions: a booking lasts at most a day, notice at most a year (the
# advance window's own bound); beyond them a limit only overflows the date arithmetic.
MAX_BOOKING_MINUTES = 24 * 60
MAX_NOTICE_MINUTES = 365 * 24 * 60
MAX_ACTIVE_COUNT = 10_000
MAX_CREDITS = 1_000_000


class _Action(BaseModel):
    # Validators built on first use: most functions import the rules (through the booking
    # services) without ever parsing an action, and building them all was part of their
    # cold start.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Deny(_Action):
    """Refuse the booking with this code and message."""

    type: Literal["deny"]
    code: str = Field(pattern=r"^[A-Z][A-Z0-9_]*$")
    message: str = Field(min_length=1)


class MinDuration(_Action):
    """Bookings shorter than this are refused."""

    type: Literal["min_duration"]
    minutes: int = Field(gt=0, le=MAX_BOOKING_MINUTES)


class MaxDuration(_Action):
    """Bookings longer than this are refused."""

    type: Literal["max_duration"]
    minutes: int = Field(gt=0, le=MAX_BOOKING_MINUTES)


class AdvanceWindow(_Action):
    """How many days ahead a booking may start."""

    type: Literal["advance_window"]
    days: int = Field(ge=0, le=365)


class MinNotice(_Action):
    """How soon before the start a booking may still be made (the last-minute cut-off)."""

    type: Literal["min_notice"]
    minutes: int = Field(ge=0, le=MAX_NOTICE_MINUTES)


class MaxActiveBookings(_Action):
    """How many upcoming bookings a member may hold at once."""

    type: Literal["max_active_bookings"]
    count: int = Field(ge=0, le=MAX_ACTIVE_COUNT)


class CreditCost(_Action):
    """Credits charged: ``flat`` plus ``per_hour`` for every started hour."""

    type: Literal["credit_cost"]
    per_hour: int = Field(0, ge=0, le=MAX_CREDITS)
    flat: int = Field(0, ge=0, le=MAX_CREDITS)

    def cost(self, duration_minutes: int) -> int:
        """Credits for a booking of this length."""
        return self.flat + self.per_hour * math.ceil(duration_minutes / 60)


Action = Annotated[
    Deny | MinDuration | MaxDuration | AdvanceWindow | MinNotice | MaxActiveBookings | CreditCost,
    Field(discriminator="type"),
]


@functools.cache
def _action_adapter() -> TypeAdapter[Action]:
    """The validator of an action's JSON, built on first use (see ``_Action``)."""
    return TypeAdapter(Action)


Scope = Literal["all", "location", "resource_type", "resource"]


def parse_action(data: Mapping[str, Any]) -> Action:
    """Validate an action's JSON; raises ``InvalidRule`` with the validation message."""
    try:
        return _action_adapter().validate_python(dict(data))
    except ValidationError as exc:
        raise InvalidRule(
            f"invalid action: {exc.errors()[0]['msg']}",
            details={"errors": exc.errors(include_url=False, include_context=False)},
        ) from exc


@functools.lru_cache(maxsize=1024)
def compile_condition(expression: str) -> cel.Program:
    """Compile a CEL condition once; raises ``InvalidRule`` with the parser's message."""
    try:
        return _cel().compile(expression)
    except (ValueError, RuntimeError) as exc:
        raise InvalidRule(
            f"invalid CEL condition: {exc}", details={"condition": expression, "parser": str(exc)}
        ) from exc


@dataclass(frozen=True)
class Rule:
    """A stored rule."""

    id: UUID
    name: str
    scope: Scope
    scope_ref: str | None
    condition: str
    action: Action
    priority: int = 100
    active: bool = True
    description: str = ""

    def applies_to(self, *, location_id: UUID, resource_id: UUID, resource_type: str) -> bool:
        """Whether the rule's scope covers this bay."""
        match self.scope:
            case "all":
                return True
            case "location":
                return self.scope_ref == str(location_id)
            case "resource_type":
                return self.scope_ref == resource_type
            case "resource":
                return self.scope_ref == str(resource_id)
        return False


@dataclass(frozen=True)
class Limits:
    """The effective limits for one booking after the rules ran."""

    min_duration: int | None = None
    max_duration: int | None = None
    advance_days: int | None = None
    min_notice_minutes: int | None = None
    max_active: int | None = None
    credit_cost: CreditCost | None = None


@dataclass
class Evaluation:
    """What the rules said: denial reasons, effective limits, rules that failed to evaluate."""

    reasons: list[Reason] = field(default_factory=list)
    limits: Limits = field(default_factory=Limits)
    errors: list[str] = field(default_factory=list)


SAMPLE_CONTEXT: dict[str, Any] = {
    "user": {"id": "u", "email": "a@b.c", "tier": "standard", "tags": [], "hubspot_id": ""},
    "booking": {
        "start": datetime(2030, 1, 7, 18, tzinfo=UTC),
        "end": datetime(2030, 1, 7, 19, tzinfo=UTC),
        "duration_minutes": 60,
        "party_size": 1,
        "source": "api",
        "resource_type": "simulator",
        "local_hour": 13,
        "local_weekday": 1,
    },
    "resource": {
        "id": "r",
        "name": "Bay 1",
        "type": "simulator",
        "capacity": 4,
        "location_id": "l",
    },
    "location": {"id": "l", "slug": "x", "name": "X", "time_zone": "America/Toronto"},
    "now": datetime(2030, 1, 1, tzinfo=UTC),
    "stats": {"active_bookings": 0, "hours_this_week": 0.0},
}


# A member with many tags: a looping condition must stay within its deadline on this too,
# not only on the empty sample (nested comprehensions are exponential in the tag count).
RICH_SAMPLE_CONTEXT: dict[str, Any] = {
    **SAMPLE_CONTEXT,
    "user": {**SAMPLE_CONTEXT["user"], "tags": [f"TAG_{n}" for n in range(24)]},
}


def validate_rule_condition(expression: str) -> None:
    """Refuse a condition that does not parse, fails or is not boolean on a sample, or (when
    it loops) does not finish within the evaluation deadline on a member with many tags."""
    program = compile_condition(expression)
    try:
        result = program.execute(SAMPLE_CONTEXT)
    except (RuntimeError, ValueError, TypeError, KeyError) as exc:
        raise InvalidRule(
            f"condition cannot be evaluated: {exc}",
            details={"condition": expression, "evaluator": str(exc)},
        ) from exc
    if not isinstance(result, bool):
        raise InvalidRule(
            f"condition must be boolean, got {type(result).__name__}",
            details={"condition": expression},
        )
    if rule_sandbox.loops(expression):
        timeout = rule_sandbox.deadline_seconds()
        try:
            rule_sandbox.run_bounded(expression, RICH_SAMPLE_CONTEXT, timeout)
        except rule_sandbox.Timeout as exc:
            raise InvalidRule(
                f"condition is too expensive: it ran longer than {timeout * 1000:.0f} ms"
                " for a member with many tags",
                code="RULE_TOO_EXPENSIVE",
                details={"condition": expression, "timeout_ms": round(timeout * 1000)},
            ) from exc
        except rule_sandbox.EvaluationFailed as exc:
            raise InvalidRule(
                f"condition cannot be evaluated: {exc}",
                details={"condition": expression, "evaluator": str(exc)},
            ) from exc


_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@functools.lru_cache(maxsize=1024)
def _names(expression: str) -> frozenset[str]:
    """Every identifier-like word of a condition (string literals' words too): a superset of
    the variables it can read, since CEL reaches a variable only by writing its name."""
    return frozenset(_IDENTIFIER.findall(expression))


def _cel_context(
    context: Mapping[str, Any], rules: Iterable[Rule] | None = None
) -> cel.Context | dict[str, Any]:
    """The context converted to CEL values once, for every rule of one evaluation.

    Passing a plain dict makes each ``execute`` convert the whole context again (about 30 us
    each, the bulk of a rule check); a ``cel.Context`` is converted once and reused. Given the
    rules, only the variables their conditions name are converted (the conversion costs about
    2 us a field; the default rules read ``user``, ``booking`` and ``stats`` only).
    """
    values = dict(context)
    if rules is not None:
        named: set[str] = set()
        for rule in rules:
            named |= _names(rule.condition)
        values = {k: v for k, v in values.items() if k in named}
    try:
        return _cel().Context(values)
    except (RuntimeError, ValueError, TypeError):
        return dict(context)  # let each rule report the problem as it did before


def _matches(rule: Rule, context: cel.Context | dict[str, Any]) -> bool | None:
    """True/False, or None when the condition cannot be evaluated on this context."""
    try:
        return compile_condition(rule.condition).execute(context) is True
    except (RuntimeError, ValueError, TypeError, KeyError, InvalidRule):
        return None


_LIMIT_FIELDS = {
    "min_duration": ("min_duration", "minutes"),
    "max_duration": ("max_duration", "minutes"),
    "advance_window": ("advance_days", "days"),
    "min_notice": ("min_notice_minutes", "minutes"),
    "max_active_bookings": ("max_active", "count"),
}


def _matches_bounded(rule: Rule, context: Mapping[str, Any], budget_end: float) -> bool | None:
    """A looping condition under its deadline (and the check's budget); None when it failed,
    ran out of time, or the budget was spent already."""
    remaining = budget_end - rule_sandbox.monotonic()
    if remaining <= 0:
        return None
    try:
        return rule_sandbox.run_bounded(
            rule.condition, context, min(rule_sandbox.deadline_seconds(), remaining)
        )
    except (rule_sandbox.Timeout, rule_sandbox.EvaluationFailed):
        return None


def evaluate(rules: Iterable[Rule], context: Mapping[str, Any]) -> Evaluation:
    """Run the rules (already filtered by scope) over one context.

    Looping conditions run under a deadline, all of them within one budget per call, so a
    check (which holds the member's row lock) cannot be stretched by a costly condition; one
    that does not finish counts as failed, which the booking check treats as a refusal.
    """
    result = Evaluation()
    chosen: dict[str, Any] = {}
    ordered = [r for r in sorted(rules, key=lambda r: -r.priority) if r.active]
    looping = {r.id for r in ordered if rule_sandbox.loops(r.condition)}
    prepared = (
        _cel_context(context, [r for r in ordered if r.id not in looping])
        if len(looping) < len(ordered)
        else dict(context)
    )
    budget_end = rule_sandbox.monotonic() + rule_sandbox.budget_seconds() if looping else 0.0
    for rule in ordered:
        if rule.id in looping:
            matched = _matches_bounded(rule, context, budget_end)
        else:
            matched = _matches(rule, prepared)
        if matched is None:
            result.errors.append(rule.name)
            continue
        if not matched:
            continue
        action = rule.action
        if isinstance(action, Deny):
            result.reasons.append(Reason(action.code, action.message))
        elif isinstance(action, CreditCost):
            chosen.setdefault("credit_cost", action)
        else:
            attr, value_field = _LIMIT_FIELDS[action.type]
            chosen.setdefault(attr, getattr(action, value_field))
    result.limits = Limits(**chosen)
    return result


def limit_reasons(
    limits: Limits, *, start: datetime, end: datetime, now: datetime, active_bookings: int
) -> list[Reason]:
    """Check one booking against its effective limits; every violated limit is a reason."""
    reasons: list[Reason] = []
    minutes = (end - start).total_seconds() / 60
    if limits.min_duration is not None and minutes < limits.min_duration:
        reasons.append(
            Reason(
                "DURATION_TOO_SHORT", f"Bookings must last at least {limits.min_duration} minutes"
            )
        )
    if limits.max_duration is not None and minutes > limits.max_duration:
        reasons.append(
            Reason("DURATION_TOO_LONG", f"Bookings may last at most {limits.max_duration} minutes")
        )
    if limits.advance_days is not None and start > now + timedelta(days=limits.advance_days):
        reasons.append(Reason("TOO_FAR_AHEAD", f"Bookings open {limits.advance_days} days ahead"))
    if limits.min_notice_minutes is not None and start < now + timedelta(
        minutes=limits.min_notice_minutes
    ):
        reasons.append(
            Reason(
                "TOO_LATE_TO_BOOK",
                f"Bookings close {limits.min_notice_minutes} minutes before the start",
            )
        )
    if limits.max_active is not None and active_bookings >= limits.max_active:
        reasons.append(
            Reason(
                "TOO_MANY_ACTIVE_BOOKINGS",
                f"You may hold at most {limits.max_active} upcoming bookings",
            )
        )
    return reasons


def rules_in_scope(
    rules: Sequence[Rule], *, location_id: UUID, resource_id: UUID, resource_type: str
) -> list[Rule]:
    """The active rules whose scope covers this bay."""
    return [
        r
        for r in rules
        if r.active
        and r.applies_to(
            location_id=location_id, resource_id=resource_id, resource_type=resource_type
        )
    ]
