-- League series: every occurrence is an ordinary booking carrying metadata.series_id; this
-- index finds a series' occurrences (cancel the rest, list the series) without a scan.
CREATE INDEX IF NOT EXISTS bookings_series_idx
    ON bookings ((metadata ->> 'series_id'), starts_at)
    WHERE metadata ? 'series_id';
