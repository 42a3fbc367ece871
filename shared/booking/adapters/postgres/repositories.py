"""SQL for each aggregate, mapping rows to domain objects. Used through the unit of work."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar
from uuid import UUID

import psycopg
from psycopg.rows import tuple_row
from psycopg.types.json import Jsonb
from psycopg.types.range import Range

from booking.domain.errors import Conflict, InsufficientCredits, SlotTaken, TransientConflict
from booking.domain.models import (
    Blackout,
    Booking,
    BookingStatus,
    Location,
    Resource,
    ResourceStatus,
    Source,
    User,
)
from booking.domain.opening_hours import OpeningHours
from booking.domain.rules import Rule, parse_action
from booking.domain.settings import LocationSettings

Row = dict[str, Any]
Conn = psycopg.Connection[Any]


def _location(row: Row) -> Location:
    return Location(
        id=row["id"],
        slug=row["slug"],
        name=row["name"],
        address=row["address"],
        time_zone=row["time_zone"],
        opening_hours=OpeningHours.from_json(row["opening_hours"]),
        settings=LocationSettings.from_json(row["settings"]),
    )


def _resource(row: Row) -> Resource:
    return Resource(
        id=row["id"],
        location_id=row["location_id"],
        name=row["name"],
        type=row["type"],
        capacity=row["capacity"],
        buffer_minutes=row["buffer_minutes"],
        status=ResourceStatus(row["status"]),
        unifi_door_ids=tuple(row["unifi_door_ids"]),
        ninjaone_device_id=row["ninjaone_device_id"],
        metadata=row["metadata"],
    )


def _user(row: Row) -> User:
    return User(
        id=row["id"],
        email=row["email"],
        name=row["name"],
        tier=row["tier"],
        tags=tuple(row["tags"]),
        hubspot_id=row["hubspot_id"],
        phone=row["phone"],
        preferences=row["preferences"],
    )


def _booking(row: Row) -> Booking:
    return Booking(
        id=row["id"],
        user_id=row["user_id"],
        resource_id=row["resource_id"],
        location_id=row["location_id"],
        start=row["starts_at"],
        end=row["ends_at"],
        party_size=row["party_size"],
        status=BookingStatus(row["status"]),
        version=row["version"],
        source=Source(row["source"]),
        credit_cost=row["credit_cost"],
        metadata=row["metadata"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        checked_in_at=row["checked_in_at"],
        cancelled_at=row["cancelled_at"],
        refund_cap_percent=row.get("refund_cap_percent", 100),
    )


def _rule(row: Row) -> Rule:
    return Rule(
        id=row["id"],
        name=row["name"],
        scope=row["scope"],
        scope_ref=row["scope_ref"],
        condition=row["condition"],
        action=parse_action(row["action"]),
        priority=row["priority"],
        active=row["active"],
        description=row["description"],
    )


def _blackout(row: Row) -> Blackout:
    period: Range[datetime] = row["period"]
    assert period.lower is not None and period.upper is not None
    return Blackout(
        id=row["id"],
        location_id=row["location_id"],
        resource_id=row["resource_id"],
        start=period.lower,
        end=period.upper,
        reason=row["reason"],
    )


class _Repo:
    def __init__(self, conn: Conn) -> None:
        self.conn = conn

    def _one(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Row | None:
        try:
            row: Row | None = self.conn.execute(sql, params).fetchone()
        except (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure) as exc:
            raise TransientConflict(
                "the database broke a conflict between concurrent requests; try again"
            ) from exc
        return row

    def _all(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Row]:
        try:
            rows: list[Row] = self.conn.execute(sql, params).fetchall()
        except (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure) as exc:
            raise TransientConflict(
                "the database broke a conflict between concurrent requests; try again"
            ) from exc
        return rows


class LocationRepository(_Repo):
    """Locations."""

    def get(self, location_id: UUID) -> Location | None:
        """One location or None."""
        row = self._one("SELECT * FROM locations WHERE id = %s", (location_id,))
        return _location(row) if row else None

    def list(self) -> list[Location]:
        """All locations by name."""
        return [_location(r) for r in self._all("SELECT * FROM locations ORDER BY name")]

    def add(
        self,
        *,
        slug: str,
        name: str,
        address: str,
        time_zone: str,
        opening_hours: OpeningHours,
        settings: LocationSettings,
    ) -> Location:
        """Insert a location."""
        row = self._one(
            "INSERT INTO locations (slug, name, address, time_zone, opening_hours, settings)"
            " VALUES (%s, %s, %s, %s, %s, %s) RETURNING *",
            (
                slug,
                name,
                address,
                time_zone,
                Jsonb(opening_hours.to_json()),
                Jsonb(settings.model_dump(mode="json")),
            ),
        )
        assert row
        return _location(row)


class ResourceRepository(_Repo):
    """Bays and other resources."""

    def get(self, resource_id: UUID) -> Resource | None:
        """One resource or None."""
        row = self._one("SELECT * FROM resources WHERE id = %s", (resource_id,))
        return _resource(row) if row else None

    def list(
        self, location_id: UUID | None = None, resource_type: str | None = None
    ) -> list[Resource]:
        """Resources, optionally of one location and type, by name."""
        rows = self._all(
            "SELECT * FROM resources WHERE (%(loc)s::uuid IS NULL OR location_id = %(loc)s)"
            " AND (%(type)s::text IS NULL OR type = %(type)s) ORDER BY location_id, name",
            {"loc": location_id, "type": resource_type},
        )
        return [_resource(r) for r in rows]

    def add(
        self,
        *,
        location_id: UUID,
        name: str,
        type: str,
        capacity: int,
        buffer_minutes: int,
        unifi_door_ids: Sequence[str] = (),
        ninjaone_device_id: str | None = None,
        status: str = "active",
    ) -> Resource:
        """Insert a resource."""
        row = self._one(
            "INSERT INTO resources (location_id, name, type, capacity, buffer_minutes,"
            " unifi_door_ids, ninjaone_device_id, status) VALUES (%s,%s,%s,%s,%s,%s,%s,%s)"
            " RETURNING *",
            (
                location_id,
                name,
                type,
                capacity,
                buffer_minutes,
                list(unifi_door_ids),
                ninjaone_device_id,
                status,
            ),
        )
        assert row
        return _resource(row)

    def set_status(self, resource_id: UUID, status: ResourceStatus) -> Resource | None:
        """Change a bay's status (active / maintenance / unhealthy)."""
        row = self._one(
            "UPDATE resources SET status = %s, updated_at = now() WHERE id = %s RETURNING *",
            (status.value, resource_id),
        )
        return _resource(row) if row else None


