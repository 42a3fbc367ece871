"""Closed-loop load: N callers, each a process issuing its next request as soon as one returns.

Each caller is a forked process with its own module state and its own database connection, and
it serves one request at a time: what a Lambda execution environment does. The floor's callers
are processes too, so both sides get the machine's cores the same way. Forking after the
handler modules are imported is a warm environment (imports are figure 4's business).
"""

from __future__ import annotations

import math
import multiprocessing as mp
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
    """Run ``callers`` processes over jobs ``0..jobs-1`` for ``warmup + duration`` seconds.

    ``make_op(caller_index)`` runs in the caller's process before the start line (open
    connections there) and returns the operation and a teardown. Callers take the next job
    from one shared counter, so no two run the same job. Only requests that both start and
    finish inside the measuring window count.
    """
    ctx = mp.get_context("fork")
    ready = ctx.Barrier(callers + 1)
    window = ctx.Array("d", [0.0, 0.0])
    results: Any = ctx.Queue()
    counter: Any = ctx.Value("q", 0)

    def next_job() -> int:
        with counter.get_lock():
            n = int(counter.value)
            counter.value = n + 1
        return n

    def caller(index: int) -> None:
        latencies: list[float] = []
        outcomes: dict[str, int] = {}
        exhausted = False
        last_end = 0.0
        error = ""
        try:
            op, teardown = make_op(index)
        except BaseException as exc:  # report, and let the others go
            ready.abort()
            results.put(("error", f"{type(exc).__name__}: {exc}"))
            return
        try:
            ready.wait()
            ready.wait()  # the parent has written the window
            start_at, stop_at = window[0], window[1]
            while True:
                begin = time.monotonic()
                if begin >= stop_at:
                    break
                job = next_job()
                if job >= jobs:
                    exhausted = True
                    break
                try:
                    outcome = op(job)
                except Exception as exc:
                    outcome = f"exception:{type(exc).__name__}"
                end = time.monotonic()
                if begin >= start_at and end <= stop_at:
                    latencies.append((end - begin) * 1000)
                    outcomes[outcome] = outcomes.get(outcome, 0) + 1
                    last_end = max(last_end, end)
        except BaseException as exc:
            error = f"{type(exc).__name__}: {exc}"
        finally:
            teardown()
            results.put(("ok", (latencies, outcomes, exhausted, last_end, error)))

    procs = [ctx.Process(target=caller, args=(i,), daemon=True) for i in range(callers)]
    for p in procs:
        p.start()
    try:
        ready.wait(timeout=120)  # every caller has its connection open
    except Exception as exc:
        for p in procs:
            p.kill()
        raise RuntimeError("a caller failed to start") from exc
    now = time.monotonic()
    window[0], window[1] = now + warmup, now + warmup + duration
    ready.wait()
    result = Measurement(callers=callers, seconds=duration)
    ends: list[float] = []
    for _ in procs:
        kind, payload = results.get(timeout=warmup + duration + 300)
        if kind == "error":
            raise RuntimeError(f"a caller failed to start: {payload}")
        latencies, outcomes, exhausted, last_end, error = payload
        if error:
            raise RuntimeError(f"a caller failed: {error}")
        result.latencies_ms.extend(latencies)
        for key, value in outcomes.items():
            result.outcomes[key] = result.outcomes.get(key, 0) + value
        result.exhausted = result.exhausted or exhausted
        ends.append(last_end)
    for p in procs:
        p.join(timeout=30)
    if result.exhausted and ends:
        # Ran out of jobs before the window closed: the window is as long as the work lasted.
        result.seconds = max(0.001, max(ends) - window[0])
    return result
