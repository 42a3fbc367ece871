-- Each accepted scan of a QR pass, so a captured code cannot be shown again.
--
-- A token is bound to its 30-second rotation step and accepted during that step and the next;
-- without a record, a photo of the screen opens the door again within that minute. One use per
-- (booking, step, door): the member's app shows a new token every step, and the same token
-- may still open a second door (entrance, then bay) once each.
CREATE TABLE pass_uses (
    booking_id uuid NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
    step       bigint NOT NULL,
    door_id    text NOT NULL,
    used_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (booking_id, step, door_id)
);
CREATE INDEX pass_uses_used_at_idx ON pass_uses (used_at);
