#!/usr/bin/env bash
# The fault suite, in one command: builds what it needs, starts its own stack (Kafka, PostgreSQL, the four
# services; WARMLINE_STACK=faults, ports in deploy/local/stacks.sh), installs an escalation policy in seconds and runs
# a steady vendor load with reps at work while it kills each service, runs a second replica of each service and kills
# replica 1 of all four at once, stops PostgreSQL and the broker, injects poison and an unpublishable outbox row,
# reconciles the ledger, writes the report and stops everything again, on success and on failure. About 25 minutes
# on a 2-core machine busy with other builds (load average 8 to 31; more when a service left unready after a fault
# is killed and restarted, up to 3 times at 150 s each); --quick (shorter outages and steady stretches, every fault
# kept) about 20 there, writing to deploy/faults/target/report-quick: restarts, not the fault lengths, dominate.
# Exit 0: the ledger balances; 3: it found broken guarantees (see the report); other: the suite failed. Unless the
# ledger balanced, the stack's logs are kept under deploy/faults/target/stack-logs/faults/.
#   deploy/faults/run.sh [--quick] [--rate 10] [--out deploy/faults/reports/latest]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
export WARMLINE_STACK=faults
VAR="deploy/local/var/faults"
# shellcheck source=../local/stacks.sh
source deploy/local/stacks.sh
stack_select faults
stop_all() {
  local rc=$?
  deploy/local/services.sh down >/dev/null 2>&1 || true
  if ((rc != 0)); then
    rm -rf deploy/faults/target/stack-logs
    deploy/local/infra.sh wipe --save-logs deploy/faults/target/stack-logs >/dev/null 2>&1 || true
    echo "[faults] exit $rc; the faults stack's logs are kept in $ROOT/deploy/faults/target/stack-logs/faults/" >&2
  else
    deploy/local/infra.sh wipe >/dev/null 2>&1 || true
  fi
  exit $rc
}
trap stop_all EXIT
trap 'exit 130' INT TERM

deploy/local/prerequisites.sh run
echo "[faults] building the services and the suite"
./mvnw -B -q package -DskipTests
./mvnw -B -q -f deploy/pom.xml -pl faults -am package dependency:build-classpath \
  -DskipTests -Dmdep.outputFile=target/classpath.txt
echo "[faults] starting a fresh stack"
deploy/local/infra.sh wipe >/dev/null
deploy/local/infra.sh up
deploy/local/services.sh up
stack_clients faults
export WARMLINE_ROOT="$ROOT"
rm -f deploy/faults/target/suite-scripts.log
timeout 40m java -Xmx512m -Djava.awt.headless=true \
  -cp "deploy/faults/target/classes:$(cat deploy/faults/target/classpath.txt)" io.warmline.faults.FaultSuite "$@"
