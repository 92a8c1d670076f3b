-- What the probe application applied, in the order it applied it.
CREATE TABLE probe_applied (
    id        BIGSERIAL PRIMARY KEY,
    event_id  UUID    NOT NULL,
    lead_id   UUID    NOT NULL,
    seq       INT     NOT NULL
);
