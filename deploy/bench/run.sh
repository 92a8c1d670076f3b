#!/usr/bin/env bash
# The benchmark, in one command: builds what it needs, starts its own stack (Kafka, PostgreSQL, the four
# services; WARMLINE_STACK=bench, other ports than the local run and the tests), measures, writes the report,
# and stops everything again. About 10 minutes by default; --quick takes about 4. The last step holds 1,000,000
# pending timers and lets a burst of 10,000 come due (200,000 and 2,000 with --quick; --timers 0 leaves it out):
# about 1 to 2 minutes, most of it writing the rows and sending the burst's reminders.
#   deploy/bench/run.sh [--quick] [--rates 50,100,300] [--step-seconds 30] [--timers 1000000] [--timers-burst 10000]
#                       [--out deploy/bench/reports/latest]
# WARMLINE_JAVA and WARMLINE_JVM_OPTS (deploy/local/services.sh) pick the services' JVM; WARMLINE_AOT=use runs them
# from their Java 25 AOT caches (deploy/local/aot-cache.sh).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
export WARMLINE_STACK=bench
VAR="deploy/local/var/bench"
# shellcheck source=../local/stacks.sh
source deploy/local/stacks.sh
stack_select bench
stop_all() {
  local rc=$?
  deploy/local/services.sh down >/dev/null 2>&1 || true
  if ((rc != 0)); then
    deploy/local/infra.sh wipe --save-logs deploy/bench/target/stack-logs >/dev/null 2>&1 || true
    echo "[bench] failed; the bench stack's logs are kept in $ROOT/deploy/bench/target/stack-logs/bench/" >&2
  else
    deploy/local/infra.sh wipe >/dev/null 2>&1 || true
  fi
  exit $rc
}
trap stop_all EXIT

deploy/local/prerequisites.sh run
# With WARMLINE_AOT=use the services run as deploy/local/aot-cache.sh built and trained them: a rebuild would
# outdate their caches.
if [[ "${WARMLINE_AOT:-}" == use ]]; then
  echo "[bench] building the load generator (the services as aot-cache.sh built them, on ${WARMLINE_JAVA:-java})"
else
  echo "[bench] building the services and the load generator"
  ./mvnw -B -q package -DskipTests
fi
./mvnw -B -q -f deploy/pom.xml -pl bench -am package dependency:build-classpath \
  -DskipTests -Dmdep.outputFile=target/classpath.txt
echo "[bench] starting a fresh stack"
deploy/local/infra.sh wipe >/dev/null
deploy/local/infra.sh up
deploy/local/services.sh up
stack_clients bench
export WARMLINE_STACK_DIR="$ROOT/$VAR"
timeout 20m java -Xmx1g -Djava.awt.headless=true \
  -cp "deploy/bench/target/classes:$(cat deploy/bench/target/classpath.txt)" io.warmline.bench.Benchmark "$@"
