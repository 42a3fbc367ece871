"""The staff dashboard in a real browser on the local stack.

Staff of one club see and act on theirs only; a booking made, moved and cancelled with a refund
override from the dashboard is what the member and the events see; a rule edited here changes
the dry run and the member's availability; a dead letter replayed here reaches its fake; the
report shows the figures this test computes itself from the rows it seeded. Every screen is
saved under ``test-output/web/admin-*.png``.
"""

from __future__ import annotations

import json
import time
import uuid
from collections import Counter
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import localcloud
import pytest
import requests
from customer_world import make_club
from polling import wait_for

from booking.adapters.postgres.connection import Database
from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking.api.auth import issue_token

pytestmark = pytest.mark.e2e

DESK = {"width": 1440, "height": 1000}


@pytest.fixture(scope="module")
def db(stack: dict[str, Any]) -> Any:
    database = Database(stack["database_url"])
    yield database
    database.close()


@pytest.fixture(scope="module")
def clubs(stack: dict[str, Any], tokens: dict[str, str]) -> list[dict[str, Any]]:
    """Two clubs of this module's own (as the API describes them), so no other module's
    bookings, rules or bays show up in its screens or its figures."""
    ids = [make_club(stack["database_url"]).id for _ in range(2)]
    r = requests.get(
        stack["api_url"] + "/locations",
        headers={"Authorization": f"Bearer {tokens['admin']}"},
        params={"limit": 200},
        timeout=30,
    )
    assert r.status_code == 200, r.text
    by_id = {x["id"]: x for x in r.json()["locations"]}
    return [by_id[i] for i in ids]


def token(stack: dict[str, Any], role: str, sub: str, locations: list[str] | None = None) -> str:
    """A token as the identity provider would issue it (signed with the stack's secret)."""
    return issue_token(role=role, sub=sub, secret=stack["jwt_secret"], locations=locations)


def open_as(
    browser: Any,
    url: str,
    bearer: str,
    role: str,
    email: str,
    storage: dict[str, str] | None = None,
) -> Any:
    """A desk-sized page already signed in (the session the sign-in form would store), with
    ``storage`` in its local storage too."""
    context = browser.new_context(viewport=DESK, locale="en-CA")
    context.set_default_timeout(20_000)
    session = {
        "token": bearer,
        "role": role,
        "email": email,
        "expiresAt": int(time.time() + 3600) * 1000,
    }
    items = {"booking.session": json.dumps(session), **(storage or {})}
    context.add_init_script(
        "".join(
            f"localStorage.setItem({json.dumps(k)}, {json.dumps(v)});" for k, v in items.items()
        )
    )
    page = context.new_page()
    page.goto(url)
    return page


def api(stack: dict[str, Any], bearer: str, method: str, path: str, **kw: Any) -> requests.Response:
    return requests.request(
        method,
        stack["api_url"] + path,
        headers={"Authorization": f"Bearer {bearer}"},
        timeout=30,
        **kw,
    )


@pytest.fixture(scope="module")
def member(stack: dict[str, Any], db: Database) -> dict[str, Any]:
    tag = uuid.uuid4().hex[:8]
    uow = PostgresUnitOfWork(db)
    with uow:
        user = uow.users.add(
            email=f"desk-{tag}@example.com", name=f"Desk Member {tag}", tier="platinum"
        )
        uow.credits.record(user_id=user.id, delta=40, reason="grant")
        uow.commit()
    return {
        "id": str(user.id),
        "email": user.email,
        "name": user.name,
        "token": token(stack, "member", str(user.id)),
    }


