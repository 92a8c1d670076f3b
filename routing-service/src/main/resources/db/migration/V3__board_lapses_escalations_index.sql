-- The operators' board reads the last day's lapses and escalations every few seconds; without this it would scan
-- every lead's whole story.
CREATE INDEX timeline_entry_lapses_escalations ON timeline_entry (occurred_at DESC) WHERE kind IN ('lapsed', 'escalated');
