-- Scoring's own view of each lead: enough to re-score it as its signals age or new ones arrive, and to announce
-- the new score without asking intake. A row without details is a placeholder: a later lead linked to it arrived
-- before the lead itself, and its evidence waits here until the lead's own LeadReceived is applied.
CREATE TABLE lead (
    lead_id        UUID PRIMARY KEY,
    details        TEXT,         -- the lead's own LeadReceived data, passed on unchanged in every LeadScored
    received_at    TIMESTAMPTZ,  -- when its own LeadReceived was applied here
    score          INT,
    tier           VARCHAR(10),
    respond_by     TIMESTAMPTZ,
    model_version  INT,
    scored_at      TIMESTAMPTZ,
    checked_at     TIMESTAMPTZ,  -- last time the decay re-scorer (or any scoring) looked at it
    assigned_at    TIMESTAMPTZ   -- from routing's LeadAssigned: no longer waiting, so no longer re-scored
);
-- The decay re-scorer's work list: scored leads still waiting in a queue.
CREATE INDEX lead_waiting ON lead (checked_at) WHERE assigned_at IS NULL AND tier IN ('hot', 'warm', 'cool');

-- What each applied LeadReceived told us about a lead's intent. lead_id is the lead it counts for: its own, or
-- the earlier lead it was linked to (the same person sent again); source_lead_id is the lead id it arrived with.
CREATE TABLE lead_evidence (
    id              BIGSERIAL PRIMARY KEY,
    lead_id         UUID        NOT NULL,
    source_lead_id  UUID        NOT NULL,
    event_id        UUID        NOT NULL UNIQUE,
    signals         TEXT        NOT NULL,  -- JSON array of {type, occurredAt}
    notes           TEXT,
    arrived_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX lead_evidence_lead ON lead_evidence (lead_id);
CREATE INDEX lead_evidence_source ON lead_evidence (source_lead_id);

-- Every version of the warmth model, never changed once stored; the most recently activated one scores. The
-- order of activations comes from a sequence, not a clock, so replicas whose clocks differ still agree on it.
CREATE SEQUENCE warmth_model_activation;
CREATE TABLE warmth_model (
    version       INT PRIMARY KEY,
    definition    TEXT         NOT NULL,  -- JSON, as GET /models/{version} shows it
    created_at    TIMESTAMPTZ  NOT NULL,
    created_by    VARCHAR(100) NOT NULL,
    notes         TEXT,
    activation    BIGINT UNIQUE,          -- from warmth_model_activation: the highest is the active version
    activated_at  TIMESTAMPTZ
);

-- Why each score was given: the first one, a decay re-score or a new signal (and which lead brought it).
ALTER TABLE lead_score ADD COLUMN trigger VARCHAR(12) NOT NULL DEFAULT 'received';
ALTER TABLE lead_score ADD COLUMN source_lead_id UUID;
