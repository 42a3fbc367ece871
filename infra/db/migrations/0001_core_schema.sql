-- Core schema: locations, bays, members, credit ledger, bookings, rules, blackouts, outbox.
-- Non-overlap of active bookings is the database's job (EXCLUDE USING gist), and the credit
-- balance can only move through the ledger (a trigger), so no code path can skip either.

CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE locations (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    slug          text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]*$'),
    name          text NOT NULL CHECK (length(name) > 0),
    address       text NOT NULL DEFAULT '',
    time_zone     text NOT NULL,
    -- {"mon": [["06:00", "02:00"]], ...}: a close at or before the open means "after midnight";
    -- "24:00" is the end of the day; [["00:00", "24:00"]] on every day is 24/7.
    opening_hours jsonb NOT NULL,
    settings      jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE resources (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    location_id        uuid NOT NULL REFERENCES locations (id),
    name               text NOT NULL CHECK (length(name) > 0),
    type               text NOT NULL CHECK (type ~ '^[a-z][a-z_]*$'),
    capacity           integer NOT NULL DEFAULT 1 CHECK (capacity > 0),
    buffer_minutes     integer NOT NULL DEFAULT 0 CHECK (buffer_minutes BETWEEN 0 AND 240),
    unifi_door_ids     text[] NOT NULL DEFAULT '{}',
    ninjaone_device_id text,
    status             text NOT NULL DEFAULT 'active'
                       CHECK (status IN ('active', 'maintenance', 'unhealthy')),
    metadata           jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (location_id, name)
);
CREATE INDEX resources_location_idx ON resources (location_id);

CREATE TABLE users (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    hubspot_id  text UNIQUE,
    email       text NOT NULL CHECK (position('@' in email) > 1),
    phone       text,
    name        text NOT NULL DEFAULT '',
    tier        text NOT NULL DEFAULT 'standard',
    tags        text[] NOT NULL DEFAULT '{}',
    preferences jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE INDEX users_phone_idx ON users (phone);

-- The balance is a cache of the ledger's sum, kept by the trigger below; the CHECK is what makes
-- "never negative" hold under concurrent debits (the row lock serialises them).
CREATE TABLE credit_accounts (
    user_id    uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    balance    integer NOT NULL DEFAULT 0 CHECK (balance >= 0),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION users_open_credit_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO credit_accounts (user_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
    RETURN NEW;
END $$;
CREATE TRIGGER users_open_credit_account AFTER INSERT ON users
    FOR EACH ROW EXECUTE FUNCTION users_open_credit_account();

CREATE TABLE bookings (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id      uuid NOT NULL REFERENCES users (id),
    resource_id  uuid NOT NULL REFERENCES resources (id),
    location_id  uuid NOT NULL REFERENCES locations (id),
    starts_at    timestamptz NOT NULL,
    ends_at      timestamptz NOT NULL,
    -- [starts_at, ends_at + the bay's turnover buffer): set by trigger, used by the exclusion.
    blocked      tstzrange NOT NULL,
    party_size   integer NOT NULL DEFAULT 1 CHECK (party_size > 0),
    status       text NOT NULL DEFAULT 'confirmed'
                 CHECK (status IN ('confirmed', 'checked_in', 'completed', 'cancelled', 'no_show')),
    version      integer NOT NULL DEFAULT 1 CHECK (version > 0),
    source       text NOT NULL DEFAULT 'api' CHECK (source IN ('api', 'kiosk', 'clubos', 'admin')),
    credit_cost  integer NOT NULL DEFAULT 0 CHECK (credit_cost >= 0),
    metadata     jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    checked_in_at timestamptz,
    cancelled_at timestamptz,
    CHECK (ends_at > starts_at),
    CONSTRAINT bookings_no_overlap EXCLUDE USING gist (resource_id WITH =, blocked WITH &&)
        WHERE (status IN ('confirmed', 'checked_in'))
);
CREATE INDEX bookings_user_idx ON bookings (user_id, starts_at);
CREATE INDEX bookings_location_idx ON bookings (location_id, starts_at);
CREATE INDEX bookings_resource_idx ON bookings (resource_id, starts_at);

CREATE FUNCTION bookings_set_blocked() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    buffer integer;
    loc uuid;
BEGIN
    SELECT r.buffer_minutes, r.location_id INTO buffer, loc FROM resources r WHERE r.id = NEW.resource_id;
    IF loc IS NULL THEN
        RAISE EXCEPTION 'resource % does not exist', NEW.resource_id USING ERRCODE = 'foreign_key_violation';
    END IF;
    NEW.location_id := loc;
    NEW.blocked := tstzrange(NEW.starts_at, NEW.ends_at + make_interval(mins => buffer), '[)');
    RETURN NEW;
END $$;
CREATE TRIGGER bookings_set_blocked BEFORE INSERT OR UPDATE OF starts_at, ends_at, resource_id
    ON bookings FOR EACH ROW EXECUTE FUNCTION bookings_set_blocked();

CREATE TABLE credit_ledger (
    id            bigserial PRIMARY KEY,
    user_id       uuid NOT NULL REFERENCES users (id),
    booking_id    uuid REFERENCES bookings (id),
    delta         integer NOT NULL CHECK (delta <> 0),
    reason        text NOT NULL CHECK (reason IN
                  ('grant', 'sync', 'booking_debit', 'booking_modify', 'cancellation_refund', 'adjustment')),
    balance_after integer NOT NULL,
    note          text NOT NULL DEFAULT '',
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX credit_ledger_user_idx ON credit_ledger (user_id, id);
CREATE INDEX credit_ledger_booking_idx ON credit_ledger (booking_id);

CREATE FUNCTION credit_ledger_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE credit_accounts SET balance = balance + NEW.delta, updated_at = now()
        WHERE user_id = NEW.user_id
        RETURNING balance INTO NEW.balance_after;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no credit account for user %', NEW.user_id USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER credit_ledger_apply BEFORE INSERT ON credit_ledger
    FOR EACH ROW EXECUTE FUNCTION credit_ledger_apply();

CREATE TABLE booking_rules (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name        text NOT NULL UNIQUE CHECK (length(name) > 0),
    description text NOT NULL DEFAULT '',
    scope       text NOT NULL DEFAULT 'all'
                CHECK (scope IN ('all', 'location', 'resource_type', 'resource')),
    scope_ref   text,
    condition   text NOT NULL DEFAULT 'true',
    action      jsonb NOT NULL CHECK (action ? 'type'),
    priority    integer NOT NULL DEFAULT 100,
    active      boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CHECK ((scope = 'all') = (scope_ref IS NULL))
);

CREATE TABLE blackouts (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    location_id uuid REFERENCES locations (id),
    resource_id uuid REFERENCES resources (id),
    period      tstzrange NOT NULL CHECK (NOT isempty(period)),
    reason      text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK ((location_id IS NULL) <> (resource_id IS NULL))
);
CREATE INDEX blackouts_period_idx ON blackouts USING gist (period);

-- Written in the same transaction as each booking change; published after commit (or by the
-- sweeper), oldest first.
CREATE TABLE outbox (
    id           bigserial PRIMARY KEY,
    event_id     uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
    aggregate_id uuid NOT NULL,
    detail_type  text NOT NULL,
    detail       jsonb NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz,
    attempts     integer NOT NULL DEFAULT 0,
    last_error   text
);
CREATE INDEX outbox_pending_idx ON outbox (id) WHERE published_at IS NULL;
