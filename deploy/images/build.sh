#!/usr/bin/env bash
# The container images the tests (Testcontainers), the services' Jib build and deploy/compose run on:
#   deploy/images/build.sh            (needs a running Docker engine; as root on a machine without a registry)
#   deploy/images/build.sh --services  also the four services' images, warmline/<service>:<project version>, from
#                                      each module's packaged target/quarkus-app (service/Dockerfile, FROM the JRE
#                                      image below): seconds, where Jib reading the JRE base out of the engine and
#                                      loading the whole image back took minutes (deploy/kubernetes/README.md, "Images")
# For each role it takes the official image when a registry answers (a quick pull, or already in the engine):
#   postgres      postgres:15                    else warmline-local/postgres:15
#   kafka         apache/kafka:4.2.1             else warmline-local/kafka:4.2.1
#   jre           eclipse-temurin:17-jre         else warmline-local/jre:17
# The local ones need no registry: one Debian root (debootstrap minbase with openjdk-17-jre-headless and
# postgresql-15, imported as warmline-local/base:bookworm) under all three; PostgreSQL gets the official image's
# entrypoint contract (postgres/), Kafka the Maven Central jars of deploy/local/kafka and the official image's
# environment contract (kafka/). Each image carries the hash of its inputs in the label io.warmline.inputs and is
# rebuilt only when that hash changes (a second run takes about a second). WARMLINE_IMAGES=local skips the pulls.
# Writes deploy/images/target/images.env (export lines WARMLINE_POSTGRES_IMAGE, WARMLINE_KAFKA_IMAGE,
# WARMLINE_JRE_IMAGE, WARMLINE_JIB_BASE_IMAGE), which deploy/test.sh and deploy/compose/smoke.sh source.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
TARGET="$HERE/target"
T0=$SECONDS
say() { echo "[images] $* ($((SECONDS - T0)) s)"; }
die() { echo "[images] ERROR: $*" >&2; exit 1; }
mkdir -p "$TARGET"
docker info >/dev/null 2>&1 || die "no Docker engine answers (deploy/local/prerequisites.sh test installs and starts one as root)"

LABEL=io.warmline.inputs
inputs_of() { docker image inspect -f "{{index .Config.Labels \"$LABEL\"}}" "$1" 2>/dev/null || true; }
hash_of() { sha256sum | cut -c1-16; }

# official IMAGE: true when the image is in the engine or a pull succeeds (a registry answers).
official() {
  [[ "${WARMLINE_IMAGES:-}" != local ]] || return 1
  docker image inspect "$1" >/dev/null 2>&1 && return 0
  timeout 120 docker pull -q "$1" >/dev/null 2>&1
}

