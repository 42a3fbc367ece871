-- An outbox row that cannot be published (its entry is over EventBridge's size limit, or it
-- failed every attempt) is parked: publishers stop claiming it, so it neither loops forever
-- nor keeps failing the rows batched with it. Parked rows stay for an operator to inspect,
-- fix and release (UPDATE outbox SET parked_at = NULL, attempts = 0 WHERE ...).
ALTER TABLE outbox ADD COLUMN parked_at timestamptz;

DROP INDEX IF EXISTS outbox_pending_idx;
CREATE INDEX outbox_pending_idx ON outbox (id) WHERE published_at IS NULL AND parked_at IS NULL;
CREATE INDEX outbox_parked_idx ON outbox (parked_at) WHERE parked_at IS NOT NULL;
