#!/usr/bin/env bash
# Real single-node Kafka (KRaft) + PostgreSQL for one machine, no Docker.
#   deploy/local/infra.sh up|down|status|wipe [--save-logs DIR]|save-logs DIR|pg-stop|pg-start|kafka-stop|kafka-start
#   deploy/local/infra.sh kafka-classpath   prints the broker's classpath (resolved once, shared by all stacks; the
#                                           Kafka image of deploy/images is built from the same jars)
#   WARMLINE_STACK=local (default), or any stack of deploy/local/stacks.sh (the one table of stacks and ports)
# up is idempotent (already up: report, exit 0) and writes var/<stack>/env with the export lines to source; it
# creates exactly the topics of topics.txt (the broker never auto-creates one) and returns when the broker's
# metadata shows them all. status exits 0 when both are up, 3 otherwise. wipe = down + remove var/<stack>.
# save-logs DIR copies the stack's logs to DIR/<stack>/ (wipe --save-logs DIR does it after down, before removing);
# callers do this when a test fails, so the logs outlive the wipe.
# pg-stop and pg-start stop and start PostgreSQL alone: a database outage on purpose, for the fault tests;
# kafka-stop and kafka-start do the same to the broker (its data and topics survive).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
STACK="${WARMLINE_STACK:-local}"
# shellcheck source=stacks.sh
source "$HERE/stacks.sh"
stack_select "$STACK" || { echo "[infra] unknown WARMLINE_STACK '$STACK' (one of: $(stack_names))" >&2; exit 2; }
VARS="$HERE/var"; VAR="$VARS/$STACK"; LOGS="$VAR/logs"
KDATA="$VAR/kafka-data"; KPROPS="$VAR/kafka.properties"; KPID="$VAR/kafka.pid"; KLOG="$LOGS/kafka.log"
CP_FILE="$VARS/kafka.classpath"; TOPICS="$HERE/topics.txt"
TOOL_JAR="$HERE/kafka/target/warmline-local-kafka-0.1.0-SNAPSHOT.jar"
PG_DATA="$VAR/pg-data"; PG_RUN="$VAR/pg-run"; PG_LOG="$LOGS/postgres.log"
TOOL_JVM="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"   # short-lived tool JVMs start faster
say() { echo "[infra] $STACK: $*"; }
die() { echo "[infra] $STACK: ERROR: $*" >&2; exit 1; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
sec() { echo $((SECONDS - T0))s; }

apt_install() {
  ((EUID == 0)) || die "missing $*; install it (apt-get install -y $*) or run as root"
  echo "[infra] installing $* (apt-get)" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"; } >"$VARS/apt.log" 2>&1 \
    || die "apt-get install $* failed, see $VARS/apt.log"
}
find_pgbin() { PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"; [[ -x "$PGBIN/initdb" ]]; }
ensure_tools() {
  command -v javac >/dev/null || apt_install default-jdk-headless
  find_pgbin || apt_install postgresql
  find_pgbin || die "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin"
}

gitignore() {
  local gi="$ROOT/.gitignore" line
  touch "$gi"; [[ ! -s "$gi" || -z "$(tail -c1 "$gi")" ]] || echo >>"$gi"
  for line in target/ .idea/ deploy/local/var/; do grep -qxF "$line" "$gi" || echo "$line" >>"$gi"; done
}

# ---------------- Kafka ----------------
classpath() {   # cached, shared by stacks; rebuilt when a pom changes or a jar vanished from ~/.m2
  local usable=1 jar log="$VARS/kafka.classpath.log"
  [[ -s "$CP_FILE" ]] || usable=0
  if ((usable)); then for jar in $(tr ':' ' ' <"$CP_FILE"); do [[ -f "$jar" ]] || { usable=0; break; }; done; fi
  if ((!usable)) || [[ "$HERE/kafka/pom.xml" -nt "$CP_FILE" || "$ROOT/pom.xml" -nt "$CP_FILE" ]]; then
    if "$ROOT/mvnw" -B -q -f "$HERE/kafka/pom.xml" dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$CP_FILE.$$" >"$log" 2>&1; then
      mv -f "$CP_FILE.$$" "$CP_FILE"
    else
      rm -f "$CP_FILE.$$"; ((usable)) || die "resolving the Kafka classpath failed, see $log"
      echo "[infra] $STACK: WARNING: re-resolving the Kafka classpath failed (see $log); using the previous one" >&2
    fi
  fi
  CP="$(cat "$CP_FILE")"
}

kafka_pid() {   # prints the pid of this stack's broker if it runs
  local p; p="$(cat "$KPID" 2>/dev/null)" || return 1
  [[ -n "$p" ]] && kill -0 "$p" 2>/dev/null && tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -qF "kafka.Kafka $KPROPS" && echo "$p"
}

tool_jar() {   # the topic tool (deploy/local/kafka, ordinary Java): built with the root ./mvnw when missing/outdated
  local log="$VARS/topic-tool.build.log"
  exec 8>"$VARS/.topic-tool.lock"; flock -w 300 8 || die "another infra.sh holds $VARS/.topic-tool.lock"
  if [[ ! -s "$TOOL_JAR" ]] || [[ -n "$(find "$HERE/kafka/src/main" "$HERE/kafka/pom.xml" "$ROOT/pom.xml" -newer "$TOOL_JAR" -print -quit)" ]]; then
    echo "[infra] $STACK: building the topic tool (./mvnw -f deploy/local/kafka/pom.xml package)" >&2
    "$ROOT/mvnw" -B -q -f "$HERE/kafka/pom.xml" package -DskipTests >"$log" 2>&1 \
      || { exec 8>&-; die "building the topic tool failed, see $log"; }
  fi
  exec 8>&-
}

kafka_topics() {  # $1 = seconds until the topic tool gives up
  tool_jar
  # shellcheck disable=SC2086
  java $TOOL_JVM -cp "$TOOL_JAR:$CP" io.warmline.deploy.kafka.TopicTool "127.0.0.1:$KPORT" "$1" "$TOPICS" 6 \
    >"$LOGS/topic-tool.log" 2>&1 \
    || die "Kafka on 127.0.0.1:$KPORT not ready/topics not created; see $LOGS/topic-tool.log and $KLOG"
  sed -n 's/^warning: /[infra] '"$STACK"': WARNING: /p' "$LOGS/topic-tool.log" >&2
  sha256sum <"$TOPICS" >"$VAR/topics.sha"
}

kafka_start() {
  if kafka_pid >/dev/null; then KSTARTED=0; return; fi
  port_open "$KPORT" && die "port $KPORT is taken by another process (not this stack's Kafka)"
  port_open "$CPORT" && die "port $CPORT is taken by another process (not this stack's Kafka)"
  classpath
  mkdir -p "$KDATA"
  cat >"$KPROPS" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$CPORT
listeners=PLAINTEXT://127.0.0.1:$KPORT,CONTROLLER://127.0.0.1:$CPORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KPORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KDATA
num.partitions=6
default.replication.factor=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
# Topics come only from topics.txt (the topic tool): a client that asks for a topic early must not create it
# while the tool does (issue 12: that race, with describeTopics right after, failed "infra.sh up").
auto.create.topics.enable=false
EOF
  if [[ ! -f "$KDATA/meta.properties" ]]; then
    local id; id="$(head -c16 /dev/urandom | base64 | tr '+/' '-_' | cut -c1-22)"
    while [[ "$id" == -* ]]; do id="$(head -c16 /dev/urandom | base64 | tr '+/' '-_' | cut -c1-22)"; done
    java $TOOL_JVM -cp "$CP" kafka.tools.StorageTool format --standalone -t "$id" -c "$KPROPS" >"$LOGS/kafka-format.log" 2>&1 \
      || die "formatting Kafka storage failed, see $LOGS/kafka-format.log"
  fi
  rm -f "$KPID"
  setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$KPID" java -Xms256m -Xmx512m -XX:+UseG1GC \
    -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true -Dkafka.logs.dir="$LOGS" \
    -Dlog4j2.configurationFile="$HERE/kafka/log4j2.xml" -cp "$CP" kafka.Kafka "$KPROPS" \
    >>"$LOGS/kafka.out" 2>&1 </dev/null 9>&- &
  KSTARTED=1
}

kafka_wait() {
  local i
  for ((i = 0; i < 600; i++)); do
    port_open "$KPORT" && break
    sleep 0.1
    [[ ! -s "$KPID" ]] || kafka_pid >/dev/null || die "Kafka exited during startup; see $KLOG and $LOGS/kafka.out"
  done
  port_open "$KPORT" || die "Kafka did not open 127.0.0.1:$KPORT within 60 s; see $KLOG"
  kafka_topics $((60 - i / 10 > 5 ? 60 - i / 10 : 5))
}

kafka_stop() {
  local p i; p="$(kafka_pid)" || { rm -f "$KPID"; return 0; }; kill -TERM "$p" 2>/dev/null || true
  for ((i = 0; i < 200; i++)); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$p" 2>/dev/null; then echo "[infra] $STACK: Kafka ignored SIGTERM for 20 s, killing" >&2; kill -KILL "$p" 2>/dev/null || true; sleep 0.5; fi
  rm -f "$KPID"
}

# ---------------- PostgreSQL ----------------
pg_as() { if ((EUID == 0)); then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }

pg_paths() {   # as root the server runs as 'postgres', which must reach the data dir
  if ((EUID == 0)) && ! runuser -u postgres -- test -x "$VAR" 2>/dev/null; then
    local alt="/tmp/warmline-$STACK-pg"
    echo "[infra] $STACK: user postgres cannot traverse $VAR; using $alt for PostgreSQL" >&2
    PG_DATA="$alt/data"; PG_RUN="$alt/run"; PG_LOG="$alt/postgres.log"; mkdir -p "$alt"
    ln -sfn "$PG_LOG" "$LOGS/postgres.log"
  fi
  ((${#PG_RUN} < 90)) || PG_RUN="/tmp/warmline-$STACK-pg-run"
}
pg_running() { [[ -f "$PG_DATA/PG_VERSION" ]] && pg_as "$PGBIN/pg_ctl" status -D "$PG_DATA" >/dev/null 2>&1; }

pg_start() {
  pg_paths
  if pg_running; then PSTARTED=0; return; fi
  port_open "$PGPORT" && die "port $PGPORT is taken by another process (not this stack's PostgreSQL)"
  mkdir -p "$PG_DATA" "$PG_RUN"; touch "$PG_LOG"
  if ((EUID == 0)); then chown postgres:postgres "$PG_DATA" "$PG_RUN" "$PG_LOG"; fi; chmod 700 "$PG_DATA"
  if [[ ! -f "$PG_DATA/PG_VERSION" ]]; then
    pg_as "$PGBIN/initdb" -D "$PG_DATA" -A trust -U postgres --encoding=UTF8 --locale=C >"$LOGS/initdb.log" 2>&1 \
      || die "initdb failed, see $LOGS/initdb.log"
  fi
  pg_as "$PGBIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 \
    -o "-p $PGPORT -k $PG_RUN -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_preload_libraries=pg_stat_statements" start >"$LOGS/pg_ctl.log" 2>&1 9>&- \
    || die "PostgreSQL did not start on 127.0.0.1:$PGPORT, see $PG_LOG"
  PSTARTED=1
}

pg_bootstrap() {
  local sql="SELECT 'CREATE DATABASE warmline' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'warmline')\\gexec
\\c warmline
\\i $HERE/database.sql"
  "$PGBIN/psql" -X -q -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 <<<"$sql" >"$LOGS/pg-bootstrap.log" 2>&1 \
    || die "creating database/roles/schemas failed, see $LOGS/pg-bootstrap.log"
}

pg_stop() {
  pg_paths
  pg_running || return 0
  pg_as "$PGBIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null || die "pg_ctl stop failed, see $PG_LOG"
}

# ---------------- commands ----------------
lock() { mkdir -p "$VARS"; exec 9>"$VARS/.$STACK.lock"; flock -w 300 9 || die "another infra.sh holds $VARS/.$STACK.lock"; }

up() {
  T0=$SECONDS; lock; mkdir -p "$LOGS"; gitignore; ensure_tools
  kafka_start                 # the broker boots while PostgreSQL starts
  pg_start; pg_bootstrap
  if ((KSTARTED)); then kafka_wait
  elif ! sha256sum -c --status "$VAR/topics.sha" <"$TOPICS" 2>/dev/null; then classpath; kafka_topics 30; fi
  cat >"$VAR/env" <<EOF
export KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KPORT
export WARMLINE_PG_HOST=127.0.0.1
export WARMLINE_PG_PORT=$PGPORT
export WARMLINE_PG_DATABASE=warmline
EOF
  if ((KSTARTED + PSTARTED == 0)); then say "already up (kafka 127.0.0.1:$KPORT, postgres 127.0.0.1:$PGPORT)"
  else say "up in $(sec): kafka 127.0.0.1:$KPORT, postgres 127.0.0.1:$PGPORT; env in $VAR/env"; fi
}

down() {
  lock; [[ -d "$VAR" ]] || return 0
  kafka_stop; if find_pgbin; then pg_stop; fi
  say "stopped"
}

status() {
  local rc=0 p
  if p="$(kafka_pid)"; then echo "[infra] $STACK: kafka    up   127.0.0.1:$KPORT (pid $p)"
  else echo "[infra] $STACK: kafka    down"; rc=3; fi
  if [[ -d "$VAR" ]] && find_pgbin && pg_paths 2>/dev/null && pg_running; then echo "[infra] $STACK: postgres up   127.0.0.1:$PGPORT"
  else echo "[infra] $STACK: postgres down"; rc=3; fi
  return $rc
}

save_logs() {   # $1 = directory; copies this stack's logs (following the PostgreSQL log's symlink) to $1/<stack>/
  local dest="$1/$STACK"
  [[ -d "$LOGS" ]] || { echo "[infra] $STACK: no logs under $LOGS to save" >&2; return 0; }
  rm -rf "$dest"; mkdir -p "$dest"
  cp -rL "$LOGS/." "$dest/" 2>/dev/null || true
  cp -f "$KPROPS" "$dest/" 2>/dev/null || true
  say "logs saved in $dest"
}

wipe() {
  down
  if [[ -n "${SAVE_LOGS:-}" ]]; then save_logs "$SAVE_LOGS"; fi
  rm -rf "$VAR" "/tmp/warmline-$STACK-pg" "/tmp/warmline-$STACK-pg-run"
  say "wiped"
}

# A database outage on purpose, for the fault tests: PostgreSQL alone stops (fast: sessions are cut) and starts.
pg-stop() { lock; ensure_tools; pg_stop; say "postgres stopped"; }
pg-start() { lock; ensure_tools; pg_start; say "postgres started"; }
# A broker outage on purpose: the broker alone stops (SIGTERM, as an orderly restart would) and starts again.
kafka-stop() { lock; mkdir -p "$LOGS"; kafka_stop; say "kafka stopped"; }
kafka-start() { T0=$SECONDS; lock; mkdir -p "$LOGS"; ensure_tools; kafka_start; if ((KSTARTED)); then kafka_wait; fi; say "kafka started in $(sec)"; }

usage() { echo "usage: [WARMLINE_STACK=<stack>] $0 up|down|status|wipe [--save-logs DIR]|save-logs DIR|pg-stop|pg-start|kafka-stop|kafka-start; stacks: $(stack_names)" >&2; exit 2; }
case "${1:-}" in
  up | down | status | pg-stop | pg-start | kafka-stop | kafka-start) "$1" ;;
  wipe)
    if [[ "${2:-}" == --save-logs ]]; then [[ -n "${3:-}" ]] || usage; SAVE_LOGS="$3"; fi
    wipe ;;
  save-logs) [[ -n "${2:-}" ]] || usage; save_logs "$2" ;;
  kafka-classpath) mkdir -p "$VARS"; classpath; echo "$CP" ;;
  *) usage ;;
esac
