"""The door kiosk in Chromium at 1080x1920 against the e2e stack, and the live feed under it.

Each test has a club of its own (``customer_world.make_club``: two bays with doors, open around
the clock) and its kiosk signs in as that club's (``kiosk-<slug>@``), so no test meets another's
bookings. A member proves who they are with the one-time code their app gets
(``POST /me/kiosk-code``): the kiosk takes it from the scanner (typed like a keyboard) or as 6
digits with the member's phone. Screenshots of every kiosk screen land in
``test-output/web/kiosk-*.png``.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import requests
from customer_world import ZONE, Club, Member, make_club, make_member

from booking.adapters.postgres.connection import Database

pytestmark = pytest.mark.e2e

KIOSK = {"width": 1080, "height": 1920}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def db(stack: dict[str, Any]) -> Iterator[Database]:
    database = Database(stack["database_url"], application_name="web-tests")
    yield database
    database.close()


@pytest.fixture
def club(stack: dict[str, Any]) -> Club:
    return make_club(stack["database_url"])


@pytest.fixture
def new_member(stack: dict[str, Any], fakes: dict[str, str]) -> Callable[..., Member]:
    def _new(phone: str | None = None) -> Member:
        return make_member(stack, fakes["hubspot"], phone=phone)

    return _new


def kiosk_code(stack: dict[str, Any], member: Member) -> dict[str, Any]:
    """What the member's app shows after tapping Kiosk code: a QR token and 6 digits."""
    r = requests.post(
        stack["api_url"] + "/me/kiosk-code",
        headers={"Authorization": f"Bearer {member.token}"},
        timeout=30,
    )
    assert r.status_code == 201, r.text
    return dict(r.json())


def desk_walk_in(
    stack: dict[str, Any], admin_token: str, club: Club, member: Member, minutes: int
) -> dict[str, Any]:
    """A walk-in booked at the front desk (an admin naming the member): it starts now."""
    r = requests.post(
        stack["api_url"] + "/kiosk/walk-in",
        headers={"Authorization": f"Bearer {admin_token}"},
        json={"user_id": member.id, "location_id": club.id, "duration_minutes": minutes},
        timeout=30,
    )
    assert r.status_code == 201, r.text
    return dict(r.json())


def registered(db: Database, location_id: str) -> set[str]:
    """Connections in the registry following ``location_id`` (on any day)."""
    conn = db.connection()
    with conn.transaction():
        found = conn.execute(
            "SELECT DISTINCT connection_id FROM live_subscriptions WHERE location_id = %s",
            (location_id,),
        ).fetchall()
    return {str(r["connection_id"]) for r in found}


def connections(db: Database) -> set[str]:
    """Every connection in the registry."""
    conn = db.connection()
    with conn.transaction():
        found = conn.execute("SELECT connection_id FROM live_connections").fetchall()
    return {str(r["connection_id"]) for r in found}


def wait_until(what: str, probe: Callable[[], Any], timeout: float = 30) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.1)


@pytest.fixture
def kiosk(browser: Any, web_apps: dict[str, str], sign_in: Any, club: Club) -> Iterator[Any]:
    """The kiosk app in a portrait 1080x1920 context, signed in as the test club's kiosk."""
    context = browser.new_context(viewport=KIOSK, locale="en-CA")
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto(web_apps["kiosk"])
    sign_in(page, web_apps["kiosk"], club.kiosk_email)
    page.get_by_role("heading", name=club.name).wait_for()
    page.get_by_test_id("free-count").wait_for()
    yield page
    context.close()  # a no-op when the test closed it


def wait_live(page: Any) -> None:
    page.wait_for_function(
        "() => document.querySelector('[data-testid=live-status]')?.dataset.status === 'live'",
        timeout=60_000,
    )


def free_count(page: Any) -> int:
    return int(page.get_by_test_id("free-count").inner_text().split()[0])


