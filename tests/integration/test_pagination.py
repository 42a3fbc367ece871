"""Every list endpoint pages: ``?limit=``, an opaque ``next_cursor``, a stable order."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta

import pytest
from api_client import call, claims_for

from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork

START = datetime(2031, 3, 3, 15, 0, tzinfo=UTC)


pytestmark = pytest.mark.usefixtures("api_env")


def _insert(db, world, n, *, member=0, first=START, bays=None, step=timedelta(hours=2)):
    """``n`` bookings for a member, inserted directly (no rules), oldest first."""
    uow = PostgresUnitOfWork(db)
    made = []
    with uow:
        for i in range(n):
            start = first + i * step
            bay = (bays or world.bays)[i % len(bays or world.bays)]
            made.append(
                uow.bookings.add(
                    user_id=world.members[member].id,
                    resource_id=bay.id,
                    start=start,
                    end=start + timedelta(hours=1),
                    party_size=1,
                    source="api",
                    credit_cost=0,
                    metadata={},
                )
            )
        uow.commit()
    return made


def _walk(function, event, claims, key, query, limit):
    """Follow next_cursor to the end; every page's items and the number of pages."""
    seen, pages, cursor = [], 0, None
    while True:
        q = {**query, "limit": str(limit)} | ({"cursor": cursor} if cursor else {})
        status, body = call(function, event, claims=claims, query=q)
        assert status == 200, body
        pages += 1
        assert len(body[key]) <= limit
        seen.extend(body[key])
        previous, cursor = cursor, body["next_cursor"]
        if cursor is None:
            return seen, pages
        # Other tests share the session's database (the schema fuzz adds many rules and
        # locations), so the number of pages is open; a cursor that repeats is the failure.
        assert cursor != previous and body[key], "the cursor does not advance"
        assert pages < 10_000, "the cursor does not advance"


def test_a_members_whole_history_pages_in_start_order(db, make_world):
    """``include_past=true`` used to stop at the oldest 100 with no way to read on."""
    world = make_world(bays=2)
    made = _insert(db, world, 105, first=START - timedelta(days=20), step=timedelta(hours=3))
    member = claims_for("member", world.members[0].id)
    seen, pages = _walk(
        "bookings", "bookings/list", member, "bookings", {"include_past": "true"}, 40
    )
    assert [b["id"] for b in seen] == [str(b.id) for b in made]
    assert pages == 3


def test_pages_stay_stable_while_bookings_are_added(db, make_world):
    world = make_world(bays=1)
    _insert(db, world, 4)
    member = claims_for("member", world.members[0].id)
    status, first = call(
        "bookings", "bookings/list", claims=member, query={"include_past": "true", "limit": "2"}
    )
    assert status == 200 and len(first["bookings"]) == 2 and first["next_cursor"]
    # A booking before the cursor appears meanwhile: the next page neither repeats nor skips.
    _insert(db, world, 1, first=START - timedelta(days=1))
    status, second = call(
        "bookings",
        "bookings/list",
        claims=member,
        query={"include_past": "true", "limit": "2", "cursor": first["next_cursor"]},
    )
    assert status == 200
    firsts = {b["id"] for b in first["bookings"]}
    assert not firsts & {b["id"] for b in second["bookings"]}
    assert len(second["bookings"]) == 2 and second["next_cursor"] is None


def test_a_clubs_day_pages_for_staff_and_keeps_member_filter(db, make_world):
    world = make_world(bays=3, members=2)
    day = START.replace(hour=13)
    mine = _insert(db, world, 5, first=day, step=timedelta(minutes=30))
    _insert(db, world, 2, member=1, first=day + timedelta(hours=3), bays=world.bays[2:])
    staff = claims_for("staff", locations=[world.location.id])
    local_day = day.astimezone(world_tz(world)).date().isoformat()
    query = {"location_id": str(world.location.id), "date": local_day}
    seen, _ = _walk("bookings", "bookings/list", staff, "bookings", query, 3)
    assert len(seen) == 7 and seen == sorted(seen, key=lambda b: (b["start"], b["id"]))
    one, _ = _walk(
        "bookings",
        "bookings/list",
        staff,
        "bookings",
        {**query, "user_id": str(world.members[0].id)},
        2,
    )
    assert [b["id"] for b in one] == [str(b.id) for b in mine]


def world_tz(world):
    from zoneinfo import ZoneInfo

    return ZoneInfo(world.location.time_zone)


