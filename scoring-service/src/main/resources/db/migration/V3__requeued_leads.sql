-- A lead that goes back to routing's queue (a lapse, a decline, its rep gone offline) waits again: decay
-- re-scoring takes it up from its last requeue. Events arrive from two topics in any order, so both times are
-- kept (the latest of each): a lead waits when it was never assigned, or was requeued after its last assignment.
ALTER TABLE lead ADD COLUMN requeued_at timestamptz;
DROP INDEX lead_waiting;
CREATE INDEX lead_waiting ON lead (checked_at)
    WHERE (assigned_at IS NULL OR requeued_at > assigned_at) AND tier IN ('hot', 'warm', 'cool');
