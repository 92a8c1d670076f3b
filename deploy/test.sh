#!/usr/bin/env bash
# Runs every test, starting and stopping its own Kafka and PostgreSQL stacks (deploy/local/stacks.sh; other ports
# than the local run, so both can be up at once):
#   1. the Prometheus alert rules' unit tests (promtool) and the Kubernetes manifests' check (deploy/kubernetes/check:
#      the kustomization rendered offline, every object validated against its schema, topics and rules against their
#      sources);
#   2. each module's unit tests and its tests against the real broker and database (./mvnw -pl <module> verify),
#      every module on a Kafka and a PostgreSQL container of its own (Testcontainers, platform's testing.Stack, on the
#      ports of its row test-<module> in deploy/local/stacks.sh), so no module sees another's events; the images are
#      the official ones where a registry answers, else built locally by deploy/images/build.sh (in the background
#      while step 1 runs and the platform builds; cached by content); the modules run in two lanes at once, and each
#      module's containers are removed after it (all of them on any exit, so `docker ps -a` is empty afterwards);
#   3. the cross-service tests (deploy/e2e, deploy/browser) against the four packaged services on the "test" stack
#      (started while the second lane of step 2 finishes), and beside them the compose smoke test (deploy/compose:
#      Kafka, PostgreSQL and the four services' images, a signed lead, its alert on the rep's stream)
#      (WARMLINE_E2E_STACK=<stack> picks another stack of the table, e.g. while someone else's "test" stack is up),
#      then a check that every metric the alert rules and dashboards read was scraped by the stack's Prometheus.
# When a step fails, the logs of the stack it ran on are copied to <module>/target/stack-logs/<stack>/ (named in the
# failure message) before the stack is wiped.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=local/stacks.sh
source deploy/local/stacks.sh
T0=$SECONDS
CURRENT_STACK="" CURRENT_LOGS_DIR="" SMOKE=""
STACKS=()
E2E_STACK="${WARMLINE_E2E_STACK:-test}"
stack_select "$E2E_STACK" || { echo "[test] unknown WARMLINE_E2E_STACK '$E2E_STACK' (one of: $(stack_names))" >&2; exit 2; }

stop_all() {
  local rc=$?
  # A lane still running (the run was interrupted or the other lane failed) stops with it.
  local job
  for job in $(jobs -p); do kill "$job" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [[ -n "$CURRENT_STACK" ]]; then
    export WARMLINE_STACK="$CURRENT_STACK"
    deploy/local/monitoring.sh down >/dev/null 2>&1 || true
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
  # Whatever stack is left (a lane that failed saved its logs already): stopped.
  local stack
  for stack in "${STACKS[@]}"; do
    [[ -d "deploy/local/var/$stack" ]] && WARMLINE_STACK="$stack" deploy/local/infra.sh wipe >/dev/null 2>&1 || true
  done
  # Every test container (Testcontainers runs without Ryuk here) and the compose smoke test's project: removed.
  remove_containers
  [[ -z "$SMOKE" ]] || deploy/compose/smoke.sh --down
  exit $rc
}
trap stop_all EXIT

# use_stack STACK: the stack up (started ahead by start_stacks, or now: up is idempotent and waits for a start in
# progress), and what the tests read to reach it exported.
use_stack() {
  export WARMLINE_STACK="$1"
  deploy/local/infra.sh up
  # shellcheck disable=SC1090
  source "deploy/local/var/$1/env"
  export KAFKA_BOOTSTRAP_SERVERS
  export QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://$WARMLINE_PG_HOST:$WARMLINE_PG_PORT/$WARMLINE_PG_DATABASE"
  export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$WARMLINE_PG_HOST:$WARMLINE_PG_PORT/$WARMLINE_PG_DATABASE"
}

# remove_containers [STACK]: the test containers of STACK (label io.warmline.tests=STACK; all stacks' without it)
# removed with their volumes.
remove_containers() {
  command -v docker >/dev/null || return 0
  local ids
  ids="$(docker ps -aq --filter "label=io.warmline.tests${1:+=$1}" 2>/dev/null)" || return 0
  [[ -z "$ids" ]] || docker rm -f -v $ids >/dev/null 2>&1 || true
}

# save_container_logs STACK DIR: each container's log of STACK to DIR/STACK/<image name>.log (before removal).
save_container_logs() {
  local id image
  mkdir -p "$2/$1"
  for id in $(docker ps -aq --filter "label=io.warmline.tests=$1" 2>/dev/null); do
    image="$(docker inspect -f '{{.Config.Image}}' "$id")"; image="${image##*/}"
    docker logs "$id" >"$2/$1/${image%%:*}-${id:0:12}.log" 2>&1 || true
  done
}

