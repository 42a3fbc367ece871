"""``python -m bench profile``: where a booking create's CPU time goes, at one caller.

The same harness as figure 1 (a fresh benchmark database, the handler invoked in-process by one
forked caller process serving one request at a time, like a warm Lambda environment), with
py-spy sampling that caller once it has served its first requests (so the profile is of a warm
environment). py-spy leaves out samples of a thread waiting in a system call, so the profile
is of CPU time: the caller's Python and C, not PostgreSQL's side of the round trips. How much of
a request's wall time the caller spent on the CPU at all is measured beside it (process time
over wall time).

The samples are sorted into shares by what was running (the deepest frame of a known package or
of the platform), and by the request path's main steps (cumulative).

Writes ``bench/results/profile-<time>.txt`` (the shares and the functions with most samples),
``.json`` (the same as data), ``.folded`` (the samples as collapsed stacks, for any flame graph
viewer) and ``profile-latest.*``. Options: ``--duration`` (seconds profiled, default 8),
``--key`` (with an Idempotency-Key), ``--rate`` (samples per second, default 1000), ``--wall``
(sample waiting threads too: wall-clock time, so each step's share includes its round trips).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import create
from bench.db import add_club, bench_database, first_bookable_hour, reset_bookings
from bench.runner import Op, closed_loop

RESULTS = Path(__file__).resolve().parent / "results"
SKIP = 50  # requests served before sampling starts

Frame = tuple[str, str]  # (function, file)

# Deepest frame first: the first rule matching a frame of the sample's stack (from the leaf up)
# names its share. The connection's wait is psycopg polling its socket (the CPU part of it).
CATEGORIES: tuple[tuple[str, Callable[[str, str], bool]], ...] = (
    ("psycopg client (send, receive, adapt, rows)", lambda fn, path: "/psycopg" in path),
    ("pydantic", lambda fn, path: "/pydantic" in path),
    (
        "Powertools (resolver, validation, idempotency, logging)",
        lambda fn, path: "/aws_lambda_powertools/" in path,
    ),
    ("CEL (celpy)", lambda fn, path: "/celpy/" in path or "/cel_" in path or "/cel/" in path),
    ("booking rules (rules.py, checks.py)", lambda fn, path: "/booking/domain/rules" in path),
    ("booking rules (rules.py, checks.py)", lambda fn, path: "/booking/domain/checks" in path),
    ("booking domain (other)", lambda fn, path: "/booking/domain/" in path),
    ("booking services", lambda fn, path: "/booking/services/" in path),
    ("booking repositories and unit of work", lambda fn, path: "/booking/adapters/" in path),
    ("booking API (routes, schemas, replies, caller)", lambda fn, path: "/booking/api/" in path),
    ("json", lambda fn, path: "/json/" in path),
    ("logging", lambda fn, path: "/logging/" in path),
    ("uuid, datetime, zoneinfo", lambda fn, path: path.endswith(("uuid.py", "datetime.py"))),
    ("uuid, datetime, zoneinfo", lambda fn, path: "/zoneinfo/" in path),
    ("handler module, harness", lambda fn, path: "/functions/" in path or "/bench/" in path),
)
OTHER = "other (stdlib)"

# Cumulative share of the request path's main steps (a step counts once per sample).
STEPS: tuple[tuple[str, str, str], ...] = (
    ("Powertools resolve (routing, validation, reply)", "event_handler/api_gateway.py", "resolve"),
    ("request and response validation", "openapi_validation.py", "handler"),
    ("route create_booking", "/booking/api/bookings.py", "create_booking"),
    ("idempotency (Powertools + store)", "utilities/idempotency/base.py", "handle"),
    ("service create_booking", "/booking/services/bookings/create.py", "create_booking"),
    ("load facts (one statement)", "/booking/services/bookings/common.py", "_load_facts"),
    ("rules check (_assess)", "/booking/services/bookings/common.py", "_assess"),
    ("insert booking", "/repositories/bookings.py", "add"),
    ("ledger row", "/repositories/credits.py", "record"),
    ("outbox event", "/booking/services/events.py", "booking_event"),
    ("commit", "/postgres/unit_of_work.py", "commit"),
    ("staff audit", "/booking/services/staff_audit.py", "record_booking_action"),
    ("booking to the reply", "/booking/api/responses.py", "reply"),
    ("caller from the authorizer context", "/booking/api/context.py", "current_actor"),
)


def parse_folded(text: str) -> list[tuple[list[Frame], int]]:
    """py-spy's raw output: ``frame;frame;... count`` per line, frames ``function (file)``."""
    samples: list[tuple[list[Frame], int]] = []
    for line in text.splitlines():
        stack_text, _, count = line.rpartition(" ")
        if not stack_text or not count.isdigit():
            continue
        frames: list[Frame] = []
        for part in stack_text.split(";"):
            fn, _, rest = part.partition(" (")
            frames.append((fn.strip(), rest.rstrip(")")))
        samples.append((frames, int(count)))
    return samples


