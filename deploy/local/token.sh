#!/usr/bin/env bash
# Issues a bearer token (JWT, RS256) for the local stack, as an identity provider would in production.
#   deploy/local/token.sh rep|team-lead|operator SUBJECT [TEAM] [HOURS]
# SUBJECT is the rep id (or the operator's id); TEAM the rep's or team lead's team. WARMLINE_STACK picks the
# stack whose key signs it (default local; the key is made by deploy/local/services.sh up).
# Example:  TOKEN=$(deploy/local/token.sh rep alex)  then  curl -H "Authorization: Bearer $TOKEN" ...
set -euo pipefail
[[ $# -ge 2 ]] || { sed -n '2,7p' "$0" >&2; exit 2; }
ROLE="$1"; SUBJECT="$2"; TEAM="${3:-}"; HOURS="${4:-12}"
case "$ROLE" in rep|team-lead|operator) ;; *) echo "role must be rep, team-lead or operator" >&2; exit 2 ;; esac
# Ids are held to the alphabet of the services' ids (they travel in URLs and logs); the token itself is built by
# SmallRye JWT (deploy/driver's IssueToken), so no id could add claims of its own anyway.
ID='^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$'
[[ "$SUBJECT" =~ $ID ]] || { echo "SUBJECT must match $ID" >&2; exit 2; }
[[ -z "$TEAM" || "$TEAM" =~ $ID ]] || { echo "TEAM must match $ID" >&2; exit 2; }
[[ "$HOURS" =~ ^[0-9]{1,4}$ ]] || { echo "HOURS must be a whole number" >&2; exit 2; }
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
KEY="$HERE/var/${WARMLINE_STACK:-local}/jwt/private.pem"
[[ -f "$KEY" ]] || { echo "no signing key at $KEY: start the stack first (deploy/run.sh)" >&2; exit 1; }
# The issuer's classpath (deploy/driver and its libraries), built once and again only when the driver changes;
# deploy/local/services.sh up builds it ahead, so scripts never wait for Maven here.
CP_FILE="$HERE/var/token.classpath"
DRIVER="$ROOT/deploy/driver"
if [[ ! -s "$CP_FILE" || -n "$(find "$DRIVER/pom.xml" "$DRIVER/src/main" "$ROOT/pom.xml" -newer "$CP_FILE" -print -quit)" ]]; then
  mkdir -p "$HERE/var"
  (
    flock 9
    "$ROOT/mvnw" -B -q -f "$DRIVER/pom.xml" package dependency:build-classpath -DskipTests \
      -Dmdep.includeScope=runtime -Dmdep.outputFile="$CP_FILE.tmp" >"$HERE/var/token-build.log" 2>&1 \
      || { echo "building the token issuer (deploy/driver) failed, see $HERE/var/token-build.log" >&2; exit 1; }
    echo "$DRIVER/target/classes:$(cat "$CP_FILE.tmp")" >"$CP_FILE" && rm -f "$CP_FILE.tmp"
  ) 9>"$HERE/var/token.lock"
fi
# A short-lived JVM: the C1 compiler only and the default class-data archive keep it near half a second.
exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -Dslf4j.internal.verbosity=ERROR -cp "$(cat "$CP_FILE")" io.warmline.driver.IssueToken \
  "$KEY" "$ROLE" "$SUBJECT" "$TEAM" "$HOURS"
