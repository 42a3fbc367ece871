-- Booking lifecycle: what the Step Functions tasks did for each booking, so a retried, repeated
-- or compensating step knows the UniFi visitor to update or delete and whether the bay's PC was
-- set up; plus the failures that reached the state machine's alert path.

CREATE TABLE booking_access (
    booking_id        uuid PRIMARY KEY REFERENCES bookings (id),
    -- The execution now in charge (the starter records it; older versions are stopped).
    execution_version integer,
    execution_arn     text,
    visitor_id        text,
    door_ids          text[] NOT NULL DEFAULT '{}',
    window_start      timestamptz,
    window_end        timestamptz,
    granted_at        timestamptz,
    revoked_at        timestamptz,
    pc_device_id      text,
    pc_setup_at       timestamptz,
    pc_cleaned_at     timestamptz,
    updated_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE lifecycle_alerts (
    id          bigserial PRIMARY KEY,
    booking_id  uuid,
    version     integer,
    state       text NOT NULL DEFAULT '',
    error       text NOT NULL DEFAULT '',
    cause       text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now(),
    resolved_at timestamptz
);
CREATE INDEX lifecycle_alerts_open_idx ON lifecycle_alerts (created_at) WHERE resolved_at IS NULL;
