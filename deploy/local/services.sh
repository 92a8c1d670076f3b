#!/usr/bin/env bash
# The four Warmline services as packaged Quarkus apps, against the stack's Kafka and PostgreSQL.
#   deploy/local/services.sh up|down|status      WARMLINE_STACK=local (default), or any stack of deploy/local/stacks.sh
# up starts each service that is not already running and waits until all four report ready; service i of
# (intake, scoring, routing, notification) listens on the stack's services base port + i.
# Needs: infra up (deploy/local/infra.sh) and the apps packaged (./mvnw package -DskipTests).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
STACK="${WARMLINE_STACK:-local}"
# shellcheck source=stacks.sh
source "$HERE/stacks.sh"
stack_select "$STACK" || { echo "[services] unknown WARMLINE_STACK '$STACK' (one of: $(stack_names))" >&2; exit 2; }
VAR="$HERE/var/$STACK"; LOGS="$VAR/logs"
SERVICES=(intake scoring routing notification)
say() { echo "[services] $STACK: $*"; }
die() { echo "[services] $STACK: ERROR: $*" >&2; exit 1; }
port_of() { case "$1" in intake) echo $((BASE_PORT + 1));; scoring) echo $((BASE_PORT + 2));;
  routing) echo $((BASE_PORT + 3));; notification) echo $((BASE_PORT + 4));; esac; }
pid_of() { local f="$VAR/$1-service.pid"; [[ -f "$f" ]] && kill -0 "$(cat "$f")" 2>/dev/null && cat "$f"; }
# A hung service must not hang the caller: each readiness probe gets 3 s.
ready() { curl -fsS -m 3 -o /dev/null "http://127.0.0.1:$(port_of "$1")/q/health/ready" 2>/dev/null; }

# Secrets the services need are generated once per stack, kept out of git and out of logs: intake's key that
# seals vendor secrets, and the RSA key pair of the local token issuer (deploy/local/token.sh signs with the
# private half; the services verify bearer tokens with the public half, as they would an identity provider's).
secrets() {
  local file="$VAR/secrets.env" jwt="$VAR/jwt"
  if [[ ! -s "$jwt/public.pem" ]]; then
    (umask 077; mkdir -p "$jwt"
     openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$jwt/private.pem" 2>/dev/null
     openssl pkey -in "$jwt/private.pem" -pubout -out "$jwt/public.pem")
  fi
  if [[ ! -s "$file" ]]; then
    (umask 077; echo "export WARMLINE_INTAKE_SECRET_KEY=$(head -c 32 /dev/urandom | base64 -w0)" >"$file")
  fi
  export WARMLINE_JWT_PUBLIC_KEY="$jwt/public.pem"
  # shellcheck disable=SC1090
  source "$file"
}

up() {
  [[ -f "$VAR/env" ]] || die "infrastructure is not up: run WARMLINE_STACK=$STACK deploy/local/infra.sh up"
  # shellcheck disable=SC1090
  source "$VAR/env"
  secrets
  mkdir -p "$LOGS"
  local svc jar
  # WARMLINE_JVM_OPTS replaces the JVM settings (the benchmark compares them; issue 15).
  local JVM_OPTS="${WARMLINE_JVM_OPTS:--Xmx384m -XX:+UseSerialGC}"
  for svc in "${SERVICES[@]}"; do
    if pid_of "$svc" >/dev/null; then say "$svc-service already running (pid $(pid_of "$svc"))"; continue; fi
    jar="$ROOT/$svc-service/target/quarkus-app/quarkus-run.jar"
    [[ -f "$jar" ]] || die "$jar is missing: build with ./mvnw -B package -DskipTests"
    # The rep console (notification-service) calls routing-service from the browser: each needs the other's port.
    # The log is appended to, so a restart keeps what the previous run of the service logged (why it was restarted).
    # shellcheck disable=SC2086   # JVM_OPTS are words
    QUARKUS_HTTP_PORT="$(port_of "$svc")" KAFKA_BOOTSTRAP_SERVERS="$KAFKA_BOOTSTRAP_SERVERS" \
      WARMLINE_CONSOLE_ROUTING_URL="http://127.0.0.1:$(port_of routing)" \
      QUARKUS_HTTP_CORS_ORIGINS="http://localhost:$(port_of notification),http://127.0.0.1:$(port_of notification)" \
      WARMLINE_PG_HOST="$WARMLINE_PG_HOST" WARMLINE_PG_PORT="$WARMLINE_PG_PORT" \
      WARMLINE_PG_DATABASE="$WARMLINE_PG_DATABASE" WARMLINE_INTAKE_SECRET_KEY="$WARMLINE_INTAKE_SECRET_KEY" WARMLINE_JWT_PUBLIC_KEY="$WARMLINE_JWT_PUBLIC_KEY" \
      nohup java $JVM_OPTS -jar "$jar" >>"$LOGS/$svc-service.log" 2>&1 </dev/null &
    echo $! >"$VAR/$svc-service.pid"
  done
  local waited=0
  for svc in "${SERVICES[@]}"; do
    until ready "$svc"; do
      pid_of "$svc" >/dev/null || die "$svc-service exited; see $LOGS/$svc-service.log"
      ((waited < 120)) || die "$svc-service not ready after 120 s; see $LOGS/$svc-service.log"
      sleep 1; waited=$((waited + 1))
    done
  done
  status
}

down() {
  local svc pid i
  for svc in "${SERVICES[@]}"; do
    pid="$(pid_of "$svc" || true)"
    [[ -n "$pid" ]] || continue
    kill "$pid" 2>/dev/null || true
    for i in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
    say "$svc-service stopped"
  done
  rm -f "$VAR"/*-service.pid
}

status() {
  local svc all=0
  for svc in "${SERVICES[@]}"; do
    if ready "$svc"; then say "$svc-service ready  http://127.0.0.1:$(port_of "$svc")"
    else say "$svc-service DOWN"; all=3; fi
  done
  return $all
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: [WARMLINE_STACK=<stack>] deploy/local/services.sh up|down|status; stacks: $(stack_names)" >&2; exit 2 ;;
esac
