-- The Warmline database's roles and schemas: one role owning one schema per service, so each service sees
-- only its own tables (ARCHITECTURE: a service never reads another's). Idempotent. Run inside database
-- "warmline" by deploy/local/infra.sh and by the PostgreSQL container of deploy/compose. Role and schema
-- "platform" serve the platform module's own tests only. The passwords equal
-- the role names: for these local stacks only; production creates the roles with its own secrets
-- (deploy/kubernetes/postgres.yaml: the same roles and schemas, which deploy/kubernetes/check compares with this file).
REVOKE ALL ON SCHEMA public FROM PUBLIC;
DO $$
DECLARE
    service text;
BEGIN
    FOREACH service IN ARRAY ARRAY['intake', 'scoring', 'routing', 'notification', 'platform'] LOOP
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = service) THEN
            EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', service, service);
        END IF;
        EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', service, service);
    END LOOP;
END
$$;
-- Each lead's data key (crypto-shredding, README "Security and personal data"): events carry a lead's personal
-- data sealed under it, and erasure deletes it, which makes every copy on Kafka (dead letters included) unreadable.
-- intake creates and deletes the keys; scoring and notification, which must read the contact, may only read them
-- (and lock a key while they write what they read from it: FOR KEY SHARE needs an UPDATE grant on some column, so
-- they get it on created_at only), so an erasure waits for a reader's commit and its event follows that commit.
-- Kept here, not in a service's migrations, because every stack needs it before any service starts.
CREATE SCHEMA IF NOT EXISTS personal_data AUTHORIZATION intake;
CREATE TABLE IF NOT EXISTS personal_data.lead_key (
    lead_id     UUID PRIMARY KEY,
    data_key    BYTEA       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
ALTER TABLE personal_data.lead_key OWNER TO intake;
GRANT USAGE ON SCHEMA personal_data TO scoring, notification, platform;
GRANT SELECT, UPDATE (created_at) ON personal_data.lead_key TO scoring, notification;
GRANT SELECT, INSERT, DELETE, UPDATE (created_at) ON personal_data.lead_key TO platform;
