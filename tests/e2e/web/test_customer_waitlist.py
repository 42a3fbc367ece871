"""The waitlist in the customer app on the local stack: join for a taken time from the Book
screen, see the bay held for you appear without a reload when another member cancels (the
``waitlist.offered`` event through the bus and the live feed), then accept it into a booking."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import requests
from customer_world import ZONE, Club, make_club, make_member
from polling import wait_for
from test_customer_flows import _api

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def club(stack: dict[str, Any]) -> Club:
    return make_club(stack["database_url"])


def test_join_the_waitlist_be_offered_a_freed_bay_and_book_it(
    web_apps: dict[str, str],
    phone: Any,
    sign_in: Any,
    club: Club,
    stack: dict[str, Any],
    fakes: dict[str, str],
    check_a11y: Any,
    shot: Any,
) -> None:
    holder, waiter = (make_member(stack, fakes["hubspot"]) for _ in range(2))
    day = (datetime.now(ZoneInfo(ZONE)) + timedelta(days=5)).date()
    start = datetime(day.year, day.month, day.day, 19, tzinfo=ZoneInfo(ZONE))
    end = start + timedelta(hours=1)
    # Every bay is taken at 7 PM.
    r = _api(
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
    taken = r.json()["bookings"]

    url = web_apps["customer"]
    page = phone.new_page()
    page.goto(url)
    sign_in(page, url, waiter.email)
    page.get_by_role("heading", name="Book a bay").wait_for()
    page.get_by_label("Club").select_option(label=club.name)
    page.get_by_label("Date").fill(day.isoformat())
    page.get_by_role("list", name="Free times").wait_for()
    labels = (
        page.get_by_role("list", name="Free times")
        .get_by_role("button")
        .evaluate_all("els => els.map(e => e.getAttribute('aria-label'))")
    )
    assert labels and not [x for x in labels if re.search(r"at 7:00\W*p", x, re.I)], labels
    at_seven = start.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    page.get_by_label("Start").select_option(value=at_seven)
    page.get_by_role("button", name="Join the waitlist").click()
    page.get_by_text("You're on the waitlist.").wait_for()
    shot(page, "customer-waitlist-joined")
    page.get_by_role("link", name="See your waitlist").click()
    page.get_by_role("heading", name="Waitlist", exact=True).wait_for()
    entries = page.get_by_role("list", name="Waitlist entries")
    entries.get_by_text("Waiting").wait_for()
    [entry] = _api(stack, waiter.token, "GET", "/waitlist").json()["items"]
    assert entry["status"] == "waiting"
    assert datetime.fromisoformat(entry["start"]) == start

    # The holder gives up one bay: it is held for the waiter, and the page says so by itself.
    freed = taken[1]
    cancelled_at = time.monotonic()
    r = _api(stack, holder.token, "POST", f"/bookings/{freed['id']}/cancel")
    assert r.status_code == 200, r.text
    offer = page.get_by_role("region", name="A bay is held for you")
    offer.wait_for(timeout=30_000)
    shown_after = time.monotonic() - cancelled_at
    offer.get_by_text(re.compile(r"^Held for \d")).wait_for()
    check_a11y(page)
    shot(page, "customer-waitlist-offer")

    # ClubOS hears of the offer too (bus, queue, consumer), with a message for the customer.
    [held] = [e for e in _api(stack, waiter.token, "GET", "/waitlist").json()["items"] if e["hold"]]

    def clubos_told() -> bool:
        calls = requests.get(
            fakes["clubos"] + "/_calls", params={"path": "/api/input-events"}, timeout=10
        ).json()
        return any(
            200 <= (c["status"] or 0) < 300
            and "waitlist.offered" in str(c.get("json"))
            and held["hold"]["booking_id"] in str(c.get("json"))
            for c in calls
        )

    wait_for("ClubOS told of the offer", clubos_told)

    # Elsewhere in the app, a banner leads back to the offer.
    page.get_by_role("link", name="My bookings").click()
    page.get_by_role("link", name="A bay is held for you").click()
    offer.get_by_role("button", name="Accept and book").click()
    page.get_by_text("Booked!").wait_for()
    entries.get_by_text("Booked", exact=True).wait_for()  # the entry, once the list is re-read
    page.get_by_role("link", name="See the booking").wait_for()
    shot(page, "customer-waitlist-booked")

    mine = _api(stack, waiter.token, "GET", "/bookings").json()["bookings"]
    assert [(b["resource_id"], b["status"]) for b in mine] == [(freed["resource_id"], "confirmed")]
    assert datetime.fromisoformat(mine[0]["start"]) == start
    [entry] = _api(stack, waiter.token, "GET", "/waitlist").json()["items"]
    assert entry["status"] == "booked"
    print(f"offer shown {shown_after:.1f} s after the cancellation")
    # The live feed brings it in seconds; the 15 s poll alone would take up to 15.
    assert shown_after < 15, shown_after