class UserRepository(_Repo):
    """Members."""

    def get(self, user_id: UUID, *, for_update: bool = False) -> User | None:
        """One user; ``for_update`` serialises a member's concurrent bookings."""
        lock = " FOR UPDATE" if for_update else ""
        row = self._one("SELECT * FROM users WHERE id = %s" + lock, (user_id,))
        return _user(row) if row else None

    def by_email(self, email: str) -> User | None:
        """Look a user up by e-mail, ignoring case."""
        row = self._one("SELECT * FROM users WHERE lower(email) = lower(%s)", (email,))
        return _user(row) if row else None

    def by_phone(self, phone: str) -> User | None:
        """Look a user up by phone number."""
        row = self._one("SELECT * FROM users WHERE phone = %s", (phone,))
        return _user(row) if row else None

    def by_hubspot_id(self, hubspot_id: str) -> User | None:
        """Look a user up by HubSpot contact id."""
        row = self._one("SELECT * FROM users WHERE hubspot_id = %s", (hubspot_id,))
        return _user(row) if row else None

    def add(
        self,
        *,
        email: str,
        name: str = "",
        tier: str = "standard",
        tags: Sequence[str] = (),
        hubspot_id: str | None = None,
        phone: str | None = None,
        preferences: dict[str, Any] | None = None,
    ) -> User:
        """Insert a user (their credit account opens by trigger)."""
        row = self._one(
            "INSERT INTO users (email, name, tier, tags, hubspot_id, phone, preferences)"
            " VALUES (%s,%s,%s,%s,%s,%s,%s) RETURNING *",
            (email, name, tier, list(tags), hubspot_id, phone, Jsonb(preferences or {})),
        )
        assert row
        return _user(row)


