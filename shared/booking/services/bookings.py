"""Booking use cases: create, get, list, modify, cancel, check in, no-show, complete."""

from __future__ import annotations

import enum
import functools
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, ParamSpec, TypeVar
from uuid import UUID
from zoneinfo import ZoneInfo

from booking.domain.actors import Actor, Role
from booking.domain.availability import day_bounds
from booking.domain.checks import (
    Assessment,
    MemberStats,
    Proposal,
    assess,
    validate_times,
)
from booking.domain.credits import cancellation_refund, reschedule_terms
from booking.domain.errors import (
    BookingRejected,
    Conflict,
    Forbidden,
    InvalidRequest,
    NotFound,
    Reason,
    SlotTaken,
    TransientConflict,
    VersionMismatch,
)
from booking.domain.lifecycle import ensure_modifiable, ensure_transition
from booking.domain.metadata import check_metadata
from booking.domain.models import Blackout, Booking, BookingStatus, Location, Resource, Source, User
from booking.domain.pagination import (
    Page,
    PageRequest,
    decode_cursor,
    fingerprint,
    page_of,
    parse_instant,
)
from booking.domain.rules import Rule
from booking.services import events
from booking.services.availability import alternatives_for
from booking.services.ports import UnitOfWork
from booking.services.staff_audit import record_booking_action, who


@dataclass(frozen=True)
class CreateBooking:
    """Book ``resource_id`` from ``start`` to ``end`` for ``user_id`` (the caller if a member)."""

    resource_id: UUID
    start: datetime
    end: datetime
    user_id: UUID | None = None
    party_size: int = 1
    source: Source | None = None
    """The channel; None takes the caller's own (see :func:`source_for`)."""
    metadata: dict[str, Any] = field(default_factory=dict)
    idempotency: IdempotencyStamp | None = None


@dataclass(frozen=True)
class IdempotencyStamp:
    """The caller's Idempotency-Key (hashed with the caller), a hash of the request, and how
    long the key stands for that request."""

    key: str
    request: str
    window: timedelta


@dataclass(frozen=True)
class ModifyBooking:
    """Reschedule and/or move a booking; unset fields keep their value."""

    booking_id: UUID
    start: datetime | None = None
    end: datetime | None = None
    resource_id: UUID | None = None
    party_size: int | None = None
    expected_version: int | None = None
    reason: str = ""


# The channels each role may book through; the first is the role's own, used when the request
# names none. A booking's source feeds the rules (kiosk walk-ins skip the last-minute cut-off),
# so it comes from who is asking, never from what they claim.
SOURCES: dict[Role, tuple[Source, ...]] = {
    Role.MEMBER: (Source.API,),
    Role.KIOSK: (Source.KIOSK,),
    Role.STAFF: (Source.ADMIN,),
    Role.ADMIN: (Source.ADMIN, Source.API, Source.KIOSK, Source.CLUBOS),
    Role.SERVICE: (Source.API, Source.CLUBOS),
}

WALK_IN_LEAD = timedelta(minutes=15)
"""How far ahead a kiosk may book: walk-ins start now, or while the member gets ready."""


def source_for(actor: Actor, requested: Source | None) -> Source:
    """The booking's channel: the caller's own, or one its role may use (else ``Forbidden``)."""
    allowed = SOURCES[actor.role]
    if requested is None:
        return allowed[0]
    if requested not in allowed:
        raise Forbidden(
            f"the {actor.role.value} role cannot book through {requested.value}",
            code="SOURCE_NOT_ALLOWED",
            details={"source": requested.value, "allowed": [x.value for x in allowed]},
        )
    return requested


def _refuse_kiosk(actor: Actor, what: str) -> None:
    """Kiosks make walk-ins, check members in and show passes; nothing else."""
    if actor.role is Role.KIOSK:
        raise Forbidden(
            f"a kiosk cannot {what}",
            code="KIOSK_NOT_ALLOWED",
            details={"role": actor.role.value},
        )


def _not_found(booking_id: UUID) -> NotFound:
    return NotFound(f"booking {booking_id} not found", code="BOOKING_NOT_FOUND")


