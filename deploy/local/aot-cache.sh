#!/usr/bin/env bash
# Java 25's ahead-of-time cache for the four services (JEP 483/514/515), opt-in: packages them as Quarkus' aot-jar
# (every class on the JVM's class path, where the cache can hold it), runs them on a throwaway stack under the
# benchmark's load generator for about two minutes (the training run: a lead's whole path, vendors, reps, alerts and
# follow-ups), and stops them, which writes <module>/target/quarkus-app/app.aot. Then:
#   WARMLINE_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java WARMLINE_AOT=use deploy/local/services.sh up
#   WARMLINE_JAVA=... WARMLINE_AOT=use deploy/bench/run.sh ...   (runs the trained build as it is, without rebuilding)
# A cache belongs to the build it was trained on: after ./mvnw package, train again (services.sh refuses a cache
# older than the jars). Opt-in, measured: see the note in README.md's benchmark section.
#   [WARMLINE_JAVA=<java 25+>] [WARMLINE_STACK=bench] deploy/local/aot-cache.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
export WARMLINE_STACK="${WARMLINE_STACK:-bench}"
export WARMLINE_JAVA="${WARMLINE_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
say() { echo "[aot-cache] $*"; }
[[ -x "$WARMLINE_JAVA" ]] || { say "no Java 25 at $WARMLINE_JAVA: install a JDK 25 (Debian 12 has none; e.g. Temurin from adoptium.net) and set WARMLINE_JAVA to its bin/java" >&2; exit 1; }
feature="$("$WARMLINE_JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ { print $2 }')"
((${feature%%.*} >= 25)) || { say "$WARMLINE_JAVA is Java $feature; the AOT cache wants 25 or newer" >&2; exit 1; }
# shellcheck source=stacks.sh
source deploy/local/stacks.sh
stack_select "$WARMLINE_STACK" || { say "unknown WARMLINE_STACK '$WARMLINE_STACK'" >&2; exit 2; }
VAR="deploy/local/var/$WARMLINE_STACK"

deploy/local/prerequisites.sh run
say "packaging the services as aot-jar and the load generator"
./mvnw -B -q package -DskipTests -pl intake-service,scoring-service,routing-service,notification-service -am \
  -Dquarkus.package.jar.type=aot-jar
./mvnw -B -q -f deploy/pom.xml -pl bench -am package dependency:build-classpath \
  -DskipTests -Dmdep.outputFile=target/classpath.txt
stop_all() {
  local rc=$?
  # Each service writes its cache as it exits: give it time before services.sh would kill it.
  WARMLINE_STOP_WAIT=300 deploy/local/services.sh down >/dev/null 2>&1 || true
  deploy/local/infra.sh wipe >/dev/null 2>&1 || true
  exit $rc
}
trap stop_all EXIT
say "training run on stack $WARMLINE_STACK"
deploy/local/infra.sh wipe >/dev/null
deploy/local/infra.sh up
WARMLINE_AOT=record deploy/local/services.sh up
stack_clients "$WARMLINE_STACK"
export WARMLINE_STACK_DIR="$ROOT/$VAR"
timeout 10m java -Xmx1g -Djava.awt.headless=true \
  -cp "deploy/bench/target/classes:$(cat deploy/bench/target/classpath.txt)" io.warmline.bench.Benchmark \
  --quick --rates 10 --timers 0 --out deploy/bench/target/aot-training >/dev/null
say "stopping the services: each writes its cache"
WARMLINE_STOP_WAIT=300 deploy/local/services.sh down
for svc in intake scoring routing notification; do
  cache="$svc-service/target/quarkus-app/app.aot"
  [[ -s "$cache" ]] || { say "$cache was not written; see $VAR/logs/$svc-service.log" >&2; exit 1; }
  say "$cache: $(($(stat -c %s "$cache") >> 20)) MB"
done
