"""The staff floor shows who waits for a time that day, in queue order, and the bay held for the
first in line; staff take a member off the waitlist and the hold goes to the next."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from customer_world import ZONE, make_club, make_member
from test_admin_app import api, open_as, token

pytestmark = pytest.mark.e2e


def test_the_floor_shows_the_queue_and_staff_take_someone_off_it(
    web_apps: dict[str, str],
    browser: Any,
    stack: dict[str, Any],
    fakes: dict[str, str],
    check_a11y: Any,
    shot: Any,
) -> None:
    club = make_club(stack["database_url"])
    holder, first, second = (make_member(stack, fakes["hubspot"]) for _ in range(3))
    day = (datetime.now(ZoneInfo(ZONE)) + timedelta(days=2)).date()
    start = datetime(day.year, day.month, day.day, 18, tzinfo=ZoneInfo(ZONE))
    end = start + timedelta(hours=1)
    r = api(
        stack,
        holder.token,
        "POST",
        "/bookings/groups",
        json={
            "resource_ids": list(club.bays.values()),
            "start": start.isoformat(),
            "end": end.isoformat(),
        },
    )
    assert r.status_code == 201, r.text
    freed = r.json()["bookings"][0]
    for who in (first, second):
        r = api(
            stack,
            who.token,
            "POST",
            "/waitlist",
            json={"location_id": club.id, "start": start.isoformat(), "end": end.isoformat()},
        )
        assert r.status_code == 201, r.text
    r = api(stack, holder.token, "POST", f"/bookings/{freed['id']}/cancel")
    assert r.status_code == 200, r.text

    staff = token(stack, "staff", "queue-desk@example.com", [club.id])
    page = open_as(browser, web_apps["admin"], staff, "staff", "queue-desk@example.com")
    page.get_by_role("heading", name="Floor").wait_for()
    page.get_by_label("Day", exact=True).fill(day.isoformat())
    queue = page.get_by_role("list", name="Waitlist")
    rows = queue.get_by_role("listitem")
    rows.nth(1).wait_for()
    assert rows.count() == 2
    tag = {m.id: m.email.removeprefix("web-").split("@")[0] for m in (first, second)}
    assert f"Web Member {tag[first.id]}" in rows.nth(0).inner_text()
    assert f"Web Member {tag[second.id]}" in rows.nth(1).inner_text()
    assert "starting 18:00, 60 min, any bay" in rows.nth(1).inner_text()
    rows.nth(0).get_by_text("held until").wait_for()
    rows.nth(1).get_by_text("Waiting").wait_for()
    # The hold is on the floor too, told apart from bookings.
    page.get_by_text("Held (waitlist)").first.wait_for()
    check_a11y(page)
    shot(page, "admin-floor-waitlist")

    # The first in line is taken off: the hold passes to the second, and the floor says so.
    rows.nth(0).get_by_role("button", name="from the waitlist").click()
    page.wait_for_function(
        "() => document.querySelectorAll('[aria-label=\"Waitlist\"] li').length === 1"
    )
    rows.nth(0).get_by_text("held until").wait_for()
    assert f"Web Member {tag[second.id]}" in rows.nth(0).inner_text()
    mine = api(stack, second.token, "GET", "/waitlist").json()["items"]
    assert [e["status"] for e in mine] == ["offered"]
    theirs = api(stack, first.token, "GET", "/waitlist").json()["items"]
    assert [e["status"] for e in theirs] == ["left"]