def test_staff_of_one_club_cannot_see_or_act_on_another(
    stack: dict[str, Any],
    web_apps: dict[str, str],
    browser: Any,
    clubs: list[dict[str, Any]],
    check_a11y: Any,
    shot: Any,
) -> None:
    a, b = clubs[0], clubs[1]
    staff_a = token(stack, "staff", "desk-a@example.com", [a["id"]])
    # A desk last used for club B (by an admin) still shows staff of A their club alone.
    page = open_as(
        browser,
        web_apps["admin"],
        staff_a,
        "staff",
        "desk-a@example.com",
        storage={"booking.admin.location": b["id"]},
    )
    page.get_by_role("heading", name="Floor").wait_for()
    club = page.get_by_label("Club", exact=True)
    assert [o.strip() for o in club.locator("option").all_inner_texts()] == [a["name"]]
    assert club.input_value() == a["id"]
    for bay in a["resources"]:
        page.get_by_text(bay["name"], exact=True).first.wait_for()
    check_a11y(page)
    shot(page, "admin-floor")
    # The API says the same, whatever the page shows.
    r = api(stack, staff_a, "GET", "/staff/floor", params={"location_id": b["id"]})
    assert r.status_code == 403 and r.json()["error"]["code"] == "LOCATION_FORBIDDEN"
    r = api(
        stack,
        staff_a,
        "PATCH",
        f"/resources/{b['resources'][0]['id']}",
        json={"status": "maintenance"},
    )
    assert r.status_code == 404
    r = api(
        stack,
        staff_a,
        "GET",
        "/reports",
        params={"from": "2026-01-01", "to": "2026-01-02", "location_id": b["id"]},
    )
    assert r.status_code == 403
    page.context.close()


def test_booking_made_moved_and_cancelled_with_override_is_what_the_member_and_events_see(
    stack: dict[str, Any],
    web_apps: dict[str, str],
    browser: Any,
    clubs: list[dict[str, Any]],
    member: dict[str, Any],
    db: Database,
    shot: Any,
) -> None:
    club = clubs[0]
    tz = ZoneInfo(club["time_zone"])
    admin = token(stack, "admin", "desk-admin@example.com")
    page = open_as(
        browser, web_apps["admin"] + "bookings", admin, "admin", "desk-admin@example.com"
    )
    page.get_by_label("Club").select_option(club["id"])
    day = (datetime.now(tz) + timedelta(days=6)).date().isoformat()
    page.get_by_role("button", name="Book for a member").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Find the member").fill(member["email"])
    dialog.get_by_role("button", name=member["name"], exact=False).click()
    dialog.get_by_label("Bay").select_option(club["resources"][0]["id"])
    dialog.get_by_label("Day").fill(day)
    dialog.get_by_label("Start").fill("10:00")
    shot(page, "admin-book-for-member")
    dialog.get_by_role("button", name="Book", exact=True).click()
    dialog.get_by_text("Booked.").wait_for()
    dialog.get_by_role("button", name="Close").click()
    page.get_by_label("Member name, e-mail or phone").fill(member["email"])
    page.get_by_role("button", name="Search").click()
    page.get_by_role("cell").get_by_role("button").first.click()
    panel = page.get_by_role("dialog")
    panel.get_by_label("Start").fill("12:00")
    panel.get_by_label("Why (optional)").first.fill("member asked for noon")
    panel.get_by_role("button", name="Move booking").click()
    panel.get_by_text("Saved.").wait_for()
    panel.get_by_label("Override the refund").check()
    panel.get_by_label("Credits to refund", exact=False).fill("1")
    panel.get_by_label("Why (required for an override)").fill("goodwill: bay light broken")
    panel.get_by_role("button", name="Cancel booking").click()
    # The timeline has the staff action: who, why, and the refund they overrode the policy with.
    panel.get_by_role("listitem").filter(has_text="by desk-admin@example.com").filter(
        has_text="goodwill: bay light broken"
    ).filter(has_text="Refunded 1 credit (override").wait_for()
    shot(page, "admin-booking-timeline")
    # The member sees the same booking: cancelled, at noon, one credit back.
    mine = api(stack, member["token"], "GET", "/bookings", params={"include_past": "true"}).json()
    booking = next(b for b in mine["bookings"] if b["status"] == "cancelled")
    assert datetime.fromisoformat(booking["start"]).astimezone(tz).strftime("%H:%M") == "12:00"
    uow = PostgresUnitOfWork(db)
    with uow:
        rows = uow.connection.execute(
            "SELECT detail_type, detail FROM outbox WHERE aggregate_id = %s ORDER BY id",
            (uuid.UUID(booking["id"]),),
        ).fetchall()
        ledger = uow.connection.execute(
            "SELECT delta, actor, note FROM credit_ledger WHERE booking_id = %s ORDER BY id",
            (uuid.UUID(booking["id"]),),
        ).fetchall()
    assert [r["detail_type"] for r in rows] == [
        "booking.created",
        "booking.modified",
        "booking.cancelled",
    ]
    cancelled = rows[-1]["detail"]
    assert cancelled["refunded_credits"] == 1
    assert cancelled["refund_override"] == {
        "by": "desk-admin@example.com",
        "reason": "goodwill: bay light broken",
        "policy_credits": cancelled["refund_override"]["policy_credits"],
        "credits": 1,
    }
    assert datetime.fromisoformat(cancelled["booking"]["start"]) == datetime.fromisoformat(
        booking["start"]
    )
    assert ledger[-1]["delta"] == 1 and ledger[-1]["actor"] == "desk-admin@example.com"
    page.context.close()
    # And the member's own app shows it so: cancelled, at noon on the bay it was booked on,
    # with the one credit back in their history.
    app = open_as(
        browser,
        web_apps["customer"] + f"bookings/{booking['id']}",
        member["token"],
        "member",
        member["email"],
    )
    heading = app.get_by_role("heading", level=1)
    heading.filter(has_text="12:00").wait_for()
    details = app.locator("dl")
    details.get_by_text(club["resources"][0]["name"], exact=True).wait_for()
    details.get_by_text("cancelled", exact=True).wait_for()
    shot(app, "admin-booking-in-member-app")
    app.get_by_role("link", name="Credits").click()
    refund = app.get_by_role("listitem").filter(has_text="Refund for a cancellation")
    assert refund.first.locator(".tabular-nums").inner_text() == "+1"
    app.context.close()