def _booker(cmd_user: UUID | None, actor: Actor) -> UUID:
    """Members book for themselves; staff, admins, kiosks and services name the member."""
    if actor.role is Role.MEMBER:
        if cmd_user is not None and cmd_user != actor.user_id:
            raise Forbidden("members can only book for themselves")
        assert actor.user_id is not None
        return actor.user_id
    if cmd_user is None:
        if actor.user_id is not None:
            return actor.user_id
        raise InvalidRequest(
            "user_id is required when booking for a member", code="USER_ID_REQUIRED"
        )
    return cmd_user


@dataclass(frozen=True)
class _Facts:
    user: User
    resource: Resource
    location: Location
    stats: MemberStats
    blackouts: list[Blackout]
    rules: list[Rule]


def _load_facts(
    uow: UnitOfWork,
    user_id: UUID,
    resource_id: UUID,
    *,
    lock_user: bool,
    now: datetime,
    start: datetime,
    end: datetime,
    exclude: UUID | None = None,
) -> _Facts:
    """Everything the booking check needs, in one read (rules from the per-process cache)."""
    validate_times(start, end)  # before any query uses the range
    facts = uow.proposals.facts(
        user_id=user_id,
        resource_id=resource_id,
        lock_user=lock_user,
        now=now,
        start=start,
        end=end,
        exclude=exclude,
    )
    if facts.user is None:
        raise NotFound(f"user {user_id} not found", code="USER_NOT_FOUND")
    if facts.resource is None:
        raise NotFound(f"resource {resource_id} not found", code="RESOURCE_NOT_FOUND")
    assert facts.location is not None  # foreign key
    return _Facts(
        user=facts.user,
        resource=facts.resource,
        location=facts.location,
        stats=MemberStats(
            active_bookings=facts.active_bookings, hours_this_week=facts.hours_this_week
        ),
        blackouts=facts.blackouts,
        rules=uow.rules.active_at(facts.rules_version),
    )


def _assess(
    facts: _Facts,
    *,
    start: datetime,
    end: datetime,
    party_size: int,
    source: Source,
    now: datetime,
) -> Assessment:
    proposal = Proposal(
        user=facts.user,
        resource=facts.resource,
        location=facts.location,
        start=start,
        end=end,
        party_size=party_size,
        source=source.value,
    )
    return assess(
        proposal, now=now, rules=facts.rules, stats=facts.stats, blackouts=facts.blackouts
    )


def _with_alternatives(
    uow: UnitOfWork,
    exc: SlotTaken,
    resource: Resource,
    start: datetime,
    end: datetime,
    user: User,
    now: datetime,
) -> SlotTaken:
    alternatives = alternatives_for(
        uow, resource=resource, start=start, end=end, user=user, now=now
    )
    return SlotTaken(exc.message, alternatives=alternatives)


_ATTEMPTS = 3

P = ParamSpec("P")
T = TypeVar("T")


def retry_transient(fn: Callable[P, T]) -> Callable[P, T]:
    """Run a use case again when PostgreSQL aborted it to break a deadlock.

    Concurrent inserts that overlap can wait on each other's exclusion check; PostgreSQL then
    aborts one of them. Its transaction was rolled back whole, so running it again is safe and
    gives the true answer (usually ``SlotTaken``) instead of a spurious error.
    """

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        for attempt in range(1, _ATTEMPTS + 1):
            try:
                return fn(*args, **kwargs)
            except TransientConflict:
                if attempt == _ATTEMPTS:
                    raise
                # A short, jittered pause lets the transaction that won commit first, so the
                # next attempt sees it instead of waiting on it again.
                time.sleep(random.uniform(0.01, 0.05) * attempt)
        raise AssertionError("unreachable")

    return wrapper


