"""The customer app on the local stack, the issue's flows one by one, each with its own member.

Race for one slot between two browsers, the integrations hearing of a booking, the door pass
read off the screen and accepted by ``POST /access/verify``, an offline reload, a DST-change day,
booking by keyboard alone, and an expired session returning the member where they were.
"""

from __future__ import annotations

import io
import time
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

import pytest
import requests
import zxingcpp
from customer_world import ZONE, Club, Member, make_club, make_member
from PIL import Image
from polling import wait_for

from booking.adapters.postgres.connection import Database
from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def club(stack: dict[str, Any]) -> Club:
    return make_club(stack["database_url"])


@pytest.fixture
def member(stack: dict[str, Any], fakes: dict[str, str]) -> Member:
    return make_member(stack, fakes["hubspot"])


def _api(stack: dict[str, Any], token: str, method: str, path: str, **kw: Any) -> Any:
    r = requests.request(
        method,
        stack["api_url"] + path,
        headers={"Authorization": f"Bearer {token}", **kw.pop("headers", {})},
        timeout=30,
        **kw,
    )
    return r


def _open_grid(page: Any, url: str, sign_in: Any, who: Member, club: Club, day: str) -> Any:
    """Sign in, pick the test club and ``day``; the grid of free times once it shows."""
    page.goto(url)
    sign_in(page, url, who.email)
    page.get_by_role("heading", name="Book a bay").wait_for()
    page.get_by_label("Club").select_option(label=club.name)
    page.get_by_label("Date").fill(day)
    grid = page.get_by_role("list", name="Free times")
    grid.wait_for()
    return grid


def _day(days_ahead: int) -> str:
    return (datetime.now(ZoneInfo(ZONE)) + timedelta(days=days_ahead)).date().isoformat()


def test_booking_reaches_my_bookings_hubspot_and_clubos(
    web_apps: dict[str, str],
    phone: Any,
    sign_in: Any,
    club: Club,
    member: Member,
    fakes: dict[str, str],
    shot: Any,
) -> None:
    page = phone.new_page()
    grid = _open_grid(page, web_apps["customer"], sign_in, member, club, _day(3))
    grid.get_by_role("button").first.click()
    page.get_by_role("heading", name="Book this bay?").wait_for()
    page.get_by_role("button", name="Book", exact=True).click()
    page.get_by_text("Booked!").wait_for()
    page.get_by_role("link", name="See the booking").click()
    page.get_by_role("button", name="Cancel booking").wait_for()
    booking_id = page.url.rstrip("/").split("/")[-1]

    page.get_by_role("link", name="My bookings").click()
    page.get_by_role("heading", name="Upcoming").wait_for()
    assert page.locator(f"a[href='/bookings/{booking_id}']").count() == 1

    contact = f"/crm/v3/objects/contacts/{member.hubspot_id}"

    def hubspot_patched() -> bool:
        got = requests.get(
            fakes["hubspot"] + "/_calls", params={"path": contact, "method": "PATCH"}, timeout=10
        ).json()
        return any(200 <= (c["status"] or 0) < 300 for c in got)

    def clubos_heard() -> bool:
        got = requests.get(
            fakes["clubos"] + "/_calls", params={"path": "/api/input-events"}, timeout=10
        ).json()
        return any(
            200 <= (c["status"] or 0) < 300 and booking_id in str(c.get("json")) for c in got
        )

    wait_for("the HubSpot contact updated", hubspot_patched)
    wait_for("ClubOS told of the booking", clubos_heard)


def test_two_browsers_race_for_one_slot_and_the_loser_takes_an_alternative(
    web_apps: dict[str, str],
    browser: Any,
    sign_in: Any,
    club: Club,
    stack: dict[str, Any],
    fakes: dict[str, str],
    shot: Any,
) -> None:
    url = web_apps["customer"]
    day = _day(4)
    members = [make_member(stack, fakes["hubspot"]) for _ in range(2)]
    contexts = [browser.new_context(viewport={"width": 390, "height": 844}) for _ in members]
    try:
        pages = [c.new_page() for c in contexts]
        grids = [
            _open_grid(p, url, sign_in, m, club, day) for p, m in zip(pages, members, strict=True)
        ]
        # Both open the same slot's dialog, then both confirm: one booking, one 409.
        label = grids[0].get_by_role("button").first.get_attribute("aria-label")
        assert label
        for page, grid in zip(pages, grids, strict=True):
            grid.get_by_role("button", name=label, exact=True).click()
            page.get_by_role("heading", name="Book this bay?").wait_for()
        for page in pages:
            page.get_by_role("button", name="Book", exact=True).click()
        outcomes = [_settles(page) for page in pages]
        assert sorted(outcomes) == [False, True], outcomes
        winner, loser = pages[outcomes.index(True)], pages[outcomes.index(False)]
        winner.get_by_text("Booked!").wait_for()
        loser.get_by_text("Someone just booked that time.").wait_for()
        alternatives = loser.get_by_role("list", name="Alternatives")
        assert alternatives.get_by_role("button").count() >= 1
        shot(loser, "customer-race-alternatives")
        alternatives.get_by_role("button").first.click()
        loser.get_by_role("heading", name="Book this bay?").wait_for()
        loser.get_by_role("button", name="Book", exact=True).click()
        loser.get_by_text("Booked!").wait_for()

        # Exactly one booking each, on different bays or times.
        mine = [_api(stack, m.token, "GET", "/bookings").json()["bookings"] for m in members]
        assert [len(b) for b in mine] == [1, 1]
        a, b = mine[0][0], mine[1][0]
        assert (a["resource_id"], a["start"]) != (b["resource_id"], b["start"])
    finally:
        for c in contexts:
            c.close()


