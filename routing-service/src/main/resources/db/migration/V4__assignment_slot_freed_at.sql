-- When an assignment stopped holding one of its rep's capacity (the first connected call, or its end while still
-- uncalled). With assigned_at it gives each rep's load at any instant: both are read while the rep row is locked,
-- so they order the changes to one rep as they really happened.
ALTER TABLE assignment ADD COLUMN slot_freed_at TIMESTAMPTZ;
-- Assignments written before: the first connected call logged on them, else their end (same instants as written).
UPDATE assignment a
   SET slot_freed_at = COALESCE((SELECT min(f.logged_at) FROM follow_up f
                                  WHERE f.assignment_id = a.id AND f.outcome = 'connected'), a.released_at)
 WHERE a.status <> 'open';
