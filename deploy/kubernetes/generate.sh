#!/usr/bin/env bash
# Writes the generated manifests of deploy/kubernetes (kafka-topics.yaml, kafka-users.yaml, prometheus-rules.yaml)
# from their sources: deploy/local/topics.txt, the services' application.properties, deploy/monitoring/alerts.yml.
# Run it after changing one of them; deploy/test.sh fails while they differ (deploy/kubernetes/check).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CHECK="$ROOT/deploy/kubernetes/check"
"$ROOT/mvnw" -B -q -f "$CHECK/pom.xml" package -DskipTests dependency:build-classpath \
  -Dmdep.includeScope=runtime -Dmdep.outputFile="$CHECK/target/classpath"
java -cp "$CHECK/target/classes:$(cat "$CHECK/target/classpath")" io.warmline.deploy.kubernetes.GenerateManifests "$ROOT"
