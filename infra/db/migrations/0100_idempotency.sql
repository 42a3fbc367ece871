-- Idempotency records for AWS Lambda Powertools (booking.adapters.postgres.idempotency).
-- One row per idempotency key; Powertools owns the semantics of every column:
--   expiry_timestamp              epoch seconds after which the record may be replaced
--   in_progress_expiry_timestamp  epoch milliseconds after which an INPROGRESS record may be
--                                 taken over (the invocation that wrote it timed out)
--   data                          the serialised response of a COMPLETED execution
--   validation                    hash of the payload part checked by payload_validation_jmespath
CREATE TABLE IF NOT EXISTS idempotency_record (
    id                           text PRIMARY KEY,
    expiry_timestamp             bigint NOT NULL,
    in_progress_expiry_timestamp bigint NULL,
    status                       text NOT NULL
        CHECK (status IN ('INPROGRESS', 'COMPLETED', 'EXPIRED')),
    data                         text NULL,
    validation                   text NULL
);

-- Expired rows are only ever overwritten, never read; housekeeping deletes them in bulk.
CREATE INDEX IF NOT EXISTS idempotency_record_expiry_idx
    ON idempotency_record (expiry_timestamp);
