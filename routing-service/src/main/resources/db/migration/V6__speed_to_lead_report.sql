-- The speed-to-lead report's read model (ReportProjection): one row per lead assigned at least once, built from the
-- events on warmline.lead-assigned, warmline.follow-up-logged, warmline.lead-closed and warmline.deadline-lapsed,
-- read by a consumer group of its own (routing-service-report). Every update is idempotent and independent of the
-- order the four topics deliver in, so a redelivery changes nothing and replaying the topics from the start (reset
-- that group's offsets) rebuilds the table.
CREATE TABLE lead_report (
    lead_id            UUID PRIMARY KEY,
    vendor_id          TEXT,
    received_at        TIMESTAMPTZ,
    -- from the first assignment: the lead's own tier and deadline
    first_assignment   INT,
    tier               TEXT,
    respond_by         TIMESTAMPTZ,
    -- from the latest assignment: the team and rep the lead counts for
    latest_assignment  INT,
    team_id            TEXT,
    rep_id             TEXT,
    first_call_at      TIMESTAMPTZ,
    connected          BOOLEAN NOT NULL DEFAULT false,
    next_step          BOOLEAN NOT NULL DEFAULT false,
    closed_at          TIMESTAMPTZ,
    closure_reason     TEXT,
    -- the assignment numbers whose deadline lapsed (a set, so a lapse delivered twice counts once)
    lapsed_assignments INT[] NOT NULL DEFAULT '{}'
);

CREATE INDEX lead_report_received_at ON lead_report (received_at);
