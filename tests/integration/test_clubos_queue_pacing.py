"""500 booking events through the ClubOS queue consumer against ClubOS's real limit.

ClubOS takes 100 requests per 15 minutes per address. The run simulates time: one clock drives
the ClubOS fake's limiter (its windows and Retry-After), the simulated SQS queue (visibility
timeouts), the Lambda context's remaining time and the consumer's sleeps. Sleeping advances the
clock instead of waiting, and when no message is visible the simulation jumps to the next
instant one is, so 75 simulated minutes take seconds. Everything else is real: the HTTP fake,
PostgreSQL, the client and ``deliver_batch`` as the function runs it.

Checked: count in = count out (each event id in ClubOS exactly once), and no invocation ran
past the function's timeout.
"""

from __future__ import annotations

import itertools
import json
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests

from booking.adapters.clubos import ClubOSClient
from booking.adapters.http import make_session
from booking.adapters.postgres.unit_of_work import PostgresUnitOfWork
from booking.services.integrations import clubos_queue
from saas_fakes import ClubOSFake, FakeServer

TIMEOUT = 60.0  # the consumer function's timeout (template.yaml)
VISIBILITY_TIMEOUT = 360  # the queue's (six times the function timeout, as AWS advises)
EVENTS = 500


class SimClock:
    """Epoch seconds that move only when the simulation says so."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


@dataclass
class _Message:
    message_id: str
    body: str
    visible_at: float
    receipt: str = ""
    receives: int = 0


class SimQueue:
    """An SQS standard queue on the simulated clock (receive, delete, change visibility)."""

    def __init__(self, clock: SimClock) -> None:
        self.clock = clock
        self.messages: dict[str, _Message] = {}
        self._receipts = itertools.count()

    def send(self, body: str) -> None:
        mid = str(uuid.uuid4())
        self.messages[mid] = _Message(mid, body, self.clock())

    def next_visible(self) -> float | None:
        return min((m.visible_at for m in self.messages.values()), default=None)

    def receive(self, limit: int) -> list[dict[str, Any]]:
        now = self.clock()
        ready = sorted(
            (m for m in self.messages.values() if m.visible_at <= now), key=lambda m: m.visible_at
        )[:limit]
        records = []
        for m in ready:
            m.receipt = f"r{next(self._receipts)}"
            m.receives += 1
            m.visible_at = now + VISIBILITY_TIMEOUT
            records.append({"messageId": m.message_id, "receiptHandle": m.receipt, "body": m.body})
        return records

    def delete(self, message_id: str) -> None:
        self.messages.pop(message_id, None)

    def delay(self, receipt_handles: Any, seconds: int) -> None:
        """``VisibilityPort``: only a current receipt handle moves its message."""
        handles = set(receipt_handles)
        for m in self.messages.values():
            if m.receipt in handles:
                m.visible_at = self.clock() + seconds


class SimContext:
    """The Lambda context's remaining time, on the simulated clock."""

    def __init__(self, clock: SimClock) -> None:
        self.clock = clock
        self.deadline = clock() + TIMEOUT

    def get_remaining_time_in_millis(self) -> int:
        return int((self.deadline - self.clock()) * 1000)


@pytest.fixture
def sim() -> Iterator[tuple[SimClock, FakeServer]]:
    clock = SimClock()
    server = FakeServer(ClubOSFake(clock=clock)).start()
    yield clock, server
    server.stop()


def _detail(world: Any, n: int) -> dict[str, Any]:
    start = datetime.now(UTC) + timedelta(days=1, hours=n % 48)
    return {
        "event_id": str(uuid.uuid4()),
        "occurred_at": datetime.now(UTC).isoformat(),
        "version": 1,
        "booking": {
            "id": str(uuid.uuid4()),
            "user_id": str(world.members[n % len(world.members)].id),
            "resource_id": str(world.bays[n % len(world.bays)].id),
            "location_id": str(world.location.id),
            "start": start.isoformat(),
            "end": (start + timedelta(hours=1)).isoformat(),
            "status": "confirmed",
            "version": 1,
        },
    }


def _run(db: Any, world: Any, clock: SimClock, url: str, batch_size: int) -> dict[str, Any]:
    queue = SimQueue(clock)
    sent_ids = []
    for n in range(EVENTS):
        detail = _detail(world, n)
        sent_ids.append(detail["event_id"])
        queue.send(json.dumps({"detail-type": "booking.created", "detail": detail}))
    client = ClubOSClient(url, session=make_session(total=0))
    gate = clubos_queue.RateGate(clock)
    invocations = 0
    longest = 0.0
    started = clock()
    while queue.messages:
        next_at = queue.next_visible()
        assert next_at is not None
        clock.now = max(clock.now, next_at)
        records = queue.receive(batch_size)
        context = SimContext(clock)
        began = clock()
        events, bad = clubos_queue.parse_records(records)
        result = clubos_queue.deliver_batch(
            lambda: PostgresUnitOfWork(db),
            client,
            events,
            time_left=lambda c=context: c.get_remaining_time_in_millis() / 1000.0,
            sleep=clock.sleep,
            visibility=queue,
            gate=gate,
        )
        invocations += 1
        longest = max(longest, clock() - began)
        assert clock() - began <= TIMEOUT, "an invocation ran past its timeout"
        failed = set(result.failed) | set(bad)
        for r in records:  # what the event source mapping does with ReportBatchItemFailures
            if r["messageId"] not in failed:
                queue.delete(r["messageId"])
        assert invocations < 20 * EVENTS, "no progress"
    stored = requests.get(url + "/_events", timeout=30).json()
    out = Counter(e["event_id"] for s in stored for e in s["payload"]["events"])
    calls = requests.get(url + "/_calls", timeout=30).json()
    return {
        "in": len(sent_ids),
        "out": sum(out.values()),
        "distinct": len(out),
        "missing": len(set(sent_ids) - set(out)),
        "duplicated": sum(1 for c in out.values() if c > 1),
        "requests": len(calls),
        "refused": sum(1 for c in calls if c["status"] == 429),
        "invocations": invocations,
        "longest_invocation_s": round(longest, 1),
        "simulated_minutes": round((clock() - started) / 60, 1),
    }


@pytest.mark.parametrize(
    ("batch_size", "burn"),
    [(1, 0), (50, 98)],
    ids=["one-event-per-request", "batched-after-other-traffic"],
)
def test_500_events_under_100_per_15_minutes(
    db: Any, make_world: Any, sim: tuple[SimClock, FakeServer], batch_size: int, burn: int
) -> None:
    clock, server = sim
    world = make_world(bays=3, members=5)
    for _ in range(burn):  # other traffic from the same address: health checks
        requests.get(server.url + "/health", timeout=10)
    wall = time.monotonic()

    figures = _run(db, world, clock, server.url, batch_size)

    figures["wall_seconds"] = round(time.monotonic() - wall, 1)
    print(f"\nClubOS pacing, batch size {batch_size}: {figures}")
    assert figures["in"] == figures["out"] == figures["distinct"] == EVENTS
    assert figures["missing"] == 0 and figures["duplicated"] == 0
    assert figures["refused"] >= 1  # the limit was really met
    assert figures["longest_invocation_s"] <= TIMEOUT
    if batch_size == 1:
        # 500 requests at 100 per window need at least four waits of a window.
        assert figures["simulated_minutes"] >= 60
    else:
        assert figures["requests"] - burn < 20
