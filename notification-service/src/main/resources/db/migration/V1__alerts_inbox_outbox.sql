-- One alert pushed to a rep; the id doubles as the server-sent event id, so a reconnecting stream resumes after it.
CREATE TABLE alert (
    id          BIGSERIAL PRIMARY KEY,
    lead_id     UUID         NOT NULL,
    rep_id      VARCHAR(100) NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    payload     TEXT         NOT NULL
);
CREATE INDEX alert_rep ON alert (rep_id, id);

-- Event ids this service has applied, recorded in the same transaction as the change.
CREATE TABLE processed_event (
    event_id      UUID PRIMARY KEY,
    processed_at  TIMESTAMPTZ NOT NULL
);
-- Transactional outbox: written in the same transaction as the state change, published by the relay.
-- Nothing writes it yet (this service produces no event so far); it is here so every service has the same shape.
CREATE TABLE outbox_event (
    id              BIGSERIAL PRIMARY KEY,
    event_id        UUID         NOT NULL UNIQUE,
    event_type      VARCHAR(60)  NOT NULL,
    schema_version  INT          NOT NULL,
    topic           VARCHAR(200) NOT NULL,
    lead_id         UUID         NOT NULL,
    occurred_at     TIMESTAMPTZ  NOT NULL,
    payload         TEXT         NOT NULL,
    claimed_until   TIMESTAMPTZ
);
