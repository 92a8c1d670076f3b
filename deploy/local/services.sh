#!/usr/bin/env bash
# The four Warmline services as packaged Quarkus apps, against the stack's Kafka and PostgreSQL.
#   deploy/local/services.sh up|down|status      WARMLINE_STACK=local (default), or any stack of deploy/local/stacks.sh
#   WARMLINE_REPLICAS=2 deploy/local/services.sh up     replicas 1 and 2 of each service (1 to 4; default 1)
#   WARMLINE_REPLICA=2 deploy/local/services.sh down    only replica 2 (down and status: every replica found)
#   WARMLINE_READY_WAIT=300 ...services.sh up             how long up waits for them all to be ready (default 120 s)
# up starts each service that is not already running and waits until all report ready; replica r (1-based) of
# service i of (intake, scoring, routing, notification) listens on the stack's services base port + 20 * (r - 1) + i
# (replica 1: base+1..base+4, the ports everything else uses; replica 2: base+21..base+24). Replicas of a service
# share its database schema and Kafka consumer groups, so the broker splits the partitions between them. Beside
# them runs the stack's mail catcher (GreenMail standalone, deploy/local/mail): SMTP on base + 5, its HTTP API on
# base + 6, where the escalation emails the services send are read. WARMLINE_JVM_OPTS replaces the services' JVM
# settings (default -Xmx384m -XX:+UseSerialGC; the benchmark compares them); WARMLINE_JAVA the java they run on
# (default: java on the PATH, Java 17). WARMLINE_AOT (Java 25+ in WARMLINE_JAVA, the apps packaged as aot-jar, see
# deploy/local/aot-cache.sh): record = each service writes its ahead-of-time cache (JEP 483/514/515) to
# <module>/target/quarkus-app/app.aot when it stops (a training run); use = each starts from that cache.
# WARMLINE_STOP_WAIT: how long down waits for a service to exit before killing it (default 15 s; writing a cache
# takes longer).
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
MAX_REPLICAS=4
say() { echo "[services] $STACK: $*"; }
die() { echo "[services] $STACK: ERROR: $*" >&2; exit 1; }
# Replica 1 keeps the names it always had (intake-service.pid, .log); replica r > 1 adds -r (intake-service-2.pid).
name_of() { if (($2 == 1)); then echo "$1-service"; else echo "$1-service-$2"; fi; }
# $1 = service, $2 = replica (default 1)
port_of() { local r="${2:-1}" i
  case "$1" in intake) i=1;; scoring) i=2;; routing) i=3;; notification) i=4;; esac
  echo $((BASE_PORT + 20 * (r - 1) + i)); }
pid_of() { local f; if [[ "$1" == mail ]]; then f="$VAR/mail.pid"; else f="$VAR/$(name_of "$1" "${2:-1}").pid"; fi
  [[ -f "$f" ]] && kill -0 "$(cat "$f")" 2>/dev/null && cat "$f"; }
# A hung service must not hang the caller: each readiness probe gets 10 s. A service does not answer at once:
# SmallRye's readiness asks each channel's consumer for its partitions on its polling thread, one channel after
# another, each waiting for the poll in progress (1 to 4 s with a 1 s poll timeout; under 1 s since the platform polls
# in 250 ms steps). With 3 s a busy machine's routing and notification missed probe after probe and "ready" came
# minutes late.
ready() { curl -fsS -m 10 -o /dev/null "http://127.0.0.1:$(port_of "$1" "$2")/q/health/ready" 2>/dev/null; }
# The replicas this command acts on: WARMLINE_REPLICA=r alone, else 1..WARMLINE_REPLICAS (up) or every one (down,
# status: those with a pid file, replica 1 always).
replicas() {
  local n="${WARMLINE_REPLICAS:-1}" r
  if [[ -n "${WARMLINE_REPLICA:-}" ]]; then n="$WARMLINE_REPLICA"; fi
  [[ "$n" =~ ^[1-9]$ ]] && ((n <= MAX_REPLICAS)) || die "replicas go from 1 to $MAX_REPLICAS, not '$n'"
  if [[ -n "${WARMLINE_REPLICA:-}" ]]; then echo "$n"; return; fi
  if [[ "$1" == up ]]; then seq 1 "$n"; return; fi
  echo 1
  for r in $(seq 2 $MAX_REPLICAS); do compgen -G "$VAR/*-service-$r.pid" >/dev/null && echo "$r"; done; true
}

