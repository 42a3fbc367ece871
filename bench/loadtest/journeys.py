"""What a member does, independent of how requests travel (HTTP or an in-process handler).

A journey: look at the clubs, browse availability for a day or two, book one of the slots
offered, look at My bookings, open the pass, sometimes reschedule, often cancel (so members stay
within their limits for the whole run). Think times between steps are a person's, not a
script's.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import uuid4
from zoneinfo import ZoneInfo

Call = Callable[..., tuple[int, Any]]
"""``call(method, path, name, ok=(200,), params=None, body=None, headers=None)`` -> (status, body).

A status outside ``ok`` counts as a failure of that route in the report."""

# Answers a booking can get under load that are not failures: someone was faster (409), the
# member's rules or limits refused it (422).
BOOKING_ANSWERS = (201, 200, 409, 422)


@dataclass
class Member:
    """A load-test member: their token and the clubs they browse."""

    token: str
    user_id: str


def _slot_days(tz: ZoneInfo, rng: random.Random) -> str:
    return (datetime.now(tz) + timedelta(days=rng.randint(1, 6))).date().isoformat()


def journey(call: Call, rng: random.Random, think: Callable[[], None]) -> None:
    """One member's visit. Errors are recorded by ``call``; the journey stops at the first."""
    status, body = call("GET", "/locations", "GET /locations")
    if status != 200:
        return
    locations = body.get("locations", body) if isinstance(body, dict) else body
    location = rng.choice([loc for loc in locations if loc.get("time_zone")])
    tz = ZoneInfo(location["time_zone"])
    slots: list[dict[str, Any]] = []
    for _ in range(rng.randint(1, 3)):  # a member compares a few days
        think()
        params = {
            "location_id": location["id"],
            "date": _slot_days(tz, rng),
            "duration_minutes": rng.choice(["60", "60", "90", "120"]),
        }
        status, body = call("GET", "/availability", "GET /availability", params=params)
        if status != 200:
            return
        slots = body.get("slots", [])
    if not slots:
        return
    think()
    slot = rng.choice(slots[: max(1, len(slots) // 2)])
    booking = {"resource_id": slot["resource_id"], "start": slot["start"], "end": slot["end"]}
    status, body = call(
        "POST",
        "/bookings",
        "POST /bookings",
        ok=BOOKING_ANSWERS,
        body=booking,
        headers={"Idempotency-Key": uuid4().hex},
    )
    if status != 201:
        return  # 409 (someone was faster) and 422 (limits) are answers, not failures
    booking_id = body["id"]
    think()
    call("GET", "/bookings", "GET /bookings")
    think()
    # Days ahead the pass is not open yet: 409 PASS_NOT_YET_VALID is the answer the app shows.
    call(
        "GET",
        f"/bookings/{booking_id}/pass",
        "GET /bookings/{id}/pass",
        ok=(200, 409),
        params={"format": "svg"},
    )
    if rng.random() < 0.3:
        think()
        start = datetime.fromisoformat(slot["start"]) + timedelta(days=1)
        end = datetime.fromisoformat(slot["end"]) + timedelta(days=1)
        call(
            "PATCH",
            f"/bookings/{booking_id}",
            "PATCH /bookings/{id}",
            ok=BOOKING_ANSWERS,
            body={"start": start.isoformat(), "end": end.isoformat()},
        )
    if rng.random() < 0.8:
        think()
        call("POST", f"/bookings/{booking_id}/cancel", "POST /bookings/{id}/cancel", body={})
