-- What notification knows of each lead's progress, whatever order routing's three topics delivered it in (the newest
-- assignment, the newest follow-up, closed). Every consumer of a lead's events locks this row first, so a follow-up
-- and an assignment applied at once on two replicas see each other's effect.
CREATE TABLE lead_progress (
    lead_id            UUID PRIMARY KEY,
    assignment_number  INT          NOT NULL DEFAULT 0,
    assigned_at        TIMESTAMPTZ,
    followed_up_at     TIMESTAMPTZ,
    closed_at          TIMESTAMPTZ
);
-- Leads already assigned keep their assignment; a follow-up or close applied before this table existed has already
-- cancelled what it had to.
INSERT INTO lead_progress (lead_id, assignment_number, assigned_at)
SELECT lead_id, assignment_number, assigned_at FROM lead_assignment;