@retry_transient
def create_booking(cmd: CreateBooking, uow: UnitOfWork, actor: Actor, now: datetime) -> Booking:
    """Create a confirmed booking, debit its credits and write ``booking.created``.

    The member's row is locked first, so a member's concurrent bookings are counted and charged
    one after the other; overlaps between members are settled by the exclusion constraint.
    """
    source = source_for(actor, cmd.source)
    if actor.role is Role.KIOSK and cmd.start > now + WALK_IN_LEAD:
        raise Forbidden(
            "a kiosk books walk-ins only: starting now, not later",
            code="KIOSK_NOT_ALLOWED",
            details={"latest_start": (now + WALK_IN_LEAD).isoformat()},
        )
    if cmd.party_size < 1:
        raise InvalidRequest("party_size must be at least 1", code="INVALID_PARTY_SIZE")
    check_metadata(cmd.metadata)
    user_id = _booker(cmd.user_id, actor)
    try:
        with uow:
            facts = _load_facts(
                uow,
                user_id,
                cmd.resource_id,
                lock_user=True,
                now=now,
                start=cmd.start,
                end=cmd.end,
            )
            user, resource, location = facts.user, facts.resource, facts.location
            if actor.role is not Role.MEMBER:
                actor.require_location(location.id, "this location is not yours to book")
            if cmd.idempotency is not None:
                made = _made_earlier(uow, cmd.idempotency, now)
                if made is not None:
                    return made
            assessment = _assess(
                facts,
                start=cmd.start,
                end=cmd.end,
                party_size=cmd.party_size,
                source=source,
                now=now,
            )
            if not assessment.allowed:
                raise BookingRejected(assessment.reasons)
            booking = uow.bookings.add(
                user_id=user.id,
                resource_id=resource.id,
                start=cmd.start,
                end=cmd.end,
                party_size=cmd.party_size,
                source=source.value,
                credit_cost=assessment.credit_cost,
                metadata=cmd.metadata,
                idempotency_key=cmd.idempotency.key if cmd.idempotency else None,
                idempotency_request=cmd.idempotency.request if cmd.idempotency else None,
            )
            if assessment.credit_cost:
                uow.credits.record(
                    user_id=user.id,
                    delta=-assessment.credit_cost,
                    reason="booking_debit",
                    booking_id=booking.id,
                )
            events.booking_event(uow, events.BOOKING_CREATED, booking)
            record_booking_action(uow, actor, "booked_for_member", booking)
            uow.commit()
            return booking
    except SlotTaken as exc:
        raise _with_alternatives(uow, exc, resource, cmd.start, cmd.end, user, now) from exc


def _made_earlier(uow: UnitOfWork, stamp: IdempotencyStamp, now: datetime) -> Booking | None:
    """The booking this key already created (its create committed, then the process died
    before the idempotency record completed), or None. Runs under the member's row lock, so
    a retry racing its own first attempt sees the committed booking."""
    found = uow.bookings.by_idempotency_key(stamp.key)
    if found is None:
        return None
    booking, request = found
    if booking.created_at < now - stamp.window:
        uow.bookings.release_idempotency_key(stamp.key)  # an old key, used again
        return None
    if request != stamp.request:
        raise InvalidRequest(
            "This Idempotency-Key was used with a different request body",
            code="IDEMPOTENCY_KEY_REUSED",
        )
    return booking


def check_booking(
    cmd: CreateBooking, uow: UnitOfWork, actor: Actor, now: datetime
) -> dict[str, Any]:
    """Dry run: would this booking pass, why not, and what would it cost? Writes nothing.

    The answer carries the member's balance, so staff only check at their own locations and
    kiosks not at all (a walk-in answers for itself).
    """
    _refuse_kiosk(actor, "check a booking in advance")
    source = source_for(actor, cmd.source)
    user_id = _booker(cmd.user_id, actor)
    with uow:
        facts = _load_facts(
            uow, user_id, cmd.resource_id, lock_user=False, now=now, start=cmd.start, end=cmd.end
        )
        user, resource = facts.user, facts.resource
        if actor.role is not Role.MEMBER:
            actor.require_location(facts.location.id, "this location is not yours to check")
        assessment = _assess(
            facts,
            start=cmd.start,
            end=cmd.end,
            party_size=cmd.party_size,
            source=source,
            now=now,
        )
        reasons = list(assessment.reasons)
        buffer = timedelta(minutes=resource.buffer_minutes)
        if uow.bookings.overlapping(resource.id, cmd.start, cmd.end + buffer):
            reasons.append(Reason("SLOT_TAKEN", "That time is already booked on this bay"))
        balance = uow.credits.balance(user.id)
        if assessment.credit_cost > balance:
            reasons.append(
                Reason(
                    "INSUFFICIENT_CREDITS",
                    f"Needs {assessment.credit_cost} credits, balance is {balance}",
                )
            )
    return {
        "allowed": not reasons,
        "reasons": [r.as_dict() for r in reasons],
        "credit_cost": assessment.credit_cost,
        "balance": balance,
    }


