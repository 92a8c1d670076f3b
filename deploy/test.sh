#!/usr/bin/env bash
# Runs every test, starting and stopping its own Kafka and PostgreSQL stacks (deploy/local/stacks.sh; other ports
# than the local run, so both can be up at once):
#   1. the Prometheus alert rules' unit tests (promtool);
#   2. each module's unit tests and its tests against the real broker and database (./mvnw -pl <module> verify),
#      every module on a fresh stack of its own (test-<module>), so no module sees another's events;
#   3. the cross-service tests (deploy/e2e, deploy/browser) against the four packaged services on the "test" stack
#      (WARMLINE_E2E_STACK=<stack> picks another stack of the table, e.g. while someone else's "test" stack is up).
# When a step fails, the logs of the stack it ran on are copied to <module>/target/stack-logs/<stack>/ (named in the
# failure message) before the stack is wiped.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=local/stacks.sh
source deploy/local/stacks.sh
T0=$SECONDS
CURRENT_STACK="" CURRENT_LOGS_DIR=""
STACKS=()
declare -A STARTING
E2E_STACK="${WARMLINE_E2E_STACK:-test}"
stack_select "$E2E_STACK" || { echo "[test] unknown WARMLINE_E2E_STACK '$E2E_STACK' (one of: $(stack_names))" >&2; exit 2; }

stop_all() {
  local rc=$?
  if [[ -n "$CURRENT_STACK" ]]; then
    export WARMLINE_STACK="$CURRENT_STACK"
    deploy/local/services.sh down >/dev/null 2>&1 || true
    if ((rc != 0)); then
      local var="deploy/local/var/$CURRENT_STACK"
      if [[ -d "$var/logs" ]]; then
        echo "[test] failed; the last lines of each log under $var/logs:"
        for log in "$var"/logs/*.log; do echo "---- $log"; tail -n 40 "$log"; done
      fi
      deploy/local/infra.sh wipe --save-logs "$CURRENT_LOGS_DIR" >/dev/null 2>&1 || true
      echo "[test] FAILED on stack $CURRENT_STACK after $((SECONDS - T0)) s; its logs are kept in $ROOT/$CURRENT_LOGS_DIR/$CURRENT_STACK/" >&2
    else
      deploy/local/infra.sh wipe >/dev/null 2>&1 || true
    fi
  fi
  # Stacks started ahead for later steps that never came (a step failed): stopped too.
  local stack
  for stack in "${STACKS[@]}"; do
    [[ "$stack" == "$CURRENT_STACK" ]] && continue
    [[ -z "${STARTING[$stack]:-}" ]] || wait "${STARTING[$stack]}" 2>/dev/null || true
    [[ -d "deploy/local/var/$stack" ]] && WARMLINE_STACK="$stack" deploy/local/infra.sh wipe >/dev/null 2>&1 || true
  done
  exit $rc
}
trap stop_all EXIT

# Every stack of the run starts at once, in the background, while the build runs: a module's stack is ready when
# its turn comes (each is wiped first, so every run starts from empty brokers and databases).
prestart_stacks() {
  local stack
  mkdir -p deploy/local/var
  for stack in "$@"; do
    (export WARMLINE_STACK="$stack"; deploy/local/infra.sh wipe && deploy/local/infra.sh up) \
      >"deploy/local/var/prestart-$stack.log" 2>&1 &
    STARTING[$stack]=$!
  done
}

# fresh_stack STACK LOGS_DIR: the stack, up (started by prestart_stacks, or now); exports what the tests read.
fresh_stack() {
  export WARMLINE_STACK="$1"
  CURRENT_STACK="$1" CURRENT_LOGS_DIR="$2"
  if [[ -n "${STARTING[$1]:-}" ]]; then
    if ! wait "${STARTING[$1]}"; then
      cat "deploy/local/var/prestart-$1.log" >&2
      echo "[test] starting stack $1 failed (above)" >&2
      return 1
    fi
    unset "STARTING[$1]"
  else
    deploy/local/infra.sh wipe >/dev/null
  fi
  deploy/local/infra.sh up
  # shellcheck disable=SC1090
  source "deploy/local/var/$1/env"
  export KAFKA_BOOTSTRAP_SERVERS
  export QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://$WARMLINE_PG_HOST:$WARMLINE_PG_PORT/$WARMLINE_PG_DATABASE"
  export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$WARMLINE_PG_HOST:$WARMLINE_PG_PORT/$WARMLINE_PG_DATABASE"
}

# wipe_stack: the current stack's tests passed; remove it.
wipe_stack() {
  deploy/local/infra.sh wipe >/dev/null
  CURRENT_STACK="" CURRENT_LOGS_DIR=""
}

deploy/local/prerequisites.sh test

echo "[test] 1/3 Prometheus alert rules (promtool test rules)"
promtool check config deploy/monitoring/prometheus.yml
promtool test rules deploy/monitoring/alerts.test.yml

echo "[test] 2/3 module tests, each module against a Kafka and PostgreSQL of its own"
MODULES=()
[[ -d platform ]] && MODULES+=(platform)
MODULES+=(intake-service scoring-service routing-service notification-service)
STACKS=("$E2E_STACK")
for module in "${MODULES[@]}"; do STACKS+=("test-${module%-service}"); done
prestart_stacks "${STACKS[@]}"
# The services build against the platform's jar and test-jar: only those (and the parent POM) are installed; each
# service is built once, by its own verify below.
./mvnw -B --no-transfer-progress -pl .,platform install -DskipTests
for module in "${MODULES[@]}"; do
  stack="test-${module%-service}"
  echo "[test] $module on stack $stack ($((SECONDS - T0)) s)"
  fresh_stack "$stack" "$module/target/stack-logs"
  ./mvnw -B --no-transfer-progress -pl "$module" verify
  wipe_stack
done

echo "[test] 3/3 cross-service tests against the running services ($((SECONDS - T0)) s)"
fresh_stack "$E2E_STACK" deploy/target/stack-logs
deploy/local/services.sh up
stack_select "$E2E_STACK"
WARMLINE_INTAKE_URL="http://127.0.0.1:$((BASE_PORT + 1))" WARMLINE_SCORING_URL="http://127.0.0.1:$((BASE_PORT + 2))" \
  WARMLINE_ROUTING_URL="http://127.0.0.1:$((BASE_PORT + 3))" WARMLINE_NOTIFICATION_URL="http://127.0.0.1:$((BASE_PORT + 4))" \
  WARMLINE_PG_URL="jdbc:postgresql://$WARMLINE_PG_HOST:$WARMLINE_PG_PORT/$WARMLINE_PG_DATABASE" \
  WARMLINE_JWT_PRIVATE_KEY="$ROOT/deploy/local/var/$E2E_STACK/jwt/private.pem" \
  ./mvnw -B --no-transfer-progress -f deploy/pom.xml verify
echo "[test] all tests passed in $((SECONDS - T0)) s"
