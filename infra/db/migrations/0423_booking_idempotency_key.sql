-- A create with an Idempotency-Key stores the key (a hash of caller and key) and a hash of the
-- request on the booking, in the transaction that creates it. If the process dies after the
-- commit but before the idempotency record completes, the retry finds the booking here and
-- returns it instead of colliding with it. A key older than the idempotency window may be
-- used again (the old booking's key is cleared then), so the index can stay unique.
ALTER TABLE bookings
    ADD COLUMN idempotency_key text,
    ADD COLUMN idempotency_request text;
CREATE UNIQUE INDEX bookings_idempotency_key_idx ON bookings (idempotency_key)
    WHERE idempotency_key IS NOT NULL;
