#!/usr/bin/env bash
# Runs every test, starting and stopping its own Kafka and PostgreSQL (the "test" stack: other ports than the
# local run, so both can be up at once):
#   1. the Prometheus alert rules' unit tests (promtool);
#   2. each service's unit tests and its tests against the real broker and database (./mvnw verify);
#   3. the cross-service tests (deploy/e2e) against the four packaged services on a fresh stack.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export WARMLINE_STACK=test
cd "$ROOT"
VAR="deploy/local/var/test"

stop_all() {
  local rc=$?
  deploy/local/services.sh down >/dev/null 2>&1 || true
  if ((rc != 0)) && [[ -d "$VAR/logs" ]]; then
    echo "[test] failed; the last lines of each log under $VAR/logs:"
    for log in "$VAR"/logs/*.log; do echo "---- $log"; tail -n 40 "$log"; done
  fi
  deploy/local/infra.sh wipe >/dev/null 2>&1 || true
  exit $rc
}
trap stop_all EXIT

fresh_stack() {
  deploy/local/infra.sh wipe >/dev/null
  deploy/local/infra.sh up
  # shellcheck disable=SC1091
  source "$VAR/env"
  export KAFKA_BOOTSTRAP_SERVERS
  export QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://$WARMLINE_PG_HOST:$WARMLINE_PG_PORT/$WARMLINE_PG_DATABASE"
  export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$WARMLINE_PG_HOST:$WARMLINE_PG_PORT/$WARMLINE_PG_DATABASE"
}

deploy/local/prerequisites.sh

echo "[test] 1/3 Prometheus alert rules (promtool test rules)"
promtool check config deploy/monitoring/prometheus.yml
promtool test rules deploy/monitoring/alerts.test.yml

echo "[test] 2/3 service tests against a real Kafka and PostgreSQL"
fresh_stack
./mvnw -B verify

echo "[test] 3/3 cross-service tests against the running services"
fresh_stack
deploy/local/services.sh up
WARMLINE_INTAKE_URL=http://127.0.0.1:18081 WARMLINE_SCORING_URL=http://127.0.0.1:18082 \
  WARMLINE_ROUTING_URL=http://127.0.0.1:18083 WARMLINE_NOTIFICATION_URL=http://127.0.0.1:18084 \
  WARMLINE_PG_URL="jdbc:postgresql://$WARMLINE_PG_HOST:$WARMLINE_PG_PORT/$WARMLINE_PG_DATABASE" \
  WARMLINE_JWT_PRIVATE_KEY="$ROOT/$VAR/jwt/private.pem" \
  ./mvnw -B -f deploy/pom.xml verify
echo "[test] all tests passed"