def test_staff_listing_a_member_see_only_their_clubs_and_full_pages(db, make_world):
    club_a, club_b = make_world(), make_world()
    member = club_a.members[0]
    at_a = _insert(db, club_a, 3)
    # The same member's bookings at club B, interleaved in time.
    uow = PostgresUnitOfWork(db)
    with uow:
        for i in range(3):
            start = START + timedelta(hours=1) + i * timedelta(hours=2)
            uow.bookings.add(
                user_id=member.id,
                resource_id=club_b.bays[0].id,
                start=start,
                end=start + timedelta(minutes=30),
                party_size=1,
                source="api",
                credit_cost=0,
                metadata={},
            )
        uow.commit()
    staff_a = claims_for("staff", locations=[club_a.location.id])
    status, page = call(
        "bookings",
        "bookings/list",
        claims=staff_a,
        query={"user_id": str(member.id), "include_past": "true", "limit": "2"},
    )
    assert status == 200
    assert [b["id"] for b in page["bookings"]] == [str(b.id) for b in at_a[:2]]
    status, rest = call(
        "bookings",
        "bookings/list",
        claims=staff_a,
        query={
            "user_id": str(member.id),
            "include_past": "true",
            "limit": "2",
            "cursor": page["next_cursor"],
        },
    )
    assert [b["id"] for b in rest["bookings"]] == [str(at_a[2].id)]
    assert rest["next_cursor"] is None


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage",
        "%%%",
        base64.urlsafe_b64encode(b'{"k":"rules","q":"x","a":[]}').decode(),
        base64.urlsafe_b64encode(b"[1,2]").decode(),
        "x" * 1000,
    ],
)
def test_a_cursor_that_is_not_ours_is_a_clear_4xx(make_world, cursor):
    world = make_world()
    member = claims_for("member", world.members[0].id)
    status, body = call("bookings", "bookings/list", claims=member, query={"cursor": cursor})
    assert status == 422 and body["error"]["code"] == "INVALID_CURSOR", body


def test_a_cursor_of_another_query_or_with_a_bad_key_is_refused(db, make_world):
    world = make_world(members=2)
    _insert(db, world, 3)
    first = claims_for("member", world.members[0].id)
    _, page = call(
        "bookings", "bookings/list", claims=first, query={"include_past": "true", "limit": "1"}
    )
    cursor = page["next_cursor"]
    # Another member, or the same member without include_past: another query.
    other = claims_for("member", world.members[1].id)
    for claims, query in [(other, {"include_past": "true"}), (first, {})]:
        status, body = call(
            "bookings", "bookings/list", claims=claims, query={**query, "cursor": cursor}
        )
        assert status == 422 and body["error"]["code"] == "INVALID_CURSOR"
    # Our envelope with a key that does not parse.
    data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    data["a"] = ["yesterday", "not-an-id"]
    forged = base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")
    status, body = call(
        "bookings",
        "bookings/list",
        claims=first,
        query={"include_past": "true", "cursor": forged},
    )
    assert status == 422 and body["error"]["code"] == "INVALID_CURSOR"


@pytest.mark.parametrize("limit", ["0", "201", "-1", "many"])
def test_limit_is_bounded(make_world, limit):
    world = make_world()
    member = claims_for("member", world.members[0].id)
    status, body = call("bookings", "bookings/list", claims=member, query={"limit": limit})
    assert status == 422 and body["error"]["code"] == "VALIDATION_FAILED", body


def test_rules_locations_and_blackouts_page_too(make_world):
    make_world(), make_world(), make_world()
    admin = claims_for("admin", locations=["*"])
    rules, _ = _walk("rules", "rules/list", admin, "rules", {}, 2)
    assert len(rules) == len({r["id"] for r in rules}) >= 3
    locations, pages = _walk("catalog", "catalog/list_locations", admin, "locations", {}, 2)
    assert len(locations) == len({x["id"] for x in locations}) >= 3 and pages >= 2
    names = [x["name"] for x in locations]
    assert names == sorted(names)
    location = locations[0]["id"]
    for day in range(5):
        start = START + timedelta(days=day)
        status, _ = call(
            "catalog",
            "catalog/create_blackout",
            claims=admin,
            body={
                "location_id": location,
                "start": start.isoformat(),
                "end": (start + timedelta(hours=2)).isoformat(),
                "reason": f"works {day}",
            },
        )
        assert status == 201
    blackouts, pages = _walk(
        "catalog", "catalog/list_blackouts", admin, "blackouts", {"location_id": location}, 2
    )
    assert [b["reason"] for b in blackouts][-5:] == [f"works {d}" for d in range(5)]
    assert pages >= 3


def test_openapi_documents_paging_on_every_list():
    from booking.api.app import build_docs

    app = build_docs()
    spec = json.loads(app.get_openapi_json_schema(title="t", version="1"))
    lists = {
        "/bookings": "BookingList",
        "/rules": "RuleList",
        "/locations": "LocationList",
        "/blackouts": "BlackoutList",
    }
    for path, model in lists.items():
        op = spec["paths"][path]["get"]
        params = {p["name"]: p for p in op["parameters"]}
        assert {"limit", "cursor"} <= set(params), path
        assert params["limit"]["schema"]["maximum"] == 200
        assert "next_cursor" in spec["components"]["schemas"][model]["properties"], model
