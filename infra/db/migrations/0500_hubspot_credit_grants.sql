-- Credits granted in HubSpot enter the ledger as grants, never as an overwrite of the balance.
--
-- HubSpot's contact property `booking_credits_granted` is the running total of credits granted
-- to the member there. Each time the sync sees a higher total than it already applied, the
-- difference is recorded as one ledger grant, keyed by (member, total): the total is the
-- grant's version, so seeing the same contact again (every PATCH by our consumer bumps its
-- lastmodifieddate) grants nothing, and credits spent in between stay spent.
CREATE TABLE hubspot_credit_grants (
    user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    granted_total integer NOT NULL CHECK (granted_total > 0),
    delta         integer NOT NULL CHECK (delta > 0),
    ledger_id     bigint NOT NULL REFERENCES credit_ledger (id),
    contact_id    text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, granted_total)
);
