-- A delivery is claimed one at a time, just before it is sent, until the database's now() + a lease that outlasts one
-- send; the claim token makes the outcome land only for the claim that sent it. (Before, a batch was leased for a
-- minute by the instance's own clock and then sent one by one, so the rows late in a slow batch outlived the lease.)
ALTER TABLE delivery ADD COLUMN claimed_until TIMESTAMPTZ;
ALTER TABLE delivery ADD COLUMN claim UUID;