def test_rule_edited_in_the_dashboard_changes_dry_run_and_availability(
    stack: dict[str, Any],
    web_apps: dict[str, str],
    browser: Any,
    clubs: list[dict[str, Any]],
    member: dict[str, Any],
    check_a11y: Any,
    shot: Any,
) -> None:
    club = clubs[0]
    bay = club["resources"][-1]
    tz = ZoneInfo(club["time_zone"])
    day = (datetime.now(tz) + timedelta(days=3)).date()
    admin = token(stack, "admin", "desk-admin@example.com")

    def bays_offered() -> set[str]:
        r = api(
            stack,
            member["token"],
            "GET",
            "/availability",
            params={"location_id": club["id"], "date": day.isoformat(), "duration_minutes": "60"},
        )
        assert r.status_code == 200, r.text
        return {s["resource_id"] for s in r.json()["slots"]}

    assert bay["id"] in bays_offered()
    page = open_as(browser, web_apps["admin"] + "rules", admin, "admin", "desk-admin@example.com")
    page.get_by_label("Club").select_option(club["id"])
    page.get_by_role("button", name="New rule").click()
    name = f"Closed for repairs {uuid.uuid4().hex[:6]}"
    page.get_by_label("Name").fill(name)
    page.get_by_label("Condition (CEL)").fill("booking.local_hour >=")
    page.get_by_text("invalid CEL condition", exact=False).wait_for()
    shot(page, "admin-rules-inline-error")
    page.get_by_label("Applies to").select_option("resource")
    page.get_by_label("Which (id or type)").fill(bay["id"])
    page.get_by_label("Condition (CEL)").fill("true")
    page.get_by_label("Action (JSON)").fill(
        json.dumps({"type": "deny", "code": "BAY_REPAIR", "message": "This bay is being repaired"})
    )
    page.get_by_text("This rule is valid.").wait_for()
    page.get_by_role("button", name="Save rule").click()
    page.get_by_text(name).wait_for()
    page.get_by_label("Member id").fill(member["id"])
    page.get_by_label("Bay").select_option(bay["id"])
    page.get_by_label("Day").last.fill(day.isoformat())
    page.get_by_role("button", name="Check").click()
    page.get_by_text("This bay is being repaired").wait_for()
    check_a11y(page)
    shot(page, "admin-rules-dry-run")
    assert bay["id"] not in bays_offered()
    page.get_by_role("switch", name=f"{name} enabled").click()
    page.get_by_role("switch", name=f"{name} disabled").wait_for()
    assert bay["id"] in bays_offered()
    page.context.close()


