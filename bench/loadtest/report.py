"""Tables and a chart from Locust's CSV output, with the plan's targets."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

# The plan's launch criteria: p95 < 100 ms across the API, booking completion < 2 s.
P95_TARGET_MS = 100.0
BOOKING_TARGET_MS = 2000.0


def read_stats(prefix: Path) -> list[dict[str, Any]]:
    """Per-route rows of ``<prefix>_stats.csv`` (the last row is Locust's aggregate)."""
    rows = []
    with open(f"{prefix}_stats.csv", newline="") as fh:
        for r in csv.DictReader(fh):
            count = int(r["Request Count"])
            rows.append(
                {
                    "route": r["Name"] if r["Name"] != "Aggregated" else "all routes",
                    "requests": count,
                    "failures": int(r["Failure Count"]),
                    "rps": round(float(r["Requests/s"]), 1),
                    "p50_ms": _num(r["50%"]),
                    "p95_ms": _num(r["95%"]),
                    "p99_ms": _num(r["99%"]),
                    "max_ms": _num(r["Max Response Time"]),
                }
            )
    return rows


def _num(value: str) -> float:
    try:
        return round(float(value), 1)
    except ValueError:
        return 0.0


def read_failures(prefix: Path) -> list[dict[str, str]]:
    """Locust's failure summary: route, error, occurrences."""
    path = Path(f"{prefix}_failures.csv")
    if not path.exists():
        return []
    with path.open(newline="") as fh:
        return [
            {"route": r["Name"], "error": r["Error"], "count": r["Occurrences"]}
            for r in csv.DictReader(fh)
        ]


def verdicts(rows: list[dict[str, Any]]) -> dict[str, bool]:
    """PASS/MISS of the plan's criteria on one run."""
    total = next(r for r in rows if r["route"] == "all routes")
    booking = next((r for r in rows if r["route"] == "POST /bookings"), None)
    return {
        "p95 < 100 ms (all routes)": total["requests"] > 0 and total["p95_ms"] < P95_TARGET_MS,
        "booking completion p95 < 2 s": booking is not None
        and booking["requests"] > 0
        and booking["p95_ms"] < BOOKING_TARGET_MS,
        "no errors": total["requests"] > 0 and total["failures"] == 0,
    }


def print_table(title: str, rows: list[dict[str, Any]], failures: list[dict[str, str]]) -> None:
    """The per-route table, the failures and the verdicts."""
    from bench.report import Table

    t = Table(title, ["route", "requests", "errors", "req/s", "p50 ms", "p95 ms", "p99 ms"])
    for r in rows:
        t.row(
            [
                r["route"],
                r["requests"],
                r["failures"],
                r["rps"],
                r["p50_ms"],
                r["p95_ms"],
                r["p99_ms"],
            ]
        )
    t.print()
    for f in failures[:10]:
        print(f"   error: {f['route']}: {f['error']} x{f['count']}")
    v = Table("Targets", ["criterion", "result"])
    for name, ok in verdicts(rows).items():
        v.row([name, "PASS" if ok else "MISS"])
    v.print()


def chart(prefix: Path, title: str, out: Path) -> None:
    """Users, throughput and p50/p95 over time (``<prefix>_stats_history.csv``)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    times, users, rps, p50, p95 = [], [], [], [], []
    with open(f"{prefix}_stats_history.csv", newline="") as fh:
        for r in csv.DictReader(fh):
            if r["Name"] != "Aggregated":
                continue
            times.append(int(r["Timestamp"]))
            users.append(int(r["User Count"]))
            rps.append(float(r["Requests/s"]))
            p50.append(_num(r["50%"]))
            p95.append(_num(r["95%"]))
    if not times:
        return
    t0 = times[0]
    xs = [t - t0 for t in times]
    fig, (a1, a2) = plt.subplots(2, 1, figsize=(9, 6), sharex=True)
    a1.plot(xs, rps, label="requests/s")
    a1b = a1.twinx()
    a1b.plot(xs, users, color="grey", linestyle="--", label="users")
    a1.set_ylabel("requests/s")
    a1b.set_ylabel("users")
    a1.set_title(title)
    a2.plot(xs, p50, label="p50")
    a2.plot(xs, p95, label="p95")
    a2.axhline(P95_TARGET_MS, color="red", linewidth=0.8, label="p95 target")
    a2.set_ylabel("ms")
    a2.set_xlabel("seconds")
    a2.legend()
    fig.tight_layout()
    fig.savefig(out, dpi=90)
    plt.close(fig)