# The base: Debian bookworm with the JRE and PostgreSQL 15, trimmed of package caches and docs.
BASE=warmline-local/base:bookworm
BASE_PACKAGES=openjdk-17-jre-headless,postgresql-15
MIRROR="${WARMLINE_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
base() {
  local inputs rootfs="$TARGET/rootfs"
  inputs="$(echo "bookworm minbase $BASE_PACKAGES trim-v1" | hash_of)"
  [[ "$(inputs_of "$BASE")" == "$inputs" ]] && return 0
  command -v debootstrap >/dev/null || die "debootstrap is missing (apt-get install -y debootstrap)"
  ((EUID == 0)) || die "debootstrap needs root"
  say "building $BASE (debootstrap $BASE_PACKAGES; about 80-110 s)"
  rm -rf "$rootfs"
  debootstrap --variant=minbase --include="$BASE_PACKAGES" bookworm "$rootfs" "$MIRROR" >"$TARGET/debootstrap.log" 2>&1 \
    || die "debootstrap failed, see $TARGET/debootstrap.log"
  # Debian's postgresql package made a cluster of its own at install: the images make theirs at start.
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/{doc,man,locale}/* \
    "$rootfs"/etc/postgresql/15/main "$rootfs"/var/lib/postgresql/15/main
  tar -C "$rootfs" -c . | docker import -c "LABEL $LABEL=$inputs" -c 'ENV LANG=C.UTF-8' - "$BASE" >/dev/null
  rm -rf "$rootfs"
  say "$BASE imported"
}

# build NAME DIR [EXTRA-INPUT]: docker build of DIR (its Dockerfile) FROM the base, skipped when its inputs hash
# (the base's id, DIR's files, EXTRA-INPUT) is the image's label.
build() {
  local name="$1" dir="$2" extra="${3:-}" inputs
  inputs="$( { docker image inspect -f '{{.Id}}' "$BASE"; (cd "$dir" && find . -type f ! -path './libs/*' | sort | xargs sha256sum); echo "$extra"; } | hash_of)"
  [[ "$(inputs_of "$name")" == "$inputs" ]] && return 0
  docker build -q --build-arg BASE="$BASE" --label "$LABEL=$inputs" -t "$name" "$dir" >"$TARGET/build-${name//[\/:]/_}.log" 2>&1 \
    || die "building $name failed, see $TARGET/build-${name//[\/:]/_}.log"
  say "$name built"
}

kafka() {
  local context="$TARGET/kafka" classpath
  classpath="$("$ROOT/deploy/local/infra.sh" kafka-classpath)" || die "resolving the Kafka classpath failed"
  rm -rf "$context"; mkdir -p "$context/libs"; cp "$HERE"/kafka/* "$context/"
  tr ':' '\n' <<<"$classpath" | while read -r jar; do [[ -z "$jar" ]] || ln -f "$jar" "$context/libs/" 2>/dev/null || cp "$jar" "$context/libs/"; done
  build warmline-local/kafka:4.2.1 "$context" "$(tr ':' '\n' <<<"$classpath" | xargs -n1 basename | sort)"
}

jre() {   # the base as it is, with the user the services run as (Jib: quarkus.jib.user=185)
  local inputs
  inputs="$( { docker image inspect -f '{{.Id}}' "$BASE"; echo jre-v1; } | hash_of)"
  [[ "$(inputs_of warmline-local/jre:17)" == "$inputs" ]] && return 0
  printf 'FROM %s\nRUN useradd -u 185 -r -m -d /home/jboss jboss\nUSER 185\n' "$BASE" \
    | docker build -q --label "$LABEL=$inputs" -t warmline-local/jre:17 - >"$TARGET/build-jre.log" 2>&1 \
    || die "building warmline-local/jre:17 failed, see $TARGET/build-jre.log"
  say "warmline-local/jre:17 built"
}

POSTGRES=postgres:15 KAFKA=apache/kafka:4.2.1 JRE=eclipse-temurin:17-jre JIB_BASE=eclipse-temurin:17-jre
if ! official "$POSTGRES" || ! official "$KAFKA" || ! official "$JRE"; then
  say "no registry answers (or WARMLINE_IMAGES=local): local images"
  base
  build warmline-local/postgres:15 "$HERE/postgres"
  kafka
  jre
  POSTGRES=warmline-local/postgres:15 KAFKA=warmline-local/kafka:4.2.1 JRE=warmline-local/jre:17
  JIB_BASE=docker://warmline-local/jre:17
fi
# services: each service's image from its packaged application, FROM the JRE image; skipped when its inputs (the
# JRE image's id, the Dockerfile, the application's files) are the image's label.
services() {
  local version service app inputs
  version="$(sed -n 's|^  <version>\(.*\)</version>|\1|p' "$ROOT/pom.xml" | head -1)"
  for service in intake-service scoring-service routing-service notification-service; do
    app="$ROOT/$service/target/quarkus-app"
    [[ -f "$app/quarkus-run.jar" ]] || die "$service is not packaged ($app; ./mvnw package -pl $service)"
    inputs="$( { docker image inspect -f '{{.Id}}' "$JRE"; cat "$HERE/service/Dockerfile";
      (cd "$app" && find . -type f | sort | xargs sha256sum); } | hash_of)"
    [[ "$(inputs_of "warmline/$service:$version")" == "$inputs" ]] && continue
    docker build -q --build-arg JRE="$JRE" --label "$LABEL=$inputs" -t "warmline/$service:$version" \
      -f "$HERE/service/Dockerfile" "$app" >"$TARGET/build-$service.log" 2>&1 \
      || die "building warmline/$service:$version failed, see $TARGET/build-$service.log"
    say "warmline/$service:$version built"
  done
}
[[ "${1:-}" != --services ]] || services

cat >"$TARGET/images.env.new" <<EOF
export WARMLINE_POSTGRES_IMAGE=$POSTGRES
export WARMLINE_KAFKA_IMAGE=$KAFKA
export WARMLINE_JRE_IMAGE=$JRE
export WARMLINE_JIB_BASE_IMAGE=$JIB_BASE
EOF
mv "$TARGET/images.env.new" "$TARGET/images.env"
say "images ready: $POSTGRES, $KAFKA, $JRE (deploy/images/target/images.env)"
