-- A rep's alerts are numbered per rep under a row lock held until the alert's transaction commits, so the numbers of
-- one rep commit in order whichever replica stores them: a stream resuming after Last-Event-ID n (a position) reads
-- position > n and can skip nothing. Alert ids come from a sequence before commit, so they could not promise that.
CREATE TABLE rep_stream (
    rep_id         VARCHAR(100) PRIMARY KEY,
    last_position  BIGINT       NOT NULL
);
ALTER TABLE alert ADD COLUMN stream_position BIGINT;
UPDATE alert SET stream_position = numbered.position
  FROM (SELECT id, row_number() OVER (PARTITION BY rep_id ORDER BY id) AS position FROM alert) AS numbered
 WHERE alert.id = numbered.id;
INSERT INTO rep_stream (rep_id, last_position) SELECT rep_id, max(stream_position) FROM alert GROUP BY rep_id;
ALTER TABLE alert ALTER COLUMN stream_position SET NOT NULL;
CREATE UNIQUE INDEX alert_rep_position ON alert (rep_id, stream_position);

-- Every replica listens on "<schema>_alert" (platform CommitNotifications) and pushes the rep's new alerts to the
-- streams open on it; NOTIFY is delivered at commit, so a listener never reads an alert a rollback then erases. One
-- notification per rep and statement ("<rep id> <its first position in the statement>"), so a bulk insert is cheap.
CREATE FUNCTION notify_alerts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify(TG_TABLE_SCHEMA || '_alert', rep_id || ' ' || min(stream_position))
       FROM inserted GROUP BY rep_id;
    RETURN NULL;
END $$;
CREATE TRIGGER alerts_committed AFTER INSERT ON alert REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION notify_alerts();
