"""The staff dashboard's API on the real PostgreSQL: scoping by location, search, the floor and
timeline, refund overrides, the ledger, rule toggles and validation, reports, operations."""

from __future__ import annotations

import importlib
import json
import math
import uuid
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import boto3
import pytest
from api_client import FakeContext, call, claims_for, sample
from moto import mock_aws

from booking.adapters.dead_letters import SqsDeadLetters
from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking.domain.actors import Actor, Role
from booking.services import operations

TZ = ZoneInfo("America/Toronto")


@pytest.fixture(autouse=True)
def _api_env(monkeypatch, seeded_database_url):
    from booking import config

    monkeypatch.setenv("DATABASE_URL", seeded_database_url)
    monkeypatch.setenv("JWT_SECRET", "test-secret")
    config.settings.cache_clear()
    config.database_url.cache_clear()


def _staff(world) -> dict[str, str]:
    return claims_for("staff", None, [world.location.id]) | {"sub": f"staff-{world.location.slug}"}


ADMIN = claims_for("admin")


def _slot(days: int = 3, hour: int = 18, hours: int = 1) -> tuple[str, str]:
    day = (datetime.now(TZ) + timedelta(days=days)).date()
    start = datetime(day.year, day.month, day.day, hour, tzinfo=TZ)
    return start.isoformat(), (start + timedelta(hours=hours)).isoformat()


def _book(world, claims, *, i=0, bay=0, days=3, hour=18, hours=1):
    s, e = _slot(days, hour, hours)
    status, body = call(
        "bookings",
        "bookings/create",
        claims=claims,
        body={
            "resource_id": str(world.bays[bay].id),
            "start": s,
            "end": e,
            "user_id": str(world.members[i].id),
            "source": "admin",
        },
        headers={"Idempotency-Key": ""},
    )
    assert status == 201, body
    return body


def test_staff_of_one_club_cannot_see_or_act_on_another(make_world):
    a, b = make_world(), make_world()
    booking_b = _book(b, _staff(b))
    staff_a = _staff(a)
    status, err = call(
        "staff", "staff/floor", claims=staff_a, query={"location_id": str(b.location.id)}
    )
    assert (status, err["error"]["code"]) == (403, "LOCATION_FORBIDDEN")
    status, page = call("staff", "staff/search", claims=staff_a, query={"q": b.members[0].email})
    assert status == 200 and page["items"] == []
    status, _ = call(
        "staff", "staff/timeline", claims=staff_a, path_params={"booking_id": booking_b["id"]}
    )
    assert status == 404
    status, _ = call(
        "bookings",
        "bookings/cancel",
        claims=staff_a,
        path_params={"booking_id": booking_b["id"]},
        body={"reason": "x", "full_refund": True},
    )
    assert status == 404
    status, _ = call(
        "reports",
        "reports/get",
        claims=staff_a,
        query={"from": "2026-01-01", "to": "2026-01-31", "location_id": str(b.location.id)},
    )
    assert status == 403
    status, _ = call(
        "catalog",
        "catalog/update_resource",
        claims=staff_a,
        path_params={"resource_id": str(b.bays[0].id)},
        body={"status": "maintenance"},
    )
    assert status == 404
    status, bookings = call(
        "member_admin",
        "member_admin/bookings",
        claims=staff_a,
        path_params={"user_id": str(b.members[0].id)},
    )
    assert status == 200 and bookings["items"] == []
    # Their own club and admins: fine.
    status, floor = call(
        "staff", "staff/floor", claims=_staff(b), query={"location_id": str(b.location.id)}
    )
    assert status == 200 and {bay["name"] for bay in floor["bays"]} == {"Bay 1", "Bay 2"}
    status, page = call("staff", "staff/search", claims=ADMIN, query={"q": b.members[0].email})
    assert status == 200 and [h["id"] for h in page["items"]] == [booking_b["id"]]
    status, _ = call("staff", "staff/floor", claims=claims_for("member", a.members[0].id))
    assert status in (403, 422)


