-- The transaction that applied each probe: how a test tells a batch applied in one transaction from one per event.
ALTER TABLE probe_applied ADD COLUMN tx BIGINT NOT NULL DEFAULT txid_current();
