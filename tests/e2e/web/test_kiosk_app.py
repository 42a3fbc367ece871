"""The door kiosk in Chromium at 1080x1920 against the e2e stack, and the live feed under it.

A member proves who they are with the one-time code their app gets (POST /me/kiosk-code): the
kiosk takes it from the scanner (typed like a keyboard) or as 6 digits with the member's phone.
Screenshots of every kiosk screen land in test-output/web/kiosk-*.png.
"""

from __future__ import annotations

import time
import uuid
from typing import Any

import pytest
import requests

from booking.adapters.postgres.connection import Database
from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking_cli.devtokens import token_for

pytestmark = pytest.mark.e2e

KIOSK = {"width": 1080, "height": 1920}


@pytest.fixture(scope="module")
def db(stack: dict[str, Any]) -> Any:
    database = Database(stack["database_url"])
    yield database
    database.close()


def new_member(stack: dict[str, Any], db: Database, phone: str | None = None) -> dict[str, Any]:
    """A member of this module: early access (any hour), plenty of credits, a token."""
    email = f"kiosk-{uuid.uuid4().hex[:8]}@example.com"
    uow = PostgresUnitOfWork(db)
    with uow:
        user = uow.users.add(
            email=email, name="Kim Walker", tier="platinum", tags=("EARLY_ACCESS",), phone=phone
        )
        uow.credits.record(user_id=user.id, delta=100, reason="grant")
        uow.commit()
    token = token_for("member", email, secret=stack["jwt_secret"], database_url=stack["database_url"])
    return {"id": str(user.id), "email": email, "token": token, "phone": phone}


def kiosk_code(stack: dict[str, Any], member: dict[str, Any]) -> dict[str, Any]:
    r = requests.post(
        stack["api_url"] + "/me/kiosk-code",
        headers={"Authorization": f"Bearer {member['token']}"},
        timeout=30,
    )
    assert r.status_code == 201, r.text
    return dict(r.json())


def live_rows(db: Database) -> int:
    conn = db.connection()
    with conn.transaction():
        row = conn.execute("SELECT count(*) AS n FROM live_connections").fetchone()
    return int(row["n"])


@pytest.fixture
def kiosk(browser: Any, web_apps: dict[str, str], sign_in: Any) -> Any:
    """The kiosk app in a portrait 1080x1920 context, signed in as the first club's kiosk."""
    context = browser.new_context(viewport=KIOSK, locale="en-CA")
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto(web_apps["kiosk"])
    sign_in(page, web_apps["kiosk"], "kiosk@example.com")
    page.get_by_test_id("free-count").wait_for()
    yield page
    context.close()


def wait_live(page: Any) -> None:
    page.wait_for_function(
        "() => document.querySelector('[data-testid=live-status]')?.dataset.status === 'live'",
        timeout=60_000,
    )


def test_walk_in_with_the_apps_code_books_the_next_free_bay_and_shows_its_pass(
    kiosk: Any, stack: dict[str, Any], db: Database, shot: Any, check_a11y: Any
) -> None:
    page = kiosk
    wait_live(page)
    free_before = int(page.get_by_test_id("free-count").inner_text().split()[0])
    check_a11y(page)
    shot(page, "kiosk-1-start")

    # A passer-by who knows the member's phone cannot get further than the code.
    member = new_member(stack, db, phone=f"+1416555{uuid.uuid4().int % 10_000:04d}")
    page.get_by_role("button", name="Type my code").click()
    for digit in member["phone"].lstrip("+"):
        page.get_by_role("button", name=digit, exact=True).click()
    shot(page, "kiosk-2-phone")
    page.get_by_role("button", name="Next").click()
    for digit in "000000":
        page.get_by_role("button", name=digit, exact=True).click()
    page.get_by_role("button", name="Sign in").click()
    assert "didn't work" in page.get_by_role("alert").inner_text()
    shot(page, "kiosk-3-code-refused")

    # The member's own code: the 6 digits their app shows.
    code = kiosk_code(stack, member)
    for _ in range(6):
        page.get_by_role("button", name="Delete last digit").click()
    for digit in code["code"]:
        page.get_by_role("button", name=digit, exact=True).click()
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Hi Kim").wait_for()
    check_a11y(page)
    shot(page, "kiosk-4-member")

    page.get_by_role("button", name="Book the next free bay").click()
    bay = page.get_by_test_id("pass-bay")
    bay.wait_for(timeout=30_000)
    assert page.get_by_test_id("pass-qr").locator("svg").count() == 1
    shot(page, "kiosk-5-pass")
    bay_name = bay.inner_text()

    # The booking is real and the member's; the bay leaves the floor for the next hour.
    r = requests.get(
        stack["api_url"] + "/bookings",
        headers={"Authorization": f"Bearer {member['token']}"},
        timeout=30,
    )
    [booking] = [b for b in r.json()["bookings"] if b["status"] == "confirmed"]
    assert booking["source"] == "kiosk"
    page.get_by_role("button", name="Done").click()
    page.wait_for_function(
        "n => Number(document.querySelector('[data-testid=free-count]').innerText.split(' ')[0]) === n",
        arg=free_before - 1,
    )
    taken = page.locator("[data-testid=bay][data-free=false]", has_text=bay_name)
    assert taken.count() == 1


