"""Plain-text tables, the PASS/MISS verdicts, and the PNG chart."""

from __future__ import annotations

from pathlib import Path
from typing import Any


class Table:
    """A fixed-width text table."""

    def __init__(self, title: str, columns: list[str]) -> None:
        """Start a table with a title line and column headers."""
        self.title = title
        self.columns = columns
        self.rows: list[list[str]] = []

    def row(self, values: list[Any]) -> None:
        """Add a row (numbers are printed as given)."""
        self.rows.append([_fmt(v) for v in values])

    def print(self) -> None:
        """Print the table followed by a blank line."""
        widths = [
            max(len(c), *(len(r[i]) for r in self.rows)) if self.rows else len(c)
            for i, c in enumerate(self.columns)
        ]
        print(self.title)
        print("  " + "  ".join(c.ljust(w) for c, w in zip(self.columns, widths, strict=True)))
        print("  " + "  ".join("-" * w for w in widths))
        for r in self.rows:
            print("  " + "  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)))
        print(flush=True)


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:,.1f}" if v >= 100 else f"{v:.2f}"
    return str(v)


def create_checks(
    level: int, kind: str, m: dict[str, Any], floor: dict[str, Any]
) -> list[tuple[str, str, str, bool]]:
    """The create targets at one level: (name, measured, target, met) for each.

    A run that completed no request meets nothing: a ratio against zero proves nothing.
    """
    ran = m["requests"] > 0 and floor["requests"] > 0
    ratio = m["throughput"] / floor["throughput"] if floor["throughput"] else 0.0
    p95x = m["p95_ms"] / floor["p95_ms"] if floor["p95_ms"] else 0.0
    share = 0.60 if kind == "handler+key" else 0.70
    checks: list[tuple[str, str, str, bool]] = []
    if level in (1, 8):
        checks.append(
            (
                f"throughput >= {share:.0%} of floor",
                f"{ratio:.0%} tput",
                f">={share:.0%} tput",
                ran and ratio >= share,
            )
        )
    checks.append(("p95 <= 1.5x floor", f"{p95x:.2f}x p95", "<=1.5x p95", ran and p95x <= 1.5))
    if level == 64:
        errors = sum(v for k, v in m["outcomes"].items() if k != "ok")
        checks.append(("no errors", f"{errors} err", "0 errors", ran and errors == 0))
    return checks


def verdict(results: dict[str, Any]) -> dict[str, bool]:
    """One PASS/MISS per target of the issue (figure 5 has none: it is for reference)."""
    out: dict[str, bool] = {}
    for level, kinds in results["create"].items():
        floor = kinds["floor"]
        for kind in ("handler", "handler+key"):
            if kind not in kinds:
                continue
            for name, _, _, ok in create_checks(int(level), kind, kinds[kind], floor):
                out[f"1. create {kind} @{level} {name}"] = ok
    s = results["storm"]
    oc = s["outcomes"]
    out["2. storm exactly 100 bookings"] = (
        oc.get("ok", 0) == s["slots"] and s["bookings_in_db"] == s["slots"]
    )
    out["2. storm 900 conflicts, no errors"] = oc.get("409 SLOT_TAKEN", 0) == (
        s["attempts"] - s["slots"]
    ) and set(oc) <= {"ok", "409 SLOT_TAKEN"}
    out["2. storm: nobody booked for another member"] = s["booked_for_another_member"] == 0
    out["2. storm wall time < 2 s"] = s["wall_s"] < 2.0
    a = results["availability"]
    out["3. availability < 10 ms"] = a["engine_median_ms"] < 10
    out["3. availability >= 20x naive SQL"] = a["naive_median_ms"] >= 20 * a["engine_median_ms"]
    out["3. availability same slots as naive SQL"] = a["engine_slots"] == a["naive_slots"]
    if "coldstart" in results:
        worst = max(v["ratio"] for v in results["coldstart"]["handlers"].values())
        out["4. every handler import <= 1.5x boto3"] = worst <= 1.5
    return out


def chart(results: dict[str, Any], path: Path) -> None:
    """Four panels: create throughput and p95 per level, availability, cold start."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(2, 2, figsize=(12, 8))
    levels = list(results["create"])
    kinds = ["floor", "handler", "handler+key"]
    width = 0.27
    for ax, field, title in (
        (axes[0][0], "throughput", "Create: requests/s"),
        (axes[0][1], "p95_ms", "Create: p95 latency (ms)"),
    ):
        for i, kind in enumerate(kinds):
            present = [x for x, lv in enumerate(levels) if kind in results["create"][lv]]
            values = [results["create"][levels[x]][kind][field] for x in present]
            xs = [x + (i - 1) * width for x in present]
            ax.bar(xs, values, width, label=kind)
        ax.set_xticks(range(len(levels)), [f"{lv} callers" for lv in levels])
        ax.set_title(title)
        ax.legend()
    a = results["availability"]
    ax = axes[1][0]
    names = ["engine", "member view", "handler", "naive SQL"]
    values = [
        a["engine_median_ms"],
        a["member_view_median_ms"],
        a["handler_median_ms"],
        a["naive_median_ms"],
    ]
    ax.bar(names, values, color=["C0", "C0", "C1", "C3"])
    ax.set_yscale("log")
    ax.axhline(10, color="grey", linestyle="--", linewidth=1)
    ax.set_title(f"Availability, {a['bays']} bays x {a['days']} days: median ms (log)")
    ax = axes[1][1]
    if "coldstart" in results:
        c = results["coldstart"]
        names = ["boto3", *c["handlers"]]
        values = [c["boto3_ms"], *(v["ms"] for v in c["handlers"].values())]
        ax.barh(names, values, color=["C2"] + ["C0"] * len(c["handlers"]))
        ax.axvline(1.5 * c["boto3_ms"], color="grey", linestyle="--", linewidth=1)
        ax.invert_yaxis()
        ax.set_title("Cold start: import ms (dashed: 1.5x boto3)")
    else:
        ax.set_axis_off()
    fig.suptitle(f"Booking platform benchmarks, {results['started_at']}")
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)
