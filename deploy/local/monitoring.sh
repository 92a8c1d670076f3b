#!/usr/bin/env bash
# Prometheus and Alertmanager for a stack's services (Debian's packages, run as plain processes, no Docker):
# Prometheus scrapes the four services with deploy/monitoring/alerts.yml loaded and sends firing alerts to
# Alertmanager, which routes them by severity (page, ticket) as deploy/monitoring/alertmanager.yml says.
#   WARMLINE_STACK=local deploy/local/monitoring.sh up | down | status
# Ports: the stack's base port + 8 (Prometheus) and + 9 (Alertmanager), see deploy/local/stacks.sh.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
STACK="${WARMLINE_STACK:-local}"
# shellcheck source=stacks.sh
source "$HERE/stacks.sh"
stack_select "$STACK" || { echo "[monitoring] unknown stack $STACK (one of: $(stack_names))" >&2; exit 2; }
VAR="$HERE/var/$STACK"; DIR="$VAR/monitoring"; LOGS="$VAR/logs"
PROM_PORT=$((BASE_PORT + 8)); AM_PORT=$((BASE_PORT + 9))
say() { echo "[monitoring] $STACK: $*"; }
die() { echo "[monitoring] $STACK: ERROR: $*" >&2; exit 1; }
pid_alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

config() {
  mkdir -p "$DIR" "$LOGS"
  cp "$ROOT/deploy/monitoring/alerts.yml" "$DIR/alerts.yml"
  cp "$ROOT/deploy/monitoring/alertmanager.yml" "$DIR/alertmanager.yml"
  # The committed prometheus.yml with this stack's ports and its Alertmanager.
  # WARMLINE_SCRAPE_INTERVAL (default 15s): the test command scrapes every 2 s.
  local interval="${WARMLINE_SCRAPE_INTERVAL:-15s}"
  sed -e "s/scrape_interval: 15s/scrape_interval: $interval/; s/evaluation_interval: 15s/evaluation_interval: $interval/" \
      -e "s/127.0.0.1:8081/127.0.0.1:$((BASE_PORT + 1))/; s/127.0.0.1:8082/127.0.0.1:$((BASE_PORT + 2))/" \
      -e "s/127.0.0.1:8083/127.0.0.1:$((BASE_PORT + 3))/; s/127.0.0.1:8084/127.0.0.1:$((BASE_PORT + 4))/" \
      -e "s/127.0.0.1:8089/127.0.0.1:$AM_PORT/" \
      "$ROOT/deploy/monitoring/prometheus.yml" >"$DIR/prometheus.yml"
  promtool check config "$DIR/prometheus.yml" >/dev/null || die "the generated prometheus.yml does not check"
}

wait_ready() { # url name pid-file
  for _ in $(seq 1 60); do
    curl -fsS -m 2 "$1" >/dev/null 2>&1 && return 0
    pid_alive "$3" || die "$2 exited; see $LOGS/$2.log"
    sleep 0.5
  done
  die "$2 not ready after 30 s; see $LOGS/$2.log"
}

up() {
  command -v prometheus >/dev/null && command -v prometheus-alertmanager >/dev/null \
    || die "prometheus and prometheus-alertmanager are missing: deploy/local/prerequisites.sh run installs them"
  config
  if ! pid_alive "$VAR/alertmanager.pid"; then
    setsid prometheus-alertmanager --config.file="$DIR/alertmanager.yml" --storage.path="$DIR/alertmanager-data" \
      --web.listen-address="127.0.0.1:$AM_PORT" --cluster.listen-address="" >>"$LOGS/alertmanager.log" 2>&1 </dev/null &
    echo $! >"$VAR/alertmanager.pid"
  fi
  if ! pid_alive "$VAR/prometheus.pid"; then
    setsid prometheus --config.file="$DIR/prometheus.yml" --storage.tsdb.path="$DIR/prometheus-data" \
      --storage.tsdb.retention.time=2d --web.listen-address="127.0.0.1:$PROM_PORT" >>"$LOGS/prometheus.log" 2>&1 </dev/null &
    echo $! >"$VAR/prometheus.pid"
  fi
  wait_ready "http://127.0.0.1:$AM_PORT/-/ready" alertmanager "$VAR/alertmanager.pid"
  wait_ready "http://127.0.0.1:$PROM_PORT/-/ready" prometheus "$VAR/prometheus.pid"
  say "Prometheus http://127.0.0.1:$PROM_PORT (alerts: /alerts), Alertmanager http://127.0.0.1:$AM_PORT"
}

down() {
  for name in prometheus alertmanager; do
    if pid_alive "$VAR/$name.pid"; then kill "$(cat "$VAR/$name.pid")" 2>/dev/null || true; fi
    rm -f "$VAR/$name.pid"
  done
}

status() {
  for name in prometheus alertmanager; do
    local port=$PROM_PORT; [[ $name == alertmanager ]] && port=$AM_PORT
    if pid_alive "$VAR/$name.pid"; then say "$name up   http://127.0.0.1:$port"; else say "$name down"; fi
  done
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: WARMLINE_STACK=<stack> deploy/local/monitoring.sh up|down|status" >&2; exit 2 ;;
esac
