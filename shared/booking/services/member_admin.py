"""Member administration for staff: find members, their figures, bookings and credit ledger,
and grants or adjustments of credits (each a ledger row saying who and why)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking.domain.actors import Actor, Role
from booking.domain.errors import InsufficientCredits, InvalidRequest, NotFound
from booking.domain.pagination import (
    Page,
    bad_cursor,
    clamp_limit,
    decode_cursor,
    encode_cursor,
)
from booking.domain.serialization import booking_to_dict, iso, user_to_dict
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


def _member(uow: PostgresUnitOfWork, user_id: UUID) -> Any:
    user = uow.users.get(user_id)
    if user is None:
        raise NotFound(f"member {user_id} not found", code="MEMBER_NOT_FOUND")
    return user


def _cursor_key(token: str | None) -> tuple[str, UUID] | None:
    key = decode_cursor(token, 2)
    if key is None:
        return None
    try:
        return str(key[0]), UUID(str(key[1]))
    except ValueError as exc:
        raise bad_cursor() from exc


def search_members(
    text: str | None,
    uow: PostgresUnitOfWork,
    actor: Actor,
    *,
    cursor: str | None = None,
    limit: int | None = None,
) -> Page[dict[str, Any]]:
    """Members by name, e-mail or phone fragment (all members when empty), one page."""
    require_staff(actor)
    text = (text or "").strip() or None
    size = clamp_limit(limit)
    after = _cursor_key(cursor)
    with uow:
        found = uow.member_admin.search(text=text, after=after, limit=size + 1)
    more = len(found) > size
    found = found[:size]
    items = [{**user_to_dict(u), "credits": balance} for u, balance in found]
    last = found[-1][0] if found else None
    next_cursor = encode_cursor([last.name.lower(), str(last.id)]) if more and last else None
    return Page(items=items, next_cursor=next_cursor)


def member_profile(user_id: UUID, uow: PostgresUnitOfWork, actor: Actor) -> dict[str, Any]:
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
    uow: PostgresUnitOfWork,
    actor: Actor,
    *,
    cursor: str | None = None,
    limit: int | None = None,
) -> Page[dict[str, Any]]:
    """The member's bookings at the caller's locations, newest first, one page."""
    require_staff(actor)
    size = clamp_limit(limit)
    key = decode_cursor(cursor, 2)
    try:
        after = (str(key[0]), UUID(str(key[1]))) if key else None
    except ValueError as exc:
        raise bad_cursor() from exc
    with uow:
        _member(uow, user_id)
        locations = visible_locations(uow, actor)
        found = uow.member_admin.bookings(user_id, locations, after=after, limit=size + 1)
    more = len(found) > size
    found = found[:size]
    last = found[-1] if found else None
    next_cursor = encode_cursor([iso(last.start), str(last.id)]) if more and last else None
    return Page(items=[booking_to_dict(b) for b in found], next_cursor=next_cursor)


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
    uow: PostgresUnitOfWork,
    actor: Actor,
    *,
    cursor: str | None = None,
    limit: int | None = None,
) -> Page[dict[str, Any]]:
    """The member's credit ledger, newest row first, one page."""
    require_staff(actor)
    size = clamp_limit(limit)
    key = decode_cursor(cursor, 1)
    if key is not None and not isinstance(key[0], int):
        raise bad_cursor()
    with uow:
        _member(uow, user_id)
        rows = uow.member_admin.ledger(user_id, before_id=key[0] if key else None, limit=size + 1)
    more = len(rows) > size
    rows = rows[:size]
    next_cursor = encode_cursor([rows[-1]["id"]]) if more and rows else None
    return Page(items=[_ledger_row(r) for r in rows], next_cursor=next_cursor)


def change_credits(
    cmd: ChangeCredits, uow: PostgresUnitOfWork, actor: Actor, now: datetime
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