class BookingRepository(_Repo):
    """Bookings; the exclusion constraint on the table is what settles overlaps."""

    def get(self, booking_id: UUID, *, for_update: bool = False) -> Booking | None:
        """One booking or None."""
        lock = " FOR UPDATE" if for_update else ""
        row = self._one("SELECT * FROM bookings WHERE id = %s" + lock, (booking_id,))
        return _booking(row) if row else None

    def add(
        self,
        *,
        user_id: UUID,
        resource_id: UUID,
        start: datetime,
        end: datetime,
        party_size: int,
        source: str,
        credit_cost: int,
        metadata: dict[str, Any],
        idempotency_key: str | None = None,
        idempotency_request: str | None = None,
    ) -> Booking:
        """Insert a confirmed booking; an overlap (SQLSTATE 23P01) raises ``SlotTaken``.

        A key taken by a concurrent create (another member booked by the same caller with
        the same key) raises ``Conflict`` ``IDEMPOTENCY_IN_PROGRESS``.
        """
        try:
            row = self._one(
                "INSERT INTO bookings (user_id, resource_id, location_id, starts_at, ends_at,"
                " party_size, source, credit_cost, metadata, idempotency_key,"
                " idempotency_request)"
                " SELECT %s, r.id, r.location_id, %s, %s, %s, %s, %s, %s, %s, %s"
                " FROM resources r WHERE r.id = %s RETURNING *",
                (
                    user_id,
                    start,
                    end,
                    party_size,
                    source,
                    credit_cost,
                    Jsonb(metadata),
                    idempotency_key,
                    idempotency_request,
                    resource_id,
                ),
            )
        except psycopg.errors.ExclusionViolation as exc:
            raise SlotTaken() from exc
        except psycopg.errors.UniqueViolation as exc:
            raise Conflict(
                "a request with this Idempotency-Key is still being processed",
                code="IDEMPOTENCY_IN_PROGRESS",
            ) from exc
        assert row, "resource vanished"
        return _booking(row)

    def by_idempotency_key(self, key: str) -> tuple[Booking, str | None] | None:
        """The booking created under ``key`` and the hash of its request, if any."""
        row = self._one("SELECT * FROM bookings WHERE idempotency_key = %s", (key,))
        return (_booking(row), row["idempotency_request"]) if row else None

    def release_idempotency_key(self, key: str) -> None:
        """Free a key whose window has passed, so the caller may use it again."""
        self._one(
            "UPDATE bookings SET idempotency_key = NULL WHERE idempotency_key = %s RETURNING id",
            (key,),
        )

    def reschedule(
        self,
        booking_id: UUID,
        *,
        resource_id: UUID,
        start: datetime,
        end: datetime,
        credit_cost: int,
        party_size: int,
        refund_cap_percent: int | None = None,
    ) -> Booking:
        """Move a booking (version + 1); the refund cap changes only when given."""
        try:
            row = self._one(
                "UPDATE bookings SET resource_id = %s, starts_at = %s, ends_at = %s,"
                " credit_cost = %s, party_size = %s,"
                " refund_cap_percent = coalesce(%s, refund_cap_percent),"
                " version = version + 1, updated_at = now()"
                " WHERE id = %s RETURNING *",
                (
                    resource_id,
                    start,
                    end,
                    credit_cost,
                    party_size,
                    refund_cap_percent,
                    booking_id,
                ),
            )
        except psycopg.errors.ExclusionViolation as exc:
            raise SlotTaken() from exc
        assert row
        return _booking(row)

    def set_status(self, booking_id: UUID, status: BookingStatus, *, at: datetime) -> Booking:
        """Change the status (version + 1), stamping check-in / cancellation times."""
        row = self._one(
            "UPDATE bookings SET status = %(s)s, version = version + 1, updated_at = %(at)s,"
            " checked_in_at = CASE WHEN %(s)s = 'checked_in' THEN %(at)s ELSE checked_in_at END,"
            " cancelled_at = CASE WHEN %(s)s = 'cancelled' THEN %(at)s ELSE cancelled_at END"
            " WHERE id = %(id)s RETURNING *",
            {"s": status.value, "at": at, "id": booking_id},
        )
        assert row
        return _booking(row)

    def for_user(
        self,
        user_id: UUID,
        *,
        since: datetime | None = None,
        statuses: Sequence[str] | None = None,
        limit: int = 100,
    ) -> list[Booking]:
        """A member's bookings ending after ``since`` (all when None), by start."""
        rows = self._all(
            "SELECT * FROM bookings WHERE user_id = %(u)s"
            " AND (%(since)s::timestamptz IS NULL OR ends_at > %(since)s)"
            " AND (%(st)s::text[] IS NULL OR status = ANY(%(st)s))"
            " ORDER BY starts_at LIMIT %(lim)s",
            {
                "u": user_id,
                "since": since,
                "st": list(statuses) if statuses else None,
                "lim": limit,
            },
        )
        return [_booking(r) for r in rows]

    def history_for_user(
        self, user_id: UUID, *, before: datetime, limit: int = 20
    ) -> list[Booking]:
        """A member's bookings that started before ``before``, newest first."""
        rows = self._all(
            "SELECT * FROM bookings WHERE user_id = %s AND starts_at < %s"
            " ORDER BY starts_at DESC LIMIT %s",
            (user_id, before, limit),
        )
        return [_booking(r) for r in rows]

    def for_location(self, location_id: UUID, start: datetime, end: datetime) -> list[Booking]:
        """A location's bookings starting in [start, end), by start."""
        rows = self._all(
            "SELECT * FROM bookings WHERE location_id = %s AND starts_at >= %s AND starts_at < %s"
            " ORDER BY starts_at, resource_id",
            (location_id, start, end),
        )
        return [_booking(r) for r in rows]

    def blocked_ranges(
        self, resource_ids: Sequence[UUID], start: datetime, end: datetime
    ) -> dict[UUID, list[tuple[float, float]]]:
        """Blocked time per bay (buffers included) touching [start, end), in no order.

        Instants come back as POSIX seconds: the availability loop works in seconds, and
        parsing thousands of timestamps only to convert them again was most of a query's cost.
        """
        cur = self.conn.cursor(row_factory=tuple_row)
        # One row per bay with two arrays: far fewer Python objects than a row per booking.
        # date_part is float8 already (extract goes through numeric), and the sweep sorts each
        # bay's ranges itself: together half the query's server time.
        cur.execute(
            "SELECT resource_id,"
            " array_agg(date_part('epoch', lower(blocked))),"
            " array_agg(date_part('epoch', upper(blocked)))"
            " FROM bookings"
            " WHERE resource_id = ANY(%s) AND status IN ('confirmed', 'checked_in')"
            " AND blocked && tstzrange(%s, %s, '[)') GROUP BY resource_id",
            (list(resource_ids), start, end),
        )
        return {rid: list(zip(lowers, uppers, strict=True)) for rid, lowers, uppers in cur}

    def overlapping(
        self, resource_id: UUID, start: datetime, blocked_end: datetime, exclude: UUID | None = None
    ) -> bool:
        """Whether an active booking's blocked range overlaps [start, blocked_end)."""
        row = self._one(
            "SELECT 1 FROM bookings WHERE resource_id = %s AND status IN ('confirmed','checked_in')"
            " AND blocked && tstzrange(%s, %s, '[)') AND id IS DISTINCT FROM %s LIMIT 1",
            (resource_id, start, blocked_end, exclude),
        )
        return row is not None