def test_dead_letter_replayed_from_the_dashboard_reaches_its_fake(
    stack: dict[str, Any],
    web_apps: dict[str, str],
    browser: Any,
    fakes: dict[str, str],
    clubs: list[dict[str, Any]],
    db: Database,
    shot: Any,
) -> None:
    # A member of this test alone, linked to their own HubSpot contact: the only thing that can
    # write to that contact is the event parked in the dead-letter queue below.
    tag = uuid.uuid4().hex[:8]
    email = f"dlq-{tag}@example.com"
    contact_id = str(800_000 + int(tag, 16) % 99_999)
    uow = PostgresUnitOfWork(db)
    with uow:
        user = uow.users.add(email=email, name=f"Dead Letter {tag}", hubspot_id=contact_id)
        uow.commit()
    requests.post(
        fakes["hubspot"] + "/_contacts",
        json={"contacts": [{"id": contact_id, "properties": {"email": email}}]},
        timeout=10,
    ).raise_for_status()
    contact_path = f"/crm/v3/objects/contacts/{contact_id}"

    def contact_patches() -> list[dict[str, Any]]:
        got = requests.get(
            fakes["hubspot"] + "/_calls",
            params={"path": contact_path, "method": "PATCH"},
            timeout=10,
        )
        got.raise_for_status()
        return [c for c in got.json() if 200 <= (c["status"] or 0) < 300]

    club = clubs[0]
    sqs = localcloud.client("sqs")
    queue = stack["outputs"]["HubSpotConsumerDlqUrl"]
    sqs.send_message(
        QueueUrl=queue,
        MessageBody=json.dumps(
            {
                "source": "booking.platform",
                "detail-type": "booking.created",
                "detail": {
                    "event_id": str(uuid.uuid4()),
                    "occurred_at": datetime.now().astimezone().isoformat(),
                    "version": 1,
                    "booking": {
                        "id": str(uuid.uuid4()),
                        "user_id": str(user.id),
                        "location_id": club["id"],
                        "resource_id": club["resources"][0]["id"],
                        "status": "confirmed",
                        "start": "2030-01-07T18:00:00+00:00",
                        "end": "2030-01-07T19:00:00+00:00",
                        "version": 1,
                    },
                },
            }
        ),
    )
    assert contact_patches() == []
    admin = token(stack, "admin", "desk-admin@example.com")
    page = open_as(
        browser, web_apps["admin"] + "operations", admin, "admin", "desk-admin@example.com"
    )
    replay = page.get_by_role("button", name="Replay hubspot dead letters")
    replay.wait_for()
    shot(page, "admin-operations")
    replay.click()
    page.get_by_text("from hubspot", exact=False).wait_for()
    assert page.get_by_text("Replayed 0 from", exact=False).count() == 0
    (patch,) = wait_for("the HubSpot fake to hear of the replayed booking", contact_patches)
    assert patch["json"]["properties"]["last_booking_status"] == "confirmed"
    shot(page, "admin-operations-replayed")
    page.context.close()


