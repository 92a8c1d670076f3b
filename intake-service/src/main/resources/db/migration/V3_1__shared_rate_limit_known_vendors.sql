-- Issue 19. (Numbered 3.1 so that a V3 of another change merged alongside still runs first.)

-- Each vendor's rate limit, shared by every replica: a token bucket (perMinute tokens at most, refilled evenly over
-- the minute) in one row per vendor, taken from by one atomic INSERT ... ON CONFLICT DO UPDATE (VendorRateLimits).
-- taken: whether the last request got a token.
CREATE TABLE vendor_rate_limit (
    vendor_id   VARCHAR(64)      PRIMARY KEY REFERENCES vendor (id),
    tokens      DOUBLE PRECISION NOT NULL,
    refilled_at TIMESTAMPTZ      NOT NULL,
    taken       BOOLEAN          NOT NULL
);

-- Tells every replica listening on "<schema>_vendor" the id of a vendor just registered (at commit), so each keeps
-- the set of known vendor ids in memory and answers an unknown id without a query (KnownVendors).
CREATE FUNCTION vendor_registered() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify(TG_TABLE_SCHEMA || '_vendor', NEW.id);
    RETURN NULL;
END
$$;

CREATE TRIGGER vendor_registered AFTER INSERT ON vendor FOR EACH ROW EXECUTE FUNCTION vendor_registered();
