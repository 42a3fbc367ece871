"""Reports: the plan's business KPIs over a date range, at one or all of the caller's
locations, as JSON for the charts and as CSV for export (definitions in
``booking.adapters.postgres.repositories.reports``)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal
from uuid import UUID

from booking.domain.actors import Actor
from booking.domain.errors import InvalidRequest
from booking.services.ports import UnitOfWork
from booking.services.staff_scope import visible_locations

MAX_DAYS = 366

CsvKind = Literal["summary", "by_source", "per_day", "utilisation", "heatmap"]


@dataclass(frozen=True)
class ReportQuery:
    """A range of local days (both included) and optionally one location."""

    first: date
    last: date
    location_id: UUID | None = None


def _check(query: ReportQuery) -> None:
    if query.last < query.first:
        raise InvalidRequest("'to' must not be before 'from'", code="END_BEFORE_START")
    if (query.last - query.first).days + 1 > MAX_DAYS:
        raise InvalidRequest(f"a report covers at most {MAX_DAYS} days", code="RANGE_TOO_LONG")


def report(query: ReportQuery, uow: UnitOfWork, actor: Actor) -> dict[str, Any]:
    """Every KPI of the range at the locations the caller may see."""
    _check(query)
    days = (query.last - query.first).days + 1
    with uow:
        locations = visible_locations(uow, actor, query.location_id)
        repo = uow.reports
        summary = repo.summary(locations, query.first, query.last)
        by_source = repo.by_source(locations, query.first, query.last)
        per_day = repo.per_day(locations, query.first, query.last)
        utilisation = repo.utilisation(locations, query.first, query.last)
        heat = repo.heatmap(locations, query.first, query.last)
    names = {str(u["resource_id"]): u["resource_name"] for u in utilisation}
    heatmap: dict[str, list[float]] = {rid: [0.0] * 24 for rid in names}
    for row in heat:
        rid = str(row["resource_id"])
        if rid in heatmap:
            heatmap[rid][row["hour"]] = round(row["booked_minutes"] / (days * 60), 4)
    return {
        "first_day": query.first.isoformat(),
        "last_day": query.last.isoformat(),
        "location_id": str(query.location_id) if query.location_id else None,
        "summary": {
            k: summary[k] if summary[k] is not None else (0.0 if k.endswith("rate") else 0)
            for k in summary
        },
        "by_source": [{"source": r["source"], "bookings": r["bookings"]} for r in by_source],
        "per_day": [
            {
                "day": r["day"].isoformat(),
                "bookings": r["bookings"],
                "cancelled": r["cancelled"],
                "no_shows": r["no_shows"],
            }
            for r in per_day
        ],
        "utilisation": [
            {
                "resource_id": str(r["resource_id"]),
                "resource_name": r["resource_name"],
                "location_id": str(r["location_id"]),
                "location_name": r["location_name"],
                "booked_minutes": r["booked_minutes"],
                "open_minutes": r["open_minutes"],
                "utilisation": r["utilisation"] or 0.0,
            }
            for r in utilisation
        ],
        "heatmap": [
            {"resource_id": rid, "resource_name": names[rid], "hours": hours}
            for rid, hours in heatmap.items()
        ],
    }


def report_csv(kind: CsvKind, data: dict[str, Any]) -> str:
    """One part of a report as CSV (a header row, then one row per item)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if kind == "summary":
        writer.writerow(["metric", "value"])
        for key, value in data["summary"].items():
            writer.writerow([key, value])
    elif kind == "by_source":
        writer.writerow(["source", "bookings"])
        writer.writerows([r["source"], r["bookings"]] for r in data["by_source"])
    elif kind == "per_day":
        writer.writerow(["day", "bookings", "cancelled", "no_shows"])
        writer.writerows(
            [r["day"], r["bookings"], r["cancelled"], r["no_shows"]] for r in data["per_day"]
        )
    elif kind == "utilisation":
        writer.writerow(
            ["location", "bay", "resource_id", "booked_minutes", "open_minutes", "utilisation"]
        )
        writer.writerows(
            [
                r["location_name"],
                r["resource_name"],
                r["resource_id"],
                r["booked_minutes"],
                r["open_minutes"],
                r["utilisation"],
            ]
            for r in data["utilisation"]
        )
    else:
        writer.writerow(["bay", "resource_id", *[f"{h:02d}:00" for h in range(24)]])
        writer.writerows(
            [r["resource_name"], r["resource_id"], *r["hours"]] for r in data["heatmap"]
        )
    return out.getvalue()
