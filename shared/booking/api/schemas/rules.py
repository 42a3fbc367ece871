"""The rules routes' models."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal
from uuid import UUID

from pydantic import Field

from booking.api.schemas.common import _In, _Model, _Paged

if TYPE_CHECKING:
    from booking.services.rules import SaveRule


class CheckOut(_Model):
    """``POST /rules/check``: would the booking pass?"""

    allowed: bool
    reasons: list[dict[str, str]]
    credit_cost: int
    balance: int


class RuleBody(_In):
    """A rule to create or replace."""

    name: str = Field(min_length=1, max_length=100)
    description: str = ""
    scope: Literal["all", "location", "resource_type", "resource"] = "all"
    scope_ref: str | None = None
    condition: str = Field("true", max_length=2000)
    action: dict[str, Any]
    priority: int = Field(100, ge=0, le=100000)
    active: bool = True

    def to_command(self, rule_id: UUID | None = None) -> SaveRule:
        """The rule to save: a new one, or ``rule_id`` replaced."""
        from booking.services.rules import SaveRule

        return SaveRule(
            id=rule_id,
            name=self.name,
            description=self.description,
            scope=self.scope,
            scope_ref=self.scope_ref,
            condition=self.condition,
            action=self.action,
            priority=self.priority,
            active=self.active,
        )


class RuleOut(_Model):
    """A rule."""

    id: UUID
    name: str
    description: str
    scope: str
    scope_ref: str | None
    condition: str
    action: dict[str, Any]
    priority: int
    active: bool


class RuleList(_Paged):
    """A page of rules, by priority (highest first) then name."""

    rules: list[RuleOut]


# The staff dashboard's rule routes.


class RuleActiveBody(_In):
    """Enable or disable a rule."""

    active: bool


class RuleProblem(_Model):
    """A problem of a rule, tied to its field."""

    field: str
    code: str
    message: str


class RuleValidationOut(_Model):
    """Whether a rule would save, and every problem if not."""

    valid: bool
    problems: list[RuleProblem]