def test_search_by_member_and_time_with_cursor_pages(make_world):
    world = make_world(members=2)
    staff = _staff(world)
    made = [_book(world, staff, i=0, days=2, hour=h) for h in (8, 12)]
    other = _book(world, staff, i=1, days=2, hour=10, bay=1)
    email = world.members[0].email
    seen: list[str] = []
    cursor = None
    while True:
        query = {"q": email.upper()[:12], "location_id": str(world.location.id), "limit": "1"}
        if cursor:
            query["cursor"] = cursor
        status, page = call("staff", "staff/search", claims=staff, query=query)
        assert status == 200, page
        seen += [h["id"] for h in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == [b["id"] for b in made]
    s, e = _slot(2, 9), _slot(2, 11)
    status, page = call(
        "staff",
        "staff/search",
        claims=staff,
        query={"location_id": str(world.location.id), "from": s[0], "to": e[0]},
    )
    assert status == 200
    assert [h["id"] for h in page["items"]] == [other["id"]]
    assert page["items"][0]["member"]["email"] == world.members[1].email
    status, page = call(
        "staff",
        "staff/search",
        claims=staff,
        query={"q": "Member 1", "location_id": str(world.location.id)},
    )
    assert [h["id"] for h in page["items"]] == [other["id"]]
    status, err = call("staff", "staff/search", claims=staff, query={"cursor": "nonsense!"})
    assert (status, err["error"]["code"]) == (422, "INVALID_CURSOR")


def test_refund_override_is_recorded_with_who_and_why(make_world, uow):
    world = make_world(credits=50)
    staff = _staff(world)
    booking = _book(world, staff)
    cost = booking["credit_cost"]
    assert cost > 0
    bid = booking["id"]
    # A member cannot override; staff must say why.
    status, err = call(
        "bookings",
        "bookings/cancel",
        claims=claims_for("member", world.members[0].id),
        path_params={"booking_id": bid},
        body={"refund_credits": 1, "reason": "please"},
    )
    assert status == 403
    status, err = call(
        "bookings",
        "bookings/cancel",
        claims=staff,
        path_params={"booking_id": bid},
        body={"refund_credits": 1},
    )
    assert (status, err["error"]["code"]) == (422, "OVERRIDE_REASON_REQUIRED")
    status, err = call(
        "bookings",
        "bookings/cancel",
        claims=staff,
        path_params={"booking_id": bid},
        body={"refund_credits": cost + 1, "reason": "too much"},
    )
    assert (status, err["error"]["code"]) == (422, "INVALID_REFUND")
    status, cancelled = call(
        "bookings",
        "bookings/cancel",
        claims=staff,
        path_params={"booking_id": bid},
        body={"refund_credits": 1, "reason": "left early, partial goodwill"},
    )
    assert status == 200 and cancelled["status"] == "cancelled"
    status, ledger = call(
        "member_admin",
        "member_admin/ledger",
        claims=staff,
        path_params={"user_id": str(world.members[0].id)},
    )
    assert status == 200
    top = ledger["items"][0]
    assert (top["delta"], top["reason"], top["actor"]) == (
        1,
        "cancellation_refund",
        staff["sub"],
    )
    assert "partial goodwill" in top["note"]
    assert top["balance_after"] == 50 - cost + 1
    with uow:
        detail = uow.connection.execute(
            "SELECT detail FROM outbox WHERE aggregate_id = %s"
            " AND detail_type = 'booking.cancelled'",
            (uuid.UUID(bid),),
        ).fetchone()["detail"]
    assert detail["refunded_credits"] == 1
    assert detail["refund_override"]["by"] == staff["sub"]
    assert detail["refund_override"]["reason"] == "left early, partial goodwill"
    status, timeline = call(
        "staff", "staff/timeline", claims=staff, path_params={"booking_id": bid}
    )
    assert status == 200
    kinds = [e["kind"] for e in timeline["entries"]]
    assert kinds.index("booking.created") < kinds.index("booking.cancelled")
    assert "staff.cancelled" in kinds and "staff.booked_for_member" in kinds
    override = next(e for e in timeline["entries"] if e["kind"] == "staff.cancelled")
    assert override["actor"] == staff["sub"]
    assert override["details"]["reason"] == "left early, partial goodwill"


def test_move_and_check_in_by_staff_show_on_the_timeline(make_world, uow):
    world = make_world()
    staff = _staff(world)
    booking = _book(world, staff)
    s, e = _slot(4, 12)
    status, moved = call(
        "bookings",
        "bookings/modify",
        claims=staff,
        path_params={"booking_id": booking["id"]},
        body={"start": s, "end": e, "resource_id": str(world.bays[1].id), "reason": "bay 1 repair"},
    )
    assert status == 200, moved
    with uow:
        uow.connection.execute(
            "INSERT INTO booking_access (booking_id, visitor_id, granted_at, pc_setup_at)"
            " VALUES (%s, 'v1', now(), now())",
            (uuid.UUID(booking["id"]),),
        )
        uow.commit()
    status, timeline = call(
        "staff", "staff/timeline", claims=staff, path_params={"booking_id": booking["id"]}
    )
    kinds = [x["kind"] for x in timeline["entries"]]
    assert {"booking.modified", "staff.moved", "door_granted", "pc_setup"} <= set(kinds)
    moved_entry = next(x for x in timeline["entries"] if x["kind"] == "booking.modified")
    assert moved_entry["details"]["to"]["resource_id"] == str(world.bays[1].id)
    staff_move = next(x for x in timeline["entries"] if x["kind"] == "staff.moved")
    assert staff_move["details"]["reason"] == "bay 1 repair"


def test_credits_grant_and_adjust_never_below_zero(make_world):
    world = make_world(credits=5)
    staff = _staff(world)
    uid = str(world.members[0].id)

    def change(delta, kind="adjustment", reason="count correction"):
        return call(
            "member_admin",
            "member_admin/credits",
            claims=staff,
            path_params={"user_id": uid},
            body={"delta": delta, "kind": kind, "reason": reason},
        )

    status, out = change(3, "grant", "bay outage goodwill")
    assert (status, out["balance"]) == (201, 8)
    status, err = change(-9)
    assert (status, err["error"]["code"]) == (409, "BALANCE_WOULD_GO_NEGATIVE")
    status, err = change(-1, "grant")
    assert (status, err["error"]["code"]) == (422, "INVALID_DELTA")
    status, err = change(2, "grant", "")
    assert status == 422
    status, out = change(-8)
    assert (status, out["balance"]) == (201, 0)
    status, err = call(
        "member_admin",
        "member_admin/credits",
        claims=claims_for("member", world.members[0].id),
        path_params={"user_id": uid},
        body={"delta": 5, "kind": "grant", "reason": "me"},
    )
    assert status == 403
    status, profile = call(
        "member_admin", "member_admin/get", claims=staff, path_params={"user_id": uid}
    )
    assert status == 200 and profile["credits"] == 0
    status, ledger = call(
        "member_admin",
        "member_admin/ledger",
        claims=staff,
        path_params={"user_id": uid},
        query={"limit": "2"},
    )
    assert [r["delta"] for r in ledger["items"]] == [-8, 3]
    assert ledger["items"][1]["note"] == "bay outage goodwill"
    assert ledger["items"][1]["actor"] == staff["sub"]
    status, rest = call(
        "member_admin",
        "member_admin/ledger",
        claims=staff,
        path_params={"user_id": uid},
        query={"limit": "2", "cursor": ledger["next_cursor"]},
    )
    assert [r["delta"] for r in rest["items"]] == [5] and rest["next_cursor"] is None


def test_member_search_and_figures(make_world, uow):
    world = make_world(members=2)
    staff = _staff(world)
    with uow:
        uow.connection.execute(
            "UPDATE users SET phone = '+1 (416) 555-0199' WHERE id = %s", (world.members[1].id,)
        )
        uow.commit()
    status, page = call("member_admin", "member_admin/list", claims=staff, query={"q": "5550199"})
    assert status == 200 and [m["id"] for m in page["items"]] == [str(world.members[1].id)]
    _book(world, staff, i=1)
    status, profile = call(
        "member_admin",
        "member_admin/get",
        claims=staff,
        path_params={"user_id": str(world.members[1].id)},
    )
    assert profile["figures"]["bookings"] == 1 and profile["figures"]["no_shows"] == 0


def test_rule_validation_inline_and_toggle_changes_the_dry_run(make_world):
    world = make_world()
    admin = ADMIN
    status, result = call(
        "rules",
        "rules/validate",
        claims=admin,
        body={"name": "  ", "condition": "booking.local_hour >=", "action": {"type": "deny"}},
    )
    assert status == 200 and not result["valid"]
    assert {p["field"] for p in result["problems"]} == {"name", "condition", "action"}
    tag = uuid.uuid4().hex[:6]
    rule = {
        "name": f"Closed bay 2 {tag}",
        "scope": "resource",
        "scope_ref": str(world.bays[1].id),
        "condition": "true",
        "action": {"type": "deny", "code": "BAY_CLOSED", "message": "Bay 2 is closed"},
        "active": False,
    }
    status, saved = call("rules", "rules/create", claims=admin, body=rule)
    assert status == 201, saved
    s, e = _slot(2, 15)
    check_body = {
        "resource_id": str(world.bays[1].id),
        "start": s,
        "end": e,
        "user_id": str(world.members[0].id),
    }
    status, dry = call("rules", "rules/check", claims=admin, body=check_body, path="/rules/check")
    assert status == 200 and dry["allowed"], dry
    status, toggled = call(
        "rules",
        "rules/set_active",
        claims=admin,
        path_params={"rule_id": saved["id"]},
        body={"active": True},
    )
    assert status == 200 and toggled["active"] is True
    status, dry = call("rules", "rules/check", claims=admin, body=check_body, path="/rules/check")
    assert not dry["allowed"] and "BAY_CLOSED" in [r["code"] for r in dry["reasons"]]
    status, _ = call(
        "rules",
        "rules/set_active",
        claims=_staff(world),
        path_params={"rule_id": saved["id"]},
        body={"active": False},
    )
    assert status == 403
    call(
        "rules",
        "rules/set_active",
        claims=admin,
        path_params={"rule_id": saved["id"]},
        body={"active": False},
    )
    status, err = call(
        "rules",
        "rules/create",
        claims=admin,
        body={
            "name": f"bad {tag}",
            "condition": "booking.local_hour +",
            "action": {"type": "deny", "code": "X", "message": "x"},
        },
    )
    assert status == 422 and err["error"]["details"]["fields"][0]["field"] == "condition"


def test_location_hours_and_policy_and_bay_edits(make_world):
    world = make_world()
    status, loc = call(
        "catalog",
        "catalog/update_location",
        claims=ADMIN,
        path_params={"location_id": str(world.location.id)},
        body={
            "opening_hours": {"mon": [["08:00", "22:00"]], "sat": [["10:00", "02:00"]]},
            "settings": {"cancellation_policy": [{"hours_before": 12, "refund_percent": 100}]},
        },
    )
    assert status == 200, loc
    assert loc["opening_hours"]["mon"] == [["08:00", "22:00"]]
    assert loc["settings"]["cancellation_policy"] == [{"hours_before": 12.0, "refund_percent": 100}]
    status, err = call(
        "catalog",
        "catalog/update_location",
        claims=_staff(world),
        path_params={"location_id": str(world.location.id)},
        body={"name": "Mine now"},
    )
    assert status == 403
    status, err = call(
        "catalog",
        "catalog/update_location",
        claims=ADMIN,
        path_params={"location_id": str(world.location.id)},
        body={"settings": {"cancellation_policy": [{"hours_before": -1, "refund_percent": 500}]}},
    )
    assert (status, err["error"]["code"]) == (422, "INVALID_SETTINGS")
    status, bay = call(
        "catalog",
        "catalog/update_resource",
        claims=_staff(world),
        path_params={"resource_id": str(world.bays[0].id)},
        body={"buffer_minutes": 15, "type": "simulator", "status": "maintenance"},
    )
    assert status == 200 and (bay["buffer_minutes"], bay["status"]) == (15, "maintenance")


# -- reports: figures from SQL equal figures computed here from the rows seeded ----------------


def _seed_history(world, uow, rows):
    with uow:
        for bay, member, start, hours, status, source, cancelled_before in rows:
            end = start + timedelta(hours=hours)
            cancelled_at = start - cancelled_before if status == "cancelled" else None
            uow.connection.execute(
                "INSERT INTO bookings (user_id, resource_id, location_id, starts_at, ends_at,"
                " status, source, cancelled_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                (
                    world.members[member].id,
                    world.bays[bay].id,
                    world.location.id,
                    start,
                    end,
                    status,
                    source,
                    cancelled_at,
                ),
            )
        uow.commit()


