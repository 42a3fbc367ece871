-- The late-cancellation policy follows a booking through reschedules: moving a booking when
-- cancelling it would refund only part of its credits caps every later refund at that part
-- (a booking moved 90 minutes before its start and then cancelled refunds nothing, as
-- cancelling it directly would have). 100 = no cap.
ALTER TABLE bookings ADD COLUMN refund_cap_percent smallint NOT NULL DEFAULT 100
    CHECK (refund_cap_percent BETWEEN 0 AND 100);