def get_booking(booking_id: UUID, uow: UnitOfWork, actor: Actor) -> Booking:
    """One booking the caller may see (404 for anyone else's, so ids do not leak)."""
    with uow:
        booking = uow.bookings.get(booking_id)
    if booking is None or not actor.can_see_booking(booking.user_id, booking.location_id):
        raise _not_found(booking_id)
    return booking


def _booking_order(b: Booking) -> tuple[datetime, UUID]:
    return (b.start, b.id)


def _after(kind: str, query: str, page: PageRequest) -> tuple[datetime, UUID] | None:
    """The (start, id) a bookings cursor names, or None on the first page."""
    if page.cursor is None:
        return None
    start, booking_id = decode_cursor(kind, query, page.cursor, arity=2)
    try:
        return parse_instant(start), UUID(booking_id)
    except ValueError:
        raise InvalidRequest(
            "the cursor is not one this list handed out for this query", code="INVALID_CURSOR"
        ) from None


def list_bookings(
    uow: UnitOfWork,
    actor: Actor,
    *,
    now: datetime,
    location_id: UUID | None = None,
    day: date | None = None,
    user_id: UUID | None = None,
    include_past: bool = False,
    page: PageRequest | None = None,
) -> Page[Booking]:
    """A member's own bookings, or (staff, admin) a location's bookings on a local day.

    By start then id, a page at a time; staff listing a member see only bookings at their own
    locations (filtered in the query, so pages stay full).
    """
    _refuse_kiosk(actor, "list bookings")
    page = page or PageRequest()
    since = None if include_past else now
    with uow:
        if actor.role is Role.MEMBER or (location_id is None and user_id is None):
            if actor.user_id is None:
                raise InvalidRequest("location_id is required", code="LOCATION_ID_REQUIRED")
            kind, query = "bookings.mine", fingerprint(actor.user_id, include_past)
            fetched = uow.bookings.for_user(
                actor.user_id,
                since=since,
                after=_after(kind, query, page),
                limit=page.limit + 1,
            )
            return page_of(fetched, page, kind=kind, query=query, key=_booking_order)
        if location_id is None:
            assert user_id is not None
            if actor.role not in (Role.ADMIN, Role.SERVICE, Role.STAFF):
                raise Forbidden("only staff may list another member's bookings")
            scope = None if actor.is_privileged or actor.all_locations else actor.location_ids
            kind = "bookings.member"
            query = fingerprint(user_id, include_past, sorted(map(str, scope or ())))
            fetched = uow.bookings.for_user(
                user_id,
                since=since,
                after=_after(kind, query, page),
                limit=page.limit + 1,
                location_ids=scope,
            )
            return page_of(fetched, page, kind=kind, query=query, key=_booking_order)
        actor.require_location(location_id, "this location is not yours to see")
        location = uow.locations.get(location_id)
        if location is None:
            raise NotFound(f"location {location_id} not found", code="LOCATION_NOT_FOUND")
        tz = ZoneInfo(location.time_zone)
        local_day = day or now.astimezone(tz).date()
        start, end = day_bounds(tz, local_day, local_day)
        kind, query = "bookings.day", fingerprint(location_id, local_day, user_id)
        fetched = uow.bookings.for_location(
            location_id,
            start,
            end,
            user_id=user_id,
            after=_after(kind, query, page),
            limit=page.limit + 1,
        )
        return page_of(fetched, page, kind=kind, query=query, key=_booking_order)


