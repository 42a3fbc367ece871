"""Rule administration: rules are validated (CEL parsed and tried) before they are saved."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from booking.domain.actors import Actor, Role
from booking.domain.errors import InvalidRule, NotFound
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


def build_rule(cmd: SaveRule) -> Rule:
    """Validate a rule command into a domain rule (raises ``InvalidRule``)."""
    if not cmd.name.strip():
        raise InvalidRule("a rule needs a name")
    if (cmd.scope == "all") != (cmd.scope_ref is None):
        raise InvalidRule("scope_ref is required for a scoped rule and not allowed for 'all'")
    validate_rule_condition(cmd.condition)
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


def list_rules(uow: UnitOfWork, actor: Actor) -> list[Rule]:
    """All rules (staff and admins)."""
    actor.require(Role.ADMIN, Role.STAFF, Role.SERVICE)
    with uow:
        return uow.rules.list()


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
