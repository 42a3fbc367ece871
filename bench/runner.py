"""Closed-loop load on threads: N callers, each issuing its next request as soon as one returns.

Threads, not processes: psycopg releases the GIL while it waits on the server, so callers'
round trips overlap, but their Python work (routing, validation, rules) runs one at a time.
See bench/README.md for what that means at 64 callers.
"""

from __future__ import annotations

import itertools
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Op = Callable[[int], str]
"""Runs job ``n`` and returns its outcome: "ok", or a name for anything else."""


@dataclass
class Measurement:
    """What one closed-loop run observed inside its measuring window."""

    callers: int
    seconds: float
    latencies_ms: list[float] = field(default_factory=list)
    outcomes: dict[str, int] = field(default_factory=dict)
    exhausted: bool = False

    @property
    def count(self) -> int:
        """Requests completed in the window."""
        return len(self.latencies_ms)

    @property
    def throughput(self) -> float:
        """Requests per second."""
        return self.count / self.seconds if self.seconds else 0.0

    @property
    def errors(self) -> int:
        """Requests whose outcome was not "ok"."""
        return sum(v for k, v in self.outcomes.items() if k != "ok")

    def pct(self, q: float) -> float:
        """The q-th percentile latency in milliseconds (nearest rank)."""
        return percentile(self.latencies_ms, q)

    def summary(self) -> dict[str, Any]:
        """The figures as plain JSON."""
        return {
            "callers": self.callers,
            "seconds": round(self.seconds, 3),
            "requests": self.count,
            "throughput": round(self.throughput, 1),
            "p50_ms": round(self.pct(50), 2),
            "p95_ms": round(self.pct(95), 2),
            "p99_ms": round(self.pct(99), 2),
            "outcomes": dict(self.outcomes),
            "jobs_exhausted": self.exhausted,
        }


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile; 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def closed_loop(
    callers: int,
    make_op: Callable[[int], tuple[Op, Callable[[], None]]],
    *,
    jobs: int,
    warmup: float,
    duration: float,
) -> Measurement:
    """Run ``callers`` threads over jobs ``0..jobs-1`` for ``warmup + duration`` seconds.

    ``make_op(thread_index)`` runs in the thread before the start line (open connections there)
    and returns the operation and a teardown. Only requests that both start and finish inside
    the measuring window count.
    """
    counter = itertools.count()  # next() on a count is atomic under the GIL
    ready = threading.Barrier(callers + 1)
    go = threading.Event()
    lock = threading.Lock()
    result = Measurement(callers=callers, seconds=duration)
    window: list[float] = [0.0, 0.0]
    failures: list[BaseException] = []
    ends: list[float] = []

    def worker(index: int) -> None:
        latencies: list[float] = []
        outcomes: dict[str, int] = {}
        exhausted = False
        last_end = 0.0
        try:
            op, teardown = make_op(index)
        except BaseException as exc:
            failures.append(exc)
            ready.abort()
            raise
        try:
            ready.wait()
            go.wait()
            start_at, stop_at = window
            while True:
                begin = time.perf_counter()
                if begin >= stop_at:
                    break
                job = next(counter)
                if job >= jobs:
                    exhausted = True
                    break
                try:
                    outcome = op(job)
                except Exception as exc:
                    outcome = f"exception:{type(exc).__name__}"
                end = time.perf_counter()
                if begin >= start_at and end <= stop_at:
                    latencies.append((end - begin) * 1000)
                    outcomes[outcome] = outcomes.get(outcome, 0) + 1
                    last_end = max(last_end, end)
        finally:
            teardown()
            with lock:
                result.latencies_ms.extend(latencies)
                for key, value in outcomes.items():
                    result.outcomes[key] = result.outcomes.get(key, 0) + value
                result.exhausted = result.exhausted or exhausted
                ends.append(last_end)

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(callers)]
    for t in threads:
        t.start()
    try:
        ready.wait()  # every caller has its connection open
    except threading.BrokenBarrierError as exc:
        raise RuntimeError(f"a caller failed to start: {failures[:1]}") from exc
    now = time.perf_counter()
    window[0], window[1] = now + warmup, now + warmup + duration
    go.set()
    for t in threads:
        t.join()
    if result.exhausted and ends:
        # Ran out of jobs before the window closed: the window is as long as the work lasted.
        result.seconds = max(0.001, max(ends) - window[0])
    return result
