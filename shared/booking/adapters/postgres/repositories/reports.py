"""The business KPIs, computed in SQL over a range of local days at some locations.

A booking belongs to the local day (in its location's zone) on which it starts. Definitions:
- self-service: bookings not made by staff (source other than ``admin``);
- no-show rate: no-shows over bookings whose time came (checked in, completed, no-show);
- late cancellation: cancelled with less notice than the location's full-refund notice (the
  largest ``hours_before`` of its cancellation policy, 24 h by default);
- utilisation: minutes booked (every status but cancelled: a no-show still held the bay) over
  the location's opening minutes in the range (wall-clock hours per weekday);
- heatmap: per bay and local hour of the day, the share of that hour booked across the range.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any
from uuid import UUID

from booking.adapters.postgres.repositories.base import BaseRepository

Row = dict[str, Any]

_BOOKINGS = """
WITH b AS (
    SELECT bk.*, l.time_zone AS tz,
           (bk.starts_at AT TIME ZONE l.time_zone)::date AS local_day,
           coalesce((SELECT max((s->>'hours_before')::float8)
                     FROM jsonb_array_elements(l.settings->'cancellation_policy') s), 24)
               AS full_refund_hours
    FROM bookings bk JOIN locations l ON l.id = bk.location_id
    WHERE (%(locs)s::uuid[] IS NULL OR bk.location_id = ANY(%(locs)s))
      AND bk.status NOT IN ('held', 'lapsed')
      AND (bk.starts_at AT TIME ZONE l.time_zone)::date BETWEEN %(first)s AND %(last)s
)
"""

_SUMMARY = (
    _BOOKINGS
    + """
SELECT count(*) AS bookings,
       count(*) FILTER (WHERE source <> 'admin') AS self_service,
       count(*) FILTER (WHERE status = 'no_show') AS no_shows,
       count(*) FILTER (WHERE status IN ('checked_in', 'completed', 'no_show')) AS came_due,
       count(*) FILTER (WHERE status = 'cancelled') AS cancellations,
       count(*) FILTER (WHERE status = 'cancelled' AND cancelled_at >
           starts_at - make_interval(secs => full_refund_hours * 3600)) AS late_cancellations,
       round(count(*) FILTER (WHERE source <> 'admin')::numeric
             / nullif(count(*), 0), 4)::float8 AS self_service_rate,
       round(count(*) FILTER (WHERE status = 'no_show')::numeric
             / nullif(count(*) FILTER (WHERE status IN ('checked_in', 'completed', 'no_show')), 0),
             4)::float8 AS no_show_rate,
       round(count(*) FILTER (WHERE status = 'cancelled')::numeric
             / nullif(count(*), 0), 4)::float8 AS cancellation_rate
FROM b
"""
)

_BY_SOURCE = (
    _BOOKINGS + "SELECT source, count(*) AS bookings FROM b GROUP BY source ORDER BY source"
)

_PER_DAY = (
    _BOOKINGS
    + """
SELECT d::date AS day,
       count(b.id) AS bookings,
       count(b.id) FILTER (WHERE b.status = 'cancelled') AS cancelled,
       count(b.id) FILTER (WHERE b.status = 'no_show') AS no_shows
FROM generate_series(%(first)s::date, %(last)s::date, interval '1 day') d
LEFT JOIN b ON b.local_day = d::date
GROUP BY d ORDER BY d
"""
)

# Opening minutes per location over the range: each local day's intervals for its weekday,
# a close at or before the open running past midnight.
_OPEN_MINUTES = """
open AS (
    SELECT l.id AS location_id, coalesce(sum(CASE WHEN m.c <= m.o THEN 1440 - m.o + m.c
                                                ELSE m.c - m.o END), 0) AS minutes
    FROM locations l
    CROSS JOIN generate_series(%(first)s::date, %(last)s::date, interval '1 day') d
    CROSS JOIN LATERAL jsonb_array_elements(
        coalesce(l.opening_hours -> (ARRAY['mon','tue','wed','thu','fri','sat','sun'])
                 [extract(isodow FROM d)::int], '[]'::jsonb)) iv
    CROSS JOIN LATERAL (SELECT split_part(iv->>0, ':', 1)::int * 60
                               + split_part(iv->>0, ':', 2)::int AS o,
                               split_part(iv->>1, ':', 1)::int * 60
                               + split_part(iv->>1, ':', 2)::int AS c) m
    WHERE (%(locs)s::uuid[] IS NULL OR l.id = ANY(%(locs)s))
    GROUP BY l.id
)
"""

_UTILISATION = (
    _BOOKINGS
    + ","
    + _OPEN_MINUTES
    + """