def test_scanned_code_checks_in_to_todays_booking_and_idle_returns_to_start(
    kiosk: Any, stack: dict[str, Any], tokens: dict[str, str], db: Database, shot: Any
) -> None:
    page = kiosk
    page.clock.install()
    member = new_member(stack, db)
    # Booked at the desk a moment ago (an admin's walk-in starts now, so check-in is open).
    location_id = page.evaluate(
        "() => JSON.parse(atob(JSON.parse(localStorage.getItem('booking.session')).token"
        ".split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).locations[0]"
    )
    r = requests.post(
        stack["api_url"] + "/kiosk/walk-in",
        headers={"Authorization": f"Bearer {tokens['admin']}"},
        json={"user_id": member["id"], "location_id": location_id, "duration_minutes": 30},
        timeout=30,
    )
    if r.status_code == 409:
        pytest.skip("every bay is taken right now")
    assert r.status_code == 201, r.text
    booked = r.json()["booking"]
    code = kiosk_code(stack, member)
    page.keyboard.type(code["token"])  # the scanner types what it reads
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Check in").click()
    page.get_by_test_id("pass-bay").wait_for(timeout=30_000)
    shot(page, "kiosk-6-checked-in")
    r = requests.get(
        stack["api_url"] + f"/bookings/{booked['id']}",
        headers={"Authorization": f"Bearer {member['token']}"},
        timeout=30,
    )
    assert r.json()["status"] == "checked_in"
    # Nobody touches the kiosk for a minute: back to the start screen.
    page.clock.fast_forward("01:01")
    page.get_by_role("button", name="Type my code").wait_for()


def test_offline_is_said_plainly(kiosk: Any, shot: Any) -> None:
    page = kiosk
    page.context.set_offline(True)
    page.get_by_role("heading", name="This kiosk is offline").wait_for()
    shot(page, "kiosk-7-offline")
    page.context.set_offline(False)
    page.get_by_test_id("free-count").wait_for()


def test_the_feed_updates_the_floor_in_place_and_closed_pages_leave_the_registry(
    kiosk: Any, stack: dict[str, Any], tokens: dict[str, str], db: Database
) -> None:
    """Walk-ins booked elsewhere (an admin at the desk) reach the kiosk's floor without a reload;
    closing the page removes its connection from the registry ($disconnect)."""
    page = kiosk
    wait_live(page)
    before = live_rows(db)
    assert before >= 1
    location_id = page.evaluate(
        "() => JSON.parse(atob(JSON.parse(localStorage.getItem('booking.session')).token"
        ".split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).locations[0]"
    )
    delays = []
    for _ in range(2):
        if page.locator("[data-testid=bay][data-free=true]").count() == 0:
            break
        member = new_member(stack, db)
        r = requests.post(
            stack["api_url"] + "/kiosk/walk-in",
            headers={"Authorization": f"Bearer {tokens['admin']}"},
            json={"user_id": member["id"], "location_id": location_id, "duration_minutes": 60},
            timeout=30,
        )
        assert r.status_code == 201, r.text
        answered = time.monotonic()
        name = r.json()["resource_name"]
        page.locator("[data-testid=bay][data-free=false]", has_text=name).wait_for(timeout=30_000)
        delays.append(time.monotonic() - answered)
    assert delays, "no bay was free to walk in to"
    print(f"\nkiosk floor updated {', '.join(f'{d:.2f}' for d in delays)} s after the 201")
    page.context.close()
    deadline = time.monotonic() + 30
    while live_rows(db) >= before and time.monotonic() < deadline:
        time.sleep(0.2)
    assert live_rows(db) < before, "the closed page's connection is still registered"
