#!/usr/bin/env bash
# The benchmark, in one command: builds what it needs, starts its own stack (Kafka, PostgreSQL, the four
# services; WARMLINE_STACK=bench, other ports than the local run and the tests), measures, writes the report,
# and stops everything again. About 10 minutes by default; --quick takes about 4. The last step holds 1,000,000
# pending timers and lets a burst of 10,000 come due (200,000 and 2,000 with --quick; --timers 0 leaves it out):
# about 1 to 2 minutes, most of it writing the rows and sending the burst's reminders.
#   deploy/bench/run.sh [--quick] [--rates 50,100,300] [--step-seconds 30] [--timers 1000000] [--timers-burst 10000]
#                       [--out deploy/bench/reports/latest]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
export WARMLINE_STACK=bench
VAR="deploy/local/var/bench"
stop_all() { deploy/local/services.sh down >/dev/null 2>&1 || true; deploy/local/infra.sh wipe >/dev/null 2>&1 || true; }
trap stop_all EXIT

deploy/local/prerequisites.sh
echo "[bench] building the services and the load generator"
./mvnw -B -q package -DskipTests
./mvnw -B -q -f deploy/pom.xml -pl bench -am package dependency:build-classpath \
  -DskipTests -Dmdep.outputFile=target/classpath.txt
echo "[bench] starting a fresh stack"
deploy/local/infra.sh wipe >/dev/null
deploy/local/infra.sh up
deploy/local/services.sh up
# shellcheck disable=SC1091
source "$VAR/env"
export KAFKA_BOOTSTRAP_SERVERS WARMLINE_STACK_DIR="$ROOT/$VAR"
export WARMLINE_INTAKE_URL=http://127.0.0.1:28081 WARMLINE_SCORING_URL=http://127.0.0.1:28082 \
  WARMLINE_ROUTING_URL=http://127.0.0.1:28083 WARMLINE_NOTIFICATION_URL=http://127.0.0.1:28084 \
  WARMLINE_JWT_PRIVATE_KEY="$ROOT/$VAR/jwt/private.pem" \
  WARMLINE_PG_URL="jdbc:postgresql://$WARMLINE_PG_HOST:$WARMLINE_PG_PORT/$WARMLINE_PG_DATABASE"
timeout 20m java -Xmx1g -Djava.awt.headless=true \
  -cp "deploy/bench/target/classes:$(cat deploy/bench/target/classpath.txt)" io.warmline.bench.Benchmark "$@"
