CREATE TABLE rep (
    id                VARCHAR(64) PRIMARY KEY,
    name              VARCHAR(200) NOT NULL,
    capacity          INT          NOT NULL CHECK (capacity > 0),
    presence          VARCHAR(20)  NOT NULL,
    open_leads        INT          NOT NULL DEFAULT 0 CHECK (open_leads >= 0),
    last_assigned_at  TIMESTAMPTZ,
    updated_at        TIMESTAMPTZ  NOT NULL,
    CONSTRAINT rep_within_capacity CHECK (open_leads <= capacity)
);

CREATE TABLE assignment (
    id           BIGSERIAL PRIMARY KEY,
    lead_id      UUID         NOT NULL,
    rep_id       VARCHAR(64)  NOT NULL REFERENCES rep (id),
    assigned_at  TIMESTAMPTZ  NOT NULL,
    respond_by   TIMESTAMPTZ,
    reason       VARCHAR(500) NOT NULL,
    status       VARCHAR(20)  NOT NULL
);
-- One open assignment per lead, whatever races: the database is the last word.
CREATE UNIQUE INDEX assignment_one_open_per_lead ON assignment (lead_id) WHERE status = 'open';

-- Leads no eligible rep could take yet, served warmest first.
CREATE TABLE waiting_lead (
    lead_id     UUID PRIMARY KEY,
    score       INT          NOT NULL,
    tier        VARCHAR(10)  NOT NULL,
    respond_by  TIMESTAMPTZ,
    lead        TEXT         NOT NULL,
    queued_at   TIMESTAMPTZ  NOT NULL
);
CREATE INDEX waiting_lead_warmest ON waiting_lead (score DESC, queued_at);

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
