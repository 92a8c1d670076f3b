-- Personal data that expires and can be erased (README "Security and personal data"): an erased lead keeps what
-- metrics and the vendor's status need (ids, vendor, signal, region, times, consent, milestones) and loses the
-- contact's name, phone, email, postcode, interest and notes; erased_at says when.
ALTER TABLE lead ALTER COLUMN contact_name DROP NOT NULL;
ALTER TABLE lead ADD COLUMN erased_at TIMESTAMPTZ;
-- The retention job's work list: closed leads, oldest closure first.
CREATE INDEX lead_milestone_closed ON lead_milestone (occurred_at, lead_id) WHERE milestone = 'closed';
