"""The ClubOS bridge routes, called in-process with the sample events (real time, future dates)."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from api_client import call, claims_for, sample

TZ = ZoneInfo("America/Toronto")
SERVICE = claims_for("service")


pytestmark = pytest.mark.usefixtures("api_env")


def _tomorrow_2pm() -> datetime:
    day = datetime.now(TZ).date() + timedelta(days=1)
    return datetime(day.year, day.month, day.day, 14, tzinfo=TZ)


def test_book_me_a_simulator_tomorrow_at_2pm_through_the_api(make_world):
    world = make_world()
    status, body = call(
        "clubos",
        "clubos/action",
        claims=SERVICE,
        body={
            "message": "Book me a simulator tomorrow at 2pm",
            "customer": world.members[0].email,
            "location": str(world.location.id),
            "thread_id": "thread-1",
        },
    )
    assert status == 200, body
    assert (body["intent"], body["needs_clarification"]) == ("create", False)
    assert datetime.fromisoformat(body["booking"]["start"]) == _tomorrow_2pm()
    assert body["booking"]["source"] == "clubos" and body["thread_id"] == "thread-1"
    assert "2:00 pm to 3:00 pm" in body["reply"]

    status, ctx = call(
        "clubos", "clubos/context", claims=SERVICE, query={"customer": world.members[0].email}
    )
    assert status == 200, ctx
    assert [b["id"] for b in ctx["upcoming_bookings"]] == [body["booking"]["id"]]
    assert ctx["credits"] == 49 and ctx["preferences"]["location_id"] == str(world.location.id)


def test_customer_as_an_object_and_the_location_by_slug(make_world):
    world = make_world()
    status, body = call(
        "clubos",
        "clubos/action",
        claims=SERVICE,
        body={
            "message": "what are my bookings?",
            "customer": {"email": world.members[0].email},
            "location": world.location.slug,
        },
    )
    assert status == 200 and body["intent"] == "list" and body["bookings"] == []
    assert body["location_id"] == str(world.location.id)


def test_roles_validation_and_unknown_customers(make_world):
    world = make_world()
    member = claims_for("member", world.members[0].id)
    message = {"message": "book tomorrow at 2pm", "customer": world.members[0].email}
    status, body = call("clubos", "clubos/action", claims=member, body=message)
    assert status == 403 and body["error"]["code"] == "FORBIDDEN"
    status, body = call("clubos", "clubos/context", claims=member, query={"customer": "x@y.z"})
    assert status == 403
    status, body = call("clubos", "clubos/action", claims=SERVICE, body={"message": "hi"})
    assert status == 422 and body["error"]["code"] == "VALIDATION_FAILED"
    status, body = call(
        "clubos",
        "clubos/action",
        claims=SERVICE,
        body={"message": "book tomorrow at 2pm", "customer": f"{uuid.uuid4()}@example.com"},
    )
    assert status == 404 and body["error"]["code"] == "CUSTOMER_NOT_FOUND"
    status, body = call(
        "clubos",
        "clubos/action",
        claims=SERVICE,
        body={**message, "location": "no-such-club"},
    )
    assert status == 404 and body["error"]["code"] == "LOCATION_NOT_FOUND"


def test_recommendations_for_a_member_and_for_a_service(make_world):
    world = make_world(members=2)
    at = _tomorrow_2pm() + timedelta(days=1)
    member = claims_for("member", world.members[0].id)
    query = {
        "location_id": str(world.location.id),
        "start": at.isoformat(),
        "resource_id": str(world.bays[0].id),
    }
    status, body = call("clubos", "clubos/recommendations", claims=member, query=query)
    assert status == 200, body
    assert body["customer_id"] == str(world.members[0].id)
    first = body["options"][0]
    assert first["kind"] == "as_requested" and first["resource_id"] == str(world.bays[0].id)
    assert datetime.fromisoformat(first["start"]) == at
    status, body = call(
        "clubos",
        "clubos/recommendations",
        claims=SERVICE,
        query={**query, "customer": world.members[1].email},
    )
    assert status == 200 and body["customer_id"] == str(world.members[1].id)
    status, body = call("clubos", "clubos/recommendations", claims=SERVICE, query=query)
    assert status == 422 and body["error"]["code"] == "CUSTOMER_REQUIRED"
    status, body = call(
        "clubos",
        "clubos/recommendations",
        claims=member,
        query={**query, "customer": world.members[1].email},
    )
    assert status == 422 and body["error"]["code"] == "CUSTOMER_NOT_ALLOWED"


def test_sample_events_route_to_their_functions(monkeypatch):
    """The committed samples reach a route (auth passes; the demo ids may not exist)."""
    key = base64.b64encode(bytes(32)).decode()
    monkeypatch.setenv("PASS_KEYS", json.dumps({"current": {"kid": "sample", "key": key}}))
    action = json.loads(sample("clubos/action")["body"])
    action["message"] = "what are my bookings?"  # the seed's member must not get a booking here
    for function, event, payload in [
        ("clubos", "clubos/action", action),
        ("clubos", "clubos/context", ...),
        ("clubos", "clubos/recommendations", ...),
        ("kiosk", "kiosk/walk_in", ...),
    ]:
        status, body = call(function, event, body=payload)
        assert status != 404 or body["error"]["code"] != "ROUTE_NOT_FOUND", (event, body)
        if event == "kiosk/walk_in":  # the sample's kiosk session was never opened
            assert (status, body["error"]["code"]) == (403, "KIOSK_SESSION_ENDED"), body
            continue
        assert status not in (401, 403, 500), (event, status, body)


def _member_with_phone_and_bookings(db, make_world, starts: list[timedelta]):
    from datetime import UTC

    from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork

    world = make_world(bays=3)
    digits = str(uuid.uuid4().int)[:7]
    phone = f"+1416{digits}"
    now = datetime.now(UTC).replace(microsecond=0)
    uow = PostgresUnitOfWork(db)
    made = []
    with uow:
        uow.connection.execute(
            "UPDATE users SET phone = %s WHERE id = %s", (phone, world.members[0].id)
        )
        for n, offset in enumerate(starts):
            made.append(
                uow.bookings.add(
                    user_id=world.members[0].id,
                    resource_id=world.bays[2 - n % 3].id,
                    start=now + offset,
                    end=now + offset + timedelta(minutes=90),
                    party_size=1,
                    source="api",
                    credit_cost=0,
                    metadata={},
                )
            )
        uow.commit()
    return world, phone, digits, made


def test_clubos_finds_the_active_booking_by_phone_in_its_shape(db, make_world):
    world, phone, digits, made = _member_with_phone_and_bookings(
        db, make_world, [timedelta(minutes=-20), timedelta(days=3)]
    )

    # ClubOS may spell the number its own way (here without the country code).
    status, body = call(
        "clubos", "clubos/active_booking", claims=SERVICE, query={"phone": f"(416) {digits}"}
    )

    assert status == 200, body
    assert body == {
        "booking_id": str(made[0].id),
        "user_phone": phone,
        "status": "confirmed",
        "start_time": body["start_time"],
        "end_time": body["end_time"],
        "duration": 90,
        "location": world.location.name,
        "bay_id": "bay-3",
    }
    assert datetime.fromisoformat(body["start_time"]) == made[0].start


def test_clubos_lookup_without_an_active_booking_is_404_and_members_may_not_ask(db, make_world):
    world, phone, _, _ = _member_with_phone_and_bookings(db, make_world, [timedelta(days=3)])

    status, body = call("clubos", "clubos/active_booking", claims=SERVICE, query={"phone": phone})
    assert (status, body["error"]["code"]) == (404, "NO_ACTIVE_BOOKING")

    member = claims_for("member", world.members[0].id)
    status, body = call("clubos", "clubos/active_booking", claims=member, query={"phone": phone})
    assert status == 403

    status, body = call(
        "clubos", "clubos/active_booking", claims=SERVICE, query={"phone": "+19999999999"}
    )
    assert status == 404


def test_put_me_on_the_waitlist_through_clubos(make_world):
    world = make_world(bays=1, members=2)
    start = _tomorrow_2pm()

    def say(message: str, who: int = 1) -> dict:
        status, body = call(
            "clubos",
            "clubos/action",
            claims=SERVICE,
            body={
                "message": message,
                "customer": world.members[who].email,
                "location": str(world.location.id),
            },
        )
        assert status == 200, body
        return body

    free = say("put me on the waitlist for tomorrow at 2pm")
    assert (free["intent"], free["codes"]) == ("waitlist", ["slot_available"])
    assert "Bay 1 is free" in free["reply"] and free["needs_clarification"]

    booked = say("Book me a simulator tomorrow at 2pm", who=0)
    assert booked["booking"] is not None
    joined = say("Can you let me know if a bay opens up tomorrow at 2pm?")
    assert (joined["intent"], joined["codes"]) == ("waitlist", ["waitlisted"])
    assert "2:00 pm to 3:00 pm" in joined["reply"] and "10 minutes" in joined["reply"]
    again = say("put me on the waitlist for tomorrow at 2pm")
    assert again["codes"] == ["already_waiting"]
    vague = say("add me to the waitlist")
    assert vague["needs_clarification"] and vague["codes"] == ["missing_time"]

    status, mine = call(
        "bookings", "bookings/waitlist_list", claims=claims_for("member", world.members[1].id)
    )
    assert status == 200
    [entry] = mine["items"]
    assert (entry["status"], datetime.fromisoformat(entry["start"])) == ("waiting", start)
