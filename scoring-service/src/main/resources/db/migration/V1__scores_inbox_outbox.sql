CREATE TABLE lead_score (
    id              BIGSERIAL PRIMARY KEY,
    lead_id         UUID        NOT NULL,
    score           INT         NOT NULL,
    tier            VARCHAR(10) NOT NULL,
    model_version   INT         NOT NULL,
    factors         TEXT        NOT NULL,
    respond_by      TIMESTAMPTZ,
    scored_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX lead_score_lead ON lead_score (lead_id, scored_at);

-- Event ids this service has applied, recorded in the same transaction as the change.
CREATE TABLE processed_event (
    event_id      UUID PRIMARY KEY,
    processed_at  TIMESTAMPTZ NOT NULL
);
-- Transactional outbox: written in the same transaction as the state change, published by the relay.
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
