#!/usr/bin/env bash
# Asks a running Prometheus for every metric that an alert rule (alerts.yml) or a dashboard panel
# (grafana/dashboards/*.json) reads, and fails on one it has never scraped: a query naming a metric no service
# exports is silent (no data, never firing), not an error. Also checks that ServiceDown's selector finds the four
# services up. Run by deploy/test.sh after the cross-service tests, against the test stack's Prometheus.
#   deploy/monitoring/check-metrics.sh http://127.0.0.1:<port>
set -euo pipefail
PROM="${1:?usage: deploy/monitoring/check-metrics.sh PROMETHEUS_URL}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# The PromQL of every rule (an "expr:" value, on its line or in the indented block after "expr: |") and panel.
expressions() {
  awk '
    block && match($0, /^ */) && RLENGTH <= indent { block = 0 }
    block { print; next }
    /^ *expr: *\|/ { block = 1; match($0, /^ */); indent = RLENGTH; next }
    /^ *expr: / { sub(/^ *expr: */, ""); print }
  ' "$HERE/alerts.yml"
  grep -ho '"expr": *"[^"]*"' "$HERE"/grafana/dashboards/*.json | sed 's/^"expr": *//'
}
# Metric names: words of the services' and the Kafka clients' namespaces, and "up".
needed="$(expressions | grep -oE '\b(warmline_[a-z0-9_]+|kafka_[a-z0-9_]+|http_server_[a-z0-9_]+|up)\b' | sort -u)"
[[ -n "$needed" ]] || { echo "[metrics] no metric found in the rules and dashboards: the parsing broke" >&2; exit 1; }
# What the services exported until now: wait for a scrape of all four that started after this moment.
since="$(date +%s)"
for _ in $(seq 1 60); do
  last="$(curl -fsS -m 5 "$PROM/api/v1/query" \
    --data-urlencode 'query=min(timestamp(up{job=~"(intake|scoring|routing|notification)-service"}))' \
    | grep -oE '"value":\[[0-9.]+' | sed 's/.*\[//; s/\..*//')" || true
  [[ -n "$last" ]] && ((last > since)) && break
  sleep 0.5
done
[[ -n "${last:-}" ]] && ((last > since)) || { echo "[metrics] Prometheus scraped no service after $since" >&2; exit 1; }
scraped="$(curl -fsS -m 10 "$PROM/api/v1/label/__name__/values" | tr -d '[]"' | tr ',' '\n' | sed 's/^.*data://')"
missing=0
while read -r metric; do
  if grep -qx "$metric" <<<"$scraped"; then
    echo "[metrics] ok      $metric"
  else
    echo "[metrics] MISSING $metric: named by an alert rule or dashboard, never exported by a service" >&2
    missing=$((missing + 1))
  fi
done <<<"$needed"
services_up="$(curl -fsS -m 10 "$PROM/api/v1/query" \
  --data-urlencode 'query=count(up{job=~"(intake|scoring|routing|notification)-service"} == 1)' \
  | grep -oE '"value":\[[^]]*\]' | grep -oE '"[0-9]+"\]' | tr -dc '0-9')"
if [[ "$services_up" != 4 ]]; then
  echo "[metrics] ServiceDown's selector finds ${services_up:-no} service(s) up, not 4" >&2
  missing=$((missing + 1))
fi
((missing == 0)) || { echo "[metrics] $missing problem(s)" >&2; exit 1; }
echo "[metrics] all $(wc -l <<<"$needed") metrics named by the alert rules and dashboards exist; 4 services up"