def _category(stack: list[Frame]) -> str:
    for fn, path in reversed(stack):
        for name, match in CATEGORIES:
            if match(fn, path):
                return name
    return OTHER


def shares(samples: list[tuple[list[Frame], int]]) -> dict[str, Any]:
    """The samples by category (of the deepest known frame) and by step (cumulative), in %."""
    total = sum(n for _, n in samples) or 1
    by_category: dict[str, int] = {}
    by_step: dict[str, int] = {}
    by_function: dict[str, int] = {}
    for stack, n in samples:
        cat = _category(stack)
        by_category[cat] = by_category.get(cat, 0) + n
        fn, path = stack[-1]
        where = f"{fn}  {_short(path)}"
        by_function[where] = by_function.get(where, 0) + n
        seen = set()
        for fn, path in stack:
            for name, file_part, function in STEPS:
                if name not in seen and fn.split(".")[-1] == function and file_part in path:
                    seen.add(name)
                    by_step[name] = by_step.get(name, 0) + n

    def pct(counts: dict[str, int]) -> dict[str, float]:
        ordered = sorted(counts.items(), key=lambda kv: -kv[1])
        return {k: round(100 * v / total, 1) for k, v in ordered}

    return {
        "samples": total,
        "categories_pct": pct(by_category),
        "steps_pct": {name: round(100 * by_step.get(name, 0) / total, 1) for name, _, _ in STEPS},
        "top_self_pct": dict(list(pct(by_function).items())[:30]),
    }


def _short(path: str) -> str:
    for marker in ("site-packages/", "/shared/", "/lib/python3"):
        if marker in path:
            return path.split(marker, 1)[1]
    return path


def _py_spy() -> str:
    here = Path(sys.executable).parent / "py-spy"
    return str(here) if here.exists() else "py-spy"


def _sampled(
    make: Callable[[int], tuple[Op, Callable[[], None]]], out: Any, rate: int, wall: bool
) -> Callable[[int], tuple[Op, Callable[[], None]]]:
    """``make`` with py-spy sampling the caller after its first ``SKIP`` requests; the caller
    sends the samples, and its CPU and wall time while sampled, back through ``out``."""

    def wrapped(index: int) -> tuple[Op, Callable[[], None]]:
        op, teardown = make(index)
        folded = Path(tempfile.mkstemp(prefix="bench-profile-", suffix=".folded")[1])
        spy: list[subprocess.Popen[bytes]] = []
        served = [0]
        clock = {"wall": 0.0, "cpu": 0.0}

        def sampled_op(n: int) -> str:
            served[0] += 1
            if served[0] == SKIP:
                spy.append(
                    subprocess.Popen(
                        [
                            _py_spy(),
                            "record",
                            "--pid",
                            str(os.getpid()),
                            "--rate",
                            str(rate),
                            "--format",
                            "raw",
                            "--full-filenames",
                            "--nolineno",
                            "--nonblocking",
                            "--output",
                            str(folded),
                            # Waiting threads too, or only samples holding the GIL: psycopg
                            # releases it while it waits for the server.
                            "--idle" if wall else "--gil",
                        ],
                        stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL,
                    )
                )
                time.sleep(1.0)  # attached before the measured requests
            if served[0] <= SKIP:
                return op(n)
            began, cpu = time.perf_counter(), time.process_time()
            try:
                return op(n)
            finally:
                clock["wall"] += time.perf_counter() - began
                clock["cpu"] += time.process_time() - cpu

        def finish() -> None:
            teardown()
            if not spy:
                out.put(None)
                return
            spy[0].send_signal(signal.SIGINT)  # py-spy writes its output and exits
            spy[0].wait(timeout=60)
            text = folded.read_text() if folded.exists() else ""
            folded.unlink(missing_ok=True)
            out.put({"requests": served[0] - SKIP, **clock, "folded": text})

        return sampled_op, finish

    return wrapped


