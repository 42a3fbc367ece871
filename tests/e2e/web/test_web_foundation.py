"""The three apps are hosted from their buckets, start from config.json and sign people in."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    ("app", "heading"),
    [("customer", "Sign in"), ("admin", "Sign in"), ("kiosk", "Sign this kiosk in")],
)
def test_app_serves_its_sign_in_page(
    app: str, heading: str, web_apps: dict[str, str], phone: Any, check_a11y: Any, shot: Any
) -> None:
    page = phone.new_page()
    # A deep link: the website's error document serves the app, which sends it to sign-in.
    page.goto(web_apps[app] + "somewhere/deep")
    page.get_by_role("heading", name=heading).wait_for()
    assert "/sign-in?next=%2Fsomewhere%2Fdeep" in page.url
    check_a11y(page)
    shot(page, f"{app}-sign-in")


def test_wrong_password_is_refused_in_words(
    web_apps: dict[str, str], phone: Any, stack: dict[str, Any]
) -> None:
    page = phone.new_page()
    page.goto(web_apps["customer"])
    page.get_by_label("E-mail").fill("alice@example.com")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("alert").inner_text() == "That e-mail and password don't match."


def test_staff_signs_in_to_the_dashboard_and_members_cannot(
    web_apps: dict[str, str], phone: Any, sign_in: Any
) -> None:
    page = phone.new_page()
    page.goto(web_apps["admin"])
    sign_in(page, web_apps["admin"], "staff@example.com")
    # The dashboard opens on the floor of a club the staff member works at.
    page.get_by_role("heading", name="Floor").wait_for()
    page.get_by_label("Club", exact=True).wait_for()

    other = phone.browser.new_context().new_page() if phone.browser else phone.new_page()
    other.goto(web_apps["admin"])
    sign_in(other, web_apps["admin"], "alice@example.com")
    assert "for staff or admin accounts" in other.get_by_role("alert").inner_text()
    other.context.close()
