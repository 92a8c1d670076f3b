-- The claim of due timers (state = 'pending' AND due_at <= now, ORDER BY due_at) must read escalation_timer_due and
-- stop after its batch. escalation_timer_lead was partial on the same predicate, so it matched the claim too: with
-- statistics that underestimate the pending rows (after a bulk change, before the next analyze) the planner took it
-- and every claim read every pending timer, a second per claim with a million pending. Without a predicate it serves
-- lookups by lead only (cancelling a lead's pending timers), which is all it was for.
DROP INDEX escalation_timer_lead;
CREATE INDEX escalation_timer_lead ON escalation_timer (lead_id);
