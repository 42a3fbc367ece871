"""``python -m bench``: every figure, its target, PASS/MISS, and bench/results/.

``python -m bench profile``: a CPU profile of a create at one caller (bench/profile.py).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from bench import availability, coldstart, create, localstack
from bench.db import add_club, bench_database, first_bookable_hour, reset_bookings, server_version
from bench.report import Table, chart, create_checks, verdict
from bench.runner import Measurement

RESULTS = Path(__file__).resolve().parent / "results"
LEVELS = (1, 8, 64)
LIBRARIES = ("psycopg", "aws-lambda-powertools", "pydantic", "boto3", "common-expression-language")


def _configure(url: str) -> None:
    """Point the API functions at the benchmark database, as their environment would."""
    os.environ["DATABASE_URL"] = url
    os.environ["JWT_SECRET"] = "bench-only-secret-" + "x" * 32
    os.environ.pop("EVENT_BUS_NAME", None)  # no bus: events stay in the outbox, as locally
    os.environ.setdefault("POWERTOOLS_LOG_LEVEL", "WARNING")
    from booking.config import database_url, settings

    settings.cache_clear()
    database_url.cache_clear()


def _merge(parts: list[Measurement]) -> Measurement:
    out = Measurement(callers=parts[0].callers, seconds=0.0)
    for m in parts:
        out.seconds += m.seconds
        out.latencies_ms.extend(m.latencies_ms)
        for k, v in m.outcomes.items():
            out.outcomes[k] = out.outcomes.get(k, 0) + v
        out.exhausted = out.exhausted or m.exhausted
    return out


def figure_create(url: str, args: argparse.Namespace) -> dict[str, Any]:
    """Figure 1: floor and handler (with and without Idempotency-Key) per concurrency level."""
    club = add_club(url, slug="bench-create", bays=64, users=16_000)
    jobs = create.make_jobs(club, first_bookable_hour(), limit=16_000)
    kinds = {
        "floor": create.floor_op(url, jobs, club.location_id),
        "handler": create.handler_op(jobs, idempotency=False),
        "handler+key": create.handler_op(jobs, idempotency=True),
    }
    out: dict[str, Any] = {}
    for level in LEVELS:
        parts: dict[str, list[Measurement]] = {k: [] for k in kinds}
        for _ in range(args.rounds):  # interleaved rounds, so drift on the machine hits all
            for kind, make in kinds.items():
                reset_bookings(url)
                m = create.run_level(
                    make, level, len(jobs), warmup=args.warmup, duration=args.duration
                )
                wrong = create.misattributed(url, jobs) if kind != "floor" else 0
                if wrong:
                    m.outcomes["booked for another member"] = wrong
                parts[kind].append(m)
        out[str(level)] = {k: _merge(v).summary() for k, v in parts.items() if v}
    reset_bookings(url)
    return out


def figure_storm(url: str) -> dict[str, Any]:
    """Figure 2: 1000 attempts on 100 slots."""
    club = add_club(url, slug="bench-storm", bays=10, users=1000)
    storm = create.contention_storm(
        url, club, attempts=1000, slots=100, workers=64, idempotency=False
    )
    out = storm.summary()
    out["booked_for_another_member"] = storm.misattributed
    return out


def versions(url: str) -> dict[str, str]:
    """Machine and software the figures were taken on."""
    libs = {}
    for name in LIBRARIES:
        try:
            libs[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            libs[name] = "-"
    return {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()}",
        "cpu": _cpu_model(),
        "python": sys.version.split()[0],
        "postgresql": server_version(url),
        **libs,
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "-"


def main() -> None:
    """Run every figure and report (``python -m bench profile``: profile a create instead)."""
    if sys.argv[1:2] == ["profile"]:
        from bench import profile

        profile.main(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--duration", type=float, default=2.0, help="seconds measured per run")
    parser.add_argument("--warmup", type=float, default=0.5, help="seconds before measuring")
    parser.add_argument("--rounds", type=int, default=2, help="interleaved rounds per level")
    parser.add_argument("--skip-coldstart", action="store_true")
    args = parser.parse_args()

    began = time.perf_counter()
    results: dict[str, Any] = {"started_at": datetime.now(UTC).isoformat(timespec="seconds")}
    with bench_database() as url:
        _configure(url)
        results["environment"] = versions(url)
        print("Booking platform benchmarks")
        for key, value in results["environment"].items():
            print(f"  {key:<28} {value}")
        print(flush=True)
        results["create"] = figure_create(url, args)
        _print_create(results["create"])
        results["storm"] = figure_storm(url)
        _print_storm(results["storm"])
        results["availability"] = availability.run(url).summary()
        _print_availability(results["availability"])
    if not args.skip_coldstart:
        results["coldstart"] = coldstart.run()
        _print_coldstart(results["coldstart"])
    if localstack.available():
        try:
            results["localstack"] = localstack.run()
        except Exception as exc:  # the stack may be down though its endpoints file remains
            results["localstack"] = {"error": f"{type(exc).__name__}: {exc}"}
        _print_localstack(results["localstack"], results)
    else:
        print(
            "5. Through the API on LocalStack: skipped (.run/endpoints.json not found;"
            " `make run` first)\n"
        )
    results["verdicts"] = verdict(results)
    results["seconds"] = round(time.perf_counter() - began, 1)
    _print_summary(results)
    _write(results)


def _write(results: dict[str, Any]) -> None:
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    text = json.dumps(results, indent=2, default=str)
    (RESULTS / f"{stamp}.json").write_text(text)
    (RESULTS / "latest.json").write_text(text)
    png = RESULTS / f"{stamp}.png"
    try:
        chart(results, png)
        (RESULTS / "latest.png").write_bytes(png.read_bytes())
        print(f"wrote bench/results/{stamp}.json, latest.json, {png.name}, latest.png")
    except ImportError:
        print(f"wrote bench/results/{stamp}.json and latest.json (no matplotlib: no chart)")


def _print_create(data: dict[str, Any]) -> None:
    t = Table(
        "1. Booking create, Lambda handler in-process vs the same SQL by hand (floor)",
        [
            "callers",
            "path",
            "req/s",
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "errors",
            "vs floor",
            "target",
            "result",
        ],
    )
    for level, kinds in data.items():
        floor = kinds["floor"]
        t.row(
            [
                level,
                "floor (psycopg)",
                floor["throughput"],
                floor["p50_ms"],
                floor["p95_ms"],
                floor["p99_ms"],
                _errors(floor),
                "",
                "",
                "",
            ]
        )
        for kind in ("handler", "handler+key"):
            if kind not in kinds:
                continue
            m = kinds[kind]
            label = "handler" if kind == "handler" else "handler + Idempotency-Key"
            checks = [(v, t, ok) for _, v, t, ok in create_checks(int(level), kind, m, floor)]
            for i, (value, target, ok) in enumerate(checks):
                head = (
                    [
                        level,
                        label,
                        m["throughput"],
                        m["p50_ms"],
                        m["p95_ms"],
                        m["p99_ms"],
                        _errors(m),
                    ]
                    if i == 0
                    else ["", "", "", "", "", "", ""]
                )
                t.row([*head, value, target, "PASS" if ok else "MISS"])
    t.print()


def _errors(m: dict[str, Any]) -> int:
    return sum(v for k, v in m["outcomes"].items() if k != "ok")


def _print_storm(s: dict[str, Any]) -> None:
    oc = s["outcomes"]
    created, conflicts = oc.get("ok", 0), oc.get("409 SLOT_TAKEN", 0)
    errors = s["attempts"] - created - conflicts
    t = Table(
        f"2. Contention storm: {s['attempts']} attempts on {s['slots']} slots"
        f" ({s['workers']} caller processes through the handler)",
        ["figure", "value", "target", "result"],
    )
    t.row(["201 created", created, "100", _pf(created == s["slots"])])
    t.row(
        [
            "bookings in the database",
            s["bookings_in_db"],
            "100",
            _pf(s["bookings_in_db"] == s["slots"]),
        ]
    )
    t.row(["409 SLOT_TAKEN", conflicts, "900", _pf(conflicts == s["attempts"] - s["slots"])])
    t.row(["anything else", errors, "0", _pf(errors == 0)])
    t.row(
        [
            "booked for another member",
            s["booked_for_another_member"],
            "0",
            _pf(s["booked_for_another_member"] == 0),
        ]
    )
    t.row(["wall time s", s["wall_s"], "< 2 s", _pf(s["wall_s"] < 2.0)])
    t.row(["per-attempt p50 / p95 ms", f"{s['p50_ms']} / {s['p95_ms']}", "", ""])
    t.print()


def _print_availability(a: dict[str, Any]) -> None:
    ratio = a["naive_median_ms"] / a["engine_median_ms"] if a["engine_median_ms"] else 0
    t = Table(
        f"3. Availability: {a['bays']} bays, {a['days']} days, {a['bookings']} bookings,"
        f" {a['duration_minutes']}-minute slots",
        ["path", "median ms", "slots", "target", "result"],
    )
    t.row(
        [
            "engine find_slots (staff view)",
            a["engine_median_ms"],
            a["engine_slots"],
            "< 10 ms",
            _pf(a["engine_median_ms"] < 10),
        ]
    )
    t.row(
        [
            "naive SQL (generate_series + NOT EXISTS)",
            a["naive_median_ms"],
            a["naive_slots"],
            "same slots",
            _pf(a["engine_slots"] == a["naive_slots"]),
        ]
    )
    t.row(["speed-up over naive SQL", f"{ratio:.1f}x", "", ">= 20x", _pf(ratio >= 20)])
    t.row(["engine, member view (rules, limits)", a["member_view_median_ms"], "", "", ""])
    t.row(["GET /availability handler, member", a["handler_median_ms"], "", "", ""])
    t.print()


def _print_coldstart(c: dict[str, Any]) -> None:
    t = Table(
        f"4. Cold start: import in a fresh interpreter (median of {c['repeats']}),"
        f" import boto3 = {c['boto3_ms']} ms",
        ["handler", "import ms", "vs boto3", "target", "result"],
    )
    for name, v in c["handlers"].items():
        t.row([name, v["ms"], f"{v['ratio']:.2f}x", "<= 1.5x", _pf(v["ratio"] <= 1.5)])
    t.print()


def _print_localstack(ls: dict[str, Any], results: dict[str, Any]) -> None:
    if "error" in ls:
        print(f"5. Through the API on LocalStack: failed ({ls['error']})\n")
        return
    t = Table(
        f"5. Through API Gateway + Lambda on LocalStack ({ls['iterations']} calls each,"
        " for reference)",
        ["call", "p50 ms", "p95 ms", "note"],
    )
    in_process = results["create"]["1"]["handler+key"]["p50_ms"]
    t.row(
        [
            "POST /bookings",
            ls["create_p50_ms"],
            ls["create_p95_ms"],
            f"in-process {in_process} ms; statuses {ls['create_statuses']}",
        ]
    )
    t.row(["GET /availability (1 day)", ls["availability_p50_ms"], ls["availability_p95_ms"], ""])
    t.row(["LocalStack health (edge only)", ls["localstack_health_p50_ms"], "", ""])
    for n, b in ls.get("availability_concurrent", {}).items():
        t.row(
            [
                f"GET /availability, {n} callers",
                b["p50_ms"],
                b["p95_ms"],
                f"{b['rps']} req/s, statuses {b['statuses']}",
            ]
        )
    t.print()
    print(
        "   LocalStack's overhead: everything above the in-process figure is the emulated"
        " gateway, the Lambda container hop and the authorizer-free token check.\n"
    )


def _print_summary(results: dict[str, Any]) -> None:
    v = results["verdicts"]
    t = Table("Summary", ["figure", "result"])
    for name, ok in v.items():
        t.row([name, _pf(ok)])
    t.print()
    print(f"make bench took {results['seconds']} s")


def _pf(ok: bool) -> str:
    return "PASS" if ok else "MISS"


if __name__ == "__main__":
    main()