def _settles(page: Any) -> bool:
    """Wait until the page shows the outcome of its booking tap; True when it booked."""
    page.locator("text=Booked!").or_(page.locator("text=Someone just booked that time.")).wait_for()
    return page.get_by_text("Booked!").is_visible()


def _book_now(stack: dict[str, Any], member: Member, club: Club, bay: str) -> dict[str, Any]:
    """A booking on ``bay`` starting in 3 minutes, made through the API."""
    start = (datetime.now(UTC) + timedelta(minutes=3)).replace(second=0, microsecond=0)
    r = _api(
        stack,
        member.token,
        "POST",
        "/bookings",
        json={
            "resource_id": club.bays[bay],
            "start": start.isoformat(),
            "end": (start + timedelta(minutes=60)).isoformat(),
        },
        headers={"Idempotency-Key": f"web-now-{member.id}"},
    )
    assert r.status_code == 201, r.text
    return dict(r.json())


def _qr_payload(page: Any) -> str:
    """Read the QR off the screen, as a door reader would."""
    png = page.get_by_role("img", name="Door pass QR code: hold it to the reader").screenshot()
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert found, "no QR code on the pass screen"
    return str(found[0].text)


def test_pass_screen_shows_a_qr_the_door_accepts(
    web_apps: dict[str, str],
    phone: Any,
    sign_in: Any,
    club: Club,
    member: Member,
    stack: dict[str, Any],
    tokens: dict[str, str],
    check_a11y: Any,
    shot: Any,
) -> None:
    booking = _book_now(stack, member, club, "Bay 2")
    page = phone.new_page()
    url = web_apps["customer"]
    page.goto(url)
    sign_in(page, url, member.email)
    page.goto(url + f"bookings/{booking['id']}/pass")
    page.get_by_role("heading", name="Door pass").wait_for()
    page.get_by_text("Open now").wait_for()
    check_a11y(page)
    shot(page, "customer-pass")
    token = _qr_payload(page)
    r = _api(
        stack,
        tokens["service"],
        "POST",
        "/access/verify",
        json={"token": token, "door_id": club.door_id},
    )
    assert r.status_code == 200, r.text
    assert r.json()["access"] == "granted"
    assert r.json()["booking"]["id"] == booking["id"]


def test_offline_reload_shows_my_bookings_and_the_pass(
    web_apps: dict[str, str],
    phone: Any,
    sign_in: Any,
    club: Club,
    member: Member,
    stack: dict[str, Any],
    shot: Any,
) -> None:
    booking = _book_now(stack, member, club, "Bay 1")
    page = phone.new_page()
    url = web_apps["customer"]
    page.goto(url)
    sign_in(page, url, member.email)
    # The service worker takes control after its first install and a reload.
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")
    page.reload()
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    # Seen once online: My bookings and the pass are kept on the device.
    # (The device's copy is written at most once a second: each screen stays up a moment, as a
    # person's would, before the next full page load.)
    page.goto(url + "bookings")
    page.locator(f"a[href='/bookings/{booking['id']}']").wait_for()
    time.sleep(1.5)
    page.goto(url + f"bookings/{booking['id']}/pass")
    page.get_by_role("img", name="Door pass QR code: hold it to the reader").wait_for()
    time.sleep(1.5)

    phone.set_offline(True)
    try:
        page.reload()
        page.get_by_text("You're offline.").wait_for()
        page.get_by_role("img", name="Door pass QR code: hold it to the reader").wait_for()
        shot(page, "customer-offline-pass")
        page.get_by_role("link", name="My bookings").click()
        page.locator(f"a[href='/bookings/{booking['id']}']").wait_for()
        shot(page, "customer-offline-bookings")
        # A grid is never offered from a stale copy.
        page.get_by_role("link", name="Book").first.click()
        page.get_by_text("free times will show when you're back online").wait_for()
        assert page.get_by_role("list", name="Free times").count() == 0
    finally:
        phone.set_offline(False)


def _next_spring_forward(zone: str) -> datetime:
    """The local date of the zone's next switch to summer time."""
    tz = ZoneInfo(zone)
    day = datetime.now(tz).replace(hour=12, minute=0, second=0, microsecond=0)
    for _ in range(400):
        nxt = day + timedelta(days=1)
        if (nxt.utcoffset() or timedelta()) > (day.utcoffset() or timedelta()):
            return nxt
        day = nxt
    raise AssertionError("no DST change within a year")


