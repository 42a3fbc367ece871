"""Live updates in the customer app: another member's booking leaves my grid within a second.

Browser A (one member) books 20 times through the app while browser B (another member) looks
at the same club and day. For each booking the time runs from A's 201 (A's own fetch of
``POST /bookings`` resolving) to the slot's button leaving B's page, both read off the same
Chromium's clock (``performance.timeOrigin + performance.now()``). The p95 is printed and must be
under 1 s. A member holds only a few upcoming bookings, so each one is cancelled through the
API once measured, and B shows it free again (the cancellation reaches B live too).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import requests
from customer_world import ZONE, Club, Member, make_club, make_member

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
BOOKINGS = 20
P95_LIMIT_SECONDS = 1.0

# A's fetch wrapper: when the answer to a POST /bookings arrives, note the instant.
RECORD_BOOKED = """
(() => {
  const fetch0 = window.fetch.bind(window);
  window.__booked = [];
  window.fetch = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const response = await fetch0(input, init);
    if (request.method === "POST" && new URL(request.url).pathname.endsWith("/bookings")) {
      const at = performance.timeOrigin + performance.now();
      window.__booked.push({status: response.status, at});
    }
    return response;
  };
})();
"""

# B's watcher: the first instant the button labelled `label` is no longer in the page.
WATCH_GONE = """
(label) => {
  window.__gone = null;
  const gone = () => !document.querySelector(`button[aria-label="${label}"]`);
  if (gone()) { window.__gone = -1; return; }  // already gone: not a measurement
  const observer = new MutationObserver(() => {
    if (!gone()) return;
    window.__gone = performance.timeOrigin + performance.now();
    observer.disconnect();
  });
  observer.observe(document.body, {childList: true, subtree: true, attributes: true});
}
"""


@pytest.fixture(scope="module")
def club(stack: dict[str, Any]) -> Club:
    return make_club(stack["database_url"])


@pytest.fixture
def browser_a(browser: Any) -> Iterator[Any]:
    """Browser A's page: its fetch notes when each booking's answer arrives."""
    context = browser.new_context(viewport=PHONE, locale="en-CA")
    context.set_default_timeout(20_000)
    context.add_init_script(RECORD_BOOKED)
    yield context.new_page()
    context.close()


@pytest.fixture
def browser_b(browser: Any) -> Iterator[Any]:
    """Browser B's page: another person's browser altogether (own storage, own socket)."""
    context = browser.new_context(viewport=PHONE, locale="en-CA")
    context.set_default_timeout(20_000)
    yield context.new_page()
    context.close()


def open_grid(page: Any, url: str, sign_in: Any, who: Member, club: Club, day: str) -> Any:
    page.goto(url)
    sign_in(page, url, who.email)
    page.get_by_role("heading", name="Book a bay").wait_for()
    page.get_by_label("Club").select_option(label=club.name)
    page.get_by_label("Date").fill(day)
    grid = page.get_by_role("list", name="Free times")
    grid.wait_for()
    return grid


def wait_live(page: Any) -> None:
    page.wait_for_function(
        "() => document.querySelector('[data-live]')?.dataset.live === 'live'", timeout=60_000
    )


def p95(values: list[float]) -> float:
    """Nearest-rank 95th percentile."""
    ranked = sorted(values)
    return ranked[max(0, -(-95 * len(ranked) // 100) - 1)]


def test_another_members_booking_leaves_my_grid_within_a_second(
    browser_a: Any,
    browser_b: Any,
    web_apps: dict[str, str],
    sign_in: Any,
    stack: dict[str, Any],
    fakes: dict[str, str],
    club: Club,
) -> None:
    a, b = browser_a, browser_b
    member_a = make_member(stack, fakes["hubspot"])
    member_b = make_member(stack, fakes["hubspot"])
    day = (datetime.now(ZoneInfo(ZONE)) + timedelta(days=5)).date().isoformat()
    open_grid(a, web_apps["customer"], sign_in, member_a, club, day)
    open_grid(b, web_apps["customer"], sign_in, member_b, club, day)
    wait_live(a)
    wait_live(b)

    delays: list[float] = []
    for n in range(BOOKINGS + 1):  # the first one wakes the broadcaster: not counted
        # The n-th row's first bay: a different slot each time, free in both browsers.
        button = a.get_by_role("list", name="Free times").get_by_role("button").nth(2 * n)
        label = button.get_attribute("aria-label")
        assert label and label.startswith("Book ")
        b.locator(f"button[aria-label='{label}']").wait_for()
        b.evaluate(WATCH_GONE, label)
        assert b.evaluate("() => window.__gone") is None

        button.click()
        a.get_by_role("heading", name="Book this bay?").wait_for()
        a.get_by_role("button", name="Book", exact=True).click()
        a.get_by_text("Booked!").wait_for()
        b.wait_for_function("() => window.__gone !== null", timeout=10_000)
        booked = a.evaluate("() => window.__booked.at(-1)")
        assert booked["status"] == 201
        gone_at = b.evaluate("() => window.__gone")
        delay = (gone_at - booked["at"]) / 1000
        if n > 0:
            delays.append(delay)
        else:
            first = delay

        # Free it again (a member may hold only a few bookings): B sees it come back.
        href = a.get_by_role("link", name="See the booking").get_attribute("href")
        booking_id = href.split("/")[-1]
        r = requests.post(
            stack["api_url"] + f"/bookings/{booking_id}/cancel",
            headers={"Authorization": f"Bearer {member_a.token}"},
            timeout=30,
        )
        assert r.status_code == 200, r.text
        b.locator(f"button[aria-label='{label}']").wait_for(timeout=10_000)

    print(
        f"\ncustomer grid, browser A's 201 -> the slot gone from browser B, "
        f"{len(delays)} bookings: "
        f"first (cold) {first:.3f} s; median {statistics.median(delays):.3f} s, "
        f"p95 {p95(delays):.3f} s, max {max(delays):.3f} s"
    )
    assert p95(delays) < P95_LIMIT_SECONDS, sorted(delays)
