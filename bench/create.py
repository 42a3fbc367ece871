"""Figures 1 and 2: booking create through the Lambda handler, against the same SQL by hand."""

from __future__ import annotations

import json
import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

import psycopg
from psycopg.types.json import Jsonb

from bench.db import TIME_ZONE, Club, reset_bookings
from bench.runner import Measurement, Op, closed_loop, percentile

EVENTS = Path(__file__).resolve().parents[1] / "events"
SLOT = timedelta(hours=1)
DAYS_AHEAD = 13  # inside the default 14-day advance window
EARLY_ACCESS_UNTIL = 6


@dataclass(frozen=True)
class Job:
    """One booking request: who books which bay when."""

    user_id: UUID
    resource_id: UUID
    start: datetime
    end: datetime


def make_jobs(club: Club, first: datetime, *, limit: int) -> list[Job]:
    """Distinct (bay, hour) pairs, one member each, neighbouring jobs on different bays.

    Each member books once per measurement, so no member limit (two upcoming bookings, ten
    hours a week) refuses a request; bays are filled hour by hour across the next 13 days.
    """
    tz = ZoneInfo(TIME_ZONE)
    start0 = first.astimezone(UTC)
    # Hours before 06:00 local need early access (a default rule): leave them out.
    starts = [
        start0 + h * SLOT
        for h in range(DAYS_AHEAD * 24)
        if (start0 + h * SLOT).astimezone(tz).hour >= EARLY_ACCESS_UNTIL
    ]
    jobs: list[Job] = []
    for n in range(min(limit, len(starts) * len(club.bays), len(club.users))):
        hour, bay = divmod(n, len(club.bays))
        jobs.append(Job(club.users[n], club.bays[bay], starts[hour], starts[hour] + SLOT))
    return jobs


class FakeContext:
    """The parts of a Lambda context Powertools reads."""

    function_name = "bench-bookings"
    memory_limit_in_mb = 1024
    invoked_function_arn = "arn:aws:lambda:us-east-1:000000000000:function:bench-bookings"

    def __init__(self) -> None:
        self.aws_request_id = str(uuid.uuid4())

    def get_remaining_time_in_millis(self) -> int:
        """Plenty: the idempotency in-progress expiry is computed from it."""
        return 30_000


def lambda_context() -> Any:
    """A fresh fake context, typed loosely: the handlers annotate Powertools' LambdaContext."""
    return FakeContext()


def _sample_create() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EVENTS / "bookings" / "create.json").read_text())
    return data


def create_event(
    base: dict[str, Any], job: Job, *, idempotency_key: str | None, role: str = "member"
) -> dict[str, Any]:
    """The API Gateway event for ``job``, with the authorizer's claims for its member."""
    body = {
        "resource_id": str(job.resource_id),
        "start": job.start.isoformat(),
        "end": job.end.isoformat(),
        "party_size": 2,
    }
    headers = {k: v for k, v in base["headers"].items() if k.lower() != "idempotency-key"}
    if idempotency_key:
        headers["Idempotency-Key"] = idempotency_key
    sub = str(job.user_id)
    return {
        **base,
        "headers": headers,
        "multiValueHeaders": {k: [v] for k, v in headers.items()},
        "requestContext": {
            **base["requestContext"],
            "requestId": str(uuid.uuid4()),
            "authorizer": {
                "role": role,
                "sub": sub,
                "user_id": sub,
                "locations": "",
                "principalId": sub,
                # The functions trust the authorizer's context only until the token's expiry.
                "exp": int(time.time()) + 24 * 3600,
            },
        },
        "body": json.dumps(body),
    }


def _outcome(response: dict[str, Any]) -> str:
    status = int(response["statusCode"])
    if status == 201:
        return "ok"
    try:
        code = json.loads(response.get("body") or "{}")["error"]["code"]
    except (KeyError, TypeError, ValueError):
        code = "?"
    if code == "BOOKING_REJECTED":  # name the rule's reason: a refusal here is a setup error
        try:
            reasons = json.loads(response["body"])["error"]["details"]["reasons"]
            code += ":" + ",".join(r["code"] for r in reasons)
        except (KeyError, TypeError, ValueError):
            pass
    return f"{status} {code}"


