-- Escalation policies as data, versioned like the scoring model: an edit inserts the next version, an assignment
-- keeps the version it started with. team_id '*' is the tier's default for teams without their own policy.
CREATE TABLE escalation_policy (
    tier        VARCHAR(10)  NOT NULL,
    team_id     VARCHAR(100) NOT NULL,
    version     INT          NOT NULL,
    definition  TEXT         NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    created_by  VARCHAR(100) NOT NULL,
    PRIMARY KEY (tier, team_id, version)
);
-- The one-hour rule from the architecture, as each tier's default until an operator edits it.
INSERT INTO escalation_policy (tier, team_id, version, definition, created_at, created_by)
SELECT tier, '*', 1, '{"steps":[' ||
       '{"offset":"PT10M","target":"rep","message":"Reminder: call this lead now"},' ||
       '{"offset":"PT20M","target":"rep","message":"Second reminder: the lead is cooling"},' ||
       '{"offset":"PT30M","target":"team_lead","message":"Not called after 30 minutes"},' ||
       '{"offset":"PT45M","target":"operator","message":"Not called after 45 minutes"}],' ||
       '"repeatEvery":null,"deadline":"PT60M"}', now(), 'migration'
  FROM (VALUES ('hot'), ('warm'), ('cool'), ('cold')) AS tiers (tier);

-- The current assignment of each lead: what the deadline event and the reminders are about.
CREATE TABLE lead_assignment (
    lead_id            UUID PRIMARY KEY,
    assignment_number  INT          NOT NULL,
    rep_id             VARCHAR(100) NOT NULL,
    team_id            VARCHAR(100),
    tier               VARCHAR(10),
    assigned_at        TIMESTAMPTZ  NOT NULL,
    respond_by         TIMESTAMPTZ,
    policy_version     INT          NOT NULL,
    alert_id           BIGINT       NOT NULL
);

-- Durable timers: one row per step, repeat, deadline or callback. Claimed by whichever replica gets there first
-- (FOR UPDATE SKIP LOCKED) and marked fired in the transaction that records what it caused.
CREATE TABLE escalation_timer (
    id                 BIGSERIAL PRIMARY KEY,
    lead_id            UUID         NOT NULL,
    assignment_number  INT          NOT NULL,
    rep_id             VARCHAR(100) NOT NULL,
    kind               VARCHAR(10)  NOT NULL,
    step               INT          NOT NULL,
    target             VARCHAR(20),
    message            VARCHAR(500) NOT NULL,
    due_at             TIMESTAMPTZ  NOT NULL,
    state              VARCHAR(10)  NOT NULL DEFAULT 'pending',
    fired_at           TIMESTAMPTZ,
    fired_by           VARCHAR(100)
);
CREATE INDEX escalation_timer_due ON escalation_timer (due_at) WHERE state = 'pending';
CREATE INDEX escalation_timer_lead ON escalation_timer (lead_id) WHERE state = 'pending';

-- Who to reach and how: a copy of routing's roster, from RepChanged.
CREATE TABLE rep (
    rep_id             VARCHAR(100) PRIMARY KEY,
    name               VARCHAR(200),
    email              VARCHAR(320),
    team_id            VARCHAR(100),
    team_lead_rep_id   VARCHAR(100),
    team_lead_email    VARCHAR(320),
    time_zone          VARCHAR(60),
    active             BOOLEAN      NOT NULL
);

-- A rep's browsers, registered by the rep's client; removed when the push service says it expired (404/410).
CREATE TABLE push_subscription (
    id          BIGSERIAL PRIMARY KEY,
    rep_id      VARCHAR(100)  NOT NULL,
    endpoint    VARCHAR(2000) NOT NULL UNIQUE,
    p256dh      VARCHAR(200)  NOT NULL,
    auth        VARCHAR(100)  NOT NULL,
    created_at  TIMESTAMPTZ   NOT NULL
);
CREATE INDEX push_subscription_rep ON push_subscription (rep_id);

-- One notice on one channel to one recipient: its status, attempts and next retry. Written pending in the
-- transaction that decided to send it; a failed one hands over to its channel's fallback.
CREATE TABLE delivery (
    id               BIGSERIAL PRIMARY KEY,
    lead_id          UUID          NOT NULL,
    timer_id         BIGINT,
    channel          VARCHAR(20)   NOT NULL,
    recipient        VARCHAR(320)  NOT NULL,
    notice           TEXT          NOT NULL,
    status           VARCHAR(10)   NOT NULL DEFAULT 'pending',
    attempts         INT           NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ   NOT NULL,
    last_error       VARCHAR(500),
    created_at       TIMESTAMPTZ   NOT NULL,
    delivered_at     TIMESTAMPTZ
);
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE status = 'pending';
CREATE INDEX delivery_lead ON delivery (lead_id);