def test_walk_in_with_the_apps_code_books_the_next_free_bay_shows_its_pass_and_leaves_the_grid(
    kiosk: Any,
    browser: Any,
    web_apps: dict[str, str],
    sign_in: Any,
    stack: dict[str, Any],
    tokens: dict[str, str],
    club: Club,
    new_member: Callable[..., Member],
    shot: Any,
    check_a11y: Any,
) -> None:
    page = kiosk
    # Every bay but the last is taken at the desk: the next free bay is the last one.
    *taken_bays, last = sorted(club.bays)
    wait_live(page)
    for name in taken_bays:
        walk_in = desk_walk_in(stack, tokens["admin"], club, new_member(), 120)
        assert walk_in["resource_name"] == name
    page.wait_for_function(
        "() => document.querySelector('[data-testid=free-count]').innerText === '1 bay'"
    )
    in_use = page.locator("[data-testid=bay][data-free=false]")
    assert sorted(in_use.all_inner_texts()) == [f"{name} in use" for name in taken_bays]
    check_a11y(page)
    shot(page, "kiosk-1-start")

    # A customer looks at today's grid on their phone: the last bay's next hour is there.
    customer = browser.new_context(viewport=PHONE, locale="en-CA")
    customer.set_default_timeout(20_000)
    grid_page = customer.new_page()
    grid_page.goto(web_apps["customer"])
    sign_in(grid_page, web_apps["customer"], new_member().email)
    grid_page.get_by_role("heading", name="Book a bay").wait_for()
    grid_page.get_by_label("Club").select_option(label=club.name)
    today = datetime.now(ZoneInfo(ZONE)).date().isoformat()
    grid_page.get_by_label("Date").fill(today)
    grid_page.get_by_role("list", name="Free times").wait_for()
    grid_page.wait_for_function(
        "() => document.querySelector('[data-live]')?.dataset.live === 'live'"
    )
    next_hour = grid_page.locator(f"button[aria-label^='Book {last} at ']").first.get_attribute(
        "aria-label"
    )
    assert next_hour, f"{last} has no free time left today"

    # A passer-by who knows the member's phone gets no further than the code.
    phone = f"+1416555{uuid.uuid4().int % 10_000:04d}"
    member = new_member(phone=phone)
    page.get_by_role("button", name="Type my code").click()
    for digit in phone.lstrip("+"):
        page.get_by_role("button", name=digit, exact=True).click()
    check_a11y(page)
    shot(page, "kiosk-2-phone")
    page.get_by_role("button", name="Next").click()
    for digit in "000000":
        page.get_by_role("button", name=digit, exact=True).click()
    page.get_by_role("button", name="Sign in").click()
    assert "didn't work" in page.get_by_role("alert").inner_text()
    shot(page, "kiosk-3-code-refused")

    # The member's own code: the 6 digits their app shows under Kiosk code.
    own_phone = browser.new_context(viewport=PHONE, locale="en-CA")
    own_phone.set_default_timeout(20_000)
    app = own_phone.new_page()
    app.goto(web_apps["customer"])
    sign_in(app, web_apps["customer"], member.email)
    app.get_by_role("link", name="Kiosk code").click()
    app.get_by_role("img", name="Kiosk sign-in QR code").wait_for()
    digits = app.get_by_test_id("kiosk-digits").inner_text()
    check_a11y(app)
    shot(app, "customer-kiosk-code")
    own_phone.close()
    for _ in range(6):
        page.get_by_role("button", name="Delete last digit").click()
    for digit in digits:
        page.get_by_role("button", name=digit, exact=True).click()
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Hi Web").wait_for()
    check_a11y(page)
    shot(page, "kiosk-4-member")

    page.get_by_role("button", name="Book the next free bay").click()
    bay = page.get_by_test_id("pass-bay")
    bay.wait_for(timeout=30_000)
    assert bay.inner_text() == last
    assert page.get_by_test_id("pass-qr").locator("svg").count() == 1
    check_a11y(page)
    shot(page, "kiosk-5-pass")

    # The booking is real, the member's, made at the kiosk, on that bay.
    r = requests.get(
        stack["api_url"] + "/bookings",
        headers={"Authorization": f"Bearer {member.token}"},
        timeout=30,
    )
    [booking] = [b for b in r.json()["bookings"] if b["status"] == "confirmed"]
    assert booking["source"] == "kiosk"
    assert booking["resource_id"] == club.bays[last]

    # Its next hour leaves the customer's grid without a reload.
    taken = grid_page.locator(f"button[aria-label='{next_hour}']")
    taken.wait_for(state="detached", timeout=5_000)
    customer.close()

    # Back at the start, the floor shows no bay free.
    page.get_by_role("button", name="Done").click()
    page.wait_for_function(
        "() => document.querySelector('[data-testid=free-count]').innerText === '0 bays'"
    )
    assert page.locator("[data-testid=bay][data-free=false]").count() == len(club.bays)