def _locked_visible(uow: UnitOfWork, booking_id: UUID, actor: Actor) -> Booking:
    booking = uow.bookings.get(booking_id, for_update=True)
    if booking is None or not actor.can_see_booking(booking.user_id, booking.location_id):
        raise _not_found(booking_id)
    return booking


@retry_transient
def modify_booking(cmd: ModifyBooking, uow: UnitOfWork, actor: Actor, now: datetime) -> Booking:
    """Reschedule or change bay with the same checks as a new booking (version + 1).

    The credit difference is charged, or refunded by the cancellation policy, in the same
    transaction; moving a booking inside the policy's window also caps what cancelling it
    later refunds (``booking.domain.credits.reschedule_terms``). Staff move bookings only to
    bays of their own locations; kiosks change nothing.
    """
    _refuse_kiosk(actor, "change a booking")
    resource: Resource | None = None
    user: User | None = None
    start = end = now
    try:
        with uow:
            current = _locked_visible(uow, cmd.booking_id, actor)
            if cmd.expected_version is not None and cmd.expected_version != current.version:
                raise VersionMismatch(
                    f"booking is at version {current.version}, not {cmd.expected_version}",
                    details={"version": current.version},
                )
            ensure_modifiable(current.status)
            if current.start <= now:
                raise Conflict(
                    "a booking that has started cannot be changed", code="BOOKING_STARTED"
                )
            start = cmd.start or current.start
            end = cmd.end or (start + (current.end - current.start) if cmd.start else current.end)
            facts = _load_facts(
                uow,
                current.user_id,
                cmd.resource_id or current.resource_id,
                lock_user=True,
                now=now,
                start=start,
                end=end,
                exclude=current.id,
            )
            user, resource = facts.user, facts.resource
            if actor.role is not Role.MEMBER and resource.location_id != current.location_id:
                actor.require_location(
                    resource.location_id, "the new bay is at a location that is not yours"
                )
            party = cmd.party_size or current.party_size
            assessment = _assess(
                facts, start=start, end=end, party_size=party, source=current.source, now=now
            )
            if not assessment.allowed:
                raise BookingRejected(assessment.reasons)
            policy_location = (
                facts.location
                if facts.location.id == current.location_id
                else uow.locations.get(current.location_id) or facts.location
            )
            delta, cap = reschedule_terms(
                policy_location.settings.cancellation_policy,
                current_start=current.start,
                current_cap=current.refund_cap_percent,
                credit_change=assessment.credit_cost - current.credit_cost,
                now=now,
            )
            updated = uow.bookings.reschedule(
                current.id,
                resource_id=resource.id,
                start=start,
                end=end,
                credit_cost=assessment.credit_cost,
                party_size=party,
                refund_cap_percent=cap,
            )
            if delta:
                uow.credits.record(
                    user_id=user.id,
                    delta=delta,
                    reason="booking_modify",
                    booking_id=current.id,
                )
            events.booking_event(uow, events.BOOKING_MODIFIED, updated, previous=current)
            record_booking_action(
                uow,
                actor,
                "moved",
                updated,
                reason=cmd.reason,
                details={
                    "from": {
                        "start": current.start.isoformat(),
                        "end": current.end.isoformat(),
                        "resource_id": str(current.resource_id),
                    },
                    "to": {
                        "start": updated.start.isoformat(),
                        "end": updated.end.isoformat(),
                        "resource_id": str(updated.resource_id),
                    },
                },
            )
            uow.commit()
            return updated
    except SlotTaken as exc:
        assert resource is not None and user is not None
        raise _with_alternatives(uow, exc, resource, start, end, user, now) from exc


