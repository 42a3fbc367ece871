"""``GET /reports``: a location's figures over a range of days."""

from __future__ import annotations

from booking.api.schemas.common import _Model


class ReportSummary(_Model):
    """Counts and rates over the range."""

    bookings: int
    self_service: int
    no_shows: int
    came_due: int
    cancellations: int
    late_cancellations: int
    self_service_rate: float
    no_show_rate: float
    cancellation_rate: float


class SourceCount(_Model):
    """Bookings from one source."""

    source: str
    bookings: int


class DayCount(_Model):
    """One local day."""

    day: str
    bookings: int
    cancelled: int
    no_shows: int


class BayUtilisation(_Model):
    """Booked over open minutes for a bay."""

    resource_id: str
    resource_name: str
    location_id: str
    location_name: str
    booked_minutes: float
    open_minutes: float
    utilisation: float


class HeatmapRow(_Model):
    """Share of each local hour booked, for one bay (24 values)."""

    resource_id: str
    resource_name: str
    hours: list[float]


class ReportOut(_Model):
    """The KPIs of a range."""

    first_day: str
    last_day: str
    location_id: str | None = None
    summary: ReportSummary
    by_source: list[SourceCount]
    per_day: list[DayCount]
    utilisation: list[BayUtilisation]
    heatmap: list[HeatmapRow]
