#!/usr/bin/env bash
# The four Warmline services as packaged Quarkus apps, against the stack's Kafka and PostgreSQL.
#   deploy/local/services.sh up|down|status      WARMLINE_STACK=local (default), or any stack of deploy/local/stacks.sh
# up starts each service that is not already running and waits until all four report ready; service i of
# (intake, scoring, routing, notification) listens on the stack's services base port + i. Beside them runs the
# stack's mail catcher (GreenMail standalone, deploy/local/mail): SMTP on base + 5, its HTTP API on base + 6, where
# the escalation emails the services send are read.
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
pid_of() { local f="$VAR/$1-service.pid"; [[ "$1" == mail ]] && f="$VAR/mail.pid"
  [[ -f "$f" ]] && kill -0 "$(cat "$f")" 2>/dev/null && cat "$f"; }
# A hung service must not hang the caller: each readiness probe gets 3 s.
ready() { curl -fsS -m 3 -o /dev/null "http://127.0.0.1:$(port_of "$1")/q/health/ready" 2>/dev/null; }

# Secrets the services need are generated once per stack, kept out of git and out of logs: intake's key that
# seals vendor secrets, the RSA key pair of the local token issuer (deploy/local/token.sh signs with the
# private half; the services verify bearer tokens with the public half, as they would an identity provider's), and
# notification's VAPID key pair for Web Push (a P-256 key: the public point and the private scalar, base64url, as
# browsers and the service read them), so the rep console's "Alert me when this page is closed" really subscribes.
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
  grep -q WARMLINE_VAPID_PRIVATE_KEY "$file" || vapid_keys >>"$file"
  export WARMLINE_JWT_PUBLIC_KEY="$jwt/public.pem"
  # shellcheck disable=SC1090
  source "$file"
}

# A new VAPID key pair as two export lines. The SEC1 DER of a P-256 key holds the 32-byte private scalar at offset
# 7; the public key's DER ends with the 65-byte uncompressed point.
vapid_keys() {
  local pem
  pem="$(openssl ecparam -name prime256v1 -genkey -noout 2>/dev/null)"
  echo "export WARMLINE_VAPID_PRIVATE_KEY=$(openssl ec -outform DER 2>/dev/null <<<"$pem" | tail -c +8 | head -c 32 | base64url)"
  echo "export WARMLINE_VAPID_PUBLIC_KEY=$(openssl ec -pubout -outform DER 2>/dev/null <<<"$pem" | tail -c 65 | base64url)"
}
base64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }

# The mail catcher: GreenMail standalone, its classpath resolved once from deploy/local/mail/pom.xml.
MAIL_CP="$HERE/var/mail.classpath"
mail_smtp_port() { echo $((BASE_PORT + 5)); }
mail_api_port() { echo $((BASE_PORT + 6)); }
mail_ready() { curl -fsS -m 3 -o /dev/null "http://127.0.0.1:$(mail_api_port)/api/service/readiness" 2>/dev/null; }
mail_up() {
  if pid_of mail >/dev/null; then say "mail catcher already running (pid $(pid_of mail))"; return; fi
  if [[ ! -s "$MAIL_CP" || "$HERE/mail/pom.xml" -nt "$MAIL_CP" || "$ROOT/pom.xml" -nt "$MAIL_CP" ]]; then
    "$ROOT/mvnw" -B -q -f "$HERE/mail/pom.xml" dependency:build-classpath -Dmdep.includeScope=runtime \
      -Dmdep.outputFile="$MAIL_CP" >"$LOGS/mail-classpath.log" 2>&1 \
      || die "resolving the mail catcher (GreenMail) failed, see $LOGS/mail-classpath.log"
  fi
  # Any address is accepted without a password; nothing is relayed anywhere.
  nohup java -Xmx96m -XX:+UseSerialGC -Dgreenmail.smtp.hostname=127.0.0.1 -Dgreenmail.smtp.port="$(mail_smtp_port)" \
    -Dgreenmail.api.hostname=127.0.0.1 -Dgreenmail.api.port="$(mail_api_port)" -Dgreenmail.auth.disabled \
    -cp "$(cat "$MAIL_CP")" com.icegreen.greenmail.standalone.GreenMailStandaloneRunner \
    >>"$LOGS/mail.log" 2>&1 </dev/null &
  echo $! >"$VAR/mail.pid"
}

up() {
  [[ -f "$VAR/env" ]] || die "infrastructure is not up: run WARMLINE_STACK=$STACK deploy/local/infra.sh up"
  # shellcheck disable=SC1090
  source "$VAR/env"
  secrets
  mkdir -p "$LOGS"
  mail_up
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
      WARMLINE_VAPID_PUBLIC_KEY="$WARMLINE_VAPID_PUBLIC_KEY" WARMLINE_VAPID_PRIVATE_KEY="$WARMLINE_VAPID_PRIVATE_KEY" \
      WARMLINE_SMTP_HOST=127.0.0.1 WARMLINE_SMTP_PORT="$(mail_smtp_port)" \
      nohup java $JVM_OPTS -jar "$jar" >>"$LOGS/$svc-service.log" 2>&1 </dev/null &
    echo $! >"$VAR/$svc-service.pid"
  done
  local waited=0
  until mail_ready; do
    pid_of mail >/dev/null || die "the mail catcher exited; see $LOGS/mail.log"
    ((waited < 60)) || die "the mail catcher is not ready after 60 s; see $LOGS/mail.log"
    sleep 1; waited=$((waited + 1))
  done
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
  pid="$(pid_of mail || true)"
  if [[ -n "$pid" ]]; then kill "$pid" 2>/dev/null || true; say "mail catcher stopped"; fi
  rm -f "$VAR"/*-service.pid "$VAR/mail.pid"
}

status() {
  local svc all=0
  for svc in "${SERVICES[@]}"; do
    if ready "$svc"; then say "$svc-service ready  http://127.0.0.1:$(port_of "$svc")"
    else say "$svc-service DOWN"; all=3; fi
  done
  if mail_ready; then say "mail catcher ready  smtp 127.0.0.1:$(mail_smtp_port), emails: curl http://127.0.0.1:$(mail_api_port)/api/user/<address>/messages/"
  else say "mail catcher DOWN"; all=3; fi
  if grep -q WARMLINE_VAPID_PUBLIC_KEY "$VAR/secrets.env" 2>/dev/null; then
    say "web push on: VAPID keys in $VAR/secrets.env (public key at http://127.0.0.1:$(port_of notification)/console/config.json)"
  else say "web push off: no VAPID keys yet (services.sh up generates them)"; fi
  return $all
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: [WARMLINE_STACK=<stack>] deploy/local/services.sh up|down|status; stacks: $(stack_names)" >&2; exit 2 ;;
esac
