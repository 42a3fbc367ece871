-- Waitlist with hold-and-offer. A hold is a bookings row with status 'held' under the same
-- exclusion constraint as bookings, so nobody can book over it while it stands; it carries an
-- expiry, after which it blocks nothing: availability ignores it, the next booking attempt on
-- that bay lapses it (and offers the slot to the next in line), and the housekeeping sweep
-- lapses the rest. Accepting a hold is one UPDATE of that row to 'confirmed'.

ALTER TABLE bookings DROP CONSTRAINT bookings_status_check;
ALTER TABLE bookings ADD CONSTRAINT bookings_status_check CHECK (status IN
    ('confirmed', 'checked_in', 'completed', 'cancelled', 'no_show', 'held', 'lapsed'));
ALTER TABLE bookings ADD COLUMN hold_expires_at timestamptz;
ALTER TABLE bookings ADD CONSTRAINT bookings_hold_has_expiry
    CHECK (status <> 'held' OR hold_expires_at IS NOT NULL);

ALTER TABLE bookings DROP CONSTRAINT bookings_no_overlap;
ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap
    EXCLUDE USING gist (resource_id WITH =, blocked WITH &&)
    WHERE (status IN ('confirmed', 'checked_in', 'held'));

-- The sweep finds expired holds without a scan.
CREATE INDEX bookings_hold_expiry_idx ON bookings (hold_expires_at) WHERE status = 'held';

-- A member waiting for a bay (resource_id), a bay type (resource_type) or any bay of a club,
-- for `minutes` somewhere in [window_start, window_end). `position` is the queue order.
CREATE TABLE waitlist_entries (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    position      bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    user_id       uuid NOT NULL REFERENCES users (id),
    location_id   uuid NOT NULL REFERENCES locations (id),
    resource_id   uuid REFERENCES resources (id),
    resource_type text CHECK (resource_type ~ '^[a-z][a-z_]*$'),
    window_start  timestamptz NOT NULL,
    window_end    timestamptz NOT NULL,
    minutes       integer NOT NULL CHECK (minutes BETWEEN 15 AND 720),
    party_size    integer NOT NULL DEFAULT 1 CHECK (party_size BETWEEN 1 AND 50),
    status        text NOT NULL DEFAULT 'waiting'
                  CHECK (status IN ('waiting', 'offered', 'booked', 'left', 'lapsed')),
    hold_id       uuid REFERENCES bookings (id),
    offers        integer NOT NULL DEFAULT 0 CHECK (offers >= 0),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CHECK (window_end >= window_start + make_interval(mins => minutes)),
    CHECK (status <> 'offered' OR hold_id IS NOT NULL)
);
CREATE INDEX waitlist_waiting_idx ON waitlist_entries (location_id, position)
    WHERE status = 'waiting';
CREATE INDEX waitlist_user_idx ON waitlist_entries (user_id, created_at);
CREATE UNIQUE INDEX waitlist_hold_idx ON waitlist_entries (hold_id) WHERE hold_id IS NOT NULL;
