-- Secret rotation: the replaced secret stays valid until previous_secret_valid_until, so a vendor can switch over.
-- requests_per_minute: the vendor's rate limit; NULL means the service default (warmline.intake.requests-per-minute).
ALTER TABLE vendor
    ADD COLUMN previous_sealed_secret      TEXT,
    ADD COLUMN previous_secret_valid_until TIMESTAMPTZ,
    ADD COLUMN requests_per_minute         INT CHECK (requests_per_minute > 0);

-- Optional lead fields; linked_lead_id: the earlier lead of another vendor for the same person (phone or email).
ALTER TABLE lead
    ADD COLUMN postcode              VARCHAR(16),
    ADD COLUMN preferred_call_from   TIMESTAMPTZ,
    ADD COLUMN preferred_call_to     TIMESTAMPTZ,
    ADD COLUMN consent_granted       BOOLEAN,
    ADD COLUMN consent_recorded_at   TIMESTAMPTZ,
    ADD COLUMN consent_method        VARCHAR(200),
    ADD COLUMN linked_lead_id        UUID REFERENCES lead (id);

-- Finding the same person's earlier lead is an index range scan, not a table scan, at every intake.
CREATE INDEX lead_phone_received ON lead (phone_e164, received_at) WHERE phone_e164 IS NOT NULL;
CREATE INDEX lead_email_received ON lead (email, received_at) WHERE email IS NOT NULL;

-- What a vendor may see of a lead's progress. Intake writes 'received'; consumers of the other services' events
-- add the later milestones (assigned, followed_up, closed), each at most once per event id, so a redelivered
-- event changes nothing. Append-only: the status is read from all of a lead's rows.
CREATE TABLE lead_milestone (
    id           BIGSERIAL PRIMARY KEY,
    lead_id      UUID         NOT NULL REFERENCES lead (id),
    milestone    VARCHAR(30)  NOT NULL,
    occurred_at  TIMESTAMPTZ  NOT NULL,
    outcome      VARCHAR(60),
    event_id     UUID UNIQUE
);
CREATE INDEX lead_milestone_lead ON lead_milestone (lead_id);

-- Old message ids are purged: a delivery older than the signature tolerance is refused before its id matters.
CREATE INDEX webhook_message_received ON webhook_message (received_at);