class RuleRepository(_Repo):
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
            _rule(r)
            for r in self._all(
                "SELECT * FROM booking_rules WHERE active ORDER BY priority DESC, name"
            )
        ]

    def list(self) -> list[Rule]:
        """All rules."""
        return [
            _rule(r) for r in self._all("SELECT * FROM booking_rules ORDER BY priority DESC, name")
        ]

    def get(self, rule_id: UUID) -> Rule | None:
        """One rule or None."""
        row = self._one("SELECT * FROM booking_rules WHERE id = %s", (rule_id,))
        return _rule(row) if row else None

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
        return _rule(row)

    def delete(self, rule_id: UUID) -> bool:
        """Delete a rule; False when it did not exist."""
        return (
            self._one("DELETE FROM booking_rules WHERE id = %s RETURNING id", (rule_id,))
            is not None
        )


class BlackoutRepository(_Repo):
    """Blackout periods."""

    def add(
        self,
        *,
        location_id: UUID | None,
        resource_id: UUID | None,
        start: datetime,
        end: datetime,
        reason: str,
    ) -> Blackout:
        """Insert a blackout for a location or one resource."""
        row = self._one(
            "INSERT INTO blackouts (location_id, resource_id, period, reason)"
            " VALUES (%s, %s, tstzrange(%s, %s, '[)'), %s) RETURNING *",
            (location_id, resource_id, start, end, reason),
        )
        assert row
        return _blackout(row)

    def overlapping(self, location_id: UUID, start: datetime, end: datetime) -> list[Blackout]:
        """Blackouts of the location or any of its resources overlapping [start, end)."""
        rows = self._all(
            "SELECT b.* FROM blackouts b LEFT JOIN resources r ON r.id = b.resource_id"
            " WHERE (b.location_id = %s OR r.location_id = %s)"
            " AND b.period && tstzrange(%s, %s, '[)') ORDER BY lower(b.period)",
            (location_id, location_id, start, end),
        )
        return [_blackout(r) for r in rows]

    def list(self, location_id: UUID | None = None) -> list[Blackout]:
        """All blackouts (of one location and its resources when given)."""
        rows = self._all(
            "SELECT b.* FROM blackouts b LEFT JOIN resources r ON r.id = b.resource_id"
            " WHERE %(l)s::uuid IS NULL OR b.location_id = %(l)s OR r.location_id = %(l)s"
            " ORDER BY lower(b.period)",
            {"l": location_id},
        )
        return [_blackout(r) for r in rows]

    def delete(self, blackout_id: UUID) -> bool:
        """Delete a blackout; False when it did not exist."""
        return (
            self._one("DELETE FROM blackouts WHERE id = %s RETURNING id", (blackout_id,))
            is not None
        )


