-- Kiosk sign-in: a member proves who they are at a club's door kiosk with a one-time code their
-- signed-in app shows (a QR token to scan, or six digits typed with their e-mail or phone),
-- never with an e-mail or phone alone. Redeeming a code opens a short kiosk session for that
-- member on that kiosk; walk-in, check-in and the pass at the kiosk act through the session.
--
-- Only hashes are stored: a database read does not yield a usable code, token or session.
CREATE TABLE kiosk_sign_in_codes (
    id          uuid PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- sha256 of the QR token (128 random bits) and of the typed code salted with the row id.
    token_hash  bytea NOT NULL UNIQUE,
    code_hash   bytea NOT NULL,
    issued_at   timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    -- Wrong typed codes against this member's live code; at the limit the code is burned.
    failures    integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
    redeemed_at timestamptz,
    CHECK (expires_at > issued_at)
);
-- One live code per member: issuing a new one burns the old (see the service).
CREATE INDEX kiosk_sign_in_codes_user_idx ON kiosk_sign_in_codes (user_id, expires_at DESC);

CREATE TABLE kiosk_sessions (
    session_hash bytea PRIMARY KEY,
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- The kiosk (its token's subject) and the location it serves: a session works only there.
    kiosk        text NOT NULL,
    location_id  uuid NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    ended_at     timestamptz,
    CHECK (expires_at > created_at)
);
CREATE INDEX kiosk_sessions_age_idx ON kiosk_sessions (expires_at);