def _warm(
    handler: Callable[..., Any], base: dict[str, Any], job: Job, *, idempotency: bool
) -> None:
    """One request in this process before the callers fork, so they start warm.

    Modules the handler loads on first use (CEL, the idempotency layer) are then imported in
    every caller, as in a Lambda environment that has served a request. The booking it makes is
    removed by the reset before each measurement. The connection it opened (the idempotency
    records share it) is closed: a forked caller must never share a socket with this process.
    """
    from booking.api import context

    key = f"warm-{uuid.uuid4().hex}" if idempotency else None
    handler(create_event(base, job, idempotency_key=key), lambda_context())
    context.database().close()


def handler_op(
    jobs: list[Job], *, idempotency: bool
) -> Callable[[int], tuple[Op, Callable[[], None]]]:
    """Callers invoking ``functions.bookings.handler.handler`` in-process."""
    from booking.api import context
    from functions.bookings.handler import handler

    base = _sample_create()
    run_id = uuid.uuid4().hex[:8]
    _warm(handler, base, jobs[-1], idempotency=idempotency)

    def make(index: int) -> tuple[Op, Callable[[], None]]:
        context.database().connection()  # the caller's own, opened before the start line

        def op(n: int) -> str:
            job = jobs[n]
            key = f"bench-{run_id}-{n}" if idempotency else None
            event = create_event(base, job, idempotency_key=key)
            return _outcome(handler(event, lambda_context()))

        return op, context.database().close

    return make


FLOOR_SQL = (
    "SELECT 1 FROM users WHERE id = %s FOR UPDATE",
    "INSERT INTO bookings (user_id, resource_id, location_id, starts_at, ends_at, party_size,"
    " source, credit_cost, metadata) VALUES (%s, %s, %s, %s, %s, %s, 'api', 1, '{}')"
    " RETURNING id, created_at",
    "INSERT INTO credit_ledger (user_id, booking_id, delta, reason) VALUES"
    " (%s, %s, -1, 'booking_debit')",
    "INSERT INTO outbox (event_id, aggregate_id, detail_type, detail)"
    " VALUES (%s, %s, 'booking.created', %s)",
)


def floor_op(
    url: str, jobs: list[Job], location_id: UUID
) -> Callable[[int], tuple[Op, Callable[[], None]]]:
    """The same transaction issued directly: lock the member, insert booking, ledger, outbox.

    psycopg with its defaults (tuple rows, statements prepared after 5 uses): the floor is the
    least the database and driver need for this write, not a copy of the engine's settings.
    """
    lock_sql, booking_sql, ledger_sql, outbox_sql = FLOOR_SQL

    def make(index: int) -> tuple[Op, Callable[[], None]]:
        conn = psycopg.connect(url)

        def op(n: int) -> str:
            job = jobs[n]
            try:
                with conn.transaction():
                    conn.execute(lock_sql, (job.user_id,))
                    row = conn.execute(
                        booking_sql,
                        (job.user_id, job.resource_id, location_id, job.start, job.end, 2),
                    ).fetchone()
                    assert row
                    booking_id, created = row
                    conn.execute(ledger_sql, (job.user_id, booking_id))
                    event_id = uuid.uuid4()
                    detail = {
                        "event_id": str(event_id),
                        "occurred_at": datetime.now(UTC).isoformat(),
                        "version": 1,
                        "booking": {
                            "id": str(booking_id),
                            "user_id": str(job.user_id),
                            "resource_id": str(job.resource_id),
                            "location_id": str(location_id),
                            "start": job.start.isoformat(),
                            "end": job.end.isoformat(),
                            "party_size": 2,
                            "status": "confirmed",
                            "version": 1,
                            "source": "api",
                            "credit_cost": 1,
                            "metadata": {},
                            "created_at": created.isoformat(),
                            "updated_at": created.isoformat(),
                            "checked_in_at": None,
                            "cancelled_at": None,
                        },
                    }
                    conn.execute(outbox_sql, (event_id, booking_id, Jsonb(detail)))
            except psycopg.errors.ExclusionViolation:
                return "409 SLOT_TAKEN"
            return "ok"

        return op, conn.close

    return make