def test_report_figures_equal_an_independent_count(
    stack: dict[str, Any],
    web_apps: dict[str, str],
    browser: Any,
    clubs: list[dict[str, Any]],
    db: Database,
    member: dict[str, Any],
    check_a11y: Any,
    shot: Any,
) -> None:
    club = clubs[1]
    tz = ZoneInfo(club["time_zone"])
    first = date(2025, 2, 3)
    statuses = ["completed", "no_show", "cancelled", "completed", "checked_in"]
    sources = ["api", "admin", "kiosk", "clubos", "api"]
    rows = []
    uow = PostgresUnitOfWork(db)
    with uow:
        existing = uow.connection.execute(
            "SELECT count(*) AS n FROM bookings WHERE location_id = %s"
            " AND starts_at >= %s AND starts_at < %s",
            (club["id"], datetime(2025, 2, 3, tzinfo=tz), datetime(2025, 2, 10, tzinfo=tz)),
        ).fetchone()["n"]
        assert existing == 0
        for n in range(15):
            day = first + timedelta(days=n % 7)
            start = datetime(day.year, day.month, day.day, 9 + n % 6, tzinfo=tz)
            status, source = statuses[n % 5], sources[n % 5]
            rows.append((status, source))
            uow.connection.execute(
                "INSERT INTO bookings (user_id, resource_id, location_id, starts_at, ends_at,"
                " status, source, cancelled_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                (
                    member["id"],
                    club["resources"][n % len(club["resources"])]["id"],
                    club["id"],
                    start,
                    start + timedelta(hours=1),
                    status,
                    source,
                    start - timedelta(hours=1) if status == "cancelled" else None,
                ),
            )
        uow.commit()
    by_status = Counter(s for s, _ in rows)
    came_due = by_status["completed"] + by_status["checked_in"] + by_status["no_show"]
    self_service = sum(1 for _, src in rows if src != "admin")
    admin = token(stack, "admin", "desk-admin@example.com")
    page = open_as(browser, web_apps["admin"] + "reports", admin, "admin", "desk-admin@example.com")
    page.get_by_label("Club").select_option(club["id"])
    page.get_by_label("From", exact=True).fill(first.isoformat())
    page.get_by_label("To", exact=True).fill((first + timedelta(days=6)).isoformat())
    page.locator('[data-kpi="Bookings"]').filter(has_text=str(len(rows))).wait_for()

    def kpi(label: str) -> str:
        return page.locator(f'[data-kpi="{label}"]').inner_text().strip()

    assert kpi("Bookings") == str(len(rows))
    assert kpi("Self-service rate") == f"{100 * self_service / len(rows):.1f}%"
    assert kpi("No-show rate") == f"{100 * round(by_status['no_show'] / came_due, 4):.1f}%"
    assert kpi("Cancellations") == str(by_status["cancelled"])
    # Cancelled an hour before the start: inside the default 24 h full-refund notice.
    assert kpi("Late cancellations") == str(by_status["cancelled"])
    check_a11y(page)
    shot(page, "admin-reports")
    page.context.close()


def test_members_and_club_screens(
    stack: dict[str, Any],
    web_apps: dict[str, str],
    browser: Any,
    clubs: list[dict[str, Any]],
    member: dict[str, Any],
    check_a11y: Any,
    shot: Any,
) -> None:
    admin = token(stack, "admin", "desk-admin@example.com")
    page = open_as(browser, web_apps["admin"] + "members", admin, "admin", "desk-admin@example.com")
    page.get_by_label("Name, e-mail or phone").fill(member["email"])
    page.get_by_role("button", name="Find").click()
    page.get_by_role("button", name=member["name"], exact=False).click()
    before = int(page.get_by_test_id("member-credits").inner_text())
    page.get_by_label("Credits").fill("3")
    page.get_by_label("Why").fill("birthday gift")
    page.get_by_role("button", name="Record").click()
    page.get_by_text(f"Balance now {before + 3}").wait_for()
    page.get_by_text("desk-admin@example.com · birthday gift").wait_for()
    check_a11y(page)
    shot(page, "admin-members")
    page.goto(web_apps["admin"] + "club")
    page.get_by_role("heading", name="Bays", exact=True).wait_for()
    check_a11y(page)
    shot(page, "admin-club")
    page.context.close()
