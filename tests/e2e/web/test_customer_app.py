"""The customer app on the local stack: sign in, book, see it, cancel with the refund shown."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from customer_world import make_member

pytestmark = pytest.mark.e2e


def _open_book_page(page: Any, url: str, sign_in: Any, email: str) -> None:
    page.goto(url)
    sign_in(page, url, email)
    page.get_by_role("heading", name="Book a bay").wait_for()
    # The seeded club, by name: other tests add clubs of their own to the same stack.
    page.get_by_label("Club").select_option(label="Toronto King St")


def test_member_books_sees_it_and_cancels_with_the_refund_shown(
    web_apps: dict[str, str],
    phone: Any,
    sign_in: Any,
    check_a11y: Any,
    shot: Any,
    fakes: dict[str, str],
    stack: dict[str, Any],
) -> None:
    # A member of this test's own: the seeded ones' booking limits are shared by every test.
    member = make_member(stack, fakes["hubspot"])
    page = phone.new_page()
    url = web_apps["customer"]
    _open_book_page(page, url, sign_in, member.email)
    # Two days ahead: far enough for every rule and for a full refund.
    day = (datetime.now(UTC) + timedelta(days=2)).date().isoformat()
    page.get_by_label("Date").fill(day)
    grid = page.get_by_role("list", name="Free times")
    grid.wait_for()
    check_a11y(page)
    shot(page, "customer-book")
    # A simulator bay (the meeting room costs nothing, so its cancellation refunds nothing).
    first = grid.get_by_role("button", name=re.compile(r"^Book Bay \d")).first
    first.click()
    # Headless UI's dialog root has no box of its own (its panel is fixed): wait for the title.
    page.get_by_role("heading", name="Book this bay?").wait_for()
    shot(page, "customer-confirm")
    page.get_by_role("button", name="Book", exact=True).click()
    page.get_by_text("Booked!").wait_for()
    check_a11y(page)
    shot(page, "customer-booked")

    page.get_by_role("link", name="See the booking").click()
    page.get_by_role("button", name="Cancel booking").wait_for()
    booking_id = page.url.rstrip("/").split("/")[-1]
    shot(page, "customer-booking")

    # (The integrations hearing of it: test_customer_flows waits for both fakes' calls.)

    page.get_by_role("link", name="My bookings").click()
    page.get_by_role("heading", name="Upcoming").wait_for()
    assert page.locator(f"a[href='/bookings/{booking_id}']").count() == 1
    check_a11y(page)
    shot(page, "customer-my-bookings")

    page.goto(url + f"bookings/{booking_id}")
    page.get_by_role("button", name="Cancel booking").click()
    page.get_by_role("heading", name="Cancel this booking?").wait_for()
    dialog = page.get_by_role("dialog")
    dialog.get_by_text("You get back").wait_for()
    text = dialog.inner_text()
    assert "100% refund" in text
    shot(page, "customer-cancel")
    dialog.get_by_role("button", name="Cancel booking").click()
    page.get_by_text("Cancelled.").wait_for()

    page.get_by_role("link", name="Credits").click()
    page.get_by_text("Refund for a cancellation").first.wait_for()
    check_a11y(page)
    shot(page, "customer-credits")
