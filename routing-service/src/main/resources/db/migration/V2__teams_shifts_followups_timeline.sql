-- Teams: each picks its own routing strategy; round robin remembers whom it picked last.
CREATE TABLE team (
    id            VARCHAR(64)  PRIMARY KEY,
    name          VARCHAR(200) NOT NULL,
    strategy      VARCHAR(30)  NOT NULL,
    lead_rep_id   VARCHAR(64),
    last_rep_id   VARCHAR(64),
    updated_at    TIMESTAMPTZ  NOT NULL
);
-- Reps created before teams existed, and reps created with just a name, belong here.
INSERT INTO team (id, name, strategy, updated_at) VALUES ('default', 'Default team', 'least_loaded', now());

-- Defaults keep a rep created with just a name and capacity national, selling everything, always on shift.
ALTER TABLE rep
    ADD COLUMN email             VARCHAR(200),
    ADD COLUMN team_id           VARCHAR(64)  NOT NULL DEFAULT 'default' REFERENCES team (id),
    ADD COLUMN territories       VARCHAR(1000) NOT NULL DEFAULT 'national',
    ADD COLUMN products          VARCHAR(1000) NOT NULL DEFAULT '',
    ADD COLUMN time_zone         VARCHAR(60)  NOT NULL DEFAULT 'UTC',
    ADD COLUMN shift_start       TIME         NOT NULL DEFAULT '00:00',
    ADD COLUMN shift_end         TIME         NOT NULL DEFAULT '00:00',
    ADD COLUMN days_off          VARCHAR(100) NOT NULL DEFAULT '',
    ADD COLUMN conversion_rate   DOUBLE PRECISION NOT NULL DEFAULT 0 CHECK (conversion_rate BETWEEN 0 AND 1),
    ADD COLUMN weight            INT          NOT NULL DEFAULT 1 CHECK (weight > 0),
    ADD COLUMN assigned_total    BIGINT       NOT NULL DEFAULT 0,
    ADD COLUMN last_heartbeat_at TIMESTAMPTZ,
    ADD COLUMN active            BOOLEAN      NOT NULL DEFAULT TRUE;
CREATE INDEX rep_team ON rep (team_id);

-- Every lead routing has seen, with what a reassignment needs to place it again.
CREATE TABLE routed_lead (
    lead_id            UUID PRIMARY KEY,
    score              INT          NOT NULL,
    tier               VARCHAR(10)  NOT NULL,
    respond_by         TIMESTAMPTZ,
    received_at        TIMESTAMPTZ,
    region             VARCHAR(200),
    product            VARCHAR(200),
    lead               TEXT         NOT NULL,
    status             VARCHAR(20)  NOT NULL,
    assignments        INT          NOT NULL DEFAULT 0,
    lapses             INT          NOT NULL DEFAULT 0,
    follow_ups         INT          NOT NULL DEFAULT 0,
    unanswered_in_a_row INT         NOT NULL DEFAULT 0,
    closed_reason      VARCHAR(30),
    closed_at          TIMESTAMPTZ
);
INSERT INTO routed_lead (lead_id, score, tier, respond_by, lead, status, assignments)
SELECT lead_id, score, tier, respond_by, lead, 'waiting', 0 FROM waiting_lead;
INSERT INTO routed_lead (lead_id, score, tier, respond_by, lead, status, assignments)
SELECT DISTINCT ON (lead_id) lead_id, 0, 'warm', respond_by, '{}', 'assigned', 1 FROM assignment
ON CONFLICT DO NOTHING;
-- The queue now only orders leads; their details live in routed_lead.
ALTER TABLE waiting_lead DROP COLUMN lead;

-- A reassigned lead waiting again must not go back to the rep it lapsed with.
ALTER TABLE waiting_lead ADD COLUMN excluded_rep_id VARCHAR(64);

-- The assignment history answers "why did she get it?" and "was anyone ever over capacity?".
ALTER TABLE assignment
    ADD COLUMN assignment_number   INT          NOT NULL DEFAULT 1,
    ADD COLUMN previous_rep_id     VARCHAR(64),
    ADD COLUMN team_id             VARCHAR(64),
    ADD COLUMN strategy            VARCHAR(30),
    ADD COLUMN candidates          VARCHAR(4000),
    ADD COLUMN released_at         TIMESTAMPTZ,
    ADD COLUMN first_follow_up_at  TIMESTAMPTZ,
    ADD COLUMN acknowledged_at     TIMESTAMPTZ;
ALTER TABLE assignment ALTER COLUMN reason TYPE VARCHAR(4000);
CREATE UNIQUE INDEX assignment_number_per_lead ON assignment (lead_id, assignment_number);
CREATE INDEX assignment_rep ON assignment (rep_id, status);
-- status: open (holds one of the rep's capacity until the first connected call), working (connected, the rep
-- keeps the lead and its next step), closed, lapsed, declined, withdrawn (the rep went offline before calling).
DROP INDEX assignment_one_open_per_lead;
CREATE UNIQUE INDEX assignment_one_current_per_lead ON assignment (lead_id) WHERE status IN ('open', 'working');

CREATE TABLE follow_up (
    id             BIGSERIAL PRIMARY KEY,
    lead_id        UUID         NOT NULL,
    rep_id         VARCHAR(64)  NOT NULL,
    assignment_id  BIGINT       NOT NULL REFERENCES assignment (id),
    attempt        INT          NOT NULL,
    outcome        VARCHAR(20)  NOT NULL,
    objection      VARCHAR(30),
    next_step      VARCHAR(30)  NOT NULL,
    due_at         TIMESTAMPTZ,
    notes          VARCHAR(2000),
    logged_at      TIMESTAMPTZ  NOT NULL,
    logged_by      VARCHAR(64)  NOT NULL,
    UNIQUE (lead_id, attempt)
);

-- The lead's story for operators, one row per step, ours and those other services tell us.
CREATE TABLE timeline_entry (
    id           BIGSERIAL PRIMARY KEY,
    lead_id      UUID         NOT NULL,
    kind         VARCHAR(30)  NOT NULL,
    occurred_at  TIMESTAMPTZ  NOT NULL,
    rep_id       VARCHAR(64),
    detail       TEXT         NOT NULL
);
CREATE INDEX timeline_entry_lead ON timeline_entry (lead_id, occurred_at, id);

-- Roster events are keyed by rep id and carry no lead.
ALTER TABLE outbox_event ALTER COLUMN lead_id DROP NOT NULL;
ALTER TABLE outbox_event ADD COLUMN record_key VARCHAR(100);