class CreditRepository(_Repo):
    """The credit ledger; the balance moves only through ledger rows (trigger)."""

    def balance(self, user_id: UUID) -> int:
        """The member's current balance."""
        row = self._one("SELECT balance FROM credit_accounts WHERE user_id = %s", (user_id,))
        return int(row["balance"]) if row else 0

    def record(
        self,
        *,
        user_id: UUID,
        delta: int,
        reason: str,
        booking_id: UUID | None = None,
        note: str = "",
    ) -> int:
        """Append a ledger row and return the balance after it.

        Raises ``InsufficientCredits`` when the balance would go negative (the CHECK).
        """
        try:
            row = self._one(
                "INSERT INTO credit_ledger (user_id, booking_id, delta, reason, note)"
                " VALUES (%s, %s, %s, %s, %s) RETURNING balance_after",
                (user_id, booking_id, delta, reason, note),
            )
        except psycopg.errors.CheckViolation as exc:
            raise InsufficientCredits(
                "Not enough credits for this booking", details={"required": -delta, "balance": None}
            ) from exc
        assert row
        return int(row["balance_after"])

    def entries(self, user_id: UUID, limit: int = 50) -> list[Row]:
        """The latest ledger rows of a member."""
        return self._all(
            "SELECT * FROM credit_ledger WHERE user_id = %s ORDER BY id DESC LIMIT %s",
            (user_id, limit),
        )


class OutboxRepository(_Repo):
    """Events written in the same transaction as the change they describe."""

    def add(
        self, *, event_id: UUID, aggregate_id: UUID, detail_type: str, detail: dict[str, Any]
    ) -> None:
        """Append an event row."""
        self.conn.execute(
            "INSERT INTO outbox (event_id, aggregate_id, detail_type, detail)"
            " VALUES (%s, %s, %s, %s)",
            (event_id, aggregate_id, detail_type, Jsonb(detail)),
        )


@dataclass(frozen=True)
class ProposalFacts:
    """Everything a booking check reads, fetched in one round trip."""

    user: User | None
    resource: Resource | None
    location: Location | None
    active_bookings: int
    hours_this_week: float
    blackouts: list[Blackout]
    rules_version: str


