CREATE TABLE vendor (
    id              VARCHAR(64) PRIMARY KEY,
    name            VARCHAR(200) NOT NULL,
    default_region  CHAR(2)      NOT NULL,
    sealed_secret   TEXT         NOT NULL,
    enabled         BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at      TIMESTAMPTZ  NOT NULL
);

CREATE TABLE lead (
    id              UUID PRIMARY KEY,
    vendor_id       VARCHAR(64)  NOT NULL REFERENCES vendor (id),
    vendor_lead_id  VARCHAR(128) NOT NULL,
    contact_name    VARCHAR(200) NOT NULL,
    phone_e164      VARCHAR(20),
    email           VARCHAR(254),
    company         VARCHAR(200),
    region          VARCHAR(100),
    interest        VARCHAR(500),
    notes           VARCHAR(4000),
    signal_type     VARCHAR(40)  NOT NULL,
    signal_at       TIMESTAMPTZ  NOT NULL,
    received_at     TIMESTAMPTZ  NOT NULL,
    CONSTRAINT lead_vendor_lead_id_unique UNIQUE (vendor_id, vendor_lead_id)
);

-- Webhook message ids seen, so a replayed delivery creates nothing.
CREATE TABLE webhook_message (
    vendor_id    VARCHAR(64)  NOT NULL,
    message_id   VARCHAR(128) NOT NULL,
    lead_id      UUID         NOT NULL REFERENCES lead (id),
    received_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (vendor_id, message_id)
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
