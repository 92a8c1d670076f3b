#!/usr/bin/env bash
# Builds and runs all of Warmline on this machine, no Docker: a real Kafka (KRaft) and PostgreSQL, then the four
# services.   deploy/run.sh [up] | down | status
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export WARMLINE_STACK=local
cd "$ROOT"

case "${1:-up}" in
  up)
    deploy/local/prerequisites.sh
    echo "[run] building the services (./mvnw package -DskipTests)"
    ./mvnw -B -q package -DskipTests
    deploy/local/infra.sh up
    deploy/local/services.sh up
    cat <<'TXT'
[run] Warmline is up:
        intake-service        http://127.0.0.1:8081   (vendors post leads here)
        scoring-service       http://127.0.0.1:8082
        routing-service       http://127.0.0.1:8083   (reps and presence)
        notification-service  http://127.0.0.1:8084   (the rep's alert stream)
      Logs: deploy/local/var/local/logs/   Stop: deploy/run.sh down   Walkthrough: README.md
TXT
    ;;
  down) deploy/local/services.sh down; deploy/local/infra.sh down ;;
  status) deploy/local/infra.sh status || true; deploy/local/services.sh status ;;
  *) echo "usage: deploy/run.sh [up|down|status]" >&2; exit 2 ;;
esac