# module_env STACK: what the module's tests and their packaged replicas read, from STACK's row of the table (the
# containers of platform's testing.Stack are bound on those ports).
module_env() {
  stack_select "$1"
  export WARMLINE_STACK="$1" KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KPORT" WARMLINE_PG_HOST=127.0.0.1 WARMLINE_PG_PORT="$PGPORT" \
    WARMLINE_PG_DATABASE=warmline QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$PGPORT/warmline" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PGPORT/warmline"
}

# start_stacks STACK...: every stack of the run wiped (so every run starts from empty brokers and databases), then
# started at once in the background while the build runs, so each is up when its module's turn comes.
start_stacks() {
  local stack
  mkdir -p deploy/local/var
  for stack in "$@"; do WARMLINE_STACK="$stack" deploy/local/infra.sh wipe >/dev/null; done
  for stack in "$@"; do
    WARMLINE_STACK="$stack" deploy/local/infra.sh up >"deploy/local/var/start-$stack.log" 2>&1 &
  done
}

# module_tests MODULE: the module's tests on its own containers, stack test-<module>; its Maven output to a file.
# On failure the containers' logs are kept under <module>/target/stack-logs/ before they are removed.
module_tests() {
  local module="$1" stack="test-${1%-service}" out="deploy/local/var/tests-$1.log"
  echo "[test] $module on stack $stack, in containers ($((SECONDS - T0)) s)"
  if (module_env "$stack" && ./mvnw -B --no-transfer-progress -pl "$module" verify) >"$out" 2>&1; then
    flock deploy/local/var/.print.lock cat "$out"
    remove_containers "$stack"; remove_containers outage
    echo "[test] $module passed ($((SECONDS - T0)) s)"
  else
    flock deploy/local/var/.print.lock cat "$out"
    save_container_logs "$stack" "$module/target/stack-logs"; save_container_logs outage "$module/target/stack-logs"
    remove_containers "$stack"; remove_containers outage
    echo "[test] FAILED: $module on stack $stack after $((SECONDS - T0)) s; its containers' logs are kept in $ROOT/$module/target/stack-logs/$stack/" >&2
    return 1
  fi
}

# lane MODULE...: modules one after another, stopping at the first failure.
lane() {
  local module
  for module in "$@"; do module_tests "$module" || return 1; done
}

deploy/local/prerequisites.sh test
# The module tests' container images, built or reused while step 1 runs and the platform builds.
mkdir -p deploy/local/var
remove_containers
rm -f deploy/images/target/images.env
deploy/images/build.sh >deploy/local/var/images.log 2>&1 &
IMAGES=$!

echo "[test] 1/3 Prometheus alert rules (promtool test rules), Kubernetes manifests (deploy/kubernetes/check)"
promtool check config deploy/monitoring/prometheus.yml
promtool test rules deploy/monitoring/alerts.test.yml
# Renders deploy/kubernetes offline (kubectl kustomize) and checks every object against its schema (Kubernetes,
# Strimzi, CloudNativePG, prometheus-operator) and the generated ones against their sources; seconds, no cluster.
./mvnw -B --no-transfer-progress -f deploy/kubernetes/check/pom.xml verify

echo "[test] 2/3 module tests, each module against a Kafka and PostgreSQL of its own, in two lanes"
STACKS=("$E2E_STACK")
start_stacks "${STACKS[@]}"
# Whatever is packaged after this moment was built by this run.
RUN_STARTED=deploy/local/var/.run-started
touch "$RUN_STARTED"
# The services build against the platform's jar and test-jar: only those (and the parent POM) are installed; each
# service is built once, by its own verify.
./mvnw -B --no-transfer-progress -pl .,platform install -DskipTests
# The modules compile while the images are built: their containers wait until deploy/images/build.sh wrote its
# images.env (platform's testing.Stack, WARMLINE_IMAGES_PENDING).
export WARMLINE_IMAGES_PENDING="$ROOT/deploy/images/target/images.env"
# Two lanes at once, balanced by their usual times (each module on its own stack, so they cannot meet): the tests
# wait on the broker and the database much of the time, and two lanes on two cores finish minutes sooner. Times of a
# clean-clone run (2026-11-28, 666 s in all): routing 259 s, scoring 116 s, platform 76 s | intake 230 s,
# notification 220 s (as intake, scoring, platform | routing, notification the lanes ended at 481 s and 538 s).
lane routing-service scoring-service platform &
LANE_A=$!
lane intake-service notification-service &
LANE_B=$!
if ! wait "$IMAGES"; then cat deploy/local/var/images.log; echo "[test] the container images could not be built (above)" >&2; exit 1; fi
cat deploy/local/var/images.log
# shellcheck disable=SC1091
source deploy/images/target/images.env
# Every module's containers start now, in the background (as the native stacks used to, while the build ran): a
# module's tests then reuse them (Testcontainers' reuse; platform's testing.Stack, whose main starts them, with the
# environment surefire gives the tests), instead of waiting for a broker's start on the critical path.
./mvnw -B -q -pl platform dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$ROOT/deploy/local/var/platform-test.classpath" >deploy/local/var/platform-test.classpath.log 2>&1
# One module after another, in the order the lanes need them: five brokers starting at once beside two compiling
# lanes on two busy cores missed Testcontainers' start timeout (a lock file in each module's target/ keeps a start
# ahead and the module's own tests from both creating its containers).
STACK_CP="$ROOT/platform/target/test-classes:$ROOT/platform/target/classes:$(cat deploy/local/var/platform-test.classpath)"
for module in intake-service routing-service scoring-service notification-service platform; do
  (
    cd "$module" && module_env "test-${module%-service}"
    TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_REUSE_ENABLE=true TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1 \
      java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
      -cp "$STACK_CP" io.warmline.platform.testing.Stack
  ) >"deploy/local/var/containers-$module.log" 2>&1 || true