def refund_preview(
    booking_id: UUID, uow: UnitOfWork, actor: Actor, now: datetime
) -> dict[str, Any]:
    """What cancelling ``booking_id`` at ``now`` would refund, by the location's policy.

    The same computation ``cancel_booking`` applies, so the figure shown is the figure paid.
    """
    current = get_booking(booking_id, uow, actor)
    ensure_transition(current.status, BookingStatus.CANCELLED)
    with uow:
        location = uow.locations.get(current.location_id)
    assert location is not None  # foreign key
    policy = location.settings.cancellation_policy
    refund = cancellation_refund(current.credit_cost, policy, start=current.start, now=now)
    return {
        "booking_id": current.id,
        "credit_cost": current.credit_cost,
        "refund_credits": refund,
        "refund_percent": refund * 100 // current.credit_cost if current.credit_cost else 100,
        "hours_before_start": round((current.start - now).total_seconds() / 3600, 2),
        "policy": [
            {"hours_before": s.hours_before, "refund_percent": s.refund_percent} for s in policy
        ],
    }


def cancel_booking(
    booking_id: UUID,
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    *,
    reason: str = "",
    full_refund: bool = False,
    refund_credits: int | None = None,
) -> Booking:
    """Cancel and refund by the location's policy.

    Staff and admins may override the refund (``full_refund``, or ``refund_credits`` between 0
    and what was paid); an override needs a reason, and who gave it and why is recorded in the
    ledger row, the event and the staff record.
    """
    _refuse_kiosk(actor, "cancel a booking")
    override = full_refund or refund_credits is not None
    if override and actor.role not in (Role.STAFF, Role.ADMIN):
        raise Forbidden("only staff may override the refund")
    if override and not reason.strip():
        raise InvalidRequest("say why the refund is overridden", code="OVERRIDE_REASON_REQUIRED")
    if refund_credits is not None and refund_credits < 0:
        raise InvalidRequest("refund_credits cannot be negative", code="INVALID_REFUND")
    with uow:
        current = _locked_visible(uow, booking_id, actor)
        ensure_transition(current.status, BookingStatus.CANCELLED)
        location = uow.locations.get(current.location_id)
        assert location is not None
        by_policy = cancellation_refund(
            current.credit_cost,
            location.settings.cancellation_policy,
            start=current.start,
            now=now,
            cap_percent=current.refund_cap_percent,
        )
        refund = by_policy
        if full_refund:
            refund = current.credit_cost
        if refund_credits is not None:
            if refund_credits > current.credit_cost:
                raise InvalidRequest(
                    f"the booking cost {current.credit_cost} credits; cannot refund more",
                    code="INVALID_REFUND",
                    details={"credit_cost": current.credit_cost},
                )
            refund = refund_credits
        cancelled = uow.bookings.set_status(current.id, BookingStatus.CANCELLED, at=now)
        extra: dict[str, Any] = {"refunded_credits": refund, "reason": reason}
        note = ""
        if override:
            extra["refund_override"] = {
                "by": who(actor),
                "reason": reason,
                "policy_credits": by_policy,
                "credits": refund,
            }
            note = f"refund override by {who(actor)}: {reason}"
        if refund:
            uow.credits.record(
                user_id=current.user_id,
                delta=refund,
                reason="cancellation_refund",
                booking_id=current.id,
                note=note,
                actor=who(actor) if override else "",
            )
        events.booking_event(uow, events.BOOKING_CANCELLED, cancelled, extra=extra)
        record_booking_action(
            uow,
            actor,
            "cancelled",
            cancelled,
            reason=reason,
            details={"refunded_credits": refund, "policy_credits": by_policy, "override": override},
        )
        uow.commit()
        return cancelled


class Presence(enum.StrEnum):
    """How a check-in proves the member is at the club."""

    DOOR = "door"
    """A signed door-unlock webhook matched the member at the bay's door."""
    PASS_SCAN = "pass_scan"
    """A door reader or kiosk scanned the member's current pass (``POST /access/verify``)."""
    KIOSK = "kiosk"
    """The club's kiosk checked the member in."""
    STAFF = "staff"
    """Staff (or an admin) checked the member in at the desk."""