def test_report_figures_equal_an_independent_count(make_world, uow):
    hours = {d: [["08:00", "22:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    world = make_world(members=2, hours=hours)
    first = date(2025, 3, 3)
    rows = []
    statuses = ["completed", "no_show", "cancelled", "completed", "checked_in", "cancelled"]
    sources = ["api", "admin", "kiosk", "clubos", "api", "api"]
    for n in range(18):
        day = first + timedelta(days=n % 6)
        start = datetime(day.year, day.month, day.day, 9 + (n % 5) * 2, 30, tzinfo=TZ)
        rows.append(
            (
                n % 2,
                n % 2,
                start,
                1 + (n % 3) * 0.5,
                statuses[n % 6],
                sources[n % 6] if n < 12 else "api",
                timedelta(hours=30) if n % 4 == 0 else timedelta(hours=3),
            )
        )
    # Outside the range: ignored.
    rows.append((0, 0, datetime(2025, 3, 20, 10, tzinfo=TZ), 1, "completed", "api", timedelta()))
    _seed_history(world, uow, rows)
    last = first + timedelta(days=6)
    status, report = call(
        "reports",
        "reports/get",
        claims=_staff(world),
        query={
            "from": first.isoformat(),
            "to": last.isoformat(),
            "location_id": str(world.location.id),
        },
    )
    assert status == 200, report
    inside = [r for r in rows if first <= r[2].date() <= last]
    total = len(inside)
    by_status = Counter(r[4] for r in inside)
    came_due = by_status["completed"] + by_status["checked_in"] + by_status["no_show"]
    late = sum(1 for r in inside if r[4] == "cancelled" and r[6] < timedelta(hours=24))
    summary = report["summary"]
    assert summary["bookings"] == total
    assert summary["self_service"] == sum(1 for r in inside if r[5] != "admin")
    assert summary["no_shows"] == by_status["no_show"]
    assert summary["cancellations"] == by_status["cancelled"]
    assert summary["late_cancellations"] == late
    assert math.isclose(summary["no_show_rate"], round(by_status["no_show"] / came_due, 4))
    assert {s["source"]: s["bookings"] for s in report["by_source"]} == dict(
        Counter(r[5] for r in inside)
    )
    per_day = {d["day"]: d["bookings"] for d in report["per_day"]}
    assert len(per_day) == 7
    assert per_day == {
        (first + timedelta(days=k)).isoformat(): sum(
            1 for r in inside if r[2].date() == first + timedelta(days=k)
        )
        for k in range(7)
    }
    open_minutes = 7 * 14 * 60
    for bay_index, bay in enumerate(world.bays):
        booked = sum(r[3] * 60 for r in inside if r[0] == bay_index and r[4] != "cancelled")
        util = next(u for u in report["utilisation"] if u["resource_id"] == str(bay.id))
        assert util["booked_minutes"] == pytest.approx(booked)
        assert util["open_minutes"] == open_minutes
        assert util["utilisation"] == pytest.approx(round(booked / open_minutes, 4))
        heat = next(h for h in report["heatmap"] if h["resource_id"] == str(bay.id))["hours"]
        expected = [0.0] * 24
        for r in inside:
            if r[0] != bay_index or r[4] == "cancelled":
                continue
            t, end = r[2], r[2] + timedelta(hours=r[3])
            while t < end:
                hour_end = t.replace(minute=0) + timedelta(hours=1)
                expected[t.hour] += (min(end, hour_end) - t).total_seconds() / 60
                t = min(end, hour_end)
        assert heat == pytest.approx([round(m / (7 * 60), 4) for m in expected])


def test_report_csv_and_range_checks(make_world):
    world = make_world()
    event = sample("reports/csv")
    event["requestContext"]["authorizer"] = _staff(world)
    event["queryStringParameters"] = {
        "from": "2025-01-01",
        "to": "2025-01-03",
        "location_id": str(world.location.id),
        "part": "per_day",
    }
    event["multiValueQueryStringParameters"] = {
        k: [v] for k, v in event["queryStringParameters"].items()
    }
    response = importlib.import_module("functions.reports.handler").handler(event, FakeContext())
    assert response["statusCode"] == 200
    headers = response.get("headers") or {
        k: v[0] for k, v in response.get("multiValueHeaders", {}).items()
    }
    assert headers["Content-Type"].startswith("text/csv")
    assert response["body"].splitlines() == [
        "day,bookings,cancelled,no_shows",
        "2025-01-01,0,0,0",
        "2025-01-02,0,0,0",
        "2025-01-03,0,0,0",
    ]
    status, err = call(
        "reports",
        "reports/get",
        claims=_staff(world),
        query={"from": "2025-02-01", "to": "2025-01-01", "location_id": str(world.location.id)},
    )
    assert (status, err["error"]["code"]) == (422, "END_BEFORE_START")


# -- operations ----------------------------------------------------------------------------------


def test_operations_overview_and_dead_letter_replay(make_world, db):
    world = make_world()
    with mock_aws():
        sqs = boto3.client("sqs", region_name="us-east-1")
        events = boto3.client("events", region_name="us-east-1")
        events.create_event_bus(Name="bus")
        url = sqs.create_queue(QueueName="hubspot-dlq")["QueueUrl"]
        event_id = str(uuid.uuid4())
        sqs.send_message(
            QueueUrl=url,
            MessageBody=json.dumps(
                {
                    "source": "booking.platform",
                    "detail-type": "booking.created",
                    "detail": {"event_id": event_id, "booking": {"id": "b-1"}},
                }
            ),
        )
        queues = SqsDeadLetters(sqs, events, {"hubspot": url}, "bus")
        admin = Actor(role=Role.ADMIN, subject="ops@example.com")
        staff = Actor(role=Role.STAFF, location_ids=frozenset({world.location.id}), subject="s")
        now = datetime.now(UTC)
        view = operations.overview(PostgresUnitOfWork(db), admin, now, dead_letters=lambda: queues)
        assert view["dead_letters"] == [{"consumer": "hubspot", "count": 1}]
        assert view["outbox"]["pending"] >= 0
        scoped = operations.overview(
            PostgresUnitOfWork(db), staff, now, dead_letters=lambda: queues
        )
        assert scoped["dead_letters"] is None and scoped["outbox"] is None
        assert {d["location_id"] for d in scoped["devices"]} == {str(world.location.id)}
        peek = operations.peek_dead_letters("hubspot", admin, lambda: queues)
        assert peek["messages"][0]["event_id"] == event_id
        with pytest.raises(Exception) as refused:
            operations.replay_dead_letters("hubspot", PostgresUnitOfWork(db), staff, lambda: queues)
        assert type(refused.value).__name__ == "Forbidden"
        result = operations.replay_dead_letters(
            "hubspot", PostgresUnitOfWork(db), admin, lambda: queues
        )
        assert (result["replayed"], result["left"]) == (1, 0)
        assert queues.count("hubspot") == 0
    operations.record_sync_run(PostgresUnitOfWork(db), at=now, outcome="ok", report={"seen": 3})
    with mock_aws():
        view = operations.overview(PostgresUnitOfWork(db), admin, now)
    assert view["hubspot_sync"]["last_run"]["outcome"] == "ok"
