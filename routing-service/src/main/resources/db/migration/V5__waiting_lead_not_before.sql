-- A lead whose call window opens later waits in the queue, offered to nobody before not_before (the window's
-- start); the queue sweep offers it from then on. A row, so the wait survives restarts.
ALTER TABLE waiting_lead ADD COLUMN not_before TIMESTAMPTZ;
