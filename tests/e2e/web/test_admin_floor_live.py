"""The staff floor hears a door check-in live: a signed UniFi webhook, no reload."""

from __future__ import annotations

import json
import re
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests
from customer_world import make_club, make_member
from test_admin_app import open_as, token

from booking.adapters.postgres.connection import Database
from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork

pytestmark = pytest.mark.e2e


def test_the_floor_shows_a_door_check_in_without_a_reload(
    web_apps: dict[str, str],
    browser: Any,
    stack: dict[str, Any],
    fakes: dict[str, str],
    shot: Any,
) -> None:
    club = make_club(stack["database_url"])
    member = make_member(stack, fakes["hubspot"])
    now = datetime.now(UTC).replace(microsecond=0)
    db = Database(stack["database_url"], application_name="web-tests")
    uow = PostgresUnitOfWork(db)
    try:
        with uow:
            # A bay with a door of its own (an unlock at a shared entrance proves nobody's
            # presence) and a booking under way there, written directly: nobody books the past.
            door = f"door-own-{uuid.uuid4().hex[:6]}"
            bay = uow.resources.add(
                location_id=uuid.UUID(club.id),
                name="Bay 9",
                type="simulator",
                capacity=4,
                buffer_minutes=0,
                unifi_door_ids=[door],
            )
            booking = uow.bookings.add(
                user_id=uuid.UUID(member.id),
                resource_id=bay.id,
                start=now - timedelta(minutes=5),
                end=now + timedelta(minutes=55),
                party_size=1,
                source="api",
                credit_cost=1,
                metadata={},
            )
            uow.commit()
    finally:
        db.close()

    staff = token(stack, "staff", "floor-desk@example.com", [club.id])
    page = open_as(browser, web_apps["admin"], staff, "staff", "floor-desk@example.com")
    page.get_by_role("heading", name="Floor").wait_for()
    page.get_by_role("status").filter(has_text="Live").wait_for()
    # The booking's own block on the timeline (its label: member, times, status).
    name = "Web Member " + member.email.split("-", 1)[1].split("@", 1)[0]
    page.get_by_role("button", name=re.compile(rf"^{name}\s*.* · Confirmed$")).wait_for()
    page.evaluate("() => { window.__sameDocument = true; }")

    event = {
        "event": "access.door.unlock",
        "event_object_id": str(uuid.uuid4()),
        "data": {"location": {"id": door}},
    }
    started = time.monotonic()
    sent = requests.post(
        fakes["unifi"] + "/_webhooks",
        json={
            "url": stack["api_url"] + "/webhooks/unifi",
            "secret": stack["parameters"]["UnifiWebhookSecret"],
            "event": event,
        },
        timeout=30,
    ).json()
    assert sent["status"] == 200, sent
    assert json.loads(sent["body"]) == {"status": "checked_in", "booking_id": str(booking.id)}

    page.get_by_role("button", name=re.compile(rf"^{name}\s*.* · Checked in$")).wait_for(
        timeout=10_000
    )
    seconds = time.monotonic() - started
    assert page.evaluate("() => window.__sameDocument === true"), "the floor was reloaded"
    print(f"door check-in on the staff floor after {seconds:.2f} s")
    shot(page, "admin-floor-checked-in")
    page.context.close()