def render(report: dict[str, Any]) -> str:
    """The profile as text: the run, the shares, the functions with most samples."""
    lines = [
        f"{report['path']}, 1 caller process, taken {report['taken_at']}",
        f"{report['requests_profiled']} requests sampled, {report['mean_ms']} ms each"
        f" (wall, under the sampler); on the CPU {report['cpu_pct_of_wall']} % of that time,"
        " the rest waiting (PostgreSQL's side of the round trips, or a busy core)",
        f"{report['samples']} samples of {report['samples_of']} at {report['rate']}/s",
        "",
        "Time by what was running (deepest known frame):",
    ]
    lines += [f"  {pct:5.1f} %  {name}" for name, pct in report["categories_pct"].items()]
    lines += ["", "Time by step of the request (cumulative):"]
    lines += [f"  {pct:5.1f} %  {name}" for name, pct in report["steps_pct"].items()]
    lines += ["", "Functions with the most samples of their own:"]
    lines += [f"  {pct:5.1f} %  {name}" for name, pct in report["top_self_pct"].items()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    """Profile one caller's creates and write the profile to bench/results/."""
    parser = argparse.ArgumentParser(prog="python -m bench profile", description=__doc__)
    parser.add_argument("--duration", type=float, default=8.0, help="seconds profiled")
    parser.add_argument("--key", action="store_true", help="with an Idempotency-Key")
    parser.add_argument("--rate", type=int, default=1000, help="samples per second")
    parser.add_argument(
        "--wall", action="store_true", help="wall-clock samples (waiting included), not CPU"
    )
    args = parser.parse_args(argv)

    from bench.__main__ import _configure

    with bench_database() as url:
        _configure(url)
        club = add_club(url, slug="bench-profile", bays=64, users=16_000)
        jobs = create.make_jobs(club, first_bookable_hour(), limit=16_000)
        reset_bookings(url)
        out: Any = mp.get_context("fork").Queue()
        make = _sampled(create.handler_op(jobs, idempotency=args.key), out, args.rate, args.wall)
        # The window starts after the unsampled requests and py-spy's start.
        m = closed_loop(1, make, jobs=len(jobs), warmup=2.0, duration=args.duration)
        result = out.get(timeout=120)
        wrong = create.misattributed(url, jobs)
    if result is None or not result["folded"]:
        raise SystemExit("no samples: the caller served too few requests, or py-spy failed")
    samples = parse_folded(result["folded"])
    report = {
        "taken_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "path": "POST /bookings" + (" with Idempotency-Key" if args.key else ""),
        "requests_profiled": result["requests"],
        "mean_ms": round(1000 * result["wall"] / max(1, result["requests"]), 2),
        "cpu_pct_of_wall": round(100 * result["cpu"] / max(1e-9, result["wall"]), 1),
        "throughput_in_window": round(m.throughput, 1),
        "outcomes": m.outcomes,
        "booked_for_another_member": wrong,
        "rate": args.rate,
        "samples_of": "wall clock (waiting included)" if args.wall else "CPU",
        **shares(samples),
    }
    text = render(report)
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    suffix = ("-key" if args.key else "") + ("-wall" if args.wall else "")
    for name in (f"profile{suffix}-{stamp}", f"profile{suffix}-latest"):
        (RESULTS / f"{name}.txt").write_text(text)
        (RESULTS / f"{name}.json").write_text(json.dumps(report, indent=2))
        (RESULTS / f"{name}.folded").write_text(result["folded"])
    print(text)
    print(f"wrote bench/results/profile{suffix}-{stamp}.txt, .json, .folded (and -latest)")


if __name__ == "__main__":
    main()
