"""Rule administration and the dry-run check of a proposed booking."""

from __future__ import annotations

from uuid import UUID

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router

from booking.api import context
from booking.api.responses import ERRORS, reply
from booking.api.schemas import (
    CheckOut,
    CreateBookingBody,
    Cursor,
    Limit,
    RuleActiveBody,
    RuleBody,
    RuleList,
    RuleOut,
    RuleValidationOut,
)
from booking.domain.actors import Role
from booking.domain.pagination import DEFAULT_LIMIT, PageRequest
from booking.services import bookings as booking_svc
from booking.services import rules as svc

router = Router()


@router.get("/rules", summary="List rules", responses=ERRORS)
def list_rules(limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None) -> RuleList:
    """Rules by priority then name, a page at a time (staff and admins)."""
    actor = context.current_actor(router)
    page = svc.list_rules(context.unit_of_work(), actor, PageRequest(limit, cursor))
    return RuleList.model_validate(
        {"rules": [svc.rule_to_dict(r) for r in page.items], "next_cursor": page.next_cursor}
    )


@router.post("/rules", summary="Create a rule", responses=ERRORS)
def create_rule(body: RuleBody) -> Response[RuleOut]:
    """Create a rule; an invalid CEL condition is refused with the parser's message."""
    actor = context.current_actor(router)
    rule = svc.save_rule(body.to_command(), context.unit_of_work(), actor)
    return reply(201, svc.rule_to_dict(rule))


@router.get("/rules/<rule_id>", summary="One rule", responses=ERRORS)
def get_rule(rule_id: UUID) -> RuleOut:
    """One rule."""
    actor = context.current_actor(router)
    return RuleOut.model_validate(
        svc.rule_to_dict(svc.get_rule(rule_id, context.unit_of_work(), actor))
    )


@router.put("/rules/<rule_id>", summary="Replace a rule", responses=ERRORS)
def replace_rule(rule_id: UUID, body: RuleBody) -> RuleOut:
    """Replace a rule."""
    actor = context.current_actor(router)
    rule = svc.save_rule(body.to_command(rule_id), context.unit_of_work(), actor)
    return RuleOut.model_validate(svc.rule_to_dict(rule))


@router.patch("/rules/<rule_id>", summary="Enable or disable a rule", responses=ERRORS)
def set_rule_active(rule_id: UUID, body: RuleActiveBody) -> RuleOut:
    """Switch a rule on or off without touching the rest of it (admin)."""
    actor = context.current_actor(router)
    rule = svc.set_rule_active(rule_id, body.active, context.unit_of_work(), actor)
    return RuleOut.model_validate(svc.rule_to_dict(rule))


@router.post("/rules/validate", summary="Would this rule save?", responses=ERRORS)
def validate_rule(body: RuleBody) -> RuleValidationOut:
    """Every problem of a rule, by field, without saving it (for inline feedback)."""
    actor = context.current_actor(router)
    actor.require(Role.ADMIN, Role.STAFF)
    problems = svc.rule_problems(body.to_command())
    return RuleValidationOut.model_validate({"valid": not problems, "problems": problems})


@router.delete("/rules/<rule_id>", summary="Delete a rule", responses=ERRORS)
def delete_rule(rule_id: UUID) -> Response[None]:
    """Delete a rule."""
    actor = context.current_actor(router)
    svc.delete_rule(rule_id, context.unit_of_work(), actor)
    return Response(status_code=204)


@router.post("/rules/check", summary="Would this booking pass?", responses=ERRORS)
def check(body: CreateBookingBody) -> CheckOut:
    """Dry run of a proposed booking: every reason it would be refused, and its cost."""
    actor = context.current_actor(router)
    return CheckOut.model_validate(
        booking_svc.check_booking(body.to_command(), context.unit_of_work(), actor, context.now())
    )
