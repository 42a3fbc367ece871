"""Figure 3: free slots of a busy 20-bay location over 14 days, against a naive SQL generator."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

import psycopg

from bench.db import TIME_ZONE, Club, add_club

BAYS = 20
DAYS = 14
BOOKINGS = 5000
DURATION = 60
BUFFER = 10  # the seed's simulator turnover
GRID_MINUTES = 72  # 20 start times a day; a 60-minute booking plus its buffer fits in each

# Every 30-minute start on every bay whose [start, start + duration + the bay's buffer) meets no
# active booking's blocked range: the textbook generate_series + NOT EXISTS slot query.
NAIVE_SQL = """
SELECT r.id AS resource_id, t AS starts_at, t + %(dur)s AS ends_at
FROM resources r
CROSS JOIN generate_series(%(from)s::timestamptz, %(to)s::timestamptz - interval '1 second',
                           interval '30 minutes') AS t
WHERE r.location_id = %(loc)s AND r.status = 'active'
  AND NOT EXISTS (
    SELECT 1 FROM bookings b
    WHERE b.resource_id = r.id AND b.status IN ('confirmed', 'checked_in')
      AND b.blocked && tstzrange(t, t + %(dur)s + make_interval(mins => r.buffer_minutes), '[)'))
ORDER BY t, r.id
"""


@dataclass
class AvailabilityFigures:
    """Median times of each way of answering the same question."""

    engine_ms: list[float]
    naive_ms: list[float]
    member_ms: list[float]
    handler_ms: list[float]
    engine_slots: int
    naive_slots: int
    bookings: int

    def summary(self) -> dict[str, Any]:
        """Plain JSON."""
        return {
            "bays": BAYS,
            "days": DAYS,
            "bookings": self.bookings,
            "duration_minutes": DURATION,
            "engine_median_ms": round(statistics.median(self.engine_ms), 2),
            "engine_p95_ms": round(sorted(self.engine_ms)[int(0.95 * len(self.engine_ms))], 2),
            "naive_median_ms": round(statistics.median(self.naive_ms), 2),
            "member_view_median_ms": round(statistics.median(self.member_ms), 2),
            "handler_median_ms": round(statistics.median(self.handler_ms), 2),
            "engine_slots": self.engine_slots,
            "naive_slots": self.naive_slots,
            "runs": {"engine": len(self.engine_ms), "naive": len(self.naive_ms)},
        }


def _fill(url: str, club: Club, first_day: date) -> int:
    """``BOOKINGS`` confirmed one-hour bookings, 18 of the 20 grid times per bay and day."""
    tz = ZoneInfo(TIME_ZONE)
    rows: list[tuple[UUID, UUID, datetime, datetime]] = []
    for d in range(DAYS):
        day = first_day + timedelta(days=d)
        midnight = datetime(day.year, day.month, day.day, tzinfo=tz).astimezone(UTC)
        for b, bay in enumerate(club.bays):
            for g in range(1440 // GRID_MINUTES):
                if (g + b + d) % 20 in (3, 13):  # two free grid times, spread over the day
                    continue
                start = midnight + timedelta(minutes=g * GRID_MINUTES)
                rows.append((club.users[len(rows) % len(club.users)], bay, start, start))
    rows = rows[:BOOKINGS]
    with psycopg.connect(url) as conn, conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO bookings (user_id, resource_id, location_id, starts_at, ends_at)"
            " VALUES (%s, %s, %s, %s, %s + interval '60 minutes')",
            [(u, r, club.location_id, s, e) for u, r, s, e in rows],
        )
        conn.execute("ANALYZE bookings")
    return len(rows)


def _timed(fn: Any, runs: int) -> tuple[list[float], Any]:
    out: list[float] = []
    result = None
    for _ in range(runs):
        begin = time.perf_counter()
        result = fn()
        out.append((time.perf_counter() - begin) * 1000)
    return out, result


def run(url: str, *, engine_runs: int = 40, naive_runs: int = 8) -> AvailabilityFigures:
    """Build the location and time the engine, the naive SQL, and the HTTP handler."""
    from booking.adapters.postgres.connection import Database
    from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
    from booking.services.availability import AvailabilityQuery, find_slots

    club = add_club(url, slug="bench-availability", bays=BAYS, users=200, buffer_minutes=BUFFER)
    tz = ZoneInfo(TIME_ZONE)
    first_day = (datetime.now(tz) + timedelta(days=1)).date()
    count = _fill(url, club, first_day)
    from_, to = (
        datetime(first_day.year, first_day.month, first_day.day, tzinfo=tz),
        datetime(first_day.year, first_day.month, first_day.day, tzinfo=tz) + timedelta(days=DAYS),
    )

    db = Database(url, application_name="bench-availability")
    query = AvailabilityQuery(
        location_id=club.location_id,
        first_day=first_day,
        last_day=first_day + timedelta(days=DAYS - 1),
        duration_minutes=DURATION,
    )

    def engine() -> int:
        slots, _ = find_slots(query, PostgresUnitOfWork(db), user=None, now=datetime.now(UTC))
        return len(slots)

    with PostgresUnitOfWork(db) as uow:
        member = uow.users.get(club.users[0])

    def member_view() -> int:
        slots, _ = find_slots(query, PostgresUnitOfWork(db), user=member, now=datetime.now(UTC))
        return len(slots)

    naive_conn = psycopg.connect(url)
    params = {"from": from_, "to": to, "dur": timedelta(minutes=DURATION), "loc": club.location_id}

    def naive() -> int:
        with naive_conn.transaction():
            return len(naive_conn.execute(NAIVE_SQL, params).fetchall())

    engine()
    naive()  # warm caches and plans for both before timing
    engine_ms, engine_slots = _timed(engine, engine_runs)
    naive_ms, naive_slots = _timed(naive, naive_runs)
    member_ms, _ = _timed(member_view, engine_runs // 2)
    handler_ms = _handler_times(club.location_id, club.users[0], first_day, engine_runs // 2)
    naive_conn.close()
    db.close()
    return AvailabilityFigures(
        engine_ms, naive_ms, member_ms, handler_ms, engine_slots, naive_slots, count
    )


def _handler_times(location_id: UUID, user_id: UUID, first_day: date, runs: int) -> list[float]:
    """GET /availability for a member over the same 14 days, through the Lambda handler."""
    import json

    from bench.create import EVENTS, lambda_context
    from functions.availability.handler import handler

    base: dict[str, Any] = json.loads((EVENTS / "availability" / "get.json").read_text())
    query = {
        "location_id": str(location_id),
        "date": first_day.isoformat(),
        "duration_minutes": str(DURATION),
        "days": str(DAYS),
    }
    sub = str(user_id)
    event = {
        **base,
        "queryStringParameters": query,
        "multiValueQueryStringParameters": {k: [v] for k, v in query.items()},
        "requestContext": {
            **base["requestContext"],
            "authorizer": {
                "role": "member",
                "sub": sub,
                "user_id": sub,
                "locations": "",
                # The functions trust the authorizer's context only until the token's expiry.
                "exp": int(time.time()) + 24 * 3600,
            },
        },
    }

    def call() -> None:
        response = handler(event, lambda_context())
        if response["statusCode"] != 200:
            raise RuntimeError(f"availability answered {response['statusCode']}: {response}")

    call()
    times, _ = _timed(call, runs)
    return times