def test_a_dst_change_day_shows_the_club_s_clock(
    web_apps: dict[str, str],
    phone: Any,
    sign_in: Any,
    club: Club,
    stack: dict[str, Any],
    fakes: dict[str, str],
    shot: Any,
) -> None:
    # Early access: the small hours (when the clocks change) are bookable for this member.
    member = make_member(stack, fakes["hubspot"], tags=("EARLY_ACCESS",))
    change = _next_spring_forward(ZONE).date().isoformat()
    page = phone.new_page()
    grid = _open_grid(page, web_apps["customer"], sign_in, member, club, change)
    grid.get_by_role("button").first.wait_for()
    labels = [t.strip() for t in grid.locator("li > span").all_inner_texts()]
    shot(page, "customer-dst-day")
    # Toronto springs forward at 2:00: the last standard-time rows are 1:xx EST, the next one is
    # 3:00 EDT, and no 2:xx row exists that day.
    first_edt = next(i for i, x in enumerate(labels) if "EDT" in x)
    assert labels[first_edt].startswith("3:00"), labels[: first_edt + 1]
    assert labels[first_edt - 1].startswith("1:") and "EST" in labels[first_edt - 1], labels
    assert not any(x.startswith("2:") for x in labels[:first_edt]), labels[:first_edt]


def test_a_member_books_with_the_keyboard_alone(
    web_apps: dict[str, str],
    phone: Any,
    sign_in: Any,
    club: Club,
    member: Member,
) -> None:
    page = phone.new_page()
    grid = _open_grid(page, web_apps["customer"], sign_in, member, club, _day(5))
    first = grid.get_by_role("button").first
    first.focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Book this bay?").wait_for()
    # Focus is in the dialog; Tab reaches "Book" and Enter presses it.
    for _ in range(4):
        if page.evaluate("() => document.activeElement?.textContent?.trim()") == "Book":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement?.textContent?.trim()") == "Book"
    page.keyboard.press("Enter")
    page.get_by_text("Booked!").wait_for()


def test_an_expired_session_returns_to_sign_in_and_back(
    web_apps: dict[str, str],
    phone: Any,
    sign_in: Any,
    club: Club,
    member: Member,
) -> None:
    page = phone.new_page()
    url = web_apps["customer"]
    page.goto(url)
    sign_in(page, url, member.email)
    page.goto(url + "credits")
    page.get_by_role("heading", name="Credits").wait_for()
    # The token runs out while the app is open.
    page.evaluate(
        """() => {
            const s = JSON.parse(localStorage.getItem('booking.session'));
            s.expiresAt = Date.now() - 1000;
            localStorage.setItem('booking.session', JSON.stringify(s));
        }"""
    )
    page.reload()
    page.wait_for_url(lambda u: "/sign-in" in u)
    assert "next=%2Fcredits" in page.url
    sign_in(page, url, member.email)
    page.wait_for_url(lambda u: u.rstrip("/").endswith("/credits"))
    page.get_by_role("heading", name="Credits").wait_for()


def _under_way(stack: dict[str, Any], member: Member, club: Club, ends_in: timedelta) -> str:
    """A booking already being played on Bay 3 (written directly: nobody books the past)."""
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    db = Database(stack["database_url"], application_name="web-tests")
    uow = PostgresUnitOfWork(db)
    try:
        with uow:
            booking = uow.bookings.add(
                user_id=UUID(member.id),
                resource_id=UUID(club.bays["Bay 3"]),
                start=now + ends_in - timedelta(hours=1),
                end=now + ends_in,
                party_size=1,
                source="api",
                credit_cost=1,  # what the default rules charge for an hour
                metadata={},
            )
            uow.commit()
    finally:
        db.close()
    return str(booking.id)


def test_a_member_at_the_bay_plays_30_minutes_more(
    web_apps: dict[str, str],
    phone: Any,
    sign_in: Any,
    club: Club,
    member: Member,
    stack: dict[str, Any],
    check_a11y: Any,
    shot: Any,
) -> None:
    booking_id = _under_way(stack, member, club, timedelta(minutes=10))
    before = _api(stack, member.token, "GET", f"/bookings/{booking_id}").json()
    page = phone.new_page()
    url = web_apps["customer"]
    page.goto(url)
    sign_in(page, url, member.email)
    page.goto(url + f"bookings/{booking_id}")
    # Under way: no moving it any more, but time can be added.
    page.get_by_role("button", name="Play 30 min more").click()
    page.get_by_text("Extended: you play until").wait_for()
    check_a11y(page)
    shot(page, "customer-extended")
    assert page.get_by_role("button", name="30 min later").count() == 0
    after = _api(stack, member.token, "GET", f"/bookings/{booking_id}").json()
    moved = datetime.fromisoformat(after["end"]) - datetime.fromisoformat(before["end"])
    assert moved == timedelta(minutes=30)
    assert after["credit_cost"] > before["credit_cost"]