def _uuid_fields(data: dict[str, Any], *names: str) -> dict[str, Any]:
    """JSON rows carry UUIDs as text; the domain wants UUIDs."""
    return {**data, **{n: UUID(data[n]) for n in names if data.get(n) is not None}}


class ProposalRepository(_Repo):
    """The reads of a booking check folded into one statement.

    A create used to spend six round trips here (member lock, bay, location, member stats,
    blackouts, rules); on a warm connection the round trips, not the SQL, were the cost.
    """

    def facts(
        self,
        *,
        user_id: UUID,
        resource_id: UUID,
        lock_user: bool,
        now: datetime,
        start: datetime,
        end: datetime,
        exclude: UUID | None = None,
    ) -> ProposalFacts:
        """Member (locked when asked), bay, location, member stats, blackouts, rules version."""
        lock = "FOR UPDATE" if lock_user else ""
        row = self._one(
            "WITH bay AS (SELECT * FROM resources WHERE id = %(r)s),"
            " loc AS (SELECT l.* FROM locations l JOIN bay ON bay.location_id = l.id)"
            " SELECT"
            f" (SELECT to_jsonb(u) FROM users u WHERE u.id = %(u)s {lock}) AS u,"
            " (SELECT to_jsonb(bay) FROM bay) AS r,"
            " (SELECT to_jsonb(loc) FROM loc) AS l,"
            " (SELECT count(*) FROM bookings b WHERE b.user_id = %(u)s"
            "   AND b.status IN ('confirmed', 'checked_in') AND b.ends_at > %(now)s"
            "   AND b.id IS DISTINCT FROM %(ex)s) AS active,"
            # Hours in the local week (Monday 00:00 in the location's zone) of the booking
            # being made, over every booking that held its time: played (completed), missed
            # (no-show) and upcoming alike; only cancelled ones gave their hours back.
            " (SELECT coalesce(sum(extract(epoch FROM (b.ends_at - b.starts_at)) / 3600), 0)"
            "   FROM bookings b, loc WHERE b.user_id = %(u)s"
            "   AND b.status IN ('confirmed', 'checked_in', 'completed', 'no_show')"
            "   AND b.id IS DISTINCT FROM %(ex)s"
            "   AND b.starts_at >= (date_trunc('week', %(s)s AT TIME ZONE loc.time_zone)"
            "       AT TIME ZONE loc.time_zone)"
            "   AND b.starts_at < (date_trunc('week', %(s)s AT TIME ZONE loc.time_zone)"
            "       + interval '7 days') AT TIME ZONE loc.time_zone) AS hours,"
            " (SELECT coalesce(jsonb_agg(jsonb_build_object('id', x.id,"
            "   'location_id', x.location_id, 'resource_id', x.resource_id,"
            "   's', lower(x.period), 'e', upper(x.period), 'reason', x.reason)), '[]')"
            "   FROM blackouts x, bay"
            "   WHERE (x.location_id = bay.location_id OR x.resource_id = bay.id)"
            "   AND x.period && tstzrange(%(s)s, %(e)s, '[)')) AS blackouts,"
            " (SELECT count(*) || '/' || coalesce(max(updated_at)::text, '') FROM booking_rules)"
            "   AS rules_version",
            {"u": user_id, "r": resource_id, "now": now, "ex": exclude, "s": start, "e": end},
        )
        assert row is not None
        user = _user(_uuid_fields(row["u"], "id")) if row["u"] else None
        resource = _resource(_uuid_fields(row["r"], "id", "location_id")) if row["r"] else None
        location = _location(_uuid_fields(row["l"], "id")) if row["l"] else None
        blackouts = [
            Blackout(
                id=UUID(b["id"]),
                location_id=UUID(b["location_id"]) if b["location_id"] else None,
                resource_id=UUID(b["resource_id"]) if b["resource_id"] else None,
                start=datetime.fromisoformat(b["s"]),
                end=datetime.fromisoformat(b["e"]),
                reason=b["reason"],
            )
            for b in row["blackouts"]
        ]
        return ProposalFacts(
            user=user,
            resource=resource,
            location=location,
            active_bookings=int(row["active"]),
            hours_this_week=float(row["hours"]),
            blackouts=blackouts,
            rules_version=str(row["rules_version"]),
        )