# Who may vouch for each proof. A member's own word is none of them: a remote check-in would
# dodge the no-show forfeit.
PRESENCE_WITNESSES: dict[Presence, frozenset[Role]] = {
    Presence.DOOR: frozenset({Role.SERVICE}),
    Presence.PASS_SCAN: frozenset({Role.KIOSK, Role.SERVICE, Role.STAFF, Role.ADMIN}),
    Presence.KIOSK: frozenset({Role.KIOSK}),
    Presence.STAFF: frozenset({Role.STAFF, Role.ADMIN}),
}
_OWN_PRESENCE = {Role.KIOSK: Presence.KIOSK, Role.STAFF: Presence.STAFF, Role.ADMIN: Presence.STAFF}


def _presence(actor: Actor, presence: Presence | None) -> Presence:
    proof = presence or _OWN_PRESENCE.get(actor.role)
    if proof is None or actor.role not in PRESENCE_WITNESSES[proof]:
        raise Forbidden(
            "check-in needs proof of presence: scan the pass at the door or the kiosk, "
            "or ask staff at the desk",
            code="PRESENCE_REQUIRED",
            details={
                "role": actor.role.value,
                "presence": proof.value if proof else None,
                "accepted": [p.value for p in Presence],
            },
        )
    return proof


def check_in(
    booking_id: UUID,
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    *,
    presence: Presence | None = None,
) -> Booking:
    """Check a member in, from the door window's opening until the booking ends.

    Only a proof of presence checks in (``presence``; kiosks and staff vouch by being there):
    a member cannot check in remotely. The proof travels in ``booking.checked_in``.
    """
    proof = _presence(actor, presence)
    with uow:
        current = _locked_visible(uow, booking_id, actor)
        if current.status is BookingStatus.CHECKED_IN:
            return current  # a second door scan is not an error
        ensure_transition(current.status, BookingStatus.CHECKED_IN)
        location = uow.locations.get(current.location_id)
        assert location is not None
        opens = current.start - timedelta(minutes=location.settings.access_before_minutes)
        if not opens <= now < current.end:
            raise Conflict(
                "check-in is open from the door window's start until the booking ends",
                code="OUTSIDE_CHECK_IN_WINDOW",
                details={"opens": opens.isoformat(), "closes": current.end.isoformat()},
            )
        updated = uow.bookings.set_status(current.id, BookingStatus.CHECKED_IN, at=now)
        events.booking_event(
            uow, events.BOOKING_CHECKED_IN, updated, extra={"presence": proof.value}
        )
        record_booking_action(uow, actor, "checked_in", updated)
        uow.commit()
        return updated


def mark_no_show(booking_id: UUID, uow: UnitOfWork, actor: Actor, now: datetime) -> Booking:
    """Mark a confirmed booking nobody checked in to as a no-show; its credits are forfeited."""
    actor.require(Role.SERVICE, Role.ADMIN, Role.STAFF)
    with uow:
        current = _locked_visible(uow, booking_id, actor)
        ensure_transition(current.status, BookingStatus.NO_SHOW)
        location = uow.locations.get(current.location_id)
        assert location is not None
        due = current.start + timedelta(minutes=location.settings.no_show_grace_minutes)
        if now < due:
            raise Conflict(
                "the no-show grace period has not passed",
                code="NO_SHOW_NOT_DUE",
                details={"due": due.isoformat()},
            )
        updated = uow.bookings.set_status(current.id, BookingStatus.NO_SHOW, at=now)
        events.booking_event(
            uow, events.BOOKING_NO_SHOW, updated, extra={"forfeited_credits": current.credit_cost}
        )
        uow.commit()
        return updated


def complete_booking(booking_id: UUID, uow: UnitOfWork, actor: Actor, now: datetime) -> Booking:
    """Close a booking after it ended."""
    actor.require(Role.SERVICE, Role.ADMIN, Role.STAFF)
    with uow:
        current = _locked_visible(uow, booking_id, actor)
        ensure_transition(current.status, BookingStatus.COMPLETED)
        updated = uow.bookings.set_status(current.id, BookingStatus.COMPLETED, at=now)
        events.booking_event(uow, events.BOOKING_COMPLETED, updated)
        uow.commit()
        return updated