def misattributed(url: str, jobs: list[Job]) -> int:
    """Bookings held by a member who did not ask for that bay and hour.

    Powertools keeps the current event on the shared resolver, so in-process threads can read
    each other's caller; Lambda runs one request per environment and never does. Counting these
    keeps the harness honest about it.
    """
    with psycopg.connect(url) as conn:
        row = conn.execute(
            "WITH j AS (SELECT * FROM unnest(%s::uuid[], %s::uuid[], %s::timestamptz[])"
            " AS j(user_id, resource_id, starts_at))"
            " SELECT count(*) FROM bookings b"
            " WHERE EXISTS (SELECT 1 FROM j WHERE j.resource_id = b.resource_id"
            "               AND j.starts_at = b.starts_at)"
            " AND NOT EXISTS (SELECT 1 FROM j WHERE j.resource_id = b.resource_id"
            "                 AND j.starts_at = b.starts_at AND j.user_id = b.user_id)",
            (
                [j.user_id for j in jobs],
                [j.resource_id for j in jobs],
                [j.start for j in jobs],
            ),
        ).fetchone()
    assert row
    return int(row[0])


def run_level(
    make: Callable[[int], tuple[Op, Callable[[], None]]],
    callers: int,
    jobs: int,
    *,
    warmup: float,
    duration: float,
) -> Measurement:
    """One closed-loop measurement."""
    return closed_loop(callers, make, jobs=jobs, warmup=warmup, duration=duration)


@dataclass
class Storm:
    """Outcome of the contention storm."""

    attempts: int
    slots: int
    workers: int
    wall_s: float
    outcomes: dict[str, int]
    latencies_ms: list[float]
    bookings_in_db: int
    misattributed: int = 0

    def summary(self) -> dict[str, Any]:
        """Plain JSON."""
        return {
            "attempts": self.attempts,
            "slots": self.slots,
            "workers": self.workers,
            "wall_s": round(self.wall_s, 3),
            "outcomes": self.outcomes,
            "bookings_in_db": self.bookings_in_db,
            "p50_ms": round(percentile(self.latencies_ms, 50), 1),
            "p95_ms": round(percentile(self.latencies_ms, 95), 1),
        }


def contention_storm(
    url: str, club: Club, *, attempts: int, slots: int, workers: int, idempotency: bool
) -> Storm:
    """``attempts`` requests for ``slots`` (bay, hour) pairs, all released at once.

    Every attempt is a different member, so only the exclusion constraint decides; the
    attempts are shuffled so the ones for one slot arrive interleaved with the others. The
    ``workers`` callers are processes, one request at a time each, like Lambda environments.
    """
    from booking.api import context
    from functions.bookings.handler import handler

    tz = ZoneInfo(TIME_ZONE)
    tomorrow = (datetime.now(tz) + timedelta(days=1)).date()
    noon = datetime(tomorrow.year, tomorrow.month, tomorrow.day, 12, tzinfo=tz).astimezone(UTC)
    per_slot = attempts // slots
    bays = club.bays[:10]
    # 10 bays x 10 afternoon hours tomorrow: well inside every default rule.
    targets = [(bays[i % len(bays)], noon + (i // len(bays)) * SLOT) for i in range(slots)]
    jobs = []
    for k in range(per_slot * slots):
        bay, start = targets[k % slots]
        jobs.append(Job(club.users[k], bay, start, start + SLOT))
    random.Random(7).shuffle(jobs)
    base = _sample_create()
    run_id = uuid.uuid4().hex[:8]
    events = [
        create_event(base, job, idempotency_key=f"storm-{run_id}-{n}" if idempotency else None)
        for n, job in enumerate(jobs)
    ]
    # A warm-up booking outside the storm's slots (removed below), then callers fork warm.
    _warm(
        handler,
        base,
        Job(club.users[-1], club.bays[-1], noon - 4 * SLOT, noon - 3 * SLOT),
        idempotency=idempotency,
    )
    reset_bookings(url)

    def make(index: int) -> tuple[Op, Callable[[], None]]:
        context.database().connection()

        def op(n: int) -> str:
            return _outcome(handler(events[n], lambda_context()))

        return op, context.database().close

    # Every attempt counts: no warm-up, and a window far longer than the storm lasts.
    m = closed_loop(workers, make, jobs=len(events), warmup=0.0, duration=600.0)
    with psycopg.connect(url) as conn:
        row = conn.execute(
            "SELECT count(*) FROM bookings WHERE location_id = %s AND status = 'confirmed'",
            (club.location_id,),
        ).fetchone()
    assert row
    wrong = misattributed(url, jobs)
    return Storm(
        len(events), slots, workers, m.seconds, m.outcomes, m.latencies_ms, int(row[0]), wrong
    )