done &
FAILED=0
wait "$LANE_A" || FAILED=1
# While the other lane finishes, the cross-service step's services start on their stack (about a minute of JVM
# starts saved): each service's jar is packaged by its module's verify, before that module's integration tests, so
# the start waits until all four were packaged by this run (newer than its start; never a jar of an earlier build).
CURRENT_STACK="$E2E_STACK" CURRENT_LOGS_DIR=deploy/target/stack-logs
E2E_SERVICES=""
if ((FAILED == 0)); then
  (
    for svc in intake scoring routing notification; do
      until [[ "$svc-service/target/quarkus-app/quarkus-run.jar" -nt "$RUN_STARTED" ]]; do sleep 2; done
    done
    use_stack "$E2E_STACK" >/dev/null
    deploy/local/services.sh up
    # Prometheus (every 2 s) and Alertmanager on the test stack: after the cross-service tests, every metric an
    # alert rule or dashboard reads must have been exported (deploy/monitoring/check-metrics.sh).
    WARMLINE_SCRAPE_INTERVAL=2s deploy/local/monitoring.sh up
  ) > deploy/local/var/e2e-services.log 2>&1 &
  E2E_SERVICES=$!
fi
wait "$LANE_B" || FAILED=1
((FAILED == 0)) || { echo "[test] module tests failed (see FAILED above)" >&2; exit 1; }
# Beside the cross-service tests: the compose stack from the services' images (built from the packaged applications),
# a signed lead posted, its alert seen on the rep's stream, everything removed (deploy/compose/smoke.sh).
deploy/compose/smoke.sh >deploy/local/var/compose-smoke.log 2>&1 &
SMOKE=$!

echo "[test] 3/3 cross-service tests against the running services ($((SECONDS - T0)) s)"
if ! wait "$E2E_SERVICES"; then
  cat deploy/local/var/e2e-services.log
  echo "[test] the cross-service step's services did not start (above)" >&2
  exit 1
fi
cat deploy/local/var/e2e-services.log
use_stack "$E2E_STACK"
stack_select "$E2E_STACK"
WARMLINE_INTAKE_URL="http://127.0.0.1:$((BASE_PORT + 1))" WARMLINE_SCORING_URL="http://127.0.0.1:$((BASE_PORT + 2))" \
  WARMLINE_ROUTING_URL="http://127.0.0.1:$((BASE_PORT + 3))" WARMLINE_NOTIFICATION_URL="http://127.0.0.1:$((BASE_PORT + 4))" \
  WARMLINE_PG_URL="jdbc:postgresql://$WARMLINE_PG_HOST:$WARMLINE_PG_PORT/$WARMLINE_PG_DATABASE" \
  WARMLINE_JWT_PRIVATE_KEY="$ROOT/deploy/local/var/$E2E_STACK/jwt/private.pem" \
  ./mvnw -B --no-transfer-progress -f deploy/pom.xml verify
deploy/monitoring/check-metrics.sh "http://127.0.0.1:$((BASE_PORT + 8))"
if ! wait "$SMOKE"; then
  cat deploy/local/var/compose-smoke.log
  echo "[test] FAILED: the compose smoke test (above)" >&2
  exit 1
fi
cat deploy/local/var/compose-smoke.log
echo "[test] all tests passed in $((SECONDS - T0)) s"
