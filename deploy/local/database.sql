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