# Secrets the services need are generated once per stack, kept out of git and out of logs: intake's key that
# seals vendor secrets, the RSA key pair of the local token issuer (deploy/local/token.sh signs with the
# private half; the services verify bearer tokens with the public half, as they would an identity provider's), and
# notification's VAPID key pair for Web Push (a P-256 key: the public point and the private scalar, base64url, as
# browsers and the service read them), so the rep console's "Alert me when this page is closed" really subscribes.
secrets() {
  local file="$VAR/secrets.env" jwt="$VAR/jwt" svc
  if [[ ! -s "$jwt/public.pem" ]]; then
    (umask 077; mkdir -p "$jwt"
     openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$jwt/private.pem" 2>/dev/null
     openssl pkey -in "$jwt/private.pem" -pubout -out "$jwt/public.pem")
  fi
  if [[ ! -s "$file" ]]; then
    (umask 077; echo "export WARMLINE_INTAKE_SECRET_KEY=$(head -c 32 /dev/urandom | base64 -w0)" >"$file")
  fi
  grep -q WARMLINE_VAPID_PRIVATE_KEY "$file" || vapid_keys >>"$file"
  # Each service's database role gets a password of its own: a production start refuses the role-named default
  # (platform StartGuard).
  grep -q WARMLINE_DB_PASSWORD_INTAKE "$file" || for svc in "${SERVICES[@]}"; do
    echo "export WARMLINE_DB_PASSWORD_${svc^^}=$(head -c 24 /dev/urandom | base64url)"; done >>"$file"
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

# The roles take the generated passwords (database.sql creates them with their names as passwords). The stack's
# PostgreSQL trusts loopback connections, so this changes no login here; it keeps the roles as production would have
# them. The passwords go to psql on stdin, never on a command line.
db_passwords() {
  local pgbin svc var
  pgbin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
  [[ -x "$pgbin/psql" ]] || { say "no psql: the database roles keep their passwords"; return 0; }
  for svc in "${SERVICES[@]}"; do
    var="WARMLINE_DB_PASSWORD_${svc^^}"
    printf "ALTER ROLE %s PASSWORD '%s';\n" "$svc" "${!var}"
  done | "$pgbin/psql" -X -q -h "$WARMLINE_PG_HOST" -p "$WARMLINE_PG_PORT" -U postgres -d "$WARMLINE_PG_DATABASE" \
    -v ON_ERROR_STOP=1 >"$LOGS/db-passwords.log" 2>&1 || die "setting the roles' passwords failed, see $LOGS/db-passwords.log"
}

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
  db_passwords
  # The token issuer (deploy/local/token.sh, SmallRye JWT in deploy/driver) built now, so scripts never wait for it.
  "$HERE/token.sh" operator services-up >/dev/null || die "the token issuer does not work (deploy/local/token.sh)"
  mail_up
  local svc jar r name
  local JVM_OPTS="${WARMLINE_JVM_OPTS:--Xmx384m -XX:+UseSerialGC}"
  local -a which; mapfile -t which < <(replicas up)
  for r in "${which[@]}"; do
    for svc in "${SERVICES[@]}"; do
      name="$(name_of "$svc" "$r")"
      if pid_of "$svc" "$r" >/dev/null; then say "$name already running (pid $(pid_of "$svc" "$r"))"; continue; fi
      jar="$ROOT/$svc-service/target/quarkus-app/quarkus-run.jar"
      [[ -f "$jar" ]] || die "$jar is missing: build with ./mvnw -B package -DskipTests"
      local aot="${jar%/*}/app.aot" aot_opts=""
      case "${WARMLINE_AOT:-}" in
        "") ;;
        record) rm -f "$aot"; aot_opts="-XX:AOTCacheOutput=$aot" ;;
        # A cache used with other jars than its training run's does not fail cleanly: classes come from the wrong
        # loader (seen: Quarkus failing to start with a ClassCastException). A jar newer than the cache means a rebuild.
        use) [[ -s "$aot" ]] || die "$aot is missing: train it with deploy/local/aot-cache.sh"
             [[ -z "$(find -H "${jar%/*}" -name '*.jar' -newer "$aot" -print -quit)" ]] \
               || die "$aot is older than the build: train it again with deploy/local/aot-cache.sh"
             aot_opts="-XX:AOTCache=$aot" ;;
        *) die "WARMLINE_AOT is record or use, not '$WARMLINE_AOT'" ;;
      esac
      # The rep console (notification-service) calls routing-service from the browser: each needs the other's port.
      # The log is appended to, so a restart keeps what the previous run of the service logged (why it was restarted).
      local password_var="WARMLINE_DB_PASSWORD_${svc^^}"
      # shellcheck disable=SC2086   # JVM_OPTS are words
      QUARKUS_HTTP_PORT="$(port_of "$svc" "$r")" KAFKA_BOOTSTRAP_SERVERS="$KAFKA_BOOTSTRAP_SERVERS" \
        WARMLINE_DB_PASSWORD="${!password_var}" \
        WARMLINE_CONSOLE_ROUTING_URL="http://127.0.0.1:$(port_of routing "$r")" \
        QUARKUS_HTTP_CORS_ORIGINS="http://localhost:$(port_of notification "$r"),http://127.0.0.1:$(port_of notification "$r")" \
        WARMLINE_PG_HOST="$WARMLINE_PG_HOST" WARMLINE_PG_PORT="$WARMLINE_PG_PORT" \
        WARMLINE_PG_DATABASE="$WARMLINE_PG_DATABASE" WARMLINE_INTAKE_SECRET_KEY="$WARMLINE_INTAKE_SECRET_KEY" WARMLINE_JWT_PUBLIC_KEY="$WARMLINE_JWT_PUBLIC_KEY" \
        WARMLINE_VAPID_PUBLIC_KEY="$WARMLINE_VAPID_PUBLIC_KEY" WARMLINE_VAPID_PRIVATE_KEY="$WARMLINE_VAPID_PRIVATE_KEY" \
        WARMLINE_SMTP_HOST=127.0.0.1 WARMLINE_SMTP_PORT="$(mail_smtp_port)" \
        nohup "${WARMLINE_JAVA:-java}" $JVM_OPTS $aot_opts -jar "$jar" >>"$LOGS/$name.log" 2>&1 </dev/null &
      echo $! >"$VAR/$name.pid"
    done
  done
  local waited=0
  until mail_ready; do
    pid_of mail >/dev/null || die "the mail catcher exited; see $LOGS/mail.log"
    ((waited < 60)) || die "the mail catcher is not ready after 60 s; see $LOGS/mail.log"
    sleep 1; waited=$((waited + 1))
  done
  for r in "${which[@]}"; do
    for svc in "${SERVICES[@]}"; do
      name="$(name_of "$svc" "$r")"
      until ready "$svc" "$r"; do
        pid_of "$svc" "$r" >/dev/null || die "$name exited; see $LOGS/$name.log"
        ((waited < ${WARMLINE_READY_WAIT:-120})) || die "$name not ready after $waited s; see $LOGS/$name.log"
        sleep 1; waited=$((waited + 1))
      done
    done
  done
  # Each one answered ready above; this listing probes again and, on a busy machine, one probe can take longer than
  # its 3 s: that is no reason to fail the start.
  status || true
}

down() {
  local svc pid i r
  for r in $(replicas down); do
    for svc in "${SERVICES[@]}"; do
      pid="$(pid_of "$svc" "$r" || true)"
      [[ -n "$pid" ]] || continue
      kill "$pid" 2>/dev/null || true
      for i in $(seq 1 $((2 * ${WARMLINE_STOP_WAIT:-15}))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
      say "$(name_of "$svc" "$r") stopped"
    done
    rm -f "$VAR"/*-service"$( ((r == 1)) || echo "-$r")".pid
  done
  # The mail catcher goes with the last replicas: on a plain down, not on WARMLINE_REPLICA=r down.
  if [[ -z "${WARMLINE_REPLICA:-}" ]]; then
    pid="$(pid_of mail || true)"
    if [[ -n "$pid" ]]; then kill "$pid" 2>/dev/null || true; say "mail catcher stopped"; fi
    rm -f "$VAR/mail.pid"
  fi
}

status() {
  local svc all=0 r
  for r in $(replicas status); do
    for svc in "${SERVICES[@]}"; do
      if ready "$svc" "$r"; then say "$(name_of "$svc" "$r") ready  http://127.0.0.1:$(port_of "$svc" "$r")"
      else say "$(name_of "$svc" "$r") DOWN"; all=3; fi
    done
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
  *) echo "usage: [WARMLINE_STACK=<stack>] [WARMLINE_REPLICAS=n | WARMLINE_REPLICA=r] deploy/local/services.sh up|down|status; stacks: $(stack_names)" >&2; exit 2 ;;
esac
