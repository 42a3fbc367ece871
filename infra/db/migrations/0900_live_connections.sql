-- Live updates: the WebSocket connections API Gateway holds open, and what each one follows.
--
-- $connect inserts the connection with the caller's role and the locations its token serves;
-- a subscribe message adds (location, day) pairs; $disconnect deletes the row. The broadcaster
-- reads the subscribers of the days a booking event touches and deletes a connection whose
-- post answers GoneException (the client went away without a clean $disconnect).
CREATE TABLE live_connections (
    connection_id text PRIMARY KEY CHECK (length(connection_id) BETWEEN 1 AND 128),
    role          text NOT NULL,
    subject       text NOT NULL DEFAULT '',
    user_id       uuid,
    -- The locations a staff or kiosk token serves ('{}' for members: they see public slots only).
    location_ids  uuid[] NOT NULL DEFAULT '{}',
    -- HQ staff: the token's explicit wildcard, every location.
    all_locations boolean NOT NULL DEFAULT false,
    connected_at  timestamptz NOT NULL DEFAULT now(),
    -- The token's expiry: nothing is pushed to a connection after it (the client reconnects).
    expires_at    timestamptz NOT NULL
);
CREATE INDEX live_connections_age_idx ON live_connections (connected_at);

CREATE TABLE live_subscriptions (
    connection_id text NOT NULL REFERENCES live_connections (connection_id) ON DELETE CASCADE,
    location_id   uuid NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
    day           date NOT NULL,
    PRIMARY KEY (connection_id, location_id, day)
);
-- The broadcaster's lookup: who follows this location on this day.
CREATE INDEX live_subscriptions_day_idx ON live_subscriptions (location_id, day);
