-- The prospect's time zone for their call window: given by the vendor, or derived from the phone number.
ALTER TABLE lead ADD COLUMN preferred_call_time_zone VARCHAR(64);
