-- Limit actions carry bounded numbers (booking.domain.rules): a stored min_notice of 10^12
-- minutes overflowed the date arithmetic of every booking and availability request in its
-- scope. Rows saved before the bounds existed are clamped to them (the rule keeps its meaning:
-- the largest representable limit), and the table refuses unbounded values from now on.

CREATE FUNCTION booking_rule_action_bounded(action jsonb) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE action->>'type'
        WHEN 'min_duration' THEN (action->>'minutes')::numeric BETWEEN 1 AND 1440
        WHEN 'max_duration' THEN (action->>'minutes')::numeric BETWEEN 1 AND 1440
        WHEN 'min_notice' THEN (action->>'minutes')::numeric BETWEEN 0 AND 525600
        WHEN 'advance_window' THEN (action->>'days')::numeric BETWEEN 0 AND 365
        WHEN 'max_active_bookings' THEN (action->>'count')::numeric BETWEEN 0 AND 10000
        WHEN 'credit_cost' THEN coalesce((action->>'per_hour')::numeric, 0) BETWEEN 0 AND 1000000
            AND coalesce((action->>'flat')::numeric, 0) BETWEEN 0 AND 1000000
        ELSE true
    END
$$;

UPDATE booking_rules SET action = jsonb_set(action, '{minutes}',
        to_jsonb(greatest(1, least((action->>'minutes')::numeric, 1440))::integer))
    WHERE action->>'type' IN ('min_duration', 'max_duration')
      AND jsonb_typeof(action->'minutes') = 'number'
      AND NOT booking_rule_action_bounded(action);
UPDATE booking_rules SET action = jsonb_set(action, '{minutes}',
        to_jsonb(greatest(0, least((action->>'minutes')::numeric, 525600))::integer))
    WHERE action->>'type' = 'min_notice'
      AND jsonb_typeof(action->'minutes') = 'number'
      AND NOT booking_rule_action_bounded(action);
UPDATE booking_rules SET action = jsonb_set(action, '{count}',
        to_jsonb(greatest(0, least((action->>'count')::numeric, 10000))::integer))
    WHERE action->>'type' = 'max_active_bookings'
      AND jsonb_typeof(action->'count') = 'number'
      AND NOT booking_rule_action_bounded(action);
UPDATE booking_rules SET action = action
        || jsonb_build_object('per_hour',
            greatest(0, least(coalesce((action->>'per_hour')::numeric, 0), 1000000))::integer)
        || jsonb_build_object('flat',
            greatest(0, least(coalesce((action->>'flat')::numeric, 0), 1000000))::integer)
    WHERE action->>'type' = 'credit_cost' AND NOT booking_rule_action_bounded(action);

ALTER TABLE booking_rules
    ADD CONSTRAINT booking_rules_action_bounded CHECK (booking_rule_action_bounded(action));
