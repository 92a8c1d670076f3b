-- The rep's shift from RepChanged (local to time_zone): callback and attempt reminders wait for it. Null until routing
-- describes it: round the clock.
ALTER TABLE rep ADD COLUMN shift_start VARCHAR(5);
ALTER TABLE rep ADD COLUMN shift_end VARCHAR(5);
ALTER TABLE rep ADD COLUMN days_off VARCHAR(100);
