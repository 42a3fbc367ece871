-- Integrations: consumer idempotency, the HubSpot sync watermark, marketing trigger state.

-- One row per (consumer, event) whose effect happened. A consumer inserts its row in the same
-- transaction that it commits only after the effect succeeded, so a redelivered event (EventBridge
-- delivers at least once) finds the row and does nothing; a concurrent duplicate waits on the
-- primary key until the first one commits or rolls back.
CREATE TABLE processed_events (
    consumer     text NOT NULL,
    event_id     uuid NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
CREATE INDEX processed_events_age_idx ON processed_events (processed_at);

-- Small key/value state of the integrations, e.g. the HubSpot sync's lastmodifieddate watermark.
CREATE TABLE integration_state (
    key        text PRIMARY KEY,
    value      jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- When each marketing trigger last fired for a member (first.booking fires once; frequent.booker
-- and win.back may fire again after their window).
CREATE TABLE marketing_triggers (
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    trigger    text NOT NULL CHECK (trigger IN ('first.booking', 'frequent.booker', 'win.back')),
    fired_at   timestamptz NOT NULL,
    PRIMARY KEY (user_id, trigger)
);

-- The sweeper's lag query and the per-event publish lookups.
CREATE INDEX outbox_pending_created_idx ON outbox (created_at) WHERE published_at IS NULL;
