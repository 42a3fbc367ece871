"""Seed a database with demo data: two clubs in different zones, bays, members, default rules.

Safe to run twice: what exists (by slug, e-mail or rule name) is left alone.
``python -m booking_cli.seed`` (``make seed``) reads ``DATABASE_URL``.
"""

from __future__ import annotations

import argparse
import os
import uuid
from typing import Any

from booking.adapters.postgres.connection import Database
from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking.domain.default_rules import DEFAULT_RULES
from booking.domain.opening_hours import WEEKDAYS, OpeningHours
from booking.domain.settings import LocationSettings
from booking.services.rules import SaveRule, build_rule

ALWAYS_OPEN = {day: [["00:00", "24:00"]] for day in WEEKDAYS}
LATE_HOURS = {
    **{day: [["06:00", "02:00"]] for day in WEEKDAYS[:5]},
    "sat": [["07:00", "03:00"]],
    "sun": [["07:00", "23:00"]],
}

LOCATIONS: list[dict[str, Any]] = [
    {
        "slug": "toronto-king",
        "name": "Toronto King St",
        "address": "100 King St W, Toronto",
        "time_zone": "America/Toronto",
        "hours": ALWAYS_OPEN,
        "bays": [(f"Bay {n}", "simulator", 4, 10) for n in range(1, 6)]
        + [("Meeting Room", "meeting_room", 8, 0)],
    },
    {
        "slug": "vancouver-kits",
        "name": "Vancouver Kitsilano",
        "address": "2000 W 4th Ave",
        "time_zone": "America/Vancouver",
        "hours": LATE_HOURS,
        "bays": [(f"Bay {n}", "simulator", 4, 5) for n in range(1, 4)],
    },
]

# NinjaOne script ids of the PC image's actions (the same image at both clubs).
PC_SCRIPTS = {
    "power.on": "101",
    "launch.software": "102",
    "load.profile": "103",
    "save.data": "104",
    "reset.defaults": "105",
    "diagnostics": "106",
}

MEMBERS: list[dict[str, Any]] = [
    {
        "email": "alice@example.com",
        "name": "Alice Member",
        "tier": "standard",
        "credits": 10,
        "phone": "+14165550101",
        "hubspot_id": "1001",
    },
    {
        "email": "bob@example.com",
        "name": "Bob Member",
        "tier": "standard",
        "credits": 10,
        "phone": "+14165550102",
        "hubspot_id": "1002",
    },
    {
        "email": "carol@example.com",
        "name": "Carol Gold",
        "tier": "gold",
        "credits": 20,
        "phone": "+16045550103",
        "hubspot_id": "1003",
    },
    {
        "email": "dave@example.com",
        "name": "Dave Platinum",
        "tier": "platinum",
        "credits": 40,
        "tags": ["VIP"],
        "hubspot_id": "1004",
    },
    {
        "email": "erin@example.com",
        "name": "Erin Early",
        "tier": "standard",
        "credits": 5,
        "tags": ["EARLY_ACCESS"],
        "hubspot_id": "1005",
    },
]


def seed(database_url: str) -> dict[str, int]:
    """Insert whatever of the demo data is missing; returns counts of rows added."""
    db = Database(database_url, application_name="booking-seed")
    added = {"locations": 0, "resources": 0, "users": 0, "rules": 0}
    uow = PostgresUnitOfWork(db)
    with uow:
        existing = {loc.slug: loc for loc in uow.locations.list()}
        taken = {r.ninjaone_device_id for r in uow.resources.list()}
        device_ids = [n for n in range(1, 100) if str(n) not in taken]
        for spec in LOCATIONS:
            location = existing.get(spec["slug"])
            if location is None:
                location = uow.locations.add(
                    slug=spec["slug"],
                    name=spec["name"],
                    address=spec["address"],
                    time_zone=spec["time_zone"],
                    opening_hours=OpeningHours.from_json(spec["hours"]),
                    settings=LocationSettings(ninjaone_scripts=PC_SCRIPTS),
                )
                added["locations"] += 1
            names = {r.name for r in uow.resources.list(location.id)}
            for name, rtype, capacity, buffer in spec["bays"]:
                if name in names:
                    continue
                uow.resources.add(
                    location_id=location.id,
                    name=name,
                    type=rtype,
                    capacity=capacity,
                    buffer_minutes=buffer,
                    unifi_door_ids=[f"door-{spec['slug']}-main"],
                    # NinjaOne device ids are integers; one PC per simulator bay.
                    ninjaone_device_id=str(device_ids.pop(0)) if rtype == "simulator" else None,
                )
                added["resources"] += 1
        for m in MEMBERS:
            if uow.users.by_email(m["email"]) is not None:
                continue
            user = uow.users.add(
                email=m["email"],
                name=m["name"],
                tier=m["tier"],
                tags=m.get("tags", []),
                hubspot_id=m.get("hubspot_id"),
                phone=m.get("phone"),
            )
            uow.credits.record(
                user_id=user.id, delta=m["credits"], reason="grant", note="welcome credits"
            )
            added["users"] += 1
        rule_names = {r.name for r in uow.rules.list()}
        for spec in DEFAULT_RULES:
            if spec["name"] in rule_names:
                continue
            uow.rules.upsert(build_rule(SaveRule(id=uuid.uuid4(), **spec)))
            added["rules"] += 1
        uow.commit()
    db.close()
    return added


def main() -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    args = parser.parse_args()
    if not args.database_url:
        parser.error("DATABASE_URL is not set")
    added = seed(args.database_url)
    print("seeded: " + ", ".join(f"{v} {k}" for k, v in added.items()))


if __name__ == "__main__":
    main()
