-- The platform's part of every service's schema (platform/src/main/resources/db/platform, a repeatable
-- migration: each statement is idempotent and runs again whenever this file changes, after the service's own).

-- Transactional outbox: written in the transaction of the change it announces, published by the relay in order
-- per topic and record key. A row that fails to publish counts its attempts; after too many it is parked (kept,
-- with its error, until an operator re-queues it) and waits with the rows of its key behind it.
CREATE TABLE IF NOT EXISTS outbox_event (
    id              BIGSERIAL PRIMARY KEY,
    event_id        UUID         NOT NULL UNIQUE,
    event_type      VARCHAR(60)  NOT NULL,
    schema_version  INT          NOT NULL,
    topic           VARCHAR(200) NOT NULL,
    lead_id         UUID,
    occurred_at     TIMESTAMPTZ  NOT NULL,
    payload         TEXT         NOT NULL,
    claimed_until   TIMESTAMPTZ
);
ALTER TABLE outbox_event ALTER COLUMN lead_id DROP NOT NULL;
ALTER TABLE outbox_event ADD COLUMN IF NOT EXISTS record_key VARCHAR(100);
UPDATE outbox_event SET record_key = lead_id::text WHERE record_key IS NULL;
ALTER TABLE outbox_event ALTER COLUMN record_key SET NOT NULL;
ALTER TABLE outbox_event ADD COLUMN IF NOT EXISTS attempts INT NOT NULL DEFAULT 0;
ALTER TABLE outbox_event ADD COLUMN IF NOT EXISTS last_error TEXT;
ALTER TABLE outbox_event ADD COLUMN IF NOT EXISTS parked_at TIMESTAMPTZ;
-- When its failures started to count: a row is parked only once they have lasted (a topic still being created
-- right after the broker started is missing for seconds, not for good).
ALTER TABLE outbox_event ADD COLUMN IF NOT EXISTS first_failed_at TIMESTAMPTZ;
-- The relay's claim looks for an earlier row of the same topic and key.
CREATE INDEX IF NOT EXISTS outbox_event_topic_key ON outbox_event (topic, record_key, id);

-- Tells the relays listening on "<schema>_outbox" that events were written; NOTIFY is delivered at commit, and
-- not at all on a rollback, so a relay is woken exactly when there is something to publish.
CREATE OR REPLACE FUNCTION outbox_event_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify(TG_TABLE_SCHEMA || '_outbox', '');
    RETURN NULL;
END
$$;
CREATE OR REPLACE TRIGGER outbox_event_written AFTER INSERT ON outbox_event
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_written();

-- Inbox: the events this service applied, recorded in the transaction that applied them.
CREATE TABLE IF NOT EXISTS processed_event (
    event_id      UUID PRIMARY KEY,
    processed_at  TIMESTAMPTZ NOT NULL
);

-- Audit log: what operators did through the API (a vendor created, disabled or rotated, a model or policy changed,
-- events re-queued or replayed), written in the transaction of the change itself; never a secret or personal data.
CREATE TABLE IF NOT EXISTS audit_entry (
    id       BIGSERIAL    PRIMARY KEY,
    at       TIMESTAMPTZ  NOT NULL,
    actor    VARCHAR(200) NOT NULL,
    roles    VARCHAR(200) NOT NULL,
    action   VARCHAR(100) NOT NULL,
    subject  VARCHAR(200),
    detail   JSONB        NOT NULL DEFAULT '{}'
);
