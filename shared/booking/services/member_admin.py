"""Member administration for staff: find members, their figures, bookings and credit ledger,
and grants or adjustments of credits (each a ledger row saying who and why)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from booking.domain.actors import Actor, Role
from booking.domain.errors import InsufficientCredits, InvalidRequest, NotFound
from booking.domain.pagination import (
    DEFAULT_LIMIT,
    Page,
    PageRequest,
    decode_cursor,
    fingerprint,
    page_of,
    parse_instant,
)
from booking.domain.serialization import booking_to_dict, iso, user_to_dict
from booking.services.ports import UnitOfWork
from booking.services.staff_audit import who
from booking.services.staff_scope import require_staff, visible_locations

CreditKind = Literal["grant", "adjustment"]

MAX_CREDIT_CHANGE = 10_000


@dataclass(frozen=True)
class ChangeCredits:
    """Grant credits (``delta`` > 0) or adjust them either way; ``reason`` says why."""

    user_id: UUID
    delta: int
    kind: CreditKind
    reason: str


def _member(uow: UnitOfWork, user_id: UUID) -> Any:
    user = uow.users.get(user_id)
    if user is None:
        raise NotFound(f"member {user_id} not found", code="MEMBER_NOT_FOUND")
    return user


def _after(kind: str, query: str, cursor: str | None, parse: Any, arity: int) -> Any:
    """The sort key a cursor names, parsed (None on the first page)."""
    if not cursor:
        return None
    raw = decode_cursor(kind, query, cursor, arity)
    try:
        return parse(raw)
    except ValueError as exc:
        raise InvalidRequest(
            "the cursor is not one this list handed out for this query", code="INVALID_CURSOR"
        ) from exc


def search_members(
    text: str | None,
    uow: UnitOfWork,
    actor: Actor,
    *,
    cursor: str | None = None,
    limit: int | None = None,
) -> Page[dict[str, Any]]:
    """Members by name, e-mail or phone fragment (all members when empty), one page."""
    require_staff(actor)
    text = (text or "").strip() or None
    page = PageRequest(limit or DEFAULT_LIMIT, cursor)
    filters = fingerprint(text)
    after = _after("members", filters, page.cursor, lambda r: (r[0], UUID(r[1])), 2)
    with uow:
        found = uow.member_admin.search(text=text, after=after, limit=page.limit + 1)
    result = page_of(
        found, page, kind="members", query=filters, key=lambda f: (f[0].name.lower(), str(f[0].id))
    )
    return Page(
        items=[{**user_to_dict(u), "credits": balance} for u, balance in result.items],
        next_cursor=result.next_cursor,
    )


def member_profile(user_id: UUID, uow: UnitOfWork, actor: Actor) -> dict[str, Any]:
    """Profile, tier, tags, balance and booking figures at the caller's locations."""
    require_staff(actor)
    with uow:
        user = _member(uow, user_id)
        locations = visible_locations(uow, actor)
        figures = uow.member_admin.figures(user_id, locations)
        balance = uow.credits.balance(user_id)
    return {
        **user_to_dict(user),
        "credits": balance,
        "figures": {
            "bookings": sum(figures.values()),
            "upcoming_or_active": figures.get("confirmed", 0) + figures.get("checked_in", 0),
            "completed": figures.get("completed", 0),
            "cancelled": figures.get("cancelled", 0),
            "no_shows": figures.get("no_show", 0),
        },
    }


def member_bookings(
    user_id: UUID,
    uow: UnitOfWork,
    actor: Actor,
    *,
    cursor: str | None = None,
    limit: int | None = None,
) -> Page[dict[str, Any]]:
    """The member's bookings at the caller's locations, newest first, one page."""
    require_staff(actor)
    page = PageRequest(limit or DEFAULT_LIMIT, cursor)
    filters = fingerprint(user_id)
    after = _after(
        "member.bookings", filters, page.cursor, lambda r: (parse_instant(r[0]), UUID(r[1])), 2
    )
    with uow:
        _member(uow, user_id)
        locations = visible_locations(uow, actor)
        found = uow.member_admin.bookings(user_id, locations, after=after, limit=page.limit + 1)
    result = page_of(
        found,
        page,
        kind="member.bookings",
        query=filters,
        key=lambda b: (iso(b.start), str(b.id)),
    )
    return Page(items=[booking_to_dict(b) for b in result.items], next_cursor=result.next_cursor)


def _ledger_row(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "booking_id": str(row["booking_id"]) if row["booking_id"] else None,
        "delta": row["delta"],
        "reason": row["reason"],
        "balance_after": row["balance_after"],
        "note": row["note"],
        "actor": row["actor"] or None,
        "created_at": iso(row["created_at"]),
    }


def member_ledger(
    user_id: UUID,
    uow: UnitOfWork,
    actor: Actor,
    *,
    cursor: str | None = None,
    limit: int | None = None,
) -> Page[dict[str, Any]]:
    """The member's credit ledger, newest row first, one page."""
    require_staff(actor)
    page = PageRequest(limit or DEFAULT_LIMIT, cursor)
    filters = fingerprint(user_id)
    before = _after("member.ledger", filters, page.cursor, lambda r: int(r[0]), 1)
    with uow:
        _member(uow, user_id)
        rows = uow.member_admin.ledger(user_id, before_id=before, limit=page.limit + 1)
    result = page_of(rows, page, kind="member.ledger", query=filters, key=lambda r: (r["id"],))
    return Page(items=[_ledger_row(r) for r in result.items], next_cursor=result.next_cursor)


def change_credits(
    cmd: ChangeCredits, uow: UnitOfWork, actor: Actor, now: datetime
) -> dict[str, Any]:
    """Write a grant or adjustment row; the balance never goes below zero (409 instead)."""
    actor.require(Role.STAFF, Role.ADMIN)
    if not cmd.reason.strip():
        raise InvalidRequest("say why the credits change", code="REASON_REQUIRED")
    if cmd.delta == 0 or abs(cmd.delta) > MAX_CREDIT_CHANGE:
        raise InvalidRequest(
            f"delta must be a non-zero number of credits up to {MAX_CREDIT_CHANGE}",
            code="INVALID_DELTA",
        )
    if cmd.kind == "grant" and cmd.delta < 0:
        raise InvalidRequest("a grant adds credits; use an adjustment", code="INVALID_DELTA")
    with uow:
        _member(uow, cmd.user_id)
        balance = uow.credits.balance(cmd.user_id)
        try:
            after = uow.credits.record(
                user_id=cmd.user_id,
                delta=cmd.delta,
                reason=cmd.kind,
                note=cmd.reason.strip(),
                actor=who(actor),
            )
        except InsufficientCredits as exc:
            raise InsufficientCredits(
                f"the balance is {balance}; it cannot go below zero",
                code="BALANCE_WOULD_GO_NEGATIVE",
                details={"balance": balance, "delta": cmd.delta},
            ) from exc
        uow.staff.record_action(
            actor=who(actor),
            action=f"credits_{cmd.kind}",
            reason=cmd.reason.strip(),
            user_id=cmd.user_id,
            details={"delta": cmd.delta, "balance_after": after, "role": actor.role.value},
        )
        uow.commit()
    return {"user_id": str(cmd.user_id), "delta": cmd.delta, "balance": after, "at": iso(now)}
