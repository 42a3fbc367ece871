"""A club and members of the customer-app browser tests' own, so no test meets another's bookings.

The club (America/Toronto, open around the clock, three bays with doors) carries two rules of its
own, above the defaults: members book up to 120 days ahead (a DST-change day is then reachable)
and with no minimum notice (a booking can start in a few minutes, so its door pass is live).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import requests

from booking.adapters.postgres.connection import Database
from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking.domain.models import LocationSettings, OpeningHours
from booking.services.rules import SaveRule, build_rule
from booking_cli.devtokens import token_for
from booking_cli.seed import ALWAYS_OPEN, PC_SCRIPTS

ZONE = "America/Toronto"


@dataclass(frozen=True)
class Club:
    """The test club: its id, name (as the club picker shows it) and bays (name -> id)."""

    id: str
    name: str
    bays: dict[str, str]
    door_id: str
    slug: str

    @property
    def kiosk_email(self) -> str:
        """The local sign-in of this club's door kiosk (``kiosk-<slug>@``)."""
        return f"kiosk-{self.slug}@example.com"


@dataclass(frozen=True)
class Member:
    """A member who signs in with the stack's local password; ``token`` calls the API directly."""

    id: str
    email: str
    hubspot_id: str
    token: str


def make_club(database_url: str) -> Club:
    """Create the club, its bays and its two rules."""
    tag = uuid.uuid4().hex[:6]
    door = f"door-web-{tag}"
    db = Database(database_url, application_name="web-tests")
    uow = PostgresUnitOfWork(db)
    try:
        with uow:
            loc = uow.locations.add(
                slug=f"web-club-{tag}",
                name=f"Web Club {tag}",
                address="1 Test St",
                time_zone=ZONE,
                opening_hours=OpeningHours.from_json(ALWAYS_OPEN),
                settings=LocationSettings(ninjaone_scripts=PC_SCRIPTS),
            )
            bays = {}
            for n in (1, 2, 3):
                bay = uow.resources.add(
                    location_id=loc.id,
                    name=f"Bay {n}",
                    type="simulator",
                    capacity=4,
                    buffer_minutes=0,
                    unifi_door_ids=[door],
                )
                bays[bay.name] = str(bay.id)
            for name, action in (
                ("web-tests-advance", {"type": "advance_window", "days": 120}),
                ("web-tests-notice", {"type": "min_notice", "minutes": 0}),
            ):
                uow.rules.upsert(
                    build_rule(
                        SaveRule(
                            id=uuid.uuid4(),
                            name=f"{name}-{tag}",
                            action=action,
                            scope="location",
                            scope_ref=str(loc.id),
                            priority=1000,
                        )
                    )
                )
            uow.commit()
    finally:
        db.close()
    return Club(id=str(loc.id), name=loc.name, bays=bays, door_id=door, slug=loc.slug)


def make_member(
    stack: dict[str, Any],
    hubspot_url: str,
    *,
    credits: int = 100,
    tags: tuple[str, ...] = (),
    phone: str | None = None,
) -> Member:
    """A platinum member with credits (and ``phone`` on the account when given), known to the
    HubSpot fake as a contact."""
    tag = uuid.uuid4().hex[:8]
    email = f"web-{tag}@example.com"
    contact_id = str(800_000 + int(tag, 16) % 99_999)
    db = Database(stack["database_url"], application_name="web-tests")
    uow = PostgresUnitOfWork(db)
    try:
        with uow:
            user = uow.users.add(
                email=email,
                name=f"Web Member {tag}",
                hubspot_id=contact_id,
                tier="platinum",
                tags=list(tags),
                phone=phone,
            )
            uow.credits.record(user_id=user.id, delta=credits, reason="grant")
            uow.commit()
    finally:
        db.close()
    requests.post(
        hubspot_url + "/_contacts",
        json={"contacts": [{"id": contact_id, "properties": {"email": email}}]},
        timeout=10,
    ).raise_for_status()
    token = token_for(
        "member", email, secret=stack["jwt_secret"], database_url=stack["database_url"]
    )
    return Member(id=str(user.id), email=email, hubspot_id=contact_id, token=token)