def test_scanned_code_checks_in_to_todays_booking_and_idle_returns_to_start(
    kiosk: Any,
    stack: dict[str, Any],
    tokens: dict[str, str],
    club: Club,
    new_member: Callable[..., Member],
    shot: Any,
    check_a11y: Any,
) -> None:
    page = kiosk
    page.clock.install()
    member = new_member()
    # Booked at the desk a moment ago (it starts now, so check-in is open).
    booked = desk_walk_in(stack, tokens["admin"], club, member, 60)["booking"]
    code = kiosk_code(stack, member)
    page.keyboard.type(code["token"])  # the scanner types what it reads
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Today at").wait_for()
    page.get_by_role("button", name="Check in").click()
    page.get_by_test_id("pass-bay").wait_for(timeout=30_000)
    check_a11y(page)
    shot(page, "kiosk-6-checked-in")
    r = requests.get(
        stack["api_url"] + f"/bookings/{booked['id']}",
        headers={"Authorization": f"Bearer {member.token}"},
        timeout=30,
    )
    assert r.json()["status"] == "checked_in"
    # Nobody touches the kiosk for a minute: back to the start screen.
    page.clock.fast_forward("00:50")
    assert page.get_by_test_id("pass-bay").is_visible()
    page.clock.fast_forward("00:11")
    page.get_by_role("button", name="Type my code").wait_for()


def test_offline_is_said_plainly(kiosk: Any, shot: Any, check_a11y: Any) -> None:
    page = kiosk
    page.context.set_offline(True)
    page.get_by_role("heading", name="This kiosk is offline").wait_for()
    check_a11y(page)
    shot(page, "kiosk-7-offline")
    page.context.set_offline(False)
    page.get_by_test_id("free-count").wait_for()


def test_the_feed_updates_the_floor_in_place_and_closed_pages_leave_the_registry(
    kiosk: Any,
    stack: dict[str, Any],
    tokens: dict[str, str],
    club: Club,
    new_member: Callable[..., Member],
    db: Database,
) -> None:
    """Walk-ins booked elsewhere (at the desk) reach the kiosk's floor without a reload; closing
    the page removes its connection from the registry ($disconnect)."""
    page = kiosk
    wait_live(page)
    [connection] = wait_until("the kiosk's subscription", lambda: registered(db, club.id))
    assert free_count(page) == len(club.bays)
    delays = []
    for expected in sorted(club.bays):
        name = desk_walk_in(stack, tokens["admin"], club, new_member(), 60)["resource_name"]
        answered = time.monotonic()
        assert name == expected
        page.locator("[data-testid=bay][data-free=false]", has_text=name).wait_for(timeout=5_000)
        delays.append(time.monotonic() - answered)
    assert free_count(page) == 0
    print(f"\nkiosk floor updated {', '.join(f'{d:.2f}' for d in delays)} s after each 201")
    assert connection in connections(db)
    page.context.close()
    wait_until("the closed page's connection to leave", lambda: connection not in connections(db))
    assert not registered(db, club.id)
