-- Staff dashboard: who moved credits, what staff did to bookings and why, and finding members
-- by a fragment of their name, e-mail or phone.

-- Who wrote a ledger row (a staff member's or admin's subject; empty for the platform itself).
-- The row's note says why.
ALTER TABLE credit_ledger ADD COLUMN actor text NOT NULL DEFAULT '';

-- What staff did and why: refund overrides, moves, check-ins, bookings made for a member,
-- credit grants, dead-letter replays. Append-only; the booking's timeline reads it.
CREATE TABLE staff_actions (
    id          bigserial PRIMARY KEY,
    actor       text NOT NULL,
    action      text NOT NULL CHECK (action ~ '^[a-z][a-z_.]*$'),
    reason      text NOT NULL DEFAULT '',
    booking_id  uuid REFERENCES bookings (id),
    user_id     uuid REFERENCES users (id),
    location_id uuid REFERENCES locations (id),
    details     jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX staff_actions_booking_idx ON staff_actions (booking_id, id) WHERE booking_id IS NOT NULL;
CREATE INDEX staff_actions_user_idx ON staff_actions (user_id, id) WHERE user_id IS NOT NULL;

-- Substring search on members (ILIKE '%fragment%') uses trigram indexes.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX users_name_trgm_idx ON users USING gin (lower(name) gin_trgm_ops);
CREATE INDEX users_email_trgm_idx ON users USING gin (lower(email) gin_trgm_ops);
CREATE INDEX users_phone_trgm_idx ON users USING gin (phone gin_trgm_ops);

-- Booking search by time across a staff member's locations, and the outbox read per booking
-- for its timeline.
CREATE INDEX bookings_starts_idx ON bookings (starts_at, id);
CREATE INDEX outbox_aggregate_idx ON outbox (aggregate_id, id);
