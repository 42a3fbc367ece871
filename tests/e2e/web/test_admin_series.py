"""The staff dashboard books a league series: planned, a conflict confirmed, booked, cancelled."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from customer_world import ZONE, make_club, make_member
from test_admin_app import api, open_as, token

from booking.adapters.postgres.connection import Database
from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork

pytestmark = pytest.mark.e2e


def test_staff_create_a_series_leaving_out_a_confirmed_conflict(
    web_apps: dict[str, str],
    browser: Any,
    stack: dict[str, Any],
    fakes: dict[str, str],
    check_a11y: Any,
    shot: Any,
) -> None:
    club = make_club(stack["database_url"])
    organiser = make_member(stack, fakes["hubspot"], credits=200)
    other = make_member(stack, fakes["hubspot"])
    tz = ZoneInfo(ZONE)
    first = (datetime.now(tz) + timedelta(days=7)).date()
    # Someone already plays on Bay 2 in the series' second week.
    second = first + timedelta(weeks=1)
    start = datetime(second.year, second.month, second.day, 19, 30, tzinfo=tz)
    r = api(
        stack,
        other.token,
        "POST",
        "/bookings",
        json={
            "resource_id": club.bays["Bay 2"],
            "start": start.isoformat(),
            "end": (start + timedelta(hours=1)).isoformat(),
        },
    )
    assert r.status_code == 201, r.text

    staff = token(stack, "staff", "league-desk@example.com", [club.id])
    page = open_as(browser, web_apps["admin"] + "series", staff, "staff", "league-desk@example.com")
    page.get_by_role("heading", name="League series").wait_for()
    page.get_by_label("Find the member").fill(organiser.email)
    page.get_by_role("button", name=organiser.email).click()
    page.get_by_label("Bay 1").check()
    page.get_by_label("Bay 2").check()
    page.get_by_label("First day").fill(first.isoformat())
    page.get_by_label("Start").fill("19:00")
    page.get_by_label("Hours").fill("2")
    page.get_by_label("Weeks").fill("4")
    page.get_by_role("button", name="Check the series").click()
    page.get_by_text("8 occurrences, 1 in conflict").wait_for()
    book = page.get_by_role("button", name="Book the series")
    assert book.is_disabled(), "a conflict not confirmed must not be bookable"
    check_a11y(page)
    shot(page, "admin-series-plan")

    page.get_by_role("checkbox", name="Leave out").check()
    book.click()
    page.get_by_text("Series booked").wait_for()
    shot(page, "admin-series-booked")

    db = Database(stack["database_url"], application_name="web-tests")
    uow = PostgresUnitOfWork(db)
    try:
        with uow:
            rows = uow.connection.execute(
                "SELECT resource_id::text AS bay, starts_at FROM bookings"
                " WHERE user_id = %s AND metadata ? 'series_id' AND status = 'confirmed'",
                (organiser.id,),
            ).fetchall()
        assert len(rows) == 7
        assert (club.bays["Bay 2"], start - timedelta(minutes=30)) not in {
            (r["bay"], r["starts_at"]) for r in rows
        }
        assert {r["starts_at"].astimezone(tz).strftime("%H:%M") for r in rows} == {"19:00"}

        page.get_by_role("button", name="Cancel the rest of the series").click()
        page.get_by_text("Cancelled 7 upcoming occurrences.").wait_for()
        with uow:
            left = uow.connection.execute(
                "SELECT count(*) AS n FROM bookings WHERE user_id = %s AND status = 'confirmed'",
                (organiser.id,),
            ).fetchone()
        assert left["n"] == 0
    finally:
        db.close()
    page.context.close()
