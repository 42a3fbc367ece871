"""Booking rules, with the active set cached per process and version."""

from __future__ import annotations

from typing import ClassVar
from uuid import UUID

import psycopg
from psycopg.types.json import Jsonb

from booking.adapters.postgres.repositories.base import BaseRepository
from booking.adapters.postgres.repositories.rows import rule_from_row
from booking.domain.errors import Conflict
from booking.domain.rules import Rule


class RuleRepository(BaseRepository):
    """Booking rules."""

    # Active rules per (database, version), shared by the units of work of this process; the
    # version (count and latest change) comes with the booking check's single read.
    _cache: ClassVar[dict[tuple[str, str], list[Rule]]] = {}

    def active_at(self, version: str) -> list[Rule]:
        """Active rules, read again only when ``version`` differs from the cached one."""
        key = (f"{self.conn.info.host}:{self.conn.info.port}/{self.conn.info.dbname}", version)
        rules = self._cache.get(key)
        if rules is None:
            rules = self.active()
            self._cache.clear()  # one version per process is enough
            self._cache[key] = rules
        return rules

    def active(self) -> list[Rule]:
        """Active rules by priority (highest first)."""
        return [
            rule_from_row(r)
            for r in self._all(
                "SELECT * FROM booking_rules WHERE active ORDER BY priority DESC, name"
            )
        ]

    def list(self) -> list[Rule]:
        """All rules."""
        return [
            rule_from_row(r)
            for r in self._all("SELECT * FROM booking_rules ORDER BY priority DESC, name")
        ]

    def get(self, rule_id: UUID) -> Rule | None:
        """One rule or None."""
        row = self._one("SELECT * FROM booking_rules WHERE id = %s", (rule_id,))
        return rule_from_row(row) if row else None

    def upsert(self, rule: Rule) -> Rule:
        """Insert or replace a rule by id; a name already used by another rule is a conflict."""
        try:
            row = self._one(
                "INSERT INTO booking_rules (id, name, description, scope, scope_ref, condition,"
                " action, priority, active) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s)"
                " ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name,"
                " description = EXCLUDED.description, scope = EXCLUDED.scope,"
                " scope_ref = EXCLUDED.scope_ref, condition = EXCLUDED.condition,"
                " action = EXCLUDED.action, priority = EXCLUDED.priority, active = EXCLUDED.active,"
                " updated_at = now() RETURNING *",
                (
                    rule.id,
                    rule.name,
                    rule.description,
                    rule.scope,
                    rule.scope_ref,
                    rule.condition,
                    Jsonb(rule.action.model_dump(mode="json")),
                    rule.priority,
                    rule.active,
                ),
            )
        except psycopg.errors.UniqueViolation as exc:
            raise Conflict(
                f"a rule named {rule.name!r} already exists", code="RULE_NAME_TAKEN"
            ) from exc
        assert row
        return rule_from_row(row)

    def delete(self, rule_id: UUID) -> bool:
        """Delete a rule; False when it did not exist."""
        return (
            self._one("DELETE FROM booking_rules WHERE id = %s RETURNING id", (rule_id,))
            is not None
        )
