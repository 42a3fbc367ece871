"""Rule administration: rules are validated (CEL parsed and tried) before they are saved."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from booking.domain.actors import Actor, Role
from booking.domain.errors import InvalidRule, NotFound
from booking.domain.pagination import Page, PageRequest, fingerprint, paginate
from booking.domain.rules import Rule, Scope, parse_action, validate_rule_condition
from booking.services.ports import UnitOfWork


@dataclass(frozen=True)
class SaveRule:
    """Create (no id) or replace (id) a rule."""

    name: str
    action: dict[str, Any]
    condition: str = "true"
    scope: Scope = "all"
    scope_ref: str | None = None
    priority: int = 100
    active: bool = True
    description: str = ""
    id: UUID | None = field(default=None)


def rule_problems(cmd: SaveRule) -> list[dict[str, Any]]:
    """Every problem of a rule, each tied to the field it is about (empty when valid).

    The dashboard shows these next to the fields as the rule is edited, and a save that fails
    carries the same list in its error details.
    """
    problems: list[dict[str, Any]] = []

    def check(name: str, run: Callable[[], object]) -> None:
        try:
            run()
        except InvalidRule as exc:
            problems.append({"field": name, "code": exc.code, "message": exc.message})

    if not cmd.name.strip():
        problems.append({"field": "name", "code": "INVALID_RULE", "message": "a rule needs a name"})
    if (cmd.scope == "all") != (cmd.scope_ref is None):
        problems.append(
            {
                "field": "scope_ref",
                "code": "INVALID_RULE",
                "message": "scope_ref is required for a scoped rule and not allowed for 'all'",
            }
        )
    check("condition", lambda: validate_rule_condition(cmd.condition))
    check("action", lambda: parse_action(cmd.action))
    return problems


def build_rule(cmd: SaveRule) -> Rule:
    """Validate a rule command into a domain rule (raises ``InvalidRule`` listing every problem)."""
    problems = rule_problems(cmd)
    if problems:
        raise InvalidRule(problems[0]["message"], details={"fields": problems})
    return Rule(
        id=cmd.id or uuid.uuid4(),
        name=cmd.name.strip(),
        scope=cmd.scope,
        scope_ref=cmd.scope_ref,
        condition=cmd.condition,
        action=parse_action(cmd.action),
        priority=cmd.priority,
        active=cmd.active,
        description=cmd.description,
    )


def set_rule_active(rule_id: UUID, active: bool, uow: UnitOfWork, actor: Actor) -> Rule:
    """Enable or disable a rule (admin only); the engine re-reads rules when they change."""
    actor.require(Role.ADMIN)
    with uow:
        rule = uow.rules.get(rule_id)
        if rule is None:
            raise NotFound(f"rule {rule_id} not found", code="RULE_NOT_FOUND")
        saved = uow.rules.upsert(dataclasses.replace(rule, active=active))
        uow.commit()
    return saved


def save_rule(cmd: SaveRule, uow: UnitOfWork, actor: Actor) -> Rule:
    """Create or replace a rule (admin only)."""
    actor.require(Role.ADMIN)
    rule = build_rule(cmd)
    with uow:
        if cmd.id is not None and uow.rules.get(cmd.id) is None:
            raise NotFound(f"rule {cmd.id} not found", code="RULE_NOT_FOUND")
        saved = uow.rules.upsert(rule)
        uow.commit()
    return saved


def _rule_order(rule: Rule) -> tuple[int, str, str]:
    return (-rule.priority, rule.name, str(rule.id))


def list_rules(uow: UnitOfWork, actor: Actor, page: PageRequest | None = None) -> Page[Rule]:
    """Rules by priority (highest first), then name, a page at a time (staff and admins)."""
    actor.require(Role.ADMIN, Role.STAFF, Role.SERVICE)
    with uow:
        rules = sorted(uow.rules.list(), key=_rule_order)
    return paginate(
        rules,
        page or PageRequest(),
        kind="rules",
        query=fingerprint(),
        key=_rule_order,
        parse=lambda a: (int(a[0]), a[1], a[2]),
        arity=3,
    )


def get_rule(rule_id: UUID, uow: UnitOfWork, actor: Actor) -> Rule:
    """One rule."""
    actor.require(Role.ADMIN, Role.STAFF, Role.SERVICE)
    with uow:
        rule = uow.rules.get(rule_id)
    if rule is None:
        raise NotFound(f"rule {rule_id} not found", code="RULE_NOT_FOUND")
    return rule


def delete_rule(rule_id: UUID, uow: UnitOfWork, actor: Actor) -> None:
    """Delete a rule (admin only)."""
    actor.require(Role.ADMIN)
    with uow:
        if not uow.rules.delete(rule_id):
            raise NotFound(f"rule {rule_id} not found", code="RULE_NOT_FOUND")
        uow.commit()


def rule_to_dict(rule: Rule) -> dict[str, Any]:
    """A rule as clients see it."""
    return {
        "id": str(rule.id),
        "name": rule.name,
        "description": rule.description,
        "scope": rule.scope,
        "scope_ref": rule.scope_ref,
        "condition": rule.condition,
        "action": rule.action.model_dump(mode="json"),
        "priority": rule.priority,
        "active": rule.active,
    }
