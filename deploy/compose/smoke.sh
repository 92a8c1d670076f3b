#!/usr/bin/env bash
# The compose stack tested end to end: Kafka, PostgreSQL and the four services of deploy/compose/compose.yml, from
# their images, up and healthy; a vendor and a rep registered, the rep's live alert stream open, a signed lead posted
# to intake; the alert seen on the stream; then everything removed (docker compose down -v), on success or failure.
#   deploy/compose/smoke.sh
# Needs the four services packaged (./mvnw package -DskipTests; the test command's module runs package them): their
# images, and Kafka's and PostgreSQL's, are built or reused first (deploy/images/build.sh --services). Uses the
# `docker compose` plugin where installed, else Debian's docker-compose (1.29). Project warmline-smoke; the services
# on the "compose" row's ports of deploy/local/stacks.sh (base + 1..4); a JWT key pair and intake's secret key made
# for the run under deploy/local/var/compose/ (git-ignored). On failure the containers' logs are kept in
# deploy/local/var/compose/compose.log.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
# shellcheck source=../local/stacks.sh
source deploy/local/stacks.sh
stack_select compose
T0=$SECONDS
say() { echo "[compose] $* ($((SECONDS - T0)) s)"; }
compose() { if docker compose version >/dev/null 2>&1; then docker compose "$@"; else docker-compose "$@"; fi; }
C=(compose -p warmline-smoke -f deploy/compose/compose.yml)
VAR=deploy/local/var/compose
# Four JVMs start to see one lead through: the C1 compiler alone costs them less CPU than tiered compilation.
export WARMLINE_JAVA_TOOL_OPTIONS="-Xmx384m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
export WARMLINE_INTAKE_PORT=$((BASE_PORT + 1)) WARMLINE_SCORING_PORT=$((BASE_PORT + 2)) \
  WARMLINE_ROUTING_PORT=$((BASE_PORT + 3)) WARMLINE_NOTIFICATION_PORT=$((BASE_PORT + 4))
# deploy/compose/smoke.sh --down: whatever a run left (an interrupted test command) removed.
if [[ "${1:-}" == --down ]]; then
  command -v docker >/dev/null || exit 0
  WARMLINE_INTAKE_SECRET_KEY=unused WARMLINE_JWT_PUBLIC_KEY_FILE=/dev/null "${C[@]}" down -v --remove-orphans \
    >/dev/null 2>&1 || true
  exit 0
fi
deploy/images/build.sh --services
# shellcheck disable=SC1091
source deploy/images/target/images.env
rm -rf "$VAR"; mkdir -p "$VAR/jwt"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$VAR/jwt/private.pem" 2>/dev/null
openssl pkey -in "$VAR/jwt/private.pem" -pubout -out "$VAR/jwt/public.pem"
WARMLINE_INTAKE_SECRET_KEY="$(head -c 32 /dev/urandom | base64)"
export WARMLINE_INTAKE_SECRET_KEY WARMLINE_JWT_PUBLIC_KEY_FILE="$ROOT/$VAR/jwt/public.pem"
STREAM_PID=""
finish() {
  local rc=$?
  [[ -z "$STREAM_PID" ]] || kill "$STREAM_PID" 2>/dev/null || true
  if ((rc != 0)); then
    "${C[@]}" logs --no-color --tail=100 >"$VAR/compose.log" 2>&1 || true
    echo "[compose] FAILED after $((SECONDS - T0)) s; the containers' logs are in $ROOT/$VAR/compose.log" >&2
  fi
  "${C[@]}" down -v --remove-orphans >/dev/null 2>&1 || true
  exit $rc
}
trap finish EXIT

SERVICES=(intake-service scoring-service routing-service notification-service)
"${C[@]}" down -v --remove-orphans >/dev/null 2>&1 || true
"${C[@]}" up -d kafka topics postgres "${SERVICES[@]}" >"$VAR/up.log" 2>&1 || { cat "$VAR/up.log"; exit 1; }
say "up; waiting for the services' health checks"
IDS=()
for service in kafka postgres "${SERVICES[@]}"; do IDS+=("$("${C[@]}" ps -q "$service")"); done
until [[ "$(docker inspect -f '{{.State.Health.Status}}' "${IDS[@]}" | sort -u)" == healthy ]]; do
  ((SECONDS - T0 < 420)) || { echo "[compose] not healthy after 420 s:" >&2; "${C[@]}" ps >&2; exit 1; }
  sleep 2
done
say "all healthy"

url() { echo "http://127.0.0.1:$((BASE_PORT + $1))"; }
OPERATOR="$(WARMLINE_STACK=compose deploy/local/token.sh operator ops-smoke)"
REP_TOKEN="$(WARMLINE_STACK=compose deploy/local/token.sh rep smoke-rep default)"
VENDOR="$(curl -sS -X POST "$(url 1)/vendors" -H "Authorization: Bearer $OPERATOR" -H 'Content-Type: application/json' \
  -d '{"id":"smoke","name":"Smoke Leads","defaultRegion":"GB"}')"
SECRET="$(grep -o 'whsec_[A-Za-z0-9+/=]*' <<<"$VENDOR" | head -1)"
[[ -n "$SECRET" ]] || { echo "[compose] registering the vendor failed: $VENDOR" >&2; exit 1; }
curl -fsS -o /dev/null -X PUT "$(url 3)/reps/smoke-rep" -H "Authorization: Bearer $OPERATOR" \
  -H 'Content-Type: application/json' -d '{"name":"Smoke Rep","capacity":3}'
curl -sSN "$(url 4)/reps/smoke-rep/alerts/stream" -H "Authorization: Bearer $REP_TOKEN" >"$VAR/stream.txt" 2>&1 &
STREAM_PID=$!
# The rep turns available once routing knows them (the roster travels as an event).
for ((i = 0; i < 60; i++)); do
  status="$(curl -sS -o /dev/null -w '%{http_code}' -X PUT "$(url 3)/reps/smoke-rep/presence" \
    -H "Authorization: Bearer $REP_TOKEN" -H 'Content-Type: application/json' -d '{"status":"available"}')"
  [[ "$status" == 2* ]] && break
  sleep 1
done
[[ "$status" == 2* ]] || { echo "[compose] presence refused: HTTP $status" >&2; exit 1; }
ANSWER="$(WARMLINE_INTAKE_URL="$(url 1)" deploy/local/post-lead.sh smoke "$SECRET")"
LEAD="$(grep -o '"leadId":"[^"]*"' <<<"$ANSWER" | head -1 | cut -d'"' -f4)"
[[ -n "$LEAD" && "$ANSWER" == *"HTTP 202"* ]] || { echo "[compose] the lead was refused: $ANSWER" >&2; exit 1; }
say "lead $LEAD accepted; waiting for the alert on smoke-rep's stream"
for ((i = 0; i < 120; i++)); do
  grep -q "$LEAD" "$VAR/stream.txt" && break
  sleep 0.5
done
grep -q "$LEAD" "$VAR/stream.txt" || { echo "[compose] no alert for lead $LEAD on the stream in 60 s:" >&2; cat "$VAR/stream.txt" >&2; exit 1; }
say "the alert for lead $LEAD reached the rep's stream; tearing down"
