#!/usr/bin/env bash
# Builds and runs all of Warmline on this machine, no Docker: a real Kafka (KRaft) and PostgreSQL, then the four
# services.   deploy/run.sh [up] | down | status
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export WARMLINE_STACK=local
cd "$ROOT"
# shellcheck source=local/stacks.sh
source deploy/local/stacks.sh
stack_select local

# The build, with a line per module and a running count of downloads (the first build fetches a few hundred MB for
# minutes); the full log is kept in deploy/local/var/build.log.
build() {
  mkdir -p deploy/local/var
  echo "[run] building the services (./mvnw package -DskipTests; full log in deploy/local/var/build.log)"
  local t0=$SECONDS
  if ! ./mvnw -B package -DskipTests 2>&1 | tee deploy/local/var/build.log | awk -v t0="$(date +%s)" '
      /^\[INFO\] Building / && !/Building jar|Building tar/ { sub(/^\[INFO\] /, ""); gsub(/ +/, " "); printf "[run]   %s (%ds)\n", $0, systime() - t0; fflush() }
      /^Downloaded from / { n++; if (n % 50 == 0) { printf "[run]     %d artifacts downloaded so far (%ds)\n", n, systime() - t0; fflush() } }
      /^\[ERROR\]/ { print; fflush() }
      END { if (n) printf "[run]   %d artifacts downloaded\n", n }'; then
    echo "[run] the build failed; see deploy/local/var/build.log" >&2
    exit 1
  fi
  echo "[run] built in $((SECONDS - t0)) s"
}

case "${1:-up}" in
  up)
    deploy/local/prerequisites.sh run
    build
    deploy/local/infra.sh up
    deploy/local/services.sh up
    deploy/local/monitoring.sh up
    cat <<TXT
[run] Warmline is up:
        intake-service        http://127.0.0.1:$((BASE_PORT + 1))   (vendors post leads here)
        scoring-service       http://127.0.0.1:$((BASE_PORT + 2))
        routing-service       http://127.0.0.1:$((BASE_PORT + 3))   (reps and presence)
        notification-service  http://127.0.0.1:$((BASE_PORT + 4))   (the rep's alert stream)
      Rep console:     http://127.0.0.1:$((BASE_PORT + 4))/console/   (sign in with a rep token)
      Operator board:  http://127.0.0.1:$((BASE_PORT + 3))/board/     (sign in with an operator token)
      Prometheus:      http://127.0.0.1:$((BASE_PORT + 8))/alerts   Alertmanager: http://127.0.0.1:$((BASE_PORT + 9))  (receivers page, ticket)
      Tokens:          deploy/local/token.sh operator ops-1      deploy/local/token.sh rep alex default
      Logs: deploy/local/var/local/logs/   Stop: deploy/run.sh down   Walkthrough: README.md
TXT
    ;;
  down) deploy/local/monitoring.sh down; deploy/local/services.sh down; deploy/local/infra.sh down ;;
  status) deploy/local/infra.sh status || true; deploy/local/services.sh status; deploy/local/monitoring.sh status ;;
  *) echo "usage: deploy/run.sh [up|down|status]" >&2; exit 2 ;;
esac