SELECT r.id AS resource_id, r.name AS resource_name, r.location_id, l.name AS location_name,
       coalesce(sum(extract(epoch FROM b.ends_at - b.starts_at) / 60)
                FILTER (WHERE b.status <> 'cancelled'), 0)::float8 AS booked_minutes,
       coalesce(max(o.minutes), 0)::float8 AS open_minutes,
       round((coalesce(sum(extract(epoch FROM b.ends_at - b.starts_at) / 60)
                       FILTER (WHERE b.status <> 'cancelled'), 0)
              / nullif(max(o.minutes), 0))::numeric, 4)::float8 AS utilisation
FROM resources r JOIN locations l ON l.id = r.location_id
LEFT JOIN open o ON o.location_id = r.location_id
LEFT JOIN b ON b.resource_id = r.id
WHERE (%(locs)s::uuid[] IS NULL OR r.location_id = ANY(%(locs)s))
GROUP BY r.id, r.name, r.location_id, l.name
ORDER BY l.name, r.name
"""
)

_HEATMAP = (
    _BOOKINGS
    + """
, local AS (
    SELECT resource_id, starts_at AT TIME ZONE tz AS ls, ends_at AT TIME ZONE tz AS le
    FROM b WHERE status <> 'cancelled'
)
SELECT local.resource_id, extract(hour FROM h)::int AS hour,
       sum(extract(epoch FROM least(local.le, h + interval '1 hour') - greatest(local.ls, h))
           / 60)::float8 AS booked_minutes
FROM local
CROSS JOIN LATERAL generate_series(date_trunc('hour', local.ls),
                                   local.le - interval '1 microsecond', interval '1 hour') h
GROUP BY local.resource_id, extract(hour FROM h)
ORDER BY local.resource_id, hour
"""
)


class ReportsRepository(BaseRepository):
    """The KPI queries on the unit of work's connection."""

    def _rows(
        self, sql: str, location_ids: Sequence[UUID] | None, first: date, last: date
    ) -> list[Row]:
        rows: list[Row] = self._execute(
            sql,  # composed from the constants above: no input in it
            {
                "locs": list(location_ids) if location_ids is not None else None,
                "first": first,
                "last": last,
            },
        ).fetchall()
        return rows

    def summary(self, location_ids: Sequence[UUID] | None, first: date, last: date) -> Row:
        """Counts and rates over the range."""
        return self._rows(_SUMMARY, location_ids, first, last)[0]

    def by_source(self, location_ids: Sequence[UUID] | None, first: date, last: date) -> list[Row]:
        """Bookings per source (api, kiosk, clubos, admin)."""
        return self._rows(_BY_SOURCE, location_ids, first, last)

    def per_day(self, location_ids: Sequence[UUID] | None, first: date, last: date) -> list[Row]:
        """Bookings, cancellations and no-shows per local day (every day of the range)."""
        return self._rows(_PER_DAY, location_ids, first, last)

    def utilisation(
        self, location_ids: Sequence[UUID] | None, first: date, last: date
    ) -> list[Row]:
        """Booked over open minutes per bay."""
        return self._rows(_UTILISATION, location_ids, first, last)

    def heatmap(self, location_ids: Sequence[UUID] | None, first: date, last: date) -> list[Row]:
        """Booked minutes per bay and local hour of the day."""
        return self._rows(_HEATMAP, location_ids, first, last)
