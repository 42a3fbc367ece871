"""Member administration routes: search, profile, bookings, ledger, grants and adjustments."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Query

from booking.api import context
from booking.api.responses import ERROR_RESPONSES, ERRORS, reply
from booking.api.schemas import (
    BookingPage,
    CreditChangeBody,
    CreditChangeOut,
    LedgerPage,
    MemberPage,
    MemberProfileOut,
)
from booking.services import member_admin as svc

router = Router()

Cursor = Annotated[str | None, Query(max_length=500)]
Limit = Annotated[int | None, Query(ge=1, le=200)]


@router.get("/members", summary="Find members", responses=ERRORS)
def list_members(
    q: Annotated[str | None, Query(max_length=100, description="name, e-mail or phone")] = None,
    cursor: Cursor = None,
    limit: Limit = None,
) -> MemberPage:
    """Members by name, e-mail or phone fragment, by name; cursor-paged (staff, admins)."""
    actor = context.current_actor(router)
    page = svc.search_members(q, context.unit_of_work(), actor, cursor=cursor, limit=limit)
    return MemberPage.model_validate({"items": page.items, "next_cursor": page.next_cursor})


@router.get("/members/<user_id>", summary="A member's profile", responses=ERRORS)
def get_member(user_id: UUID) -> MemberProfileOut:
    """Profile, tier, tags, balance, and booking figures at the caller's locations."""
    actor = context.current_actor(router)
    return MemberProfileOut.model_validate(
        svc.member_profile(user_id, context.unit_of_work(), actor)
    )


@router.get("/members/<user_id>/bookings", summary="A member's bookings", responses=ERRORS)
def get_member_bookings(user_id: UUID, cursor: Cursor = None, limit: Limit = None) -> BookingPage:
    """The member's bookings at the caller's locations, newest first; cursor-paged."""
    actor = context.current_actor(router)
    page = svc.member_bookings(user_id, context.unit_of_work(), actor, cursor=cursor, limit=limit)
    return BookingPage.model_validate({"items": page.items, "next_cursor": page.next_cursor})


@router.get("/members/<user_id>/ledger", summary="A member's credit ledger", responses=ERRORS)
def get_member_ledger(user_id: UUID, cursor: Cursor = None, limit: Limit = None) -> LedgerPage:
    """Ledger rows, newest first, each with why (note) and who (actor); cursor-paged."""
    actor = context.current_actor(router)
    page = svc.member_ledger(user_id, context.unit_of_work(), actor, cursor=cursor, limit=limit)
    return LedgerPage.model_validate({"items": page.items, "next_cursor": page.next_cursor})


@router.post(
    "/members/<user_id>/credits",
    summary="Grant or adjust credits",
    responses={
        201: {
            "description": "Recorded",
            "content": {"application/json": {"model": CreditChangeOut}},
        },
        **ERROR_RESPONSES,
    },
)
def change_credits(user_id: UUID, body: CreditChangeBody) -> Response[Any]:
    """A grant or adjustment as a ledger row with who and why; never below zero (409)."""
    actor = context.current_actor(router)
    result = svc.change_credits(
        svc.ChangeCredits(user_id=user_id, delta=body.delta, kind=body.kind, reason=body.reason),
        context.unit_of_work(),
        actor,
        context.now(),
    )
    return reply(201, result)
